# The assessment date (issue 11, "When"): paper forms entered late and
# out of order land where they were assessed.  The clock is fixed at
# 2026-11-26T10:15:00+00:00 (RATER_NOW), TZ=UTC.
#
# Week 12 is entered first (assessed now), then the baseline on paper
# from 2026-09-01 (a date alone), then week 4 at 14:30 on 2026-09-29.
$ rater record phq9 --patient P030 --visit "week 12" --rater drx q1=1 q2=1 q3=0 q4=1 q5=0 q6=0 q7=0 q8=0 q9=0 q10=0
P030/20261126T101500-phq9-1

$ rater record phq9 --patient P030 --visit baseline --rater drx --date 2026-09-01 q1=2 q2=2 q3=2 q4=2 q5=1 q6=1 q7=1 q8=1 q9=0 q10=1
P030/20261126T101500-phq9-2

$ rater record phq9 --patient P030 --visit "week 4" --rater drx --date 2026-09-29T14:30 q1=1 q2=2 q3=1 q4=1 q5=1 q6=1 q7=0 q8=0 q9=0 q10=0
P030/20261126T101500-phq9-3

# Listed in the order assessed: baseline, week 4, week 12.
$ rater list --patient P030
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P030/20261126T101500-phq9-2	P030	phq9	baseline	2026-09-01	2026-11-26T10:15:00+00:00	drx	1	complete	total=12	total.band=Moderate
P030/20261126T101500-phq9-3	P030	phq9	week 4	2026-09-29T14:30:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	total=7	total.band=Mild
P030/20261126T101500-phq9-1	P030	phq9	week 12	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	total=3	total.band=None-minimal

# --since and --until go by the assessment date, not the entry.
$ rater list --patient P030 --since 2026-09-01 --until 2026-09-30
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P030/20261126T101500-phq9-2	P030	phq9	baseline	2026-09-01	2026-11-26T10:15:00+00:00	drx	1	complete	total=12	total.band=Moderate
P030/20261126T101500-phq9-3	P030	phq9	week 4	2026-09-29T14:30:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	total=7	total.band=Mild

$ rater list --patient P030 --since 2026-09-02
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P030/20261126T101500-phq9-3	P030	phq9	week 4	2026-09-29T14:30:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	total=7	total.band=Mild
P030/20261126T101500-phq9-1	P030	phq9	week 12	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	total=3	total.band=None-minimal

# Week 12, entered before the baseline, has its change from baseline.
$ rater show P030/20261126T101500-phq9-1 | sed -n '/^Visit:/,/^Finished:/p;/^Change from/,/^Revisions:/p'
Visit:        week 12
Rater:        drx
Assessed:     2026-11-26T10:15:00+00:00
Started:      2026-11-26T10:15:00+00:00
Finished:     2026-11-26T10:15:00+00:00
Change from baseline:
  Baseline: P030/20261126T101500-phq9-2, visit baseline, assessed 2026-09-01
  Total [total]: 12 -> 3, change -9 (-75.0%), improved; responder (improvement >= 50%): yes
Revisions:

# Both exports carry it, as stored, in the same order.
$ rater export --patient P030 | grep ',score,'
P030/20261126T101500-phq9-2,P030,phq9,1,ab2a2992b8a95ce941238fc2f79af9bcb1b4de9522137c273164fc57fb89ae23,baseline,2026-09-01,2026-11-26T10:15:00+00:00,drx,,1,complete,score,total,12,Moderate,,,
P030/20261126T101500-phq9-3,P030,phq9,1,ab2a2992b8a95ce941238fc2f79af9bcb1b4de9522137c273164fc57fb89ae23,week 4,2026-09-29T14:30:00+00:00,2026-11-26T10:15:00+00:00,drx,,1,complete,score,total,7,Mild,,,
P030/20261126T101500-phq9-1,P030,phq9,1,ab2a2992b8a95ce941238fc2f79af9bcb1b4de9522137c273164fc57fb89ae23,week 12,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,,1,complete,score,total,3,None-minimal,,,

$ rater export --format wide --scale phq9 --patient P030 | cut -d, -f1,6-9
session_id,visit,assessed,started,finished
P030/20261126T101500-phq9-2,baseline,2026-09-01,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00
P030/20261126T101500-phq9-3,week 4,2026-09-29T14:30:00+00:00,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00
P030/20261126T101500-phq9-1,week 12,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00

# The file: format 3, assessed after the visit; the id keeps the entry
# time.
$ rater --version >/dev/null; sed -n '3p;11,13p' "$RATER_DATA/sessions/P030/20261126T101500-phq9-2.ini"
format = 3
visit = baseline
assessed = 2026-09-01
started = 2026-11-26T10:15:00+00:00

# An amendment keeps the assessment date.
$ rater amend P030/20261126T101500-phq9-2 --reason "q9 misread" q9=1 >/dev/null; grep '^assessed' "$RATER_DATA/sessions/P030/20261126T101500-phq9-2.r2.ini"
assessed = 2026-09-01

# A date in the future is refused, with 5 minutes allowed for clock skew.
$ rater record phq9 --patient P030 --visit "week 16" --date 2026-11-27 q1=1
! rater: P030: the assessment date 2026-11-27 is in the future (now is 2026-11-26T10:15:00+00:00)
? 1

