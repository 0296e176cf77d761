#!/bin/sh
# tests/location.sh [RATER]: make check must not depend on where the
# checkout lives (issue 17).  Copies the source tree and the built
# program into a clone inside a 0700 directory (as mktemp -d, a home
# directory or a CI folder would hold it) and runs the faults suite
# there, whose permission case runs rater as uid 65534.  Ends with
# "location: N passed, N failed".
RATER=${1:-./rater}
case $RATER in /*) ;; *) RATER=$PWD/$RATER ;; esac
pass=0 fail=0
ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); echo "FAIL: location: $*"; }
priv=$(mktemp -d "${TMPDIR:-/tmp}/rater-priv.XXXXXX") || exit 1
trap 'rm -rf "$priv"' EXIT
trap 'exit 2' INT TERM
chmod 700 "$priv"

# The clone: every file git knows of (as they are now, so uncommitted
# changes are tested too) and the program under test.
mkdir "$priv/rater"
if git ls-files -z --cached --others --exclude-standard 2>/dev/null |
    xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\n" "$f"; done' sh |
    tar -cf - -T - | tar -xf - -C "$priv/rater" &&
    [ -f "$priv/rater/tests/faults/run.sh" ]; then
	ok
else
	not_ok "cannot copy the source tree into $priv/rater"
fi
cp "$RATER" "$priv/rater/rater-under-test"

(cd "$priv/rater" && FAULT_KILLS=${FAULT_KILLS:-5} \
    sh tests/faults/run.sh ./rater-under-test) >"$priv/faults.log" 2>&1
st=$?
if [ $st -eq 0 ] && grep -q '^faults: [0-9]* passed, 0 failed' \
    "$priv/faults.log"; then
	ok
else
	not_ok "the faults suite from a clone in a 0700 directory" \
	    "(exit $st):"
	sed 's/^/  | /' "$priv/faults.log"
fi
# Where the permission case can run (root, setpriv), it ran.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	if grep -q 'permission case skipped' "$priv/faults.log"; then
		not_ok "the permission case was skipped:"
		grep 'permission' "$priv/faults.log" | sed 's/^/  | /'
	else
		ok
	fi
fi
echo "location: $pass passed, $fail failed"
[ $fail -eq 0 ]
