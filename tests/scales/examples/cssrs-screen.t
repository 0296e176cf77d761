# C-SSRS screener (lifetime/recent): the triage rules of the published
# screener on each branch; items q1 q2 q3 q4 q5 q6 q6b, "-" not asked.
# No ideation, no behaviour: no risk.
$ rater score cssrs-screen --values 0,0,-,-,-,0,-
ideation	0	No ideation
risk	0	No risk indicated

# Question 2 yes asks 3 to 5; a method is moderate risk.
$ rater score cssrs-screen --values 1,1,1,0,0,0,-
ideation	3	Active thoughts with a method, no intent or plan
risk	2	Moderate
flag	moderate	warning	Moderate risk on the C-SSRS screener: further evaluation

# Intent (question 4) is high risk, with the critical flag.
$ rater score cssrs-screen --values 1,1,1,1,0,0,-
ideation	4	Active thoughts with some intent, no specific plan
risk	3	High
flag	high	critical	High risk on the C-SSRS screener: act on the site's suicide-risk procedure now

# Behaviour within the past 3 months is high risk whatever the ideation.
$ rater score cssrs-screen --values 0,0,-,-,-,1,1
ideation	0	No ideation
risk	3	High
flag	high	critical	High risk on the C-SSRS screener: act on the site's suicide-risk procedure now

# Question 2 no: answers to 3 to 5 are not asked and do not count;
# score says so (record refuses them).
$ rater score cssrs-screen --values 0,0,1,1,1,0,-
ideation	0	No ideation
risk	0	No risk indicated
! rater: q3: not asked when its condition 'q2 == 1' is false; not scored
! rater: q4: not asked when its condition 'q2 == 1' is false; not scored
! rater: q5: not asked when its condition 'q2 == 1' is false; not scored
