#!/bin/sh
# Replays every input under tests/fuzz/regress/TARGET/ through
# BUILD/fuzz-replay/replay_TARGET (built by make check-fuzz-regress), one
# process per file, and prints "fuzz-regress: N passed, N failed".
#
#	sh tests/fuzz/run-regress.sh BUILD
b=${1:-build}
pass=0 fail=0
: "${UBSAN_OPTIONS:=print_stacktrace=1}"
export UBSAN_OPTIONS
log=$(mktemp "${TMPDIR:-/tmp}/rater-regress-XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
for d in tests/fuzz/regress/*/; do
	t=$(basename "$d")
	bin=$b/fuzz-replay/replay_$t
	for f in "$d"*; do
		[ -f "$f" ] || continue
		if [ -x "$bin" ] && "$bin" "$f" >"$log" 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: $bin $f"
			tail -n 30 "$log"
		fi
	done
done
echo "fuzz-regress: $pass passed, $fail failed"
[ $fail -eq 0 ]
