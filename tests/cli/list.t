# rater list: one tab-separated line per session (latest revisions
# only) under a header, sorted by patient, assessment time (as UTC;
# here, made by record without --date, the start time) and id;
# the scores of each session's own scale version follow as ID=VALUE,
# ID.band=LABEL and ID.band.SET=LABEL fields.  The store is made by
# tests/cli/data/mkstore.sh with `rater record` (see there).
$ rater --version >/dev/null 2>&1; sh tests/cli/data/mkstore.sh "$RATER" 2>/dev/null
P017/20261101T090000-mood-1
P017/20261108T090000-mood-1
P017/20261126T101500-mood-1
P017/20261108T093000-motor-1
P017/20261126T103000-motor-1
P017/20261126T101500-mood-1.r2
P002/20261110T090000-mood-1
P002/20261120T010000-mood-1
P002/20261119T210000-mood-1

# Everything.  P017's week 4 was amended: only revision 2 is listed.
# P002's +05:00 session (local date 11-20) started at 20:00 UTC on
# 11-19, an hour before the one saved as 21:00 UTC: it comes first.
$ rater list
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P002/20261110T090000-mood-1	P002	mood	day 1	2026-11-10T09:00:00+00:00	2026-11-10T09:00:00+00:00	Dr Müller	1	complete	total=1	total.band=Low
P002/20261120T010000-mood-1	P002	mood	day 10	2026-11-20T01:00:00+05:00	2026-11-20T01:00:00+05:00	Dr Müller	1	incomplete	total=NA	total.band=
P002/20261119T210000-mood-1	P002	mood	day 10	2026-11-19T21:00:00+00:00	2026-11-19T21:00:00+00:00	nurse	1	incomplete	total=3	total.band=Low
P017/20261101T090000-mood-1	P017	mood	screening	2026-11-01T09:00:00+00:00	2026-11-01T09:00:00+00:00	drx	1	complete	total=9	total.band=High
P017/20261108T090000-mood-1	P017	mood	baseline	2026-11-08T09:00:00+00:00	2026-11-08T09:00:00+00:00	drx	1	complete	total=8	total.band=High
P017/20261108T093000-motor-1	P017	motor	baseline	2026-11-08T09:30:00+00:00	2026-11-08T09:30:00+00:00	drx	1	complete	mean=2.25	ability=3.5
P017/20261126T101500-mood-1.r2	P017	mood	week 4	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	2	complete	total=4	total.band=Moderate	total.basis=partial 3/4
P017/20261126T103000-motor-1	P017	motor	week 4	2026-11-26T10:30:00+00:00	2026-11-26T10:30:00+00:00	drx	1	complete	mean=0.75	ability=6.5

$ rater list --patient P017
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P017/20261101T090000-mood-1	P017	mood	screening	2026-11-01T09:00:00+00:00	2026-11-01T09:00:00+00:00	drx	1	complete	total=9	total.band=High
P017/20261108T090000-mood-1	P017	mood	baseline	2026-11-08T09:00:00+00:00	2026-11-08T09:00:00+00:00	drx	1	complete	total=8	total.band=High
P017/20261108T093000-motor-1	P017	motor	baseline	2026-11-08T09:30:00+00:00	2026-11-08T09:30:00+00:00	drx	1	complete	mean=2.25	ability=3.5
P017/20261126T101500-mood-1.r2	P017	mood	week 4	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	2	complete	total=4	total.band=Moderate	total.basis=partial 3/4
P017/20261126T103000-motor-1	P017	motor	week 4	2026-11-26T10:30:00+00:00	2026-11-26T10:30:00+00:00	drx	1	complete	mean=0.75	ability=6.5

$ rater list --patient P017 --scale motor
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P017/20261108T093000-motor-1	P017	motor	baseline	2026-11-08T09:30:00+00:00	2026-11-08T09:30:00+00:00	drx	1	complete	mean=2.25	ability=3.5
P017/20261126T103000-motor-1	P017	motor	week 4	2026-11-26T10:30:00+00:00	2026-11-26T10:30:00+00:00	drx	1	complete	mean=0.75	ability=6.5

$ rater list --scale=mood --visit "day 10"
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P002/20261120T010000-mood-1	P002	mood	day 10	2026-11-20T01:00:00+05:00	2026-11-20T01:00:00+05:00	Dr Müller	1	incomplete	total=NA	total.band=
P002/20261119T210000-mood-1	P002	mood	day 10	2026-11-19T21:00:00+00:00	2026-11-19T21:00:00+00:00	nurse	1	incomplete	total=3	total.band=Low

