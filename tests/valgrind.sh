#!/bin/sh
# The unit tests and a scripted command-line session under valgrind: no
# invalid access, no leak (ncurses is not involved in either).
. tests/wait.sh
TEST_WAIT=$((TEST_WAIT * 2))	# valgrind: slower still
pass=0 fail=0
vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {
	$vg "$@" >/dev/null 2>"$tmp/err"
	if [ $? -ne 99 ] && ! grep -q '==[0-9]*==' "$tmp/err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: valgrind $*"; head -20 "$tmp/err"
	fi
}
for t in "$@"; do
	run "$t"
done
export RATER_DATA=$tmp/data RATER_SCALES=$PWD/scales
run ./rater lint scales/phq9.ini scales/meq30.ini tests/scales/bad/many-errors.ini
run ./rater score phq9 --values 2,1,1,1,1,1,1,1,1
run ./rater record phq9 --patient V1 --visit baseline q1=2 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 q9=1 q10=0
run ./rater list
run ./rater show "$(ls "$RATER_DATA/sessions/V1" | sed 's/\.ini$//; s/^/V1\//')"
run ./rater export --format long
printf 'baseline = baseline_arm_1\n' >"$tmp/events"
run ./rater export --format redcap --events "$tmp/events"
run ./rater describe phq9 twstrs hamd17 meq30 --format redcap
./rater describe phq9 twstrs --format redcap >"$tmp/dict.csv"
run ./rater new vgtw "$tmp/vgtw.ini" --from "$tmp/dict.csv" --form twstrs
run ./rater verify
# A full rating session on screen, driven through tmux: ten answers, a
# note, a step back, save.
if command -v tmux >/dev/null 2>&1; then
	T="tmux -L rater-vg-$$ -f /dev/null"
	log=$tmp/vg.log
	$T new-session -d -x 80 -y 24 "cd '$PWD' && LC_ALL=C.UTF-8 \
	    TERM=screen ESCDELAY=25 RATER_DATA='$tmp/tui' \
	    RATER_SCALES='$PWD/scales' $vg --log-file='$log' ./rater rate \
	    phq9 --patient VG1; echo EXIT=\$?; sleep 30"
	$T set -sg escape-time 0
	on_screen() { $T capture-pane -p | grep -qF -- "$1"; }
	wait_for() { until_ok on_screen "$1"; }
	if wait_for "Item 1 of 10"; then
		$T send-keys 2 1 1
		wait_for "Item 4 of 10"
		$T send-keys n; $T send-keys -l "a note"; $T send-keys Enter
		$T send-keys Left; wait_for "Item 3 of 10"; $T send-keys 2
		wait_for "Item 4 of 10"
		$T send-keys 1 1 1 1 1 0 0
		wait_for "Summary"
		$T send-keys s
		wait_for "saved"
		$T send-keys Enter
	fi
	if wait_for "EXIT=0" && [ ! -s "$log" ] &&
	    grep -qx 'q3 = 2' "$tmp/tui/sessions/VG1/"*.ini; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: valgrind of a rating session"
		$T capture-pane -p | tail -5; head -30 "$log"
	fi
	$T kill-server 2>/dev/null
fi
echo "valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
