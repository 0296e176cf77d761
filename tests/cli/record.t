# rater record: a session from the command line, saved like one rated on
# screen.  The clock is fixed by RATER_NOW.
$ rater record phq9 --patient P017 --visit baseline --rater drx q1=2 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 q9=1 q10=0
P017/20261126T101500-phq9-1

# A second one in the same second gets the next number: never the same
# file.  The same scale at the same visit is warned of, and saved.
$ rater record phq9 --patient P017 --visit baseline --rater drx --answers tests/cli/data/phq9-answers.txt
P017/20261126T101500-phq9-2
! rater: P017: warning: phq9 at visit 'baseline' is already recorded: P017/20261126T101500-phq9-1, assessed 2026-11-26T10:15:00+00:00
! rater: P017/20261126T101500-phq9-2: saved as incomplete: not every item is answered

$ rater record phq9 --patient P017 --rater drx q1=4
! rater: q1: 4 is not one of 0 1 2 3
? 1

$ rater record phq9 --patient ../etc --rater drx q1=1
! rater: patient id '../etc' may contain only letters, digits, '.', '-' and '_'
? 1

$ rater record phq9 --patient P017 --rater "$(printf 'a\033b')" q1=1
! rater: the rater name may not contain control characters
? 1

$ rater record phq9 q1=1
! rater: record: --patient is required
! usage: rater record SCALE --patient ID [--visit LABEL] [--rater NAME] [--date DATE] [--answers FILE|-] [ID=VALUE ...]
? 2
