# tests/wait.sh: sourced by the suites that drive rater in tmux (tui,
# faults, valgrind).  Every wait polls a condition every 0.1 s until it
# holds or TEST_WAIT seconds (default 30) have passed on the clock: a
# busy machine, ASan or valgrind may need that long, and a passing test
# waits no longer than its condition takes.  No test sleeps a fixed
# time instead of waiting for a state.
TEST_WAIT=${TEST_WAIT:-30}

# until_ok CMD...: runs CMD until it succeeds (0), or until TEST_WAIT
# seconds have passed (1).
until_ok() {
	_u_end=$(( $(date +%s) + TEST_WAIT ))
	while :; do
		"$@" && return 0
		[ "$(date +%s)" -lt "$_u_end" ] || return 1
		sleep 0.1
	done
}
