# GAD-7 worked examples (reference/scales.md section 7.2).
# GAD-1: the 4/5 boundary, minimal to mild.
$ rater score gad7 --values 1,1,1,1,1,0,0
total	5	Mild

$ rater score gad7 --values 1,1,1,1,0,0,0
total	4	Minimal

# GAD-3: the 14/15 boundary, moderate to severe.
$ rater score gad7 --values 3,3,3,2,2,1,1
total	15	Severe

$ rater score gad7 --values 3,3,2,2,2,1,1
total	14	Moderate

# The 9/10 boundary, mild to moderate.
$ rater score gad7 q1=2 q2=2 q3=2 q4=1 q5=1 q6=1 q7=0
total	9	Mild

$ rater score gad7 q1=2 q2=2 q3=2 q4=1 q5=1 q6=1 q7=1
total	10	Moderate

# Maximum.
$ rater score gad7 --values 3,3,3,3,3,3,3
total	21	Severe

# Missing data: one item unanswered, no total.
$ rater score gad7 --values 1,1,1,1,1,1,
total	NA	NA

# An out-of-range answer is refused with the item and its values.
$ rater score gad7 q1=4
! rater: q1: 4 is not one of 0 1 2 3
? 1
