# Sourced by tests/cli/run.sh.
# 1. A threshold responder rule keeps its operator as written (">= 5"
#    on a higher-is-worse score was read as "<= 5"; regression).
# 2. A study monitor who can only read the data directory can list and
#    verify it (run as another uid when root).
S=tests/cli/data/thr
RATER_NOW=2026-11-01T10:00:00+00:00 "$RATER" --scales $S record thr \
    --patient T --visit baseline a=2 >/dev/null 2>&1
RATER_NOW=2026-11-20T10:00:00+00:00 "$RATER" --scales $S record thr \
    --patient T --visit "week 4" a=7 >/dev/null 2>&1
if "$RATER" --scales $S show T/20261120T100000-thr-1 2>&1 |
    grep -q 'responder (value >= 5): yes'; then
	ok
else
	not_ok "monitor: threshold responder '>= 5' not kept as written"
fi
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod -R a+rX "$RATER_DATA"
	chmod a+rx "$tmp"
	if setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$RATER" --scales "$PWD/$S" verify >"$tmp/out" 2>&1 &&
	    grep -q '0 problems' "$tmp/out" &&
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$RATER" --scales "$PWD/$S" list --patient T >"$tmp/out" 2>&1 &&
	    [ "$(wc -l <"$tmp/out")" -eq 3 ]; then
		ok
	else
		not_ok "monitor: read-only access cannot list or verify"
		sed 's/^/  | /' "$tmp/out"
	fi
fi
