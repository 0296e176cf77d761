#!/bin/sh
# make bench [N=100000]: times rater over a store of N sessions beside
# the cost of simply reading the same files, and prints one table.
# Each figure is the median of RUNS runs (default 5) with a warm cache,
# the operation and its baseline taking turns.
#
#	tests/bench/run.sh RATER GEN N
set -eu
RATER=$1 GEN=$2 N=${3:-100000} RUNS=${RUNS:-5}
case $RATER in /*) ;; *) RATER=$PWD/$RATER ;; esac
export RATER_SCALES=$PWD/scales LC_ALL=C
unset RATER_NOW
dir=build/bench/store-$N
if [ ! -f "$dir/.complete" ]; then
	echo "bench: generating $N sessions in $dir (once)..." >&2
	rm -rf "$dir"
	start=$(date +%s.%N)
	"$GEN" "$dir" "$N" scales/*.ini
	end=$(date +%s.%N)
	echo "bench: generated in $(echo "$start $end" | awk "{ print \$2 - \$1 }") s" >&2
	touch "$dir/.complete"
fi
export RATER_DATA=$PWD/$dir
tmpd=$(mktemp -d)
trap 'rm -rf "$tmpd"' EXIT
find "$dir/sessions" -name '*.ini' | sort >build/bench/files
grep '/P0000/' build/bench/files >build/bench/files-p0000 || true
nfiles=$(wc -l <build/bench/files)

# once CMD: wall-clock microseconds of one run (output discarded)
once() {
	s=$(date +%s%N)
	sh -c "$1" >/dev/null 2>&1 || true
	e=$(date +%s%N)
	echo $(( (e - s) / 1000 ))
}
# median FILE: the median of the microsecond figures in FILE, in seconds
median() {
	sort -n "$1" | awk '{ a[NR] = $1 }
	    END { printf "%.3f", a[int((NR + 1) / 2)] / 1e6 }'
}
# peak resident memory (MB) of one run: the largest of the shell and
# the commands it ran
peak() {
	/usr/bin/time -f %M sh -c "$1" 2>&1 >/dev/null | tail -1 |
	    awk '{ printf "%.1f", $1 / 1024 }'
}
row() {
	# The operation and its baseline run in turns, so that a change in
	# the machine's load hits both alike.
	: >build/bench/t-op
	: >build/bench/t-base
	i=0
	while [ $i -lt "$RUNS" ]; do
		once "$2" >>build/bench/t-op
		once "$3" >>build/bench/t-base
		i=$((i + 1))
	done
	t=$(median build/bench/t-op)
	b=$(median build/bench/t-base)
	m=$(peak "$2")
	printf '%-34s %9s %9s %7s %8s  %s\n' "$1" "$t" "$b" \
	    "$(echo "$t $b" | awk '{ printf "%.2f", ($2 > 0 ? $1 / $2 : 0) }')" \
	    "$m" "$4"
}

catall="xargs cat <build/bench/files"
catp="xargs cat <build/bench/files-p0000"
echo
echo "rater benchmark: $nfiles sessions, 2,000 patients, $(ls scales/*.ini | wc -l) scales; median of $RUNS runs"
printf '%-34s %9s %9s %7s %8s  %s\n' operation "time (s)" "base (s)" ratio "peak MB" "target"
# rater list remembers what it computed (memo.h): the steady state is
# a listing from the memo; the first listing (after new sessions or a
# new build) computes everything.  Both rows remove a file first.
row "list (all)" "rm -f $tmpd/none; $RATER list" "rm -f $tmpd/none; $catall" "<= 1.5x cat"
row "list (all), no memo" "rm -rf $dir/cache; $RATER list" "rm -rf $tmpd/none; $catall" ""
row "list --patient (200 sessions)" "rm -f $tmpd/none; $RATER list --patient P0000" "rm -f $tmpd/none; $catp" "<= 1.5x cat"
row "list --patient, no memo" "rm -f $dir/cache/list/P0000; $RATER list --patient P0000" "rm -f $tmpd/none; $catp" ""
row "export --format long" "$RATER export --format long" "$catall" "<= 1.5x cat"
row "verify" "$RATER verify" "$catall $dir/audit.log" "<= 3x cat"
row "review P0000 to first screen" "RATER_EXIT_AFTER_DRAW=1 TERM=vt100 $RATER review --patient P0000" "$catp" ""
if [ ! -f build/bench/rows.csv ]; then
	awk 'BEGIN { srand(7); print "id,q1,q2,q3,q4,q5,q6,q7,q8,q9";
	    for (i = 0; i < 1000000; i++) { printf "P%d", i;
	    for (j = 0; j < 9; j++) printf ",%d", int(rand() * 4);
	    print "" } }' >build/bench/rows.csv
fi
row "score --csv (1,000,000 rows)" "$RATER score phq9 --csv build/bench/rows.csv" \
    "awk -F, 'NR > 1 { s = 0; for (i = 2; i <= 10; i++) s += \$i; print \$0 \",\" s }' build/bench/rows.csv" "< 1x awk"
row "rate: start to first screen" "RATER_EXIT_AFTER_DRAW=1 TERM=vt100 RATER_DATA=$tmpd $RATER rate phq9 --patient B1" "true" "< 0.020 s"

# rater sync (issue 16): 1,000 new sessions into a synchronised store of
# N, against git alone committing and pushing the same files.  A copy of
# the store is made a working tree of a bare repository once (cached).
# The 1,000 sessions of workstation "bench" are saved into it once, by
# GEN with git out of the way (so their commits are still to make, as
# after saves whose commits failed), and kept apart: before each run
# they are copied in (the sessions and the workstation's whole audit
# chain), and after it the working tree, the remote and rater's record
# of the remote go back to the first commit.
sd=build/bench/sync-$N
if [ ! -f "$sd/.complete" ]; then
	echo "bench: making a synchronised copy of the store in $sd (once)..." >&2
	rm -rf "$sd"
	mkdir -p "$sd/new"
	cp -a "$dir" "$sd/data"
	rm -f "$sd/data/.complete"
	git init -q --bare "$sd/remote.git"
	"$RATER" --data "$sd/data" sync --remote "$PWD/$sd/remote.git" \
	    --trial BENCH --workstation bench >&2
	git -C "$sd/data" rev-parse HEAD >"$sd/base"
	mv "$sd/data/.git" "$sd/git-away"
	"$GEN" -w bench "$sd/data" 1000 scales/*.ini >&2
	mv "$sd/git-away" "$sd/data/.git"
	(cd "$sd/data" && git ls-files --others --exclude-standard sessions) |
	    tar -C "$sd/data" -cf "$sd/new/sessions.tar" -T -
	cp "$sd/data/audit/bench.log" "$sd/new/bench.log"
	git -C "$sd/data" reset -q --hard "$(cat "$sd/base")"
	git -C "$sd/data" clean -fdq -- sessions audit scales
	touch "$sd/.complete"
fi
sbase=$(cat "$sd/base")
sync_prep() {
	tar -C "$sd/data" -xf "$sd/new/sessions.tar"
	cp "$sd/new/bench.log" "$sd/data/audit/bench.log"
}
# pushed: the remote holds the 1,000 sessions (a run that failed is not
# a figure)
pushed() {
	n=$(git -C "$sd/remote.git" diff --name-only "$sbase" main -- sessions |
	    wc -l)
	if [ "$n" -ne 1000 ]; then
		echo "bench: the remote got $n new sessions, not 1000" >&2
		exit 1
	fi
}
sync_reset() {
	git -C "$sd/data" reset -q --hard "$sbase"
	git -C "$sd/data" clean -fdq -- sessions audit scales
	git -C "$sd/data" update-ref refs/rater/known "$sbase"
	git -C "$sd/remote.git" update-ref refs/heads/main "$sbase"
}
: >build/bench/t-op
: >build/bench/t-base
i=0
while [ $i -lt "$RUNS" ]; do
	sync_prep
	once "$RATER --data $sd/data sync" >>build/bench/t-op
	pushed
	sync_reset
	sync_prep
	once "git -C $sd/data add -A sessions audit scales && git -C $sd/data commit -q -m bench && git -C $sd/data push -q origin HEAD:main" >>build/bench/t-base
	pushed
	sync_reset
	i=$((i + 1))
done
t=$(median build/bench/t-op)
b=$(median build/bench/t-base)
printf '%-34s %9s %9s %7s %8s  %s\n' "sync: 1,000 new into the store" "$t" "$b" \
    "$(echo "$t $b" | awk '{ printf "%.2f", ($2 > 0 ? $1 / $2 : 0) }')" \
    "" "vs git add/commit/push"
