# Sourced by tests/cli/run.sh (RATER, RATER_DATA, tmp, ok, not_ok):
# nothing outside the data directory (issue 12, items 6 and 8).
#
# Symbolic links below DATA are never followed (DATA itself may be
# one): cache/list, audit.log, .lock and sessions/P as links leave
# their targets untouched, and verify reports each link.  Non-regular
# and oversized files (a FIFO, a link to /dev/zero, a sparse file of
# 20 GiB) as a session, an archived scale, audit.log, --config or a
# lint argument are refused with a message, never waited on or read
# without end: every command runs under timeout(1), so a regression
# fails instead of hanging.  --answers may still be a FIFO.

CF_T=${CF_T:-20}	# seconds before a command counts as hung

# cf_run NAME STATUS CMD...: runs rater under timeout; checks the exit
# status (124 = hung) and keeps stdout+stderr in $tmp/cf.out.
cf_run() {
	cf_name=$1 cf_want=$2
	shift 2
	cf_st=0
	timeout "$CF_T" "$RATER" "$@" >"$tmp/cf.out" 2>&1 </dev/null ||
	    cf_st=$?
	if [ "$cf_st" = "$cf_want" ]; then
		ok
	else
		not_ok "confine.sh: $cf_name (exit $cf_st, wanted $cf_want)"
		sed 's/^/  /' "$tmp/cf.out"
	fi
}

# cf_has NAME TEXT: the last cf_run printed TEXT.
cf_has() {
	if grep -qF -- "$2" "$tmp/cf.out"; then
		ok
	else
		not_ok "confine.sh: $1: no '$2' in:"
		sed 's/^/  /' "$tmp/cf.out"
	fi
}

# cf_true NAME CMD...: the shell command succeeds.
cf_true() {
	cf_name=$1
	shift
	if "$@"; then ok; else not_ok "confine.sh: $cf_name"; fi
}

cf_fresh() {
	rm -rf "$RATER_DATA" "$tmp/cfo"
	mkdir -p "$RATER_DATA" "$tmp/cfo"
}

cf_record() {
	"$RATER" record gad7 --patient "$1" q1=1 q2=1 q3=1 q4=1 q5=1 q6=1 \
	    q7=1 >/dev/null 2>&1
}

CF_SLINK="it is a symbolic link (not followed inside the data directory)"
CF_NOTREG="it is not a regular file"

# --- Item 6: symbolic links below DATA. ---

# cache/list as a link to a directory: the memo of patient
# "authorized_keys" must not replace a file there.
cf_fresh
cf_record authorized_keys
mkdir -p "$RATER_DATA/cache"
printf 'ssh-ed25519 KEEP\n' >"$tmp/cfo/authorized_keys"
ln -s "$tmp/cfo" "$RATER_DATA/cache/list"
cf_run "list with cache/list a link" 1 list --patient authorized_keys
cf_has "list with cache/list a link" "the list memo was not kept: $CF_SLINK"
cf_has "list with cache/list a link" "total=7"
cf_true "file behind cache/list unchanged" \
    grep -qx 'ssh-ed25519 KEEP' "$tmp/cfo/authorized_keys"
cf_true "nothing new behind cache/list" \
    test "$(ls -A "$tmp/cfo")" = authorized_keys
cf_run "verify reports cache/list" 1 verify
cf_has "verify reports cache/list" "$RATER_DATA/cache/list: error: $CF_SLINK"

# audit.log as a link: not appended to; the save fails and says why.
cf_fresh
cf_record P1
mv "$RATER_DATA/audit.log" "$tmp/cfo/audit.log"
cp "$tmp/cfo/audit.log" "$tmp/cfo/audit.keep"
ln -s "$tmp/cfo/audit.log" "$RATER_DATA/audit.log"
cf_run "record with audit.log a link" 1 record gad7 --patient P2 q1=0 \
    q2=0 q3=0 q4=0 q5=0 q6=0 q7=0
cf_has "record with audit.log a link" "$CF_SLINK"
cf_true "audit.log target not appended to" \
    cmp -s "$tmp/cfo/audit.log" "$tmp/cfo/audit.keep"
