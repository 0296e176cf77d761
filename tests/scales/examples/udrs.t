# UDRS checks (reference/scales.md 4.1 and the scale-library issue).
# Duration moves in half points only: 2.25 is refused.
$ rater score udrs neck_dur=2.25
! rater: neck_dur: 2.25 is not one of 0 0.5 1 1.5 2 2.5 3 3.5 4
? 1

# Maximum: 14 areas x (4 + 4).
$ rater score udrs --values 4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4
total	112.0

# Half points add up: neck 3 + 2.5, trunk 1 + 0.5, right hand 2 + 1.5.
$ rater score udrs --values 0,0,0,0,0,0,0,0,3,2.5,1,0.5,0,0,0,0,2,1.5,0,0,0,0,0,0,0,0,0,0
total	10.5

# Severity is whole points 0-4.
$ rater score udrs neck_sev=2.5
! rater: neck_sev: 2.5 is not one of 0 1 2 3 4
? 1
