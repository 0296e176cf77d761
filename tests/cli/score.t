# rater score: answers by name, in order, from a file or standard input,
# and whole CSV files.
$ rater score phq9 --answers tests/cli/data/phq9-answers.txt
total	9	Mild

$ rater score phq9 --answers - < tests/cli/data/phq9-answers.txt
total	9	Mild

# Global options may follow the sub-command.
$ rater score phq9 --scales scales q1=3 q2=3 q3=3 q4=3 q5=3 q6=3 q7=3 q8=3 q9=3
total	27	Severe
flag	q9	critical	Item 9 positive: assess suicide risk today

# Missing codes: unk and ref are missing, na is not applicable.
# Two missing (unk, ref): 6 over 7 answered, prorated 6 x 9 / 7 = 7.7 -> 8.
$ rater score phq9 --values 1,unk,1,ref,1,1,1,1,0
total	8	Mild
basis	total	prorated 7/9

$ rater score phq9 --values 1,1,1,1,1,1,1,1,1,1,1
! rater: --values has more than the 10 items of phq9
? 1

$ rater score phq9 q1=abc
! rater: q1: 'abc' is not a number or a missing code (unk ref)
? 1

$ rater score phq9 q1=1e1
! rater: q1: '1e1' is not a number or a missing code (unk ref)
? 1

$ rater score phq9 q1=0x1
! rater: q1: '0x1' is not a number or a missing code (unk ref)
? 1

# Hostile text is never echoed raw.
$ rater score phq9 "q1=$(printf '\033[2J')"
! rater: q1: '?[2J' is not a number or a missing code (unk ref)
? 1

$ rater --scales scales score nosuch q1=1
! rater: no scale 'nosuch' in scales
? 1

$ rater score phq9 --answers /nonexistent
! rater: /nonexistent: No such file or directory
? 1

# CSV: rows echoed as read, scores added (ID.basis says when a score is
# prorated or partial); a row with an invalid value gets NA scores and
# the exit status is 1.
$ rater score phq9 --csv tests/cli/data/phq9.csv
patient,visit,q1,q2,q3,q4,q5,q6,q7,q8,q9,note,total,total.band,total.basis,flags
P1,baseline,2,1,1,1,1,1,1,1,1,"has, comma",10,Moderate,,q9
P2,week 4,0,0,0,0,0,0,0,0,0,,0,None-minimal,,
P3,week 4,3,3,,2,2,,2,1,0,,17,Moderately severe,prorated 7/9,
P4,week 12,3,3,3,3,3,3,3,3,3,"multi
line",27,Severe,,q9
P5,bad,4,0,0,0,0,0,0,0,0,,NA,NA,,
! rater: tests/cli/data/phq9.csv:7: q1: 4 is not one of 0 1 2 3
? 1

# CRLF lines, a blank line, a quoted id, no final newline; a bad value
# repeated on the next row is reported there too (score --csv parses a
# column's repeated values once: the bad ones are never remembered).
$ rater score phq9 --csv tests/cli/data/phq9-crlf.csv
id,q1,q2,q3,q4,q5,q6,q7,q8,q9,total,total.band,total.basis,flags
A,1,1,1,1,1,1,1,1,1,9,Mild,,q9
B,4,0,0,0,0,0,0,0,0,NA,NA,,
C,4,0,0,0,0,0,0,0,0,NA,NA,,
D,1,1,1,1,1,1,1,1,unk,9,Mild,prorated 8/9,q9_missing
"E",1,1,1,1,1,1,1,1,1,9,Mild,,q9
F,1,1,1,1,1,1,1,1,1,9,Mild,,q9
! rater: tests/cli/data/phq9-crlf.csv:3: q1: 4 is not one of 0 1 2 3
! rater: tests/cli/data/phq9-crlf.csv:4: q1: 4 is not one of 0 1 2 3
? 1

$ rater score phq9 --csv tests/cli/data/phq9.csv q1=1
! rater: score: --csv cannot be combined with other answers
! usage: rater score SCALE [ID=VALUE ...] [--values V1,V2,...] [--answers FILE|-] [--csv FILE]
? 2

$ rater score
! usage: rater score SCALE [ID=VALUE ...] [--values V1,V2,...] [--answers FILE|-] [--csv FILE]
? 2

$ rater score phq9 --bogus
! rater: score: unexpected argument '--bogus'
! usage: rater score SCALE [ID=VALUE ...] [--values V1,V2,...] [--answers FILE|-] [--csv FILE]
? 2

# An item given twice is an error (exit 1, nothing printed), whether
# twice by name or by name after --values; ids match whatever their case.
$ rater score phq9 q1=1 q1=2
! rater: q1 is given more than once: give each item once
? 1

$ rater score phq9 --values 1,1,1,1,1,1,1,1,1 q9=0
! rater: q9 is given more than once: give each item once
? 1

$ rater score phq9 Q1=1 Q2=1 q3=1 Q4=1 q5=1 q6=1 q7=1 q8=1 Q9=1
total	9	Mild
flag	q9	critical	Item 9 positive: assess suicide risk today

$ rater score phq9 Q1=1 q1=2
! rater: q1 is given more than once: give each item once
? 1

# "Not a number" names the missing codes the item accepts: all three
# (GAD-7 declares none), those of its missing key, or none at all.
$ rater score gad7 q1=x
! rater: q1: 'x' is not a number or a missing code (na unk ref)
? 1

$ rater score tests/scales/good/missing-none.ini a=x
! rater: a: 'x' is not a number
? 1

$ rater score tests/scales/good/missing-none.ini b=x
! rater: b: 'x' is not a number or a missing code (na unk ref)
? 1