cf_true "no session kept without its audit line" \
    test ! -e "$RATER_DATA/sessions/P2/20261126T101500-gad7-1.ini"
cf_run "verify with audit.log a link" 1 verify
cf_has "verify with audit.log a link" "$RATER_DATA/audit.log: error: $CF_SLINK"

# .lock as a dangling link: its target is not created.
cf_fresh
ln -s "$tmp/cfo/lock-target" "$RATER_DATA/.lock"
cf_run "record with .lock a link" 1 record gad7 --patient P1 q1=0 q2=0 \
    q3=0 q4=0 q5=0 q6=0 q7=0
cf_has "record with .lock a link" "cannot lock $RATER_DATA/.lock: $CF_SLINK"
cf_true ".lock target not created" test ! -e "$tmp/cfo/lock-target"

# sessions/P as a link to a directory: no session stored there; list
# and verify report the link.
cf_fresh
cf_record P1
mkdir -p "$tmp/cfo/p2"
ln -s "$tmp/cfo/p2" "$RATER_DATA/sessions/P2"
cf_run "record into sessions/P2 a link" 1 record gad7 --patient P2 q1=0 \
    q2=0 q3=0 q4=0 q5=0 q6=0 q7=0
cf_has "record into sessions/P2 a link" "$CF_SLINK"
cf_true "no session stored behind sessions/P2" test -z "$(ls -A "$tmp/cfo/p2")"
# A session file put there by hand is not read either.
cp "$RATER_DATA/sessions/P1/20261126T101500-gad7-1.ini" \
    "$tmp/cfo/p2/20261126T101500-gad7-1.ini"
cf_run "list --patient P2 through a link" 1 list --patient P2
cf_has "list --patient P2 through a link" "$CF_SLINK"
cf_run "verify reports sessions/P2" 1 verify
cf_has "verify reports sessions/P2" "$RATER_DATA/sessions/P2: error: $CF_SLINK"

# A session file that is a link (to a copy outside): not read.
cf_fresh
cf_record P1
f=$RATER_DATA/sessions/P1/20261126T101500-gad7-1.ini
mv "$f" "$tmp/cfo/s.ini"
ln -s "$tmp/cfo/s.ini" "$f"
cf_run "show of a linked session" 1 show P1/20261126T101500-gad7-1
cf_has "show of a linked session" "$CF_SLINK"
cf_run "verify of a linked session" 1 verify
cf_has "verify of a linked session" "$f: error: $CF_SLINK"

# DATA itself may be a link.
cf_fresh
mkdir -p "$tmp/cfo/real"
ln -s "$tmp/cfo/real" "$tmp/cfo/data-link"
cf_run "DATA a link: record" 0 --data "$tmp/cfo/data-link" record gad7 \
    --patient P1 q1=1 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1
cf_true "DATA a link: saved in the target" \
    test -f "$tmp/cfo/real/sessions/P1/20261126T101500-gad7-1.ini"
cf_run "DATA a link: verify" 0 --data "$tmp/cfo/data-link" verify

# --- Item 8: non-regular and oversized files. ---

# A session file that is a FIFO, then a link to /dev/zero, then a
# sparse 20 GiB file: list and verify report it (exit 1) and go on.
cf_fresh
cf_record P1
f=$RATER_DATA/sessions/P1/20261126T101500-gad7-2.ini
mkfifo "$f"
cf_run "list with a FIFO session" 1 list
cf_has "list with a FIFO session" "$f: error: cannot read: $CF_NOTREG"
cf_has "list with a FIFO session" "P1/20261126T101500-gad7-1"
cf_run "verify with a FIFO session" 1 verify
cf_has "verify with a FIFO session" "$f: error: $CF_NOTREG"
rm -f "$f"
ln -s /dev/zero "$f"
cf_run "list with a session linked to /dev/zero" 1 list
cf_has "list with a session linked to /dev/zero" \
    "$f: error: cannot read: $CF_SLINK"
rm -f "$f"
truncate -s 20G "$f"
cf_run "list with a 20 GiB session" 1 list
cf_has "list with a 20 GiB session" \
    "$f: error: cannot read: it is larger than the 16 MiB limit"
rm -f "$f"

