# tests/tui/review.sh: the review screens (rater review, the menu's
# review entry): the patient list filtered by typing, a history with the
# change from baseline and responder marks, the trend chart (and a
# resize under it), a session's items, notes and flags, the comparison
# with the baseline, an amendment with its reason (and what lands on
# disk), and blind mode.  Sourced by tests/tui/run.sh, whose helpers it
# uses; each t_review_* is one test.

# mkreview: a store made with rater record on fixed dates (once per run,
# then copied into the test's data directory).
#   P017  PHQ-9: screening 18, baseline 20, week 1 NA (three items
#         missing: a gap in the trend), week 4 10 (q9 = 1: the critical
#         flag; -10, -50 %: a responder by PHQ-9's 50 % rule);
#         GAD-7: baseline 14, week 4 7.
#   P002  PHQ-9: baseline 8.   Q5  GAD-7: day 1.
mkreview() {
	if [ -d "$tmp/review-store" ]; then
		cp -R "$tmp/review-store" "$RATER_DATA"
		return
	fi
	mr() {
		RATER_NOW=$1
		shift
		RATER_NOW=$RATER_NOW "$RATER" record "$@" >/dev/null 2>&1 ||
		    not_ok "record $*"
	}
	mr 2026-10-25T09:00:00+00:00 phq9 --patient P017 --visit screening \
	    --rater drx q1=3 q2=3 q3=2 q4=2 q5=2 q6=2 q7=2 q8=2 q9=0 q10=1
	mr 2026-11-01T09:00:00+00:00 phq9 --patient P017 --visit baseline \
	    --rater drx q1=3 q2=3 q3=3 q4=3 q5=2 q6=2 q7=2 q8=2 q9=0 q10=2
	mr 2026-11-08T09:00:00+00:00 phq9 --patient P017 --visit 'week 1' \
	    --rater drx q4=2 q5=2 q6=2 q7=2 q8=2 q9=0 q10=1
	mr 2026-11-29T10:00:00+00:00 phq9 --patient P017 --visit 'week 4' \
	    --rater "Dr M$(printf '\303\274')ller" q1=2 q2=1 q3=1 q4=1 q5=1 \
	    q6=1 q7=1 q8=1 q9=1 q10=1
	mr 2026-11-01T09:30:00+00:00 gad7 --patient P017 --visit baseline \
	    --rater drx q1=2 q2=2 q3=2 q4=2 q5=2 q6=2 q7=2
	mr 2026-11-29T10:30:00+00:00 gad7 --patient P017 --visit 'week 4' \
	    --rater drx q1=1 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1
	mr 2026-11-02T09:00:00+00:00 phq9 --patient P002 --visit baseline \
	    --rater nurse q1=1 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 q9=0 q10=0
	mr 2026-11-03T09:00:00+00:00 gad7 --patient Q5 --visit 'day 1' \
	    --rater nurse q1=0 q2=0 q3=0 q4=0 q5=0 q6=0 q7=0
	cp -R "$RATER_DATA" "$tmp/review-store"
}

# line_has A B: the screen has a line holding both A and B (in order).
line_has() {
	if until_ok line_holds "$1" "$2"; then
		ok
		return 0
	fi
	not_ok "no line with '$1' and '$2':"
	screen | sed 's/^/  | /'
	return 1
}

# row N TEXT: line N (1-based) of the screen holds TEXT.
row() {
	if until_ok row_holds "$1" "$2"; then ok
	else
		not_ok "line $1 does not hold '$2':"
		screen | sed 's/^/  | /'
	fi
}

REVIEW="'$RATER' review"
P017_WEEK4=P017/20261129T100000-phq9-1

