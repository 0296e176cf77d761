#!/bin/sh
# Runs libFuzzer targets (make fuzz): each for TIME seconds, from the
# seeds made here and the committed corpus and regression inputs, with
# its dictionary.  New crashes, leaks and timeouts go to
# tests/fuzz/crashes/TARGET/; the growing corpus to BUILD/corpus/TARGET/.
# Prints one line per target and fails when a crash was found.
#
#	sh tests/fuzz/run-fuzz.sh BUILD TIME TARGET ...
b=${1:?build dir} time=${2:?seconds}
shift 2
seeds=$b/seeds
status=0
: "${UBSAN_OPTIONS:=print_stacktrace=1}"
export UBSAN_OPTIONS
# The journal target fdatasyncs each append: keep its files in memory.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	TMPDIR=/dev/shm
	export TMPDIR
fi

rm -rf "$seeds"
mkdir -p "$seeds/expr" "$seeds/scale" "$seeds/session" "$seeds/journal" \
    "$seeds/memo" "$seeds/redcap"

# scale: every scale file the repository has.
cp scales/*.ini tests/scales/good/*.ini tests/scales/bad/*.ini \
    "$seeds/scale/"
# expr: every formula and show-if condition in them.
n=0
for f in scales/*.ini tests/scales/good/*.ini; do
	sed -nE 's/^[[:space:]]*(formula|when)[[:space:]]*=[[:space:]]*//p' "$f"
done | sed -E 's/^"(.*)"$/\1/' | sort -u | while IFS= read -r line; do
	n=$((n + 1))
	printf '%s' "$line" >"$seeds/expr/f$n"
done
# session, journal: saved and drafted with the library, so that they
# carry the current sha256 of scales/phq9.ini.
work=$(mktemp -d "${TMPDIR:-/tmp}/rater-seeds-XXXXXX") || exit 1
if ! "$b/gen_seeds" "$work" "$seeds/journal" "$seeds/session"; then
	rm -rf "$work"
	echo "fuzz: cannot make the seeds" >&2
	exit 1
fi
rm -rf "$work"

for t in "$@"; do
	case $t in
	expr)		maxlen=4200 ;;
	scale)		maxlen=16384 ;;
	*)		maxlen=8192 ;;
	esac
	crashes=tests/fuzz/crashes/$t
	mkdir -p "$crashes" "$b/corpus/$t"
	before=$(ls "$crashes" | wc -l)
	set -- "$b/corpus/$t" "$seeds/$t"
	for d in tests/fuzz/corpus/$t tests/fuzz/regress/$t; do
		[ -d "$d" ] && set -- "$@" "$d"
	done
	dict=
	[ -f "tests/fuzz/$t.dict" ] && dict=-dict=tests/fuzz/$t.dict
	log=$b/$t.log
	"$b/fuzz_$t" -max_total_time="$time" -max_len=$maxlen -timeout=10 \
	    -print_final_stats=1 $dict -artifact_prefix="$crashes/" \
	    "$@" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
	    tail -n 1)
	[ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' \
	    "$log" | tail -n 1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	new=$(( $(ls "$crashes" | wc -l) - before ))
	echo "fuzz $t: ${runs:-0} runs, ${eps:-0} exec/s, $new crashes" \
	    "(log $log)"
	if [ "$new" -gt 0 ]; then
		ls -t "$crashes" | head -n "$new" | sed "s|^|  $crashes/|"
		status=1
	elif [ $rc -ne 0 ]; then
		echo "fuzz $t: exit status $rc without a crash file:" >&2
		tail -n 20 "$log" >&2
		status=1
	fi
done
exit $status
