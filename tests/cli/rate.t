# rater rate and rater try (the screens are tested in tests/tui): a bad
# patient id is refused before any file is touched, and without a
# terminal they say so.
$ rater rate phq9 --patient ../x
! rater: patient id '../x' may contain only letters, digits, '.', '-' and '_'
? 1

$ rater rate phq9 --patient P1 --visit "$(printf 'a\tb')"
! rater: the visit label may not hold a control character U+0009 at byte 2
? 1

$ rater rate phq9
! rater: rate: --patient is required
! usage: rater rate SCALE --patient ID [--rater NAME] [--visit LABEL] [--date DATE]
? 2

$ rater rate phq9 --patient P1 --color
! rater: rate: unexpected argument '--color'
! usage: rater rate SCALE --patient ID [--rater NAME] [--visit LABEL] [--date DATE]
? 2

$ rater rate phq9 --patient P1
! rater: rate: the screens need a terminal (standard input and output are not one); see rater record and rater score
? 1

$ rater try
! usage: rater try FILE
? 2

$ rater try tests/tui/tuitest.ini
! rater: try: the screens need a terminal (standard input and output are not one); see rater record and rater score
? 1
