# MADRS worked example MADRS-2 (reference/scales.md section 7.4):
# the Snaith band boundaries 6/7, 19/20 and 34/35, and item value 7
# refused.
$ rater score madrs --values 1,1,1,1,1,1,0,0,0,0
total	6	Normal

$ rater score madrs --values 1,1,1,1,1,1,1,0,0,0
total	7	Mild

$ rater score madrs --values 2,2,2,2,2,2,2,2,2,1
total	19	Mild
flag	q10	critical	Item 10 positive (suicidal thoughts): assess suicide risk today

$ rater score madrs --values 2,2,2,2,2,2,2,2,2,2
total	20	Moderate
flag	q10	critical	Item 10 positive (suicidal thoughts): assess suicide risk today

$ rater score madrs --values 4,4,4,4,4,4,3,3,2,2
total	34	Moderate
flag	q10	critical	Item 10 positive (suicidal thoughts): assess suicide risk today

$ rater score madrs q1=4 q2=4 q3=4 q4=4 q5=4 q6=4 q7=3 q8=3 q9=3 q10=2
total	35	Severe
flag	q10	critical	Item 10 positive (suicidal thoughts): assess suicide risk today

# Odd values between the anchors are valid ratings.
$ rater score madrs --values 3,4,3,2,1,3,2,3,2,1
total	24	Moderate
flag	q10	critical	Item 10 positive (suicidal thoughts): assess suicide risk today

# Maximum.
$ rater score madrs --values 6,6,6,6,6,6,6,6,6,6
total	60	Severe
flag	q10	critical	Item 10 positive (suicidal thoughts): assess suicide risk today

# Missing data: one item unanswered, no total.  The item left blank is
# the suicidal thoughts item: its own flag says so.
$ rater score madrs --values 6,6,6,6,6,6,6,6,6,
total	NA	NA
flag	q10_missing	critical	Item 10 (suicidal thoughts) not assessed: suicide risk unknown

# Item value 7 is refused (every item is 0-6).
$ rater score madrs q1=7
! rater: q1: 7 is not one of 0 1 2 3 4 5 6
? 1
