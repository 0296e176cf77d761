# MEQ-30 worked examples (reference/scales.md section 6.1).
# MEQ-1: every item 3, each factor exactly 60 %: complete.
$ rater score meq30 --values 3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3
mystical	3.00
mood	3.00
transcendence	3.00
ineffability	3.00
total	3.00
complete	1

# MEQ-4: items 1, 7, 11, 13, 19, 22 = 5, the rest 2: only transcendence
# reaches 60 %; total (30 + 48) / 30 = 2.6.
$ rater score meq30 --values 5,2,2,2,2,2,5,2,2,2,5,2,5,2,2,2,2,2,5,2,2,5,2,2,2,2,2,2,2,2
mystical	2.00
mood	2.00
transcendence	5.00
ineffability	2.00
total	2.60
complete	0

# The total is 95 % of its maximum but ineffability (items 3, 10, 29 =
# 2, 3, 3) is 53 %: not complete.
$ rater score meq30 --values 5,5,2,5,5,5,5,5,5,3,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,3,5
mystical	5.00
mood	5.00
transcendence	5.00
ineffability	2.67
total	4.77
complete	0

# Just below 60 % on one factor (item 30, mood, = 2).
$ rater score meq30 --values 3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,2
mystical	3.00
mood	2.83
transcendence	3.00
ineffability	3.00
total	2.97
complete	0

# Maximum.
$ rater score meq30 --values 5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5
mystical	5.00
mood	5.00
transcendence	5.00
ineffability	5.00
total	5.00
complete	1

# Missing data: item 30 unanswered leaves mood and the total unscored.
$ rater score meq30 --values 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,
mystical	4.00
mood	NA
transcendence	4.00
ineffability	4.00
total	NA
complete	NA

# Answers are 0-5; an export coded 1-6 must be shifted first.
$ rater score meq30 q1=6
! rater: q1: 6 is not one of 0 1 2 3 4 5
? 1
