# rater show: a session as a plain-text report for the medical record,
# scored with the scale version it was rated with.  The store is made
# by tests/cli/data/mkstore.sh with `rater record`.
$ rater --version >/dev/null 2>&1; sh tests/cli/data/mkstore.sh "$RATER" >/dev/null 2>&1

# The amended week 4 against the baseline, with its revisions and what
# the amendment changed; the site comes from the configuration.
$ rater --config tests/cli/data/site.ini show P017/20261126T101500-mood-1.r2
Rating session report
Site:         Movement Disorders Clinic
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P017/20261126T101500-mood-1.r2
Revision:     2
Status:       complete
Patient:      P017
Visit:        week 4
Rater:        drx
Amended by:   nurse2
Assessed:     2026-11-26T10:15:00+00:00
Started:      2026-11-26T10:15:00+00:00
Finished:     2026-11-27T08:00:00+00:00
Items:
   1. Sadness [sad]
      1: Sometimes
   2. Poor sleep [sleep]
      1: Sometimes
   3. Worry, tension [worry]
      2: Often
   4. Thoughts of self-harm [harm]
      not applicable (na)
   5. Weight change in kg [weight]
      2.5 (not scored)
   6. Comment [comment]
      not answered (not scored)
Scores:
  Total [total]: 4 (partial 3/4: from 3 of 4 items), range 0 to 12
      band severity (primary): Moderate
      band alt (secondary): A
Flags:
  none raised
Change from baseline:
  Baseline: P017/20261108T090000-mood-1, visit baseline, assessed 2026-11-08T09:00:00+00:00
  Total [total]: 8 -> 4, change -4 (-50.0%), improved; responder (improvement >= 50%): yes
Revisions:
  1. P017/20261126T101500-mood-1: finished 2026-11-26T10:15:00+00:00, rater drx
  2. P017/20261126T101500-mood-1.r2: finished 2026-11-27T08:00:00+00:00, rater drx, amended by nurse2 (this report)
     Reason: worry misheard
     Changed: worry 1 -> 2
Check:
  Scores verified: recomputed with the scale version rated (sha256 af6da0a4f1a3), equal to those stored.

# Its first revision is marked as amended.
$ rater show P017/20261126T101500-mood-1
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P017/20261126T101500-mood-1
Revision:     1, AMENDED: the latest revision is P017/20261126T101500-mood-1.r2 (revision 2)
Status:       complete
Patient:      P017
Visit:        week 4
Rater:        drx
Assessed:     2026-11-26T10:15:00+00:00
Started:      2026-11-26T10:15:00+00:00
Finished:     2026-11-26T10:15:00+00:00
Items:
   1. Sadness [sad]
      1: Sometimes
   2. Poor sleep [sleep]
      1: Sometimes
   3. Worry, tension [worry]
      1: Sometimes
   4. Thoughts of self-harm [harm]
      not applicable (na)
   5. Weight change in kg [weight]
      2.5 (not scored)
   6. Comment [comment]
      not answered (not scored)
Scores:
  Total [total]: 3 (partial 3/4: from 3 of 4 items), range 0 to 12
      band severity (primary): Low
      band alt (secondary): A
Flags:
  none raised
Change from baseline:
  Baseline: P017/20261108T090000-mood-1, visit baseline, assessed 2026-11-08T09:00:00+00:00
  Total [total]: 8 -> 3, change -5 (-62.5%), improved; responder (improvement >= 50%): yes
Revisions:
  1. P017/20261126T101500-mood-1: finished 2026-11-26T10:15:00+00:00, rater drx (this report)
  2. P017/20261126T101500-mood-1.r2: finished 2026-11-27T08:00:00+00:00, rater drx, amended by nurse2
     Reason: worry misheard
     Changed: worry 1 -> 2
Check:
  Scores verified: recomputed with the scale version rated (sha256 af6da0a4f1a3), equal to those stored.

# Before the baseline: no change is given.  A number item, a text item
# with a comma and quotes, a critical flag.
$ rater show P017/20261101T090000-mood-1
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P017/20261101T090000-mood-1
Revision:     1
Status:       complete
Patient:      P017
Visit:        screening
Rater:        drx
Assessed:     2026-11-01T09:00:00+00:00
Started:      2026-11-01T09:00:00+00:00
Finished:     2026-11-01T09:00:00+00:00
Items:
   1. Sadness [sad]
      3: Always
   2. Poor sleep [sleep]
      3: Always
   3. Worry, tension [worry]
      2: Often
   4. Thoughts of self-harm [harm]
      1: Sometimes
   5. Weight change in kg [weight]
      -1.5 (not scored)
   6. Comment [comment]
      "slept 4h, "tired"" (not scored)
