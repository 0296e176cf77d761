#!/bin/sh
# Adds up the "N passed, N failed" lines of a check log and exits with
# the given status (non-zero when make failed, or when anything failed).
log=$1 rc=${2:-0}
awk -v rc="$rc" '
/^[A-Za-z0-9_-]+: [0-9]+ passed, [0-9]+ failed/ {
	p += $2; f += $4; n++
}
END {
	printf "%d suites\ntotal: %d passed, %d failed\n", n, p, f
	# A suite that did not build or was stopped counts no failure of
	# its own: say so, or "0 failed" would read as a pass.
	if (rc != 0)
		printf "make stopped with status %d: a step failed or did " \
		    "not finish (see the log above)\n", rc
	exit (f > 0 || rc != 0) ? 1 : 0
}' "$log"
