# PGIC (reference/scales.md section 7.7), CGI-I-style direction:
# 1 = very much improved, 4 = no change, 7 = very much worse.
$ rater score pgic --values 1
total	1	Very much improved

$ rater score pgic change=4
total	4	No change

$ rater score pgic --values 7
total	7	Very much worse

# Not given (na): not scored.
$ rater score pgic --values na
total	NA	NA

$ rater score pgic change=8
! rater: change: 8 is not one of 1 2 3 4 5 6 7
? 1