# The visit is that of the latest revision.
$ rater list --visit "week 4"
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P017/20261126T101500-mood-1.r2	P017	mood	week 4	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	2	complete	total=4	total.band=Moderate	total.basis=partial 3/4
P017/20261126T103000-motor-1	P017	motor	week 4	2026-11-26T10:30:00+00:00	2026-11-26T10:30:00+00:00	drx	1	complete	mean=0.75	ability=6.5

# Dates are the local date of the assessment, inclusive.
$ rater list --since 2026-11-20
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P002/20261120T010000-mood-1	P002	mood	day 10	2026-11-20T01:00:00+05:00	2026-11-20T01:00:00+05:00	Dr Müller	1	incomplete	total=NA	total.band=
P017/20261126T101500-mood-1.r2	P017	mood	week 4	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	2	complete	total=4	total.band=Moderate	total.basis=partial 3/4
P017/20261126T103000-motor-1	P017	motor	week 4	2026-11-26T10:30:00+00:00	2026-11-26T10:30:00+00:00	drx	1	complete	mean=0.75	ability=6.5

$ rater list --until 2026-11-19 --patient P002
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P002/20261110T090000-mood-1	P002	mood	day 1	2026-11-10T09:00:00+00:00	2026-11-10T09:00:00+00:00	Dr Müller	1	complete	total=1	total.band=Low
P002/20261119T210000-mood-1	P002	mood	day 10	2026-11-19T21:00:00+00:00	2026-11-19T21:00:00+00:00	nurse	1	incomplete	total=3	total.band=Low

$ rater list --since 2026-11-19 --until 2026-11-19
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P002/20261119T210000-mood-1	P002	mood	day 10	2026-11-19T21:00:00+00:00	2026-11-19T21:00:00+00:00	nurse	1	incomplete	total=3	total.band=Low

$ rater list --patient P999
id	patient	scale	visit	assessed	started	rater	revision	status	scores

$ rater list --since 2026-11-31
! rater: list: --since '2026-11-31' is not a date YYYY-MM-DD
! usage: rater list [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater list --until 26-11-2026
! rater: list: --until '26-11-2026' is not a date YYYY-MM-DD
! usage: rater list [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater list --since
! rater: list: --since needs a value
! usage: rater list [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater list --patient ../etc
! rater: list: patient id '../etc' may contain only letters, digits, '.', '-' and '_'
! usage: rater list [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater list --scale PHQ9
! rater: list: scale id 'PHQ9' may contain only a-z, 0-9, '-' and '_'
! usage: rater list [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater list --visit "$(printf 'a\tb')"
! rater: the visit label may not hold a control character U+0009 at byte 2
! usage: rater list [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

$ rater list P017
! rater: list: unexpected argument 'P017'
! usage: rater list [--patient ID] [--scale ID] [--visit LABEL] [--since DATE] [--until DATE]
? 2

# Blind mode, from the command line or the configuration.
$ rater --blind list
! rater: list: refused in blind mode: a blinded rater may not see earlier sessions or their results
? 1

$ rater --config tests/cli/data/blind.ini list --patient P017
! rater: list: refused in blind mode: a blinded rater may not see earlier sessions or their results
? 1

# A changed scale file: a later session is rated with the edited
# mood.ini (a band renamed Moderate -> Medium, harm dropped from the
# total, same version number); the old sessions keep the results of
# the version they were rated with.
$ rater --version >/dev/null 2>&1; RATER_NOW=2026-12-24T09:00:00+00:00 "$RATER" --scales tests/cli/data/scales-v2 record mood --patient P017 --visit "week 8" --rater drx sad=1 sleep=2 worry=1 harm=3 weight=0
P017/20261224T090000-mood-1

$ rater --scales tests/cli/data/scales-v2 list --patient P017 --scale mood
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P017/20261101T090000-mood-1	P017	mood	screening	2026-11-01T09:00:00+00:00	2026-11-01T09:00:00+00:00	drx	1	complete	total=9	total.band=High
P017/20261108T090000-mood-1	P017	mood	baseline	2026-11-08T09:00:00+00:00	2026-11-08T09:00:00+00:00	drx	1	complete	total=8	total.band=High
P017/20261126T101500-mood-1.r2	P017	mood	week 4	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	2	complete	total=4	total.band=Moderate	total.basis=partial 3/4
P017/20261224T090000-mood-1	P017	mood	week 8	2026-12-24T09:00:00+00:00	2026-12-24T09:00:00+00:00	drx	1	complete	total=4	total.band=Medium
