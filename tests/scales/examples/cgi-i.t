# CGI-I (reference/scales.md section 7.7): 1 = very much improved,
# 7 = very much worse.
$ rater score cgi-i --values 1
total	1	Very much improved

# Responder boundary: 2 is a responder, 3 is not.
$ rater score cgi-i --values 2
total	2	Much improved

$ rater score cgi-i improvement=3
total	3	Minimally improved

$ rater score cgi-i --values 4
total	4	No change

$ rater score cgi-i --values 7
total	7	Very much worse

# Not assessed is entered as na and is not scored.
$ rater score cgi-i --values na
total	NA	NA

# The paper form's 0 (not assessed) is not a value.
$ rater score cgi-i improvement=0
! rater: improvement: 0 is not one of 1 2 3 4 5 6 7
? 1