# The patient list: counts, last visits, scales; typing filters (and
# j, q typed into a filter are characters); Escape stops, then clears.
t_review_patients() {
	begin review_patients
	mkreview
	start "$REVIEW"
	expect "Review: patients"
	expect "3 patients, 8 sessions"
	line_has "P017" "6  2026-11-29  week 4"
	line_has "P017" "gad7 phq9"
	line_has "P002" "1  2026-11-02  baseline"
	line_has "Q5" "2026-11-03  day 1"
	text "P0"
	expect "Filter: P0_"
	expect "2 of 3"
	absent "Q5"
	text "1"
	expect "1 of 3"
	absent "P002"
	expect "> P017"
	keys BSpace BSpace BSpace
	expect "Filter: _"
	expect "  Q5 "
	# Backspace takes a whole UTF-8 character (ui_edit_del).
	text "Pé"
	expect "Filter: Pé_"
	keys BSpace
	expect "Filter: P_"
	keys BSpace
	expect "Filter: _"
	# While typing, q and j are characters of the filter.
	text "j"
	expect "Filter: j_"
	expect "0 of 3"
	expect "No patient id matches the filter."
	keys C-u
	text "q5"
	expect "> Q5"
	keys Escape
	expect "Enter open  type or / filter"
	expect "Filter: q5"
	keys Escape
	expect "Filter: type a patient id"
	keys Down Enter
	expect "History of P017"
	keys q
	expect "Review: patients"
	keys q
	expect "EXIT=0"
	end
}

# The history: grouped by scale, newest first, date, visit, rater,
# score and band, change from baseline (absolute and percent), the
# responder mark, the flag mark and the flag itself.
t_review_history() {
	begin review_history
	mkreview
	start "$REVIEW --patient P017"
	wait_for "History of P017" || { end; return; }
	golden review-history
	line_has "PHQ-9: 4 sessions, baseline 2026-11-01 (baseline)" \
	    "Patient Health Questionnaire"
	# PHQ-9 baseline 20, week 4 10: -10, -50 %, a responder (50 %).
	line_has "2026-11-29 week 4    Dr M" "Total    10 Moderate"
	line_has "2026-11-29 week 4    Dr M" "-10 (-50%) R"
	line_has " !! 2026-11-29" "week 4"
	line_has "2026-11-01 baseline  drx" "20 Severe            baseline"
	# No total (three items missing): NA, and no change.
	line_has "2026-11-08 week 1" "Total    NA NA                NA"
	# Before the baseline: no change.
	line_has "2026-10-25 screening" "18 Moderately severe"
	line_has "2026-11-29 week 4    drx" "7 Mild              -7 (-50%)"
	absent "-7 (-50%) R"
	# The flag of the session under the cursor.
	keys Down Down
	expect "!! CRITICAL: Item 9 positive: assess suicide risk today"
	expect "$P017_WEEK4  complete"
	keys Down
	expect "R marks a responder: Total improved by at least 50% from"
	# Tab: the next scale; / filters.
	keys g Tab
	expect ">!! 2026-11-29"
	keys /
	expect "Filter (scale, date, visit, rater"
	text "screening"
	keys Enter
	expect "Filter: screening"
	absent "week 4"
	line_has ">   2026-10-25" "screening  drx    Total     18"
	keys Escape
	expect "week 4"
	keys q
	expect "EXIT=0"
	end
}

# The trend of PHQ-9's total: visits and dates on the x axis, the
# declared range 0-27 on the y axis, the band boundaries and labels, a
# known bar; a resize under it redraws the same chart.
t_review_trend() {
	begin review_trend
	mkreview
	start "$REVIEW --patient P017"
	wait_for "History of P017" || { end; return; }
	keys Down Down t
	expect "Trend of PHQ-9 Total, patient P017"
	expect "0-27, higher is worse; 4 sessions 2026-10-25..2026-11-29"
	line_has "screening" "baseline       week 1        week 4"
	line_has "2026-10-25" "2026-11-01    2026-11-08    2026-11-29"
	# The axis: 27 at the top, 0 at the axis, the boundaries between.
	row 4 "27 "
	row 20 " 0 "
	# Band boundaries (dotted, with their values) and labels.
	row 8 "20 "
	row 14 "10 "
	line_has "10 " "$(printf '\342\224\210\342\224\210')"
	expect "Moderately severe"
	expect "None-minimal"
	line_has "Moderate" "10"
	# Week 4 (10 of 27 at 16 rows): its bar tops out at the boundary of
	# 10, its label just above it; baseline's 20 at the boundary of 20.
	row 13 " 10 "
	row 7 " 20 "
	# Week 1 has no total: a gap marked NA.
	row 19 " NA "
	row 14 "$(printf '\342\226\210\342\226\210\342\226\210\342\226\210\342\226\210\342\226\210')"
	expect "4/4 2026-11-29 week 4: 10 Moderate, change -10 (-50%), responder"
	keys k
	expect "3/4 2026-11-08 week 1: NA (no value)"
	keys k
	expect "2/4 2026-11-01 baseline: 20 Severe, the baseline"
	screen >"$D/before"
	$T resize-window -x 120 -y 40
	wait_for "Trend of PHQ-9 Total" || { end; return; }
	expect "2/4 2026-11-01 baseline: 20 Severe"
	expect "Moderately severe"
	# Taller: the bar of 10 (of 27, now 32 rows) ends at row 35-12.
	row 24 "10 "
	$T resize-window -x 40 -y 12
	expect "Terminal too small"
	$T resize-window -x 80 -y 24
	wait_for "Trend of PHQ-9 Total" && ok
	same_chart() { screen >"$D/after"; cmp -s "$D/before" "$D/after"; }
	check "the same chart after the resizes" until_ok same_chart
	keys Enter
	expect "Patient P017 | 2026-11-01 09:00 | baseline | rater drx"
	keys q
	expect "Trend of PHQ-9 Total"
	keys q
	expect "History of P017"
	keys q
	expect "EXIT=0"
	end
}

