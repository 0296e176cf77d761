#!/bin/sh
# Builds the store the review transcripts (list.t, show.t, export.t,
# amend.t) read, with `rater record` and the fixture scales in
# tests/cli/data/scales, on dates fixed by RATER_NOW.  Usage, from the
# top of the source tree, with RATER_DATA set:
#	sh tests/cli/data/mkstore.sh RATER
# Prints the id of each session saved.
#
# P017: mood at screening, baseline and week 4 (week 4 amended: worry
# 1 -> 2), motor at baseline and week 4.  P002: mood, no visit called
# baseline; an item hidden by a show-if condition (given as na: record
# stores it as skipped; a value there is refused), missing codes, a
# text answer with a comma and quotes, one with a backslash, a rater
# name in UTF-8, and two sessions whose local dates and UTC times sort
# differently (+05:00).  (record refuses control characters: export.t
# plants one in a session file to test that export escapes them.)
R=${1:?usage: mkstore.sh RATER}
S=tests/cli/data/scales
rec() {
	RATER_NOW=$1
	shift
	RATER_NOW=$RATER_NOW "$R" --scales "$S" record "$@"
}
rec 2026-11-01T09:00:00+00:00 mood --patient P017 --visit screening \
    --rater drx sad=3 sleep=3 worry=2 harm=1 weight=-1.5 \
    comment='slept 4h, "tired"'
rec 2026-11-08T09:00:00+00:00 mood --patient P017 --visit baseline \
    --rater drx sad=3 sleep=2 worry=2 harm=1 weight=0 comment=
rec 2026-11-26T10:15:00+00:00 mood --patient P017 --visit 'week 4' \
    --rater drx sad=1 sleep=1 worry=1 harm=na weight=2.5
rec 2026-11-08T09:30:00+00:00 motor --patient P017 --visit baseline \
    --rater drx gait=2 arm=2.5
rec 2026-11-26T10:30:00+00:00 motor --patient P017 --visit 'week 4' \
    --rater drx gait=1 arm=0.5
RATER_NOW=2026-11-27T08:00:00+00:00 "$R" amend \
    P017/20261126T101500-mood-1 --reason 'worry misheard' --rater nurse2 \
    worry=2
rec 2026-11-10T09:00:00+00:00 mood --patient P002 --visit 'day 1' \
    --rater 'Dr Müller' sad=0 sleep=1 worry=0 harm=na weight=na \
    comment='two lines, second "quoted"'
rec 2026-11-20T01:00:00+05:00 mood --patient P002 --visit 'day 10' \
    --rater 'Dr Müller' sad=unk sleep=ref worry=0 harm=0 \
    comment='bell\a'
rec 2026-11-19T21:00:00+00:00 mood --patient P002 --visit 'day 10' \
    --rater nurse sad=1 sleep=1 worry=1 harm=0
