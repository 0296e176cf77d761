# Unambiguous ids.  A revision from 2 is saved as "<id of revision
# 1>.rR", a name no new session can take; before that, an amendment
# took the next free -N, like a second session in the same second.
# tests/cli/data/v1-amended was written by rater 0.1.0 (format 1): P1's
# mood session -1 amended twice (-2 revision 2, -3 revision 3), then a
# second session in the same second (-4, revision 1).  It still reads,
# verifies and is amended; the new revision continues the chain.
$ rater --version >/dev/null 2>&1; cp -R tests/cli/data/v1-amended/. "$RATER_DATA"/

$ rater --scales tests/cli/data/scales verify
verify: 4 sessions read, 4 audit lines, 0 problems

$ rater --scales tests/cli/data/scales list --patient P1
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P1/20261001T090000-mood-3	P1	mood	baseline	2026-10-01T09:00:00+00:00	2026-10-01T09:00:00+00:00	drx	3	complete	total=6	total.band=Moderate
P1/20261001T090000-mood-4	P1	mood	baseline	2026-10-01T09:00:00+00:00	2026-10-01T09:00:00+00:00	nurse	1	complete	total=3	total.band=Low

$ rater --scales tests/cli/data/scales amend P1/20261001T090000-mood-3 --rater drz --reason "sad misheard" sad=2
P1/20261001T090000-mood-1.r4

$ rater --scales tests/cli/data/scales amend P1/20261001T090000-mood-4 --rater drz --reason "harm misheard" harm=1
P1/20261001T090000-mood-4.r2

# A new session in that same second still takes the next free -N.
$ rater --version >/dev/null 2>&1; RATER_NOW=2026-10-01T09:00:00+00:00 "$RATER" --scales tests/cli/data/scales record mood --patient P1 --rater drx sad=1 sleep=1 worry=1 harm=0 weight=0
P1/20261001T090000-mood-5

$ rater --version >/dev/null 2>&1; ls "$RATER_DATA/sessions/P1"
20261001T090000-mood-1.ini
20261001T090000-mood-1.r4.ini
20261001T090000-mood-2.ini
20261001T090000-mood-3.ini
20261001T090000-mood-4.ini
20261001T090000-mood-4.r2.ini
20261001T090000-mood-5.ini

$ rater --scales tests/cli/data/scales verify
verify: 7 sessions read, 7 audit lines, 0 problems

# show: who rated and who amended each revision; files from before
# amended_by say it was not recorded.
$ rater --version >/dev/null 2>&1; "$RATER" --scales tests/cli/data/scales show P1/20261001T090000-mood-1.r4 | sed -n '/^Rater:/,/^Started:/p;/^Revisions:/,/^Check:/p'
Rater:        drx
Amended by:   drz
Assessed:     2026-10-01T09:00:00+00:00
Started:      2026-10-01T09:00:00+00:00
Revisions:
  1. P1/20261001T090000-mood-1: finished 2026-10-01T09:00:00+00:00, rater drx
  2. P1/20261001T090000-mood-2: finished 2026-10-02T09:00:00+00:00, rater drx, amended by (not recorded)
     Reason: sleep misheard
     Changed: sleep 2 -> 1
  3. P1/20261001T090000-mood-3: finished 2026-10-03T09:00:00+00:00, rater drx, amended by (not recorded)
     Reason: worry misheard
     Changed: worry 2 -> 1
  4. P1/20261001T090000-mood-1.r4: finished 2026-11-26T10:15:00+00:00, rater drx, amended by drz (this report)
     Reason: sad misheard
     Changed: sad 3 -> 2
Check:


# Patient ids are case-sensitive, but one that differs from an existing
# patient's only in case is refused, naming that patient (also on a
# case-insensitive file system, where both would share a directory).
$ rater --scales tests/cli/data/scales record mood --patient p1 --rater drx sad=1 sleep=1 worry=1 harm=0 weight=0
! rater: cannot save session: patient id 'p1' differs only in case from the existing patient 'P1': use P1 (ids that differ only in case are refused)
? 1

$ rater --version >/dev/null 2>&1; ls "$RATER_DATA/sessions"; wc -l < "$RATER_DATA/audit.log"
P1
7

# An item corrected twice in one amendment is an error; nothing saved.
$ rater --scales tests/cli/data/scales amend P1/20261001T090000-mood-4.r2 --rater drz --reason "twice" sad=1 SAD=2
! rater: sad is given more than once: give each item once
? 1
