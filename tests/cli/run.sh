#!/bin/sh
# Command-line tests: every tests/cli/*.t transcript (see tests/lib.sh),
# run in a fresh data directory with the bundled scales and a fixed
# clock, then the shell checks in tests/cli/*.sh.
RATER=${1:-./rater}
case $RATER in /*) ;; *) RATER=$PWD/$RATER ;; esac
. tests/lib.sh
export RATER_SCALES=$PWD/scales RATER_NOW=2026-11-26T10:15:00+00:00
export LC_ALL=C.UTF-8 TZ=UTC
unset RATER_DATA XDG_DATA_HOME XDG_CONFIG_HOME
# As a clinic sets it up: data readable by its owner only (verify warns
# about anything else).
umask 077
for f in tests/cli/*.t; do
	rm -rf "$tmp/data"
	mkdir -p "$tmp/data"
	export RATER_DATA=$tmp/data
	run_t "$f"
done
for f in tests/cli/*.sh; do
	[ "$f" = tests/cli/run.sh ] && continue
	[ -e "$f" ] || continue
	rm -rf "$tmp/data"
	mkdir -p "$tmp/data"
	export RATER_DATA=$tmp/data
	. "$f"
done
echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
