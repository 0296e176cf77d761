# BFMDRS disability scale worked examples (reference/scales.md 2.6).
# BFM-D-1: a typical case; walking 6 (wheelchair) enters the sum as 6.
$ rater score bfmdrs-d speech=1 handwriting=2 feeding=1 eating=0 hygiene=1 dressing=2 walking=6
total	13

# BFM-D-2: walking has no code 5.
$ rater score bfmdrs-d walking=5
! rater: walking: 5 is not one of 0 1 2 3 4 6
? 1

# BFM-D-3: maximum, 6 x 4 + 6.
$ rater score bfmdrs-d --values 4,4,4,4,4,4,6
total	30

# An unanswered item: no total.
$ rater score bfmdrs-d --values 4,4,4,4,4,4,
total	NA