# One session: every item with its answer label, a note (UTF-8, and a
# control character from the file shown as '?'), the scores with band
# and change, the flag.
t_review_detail() {
	begin review_detail
	mkreview
	f=$RATER_DATA/sessions/$P017_WEEK4.ini
	# A note, as if written during the rating (the file's escaping),
	# by an older rater: an escape sequence and a right-to-left
	# override (U+202E), both drawn as '?', never raw.
	awk '{ print } $0 == "[notes]" {
	    print "q3 = wakes at 4, caf\303\251 at night \\x1b[2J" }
	    $0 == "[notes]" { print "q4 = ok\342\200\256gnp.exe" }' "$f" \
	    >"$f.new" && mv "$f.new" "$f"
	start "$REVIEW --patient P017"
	wait_for "History of P017" || { end; return; }
	keys Down Down Enter
	expect "PHQ-9: Patient Health Questionnaire"
	expect "Session, revision 1"
	expect "Patient P017 | 2026-11-29 10:00 | week 4 | rater Dr M"
	line_has "  1 Little interest or pleasure" "2  More than half the days"
	line_has "  2 Feeling low, depressed" "1  Several days"
	expect "Note: wakes at 4, caf$(printf '\303\251') at night ?[2J"
	expect "Note: ok?gnp.exe"
	line_has " 10 How hard these problems" "1  Somewhat difficult"
	keys G
	expect "Total  10  Moderate   from baseline -10 (-50%)  responder"
	expect "!! CRITICAL q9: Item 9 positive: assess suicide risk today"
	expect "Id $P017_WEEK4; started 2026-11-29T10:00:00+00:00"
	check "no raw escape on the screen" sh -c "! $T capture-pane -p |
	    grep -q '$esc'"
	check "no raw U+202E on the screen" sh -c "! $T capture-pane -p |
	    grep -q '$(printf '\342\200\256')'"
	keys g
	expect "  1 Little interest"
	# t: the trend; back: the session; a session opened from that
	# trend goes back to the history, not round in circles.
	keys t
	expect "Trend of PHQ-9 Total, patient P017"
	keys Escape
	expect "Session, revision 1"
	keys t Enter
	expect "Session, revision 1"
	keys h
	expect "History of P017"
	keys q
	expect "EXIT=0"
	end
}

