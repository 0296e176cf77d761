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
! rater: the rater name may not hold a control character U+001B at byte 2
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

# Text fields follow one rule (rater(1) TEXT FIELDS): no C0 or C1
# control, DEL, bidirectional control or line separator, valid UTF-8
# only; a message shows what was refused escaped, never raw.
$ rater --scales tests/cli/data/scales record mood --patient P017 --rater drx sad=1 comment="$(printf 'copy\033]52;c;aGk=\007')"
! rater: comment: the text may not hold a control character U+001B at byte 5
? 1

$ rater --scales tests/cli/data/scales record mood --patient P017 --rater drx sad=1 comment="$(printf 'two\nlines')"
! rater: comment: the text may not hold a control character U+000A at byte 4
? 1

$ rater --scales tests/cli/data/scales record mood --patient P017 --rater drx sad=1 comment="$(printf 'x\342\200\256cod.exe')"
! rater: comment: the text may not hold a bidirectional control character U+202E at byte 2
? 1

$ rater --scales tests/cli/data/scales record mood --patient P017 --rater drx --visit "$(printf 'w\342\201\246k')" sad=1
! rater: the visit label may not hold a bidirectional control character U+2066 at byte 2
? 1

$ rater --scales tests/cli/data/scales record mood --patient P017 --rater "$(printf 'dr\302\233x')" sad=1
! rater: the rater name may not hold a control character U+009B at byte 3
? 1

$ rater --scales tests/cli/data/scales record mood --patient P017 --rater "$(printf 'dr\377')" sad=1
! rater: the rater name may not hold an invalid UTF-8 byte 0xff at byte 3
? 1

$ rater --scales tests/cli/data/scales record mood --patient P017 --rater drx "$(printf 'sa\033[2Jd')=1"
! rater: no item 'sa\x1b[2Jd' in mood
? 1

$ rater --scales tests/cli/data/scales record mood --patient P017 --rater drx --answers - < tests/cli/data/answers-ctrl.txt
! rater: -:2: no item 'x\x07\u{202e}' in mood
? 1

$ rater --version >/dev/null 2>&1; printf 'comment = bell\007\n' | "$RATER" --scales tests/cli/data/scales record mood --patient P017 --rater drx --answers -
! rater: -:1: comment: the text may not hold a control character U+0007 at byte 5
? 1

# A malformed RATER_NOW is reported once, escaped, and the clock used.
$ rater --version >/dev/null 2>&1; RATER_NOW="$(printf 'soon\033[2J')" "$RATER" list --patient NOBODY
id	patient	scale	visit	assessed	started	rater	revision	status	scores
! rater: RATER_NOW 'soon\x1b[2J' is not a time like 2026-11-26T10:15:00+01:00; using the clock
? 0

# An item given twice is an error, not silently the last: on the
# command line, in an answers file, or in both; nothing is saved.
$ rater record phq9 --patient P040 --rater drx q1=1 q2=0 q1=2
! rater: q1 is given more than once: give each item once
? 1

$ rater record phq9 --patient P040 --rater drx --answers tests/cli/data/phq9-answers.txt q1=0
! rater: q1 is given more than once: give each item once
? 1

$ rater --version >/dev/null 2>&1; printf 'q1 = 1\nq2 = 0\nq1 = 3\n' | "$RATER" record phq9 --patient P040 --rater drx --answers -
! rater: -:3: q1 is given more than once: give each item once
? 1

$ rater --version >/dev/null 2>&1; test -e "$RATER_DATA/sessions/P040" || echo "nothing saved"
nothing saved

# Ids match whatever their case, as in the scale file.
$ rater record phq9 --patient P041 --rater drx Q1=2 q2=1 Q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 Q9=0 q10=0
P041/20261126T101500-phq9-1

$ rater --version >/dev/null 2>&1; grep -E '^(q1|q9|total) ' "$RATER_DATA/sessions/P041/20261126T101500-phq9-1.ini"
q1 = 2
q9 = 0
total = 9
