# tests/tui/kinds.sh: item kinds (issue 14.5): a multi-select item
# ticked with its keys and Space, recorded on Enter; a 0-100 visual-
# analogue item typed with its decimals, its range drawn with the
# anchors at the ends, and printed as entered.  Sourced by
# tests/tui/run.sh, whose helpers it uses.

t_kinds_multi_vas() {
	begin kinds_multi_vas
	start "$RATE tests/tui/kinds.ini --patient V1 --rater tester"
	wait_for "Item 1 of 2" || { end; return; }
	expect "[ ] 1  Face"
	# Ticking records nothing yet; Space unticks the marked option.
	keys 1 3 5
	expect "[x] 5  Red"
	expect "Ticked: 1+3+5   (Enter records it)"
	keys Space
	expect "Ticked: 1+3   (Enter records it)"
	expect "Recall NA"
	keys 7
	expect "7 is not one of the options."
	keys Enter
	expect "Item 2 of 2"
	expect "Recall 2"
	# The VAS: the range with its anchors, 80 columns wide.
	expect "Type a number, 0 to 100, then Enter."
	check "range line" row_holds 7 \
	    "0 [------------------------------------------------------------] 100"
	check "anchors" row_holds 8 \
	    "  Not at all                                           Extremely"
	text "74.5"
	expect "Typed: 74.5_"
	keys Enter
	expect "Summary"
	expect "1+3  Face; Church"
	expect "74.5"
	expect "Calm  74.5"
	# Back on the item: the answer as entered, marked on the line.
	keys Left
	expect "Answer: 74.5"
	check "marked at 74.5" row_holds 7 \
	    "0 [--------------------------------------------#---------------] 100"
	# Back to the multi item: its ticks are what was recorded.
	keys Left
	expect "Answer: 1+3"
	expect "[x] 3  Church"
	# Delete clears the answer and the ticks.
	keys DC
	expect "Answer cleared."
	expect "Ticked: none   (Enter records it)"
	keys 1 Enter
	expect "Item 2 of 2"
	keys Tab
	expect "1  Face"
	keys s
	expect "Session saved."
	f=$(session_file V1)
	has_section "$f" answers "words = 1
calm = 74.5"
	has_section "$f" scores "recall = 1
calm_s = 74.5"
	keys q
	expect "EXIT=0"
	end
}
