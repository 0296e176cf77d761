# PHQ-9 worked examples (reference/scales.md section 7.1).
# PHQ-1: lower bound of "moderate", item 9 raises the safety flag.
$ rater score phq9 --values 2,1,1,1,1,1,1,1,1
total	10	Moderate
flag	q9	critical	Item 9 positive: assess suicide risk today

# PHQ-2
$ rater score phq9 --values 3,3,2,2,2,2,2,1,0
total	17	Moderately severe

# PHQ-3: boundaries 0, 4/5, 19/20.
$ rater score phq9 --values 0,0,0,0,0,0,0,0,0
total	0	None-minimal

$ rater score phq9 --values 1,1,1,1,0,0,0,0,0
total	4	None-minimal

$ rater score phq9 --values 1,1,1,1,1,0,0,0,0
total	5	Mild

$ rater score phq9 q1=3 q2=3 q3=3 q4=2 q5=2 q6=2 q7=2 q8=2 q9=0
total	19	Moderately severe

$ rater score phq9 q1=3 q2=3 q3=3 q4=3 q5=2 q6=2 q7=2 q8=2 q9=0
total	20	Severe

# PHQ-4: two missing, prorated 7 + 2 x 1.0 = 9, and said to be.
$ rater score phq9 --values 2,2,,1,1,,1,0,0
total	9	Mild
basis	total	prorated 7/9

# Item 9 unanswered: the total of the other eight is prorated (10, not
# "10 Moderate" as if complete) and a critical flag says that suicide
# risk is unknown.
$ rater score phq9 --values 2,1,1,1,1,1,1,1,
total	10	Moderate
basis	total	prorated 8/9
flag	q9_missing	critical	Item 9 not assessed: suicide risk unknown

# PHQ-6: three missing, not scored.
$ rater score phq9 --values 2,2,,1,1,,1,,0
total	NA	NA

# Item 10 is not part of the total.
$ rater score phq9 --values 0,0,0,0,0,0,0,0,0,3
total	0	None-minimal

# An out-of-range answer is refused with the item and its values.
$ rater score phq9 q1=4
! rater: q1: 4 is not one of 0 1 2 3
? 1

$ rater score phq9 q99=1
! rater: no item 'q99' in phq9; did you mean 'q9'?
? 1
