# BFMDRS movement scale worked examples (reference/scales.md 2.5).
# BFM-M-1: 0.5 weights and a fractional total.
$ rater score bfmdrs-m eyes_pf=4 eyes_sf=4 mouth_pf=0 mouth_sf=0 speech_pf=2 speech_sf=1 neck_pf=3 neck_sf=3 rarm_pf=1 rarm_sf=2 larm_pf=0 larm_sf=0 trunk_pf=0 trunk_sf=0 rleg_pf=0 rleg_sf=0 lleg_pf=0 lleg_sf=0
total	16.5

# BFM-M-2: maximum.
$ rater score bfmdrs-m --values 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4
total	120.0

# BFM-M-4: speech is weighted 1.0, not 0.5.
$ rater score bfmdrs-m --values 0,0,0,0,3,4,0,0,0,0,0,0,0,0,0,0,0,0
total	12.0

# The provoking factor is the integer 0-4.
$ rater score bfmdrs-m eyes_pf=5
! rater: eyes_pf: 5 is not one of 0 1 2 3 4
? 1

# One factor of one region na: the region drops out of the total, and
# visibly so (16 of the 18 items used), never a silent 104.0.
$ rater score bfmdrs-m --values 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,na
total	104.0
basis	total	partial 16/18
