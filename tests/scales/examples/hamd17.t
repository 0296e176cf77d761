# HAM-D17 worked example (reference/scales.md section 7.3).
# HAMD-1: 24 is severe in the Zimmerman set (first) and very severe in
# the CamCOPS set; item 16 rated by history (16a), 16b na.
$ rater score hamd17 --values 3,2,1,2,1,2,2,1,1,2,2,1,1,1,1,1,na,0
total	24	Severe	Very severe
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 q1=3 q2=2 q3=1 q4=2 q5=1 q6=2 q7=2 q8=1 q9=1 q10=2 q11=2 q12=1 q13=1 q14=1 q15=1 q16a=1 q16b=na q17=0
total	24	Severe	Very severe
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

# Boundaries of both sets: 7/8, 13/14, 16/17, 18/19, 22/23.
$ rater score hamd17 --values 1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,0,na,0
total	7	None	None
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 1,1,1,1,1,1,1,1,0,0,0,0,0,0,0,0,na,0
total	8	Mild	Mild
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 2,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,na,0
total	13	Mild	Mild
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 2,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,na,0
total	14	Mild	Moderate
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 2,2,1,1,1,1,1,1,1,1,1,1,1,1,0,0,na,0
total	16	Mild	Moderate
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,0,na,0
total	17	Moderate	Moderate
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,na,0
total	18	Moderate	Moderate
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 2,2,1,1,1,1,1,1,1,1,1,1,1,1,1,1,na,1
total	19	Moderate	Severe
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 3,2,1,1,1,1,2,1,1,2,1,1,1,1,1,1,na,1
total	22	Moderate	Severe
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

$ rater score hamd17 --values 3,2,1,1,1,1,2,1,1,2,2,1,1,1,1,1,na,1
total	23	Moderate	Very severe
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

# Maximum: nine items at 4, eight at 2.
$ rater score hamd17 --values 4,4,4,2,2,2,4,4,4,4,4,2,2,2,4,2,na,2
total	52	Severe	Very severe
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

# The suicide item left blank: no total, and a flag that says suicide
# risk is unknown.
$ rater score hamd17 --values 1,1,,1,1,1,1,1,1,1,1,1,1,1,1,1,na,1
total	NA	NA	NA
flag	q3_missing	critical	Item 3 (suicide) not assessed: suicide risk unknown

# Item 16 by measurement (16b) when 16a is na.
$ rater score hamd17 --values 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,na,2,0
total	2	None	None

# Item 16 not assessed (16a and 16b both na) is left out of the total,
# and the total says it is made of 16 of the 17 items.
$ rater score hamd17 --values 3,2,1,2,1,2,2,1,1,2,2,1,1,1,1,na,na,0
total	23	Moderate	Very severe
basis	total	partial 16/17
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

# Missing data: an unanswered item, no total.
$ rater score hamd17 --values 3,2,1,2,1,2,2,1,1,2,2,1,1,1,1,1,na,
total	NA	NA	NA
flag	q3	critical	Item 3 positive (suicide): assess suicide risk today

# Item 4 (0-2) refuses 3; "not assessed" is na, never the paper code 3.
$ rater score hamd17 q4=3
! rater: q4: 3 is not one of 0 1 2
? 1

$ rater score hamd17 q16a=3
! rater: q16a: 3 is not one of 0 1 2
? 1
