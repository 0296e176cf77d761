#!/bin/sh
# tests/tui/run.sh [RATER]: end-to-end tests of the rating screens.
#
# Each test drives the real program in its own private tmux server
# (tmux -L NAME -f /dev/null) at a fixed 80x24, polls capture-pane every
# 0.1 s for what it expects (up to TEST_WAIT s, see tests/wait.sh; never
# a bare sleep): every check of the screen, present or absent, waits
# for its state, so a busy machine only makes it slower.  It checks
# both the screen and the files in its own data directory.  A few
# screens are compared whole with tests/tui/*.expected.  The run ends
# with "tui: N passed, N failed" and exits 1 on any failure.
#
# TUI_KEEP=1 keeps the temporary directory; TUI_ONLY=NAME runs one test.
RATER=${1:-./rater}
case $RATER in /*) ;; *) RATER=$PWD/$RATER ;; esac
TOP=$PWD
DIR=$TOP/tests/tui
. "$TOP/tests/wait.sh"

pass=0 fail=0 servers= mounts=
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rater-tui.XXXXXX")
cleanup() {
	for s in $servers; do tmux -L "$s" kill-server 2>/dev/null; done
	for m in $mounts; do umount "$m" 2>/dev/null || umount -l "$m"; done
	[ -n "$TUI_KEEP" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

if ! command -v tmux >/dev/null 2>&1; then
	echo "tui: tmux is not installed (make deps-check installs it)"
	echo "tui: 0 passed, 1 failed"
	exit 1
fi

export LC_ALL=C.UTF-8 TERM=screen ESCDELAY=25 TZ=UTC
export RATER_NOW=2026-11-26T10:15:00+00:00
export RATER_SCALES=$TOP/scales XDG_CONFIG_HOME=$tmp/config HOME=$tmp/home
unset XDG_DATA_HOME NO_COLOR RATER_EXIT_AFTER_DRAW LANG LANGUAGE
mkdir -p "$tmp/config" "$tmp/home"

ok() { pass=$((pass + 1)); }
not_ok() {
	fail=$((fail + 1))
	echo "FAIL: $name: $*"
}

# begin NAME: a fresh tmux server and data directory for one test.
begin() {
	name=$1
	n=$((${n:-0} + 1))
	sock=rater-tui-$$-$n
	servers="$servers $sock"
	T="tmux -L $sock -f /dev/null"
	D=$tmp/$name
	mkdir -p "$D"
	export RATER_DATA=$D/data
	W=80 H=24
}

# start CMD...: runs a command in a new window of the test's server; the
# pane prints EXIT=status when the command ends.
start() {
	cmd="cd '$TOP' && $*; echo EXIT=\$?; sleep 60"
	if $T has-session 2>/dev/null; then
		$T kill-window -a 2>/dev/null
		$T respawn-window -k "$cmd"
	else
		$T new-session -d -x $W -y $H "$cmd"
		$T set -g window-size manual
		$T set -sg escape-time 0
	fi
}

end() {
	$T kill-server 2>/dev/null
}

screen() { $T capture-pane -p; }

# Conditions on the screen, for until_ok.
on_screen() { screen | grep -qF -- "$1"; }
off_screen() { ! screen | grep -qF -- "$1"; }
on_screen_joined() {
	screen | sed 's/ *$//' | tr '\n' ' ' | grep -qF -- "$1"
}
screen_is() { screen >"$D/$1.out"; cmp -s "$DIR/$1.expected" "$D/$1.out"; }
row_holds() { screen | sed -n "$1p" | grep -qF -- "$2"; }
line_holds() { screen | grep -F -- "$1" | grep -qF -- "$2"; }

# wait_for TEXT: polls the screen for fixed TEXT (tests/wait.sh).
wait_for() {
	until_ok on_screen "$1" && return 0
	not_ok "no '$1' on the screen:"
	screen | sed 's/^/  | /'
	return 1
}

# expect TEXT: wait_for, counted as a check.
expect() { wait_for "$1" && ok; }

# expectj TEXT: TEXT may be wrapped over lines (they are joined).
expectj() {
	if until_ok on_screen_joined "$1"; then
		ok
		return 0
	fi
	not_ok "no '$1' on the screen (lines joined):"
	screen | sed 's/^/  | /'
	return 1
}

# absent TEXT: the screen does not show TEXT (once a redraw that
# removes it has come).
absent() {
	if ! until_ok off_screen "$1"; then
		not_ok "'$1' should not be on the screen"
		screen | sed 's/^/  | /'
	else ok; fi
}

# golden FILE: the whole screen equals tests/tui/FILE.expected (once
# the screen has been drawn whole).
golden() {
	if until_ok screen_is "$1"; then ok
	else
		not_ok "screen differs from $1.expected"
		diff -u "$DIR/$1.expected" "$D/$1.out" | sed 's/^/  /'
	fi
}

keys() { $T send-keys "$@"; }

# attrs TEXT: the line holding TEXT with its attributes (ESC sequences).
attrs() { $T capture-pane -p -e | grep -F -- "$1" | head -1; }
esc=$(printf '\033')
text() { $T send-keys -l "$1"; }

# check DESCRIPTION COMMAND...: a check on files.
check() {
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok; else not_ok "$what"; fi
}

# session_file PATIENT: the single saved session of a patient.
session_file() { ls "$RATER_DATA"/sessions/"$1"/*.ini 2>/dev/null | head -1; }

# section FILE NAME: the lines of [NAME] in a session file.
section() {
	awk -v s="[$2]" '$0 == s { on = 1; next } /^\[/ { on = 0 }
	    on && NF' "$1"
}

# has_section FILE NAME EXPECTED: section NAME is exactly EXPECTED.
has_section() {
	section "$1" "$2" >"$D/section.out"
	printf '%s\n' "$3" >"$D/section.want"
	if cmp -s "$D/section.want" "$D/section.out"; then ok
	else
		not_ok "[$2] of $1"
		diff -u "$D/section.want" "$D/section.out" | sed 's/^/  /'
	fi
}

count() { ls "$RATER_DATA/$1" 2>/dev/null | wc -l | tr -d ' '; }

RATE="'$RATER' rate"
PHQ9_SCORES='total = 10
total.band = Moderate'

# ---------------------------------------------------------------------
# PHQ-9 from the first item to a saved file: ten answer keys and `s`.
t_phq9_complete() {
	begin phq9_complete
	start "$RATE phq9 --patient P017 --rater tester --visit baseline"
	wait_for "Item 1 of 10" || { end; return; }
	golden phq9-item1
	keys 2 1 1 1 1 1 1 1
	expect "Item 9 of 10"
	# Before item 9 is rated the total of eight is shown prorated, and
	# says so; item 9's missing flag waits until it is passed.
	expect "Total 10 (prorated 8/9) Moderate"
	absent "CRITICAL"
	keys 1
	expect "!! CRITICAL: Item 9 positive: assess suicide risk today"
	# Unmissable: reverse video, in red.
	check "critical flag in reverse red" sh -c "printf '%s' '$(attrs \
	    "Item 9 positive")' | grep -qF '${esc}[7m${esc}[31m'"
	keys 0
	wait_for "Complete: every item has an answer" && ok
	golden phq9-summary
	keys s
	expect "Session saved."
	expect "Id:    P017/20261126T101500-phq9-1"
	f=$(session_file P017)
	check "saved file" test -f "$f"
	has_section "$f" answers "q1 = 2
q2 = 1
q3 = 1
q4 = 1
q5 = 1
q6 = 1
q7 = 1
q8 = 1
q9 = 1
q10 = 0"
	has_section "$f" scores "$PHQ9_SCORES"
	has_section "$f" flags "q9 = critical"
	check "status complete" grep -qx 'status = complete' "$f"
	check "rater, visit" grep -qx 'visit = baseline' "$f"
	check "draft removed" test "$(count drafts)" = 0
	check "file mode 0600" test "$(stat -c %a "$f")" = 600
	keys Enter
	expect "EXIT=0"
	expect "rater: saved P017/20261126T101500-phq9-1 in"
	end
}

# Going back (Left, Backspace, h) and changing an answer.
t_back_change() {
	begin back_change
	start "$RATE phq9 --patient P1 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys 1 2
	expect "Item 3 of 10"
	keys Left
	expect "Item 2 of 10"
	expect ">* 2  More than half the days"
	keys 3
	expect "Item 3 of 10"
	keys BSpace
	expect "Item 2 of 10"
	expect ">* 3  Nearly every day"
	keys h
	expect "Item 1 of 10"
	# Left on the first item says so and stays.
	keys Left
	expect "this is the first item"
	keys Right Right
	expect "Item 3 of 10"
	keys 0 0 0 0 0 0 0 0
	expect "Summary"
	keys s
	expect "Session saved."
	f=$(session_file P1)
	check "q1 kept" grep -qx 'q1 = 1' "$f"
	check "q2 changed to 3" grep -qx 'q2 = 3' "$f"
	check "q3 answered" grep -qx 'q3 = 0' "$f"
	keys Enter
	expect "EXIT=0"
	end
}

# Missing codes, cancelled and declined prompts, and the confirmation
# of an incomplete save that names the missing items and NA scores.
t_missing_incomplete() {
	begin missing
	start "$RATE phq9 --patient P2 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	# PHQ-9 allows unk and ref, not na: the prompt offers only those.
	keys x
	expect "Missing code: u = unk (unknown), r = ref (declined), Escape"
	keys n
	expect "Item 1 of 10"
	keys x u
	expect "Item 2 of 10"
	keys x r
	expect "Item 3 of 10"
	keys x Escape
	expect "Item 3 of 10"
	keys 3
	expect "Item 4 of 10"
	keys 2 1
	expect "Item 6 of 10"
	# To the summary with items 6-10 unanswered.
	keys Tab
	expect "5 items unanswered."
	expect " 6  Feeling bad about oneself"
	expect "--  UNANSWERED"
	expect "unk  (unknown)"
	expect "ref  (declined)"
	# Item 9 was passed without a value: its own flag is up.
	expect "!! CRITICAL: Item 9 not assessed: suicide risk unknown"
	keys s
	expectj "Save an incomplete session?  Missing: 6 q6, 7 q7, 8 q8, 9 q9 (required), 10 q10.  Scores that will be NA: Total. (y/n)"
	keys n
	expect "5 items unanswered."
	check "nothing saved on n" test "$(count sessions)" = 0
	# Reopen item 6 by number, answer: back to the summary.
	keys 6
	expect "Item 6 of 10"
	keys 1
	expect "4 items unanswered."
	keys s
	expectj "Save an incomplete session?  Missing: 7 q7, 8 q8, 9 q9 (required), 10 q10. Scores that will be NA: Total. (y/n)"
	keys y
	expect "Session saved."
	f=$(session_file P2)
	has_section "$f" answers "q1 = unk
q2 = ref
q3 = 3
q4 = 2
q5 = 1
q6 = 1
q7 =
q8 =
q9 =
q10 ="
	check "status incomplete" grep -qx 'status = incomplete' "$f"
	check "total NA" grep -qx 'total = NA' "$f"
	keys Enter
	expect "EXIT=0"
	end
}

# A note with UTF-8 text; Escape cancels a note.
t_note() {
	begin note
	start "$RATE phq9 --patient P3 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys n
	expect "Note on item 1"
	text "tired today, caf$(printf '\303\251') at 9"
	keys Enter
	expect "Note saved."
	expect "Note: tired today, caf$(printf '\303\251') at 9"
	keys 2
	expect "Item 2 of 10"
	keys n
	text "never mind"
	keys Escape
	wait_for "Item 2 of 10" && ok
	absent "Note:"
	keys 0 0 0 0 0 0 0 0 0
	expect "Summary"
	expect " 1+ Little interest"
	keys s
	expect "Session saved."
	f=$(session_file P3)
	has_section "$f" notes "q1 = tired today, caf$(printf '\303\251') at 9"
	keys Enter
	expect "EXIT=0"
	end
}

# Issue 14.4: an item skipped by its show-if, brought back when the
# answer it depends on is changed from the summary: the rater is asked it
# at once, then returns to the summary.
t_unskip() {
	begin unskip
	start "$RATE tests/tui/tuitest.ini --patient P14 --rater tester"
	wait_for "Item 1 of 4" || { end; return; }
	keys 0
	expect "Item 3 of 4, 1 skipped"
	keys 2
	expect "Item 4 of 4, 1 skipped"
	keys Right
	expect "Summary"
	line_has " 2  Pain severity" "skipped  (not asked)"
	keys 1
	expect "Item 1 of 4, 1 skipped"
	keys 1
	expect "Item 2 of 4"
	expect "Pain severity"
	absent "skipped"
	keys 5 Enter
	expect "Summary"
	line_has " 2  Pain severity" "5"
	keys s
	expect "Session saved."
	f=$(session_file P14)
	has_section "$f" answers 'pain = 1
severity = 5
mood = 2
comment ='
	keys Enter
	expect "EXIT=0"
	end
}

# Issues 14.4 and 14.6: the C-SSRS screener.  Question 2 no skips 3 to
# 5 (the progress counts them); the outputs are categories, shown with
# their labels; high risk raises the critical flag.
t_cssrs() {
	begin cssrs
	start "$RATE cssrs-screen --patient P15 --rater tester"
	wait_for "Item 1 of 6" || { end; return; }
	keys 1
	expect "Item 2 of 6"
	keys 0
	expect "Item 6 of 6, 3 skipped"
	expect "Lifetime: did, started or prepared"
	keys 1
	expect "Item 6B of 6, 3 skipped"
	keys 1
	expect "Summary"
	line_has " 3  Past month: thought about how" "skipped  (not asked)"
	line_has " 5  Past month: worked out details" "skipped  (not asked)"
	expect "Wish to be dead"
	expect "High"
	expect "!! CRITICAL: High risk on the C-SSRS screener"
	keys s
	expect "Session saved."
	f=$(session_file P15)
	has_section "$f" answers 'q1 = 1
q2 = 0
q3 = skipped
q4 = skipped
q5 = skipped
q6 = 1
q6b = 1'
	has_section "$f" scores 'ideation = 1
ideation.band = Wish to be dead
risk = 3
risk.band = High'
	keys Enter
	expect "EXIT=0"
	end
}

# A number item (range and step checked) shown only when the item before
# is "yes"; half points; a value typed then confirmed with Enter; text.
t_number_showif() {
	begin number_showif
	start "$RATE tests/tui/tuitest.ini --patient P4 --rater tester"
	wait_for "Item 1 of 4" || { end; return; }
	expect "PROVISIONAL"
	# "No" skips the severity item, and the progress says so.
	keys 0
	expect "Item 3 of 4, 1 skipped"
	keys Left
	expect "Item 1 of 4"
	keys 1
	expect "Item 2 of 4"
	expect "Type a number, 0 to 10 in steps of 0.5, then Enter."
	keys 1 1 Enter
	expect "severity: 11 is not 0 to 10 in steps of 0.5"
	keys 7 . 2 5 Enter
	expect "severity: 7.25 is not 0 to 10 in steps of 0.5"
	keys 8 . 5 Enter
	expect "Item 3 of 4"
	absent "skipped"
	expect "!! CRITICAL: Severe pain"
	# "1" could be 1, 1.5 or 12: it waits for Enter.
	keys 1
	expect "Typed: 1_"
	keys Enter
	expect "Item 4 of 4"
	keys Enter
	expect "Text for item 4"
	text "ok"
	keys Enter
	expect "Summary"
	expect '"ok"'
	expect "8.5"
	# Back to "no": the severity is skipped and saved as skipped.
	keys 1
	expect "Item 1 of 4"
	keys 0
	expect "skipped  (not asked)"
	absent "CRITICAL"
	keys 3
	expect "Item 3 of 4, 1 skipped"
	keys 1 . 5
	expect "Summary"
	keys s
	expect "Session saved."
	f=$(session_file P4)
	has_section "$f" answers 'pain = 0
severity = skipped
mood = 1.5
comment = "ok"'
	has_section "$f" scores "total = 1.5
total.band = Low"
	keys Enter
	expect "EXIT=0"
	end
}

# Resizing to 40x12 and back mid-session; keys typed blind are ignored.
t_resize() {
	begin resize
	start "$RATE phq9 --patient P5 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys 2 3
	expect "Item 3 of 10"
	$T resize-window -x 40 -y 12
	expect "Terminal too small"
	expect "need 50x14, have 40x12"
	keys 1
	$T resize-window -x 80 -y 24
	expect "Item 3 of 10"
	absent "too small"
	$T resize-window -x 120 -y 30
	expect "Scores"
	expect "Answered 2, missing 8"
	$T resize-window -x 80 -y 24
	keys Tab
	expect "Summary"
	expect " 1  Little interest or pleasure in activities"
	expect "2  More than half the days"
	expect "3  Nearly every day"
	expect "8 items unanswered."
	keys q
	expect "Leave? The draft is kept (y/n)"
	keys y
	expect "EXIT=0"
	expect "rater: draft kept:"
	check "draft kept" test "$(count drafts)" = 1
	end
}

# kill -9 after the fifth answer, restart, y, finish: every answer is in
# the saved file.
t_kill_resume() {
	begin kill_resume
	start "sh -c 'echo \$\$ >$D/pid; exec $RATER rate phq9 --patient P017 --rater tester --visit \"week 1\"'"
	wait_for "Item 1 of 10" || { end; return; }
	keys 1 2 3 0 1
	expect "Item 6 of 10"
	kill -9 "$(cat "$D/pid")"
	expect "EXIT=137"
	check "draft left" test "$(count drafts)" = 1
	start "$RATE phq9 --patient P017 --rater tester"
	expect "Resume PHQ-9 for P017 (5 of 10 items)? y/n"
	expect "Visit        week 1"
	keys y
	expect "Item 6 of 10"
	keys 0 0 0 2 3
	expect "Summary"
	keys s
	expect "Session saved."
	f=$(session_file P017)
	has_section "$f" answers "q1 = 1
q2 = 2
q3 = 3
q4 = 0
q5 = 1
q6 = 0
q7 = 0
q8 = 0
q9 = 2
q10 = 3"
	check "visit of the draft" grep -qx 'visit = week 1' "$f"
	check "draft removed" test "$(count drafts)" = 0
	# The resumed draft was the one asked for: no second rating.
	keys Enter
	expect "EXIT=0"
	check "one session" test "$(count sessions/P017)" = 1
	end
}

# A save that fails (the patient's directory is a file: works as root,
# where permissions do not stop writes): the cause is shown, the draft
# stays, and s succeeds once the problem is gone.
t_save_fails() {
	begin save_fails
	start "$RATE phq9 --patient P6 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys 0 0 0 0 0 0 0 0 0 0
	expect "Summary"
	echo "in the way" >"$RATER_DATA/sessions/P6"
	keys s
	expectj "Not saved: cannot save session: Not a directory (creating $RATER_DATA/sessions/P6).  The draft is kept; s tries again."
	check "draft kept" test "$(count drafts)" = 1
	rm -f "$RATER_DATA/sessions/P6"
	keys s
	expect "Session saved."
	check "saved" test -f "$(session_file P6)"
	check "draft removed" test "$(count drafts)" = 0
	keys Enter
	expect "EXIT=0"
	end
}

# A full disk at save time, when a tmpfs can be mounted (root, as in
# CI): the cause is shown, the draft stays, s succeeds once there is
# room again.  Skipped (not failed) where mount is not permitted.
t_disk_full() {
	begin disk_full
	mkdir -p "$D/mnt"
	if ! mount -t tmpfs -o size=256k tmpfs "$D/mnt" 2>/dev/null; then
		echo "tui: disk_full skipped: cannot mount a tmpfs here"
		return
	fi
	mounts="$mounts $D/mnt"
	export RATER_DATA=$D/mnt/data
	start "$RATE phq9 --patient P10 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys 3 3 3 3 3 3 3 3 0 0
	expect "Summary"
	dd if=/dev/zero of="$D/mnt/fill" bs=4096 2>/dev/null
	keys s
	expectj "Not saved: cannot save session: No space left on device"
	expect "The draft is kept; s tries"
	check "draft kept" test "$(count drafts)" = 1
	check "no session" test -z "$(session_file P10)"
	rm -f "$D/mnt/fill"
	keys s
	expect "Session saved."
	f=$(session_file P10)
	check "q8 saved" grep -qx 'q8 = 3' "$f"
	check "draft removed" test "$(count drafts)" = 0
	keys Enter
	expect "EXIT=0"
	end
	umount "$D/mnt" 2>/dev/null && mounts=${mounts% *}
}

# A bad patient id: a message and no file, from the command line and
# from the new-session screen, which then goes on with a good one.
t_bad_patient() {
	begin bad_patient
	start "$RATE phq9 --patient ../etc"
	expect "rater: patient id '../etc' may contain only letters, digits"
	expect "EXIT=1"
	check "no data directory" test ! -e "$RATER_DATA"
	"$RATER" record phq9 --patient P0 --rater tester q1=0 >/dev/null 2>&1
	# rate refuses a case variant before the rating starts.
	start "$RATE phq9 --patient p0"
	expect "rater: rate: patient id 'p0' differs only in case from the"
	expect "EXIT=1"
	start "'$RATER'"
	expect "1  New session"
	keys Enter
	expect "Scale       type to filter"
	text "phq"
	expect "phq9        10 items  PHQ-9: Patient Health Questionnaire"
	absent "gad7"
	keys Enter
	expect "Patient id  letters, digits"
	expect "Recent patients:"
	expect "  P0"
	text "a/b"
	keys Enter
	expect "patient id 'a/b' may contain only letters, digits"
	check "no file for a bad id" test ! -e "$RATER_DATA/sessions/a"
	# An id that differs from an existing patient's only in case is
	# refused at this step, naming the patient (rater-session(5)).
	keys C-u
	text "p0"
	keys Enter
	expect "patient id 'p0' differs only in case from the existing"
	expect "Patient id  letters, digits"
	check "no directory for p0" test ! -e "$RATER_DATA/sessions/p0"
	keys C-u
	text "P7"
	keys Enter
	expect "Rater       the name recorded"
	keys C-u
	text "dr who"
	keys Enter
	expect "Visit       type to filter"
	text "week 1"
	expect "week 12"
	keys Enter
	expect "Assessed    when the patient was assessed"
	expect "> 2026-11-26T10:15_"
	keys Enter
	expect "Item 1 of 10"
	expect "Patient P7 | week 1 | rater dr who"
	keys q y
	expect "1  New session"
	keys q
	expect "EXIT=0"
	end
}

# The assessment date on the new-session screen (issue 11): now is
# offered and shown; a date in the future is refused; a date long
# before the patient's first session and a scale already rated at the
# visit are warned of on the screen, and a second Enter goes on; the
# file and the draft's journal keep the date typed.
t_new_date() {
	begin new_date
	"$RATER" record phq9 --patient P3 --visit baseline --rater tester \
	    --date 2026-09-01 q1=0 >/dev/null 2>&1
	start "'$RATER'"
	expect "1  New session"
	keys Enter
	expect "Scale       type to filter"
	text "phq9"
	keys Enter
	expect "Patient id  letters, digits"
	text "P3"
	keys Enter
	expect "Rater       the name recorded"
	keys Enter
	expect "Visit       type to filter"
	keys C-u
	text "baseline"
	keys Enter
	expect "Assessed    when the patient was assessed: YYYY-MM-DD[THH:MM]"
	expect "Scale phq9 | patient P3 | rater"
	expect "| visit baseline"
	expect "> 2026-11-26T10:15_"
	keys C-u
	text "2026-11-27"
	keys Enter
	expect "the assessment date 2026-11-27 is in the future"
	absent "Item 1 of 10"
	keys C-u
	text "2026-06-02"
	keys Enter
	expectj "Warning: the assessment date 2026-06-02 is more than 90 days before the patient's first session."
	expectj "Warning: phq9 at visit 'baseline' is already recorded: P3/20261126T101500-phq9-1, assessed 2026-09-01."
	expect "Enter again to go on with this date"
	absent "Item 1 of 10"
	# Changed, it is checked again: only the visit is left to warn of.
	keys BSpace
	text "3"
	keys Enter
	expectj "Warning: phq9 at visit 'baseline' is already recorded"
	absent "more than 90 days"
	text "x"
	keys BSpace Enter
	expect "Item 1 of 10"
	expect "Patient P3 | baseline | rater"
	keys 1
	expect "Item 2 of 10"
	f=$(ls "$RATER_DATA"/drafts/*.journal 2>/dev/null | head -1)
	check "journal header has the date" grep -q "	assessed=2026-06-03	" "$f"
	keys 0 0 0 0 0 0 0 0 0
	expect "Summary"
	keys s
	expect "Session saved."
	f=$RATER_DATA/sessions/P3/20261126T101500-phq9-2.ini
	check "assessed in the file" grep -qx 'assessed = 2026-06-03' "$f"
	check "entry time in the file" grep -qx \
	    'started = 2026-11-26T10:15:00+00:00' "$f"
	end
}

# Forms entered out of order (issue 11): week 12 first, then the
# baseline and week 4 with --date.  The history lists them newest
# assessment first with their assessment dates, week 12 has its change
# from the baseline, and the trend runs baseline, week 4, week 12.
t_review_assessed() {
	begin review_assessed
	r() { "$RATER" record phq9 --patient P30 --rater drx "$@" \
	    >/dev/null 2>&1; }
	r --visit "week 12" q1=1 q2=1 q3=0 q4=1 q5=0 q6=0 q7=0 q8=0 q9=0 \
	    q10=0
	r --visit baseline --date 2026-09-01 q1=2 q2=2 q3=2 q4=2 q5=1 q6=1 \
	    q7=1 q8=1 q9=0 q10=1
	r --visit "week 4" --date 2026-09-29T14:30 q1=1 q2=2 q3=1 q4=1 q5=1 \
	    q6=1 q7=0 q8=0 q9=0 q10=0
	start "'$RATER' review --patient P30"
	wait_for "History of P30" || { end; return; }
	expect "PHQ-9: 3 sessions, baseline 2026-09-01 (baseline)"
	line_has "2026-11-26  week 12" "-9 (-75%)    R"
	line_has "2026-09-29  week 4" "-5 (-41.7%)"
	line_has "2026-09-01  baseline" "Moderate      baseline"
	# Newest assessment first: week 12, week 4, baseline.
	screen >"$D/history.txt"
	check "newest first" test "$(grep -o 'week 12\|week 4 \|baseline  drx' \
	    "$D/history.txt" | tr '\n' '|')" = "week 12|week 4 |baseline  drx|"
	keys Down t
	expect "Trend of PHQ-9 Total, patient P30"
	expect "3 sessions 2026-09-01..2026-11-26"
	line_has "  baseline " " week 4 "
	line_has " week 4 " " week 12"
	line_has "2026-09-01 " "2026-09-29      2026-11-26"
	keys q q
	expect "EXIT=0"
	end
}

# A draft written by session format 1's rater (the fixture of
# tests/cli/data/format1) resumes with its two answers and saves as
# format 3 (the current one), its assessment taken to be its start.
t_format1_draft() {
	begin format1_draft
	cp -R "$TOP/tests/cli/data/format1/DATA" "$RATER_DATA"
	start "'$RATER'"
	expect "Resume PHQ-9 for P017 (2 of 10 items)? y/n"
	expect "Assessed     2026-11-29T09:00:00+00:00"
	keys y
	expect "Item 3 of 10"
	keys 0 0 0 0 0 0 0 0
	expect "Summary"
	keys s
	expect "Session saved."
	f=$RATER_DATA/sessions/P017/20261129T090000-phq9-1.ini
	check "format 3" grep -qx 'format = 3' "$f"
	check "assessed = started" grep -qx \
	    'assessed = 2026-11-29T09:00:00+00:00' "$f"
	check "answers kept" sh -c "grep -qx 'q1 = 2' '$f' &&
	    grep -qx 'q2 = 1' '$f'"
	check "old files verify" sh -c "'$RATER' verify >/dev/null 2>&1"
	end
}

# The help screen (? and F1) and back.
t_help() {
	begin help
	start "$RATE phq9 --patient P8 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys ?
	expect "Keys: item screen"
	expect "record a missing code: n = na"
	keys Space
	expect "Item 1 of 10"
	keys F1
	expect "Keys: item screen"
	keys q
	expect "Item 1 of 10"
	absent "Leave?"
	keys Tab ?
	expect "Keys: summary screen"
	keys Escape
	expect "Summary"
	keys q y
	expect "EXIT=0"
	end
}

# Declining a leftover draft moves it to the trash, never deletes it.
t_resume_declined() {
	begin resume_declined
	start "$RATE phq9 --patient P9 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys 2
	expect "Item 2 of 10"
	keys q y
	expect "EXIT=0"
	check "draft kept" test "$(count drafts)" = 1
	start "'$RATER'"
	expect "Resume PHQ-9 for P9 (1 of 10 items)? y/n"
	keys n y
	expect "1  New session"
	expect "Draft moved to"
	check "drafts empty" test "$(count drafts)" = 0
	check "draft in the trash" test "$(count trash)" = 1
	check "audit line" grep -q '	discard	trash/' "$RATER_DATA/audit.log"
	keys q
	expect "EXIT=0"
	# Leaving before any answer leaves no draft behind.
	start "$RATE phq9 --patient P9 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys q y
	expect "EXIT=0"
	check "no empty draft" test "$(count drafts)" = 0
	end
}

# A non-UTF-8 locale: UTF-8 labels become '?' without breaking the
# screen; NO_COLOR is honoured.
t_c_locale() {
	begin c_locale
	start "LC_ALL=C NO_COLOR=1 '$RATER' try tests/tui/tuitest.ini"
	wait_for "Item 1 of 4" || { end; return; }
	keys 1 9 Enter
	expect "Item 3 of 4"
	expect "1.5  Between fair and poor ??? worse"
	expect "12  Very poor"
	# No colour, and the critical flag still in reverse video.
	expect "!! CRITICAL: Severe pain"
	check "critical flag in reverse" sh -c "printf '%s' '$(attrs \
	    "Severe pain")' | grep -qF '${esc}[7m'"
	check "no colour" sh -c "! $T capture-pane -p -e | grep -q \
	    '${esc}\\[3[0-7]m'"
	keys q y
	expect "EXIT=0"
	expect "answers    = pain=1 severity=9 mood=-"
	expect "flags      = severe"
	end
}

# A dry run writes nothing and prints the answers and scores.
t_try() {
	begin try
	start "'$RATER' try tests/tui/tuitest.ini"
	wait_for "Dry run: nothing is saved" || { end; return; }
	keys 1 5 Enter 1 2
	expect "Item 4 of 4"
	keys Right
	expect "Summary"
	keys s
	expect "A dry run saves nothing"
	keys q y
	# A [test.try] case to paste (the text item left out) ...
	expect "answers    = pain=1 severity=5 mood=12"
	expect "total.band = High"
	expect "flags      = none"
	check "no data written" test ! -e "$RATER_DATA"
	# ... that lints once pasted into the file.
	screen | sed -n '/^; rater try/,/^flags /p' >"$D/try.case"
	cat tests/tui/tuitest.ini "$D/try.case" >"$D/tuitest.ini"
	check "the case has answers and a total" grep -qx \
	    'total      = 18.0' "$D/try.case"
	check "the pasted case lints" sh -c "'$RATER' lint '$D/tuitest.ini' |
	    grep -qx '.*: ok: 4 items, 1 scores, 3 tests passed'"
	end
}

. "$DIR/review.sh"
. "$DIR/screens.sh"
. "$DIR/kinds.sh"

for t in phq9_complete back_change missing_incomplete note number_showif unskip cssrs \
    resize kill_resume save_fails disk_full bad_patient new_date \
    review_assessed format1_draft help \
    resume_declined \
    c_locale try \
    review_patients review_history review_trend review_detail review_basis \
    review_compare review_amend review_amend_cancel review_amend_resume \
    review_menu \
    review_blind review_exit_after_draw \
    scr_no_accident scr_discard_confirm scr_ctrl_c scr_long_note \
    scr_defaults scr_stale scr_values scr_text scr_instructions \
    scr_numbers scr_form scr_keystrokes \
    kinds_multi_vas; do
	[ -n "$TUI_ONLY" ] && [ "$TUI_ONLY" != "$t" ] && continue
	t_$t
done
echo "tui: $pass passed, $fail failed"
[ $fail -eq 0 ]
