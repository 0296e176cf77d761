# YMRS worked examples (reference/scales.md sections 7.6 and 11).
# YMRS-2: maximum, 7 x 4 + 4 x 8 = 60.
$ rater score ymrs --values 4,4,4,4,8,8,4,8,8,4,4
total	60.0

# YMRS-3: item 5 = 3 lies between two anchors and is valid; total 8.
$ rater score ymrs --values 1,1,0,1,3,2,0,0,0,0,0
total	8.0

# Half points are allowed on every item: the total can end in .5.
$ rater score ymrs q1=2.5 q2=1.5 q3=0 q4=0.5 q5=4.5 q6=3 q7=1 q8=2 q9=0 q10=0 q11=0.5
total	15.5

# A missing item leaves the total unscored.
$ rater score ymrs --values 1,1,0,1,3,2,0,0,0,0,
total	NA

# YMRS-4: item 1 = 5 is refused (0-4 item), item 6 = 9 is refused (0-8).
$ rater score ymrs q1=5
! rater: q1: 5 is not one of 0 0.5 1 1.5 2 2.5 3 3.5 4
? 1

$ rater score ymrs q6=9
! rater: q6: 9 is not one of 0 0.5 1 1.5 2 2.5 3 3.5 4 4.5 5 5.5 6 6.5 7 7.5 8
? 1
