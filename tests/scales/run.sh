#!/bin/sh
# Scale checks: `rater lint` over every shipped scale and the files in
# tests/scales/good (no errors, no warnings), the malformed corpus in tests/scales/bad (exact
# diagnostics and exit status), and the worked examples of the scoring
# reference in tests/scales/examples/*.t (see tests/lib.sh).
RATER=${1:-./rater}
case $RATER in /*) ;; *) RATER=$PWD/$RATER ;; esac
. tests/lib.sh
export RATER_SCALES=$PWD/scales RATER_DATA=$tmp/data

for f in scales/*.ini; do
	if "$RATER" lint "$f" >"$tmp/lint" 2>&1 &&
	    ! grep -q ': warning:' "$tmp/lint"; then
		ok
	else
		not_ok "rater lint $f"; cat "$tmp/lint"
	fi
done

# Files that exercise features and must lint clean.
for f in tests/scales/good/*.ini; do
	if "$RATER" lint "$f" >"$tmp/lint" 2>&1 &&
	    ! grep -q ': warning:' "$tmp/lint"; then
		ok
	else
		not_ok "rater lint $f"; cat "$tmp/lint"
	fi
done

for f in tests/scales/bad/*.ini; do
	{ "$RATER" lint "$f"; echo "exit $?"; } >"$tmp/lint" 2>&1
	if cmp -s "$tmp/lint" "${f%.ini}.expected"; then
		ok
	else
		not_ok "rater lint $f"
		diff -u "${f%.ini}.expected" "$tmp/lint" | sed 's/^/  /'
	fi
done

for f in tests/scales/examples/*.t; do
	[ -e "$f" ] && run_t "$f"
done
echo "scales: $pass passed, $fail failed"
[ $fail -eq 0 ]
