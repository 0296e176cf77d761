# GDS worked example (reference/scales.md 4.2).
# GDS-1: neck 7, right hand 3, every other area 0.
$ rater score gds neck=7 arm_dist_r=3 upper_face=0 lower_face=0 jaw_tongue=0 larynx=0 trunk=0 arm_prox_r=0 arm_prox_l=0 arm_dist_l=0 leg_prox_r=0 leg_prox_l=0 leg_dist_r=0 leg_dist_l=0
total	10

# GDS-1 again in form order (neck is area 5, right hand area 9).
$ rater score gds --values 0,0,0,0,7,0,0,0,3,0,0,0,0,0
total	10

# Maximum (provisional area list): 14 x 10.
$ rater score gds --values 10,10,10,10,10,10,10,10,10,10,10,10,10,10
total	140

# Ratings are 0-10.
$ rater score gds neck=11
! rater: neck: 11 is not one of 0 1 2 3 4 5 6 7 8 9 10
? 1
