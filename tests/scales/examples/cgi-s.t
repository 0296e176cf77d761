# CGI-S (reference/scales.md section 7.7).
# CGI-1: not assessed is entered as na and is not scored.
$ rater score cgi-s --values na
total	NA	NA

$ rater score cgi-s --values 1
total	1	Normal, not ill

$ rater score cgi-s severity=4
total	4	Moderately ill

$ rater score cgi-s --values 7
total	7	Among the most extremely ill

# The paper form's 0 (not assessed) is not a value.
$ rater score cgi-s severity=0
! rater: severity: 0 is not one of 1 2 3 4 5 6 7
? 1
