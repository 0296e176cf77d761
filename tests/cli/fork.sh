# Sourced by tests/cli/run.sh (RATER, tmp, ok, not_ok): a fork and its
# resolution (issue 16.3).  Two workstations synchronised through a bare
# repository amend the same revision before seeing each other's: both
# amendments are kept and reported (list, verify, show) until an
# amendment of the branch that holds names the other (amend
# --resolves); two resolutions made at once keep the fork open.
fk=$tmp/fork
rm -rf "$fk"
mkdir -p "$fk"
git init -q --bare "$fk/remote.git"
fk_run() {	# fk_run WS ARGS...: rater on workstation WS; out, err, st
	fk_ws=$1
	shift
	fk_st=0
	"$RATER" --data "$fk/$fk_ws" "$@" >"$fk/out" 2>"$fk/err" \
	    </dev/null || fk_st=$?
}
fk_check() {	# fk_check NAME CMD...
	fk_name=$1
	shift
	holds "fork.sh: $fk_name" "$@"
}
fk_has() { grep -q -- "$1" "$fk/$2"; }
ANS="q1=1 q2=2 q3=0 q4=1 q5=0 q6=0 q7=1 q8=0 q9=0"
S=P300/20261126T101500-phq9-1@ws1
T=P301/20261126T101500-phq9-1@ws1

fk_run x sync --remote "$fk/remote.git" --trial FORK-01 --workstation ws1
fk_run y sync --remote "$fk/remote.git" --trial FORK-01 --workstation ws2
fk_run x record phq9 --patient P300 $ANS
fk_run x record phq9 --patient P301 $ANS
fk_run x sync
fk_run y sync
fk_check "y has x's sessions" fk_has "2 sessions received" out

# --- a fork ------------------------------------------------------------
fk_run x amend $S --reason "item 1 misheard" q1=2
fk_check "x amends" test "$fk_st" = 0
fk_run y amend $S --reason "item 8 misread" q8=1
fk_check "y amends the same revision" test "$fk_st" = 0
fk_run x sync
fk_run y sync
fk_run x sync
fk_run x list --patient P300
fk_check "list: both branches" test "$(grep -c "^$S.r2@ws" "$fk/out")" = 2
fk_check "list: the fork on stderr" fk_has \
    "note: fork: amended 2 times .*2 branches open" err
fk_run x verify
fk_check "verify: a fork is not a failure" test "$fk_st" = 0
fk_check "verify: 1 fork to resolve" fk_has "1 fork to resolve" out
fk_run x show $S.r2@ws1
fk_check "show: Fork line" fk_has \
    "^Fork: .*was amended 2 times: .*$S.r2@ws1, $S.r2@ws2; 2 branches open" out

# --- what --resolves refuses ------------------------------------------
fk_run x amend $S.r2@ws1 --reason r --resolves $S.r2@ws1
fk_check "resolves itself: refused" test "$fk_st" = 1
fk_check "resolves itself: message" fk_has \
    "is not the latest revision of another branch of a fork" err
fk_run x amend $S.r2@ws1 --reason r --resolves $S
fk_check "resolves the forked revision: refused" fk_has \
    "$S is not the latest revision of another branch" err
fk_run x amend $S.r2@ws1 --reason r --resolves $T
fk_check "resolves another patient's: refused" fk_has \
    "no session $T of this patient and scale" err
fk_run x amend $S.r2@ws1 --reason r --resolves "$S.r2@ws2,"
fk_check "resolves: an empty id refused" test "$fk_st" = 1
fk_run x amend $T --reason r --resolves $S.r2@ws2
fk_check "resolves from a chain with no fork: refused" test "$fk_st" = 1
fk_check "refusals saved nothing" test "$(find "$fk/x/sessions/P300" \
    -name '*.ini' | wc -l)" = 3

# --- resolved ------------------------------------------------------------
fk_run x amend $S.r2@ws1 --reason "fork: ws1's correction holds, \
ws2's item 8 was a misreading" --resolves $S.r2@ws2
fk_check "resolution saved" test "$fk_st" = 0
fk_check "resolution: id" test "$(cat "$fk/out")" = "$S.r3@ws1"
fk_check "resolution: format 4" grep -q '^format = 4$' \
    "$fk/x/sessions/$S.r3@ws1.ini"
fk_check "resolution: resolves key" grep -q "^resolves = $S.r2@ws2\$" \
    "$fk/x/sessions/$S.r3@ws1.ini"
fk_check "resolution: answers of the branch that holds" grep -q \
    '^q1 = 2$' "$fk/x/sessions/$S.r3@ws1.ini"
fk_run x list --patient P300
fk_check "resolved: one latest revision" test "$(grep -c "^P300/" \
    "$fk/out")" = 1
fk_check "resolved: it is r3" fk_has "^$S.r3@ws1" out
fk_check "resolved: no fork note" test ! -s "$fk/err"
fk_run x verify
fk_check "resolved: verify passes" test "$fk_st" = 0
fk_check "resolved: no fork to resolve" test -z "$(grep "to resolve" \
    "$fk/out")"
fk_run x show $S.r2@ws2
fk_check "show the closed branch" fk_has \
    "^Revision: .*CLOSED: a branch of a fork that $S.r3@ws1 resolved" out
fk_run x show $S.r3@ws1
fk_check "show the resolution" fk_has "^Resolves: *$S.r2@ws2" out
fk_check "show the resolution: no open fork" test -z "$(grep '^Fork:' \
    "$fk/out")"
fk_run x amend $S.r2@ws2 --reason r q1=3
fk_check "a closed branch is not amended" fk_has \
    "is a branch of a fork that $S.r3@ws1 closed" err
fk_run x sync
fk_run y sync
fk_run y list --patient P300
fk_check "y: the resolution arrives" fk_has "^$S.r3@ws1" out
fk_check "y: no fork" test ! -s "$fk/err"
fk_run y verify
fk_check "y verifies" test "$fk_st" = 0

# --- two resolutions at once: still a fork -----------------------------
fk_run x amend $T --reason "x's fix" q2=0
fk_run y amend $T --reason "y's fix" q3=1
fk_run x sync
fk_run y sync
fk_run x sync
fk_run x amend $T.r2@ws1 --reason "keep x's" --resolves $T.r2@ws2
fk_check "x resolves one way" test "$fk_st" = 0
fk_run y amend $T.r2@ws2 --reason "keep y's" --resolves $T.r2@ws1
fk_check "y resolves the other way" test "$fk_st" = 0
fk_run x sync
fk_run y sync
fk_run x sync
fk_run x verify
fk_check "crossed resolutions: the fork stays open" fk_has \
    "1 fork to resolve" out
fk_run x list --patient P301
fk_check "crossed resolutions: both r3 listed" test "$(grep -c \
    "^$T.r3@ws" "$fk/out")" = 2
fk_run x amend $T.r3@ws1 --reason "settled with y" --resolves $T.r3@ws2
fk_check "resolved at last" test "$fk_st" = 0
fk_run x verify
fk_check "resolved at last: verify clean" test -z "$(grep "to resolve" \
    "$fk/out")"
