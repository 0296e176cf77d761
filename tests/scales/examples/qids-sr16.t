# QIDS-SR16 worked examples (reference/scales.md section 7.5).
# QIDS-2: every applicable item 3, items 7 and 9 skipped (na): nine
# domains x 3 = 27, very severe (a naive item sum would be 42).
$ rater score qids-sr16 --values 3,3,3,3,3,3,na,3,na,3,3,3,3,3,3,3
sleep	3
appetite_weight	3
psychomotor	3
total	27	Very severe
flag	q12	critical	Item 12 positive (thoughts of death or suicide): assess suicide risk today

# QIDS-3: the 5/6 boundary; sleep 0,1,1,0 counts 1, appetite/weight 0.
$ rater score qids-sr16 --values 0,1,1,0,1,0,na,0,na,1,1,0,1,1,0,0
sleep	1
appetite_weight	0
psychomotor	0
total	6	Mild

# QIDS-3 with interest changed to 0.
$ rater score qids-sr16 q1=0 q2=1 q3=1 q4=0 q5=1 q6=0 q7=na q8=0 q9=na q10=1 q11=1 q12=0 q13=0 q14=1 q15=0 q16=0
sleep	1
appetite_weight	0
psychomotor	0
total	5	None

# The other band boundaries: 20 severe, 21 very severe.
$ rater score qids-sr16 --values 3,0,0,0,3,2,na,0,na,2,2,1,2,3,2,0
sleep	3
appetite_weight	2
psychomotor	2
total	20	Severe
flag	q12	critical	Item 12 positive (thoughts of death or suicide): assess suicide risk today

$ rater score qids-sr16 --values 3,0,0,0,3,2,na,0,na,2,2,2,2,3,2,0
sleep	3
appetite_weight	2
psychomotor	2
total	21	Very severe
flag	q12	critical	Item 12 positive (thoughts of death or suicide): assess suicide risk today

# The increase partners (7 and 9) answered instead of 6 and 8.
$ rater score qids-sr16 --values 0,0,0,0,0,na,2,na,3,0,0,0,0,0,0,0
sleep	0
appetite_weight	3
psychomotor	0
total	3	None

# Both partners of a pair na: the domain and the total are not scored.
$ rater score qids-sr16 --values 1,0,0,0,1,na,na,1,na,1,1,0,1,1,0,0
sleep	1
appetite_weight	NA
psychomotor	0
total	NA	NA

# An out-of-range answer is refused.
$ rater score qids-sr16 q1=4
! rater: q1: 4 is not one of 0 1 2 3
? 1
