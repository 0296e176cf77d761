# tests/tui/screens.sh: the rating screens, round 2 (issue 13): no
# answer by accident, Ctrl-C, long notes, defaults shown, stale state,
# values never cut, instructions, paper numbering, the BFMDRS form,
# UTF-8 in messages, keystroke counts.  Sourced by tests/tui/run.sh,
# whose helpers it uses; each t_scr_* is one test.

# Space and keys with no meaning record nothing and say so; Enter on
# the marked option still records it.
t_scr_no_accident() {
	begin scr_no_accident
	start "$RATE phq9 --patient P20 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys Space
	expect "Space records nothing: type an option's value (0-3)"
	text "sad today"
	expect "'y' records nothing"
	keys Enter
	# The status line went away with Enter, which took option 0.
	expect "Item 2 of 10"
	text "two words"
	expect "records nothing"
	absent "Item 3 of 10"
	keys Tab
	expect "9 items unanswered."
	keys q y
	expect "EXIT=0"
	f=$(ls "$RATER_DATA"/drafts/*.journal 2>/dev/null | head -1)
	check "one answer in the draft" test "$(grep -c '^answer	' "$f")" = 1
	end
}

# Declining a leftover draft asks first, naming the patient and scale.
t_scr_discard_confirm() {
	begin scr_discard_confirm
	start "$RATE phq9 --patient P21 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys 2 1
	expect "Item 3 of 10"
	keys q y
	expect "EXIT=0"
	start "'$RATER'"
	expect "Resume PHQ-9 for P21 (2 of 10 items)? y/n"
	keys n
	expectj "Put the draft of PHQ-9 for patient P21 (2 answers) in the trash?"
	keys n
	expect "The draft stays."
	check "draft kept on n" test "$(count drafts)" = 1
	keys x
	expect "y resumes, n puts the draft in the trash (asks first)"
	keys n y
	expect "Draft moved to"
	check "draft in the trash" test "$(count trash)" = 1
	keys q
	expect "EXIT=0"
	end
}

# Ctrl-C asks; Escape goes on; a second Ctrl-C leaves with the draft
# kept and says how to resume; d discards after a confirmation.
t_scr_ctrl_c() {
	begin scr_ctrl_c
	start "$RATE phq9 --patient P22 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	keys 1 2
	expect "Item 3 of 10"
	keys C-c
	expectj "Ctrl-C: k keeps the draft of phq9 for patient P22 and leaves"
	keys Escape
	expect "Going on."
	expect "Item 3 of 10"
	keys 3
	expect "Item 4 of 10"
	keys C-c
	expect "Ctrl-C: k keeps"
	keys C-c
	expect "EXIT=130"
	expect "rater: draft kept:"
	expect "rater: to resume, run: rater rate phq9 --patient P22"
	check "draft kept" test "$(count drafts)" = 1
	f=$(ls "$RATER_DATA"/drafts/*.journal 2>/dev/null | head -1)
	check "three answers kept" test "$(grep -c '^answer	' "$f")" = 3
	# k: keep and leave.
	start "$RATE phq9 --patient P22 --rater tester"
	expect "Resume PHQ-9 for P22 (3 of 10 items)? y/n"
	keys y
	expect "Item 4 of 10"
	keys C-c k
	expect "EXIT=130"
	check "draft still kept" test "$(count drafts)" = 1
	# d: discard, after naming what goes.
	start "$RATE phq9 --patient P22 --rater tester"
	expect "Resume PHQ-9 for P22 (3 of 10 items)? y/n"
	keys y
	expect "Item 4 of 10"
	keys C-c d
	expectj "Put the draft of phq9 for patient P22 (3 answers) in the trash and leave?"
	keys y
	expect "EXIT=130"
	expect "rater: draft put in"
	check "no draft left" test "$(count drafts)" = 0
	check "draft in the trash" test "$(count trash)" = 1
	end
}

# A note of several paragraphs' length is kept whole (it was cut at 511
# characters while the screen said "Note saved.").
t_scr_long_note() {
	begin scr_long_note
	start "$RATE phq9 --patient P23 --rater tester"
	wait_for "Item 1 of 10" || { end; return; }
	note=$(awk 'BEGIN { for (i = 1; i <= 60; i++)
	    printf "sentence %02d of a long clinic note; ", i; printf "end" }')
	keys n
	expect "Note on item 1"
	text "$note"
	expect "; end"
	keys Enter
	expect "Note saved."
	expect "Note: sentence 01 of a long clinic note;"
	keys 1 1 1 1 1 1 1 1 1 1
	expect "Summary"
	keys s
	expect "Session saved."
	f=$(session_file P23)
	check "note saved whole (${#note} characters)" \
	    grep -qxF "q1 = $note" "$f"
	keys Enter
	expect "EXIT=0"
	end
}

# The new-session steps show what Enter will record: the rater with
# where the name comes from (a blank one is refused), the visit (none
# until one is typed or chosen with Down).
t_scr_defaults() {
	begin scr_defaults
	start "LOGNAME=nurse1 '$RATER'"
	expect "1  New session"
	keys Enter
	expect "Scale       type to filter"
	text "phq9"
	keys Enter
	expect "Patient id"
	text "P30"
	keys Enter
	expect "Enter records: nurse1 (the login name; Ctrl-U and type to change)"
	keys C-u
	expect "Type the rater's name (required)."
	keys Enter
	expect "Type the rater's name: it is recorded with the session."
	text "dr a"
	expect "Enter records: dr a"
	keys Enter
	expect "Enter records no visit label; type or Down to choose one."
	absent "Enter records: screening"
	keys Down
	expect "Enter records: screening"
	keys Up
	expect "Enter records no visit label"
	text "base"
	expect "Enter records: baseline"
	keys C-u
	text "day 3"
	expect "Enter records: day 3 (a new label)"
	keys C-u Enter
	expect "Item 1 of 10"
	expect "Patient P30 | rater dr a | past 2 weeks"
	keys q y
	expect "1  New session"
	keys q
	expect "EXIT=0"
	end
}

# One run of the menu: a patient saved appears in the recent list at
# once; the same scale and patient again offers the draft left a moment
# ago instead of starting a second one.
t_scr_stale() {
	begin scr_stale
	start "'$RATER'"
	expect "1  New session"
	new_phq9() {
		keys Enter
		expect "Scale       type to filter"
		text "phq9"
		keys Enter
		expect "Patient id"
	}
	new_phq9
	absent "Recent patients:"
	text "P40"
	keys Enter Enter Enter
	expect "Item 1 of 10"
	keys 0 0 0 0 0 0 0 0 0 0
	expect "Summary"
	keys s
	expect "Session saved."
	keys Enter
	expect "1  New session"
	new_phq9
	expect "Recent patients:"
	expect "  P40"
	text "P41"
	keys Enter Enter Enter
	expect "Item 1 of 10"
	keys 2 1
	expect "Item 3 of 10"
	keys q y
	expect "1  New session"
	new_phq9
	text "P41"
	keys Enter Enter Enter
	expectj "A draft of PHQ-9 for patient P41 is waiting (2 answers, started"
	keys Escape
	expect "Nothing started; the draft stays."
	keys Enter
	expect "A draft of PHQ-9 for patient P41 is waiting"
	keys r
	expect "Item 3 of 10"
	check "one draft" test "$(count drafts)" = 1
	keys q y
	expect "1  New session"
	keys q
	expect "EXIT=0"
	end
}