# The archived scale as a FIFO: show and list do not wait on it.
a=$(ls "$RATER_DATA"/scales/*/gad7.ini)
mv "$a" "$tmp/cfo/gad7.keep"
mkfifo "$a"
cf_run "show with a FIFO archived scale" 0 show P1/20261126T101500-gad7-1
cf_has "show with a FIFO archived scale" "$CF_NOTREG"
cf_run "verify with a FIFO archived scale" 1 verify
cf_has "verify with a FIFO archived scale" "$a: error: $CF_NOTREG"
rm -f "$a"
mv "$tmp/cfo/gad7.keep" "$a"

# audit.log as a FIFO: verify reports it, record refuses to write it.
mv "$RATER_DATA/audit.log" "$tmp/cfo/audit.keep"
mkfifo "$RATER_DATA/audit.log"
cf_run "verify with a FIFO audit.log" 1 verify
cf_has "verify with a FIFO audit.log" \
    "$RATER_DATA/audit.log: error: cannot read: $CF_NOTREG"
cf_run "record with a FIFO audit.log" 1 record gad7 --patient P3 q1=0 \
    q2=0 q3=0 q4=0 q5=0 q6=0 q7=0
cf_has "record with a FIFO audit.log" "$CF_NOTREG"
rm -f "$RATER_DATA/audit.log"
mv "$tmp/cfo/audit.keep" "$RATER_DATA/audit.log"

# --config: a FIFO, /dev/zero, a sparse file.
mkfifo "$tmp/cfo/config.fifo"
cf_run "--config a FIFO" 1 --config "$tmp/cfo/config.fifo" scales
cf_has "--config a FIFO" "$CF_NOTREG"
cf_run "--config /dev/zero" 1 --config /dev/zero scales
cf_has "--config /dev/zero" "$CF_NOTREG"
truncate -s 20G "$tmp/cfo/config.big"
cf_run "--config of 20 GiB" 1 --config "$tmp/cfo/config.big" scales
cf_has "--config of 20 GiB" "it is larger than the 16 MiB limit"

# lint arguments: a FIFO, /dev/zero, a sparse file.
mkfifo "$tmp/cfo/lint.ini"
cf_run "lint a FIFO" 1 lint "$tmp/cfo/lint.ini"
cf_has "lint a FIFO" "$tmp/cfo/lint.ini: error: cannot read: $CF_NOTREG"
cf_run "lint /dev/zero" 1 lint /dev/zero
cf_has "lint /dev/zero" "/dev/zero: error: cannot read: $CF_NOTREG"
truncate -s 20G "$tmp/cfo/big.ini"
cf_run "lint a 20 GiB file" 1 lint "$tmp/cfo/big.ini"
cf_has "lint a 20 GiB file" "it is larger than the 16 MiB limit"
rm -f "$tmp/cfo/big.ini" "$tmp/cfo/config.big"

# --answers may still stream from a FIFO; /dev/zero stops at the limit.
mkfifo "$tmp/cfo/answers"
# (The writer gives up after CF_T seconds if rater never opens it.)
timeout "$CF_T" sh -c 'printf "q1=2\nq2=2\nq3=2\nq4=2\nq5=2\nq6=2\nq7=2\n" \
    >"$1"' sh "$tmp/cfo/answers" &
cf_run "--answers a FIFO" 0 score gad7 --answers "$tmp/cfo/answers"
cf_has "--answers a FIFO" "total	14"
wait
mkfifo "$tmp/cfo/rows.csv"
timeout "$CF_T" sh -c 'printf "id,q1,q2,q3,q4,q5,q6,q7\nA,1,1,1,1,1,1,1\n" \
    >"$1"' sh "$tmp/cfo/rows.csv" &
cf_run "--csv a FIFO" 0 score gad7 --csv "$tmp/cfo/rows.csv"
cf_has "--csv a FIFO" "A,1,1,1,1,1,1,1,7,"
wait
cf_run "--answers /dev/zero" 1 score gad7 --answers /dev/zero
cf_has "--answers /dev/zero" "/dev/zero: it is larger than the 16 MiB limit"
rm -rf "$tmp/cfo" "$tmp/cf.out"
