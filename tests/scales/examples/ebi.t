# EBI (reference/scales.md section 6.2): the scoring reference has no
# worked examples; these check the rule shipped (mean of six 0-100
# items, one decimal; provisional, mean vs sum).
# Typical: 395 / 6 = 65.83.
$ rater score ebi --values 50,60,70,80,90,45
total	65.8

# The mean, not the sum (600).
$ rater score ebi --values 100,100,100,100,100,100
total	100.0

$ rater score ebi q1=10 q2=10 q3=10 q4=10 q5=10 q6=50
total	16.7

# Missing data: an item unanswered or marked na, no total.
$ rater score ebi --values 50,60,70,80,90,
total	NA

$ rater score ebi --values 50,60,70,80,90,na
total	NA

# Out-of-range and fractional marks are refused.
$ rater score ebi q1=101
! rater: q1: 101 is not 0 to 100 in steps of 1
? 1

$ rater score ebi q3=50.5
! rater: q3: 50.5 is not 0 to 100 in steps of 1
? 1
