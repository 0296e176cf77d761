#!/bin/sh
# How tests/cli/data/format1/DATA was made, kept for the record: run once,
# on 2026-12-04, with the rater of main at 5a1b293 (the last to write
# session format 1), from the top of the source tree:
#	sh tests/cli/data/format1/mk.sh OLD-RATER
# It must not be run again by a newer rater: the point of the fixture is
# that its files were written by the old program.  tests/cli/format1.sh
# checks that they still load, score, list, show, export and verify.
#
# P017: PHQ-9 at screening, baseline, week 4 (amended), and BFMDRS-M at
# baseline; an unfinished PHQ-9 draft for week 8 (made on the screen,
# stopped with SIGKILL after two answers).  P002: PHQ-9 with a missing
# code (unk) and no text answer and a rater name in UTF-8, saved
# incomplete, and one at +05:00.
R=${1:?usage: mk.sh OLD-RATER}
D=tests/cli/data/format1/DATA
rm -rf "$D"
mkdir -p "$D"
export RATER_DATA=$PWD/$D RATER_SCALES=$PWD/scales TZ=UTC LC_ALL=C.UTF-8
export XDG_CONFIG_HOME=/nonexistent
rec() {
	RATER_NOW=$1
	shift
	RATER_NOW=$RATER_NOW "$R" record "$@"
}
rec 2026-11-01T09:00:00+00:00 phq9 --patient P017 --visit screening \
    --rater drx q1=3 q2=3 q3=2 q4=2 q5=1 q6=2 q7=1 q8=1 q9=0 q10=2
rec 2026-11-08T09:00:00+00:00 phq9 --patient P017 --visit baseline \
    --rater drx q1=3 q2=2 q3=2 q4=2 q5=1 q6=2 q7=1 q8=0 q9=0 q10=1
rec 2026-11-08T09:30:00+00:00 bfmdrs-m --patient P017 --visit baseline \
    --rater drx eyes_pf=2 eyes_sf=2 mouth_pf=1 mouth_sf=1 speech_pf=0 \
    speech_sf=0 neck_pf=3 neck_sf=2 rarm_pf=2 rarm_sf=1 larm_pf=0 \
    larm_sf=0 trunk_pf=1 trunk_sf=1 rleg_pf=0 rleg_sf=0 lleg_pf=0 \
    lleg_sf=0
rec 2026-11-26T10:15:00+00:00 phq9 --patient P017 --visit 'week 4' \
    --rater drx q1=1 q2=1 q3=1 q4=1 q5=0 q6=1 q7=0 q8=0 q9=0 q10=0
RATER_NOW=2026-11-27T08:00:00+00:00 "$R" amend \
    P017/20261126T101500-phq9-1 --reason 'q3 misheard' q3=2
rec 2026-11-10T09:00:00+00:00 phq9 --patient P002 --visit 'day 1' \
    --rater 'Dr Müller' q1=0 q2=1 q3=unk q4=0 q5=1 q6=0 q7=0 q8=0
RATER_NOW=2026-11-20T01:00:00+05:00 "$R" record phq9 --patient P002 \
    --visit 'day 10' --rater 'Dr Müller' q1=0 q2=0 q3=0 q4=unk q5=0 \
    q6=0 q7=0 q8=0 q9=ref q10=0
# The draft: the rating screen in tmux, two answers, then kill -9.
T="tmux -L rater-format1-$$ -f /dev/null"
$T new-session -d -x 80 -y 24 "RATER_NOW=2026-11-29T09:00:00+00:00 \
    TERM=screen '$R' rate phq9 --patient P017 --rater drx \
    --visit 'week 8'; sleep 30"
sleep 1
$T send-keys 2
sleep 0.5
$T send-keys 1
sleep 0.5
pp=$($T display -p '#{pane_pid}')
kill -KILL "$(pgrep -P "$pp")"
$T kill-server