$ rater record phq9 --patient P030 --visit "week 16" --date 2026-11-26T10:21 q1=1
! rater: P030: the assessment date 2026-11-26T10:21:00+00:00 is in the future (now is 2026-11-26T10:15:00+00:00)
? 1

# rate refuses it before the screens start (RATER_EXIT_AFTER_DRAW
# stands for a terminal).
$ rater --version >/dev/null; RATER_EXIT_AFTER_DRAW=1 "$RATER" rate phq9 --patient P030 --visit "week 16" --date 2026-12-01
! rater: P030: the assessment date 2026-12-01 is in the future (now is 2026-11-26T10:15:00+00:00)
? 1

$ rater record phq9 --patient P030 --visit "week 16" --date 2026-11-26T10:20 q1=1
P030/20261126T101500-phq9-4
! rater: P030/20261126T101500-phq9-4: saved as incomplete: required item q9 has no value
? 3

# Malformed dates.
$ rater record phq9 --patient P030 --date 2026-02-29 q1=1
! rater: --date: '2026-02-29' is not a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM
? 1

$ rater record phq9 --patient P030 --date "2026-09-01 10:00" q1=1
! rater: --date: '2026-09-01 10:00' is not a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM
? 1

# More than 90 days (max_backdate_days) before the patient's first
# assessment (2026-09-01) is warned of, and saved.
$ rater record phq9 --patient P030 --visit screening --date 2026-06-02 q1=1
P030/20261126T101500-phq9-5
! rater: P030: warning: the assessment date 2026-06-02 is more than 90 days before the patient's first session
! rater: P030/20261126T101500-phq9-5: saved as incomplete: required item q9 has no value
? 3

# The first session is now that of 2026-06-02: 90 days before it is
# within the limit.
$ rater record phq9 --patient P030 --visit screening2 --date 2026-03-04 q1=1
P030/20261126T101500-phq9-6
! rater: P030/20261126T101500-phq9-6: saved as incomplete: required item q9 has no value
? 3

# For a new patient, before today.
$ rater record phq9 --patient P031 --date 2025-11-26 q1=1
P031/20261126T101500-phq9-1
! rater: P031: warning: the assessment date 2025-11-26 is more than 90 days before today
! rater: P031/20261126T101500-phq9-1: saved as incomplete: required item q9 has no value
? 3

# The same scale at the same visit (its latest revision) is warned of.
$ rater record phq9 --patient P030 --visit baseline --date 2026-09-01 q1=1
P030/20261126T101500-phq9-7
! rater: P030: warning: phq9 at visit 'baseline' is already recorded: P030/20261126T101500-phq9-2.r2, assessed 2026-09-01
! rater: P030/20261126T101500-phq9-7: saved as incomplete: required item q9 has no value
? 3

# Another scale at that visit is not.
$ rater record gad7 --patient P030 --visit baseline --date 2026-09-01 q1=1
P030/20261126T101500-gad7-1
! rater: P030/20261126T101500-gad7-1: saved as incomplete: not every item is answered

# An amendment corrects the date; show lists the change.
$ rater amend P030/20261126T101500-phq9-3 --reason "wrong day on the form" --date 2026-09-28T14:30
P030/20261126T101500-phq9-3.r2

$ rater show P030/20261126T101500-phq9-3.r2 | grep -e '^Assessed' -e 'Changed'
Assessed:     2026-09-28T14:30:00+00:00
     Changed: assessed 2026-09-29T14:30:00+00:00 -> 2026-09-28T14:30:00+00:00

$ rater amend P030/20261126T101500-phq9-3.r2 --reason "again" --date 2026-09-28T14:30
! rater: amend: nothing to amend: every answer given is the one P030/20261126T101500-phq9-3.r2 holds
? 1

$ rater amend P030/20261126T101500-phq9-3.r2 --reason "typo" --date 2026-12-28
! rater: P030: the assessment date 2026-12-28 is in the future (now is 2026-11-26T10:15:00+00:00)
? 1

# max_backdate_days in the configuration sets the limit.
$ rater --config tests/cli/data/backdate30.ini record phq9 --patient P032 --date 2026-10-26 q1=1
P032/20261126T101500-phq9-1
! rater: P032: warning: the assessment date 2026-10-26 is more than 30 days before today
! rater: P032/20261126T101500-phq9-1: saved as incomplete: required item q9 has no value
? 3

$ rater --config tests/cli/data/backdate30.ini record phq9 --patient P033 --date 2026-10-27 q1=1
P033/20261126T101500-phq9-1
! rater: P033/20261126T101500-phq9-1: saved as incomplete: required item q9 has no value
? 3

$ rater --config tests/cli/data/backdate-bad.ini list
! tests/cli/data/backdate-bad.ini:3: error: max_backdate_days must be a whole number of days from 0 to 36500
? 1

# The date filters go by the latest revision: week 4, corrected to
# 2026-09-28, is not listed for 2026-09-29 (where its first revision
# was), and is for 2026-09-28.
$ rater list --patient P030 --scale phq9 --since 2026-09-29 --until 2026-09-29
id	patient	scale	visit	assessed	started	rater	revision	status	scores

$ rater list --patient P030 --scale phq9 --since 2026-09-28 --until 2026-09-28
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P030/20261126T101500-phq9-3.r2	P030	phq9	week 4	2026-09-28T14:30:00+00:00	2026-11-26T10:15:00+00:00	drx	2	complete	total=7	total.band=Mild