# Compare: the baseline's items beside this session's with the change
# per item; again: the previous session; again: none.
t_review_compare() {
	begin review_compare
	mkreview
	start "$REVIEW --patient P017"
	wait_for "History of P017" || { end; return; }
	keys Down Down Enter c
	expect "Beside it: the baseline session, 2026-11-01 baseline"
	line_has "Baseline" "This session"
	line_has "This session" "Change"
	line_has "  1 Little interest or" "3  Nearly every day   2  More than half"
	line_has "  1 Little interest or" "  -1"
	line_has "  2 Feeling low, depressed" "3  Nearly every day   1  Several days"
	line_has "  2 Feeling low, depressed" "  -2"
	keys G
	line_has "  9 Thoughts of being" "+1"
	expect "Total  10  Moderate   (baseline: 20 Severe; change -10)"
	keys c
	expect "Beside it: the previous session, 2026-11-08 week 1"
	line_has "  1 Little interest or" "-- not answered"
	line_has "  1 Little interest or" "changed"
	line_has "  4 Tiredness or little" "2  More than half     1  Several days"
	line_has "  4 Tiredness or little" "  -1"
	keys c
	expect "#   Item"
	absent "Beside it"
	# On the baseline: no baseline to compare with, the previous one
	# is the screening.
	keys q Down Down Enter c
	expect "Beside it: the previous session, 2026-10-25 screening"
	keys q q
	expect "EXIT=0"
	end
}

# Amending: the reason is required (empty is refused, Escape cancels),
# nothing changed is refused, a changed answer and a note are saved as
# revision 2 naming the one it replaces; the old file is untouched, the
# audit log has an amend line; the history shows the latest revision
# and the earlier one can be opened.
t_review_amend() {
	begin review_amend
	mkreview
	old=$RATER_DATA/sessions/$P017_WEEK4.ini
	sum=$(sha256sum "$old" | cut -d' ' -f1)
	start "LOGNAME=drtui RATER_NOW=2026-11-30T08:00:00+00:00 $REVIEW --patient P017"
	wait_for "History of P017" || { end; return; }
	keys Down Down a
	expectj "Reason for amending $P017_WEEK4 (required; Escape cancels):"
	keys Enter
	expectj "A reason is required. Reason for amending $P017_WEEK4"
	text "   "
	keys Enter
	expectj "A reason is required."
	text "item 9 misheard"
	keys Enter
	expect "Amendment: 0 items changed"
	expect "AMENDING $P017_WEEK4 (revision 2)"
	keys s
	expectj "nothing was changed: an amendment of $P017_WEEK4 must change an answer or a note"
	check "nothing saved yet" test "$(count sessions/P017)" = 6
	keys 9
	expect "Item 9 of 10"
	keys 0
	expect "Amendment: 1 item changed"
	line_has " 9  Thoughts of being" "0  Not at all  (was 1)"
	expect "Total  9  Mild"
	keys 3 n
	expect "Note on item 3"
	text "asked again"
	keys Enter
	expect "Note saved."
	keys Tab
	expect "Amendment: 2 items changed"
	keys s
	expect "Amendment saved: revision 2."
	expect "Id:    P017/20261129T100000-phq9-1.r2"
	expect "Replaces: $P017_WEEK4"
	expect "Reason: item 9 misheard"
	expect "Enter: back to the history"
	new=$RATER_DATA/sessions/P017/20261129T100000-phq9-1.r2.ini
	check "new revision file" test -f "$new"
	check "revision 2" grep -qx 'revision = 2' "$new"
	check "replaces=" grep -qx "replaces = $P017_WEEK4" "$new"
	check "reason=" grep -qx 'reason = item 9 misheard' "$new"
	# Who amended (the login name here: no --rater, no config rater);
	# the rater stays who rated; the audit line names both.
	check "amended_by=" grep -qx 'amended_by = drtui' "$new"
	check "rater kept" test "$(grep '^rater = ' "$new")" = \
	    "$(grep '^rater = ' "$old")"
	check "audit names who amended" grep -q \
	    "	$(id -un) (drtui)	amend	P017/20261129T100000-phq9-1.r2	" \
	    "$RATER_DATA/audit.log"
	check "q9 changed" grep -qx 'q9 = 0' "$new"
	check "note" grep -qx 'q3 = asked again' "$new"
	check "started kept" grep -qx 'started = 2026-11-29T10:00:00+00:00' \
	    "$new"
	check "finished now" grep -qx 'finished = 2026-11-30T08:00:00+00:00' \
	    "$new"
	has_section "$new" scores "total = 9
total.band = Mild"
	check "old file untouched" test "$(sha256sum "$old" |
	    cut -d' ' -f1)" = "$sum"
	check "audit amend line" grep -q \
	    "	amend	P017/20261129T100000-phq9-1.r2	$(sha256sum "$new" |
	    cut -d' ' -f1)	" "$RATER_DATA/audit.log"
	check "no draft left" test "$(count drafts)" = 0
	check "verify passes" "$RATER" verify
	keys Enter
	expect "History of P017"
	expect "Saved P017/20261129T100000-phq9-1.r2, revision 2"
	line_has "2026-11-29 r2  week 4" "Total     9 Mild"
	line_has "2026-11-29 r2  week 4" "-11 (-55%) R"
	absent "10 Moderate"
	keys Enter
	expect "Session, revision 2"
	expect "Amends $P017_WEEK4: item 9 misheard"
	keys v
	expect "Revisions, oldest first"
	expect "Revision 1  $P017_WEEK4"
	expect "q9: 1  Several days -> 0  Not at all"
	expect 'note on q3: none -> "asked again"'
	expect "Total: 10 -> 9"
	keys k Enter
	expect "EARLIER REVISION 1"
	expect "Replaced: the latest is P017/20261129T100000-phq9-1.r2"
	keys G
	expect "Total  10  Moderate"
	keys a
	expect "This is an earlier revision: amend the latest"
	keys Escape
	expect "Session, revision 2"
	keys q q
	expect "EXIT=0"
	expect "rater: saved P017/20261129T100000-phq9-1.r2 (amends $P017_WEEK4)"
	end
}