Scores:
  Total [total]: 9, range 0 to 12
      band severity (primary): High
      band alt (secondary): B
Flags:
  CRITICAL: Self-harm thoughts: assess the risk today [harm]
Change from baseline:
  Baseline: P017/20261108T090000-mood-1, visit baseline, assessed 2026-11-08T09:00:00+00:00
  This session precedes the baseline: no change from baseline is given.
Revisions:
  1. P017/20261101T090000-mood-1: finished 2026-11-01T09:00:00+00:00, rater drx (this report)
Check:
  Scores verified: recomputed with the scale version rated (sha256 af6da0a4f1a3), equal to those stored.

# Decimals, a higher-is-better score, responder rules by threshold and
# by change; a file path inside the store works as well as an id.
$ rater show "$RATER_DATA/sessions/P017/20261126T103000-motor-1.ini"
Rating session report
Scale:        Motor test scale
Version:      motor version 2, sha256 db8ee27137cd
Scale status: verified
Session:      P017/20261126T103000-motor-1
Revision:     1
Status:       complete
Patient:      P017
Visit:        week 4
Rater:        drx
Assessed:     2026-11-26T10:30:00+00:00
Started:      2026-11-26T10:30:00+00:00
Finished:     2026-11-26T10:30:00+00:00
Items:
   1. Gait [gait]
      1
   2. Arm [arm]
      0.5
Scores:
  Mean severity [mean]: 0.75, range 0 to 4
  Ability [ability]: 6.5, range 0 to 8
Flags:
  none raised
Change from baseline:
  Baseline: P017/20261108T093000-motor-1, visit baseline, assessed 2026-11-08T09:30:00+00:00
  Mean severity [mean]: 2.25 -> 0.75, change -1.50 (-66.7%), improved; responder (value <= 1): yes
  Ability [ability]: 3.5 -> 6.5, change +3.0 (+85.7%), improved; responder (improvement >= 2): yes
Revisions:
  1. P017/20261126T103000-motor-1: finished 2026-11-26T10:30:00+00:00, rater drx (this report)
Check:
  Scores verified: recomputed with the scale version rated (sha256 db8ee27137cd), equal to those stored.

# No visit called baseline: the earliest is the baseline.  An answer
# hidden by its show-if condition, a name in UTF-8, a text answer with
# a newline (escaped).
$ rater show P002/20261110T090000-mood-1
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P002/20261110T090000-mood-1
Revision:     1
Status:       complete
Patient:      P002
Visit:        day 1
Rater:        Dr Müller
Assessed:     2026-11-10T09:00:00+00:00
Started:      2026-11-10T09:00:00+00:00
Finished:     2026-11-10T09:00:00+00:00
Items:
   1. Sadness [sad]
      0: Never
   2. Poor sleep [sleep]
      1: Sometimes
   3. Worry, tension [worry]
      0: Never
   4. Thoughts of self-harm [harm]
      not asked (shown only when sad >= 1): skipped
   5. Weight change in kg [weight]
      not applicable (na) (not scored)
   6. Comment [comment]
      "two lines, second "quoted"" (not scored)
Scores:
  Total [total]: 1, range 0 to 12
      band severity (primary): Low
      band alt (secondary): A
Flags:
  none raised
Change from baseline:
  This session is the baseline (the earliest; no visit is labelled baseline).
Revisions:
  1. P002/20261110T090000-mood-1: finished 2026-11-10T09:00:00+00:00, rater Dr Müller (this report)
Check:
  Scores verified: recomputed with the scale version rated (sha256 af6da0a4f1a3), equal to those stored.

# Missing codes spelled out, a score that cannot be computed, and a
# control character in a text answer, escaped.
$ rater show P002/20261120T010000-mood-1
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P002/20261120T010000-mood-1
Revision:     1
Status:       incomplete
Patient:      P002
Visit:        day 10
Rater:        Dr Müller
Assessed:     2026-11-20T01:00:00+05:00
Started:      2026-11-20T01:00:00+05:00
Finished:     2026-11-20T01:00:00+05:00
Items:
   1. Sadness [sad]
      unknown (unk)
   2. Poor sleep [sleep]
      declined (ref)
   3. Worry, tension [worry]
      0: Never
   4. Thoughts of self-harm [harm]
      0: Never
   5. Weight change in kg [weight]
      not answered (not scored)
   6. Comment [comment]
      "bell\\a" (not scored)
Scores:
  Total [total]: NA (cannot be computed from these answers), range 0 to 12
      band severity (primary): none (no value)
      band alt (secondary): none (no value)
Flags:
  none raised
Change from baseline:
  Baseline: P002/20261110T090000-mood-1, visit day 1, assessed 2026-11-10T09:00:00+00:00 (the earliest session; no visit is labelled baseline)
  Total [total]: 1 -> NA, change not available; responder (improvement >= 50%): not known
