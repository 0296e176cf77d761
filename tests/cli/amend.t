# rater amend: a scripted correction saves a new revision that names
# the one it replaces and carries the reason; nothing is overwritten.
# The store is made by tests/cli/data/mkstore.sh.
$ rater --version >/dev/null 2>&1; sh tests/cli/data/mkstore.sh "$RATER" >/dev/null 2>&1

# Who amends: --rater, else the config's rater, else the login name
# ($LOGNAME, then the account); the rater stays who rated.  A revision
# is "<first revision's id>.rR", a name no new session can take.
$ rater --version >/dev/null 2>&1; LOGNAME=rater2 "$RATER" amend P017/20261108T090000-mood-1 --reason "sleep was 1, not 2" sleep=1 comment="checked with the patient"
P017/20261108T090000-mood-1.r2

# The new file, and the old one unchanged beside it.
$ rater --version >/dev/null 2>&1; grep -hE '^(id|rater|revision|replaces|reason|amended_by|sleep|comment|total) ' "$RATER_DATA/sessions/P017/20261108T090000-mood-1.r2.ini" "$RATER_DATA/sessions/P017/20261108T090000-mood-1.ini"
id = P017/20261108T090000-mood-1.r2
rater = drx
revision = 2
replaces = P017/20261108T090000-mood-1
reason = sleep was 1, not 2
amended_by = rater2
sleep = 1
comment = "checked with the patient"
total = 7
id = P017/20261108T090000-mood-1
rater = drx
revision = 1
sleep = 2
comment =
total = 8

# The audit log has the amendment; its user field is the account's
# login name and, in parentheses, the person the file names (rater for
# a save, amended_by for an amendment) when that is someone else.
$ rater --version >/dev/null 2>&1; cut -f2,3,4 "$RATER_DATA/audit.log" | sed "s/^$(id -un)\t/LOGIN\t/; s/^$(id -un) (/LOGIN (/"
LOGIN (drx)	save	P017/20261101T090000-mood-1
LOGIN (drx)	save	P017/20261108T090000-mood-1
LOGIN (drx)	save	P017/20261126T101500-mood-1
LOGIN (drx)	save	P017/20261108T093000-motor-1
LOGIN (drx)	save	P017/20261126T103000-motor-1
LOGIN (nurse2)	amend	P017/20261126T101500-mood-1.r2
LOGIN (Dr Müller)	save	P002/20261110T090000-mood-1
LOGIN (Dr Müller)	save	P002/20261120T010000-mood-1
LOGIN (nurse)	save	P002/20261119T210000-mood-1
LOGIN (rater2)	amend	P017/20261108T090000-mood-1.r2

$ rater list --patient P017 --scale mood
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P017/20261101T090000-mood-1	P017	mood	screening	2026-11-01T09:00:00+00:00	2026-11-01T09:00:00+00:00	drx	1	complete	total=9	total.band=High
P017/20261108T090000-mood-1.r2	P017	mood	baseline	2026-11-08T09:00:00+00:00	2026-11-08T09:00:00+00:00	drx	2	complete	total=7	total.band=Moderate
P017/20261126T101500-mood-1.r2	P017	mood	week 4	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	2	complete	total=4	total.band=Moderate	total.basis=partial 3/4

# A revision that was amended already cannot be amended again.
$ rater amend P017/20261108T090000-mood-1 --reason "again" sleep=0
! rater: amend: P017/20261108T090000-mood-1 was amended already by P017/20261108T090000-mood-1.r2; amend the latest revision
? 1

# A second amendment of the latest revision, by file path; the
# config's rater comes before the login name, --rater before both.
$ rater --version >/dev/null 2>&1; printf '[rater]\nrater = "Dr Config"\n' > "$RATER_DATA/c.ini"; LOGNAME=rater2 "$RATER" --config "$RATER_DATA/c.ini" amend "$RATER_DATA/sessions/P017/20261108T090000-mood-1.r2.ini" --reason=typo worry=na && grep '^amended_by' "$RATER_DATA/sessions/P017/20261108T090000-mood-1.r3.ini"
P017/20261108T090000-mood-1.r3
amended_by = Dr Config

$ rater --version >/dev/null 2>&1; LOGNAME=rater2 "$RATER" --config "$RATER_DATA/c.ini" amend P017/20261126T101500-mood-1.r2 --rater "Dr Y" --reason=again worry=3 && grep -h '^amended_by' "$RATER_DATA/sessions/P017/20261126T101500-mood-1.r"*.ini && tail -1 "$RATER_DATA/audit.log" | cut -f2 | sed "s/^$(id -un) /LOGIN /"
P017/20261126T101500-mood-1.r3
amended_by = nurse2
amended_by = Dr Y
LOGIN (Dr Y)