# Escape at the reason: nothing amended, nothing written; leaving the
# summary of an amendment keeps nothing when nothing was changed.
t_review_amend_cancel() {
	begin review_amend_cancel
	mkreview
	start "$REVIEW --patient P002"
	wait_for "History of P002" || { end; return; }
	keys a
	expectj "Reason for amending P002/20261102T090000-phq9-1"
	text "oops"
	keys Escape
	expect "Nothing amended."
	keys a
	text "typo"
	keys Enter
	expect "Amendment: 0 items changed"
	keys q
	expect "Leave? Nothing was changed: nothing is amended (y/n)"
	keys y
	expect "History of P002"
	expect "Not amended: P002/20261102T090000-phq9-1 is as it was."
	check "one file" test "$(count sessions/P002)" = 1
	check "no draft" test "$(count drafts)" = 0
	check "no amend line" sh -c "! grep -q '	amend	' \
	    '$RATER_DATA/audit.log'"
	keys q
	expect "EXIT=0"
	end
}

# An amendment left with a change keeps its draft; the next start
# offers it as an amendment, and saving it makes revision 2.
t_review_amend_resume() {
	begin review_amend_resume
	mkreview
	start "$REVIEW --patient P002"
	wait_for "History of P002" || { end; return; }
	keys a
	text "q1 typo"
	keys Enter
	expect "Amendment: 0 items changed"
	# "1" could be 10: Enter opens item 1.
	keys 1 Enter
	expect "Item 1 of 10"
	keys 2
	expect "Amendment: 1 item changed"
	line_has " 1  Little interest" "2  More than half the days  (was 1)"
	keys q
	expect "Leave? The draft is kept (y/n)"
	keys y
	expect "Not amended: P002/20261102T090000-phq9-1 is as it was."
	keys q
	expect "EXIT=0"
	expect "rater: draft kept:"
	check "draft kept" test "$(count drafts)" = 1
	start "$REVIEW --patient P002"
	expectj "Resume the amendment of P002/20261102T090000-phq9-1 (revision 2: q1 typo)? y/n"
	keys y
	expect "Amendment: 1 item changed"
	keys s
	expect "Amendment saved: revision 2."
	expect "Enter: back to the review"
	keys Enter
	expect "History of P002"
	line_has "2026-11-02  r2" "Total      9"
	f=$RATER_DATA/sessions/P002/20261102T090000-phq9-1.r2.ini
	check "revision 2 saved" grep -qx 'reason = q1 typo' "$f"
	check "q1 amended" grep -qx 'q1 = 2' "$f"
	check "draft gone" test "$(count drafts)" = 0
	keys q
	expect "EXIT=0"
	end
}

