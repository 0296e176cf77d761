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
	expect "Assessed    when the patient was assessed"
	keys Enter
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
	keys Enter Enter Enter Enter
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
	keys Enter Enter Enter Enter
	expect "Item 1 of 10"
	keys 2 1
	expect "Item 3 of 10"
	keys q y
	expect "1  New session"
	new_phq9
	text "P41"
	keys Enter Enter Enter Enter
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

# Values are never cut: long score labels give way (ellipsis) in the
# side panel (100 and 132 columns), on the item screen's score rows and
# the summary (80), and at the minimum size; the amend summary keeps
# "(was N)" whole.  MEQ-30 with 26 items at 4 and 4 at 3: total 3.87.
t_scr_values() {
	begin scr_values
	W=100 H=30
	start "'$RATER' try scales/meq30.ini"
	wait_for "Item 1 of 30" || { end; return; }
	keys 3 3 3 3 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4 4
	expect "Item 30 of 30"
	# q1-q4 at 3: mystical has q4 (3.93), transcendence q1 (3.83),
	# ineffability q3 (3.67), mood none yet.
	line_has "Mystical (mean" "  3.93"
	line_has "Transcendence of time" "  3.83"
	line_has "Ineffability (mean" "  3.67"
	line_has "Positive mood (mean of 6 it$(printf '\342\200\246')" "NA"
	keys 4
	expect "Summary"
	line_has "Total (mean of all 30 ite$(printf '\342\200\246')" "  3.87"
	line_has "Complete mystical experienc" "  1"
	line_has "Positive mood" "3.83"
	$T resize-window -x 132 -y 40
	line_has "Total (mean of all 30 items)" "  3.87"
	$T resize-window -x 80 -y 24
	line_has "Total (mean of all 30 items)" "  3.87"
	keys 5
	expect "Item 5 of 30"
	line_has "Total (mean of all" " 3.87"
	line_has "Complete mystical" " 1"
	line_has "Mystical" " 3.93"
	$T resize-window -x 50 -y 14
	line_has "Total (mean" " 3.87"
	keys q y
	expect "EXIT=0"
	end
	# The amend summary: "(was 4)" stays whole after a long label.
	begin scr_values_amend
	RATER_NOW=2026-11-20T09:00:00+00:00 "$RATER" record meq30 \
	    --patient P50 --rater drx --visit "dosing day" \
	    $(for i in $(seq 30); do printf 'q%d=4 ' $i; done) >/dev/null
	start "RATER_NOW=2026-11-30T08:00:00+00:00 '$RATER' review --patient P50"
	wait_for "History of P50" || { end; return; }
	keys Down a
	expect "Reason for amending"
	text "item 1 misread"
	keys Enter
	expect "Amendment: 0 items changed"
	keys g
	text "1"
	keys Enter
	expect "Item 1 of 30"
	keys 5
	expect "Amendment: 1 item changed"
	line_has " 1  Lost the usual sense of time" "(was 4)"
	keys q y
	expect "History of P50"
	keys q
	expect "EXIT=0"
	end
}

# Text: a UTF-8 id is quoted whole in a message; at 60x16 the trend bar
# of 1 stays below the boundary line of 5 (PHQ-9, 0-27); at 80 columns
# the history keeps a blank between the responder mark and the scroll
# mark.
t_scr_text() {
	begin scr_text
	start "'$RATER'"
	expect "1  New session"
	keys Enter
	text "phq9"
	keys Enter
	expect "Patient id"
	text "M$(printf '\303\274')ller"
	keys Enter
	expect "patient id 'M$(printf '\303\274')ller' may contain only letters"
	keys q
	end
	begin scr_text_trend
	rec() {
		RATER_NOW=$1 "$RATER" record phq9 --patient P60 --visit "$2" \
		    --rater x q1=$3 q2=$4 q3=0 q4=0 q5=0 q6=0 q7=0 q8=0 q9=0 \
		    q10=0 >/dev/null
	}
	rec 2026-10-01T09:00:00+00:00 baseline 3 2
	rec 2026-10-08T09:00:00+00:00 "week 1" 1 0
	rec 2026-10-15T09:00:00+00:00 "week 2" 0 0
	W=60 H=16
	start "$REVIEW --patient P60"
	wait_for "History of P60" || { end; return; }
	keys Down Down t
	expect "Trend of PHQ-9 Total, patient P60"
	expect "1/3 2026-10-01 baseline: 5 Mild"
	# Row 10: the boundary of 5, reached by the baseline's 5 only.
	row 10 " 5 $(printf '\342\224\244')"
	row 10 "$(printf '\342\226\204\342\226\204')"
	check "no bar of 1 or 0 on the line of 5" sh -c "! $T capture-pane -p |
	    sed -n 10p | grep -q '$(printf '\342\226\201\|\342\226\202')'"
	# Row 11: the bar of 1 (a quarter block), the stub of 0.
	row 11 "$(printf '\342\226\210\342\226\210')"
	row 11 "$(printf '\342\226\202\342\226\202')"
	row 11 "$(printf '\342\226\201\342\226\201')"
	end
	begin scr_text_history
	RATER_NOW=2026-09-01T09:00:00+00:00 "$RATER" record phq9 \
	    --patient P61 --visit baseline --rater "Dr Someone Long" q1=3 \
	    q2=3 q3=1 q4=1 q5=1 q6=1 q7=1 q8=0 q9=0 q10=0 >/dev/null
	for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19; do
		RATER_NOW=2026-10-${d}T09:00:00+00:00 "$RATER" record phq9 \
		    --patient P61 --visit "follow-up visit $d" \
		    --rater "Dr Someone Long" q1=1 q2=1 q3=1 q4=0 q5=0 q6=0 \
		    q7=0 q8=0 q9=0 q10=0 >/dev/null
	done
	W=80 H=24
	start "$REVIEW --patient P61"
	wait_for "History of P61" || { end; return; }
	expect "-8 (-72.7%) R"
	check "scroll mark apart from R" sh -c "$T capture-pane -p |
	    grep -q 'R v\$'"
	check "never 'Rv'" sh -c "! $T capture-pane -p | grep -q 'Rv'"
	end
}

