# TWSTRS worked examples (reference/scales.md 3.6).
# TW-S-1: duration counts twice; A3 rated as retrocollis 1.  Only the
# severity items are given, so the other subscales and the total are NA.
$ rater score twstrs rotation=3 laterocollis=2 antero_retro=1 lateral_shift=1 sagittal_shift=0 duration=4 sensory_trick=1 shoulder=2 rom=2 time_neutral=3
severity	23
disability	NA
pain	NA
total	NA

# TW-S-2: severity maximum.
$ rater score twstrs --values 4,3,3,1,1,5,2,3,4,4
severity	35
disability	NA
pain	NA
total	NA

# TW-S-3: weighting trap: duration 1 alone gives 2.
$ rater score twstrs --values 0,0,0,0,0,1,0,0,0,0
severity	2
disability	NA
pain	NA
total	NA

# TW-S-4: laterocollis is 0-3.
$ rater score twstrs laterocollis=4
! rater: laterocollis: 4 is not one of 0 1 2 3
? 1

# TW-S-4: sensory tricks are 0-2 in the original TWSTRS.
$ rater score twstrs sensory_trick=3
! rater: sensory_trick: 3 is not one of 0 1 2
? 1

# TW-P-1 (provisional formula): (8 + 2 + 2 x 5) / 4 + 3 + 2 = 10.
$ rater score twstrs pain_worst=8 pain_best=2 pain_usual=5 pain_duration=3 pain_disability=2
severity	NA
disability	NA
pain	10.00
total	NA

# Every subscale at its maximum: 35 + 30 + 20 = 85.
$ rater score twstrs --values 4,3,3,1,1,5,2,3,4,4,5,5,5,5,5,5,10,10,10,5,5
severity	35
disability	30
pain	20.00
total	85.00