# The menu's review entry: the patient list, a history, back and back.
t_review_menu() {
	begin review_menu
	mkreview
	start "'$RATER'"
	expect "2  Review sessions"
	keys r
	expect "Review: patients"
	keys Down Enter
	expect "History of P017"
	keys ?
	expect "Keys: history screen"
	expect "the trend of the score under the cursor"
	keys q
	expect "History of P017"
	keys Left
	expect "Review: patients"
	keys q
	expect "1  New session"
	keys q
	expect "EXIT=0"
	end
}

# Blind mode: rater review exits 1 with a message, the menu refuses the
# review entry, and the rating screens show nothing earlier.
t_review_blind() {
	begin review_blind
	mkreview
	start "'$RATER' --blind review --patient P017"
	expect "rater: review: refused in blind mode"
	expect "EXIT=1"
	start "'$RATER' --blind"
	expect "2  Review sessions"
	keys r
	expect "Blind mode: earlier sessions are not shown."
	absent "History"
	keys Down Enter
	expect "Blind mode: earlier sessions are not shown."
	absent "patients"
	keys q
	expect "EXIT=0"
	start "'$RATER' --blind rate phq9 --patient P017 --visit 'week 8'"
	expect "Item 1 of 10"
	absent "Severe"
	absent "baseline"
	absent "week 4"
	keys q y
	expect "EXIT=0"
	end
}

# RATER_EXIT_AFTER_DRAW: rater review --patient draws the history once
# and exits 0 (what the benchmark times); a patient with no sessions is
# an error before any screen.
t_review_exit_after_draw() {
	begin review_exit_after_draw
	mkreview
	RATER_EXIT_AFTER_DRAW=1 "$RATER" review --patient P017 >"$D/out" \
	    2>&1 </dev/null
	check "exit 0 after the first draw" test $? = 0
	check "the history drawn" grep -q "History of P017" "$D/out"
	"$RATER" review --patient NOPE >"$D/out" 2>&1 </dev/null
	check "exit 1 for no sessions" test $? = 1
	check "no sessions message" grep -q \
	    "rater: review: no sessions of patient NOPE" "$D/out"
	"$RATER" review --patient ../x >"$D/out" 2>&1 </dev/null
	check "exit 1 for a bad id" test $? = 1
	"$RATER" review --bogus >"$D/out" 2>&1 </dev/null
	check "exit 2 for usage" test $? = 2
	"$RATER" review >"$D/out" 2>&1 </dev/null
	check "exit 1 without a terminal" test $? = 1
	check "terminal message" grep -q "the screens need a terminal" \
	    "$D/out"
	RATER_DATA=$D/none "$RATER" review >"$D/out" 2>&1 </dev/null
	check "exit 1 without a data directory" test $? = 1
	check "no data directory created" test ! -e "$D/none"
	end
}

# A prorated total says so in the history, and item 9 declined raises
# its own flag there; a BFMDRS region left out reads partial.
t_review_basis() {
	begin review_basis
	RATER_NOW=2026-11-02T09:00:00+00:00 "$RATER" record phq9 \
	    --patient B1 --visit baseline --rater drx q1=2 q2=1 q3=1 q4=1 \
	    q5=1 q6=1 q7=1 q8=1 q9=ref q10=0 >/dev/null 2>&1
	RATER_NOW=2026-11-02T09:30:00+00:00 "$RATER" record bfmdrs-m \
	    --patient B1 --visit baseline --rater drx eyes_pf=4 eyes_sf=4 \
	    mouth_pf=0 mouth_sf=0 speech_pf=0 speech_sf=0 neck_pf=0 \
	    neck_sf=0 rarm_pf=0 rarm_sf=0 larm_pf=0 larm_sf=0 trunk_pf=0 \
	    trunk_sf=0 rleg_pf=0 rleg_sf=0 lleg_pf=4 lleg_sf=na \
	    >/dev/null 2>&1
	start "$REVIEW --patient B1"
	wait_for "History of B1" || { end; return; }
	line_has "2026-11-02 baseline" "10 (prorated 8/9) Moderate"
	line_has "2026-11-02 baseline" "8.0 (partial 16/18)"
	keys Down Down
	expect "!! CRITICAL: Item 9 not assessed: suicide risk unknown"
	end
}
