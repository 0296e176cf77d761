# Sourced by tests/cli/run.sh: the file `rater record` writes, byte for
# byte (less the scale's hash, which changes with the scale file), its
# modes, and the audit line.
id=$("$RATER" record phq9 --patient P9 --visit "week 4" --rater drx \
    q1=2 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 q9=1 q10=0 2>&1)
f=$RATER_DATA/sessions/P9/20261126T101500-phq9-1.ini
if [ "$id" = P9/20261126T101500-phq9-1 ] &&
    sed 's/^scale_sha256 = .*/scale_sha256 = HASH/' "$f" |
    cmp -s - tests/cli/data/record-phq9.expected; then
	ok
else
	not_ok "record: saved file differs"
	sed 's/^scale_sha256 = .*/scale_sha256 = HASH/' "$f" |
	    diff -u tests/cli/data/record-phq9.expected - | sed 's/^/  /'
fi
if [ "$(stat -c %a "$f")" = 600 ] &&
    [ "$(stat -c %a "$RATER_DATA/sessions/P9")" = 700 ] &&
    [ "$(stat -c %a "$RATER_DATA/sessions")" = 700 ]; then
	ok
else
	not_ok "record: file 0600 and directories 0700"
fi
if [ "$(wc -l <"$RATER_DATA/audit.log")" -eq 1 ] &&
    grep -q "	save	P9/20261126T101500-phq9-1	$(sha256sum "$f" | cut -c1-64)	" \
    "$RATER_DATA/audit.log"; then
	ok
else
	not_ok "record: audit line"
fi
# A data directory that does not exist yet is created 0700.
d=$tmp/new/deeper/data
if RATER_DATA=$d "$RATER" record gad7 --patient P1 q1=0 >/dev/null 2>&1 &&
    [ "$(stat -c %a "$d")" = 700 ]; then
	ok
else
	not_ok "record: new data directory"
fi
# Issue 14.4: an answer to an item its show-if hides contradicts the
# answer it depends on: refused (exit 1), nothing saved.  Left out, or
# given as na, the item is saved as skipped.
out=$("$RATER" record tests/tui/tuitest.ini --patient H1 pain=0 severity=5 \
    mood=1 2>"$tmp/err"; echo "exit $?")
if [ "$out" = "exit 1" ] && [ "$(cat "$tmp/err")" = \
    "rater: severity: not asked when its condition 'pain == 1' is false; leave it out (or give na), or correct the answer it depends on" ] &&
    [ ! -d "$RATER_DATA/sessions/H1" ]; then
	ok
else
	not_ok "record: answer to a hidden item not refused: $out"
fi
out=$("$RATER" record tests/tui/tuitest.ini --patient H1 pain=0 severity=na \
    mood=1 2>"$tmp/err")
if [ "$out" = "H1/20261126T101500-tuitest-1" ] && [ ! -s "$tmp/err" ] &&
    grep -qx 'severity = skipped' \
    "$RATER_DATA/sessions/H1/20261126T101500-tuitest-1.ini" &&
    grep -qx 'status = complete' \
    "$RATER_DATA/sessions/H1/20261126T101500-tuitest-1.ini"; then
	ok
else
	not_ok "record: hidden item not recorded as skipped: $out"
fi
# Issue 14.6: a code score keeps its leading zeros in the file, in list
# and in export; a category's label is stored as its band.
id=$("$RATER" record tests/scales/good/eq5d-profile-code.ini --patient C1 \
    mo=1 sc=2 ua=3 pd=2 ad=1 z1=0 z2=1 2>&1)
f=$RATER_DATA/sessions/C1/20261126T101500-eq5d-profile-code-1.ini
if [ "$id" = C1/20261126T101500-eq5d-profile-code-1 ] &&
    grep -qx 'profile = 12321' "$f" && grep -qx 'zcode = 01' "$f" &&
    "$RATER" list --patient C1 | grep -q '	profile=12321	zcode=01$' &&
    "$RATER" export --patient C1 | grep -q ',score,zcode,01,,,,$'; then
	ok
else
	not_ok "record: code score: $id"
	"$RATER" list --patient C1 | sed 's/^/  /'
fi
