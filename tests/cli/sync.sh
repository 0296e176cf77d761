# Sourced by tests/cli/run.sh (RATER, tmp, ok, not_ok): several
# workstations, one trial, the data directories synchronised with git
# through a bare repository (rater sync; issue 16).
#
#  - three workstations join (a remote of another trial, a taken
#    workstation id and an unreachable remote are refused, DATA left as
#    it was); the same patient, scale and second at all three make three
#    sessions;
#  - 3 writers x 200 sessions, each writer in its own process, with
#    syncs in between and concurrent amendments of one revision (a
#    fork); after a final sync everywhere the three directories hold the
#    same files, list the same sessions, verify passes, no conflict;
#  - drafts, trash, memo, caches never leave a workstation;
#  - failures: offline (committed here, sent later), a push refused
#    because another workstation pushed first (fetch, merge, retry),
#    changes outside rater (refused by name, nothing changed), history
#    rewritten on the remote (refused), kill -9 at each git call of a
#    sync (the next sync completes), stale and live git lock files.
#
# RATER_NOW is fixed by run.sh: every session starts in the same second.
# Under ASan and UBSan (check-asan: every call is several times slower)
# the writers save 50 sessions each instead of 200.
SY_N=200
case $RATER in */asan/*) SY_N=50 ;; esac

sy=$tmp/sync
rm -rf "$sy"
mkdir -p "$sy"
git init -q --bare "$sy/remote.git"
ANS="q1=1 q2=2 q3=0 q4=1 q5=0 q6=0 q7=1 q8=0 q9=0"

# sy_check NAME CONDITION...: ok when the command succeeds.
sy_check() {	# sy_check NAME CMD...
	sy_name=$1
	shift
	holds "sync.sh: $sy_name" "$@"
}
sy_run() {	# sy_run WS ARGS...: rater on workstation WS; out, err, st
	sy_ws=$1
	shift
	sy_st=0
	"$RATER" --data "$sy/$sy_ws" "$@" >"$sy/out" 2>"$sy/err" \
	    </dev/null || sy_st=$?
}
sy_has() { grep -q -- "$1" "$sy/$2"; }

# --- joining ----------------------------------------------------------
sy_run a sync --remote "$sy/remote.git"
sy_check "no trial id refused" test "$sy_st" = 1
sy_check "no trial id: message" sy_has "needs --trial ID" err
sy_run a sync --remote "$sy/remote.git" --trial PSIDYS-01 \
    --workstation ws1
sy_check "a joins" test "$sy_st" = 0
sy_check "a joins: summary" sy_has "sent (workstation ws1)" out
sy_run b sync --remote "$sy/nowhere.git" --trial PSIDYS-01 \
    --workstation ws2
sy_check "unreachable remote refused" test "$sy_st" = 1
sy_check "unreachable: message" sy_has "cannot reach the remote" err
sy_check "unreachable: DATA unchanged" test ! -e "$sy/b/.git" -a \
    ! -e "$sy/b/.workstation"
sy_run b sync --remote "$sy/remote.git" --trial OTHER-02 --workstation ws2
sy_check "another trial refused" test "$sy_st" = 1
sy_check "another trial: message" sy_has \
    "holds the data of trial 'PSIDYS-01', not 'OTHER-02'" err
sy_check "another trial: DATA unchanged" test ! -e "$sy/b/.git"
sy_run b sync --remote "$sy/remote.git" --trial PSIDYS-01 \
    --workstation ws1
sy_check "taken workstation id refused" sy_has \
    "has a workstation ws1 already" err
sy_run b sync --remote "$sy/remote.git" --trial PSIDYS-01 \
    --workstation ws2
sy_check "b joins" test "$sy_st" = 0
sy_run c sync --remote "$sy/remote.git" --trial PSIDYS-01 \
    --workstation ws3
sy_check "c joins" test "$sy_st" = 0

# --- the same second at three workstations ----------------------------
for w in a b c; do
	sy_run $w record phq9 --patient P001 $ANS
	cp "$sy/out" "$sy/id.$w"
done
sy_check "three ids" test "$(cat "$sy/id.a" "$sy/id.b" "$sy/id.c")" = \
"P001/20261126T101500-phq9-1@ws1
P001/20261126T101500-phq9-1@ws2
P001/20261126T101500-phq9-1@ws3"
sy_check "saves commit locally" test "$(git -C "$sy/a" log -1 \
    --format=%s)" = "rater save P001/20261126T101500-phq9-1@ws1 at ws1"
sy_check "committed: nothing left" test -z "$(git -C "$sy/a" status \
    --porcelain)"

# --- a push refused: another workstation pushed first ------------------
# A git on PATH that, before a's first push, lets c sync (c pushes).
mkdir -p "$sy/bin"
cat >"$sy/bin/git" <<EOS
#!/bin/sh
case " \$* " in
*" push "*)
	if [ -n "\$SY_ONCE" ] && [ ! -e "\$SY_ONCE" ]; then
		: >"\$SY_ONCE"
		"$RATER" --data "$sy/c" sync >/dev/null 2>&1
	fi ;;
esac
exec $(command -v git) "\$@"
EOS
chmod +x "$sy/bin/git"
SY_ONCE=$sy/once PATH=$sy/bin:$PATH sy_run a sync
sy_check "rejected push retried" test "$sy_st" = 0
sy_check "rejected push: 1 retry" sy_has ", 1 retry" out
sy_run b sync
sy_check "b receives a's and c's" sy_has "2 sessions received" out

# --- 3 writers x 200 sessions -----------------------------------------
# Each writer: SY_N records over 20 patients, a sync every 25 (at an
# offset per writer), all three at once.
sy_writer() {
	w=$1 off=$2 i=1
	while [ $i -le $SY_N ]; do
		"$RATER" --data "$sy/$w" record phq9 --patient \
		    "P$((i % 20 + 100))" $ANS >/dev/null 2>>"$sy/w.$w.err" ||
		    echo "record $i failed" >>"$sy/w.$w.fail"
		if [ $(((i + off) % 25)) = 0 ]; then
			"$RATER" --data "$sy/$w" sync >>"$sy/w.$w.sync" \
			    2>>"$sy/w.$w.fail" ||
			    echo "sync $i failed" >>"$sy/w.$w.fail"
		fi
		i=$((i + 1))
	done
}
sy_t0=$(date +%s)
sy_writer a 0 & p1=$!
sy_writer b 8 & p2=$!
sy_writer c 16 & p3=$!
wait $p1 $p2 $p3
sy_t1=$(date +%s)
sy_check "writers: no failure" test ! -s "$sy/w.a.fail" -a \
    ! -s "$sy/w.b.fail" -a ! -s "$sy/w.c.fail"
cat "$sy"/w.*.fail 2>/dev/null | head -5

# Concurrent amendments: a and b amend the same revision of a session
# saved at c, neither having seen the other's (a fork); c amends one of
# a's sessions.
sy_run c sync
sy_run a sync
sy_run b sync
sy_run a amend "$(cat "$sy/id.c")" --reason "typo at ws1" q9=1
sy_check "amend at a of c's session" test "$sy_st" = 0
sy_check "amend: id" sy_has "P001/20261126T101500-phq9-1@ws3.r2@ws1" out
sy_run b amend "$(cat "$sy/id.c")" --reason "typo at ws2" q8=1
sy_check "concurrent amend at b" test "$sy_st" = 0
sy_run c amend "$(cat "$sy/id.a")" --reason "typo at ws3" q2=3
sy_check "amend at c of a's session" test "$sy_st" = 0

# Final sync everywhere (twice round: the last to sync sends what the
# first then fetches).
sy_ok=0
for w in a b c a b; do
	sy_run $w sync
	[ "$sy_st" = 0 ] || { sy_ok=1; cat "$sy/err"; }
done
sy_check "final syncs" test "$sy_ok" = 0
for w in a b c; do
	(cd "$sy/$w" && find sessions -name '*.ini' | sort) >"$sy/files.$w"
	"$RATER" --data "$sy/$w" list 2>"$sy/list.err" | cut -f1 |
	    sort >"$sy/list.$w"
	sy_check "list in $w: the fork on stderr" sy_has \
	    "phq9-1@ws3.ini: note: fork: amended 2 times" list.err
done
sy_check "3 + 3 x $SY_N sessions + 3 amendments in a" test \
    "$(wc -l <"$sy/files.a")" = $((3 * SY_N + 6))
sy_check "same files in a, b, c" cmp -s "$sy/files.a" "$sy/files.b"
sy_check "same files in a, c" cmp -s "$sy/files.a" "$sy/files.c"
sy_check "same list in a, b" cmp -s "$sy/list.a" "$sy/list.b"
sy_check "same list in a, c" cmp -s "$sy/list.a" "$sy/list.c"
# 3 + 3 x SY_N sessions; the fork lists both amendments (and the
# header).
sy_check "list: every session + fork" test "$(wc -l <"$sy/list.a")" = \
    $((3 * SY_N + 5))
for w in a b c; do
	sy_run $w verify
	sy_check "verify in $w" test "$sy_st" = 0
	sy_check "verify in $w: 3 chains" test "$(grep -c '^chain ' \
	    "$sy/out")" = 3
	sy_check "verify in $w: the fork" sy_has \
	    "phq9-1@ws3.ini: note: fork: amended 2 times" out
done
sy_check "no conflict" test -z "$(grep -rl '^<<<<<<<' "$sy/a/sessions" \
    "$sy/a/audit")"
sy_check "same chains" cmp -s "$sy/a/audit/ws2.log" "$sy/c/audit/ws2.log"
echo "sync: 3 writers x $SY_N sessions with syncs: $((sy_t1 - sy_t0)) s" \
    >"$sy/timing"

# --- what stays on the workstation -------------------------------------
mkdir -p "$sy/a/drafts" "$sy/a/trash"
echo draft >"$sy/a/drafts/x.journal"
echo trash >"$sy/a/trash/y.journal"
sy_run a sync
sy_check "drafts not committed" test -z "$(git -C "$sy/a" ls-files \
    drafts trash cache memo.key .workstation .lock)"
rm -f "$sy/a/drafts/x.journal" "$sy/a/trash/y.journal"

# --- offline: committed here, sent by the next sync --------------------
mv "$sy/remote.git" "$sy/away.git"
sy_run b record phq9 --patient P900 $ANS
sy_run b sync
sy_check "offline: exit 1" test "$sy_st" = 1
sy_check "offline: message" sy_has "cannot reach the remote" err
sy_check "offline: kept" sy_has "1 commit kept here" err
mv "$sy/away.git" "$sy/remote.git"
sy_run b sync
sy_check "back online: sent" sy_has "sent" out
sy_run a sync
sy_check "back online: received" test -e \
    "$sy/a/sessions/P900/20261126T101500-phq9-1@ws2.ini"

# --- changes outside rater ---------------------------------------------
f=$sy/a/sessions/P001/20261126T101500-phq9-1@ws1.ini
cp "$f" "$sy/keep"
sed 's/^q1 = 1/q1 = 3/' "$sy/keep" >"$f"
echo x >"$sy/a/sessions/P001/notes.txt"
sy_head=$(git -C "$sy/a" rev-parse HEAD)
sy_run a sync
sy_check "outside changes refused" test "$sy_st" = 1
sy_check "outside changes named" sy_has \
    "sessions/P001/20261126T101500-phq9-1@ws1.ini (changed)" err
sy_check "outside files named" sy_has \
    "sessions/P001/notes.txt (not a file rater writes)" err
sy_check "outside changes: nothing committed" test \
    "$(git -C "$sy/a" rev-parse HEAD)" = "$sy_head"
sy_check "outside changes: file kept" grep -q '^q1 = 3' "$f"
cp "$sy/keep" "$f"
rm "$sy/a/sessions/P001/notes.txt"
sy_run a sync
sy_check "restored: sync again" test "$sy_st" = 0

# --- history rewritten on the remote ------------------------------------
sy_old=$(git -C "$sy/remote.git" rev-parse main)
git -C "$sy/remote.git" update-ref refs/heads/main "$sy_old~3"
sy_head=$(git -C "$sy/a" rev-parse HEAD)
sy_run a sync
sy_check "rewritten history refused" test "$sy_st" = 1
sy_check "rewritten: message" sy_has "history of the remote" err
sy_check "rewritten: nothing merged" test \
    "$(git -C "$sy/a" rev-parse HEAD)" = "$sy_head"
git -C "$sy/remote.git" update-ref refs/heads/main "$sy_old"
sy_run a sync
sy_check "history restored: sync" test "$sy_st" = 0

# --- git lock files -------------------------------------------------------
: >"$sy/a/.git/index.lock"
sy_run a sync
sy_check "live git lock: refused" sy_has "git is at work" err
touch -d '2 minutes ago' "$sy/a/.git/index.lock"
# A save whose commit fails (git's lock is taken) is still saved.
sy_run a record phq9 --patient P901 $ANS
sy_check "commit failed: saved" test "$sy_st" = 0 -a -e \
    "$sy/a/sessions/P901/20261126T101500-phq9-1@ws1.ini"
sy_check "commit failed: not committed" test -n "$(git -C "$sy/a" \
    status --porcelain -- sessions/P901)"
sy_run a sync
sy_check "stale git lock removed" sy_has "1 stale git lock removed" out
sy_check "stale lock: save committed" test -z "$(git -C "$sy/a" status \
    --porcelain)"

# --- kill -9 at each git call of a sync ---------------------------------
. tests/wait.sh
sy_no_git_lock() { test ! -e "$sy/$1/.git/index.lock"; }
if command -v strace >/dev/null 2>&1 &&
    strace -o /dev/null true 2>/dev/null; then
	n=1 sy_ok=0
	while [ $n -le 12 ]; do
		"$RATER" --data "$sy/b" record phq9 --patient "K$n" $ANS \
		    >/dev/null 2>&1
		"$RATER" --data "$sy/c" record phq9 --patient "L$n" $ANS \
		    >/dev/null 2>&1
		"$RATER" --data "$sy/c" sync >/dev/null 2>&1
		strace -o /dev/null -e trace=wait4 \
		    -e inject=wait4:signal=KILL:when=$n \
		    "$RATER" --data "$sy/b" sync >/dev/null 2>&1
		# rater is killed as it waits for its n-th git, which goes
		# on to the end (rater does not kill it: a git cut short is
		# what leaves a lock behind); the next sync waits for it.
		until_ok sy_no_git_lock b
		sy_run b sync
		if [ "$sy_st" != 0 ] ||
		    ! test -e "$sy/b/sessions/L$n/20261126T101500-phq9-1@ws3.ini"
		then
			sy_ok=1
			echo "kill at git call $n:"; cat "$sy/err"
		fi
		n=$((n + 1))
	done
	sy_check "kill -9 during sync: the next sync completes" \
	    test "$sy_ok" = 0
	sy_run b verify
	sy_check "kill -9: verify" test "$sy_st" = 0
	sy_run c sync
	sy_check "kill -9: all sent" test -e \
	    "$sy/c/sessions/K12/20261126T101500-phq9-1@ws2.ini"
fi

# --- a workstation with data from before joins -------------------------
# Its ids stay as they are, its audit.log becomes its chain (renamed,
# not rewritten), and every workstation verifies it.
sy_run d record phq9 --patient P777 $ANS
sy_run d record phq9 --patient P777 $ANS
sy_check "before joining: plain ids" test "$(cat "$sy/out")" = \
    "P777/20261126T101500-phq9-2"
cp "$sy/d/audit.log" "$sy/d.audit"
sy_run d sync --remote "$sy/remote.git" --trial PSIDYS-01 \
    --workstation ws4
sy_check "d joins with its data" test "$sy_st" = 0
sy_check "d: audit.log is its chain, as it was" cmp -s "$sy/d.audit" \
    "$sy/d/audit/ws4.log"
sy_check "d: no audit.log left" test ! -e "$sy/d/audit.log"
sy_run d verify
sy_check "d: verify" test "$sy_st" = 0
sy_run d record phq9 --patient P777 $ANS
sy_check "d: new ids carry ws4" test "$(cat "$sy/out")" = \
    "P777/20261126T101500-phq9-1@ws4"
sy_run d sync
sy_run a sync
sy_check "a has d's old sessions" test -e \
    "$sy/a/sessions/P777/20261126T101500-phq9-2.ini"
sy_run a verify
sy_check "a: verify with d's chain" test "$sy_st" = 0
sy_check "a: d's chain" sy_has "audit/ws4.log: 3 lines" out
