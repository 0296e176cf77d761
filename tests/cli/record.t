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

# A required item without a value (PHQ-9 item 9, here declined): the
# session is saved, with status incomplete, stderr names the item and
# the exit status is 3.  The total is prorated from the other eight and
# says so, and the item's own flag is raised.
$ rater record phq9 --patient P018 --rater drx q1=2 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 q9=ref q10=0
P018/20261126T101500-phq9-1
! rater: P018/20261126T101500-phq9-1: saved as incomplete: required item q9 has no value
? 3

$ grep -E '^(status|total|total\.band|total\.basis|q9_missing) ' "$RATER_DATA/sessions/P018/20261126T101500-phq9-1.ini"
status = incomplete
total = 10
total.band = Moderate
total.basis = prorated 8/9
q9_missing = critical

# Unanswered counts the same: HAM-D's suicide item (q3) is required.
$ rater record hamd17 --patient P019 --rater drx q1=1
P019/20261126T101500-hamd17-1
! rater: P019/20261126T101500-hamd17-1: saved as incomplete: required item q3 has no value
? 3

# Answered, the same session is complete and the exit status 0.
$ rater record phq9 --patient P018 --rater drx q1=2 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 q9=0 q10=0
P018/20261126T101500-phq9-2

$ rater verify >/dev/null; echo $?
0

# Every save names who rated: an empty --rater is no rater given, so
# the login name ($LOGNAME) is recorded; the audit line names it too.
$ rater --version >/dev/null 2>&1; LOGNAME=rater3 "$RATER" record phq9 --patient P020 --rater "" q1=0 >/dev/null 2>&1; grep -h '^rater = ' "$RATER_DATA"/sessions/P020/*.ini; tail -1 "$RATER_DATA/audit.log" | cut -f2 | sed "s/^$(id -un) /LOGIN /"
rater = rater3
LOGIN (rater3)
