#!/bin/sh
# The unit tests and a scripted command-line session under valgrind: no
# invalid access, no leak (ncurses is not involved in either).
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
run ./rater verify
echo "valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