$ rater show P017/20261108T090000-mood-1.r3
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P017/20261108T090000-mood-1.r3
Revision:     3
Status:       complete
Patient:      P017
Visit:        baseline
Rater:        drx
Amended by:   Dr Config
Assessed:     2026-11-08T09:00:00+00:00
Started:      2026-11-08T09:00:00+00:00
Finished:     2026-11-26T10:15:00+00:00
Items:
   1. Sadness [sad]
      3: Always
   2. Poor sleep [sleep]
      1: Sometimes
   3. Worry, tension [worry]
      not applicable (na)
   4. Thoughts of self-harm [harm]
      1: Sometimes
   5. Weight change in kg [weight]
      0 (not scored)
   6. Comment [comment]
      "checked with the patient" (not scored)
Scores:
  Total [total]: 5 (partial 3/4: from 3 of 4 items), range 0 to 12
      band severity (primary): Moderate
      band alt (secondary): A
Flags:
  CRITICAL: Self-harm thoughts: assess the risk today [harm]
Change from baseline:
  This session is the baseline (visit baseline).
Revisions:
  1. P017/20261108T090000-mood-1: finished 2026-11-08T09:00:00+00:00, rater drx
  2. P017/20261108T090000-mood-1.r2: finished 2026-11-26T10:15:00+00:00, rater drx, amended by rater2
     Reason: sleep was 1, not 2
     Changed: sleep 2 -> 1
     Changed: comment (not answered) -> "checked with the patient"
  3. P017/20261108T090000-mood-1.r3: finished 2026-11-26T10:15:00+00:00, rater drx, amended by Dr Config (this report)
     Reason: typo
     Changed: worry 2 -> na
Check:
  Scores verified: recomputed with the scale version rated (sha256 af6da0a4f1a3), equal to those stored.

$ rater amend P017/20261108T090000-mood-1.r3 --reason "no change" worry=na
! rater: amend: nothing to amend: every answer given is the one P017/20261108T090000-mood-1.r3 holds
? 1

$ rater amend P017/20261108T090000-mood-1.r3 --reason "bad value" worry=7
! rater: worry: 7 is not one of 0 1 2 3
? 1

$ rater amend P017/20261108T090000-mood-1.r3 --reason "bad item" wory=1
! rater: no item 'wory' in mood; did you mean 'worry'?
? 1

$ rater amend P017/20261108T090000-mood-1.r3 sleep=1
! rater: amend: --reason is required
! usage: rater amend SESSION --reason TEXT [--rater NAME] [--date DATE] [--resolves OTHER] [ID=VALUE ...]
? 2

$ rater amend P017/20261108T090000-mood-1.r3 --reason "$(printf 'a\033b')" sleep=1
! rater: the reason may not hold a control character U+001B at byte 2
? 1

$ rater amend P017/20261108T090000-mood-1.r3 --reason "nothing"
! rater: amend: give the corrections as ID=VALUE, --date or --resolves
! usage: rater amend SESSION --reason TEXT [--rater NAME] [--date DATE] [--resolves OTHER] [ID=VALUE ...]
? 2

$ rater amend P017/20261301T090000-mood-1 --reason x sad=1
! rater: amend: no session P017/20261301T090000-mood-1
? 1

$ rater amend P017/20261108T090000-mood-9 --reason x sad=1
! rater: amend: no session P017/20261108T090000-mood-9
? 1

$ rater amend
! usage: rater amend SESSION --reason TEXT [--rater NAME] [--date DATE] [--resolves OTHER] [ID=VALUE ...]
? 2

$ rater amend P017/20261108T090000-mood-1.r3 --reason x --visit y
! rater: amend: unexpected argument '--visit'
! usage: rater amend SESSION --reason TEXT [--rater NAME] [--date DATE] [--resolves OTHER] [ID=VALUE ...]
? 2

$ rater --version >/dev/null 2>&1; wc -l < "$RATER_DATA/audit.log" && ls "$RATER_DATA/sessions/P017"
12
20261101T090000-mood-1.ini
20261108T090000-mood-1.ini
20261108T090000-mood-1.r2.ini
20261108T090000-mood-1.r3.ini
20261108T093000-motor-1.ini
20261126T101500-mood-1.ini
20261126T101500-mood-1.r2.ini
20261126T101500-mood-1.r3.ini
20261126T103000-motor-1.ini