Revisions:
  1. P002/20261120T010000-mood-1: finished 2026-11-20T01:00:00+05:00, rater Dr Müller (this report)
Check:
  Scores verified: recomputed with the scale version rated (sha256 af6da0a4f1a3), equal to those stored.

$ rater show P017/20261126T101500-mood-9
! rater: show: no session P017/20261126T101500-mood-9
? 1

$ rater show P017
! rater: 'P017' is not a session id (PATIENT/YYYYMMDDTHHMMSS-SCALE-N) or a session file
? 1

$ rater show tests/cli/data/scales/mood.ini
! rater: tests/cli/data/scales/mood.ini is not a session file of the data directory
? 1

$ rater show
! usage: rater show SESSION
? 2

$ rater show P017/20261126T101500-mood-1.r2 P002/20261110T090000-mood-1
! usage: rater show SESSION
? 2

$ rater --blind show P017/20261126T101500-mood-1.r2
! rater: show: refused in blind mode: a blinded rater may not see earlier sessions or their results
? 1

# A changed scale file does not change an old report.
$ rater --version >/dev/null 2>&1; RATER_NOW=2026-12-24T09:00:00+00:00 "$RATER" --scales tests/cli/data/scales-v2 record mood --patient P017 --visit "week 8" --rater drx sad=1 sleep=2 worry=1 harm=3 weight=0
P017/20261224T090000-mood-1

$ rater --scales tests/cli/data/scales-v2 show P017/20261126T101500-mood-1.r2
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P017/20261126T101500-mood-1.r2
Revision:     2
Status:       complete
Patient:      P017
Visit:        week 4
Rater:        drx
Amended by:   nurse2
Assessed:     2026-11-26T10:15:00+00:00
Started:      2026-11-26T10:15:00+00:00
Finished:     2026-11-27T08:00:00+00:00
Items:
   1. Sadness [sad]
      1: Sometimes
   2. Poor sleep [sleep]
      1: Sometimes
   3. Worry, tension [worry]
      2: Often
   4. Thoughts of self-harm [harm]
      not applicable (na)
   5. Weight change in kg [weight]
      2.5 (not scored)
   6. Comment [comment]
      not answered (not scored)
Scores:
  Total [total]: 4 (partial 3/4: from 3 of 4 items), range 0 to 12
      band severity (primary): Moderate
      band alt (secondary): A
Flags:
  none raised
Change from baseline:
  Baseline: P017/20261108T090000-mood-1, visit baseline, assessed 2026-11-08T09:00:00+00:00
  Total [total]: 8 -> 4, change -4 (-50.0%), improved; responder (improvement >= 50%): yes
Revisions:
  1. P017/20261126T101500-mood-1: finished 2026-11-26T10:15:00+00:00, rater drx
  2. P017/20261126T101500-mood-1.r2: finished 2026-11-27T08:00:00+00:00, rater drx, amended by nurse2 (this report)
     Reason: worry misheard
     Changed: worry 1 -> 2
Check:
  Scores verified: recomputed with the scale version rated (sha256 af6da0a4f1a3), equal to those stored.

$ rater --scales tests/cli/data/scales-v2 show P017/20261224T090000-mood-1
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 2b7b9ea4d598
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P017/20261224T090000-mood-1
Revision:     1
Status:       complete
Patient:      P017
Visit:        week 8
Rater:        drx
Assessed:     2026-12-24T09:00:00+00:00
Started:      2026-12-24T09:00:00+00:00
Finished:     2026-12-24T09:00:00+00:00
Items:
   1. Sadness [sad]
      1: Sometimes
   2. Poor sleep [sleep]
      2: Often
   3. Worry, tension [worry]
      1: Sometimes
   4. Thoughts of self-harm [harm]
      3: Always (not scored)
   5. Weight change in kg [weight]
      0 (not scored)
   6. Comment [comment]
      not answered (not scored)
Scores:
  Total [total]: 4, range 0 to 9
      band severity (primary): Medium
      band alt (secondary): A
Flags:
  CRITICAL: Self-harm thoughts: assess the risk today [harm]
Change from baseline:
  Baseline: P017/20261108T090000-mood-1, visit baseline, assessed 2026-11-08T09:00:00+00:00
  The baseline was rated with another version of the scale (sha256 af6da0a4f1a3).
  Total [total]: 8 -> 4, change -4 (-50.0%), improved; responder (improvement >= 50%): yes
Revisions:
  1. P017/20261224T090000-mood-1: finished 2026-12-24T09:00:00+00:00, rater drx (this report)
Check:
  Scores verified: recomputed with the scale version rated (sha256 2b7b9ea4d598), equal to those stored.