# Instructions: the scale's before the first item, on i and ? in full
# with the item's help; an item's help in full on its screen when the
# options still fit (HAM-D 16a).  No keystroke is spent on them.
t_scr_instructions() {
	begin scr_instructions
	start "$RATE bfmdrs-m --patient P70 --rater tester"
	wait_for "Item 1 of 18" || { end; return; }
	expectj "Instructions: Rate each region twice: what provokes the dystonia, then how severe it is."
	keys 0
	expect "Item 2 of 18"
	absent "Instructions:"
	keys i
	expect "Instructions"
	expectj "Rate each region twice: what provokes the dystonia, then how severe it is. A region with no dystonia is 0 and 0."
	keys q
	expect "Item 2 of 18"
	absent "Leave?"
	keys q y
	expect "EXIT=0"
	end
	begin scr_instructions_hamd
	start "$RATE hamd17 --patient P71 --rater tester"
	wait_for "Item 1 of" || { end; return; }
	keys 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
	expect "Weight loss: by history (16a)"
	expect "item 16 is left out of the"
	keys ?
	expect "Item 16"
	expectj "Rate item 16 by history (16a) or by measured weight (16b), not both"
	keys Escape
	expect "Weight loss: by history (16a)"
	keys q y
	expect "EXIT=0"
	end
}

# Paper numbering: HAM-D's 16a/16b are 16A/16B "of 17", Insight is 17,
# and g takes the paper number (16: the one of 16A/16B shown).
t_scr_numbers() {
	begin scr_numbers
	start "$RATE hamd17 --patient P72 --rater tester"
	wait_for "Item 1 of 17" || { end; return; }
	keys g
	text "17"
	keys Enter
	expect "Item 17 of 17"
	expect "17. Insight"
	keys g
	text "16"
	keys Enter
	expect "Item 16A of 17"
	expect "16A. Weight loss: by history (16a)"
	keys x n
	expect "Item 16B of 17"
	keys g
	text "16a"
	keys Enter
	expect "Item 16A of 17"
	keys 1
	expect "Item 17 of 17"
	keys g
	text "16"
	keys Enter
	expect "Item 16A of 17"
	keys Tab
	expect "Summary"
	line_has " 16A  Weight loss: by history" "1  Probable loss"
	line_has " 16B  Weight loss: by measurement" "skipped  (not asked)"
	keys 1 6
	expect "Item 16A of 17"
	keys Tab s
	expectj "Missing: 1 q1, 2 q2, 3 q3"
	expectj "15 q15, 17 q17."
	keys n q y
	expect "EXIT=0"
	end
}

# BFMDRS as on the paper form: per region, provoking factor x severity
# x weight = the region's subtotal, live (side panel from 100 columns;
# the current region's line on the item screen at any width).
t_scr_form() {
	begin scr_form
	W=100 H=30
	start "$RATE bfmdrs-m --patient P73 --rater tester"
	wait_for "Item 1 of 18" || { end; return; }
	expect "As on the form"
	line_has "Eyes (weigh" "  _ x _ x 0.5 = -"
	expect "Eyes (weight 0.5): _ x _ x 0.5 = -"
	keys 2
	expect "Eyes (weight 0.5): 2 x _ x 0.5 = -"
	keys 3
	line_has "Eyes (weigh" "  2 x 3 x 0.5 = 3.0"
	expect "Mouth (weight 0.5): _ x _ x 0.5 = -"
	keys 1 4
	line_has "Mouth (weigh" "  1 x 4 x 0.5 = 2.0"
	expect "Speech and swallowing (weight 1): _ x _ = -"
	keys 2 2
	line_has "Speech and swallow" "  2 x 2 = 4.0"
	$T resize-window -x 80 -y 24
	expect "Neck (weight 0.5): _ x _ x 0.5 = -"
	keys 0 0 0 0 0 0 0 0 0 0 0 0
	expect "Summary"
	expect "Movement total  9.0"
	keys s
	expect "Session saved."
	f=$(session_file P73)
	check "total 9.0 saved" grep -qx 'total = 9.0' "$f"
	keys Enter
	expect "EXIT=0"
	end
}

# Keystroke counts of three walkthroughs, from the first item to the
# saved file: one key per item plus s (PHQ-9 11, BFMDRS 19, MEQ-30 31).
# Prints "keys: SCALE N" for the record.
t_scr_keystrokes() {
	for spec in "phq9 10 2" "bfmdrs-m 18 1" "meq30 30 3"; do
		set -- $spec
		begin scr_keys_$1
		start "$RATE $1 --patient K1 --rater tester --visit baseline"
		wait_for "Item 1 of $2" || { end; continue; }
		nk=0
		i=0
		while [ $i -lt $2 ]; do
			keys "$3"
			nk=$((nk + 1))
			i=$((i + 1))
		done
		expect "Summary"
		keys s
		nk=$((nk + 1))
		expect "Session saved."
		# The Summary and the save came with exactly these keys.
		echo "keys: $1 $nk"
		check "$1 saved complete" grep -qx 'status = complete' \
		    "$(session_file K1)"
		end
	done
}
