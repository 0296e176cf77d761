#!/bin/sh
# tests/faults/run.sh [RATER]: the reliability proof.  Kills the program
# at random points of a rating, fills and write-protects its disk, runs
# two savers at once, corrupts the store and feeds it hostile input; in
# each case checks that every answer entered survives, that errors are
# said plainly, and that nothing half-written is left.  Ends with
# "faults: N passed, N failed".
#
# FAULT_KILLS=N sets the number of kill -9 points (default 20).
RATER=${1:-./rater}
case $RATER in /*) ;; *) RATER=$PWD/$RATER ;; esac
TOP=$PWD
. "$TOP/tests/wait.sh"
pass=0 fail=0 mounts= servers= pdir=
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rater-faults.XXXXXX")
cleanup() {
	for s in $servers; do tmux -L "$s" kill-server 2>/dev/null; done
	for m in $mounts; do umount "$m" 2>/dev/null || umount -l "$m"; done
	rm -rf "$tmp"
	[ -z "$pdir" ] || rm -rf "$pdir"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

export LC_ALL=C.UTF-8 TERM=screen ESCDELAY=25 TZ=UTC
export RATER_SCALES=$TOP/scales XDG_CONFIG_HOME=$tmp/config HOME=$tmp/home
unset XDG_DATA_HOME NO_COLOR RATER_EXIT_AFTER_DRAW RATER_NOW
mkdir -p "$tmp/config" "$tmp/home"

ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); echo "FAIL: $name: $*"; }

# --- tmux helpers (as tests/tui/run.sh) ---------------------------------
tbegin() {
	sock=rater-faults-$$-$1
	servers="$servers $sock"
	T="tmux -L $sock -f /dev/null"
}
tstart() {
	cmd="cd '$TOP' && $*; st=\$?; clear; echo EXIT=\$st; sleep 60"
	if $T has-session 2>/dev/null; then
		$T respawn-window -k "$cmd"
	else
		$T new-session -d -x 80 -y 24 "$cmd"
		$T set -g window-size manual
		$T set -sg escape-time 0
	fi
}
screen() { $T capture-pane -p; }
on_screen() { screen | grep -qF -- "$1"; }
on_screen_item_or_summary() { screen | grep -q 'Item\|Summary'; }
# The first line of the screen is no longer $1, or the summary is up.
note_done() {
	on_screen 'No space left on device' || on_screen 'Note saved.'
}
moved_on() { [ "$(screen | head -1)" != "$1" ] || on_screen Summary; }
wait_for() {
	until_ok on_screen "$1" && return 0
	not_ok "no '$1' on the screen:"
	screen | sed 's/^/  | /'
	return 1
}
# The pid of the rater running in the test's pane.
rater_pid() {
	pp=$($T display -p '#{pane_pid}')
	pgrep -P "$pp" -x rater || pgrep -P "$pp"
}

# --- 1. kill -9 at random points -----------------------------------------
# Each round answers k items (k random, 1..9), waits until the screen
# has moved on (so the answer is journalled) and kills the program with
# SIGKILL; half of the rounds also type one more key and kill at once,
# with that keystroke in flight.  Then: restart, accept the draft, finish
# and save.  Every answer confirmed before the kill must be in the file.
name=kill
kills=${FAULT_KILLS:-20}
tbegin kill
seed=$$
r=0
while [ $r -lt "$kills" ]; do
	r=$((r + 1))
	# A data directory per round: a failed round cannot leave a draft
	# in the way of the next one.
	export RATER_DATA=$tmp/kill/$r
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	k=$(( seed % 9 + 1 ))
	inflight=$(( (seed / 16) % 2 ))
	p=K$r
	tstart RATER_DATA="$RATER_DATA" "$RATER" rate phq9 --patient $p
	wait_for "Item 1 of 10" || continue
	want=
	i=1
	while [ $i -le $k ]; do
		v=$(( (seed / (i * 7)) % 4 ))
		$T send-keys $v
		want="$want q$i=$v"
		i=$((i + 1))
		wait_for "Item $i of 10" || break
	done
	if [ $inflight -eq 1 ]; then
		$T send-keys 3
	fi
	kill -9 "$(rater_pid)" 2>/dev/null
	wait_for "EXIT=137" || continue
	# Nothing half-written: the draft is readable and nothing is saved.
	if ls "$RATER_DATA/sessions/$p" >/dev/null 2>&1; then
		not_ok "round $r: a session was saved before the end"
	else ok; fi
	tstart RATER_DATA="$RATER_DATA" "$RATER" rate phq9 --patient $p
	wait_for "Resume" || continue
	$T send-keys y
	# Finish: every remaining item gets 0.  When the in-flight key
	# answered the last item, the draft resumes on the summary.  Each
	# key waits for the screen to move on.
	until_ok on_screen_item_or_summary
	j=0
	while [ $j -lt 12 ] && ! screen | grep -q "Summary\|summary"; do
		line=$(screen | head -1)
		$T send-keys 0
		j=$((j + 1))
		until_ok moved_on "$line"
	done
	$T send-keys s
	wait_for "aved" || continue
	f=$(ls "$RATER_DATA/sessions/$p/"*.ini 2>/dev/null | head -1)
	if [ -z "$f" ]; then
		not_ok "round $r: no session saved"
		continue
	fi
	bad=
	for a in $want; do
		id=${a%=*} v=${a#*=}
		grep -qx "$id = $v" "$f" || bad="$bad $a"
	done
	# The in-flight key is either lost or kept, never garbled.
	if [ -z "$bad" ]; then ok; else
		not_ok "round $r (k=$k): answers lost:$bad"
		sed 's/^/  | /' "$f"
	fi
	$T send-keys Enter
done
# Every file the rounds left is readable and accounted for.
bad=
for d in "$tmp"/kill/*; do
	RATER_DATA=$d "$RATER" verify >"$tmp/verify" 2>&1 || bad="$bad $d"
	[ -z "$(ls "$d/drafts" 2>/dev/null)" ] || bad="$bad $d(draft)"
done
if [ -z "$bad" ]; then ok; else
	not_ok "verify or drafts after the kills:$bad"
fi
$T kill-server 2>/dev/null

# --- 2. disk full on a journal append, then on save -----------------------
name=diskfull
if mkdir -p "$tmp/small" && mount -t tmpfs -o size=512k tmpfs "$tmp/small" \
    2>/dev/null; then
	mounts="$mounts $tmp/small"
	export RATER_DATA=$tmp/small/data
	tbegin full
	tstart "$RATER" rate phq9 --patient F1
	wait_for "Item 1 of 10"
	$T send-keys 2 1
	wait_for "Item 3 of 10"
	# Fill the disk to the last byte.
	dd if=/dev/zero of="$tmp/small/filler" bs=4k 2>/dev/null
	dd if=/dev/zero of="$tmp/small/filler2" bs=1 2>/dev/null
	# tmpfs allocates whole pages: appends still fit in the journal's
	# last page.  Notes of 500 bytes fill it, until one must fail.
	$T send-keys 3
	wait_for "Item 4 of 10"
	full=0 j=0
	while [ $j -lt 12 ] && [ $full -eq 0 ]; do
		$T send-keys n C-u
		$T send-keys -l "$(printf 'note%d-%0496d' $j 0)"
		$T send-keys Enter
		# Saved ("Note saved.") or refused: wait for either.  The
		# status of the note before is cleared by n.
		until_ok note_done && on_screen 'No space left on device' &&
		    full=1
		j=$((j + 1))
	done
	if [ $full -eq 1 ]; then ok; else
		not_ok "no 'No space left on device' after $j notes:"
		screen | sed 's/^/  | /'
	fi
	rm -f "$tmp/small/filler" "$tmp/small/filler2"
	$T send-keys 1 1 1 1 1 1 0
	wait_for "Summary" || wait_for "summary"
	$T send-keys s
	if wait_for "aved"; then ok; fi
	f=$(ls "$RATER_DATA/sessions/F1/"*.ini 2>/dev/null | head -1)
	# Every answer, and the note whose append failed, are in the file.
	if [ -n "$f" ] && grep -qx 'q1 = 2' "$f" && grep -qx 'q2 = 1' "$f" &&
	    grep -qx 'q3 = 3' "$f" && grep -qx 'q9 = 1' "$f" &&
	    grep -q "^q4 = note$((j - 1))-" "$f"; then
		ok
	else
		not_ok "answers lost across the full disk (j=$j)"; sed "s/^/  | /" "$f" | cut -c1-60
	fi
	$T kill-server 2>/dev/null

	# A full disk during `rater record`: refused, nothing left behind.
	dd if=/dev/zero of="$tmp/small/filler" bs=4k 2>/dev/null
	dd if=/dev/zero of="$tmp/small/filler2" bs=1 2>/dev/null
	if ! "$RATER" record phq9 --patient F2 q1=1 2>"$tmp/err" &&
	    grep -q 'No space left on device' "$tmp/err" &&
	    [ -z "$(ls "$RATER_DATA/sessions/F2" 2>/dev/null)" ]; then
		ok
	else
		not_ok "record on a full disk:"; cat "$tmp/err"
	fi
	# A full disk while rater list keeps its memo (memo.h): the same
	# listing, exit 0, no temporary file left behind.
	rm -f "$tmp/small/filler" "$tmp/small/filler2"
	rm -rf "$RATER_DATA/cache"
	"$RATER" list >"$tmp/list.want" 2>&1
	rm -rf "$RATER_DATA/cache"
	dd if=/dev/zero of="$tmp/small/filler" bs=4k 2>/dev/null
	dd if=/dev/zero of="$tmp/small/filler2" bs=1 2>/dev/null
	if "$RATER" list >"$tmp/list.got" 2>&1 &&
	    cmp -s "$tmp/list.want" "$tmp/list.got" &&
	    [ -z "$(ls -A "$RATER_DATA/cache/list" 2>/dev/null)" ]; then
		ok
	else
		not_ok "list on a full disk:"; sed 's/^/  | /' "$tmp/list.got"
		ls -la "$RATER_DATA/cache/list" 2>&1 | sed 's/^/  | /'
	fi
	rm -f "$tmp/small/filler" "$tmp/small/filler2"
	if "$RATER" record phq9 --patient F2 q1=1 q9=0 >/dev/null 2>&1; then ok
	else not_ok "record after space was freed"; fi

	# --- 3. read-only file system ---
	name=readonly
	rm -rf "$RATER_DATA/cache"
	"$RATER" list >"$tmp/list.want" 2>&1
	rm -rf "$RATER_DATA/cache"
	mount -o remount,ro "$tmp/small"
	if ! "$RATER" record phq9 --patient R1 q1=1 2>"$tmp/err" &&
	    grep -q 'Read-only file system' "$tmp/err"; then
		ok
	else
		not_ok "record on a read-only file system:"; cat "$tmp/err"
	fi
	# Listing a read-only store: the same listing, no memo, exit 0.
	if "$RATER" list >"$tmp/list.got" 2>&1 &&
	    cmp -s "$tmp/list.want" "$tmp/list.got" &&
	    [ ! -e "$RATER_DATA/cache" ]; then
		ok
	else
		not_ok "list on a read-only file system:"
		sed 's/^/  | /' "$tmp/list.got"
	fi
	mount -o remount,rw "$tmp/small"
	if "$RATER" record phq9 --patient R1 q1=1 q9=0 >/dev/null 2>&1; then ok
	else not_ok "record after remounting read-write"; fi
	if "$RATER" verify >"$tmp/verify" 2>&1; then ok; else
		not_ok "verify after disk full:"; sed 's/^/  | /' "$tmp/verify"
	fi
else
	echo "faults: cannot mount a tmpfs here: disk-full and read-only" \
	    "cases are covered by the unit tests (RLIMIT_FSIZE) only"
fi

# --- 4. permission denied ---------------------------------------------------
# As uid 65534, recording into a store whose data directory is 0700 and
# owned by someone else fails, and says so about that directory.  The
# unprivileged run gets its own copy of the program and the scale in a
# world-readable directory of its own, so that the checkout's location
# (a 0700 home or mktemp -d, issue 17) cannot be the cause; a control
# run without the store shows that everything else is within reach.
name=permission
nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups env \
	    HOME="$pdir" XDG_CONFIG_HOME="$pdir" RATER_SCALES="$pdir/scales" \
	    RATER_DATA="$pdir/data" "$@"
}
if ! command -v setpriv >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
	echo "faults: permission case skipped: needs root and setpriv to" \
	    "run as uid 65534"
elif ! pdir=$(mktemp -d /tmp/rater-perm.XXXXXX); then
	echo "faults: permission case skipped: no directory in /tmp"
else
	chmod 755 "$pdir"
	mkdir -m 755 "$pdir/scales"
	cp "$RATER" "$pdir/rater"
	cp "$TOP/scales/phq9.ini" "$pdir/scales/"
	chmod 755 "$pdir/rater"
	chmod 644 "$pdir/scales/phq9.ini"
	RATER_SCALES=$pdir/scales RATER_DATA=$pdir/data \
	    "$pdir/rater" record phq9 --patient P1 q1=1 q9=0 >/dev/null 2>&1
	chmod 700 "$pdir/data"
	if ! nobody "$pdir/rater" score phq9 q1=1 q9=0 >/dev/null 2>"$tmp/err"
	then
		echo "faults: permission case skipped: uid 65534 cannot run" \
		    "rater from $pdir:"; sed 's/^/  | /' "$tmp/err"
	elif ! nobody "$pdir/rater" record phq9 --patient P2 q1=1 q9=0 \
	    >/dev/null 2>"$tmp/err" &&
	    grep -qF "$pdir/data" "$tmp/err" &&
	    grep -q 'Permission denied' "$tmp/err" &&
	    ! grep -q 'no scale' "$tmp/err"; then
		ok
	else
		not_ok "record without permission on the data directory:"
		sed 's/^/  | /' "$tmp/err"
	fi
	# Nothing was written by the failed run.
	if [ "$(find "$pdir/data/sessions" -name '*.ini' | wc -l)" -eq 1 ]
	then ok; else not_ok "a session saved without permission"; fi
	rm -rf "$pdir"
fi

# --- 5. two processes saving at once ---------------------------------------
name=concurrent
export RATER_DATA=$tmp/conc RATER_NOW=2026-11-26T10:15:00+00:00
"$RATER" record phq9 --patient C q1=0 q9=0 >/dev/null 2>&1
saver() {
	i=0
	while [ $i -lt 200 ]; do
		"$RATER" record phq9 --patient C --rater "w$1" \
		    q1=$(( i % 4 )) q9=0 >>"$tmp/ids.$1" 2>>"$tmp/conc-err" ||
		    echo FAIL >>"$tmp/conc-err"
		i=$((i + 1))
	done
}
saver 1 & saver 2 & wait
unset RATER_NOW
n=$(ls "$RATER_DATA/sessions/C" | wc -l)
dups=$(cat "$tmp/ids.1" "$tmp/ids.2" | sort | uniq -d | wc -l)
if [ "$n" -eq 401 ] && [ "$dups" -eq 0 ] &&
    [ "$(cat "$tmp/ids.1" "$tmp/ids.2" | wc -l)" -eq 400 ]; then
	ok
else
	not_ok "400 saves at once: $n files, $dups duplicate ids"
	head -5 "$tmp/conc-err"
fi
if [ "$(wc -l <"$RATER_DATA/audit.log")" -eq 401 ] &&
    "$RATER" verify >"$tmp/verify" 2>&1; then
	ok
else
	not_ok "audit chain after concurrent saves:"; tail -5 "$tmp/verify"
fi

# --- 6. corrupted files in the store ----------------------------------------
name=corrupt
export RATER_DATA=$tmp/corrupt RATER_NOW=2026-11-26T10:15:00+00:00
for p in A B C D; do
	"$RATER" record phq9 --patient $p --visit baseline q1=1 q2=1 q3=1 \
	    q4=1 q5=1 q6=1 q7=1 q8=1 q9=0 q10=0 >/dev/null 2>&1
done
unset RATER_NOW
fa=$RATER_DATA/sessions/A/20261126T101500-phq9-1.ini
fb=$RATER_DATA/sessions/B/20261126T101500-phq9-1.ini
fc=$RATER_DATA/sessions/C/20261126T101500-phq9-1.ini
head -c 200 "$fa" >"$tmp/t" && cat "$tmp/t" >"$fa"		# truncated
head -c 600 /dev/urandom >"$fb"					# random bytes
sed -i 's/^scale = phq9/scale = nosuch/' "$fc"			# unknown scale
"$RATER" list >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -eq 1 ] && grep -q '^D/' "$tmp/out" &&
    grep -q 'sessions/A/20261126T101500-phq9-1.ini' "$tmp/err" &&
    grep -q 'sessions/B/20261126T101500-phq9-1.ini' "$tmp/err" &&
    grep -q 'sessions/C/20261126T101500-phq9-1.ini' "$tmp/err"; then
	ok
else
	not_ok "list over a corrupted store (exit $st):"
	sed 's/^/  out| /' "$tmp/out"; sed 's/^/  err| /' "$tmp/err"
fi
"$RATER" verify >"$tmp/out" 2>&1
st=$?
if [ $st -eq 1 ] && grep -q 'sessions/A/' "$tmp/out" &&
    grep -q 'sessions/B/' "$tmp/out" && grep -q 'sessions/C/' "$tmp/out" &&
    ! grep -q 'sessions/D/' "$tmp/out"; then
	ok
else
	not_ok "verify over a corrupted store (exit $st):"
	sed 's/^/  | /' "$tmp/out"
fi
if "$RATER" show D/20261126T101500-phq9-1 >/dev/null 2>&1; then ok
else not_ok "show of a good session in a corrupted store"; fi

# --- 7. hostile input ---------------------------------------------------------
name=hostile
export RATER_DATA=$tmp/hostile
long=$(printf '%0300d' 0)
for id in '../x' 'a/b' '.hidden' "$(printf 'a\033[2Jb')" "$(printf 'a\nb')" \
    "$(printf 'a\377b')" "$long" '' '-rf'; do
	if ! "$RATER" record phq9 --patient "$id" q1=1 >"$tmp/out" 2>"$tmp/err" &&
	    ! grep -q "$(printf '\033')" "$tmp/err"; then
		ok
	else
		not_ok "patient id accepted or echoed raw: $(printf %s "$id" | od -c | head -1)"
	fi
done
if [ -z "$(find "$tmp" -maxdepth 1 -name x)" ] &&
    [ ! -e "$RATER_DATA/sessions/a" ]; then ok
else not_ok "a path left the data directory"; fi
# A session file edited to hold escapes: shown escaped, never raw.
export RATER_NOW=2026-11-26T10:15:00+00:00
"$RATER" record phq9 --patient E1 --rater ok q1=1 q9=0 >/dev/null 2>&1
unset RATER_NOW
f=$RATER_DATA/sessions/E1/20261126T101500-phq9-1.ini
sed -i 's/^rater = ok/rater = x\\x1b[2Jy/' "$f"
"$RATER" list >"$tmp/out" 2>&1
"$RATER" show E1/20261126T101500-phq9-1 >>"$tmp/out" 2>&1
"$RATER" export 2>>"$tmp/out" >/dev/null
if ! grep -q "$(printf '\033')" "$tmp/out"; then ok
else not_ok "an escape sequence from a session file reached the output"; fi
# export writes the control character escaped (rater(1), Text fields):
# the rater column of every row is the edited name with \x1b, and no
# raw ESC reaches the file.
"$RATER" export 2>/dev/null | tail -n +2 | cut -d, -f9 | sort -u >"$tmp/out"
if [ "$(cat "$tmp/out")" = 'x\x1b[2Jy' ]; then ok
else not_ok "export did not escape the rater: $(od -c "$tmp/out" | head -2)"
fi

echo "faults: $pass passed, $fail failed"
[ $fail -eq 0 ]
