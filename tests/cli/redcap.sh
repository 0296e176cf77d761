# Sourced by tests/cli/run.sh: rater describe --format redcap and rater
# export --format redcap.  Every file written is checked by
# tests/cli/redcap_check.py (REDCap's rules, written apart from rater's
# code), which is shown to fail on broken files first.
rc_check=tests/cli/redcap_check.py
PY=/usr/bin/python3

# expect NAME CMD...: the command succeeds.  refuse NAME CMD...: it fails.
rc_expect() {
	n=$1
	shift
	if "$@" >"$tmp/rc.out" 2>&1; then ok; else
		not_ok "redcap: $n"; sed 's/^/  /' "$tmp/rc.out"; fi
}
rc_refuse() {
	n=$1
	shift
	if "$@" >"$tmp/rc.out" 2>&1; then
		not_ok "redcap: $n (accepted)"; sed 's/^/  /' "$tmp/rc.out"
	else ok; fi
}

# The checker can fail: a dictionary and an import file broken one way
# each.
"$RATER" describe phq9 gad7 --format redcap >"$tmp/d.csv"
rc_expect "checker accepts phq9 + gad7" $PY $rc_check "$tmp/d.csv"
sed '1s/Field Type/Field type/' "$tmp/d.csv" >"$tmp/bad.csv"
rc_refuse "checker: a header changed" $PY $rc_check "$tmp/bad.csv"
sed 's/^phq9_q1,phq9,,radio,/phq9_q1,phq9,,radiobutton,/' "$tmp/d.csv" \
    >"$tmp/bad.csv"
rc_refuse "checker: an unknown field type" $PY $rc_check "$tmp/bad.csv"
sed 's/"0, Not at all | 1, Several/"0 Not at all | 1, Several/' \
    "$tmp/d.csv" >"$tmp/bad.csv"
rc_refuse "checker: a choice without its comma" $PY $rc_check "$tmp/bad.csv"
sed 's/^phq9_q2,/Phq9-q2,/' "$tmp/d.csv" >"$tmp/bad.csv"
rc_refuse "checker: a bad variable name" $PY $rc_check "$tmp/bad.csv"
sed 's/^gad7_total_rc,\(.*\),\[gad7_q1\]+/gad7_total_rc,\1,[gad7_q0]+/' \
    "$tmp/d.csv" >"$tmp/bad.csv"
rc_refuse "checker: a calc naming no field" $PY $rc_check "$tmp/bad.csv"
"$RATER" describe twstrs --format redcap >"$tmp/t.csv"
sed "s/ = '' or / = \"\" or /" "$tmp/t.csv" >"$tmp/bad.csv"
rc_refuse "checker: double quotes in branching" $PY $rc_check "$tmp/bad.csv"
printf 'record_id,phq9_q1,phq9_complete\nP1,4,1\n' >"$tmp/bad.csv"
rc_refuse "checker: a code not in the choices" \
    $PY $rc_check "$tmp/d.csv" "$tmp/bad.csv"
printf 'record_id,phq9_q1,phq9_mood\nP1,1,\n' >"$tmp/bad.csv"
rc_refuse "checker: a column not in the dictionary" \
    $PY $rc_check "$tmp/d.csv" "$tmp/bad.csv"
printf 'record_id,gad7_total_rc\nP1,3\n' >"$tmp/bad.csv"
rc_refuse "checker: a calc column imported" \
    $PY $rc_check "$tmp/d.csv" "$tmp/bad.csv"
printf 'record_id,phq9_date\nP1,26/11/2026\n' >"$tmp/bad.csv"
rc_refuse "checker: a date not YYYY-MM-DD" \
    $PY $rc_check "$tmp/d.csv" "$tmp/bad.csv"
printf 'phq9_q1,phq9_complete\n1,1\n' >"$tmp/bad.csv"
rc_refuse "checker: the record id not first" \
    $PY $rc_check "$tmp/d.csv" "$tmp/bad.csv"

# Every bundled scale's dictionary passes.
for s in scales/*.ini; do
	id=$(basename "$s" .ini)
	if "$RATER" describe "$id" --format redcap >"$tmp/d-$id.csv" 2>&1
	then
		rc_expect "describe $id" $PY $rc_check "$tmp/d-$id.csv"
	else
		not_ok "redcap: describe $id"; cat "$tmp/d-$id.csv"
	fi
done

# What the dictionary says, row by row.
want() {
	if grep -qxF -- "$2" "$1"; then ok; else
		not_ok "redcap: $1 has no line: $2"; fi
}
want "$tmp/d-phq9.csv" 'record_id,phq9,,text,Record ID (rater: patient id),,,,,,,,,,,,,'
want "$tmp/d-phq9.csv" 'phq9_q9,phq9,,radio,Thoughts of being better off dead or of self-harm,"0, Not at all | 1, Several days | 2, More than half the days | 3, Nearly every day",Any answer above 0 raises a safety flag: assess suicide risk today.,,,,,,y,,9,,,rater:item=q9'
want "$tmp/d-phq9.csv" 'phq9_date,phq9,,text,Date assessed,,,date_ymd,,,,,,,,,,rater:date'
# PHQ-9's total prorates: no calc field can give the same number.
want "$tmp/d-phq9.csv" 'phq9_total,phq9,,text,Total,,Scored by rater,integer,0,27,,,,,,,,"@READONLY rater:score=total rater:max=27 rater:decimals=0 rater:formula=round(prorate(2, q1..q9))"'
if grep -q ',calc,' "$tmp/d-phq9.csv"; then
	not_ok "redcap: a calc field for the prorated PHQ-9 total"
else ok; fi
# GAD-7's is a plain sum: a calc cross-check.
want "$tmp/d-gad7.csv" 'gad7_total_rc,gad7,,calc,Total (REDCap cross-check),[gad7_q1]+[gad7_q2]+[gad7_q3]+[gad7_q4]+[gad7_q5]+[gad7_q6]+[gad7_q7],Blank when any item is blank,,,,,,,,,,,rater:calc=total'
# A show-if as branching logic: shown while the item it reads is blank.
grep '^twstrs_antero_retro_dir,' "$tmp/d-twstrs.csv" >"$tmp/line"
if grep -qF ",([twstrs_antero_retro] = '' or [twstrs_antero_retro] > 0)," \
    "$tmp/line"; then ok; else
	not_ok "redcap: twstrs show-if"; cat "$tmp/line"; fi
# One REDCap cannot say: not exported, and the annotation says so.
grep '^hamd17_q16b,' "$tmp/d-hamd17.csv" >"$tmp/line"
if grep -qF 'rater:when-not-exported=count(q16a) == 0' "$tmp/line" &&
    ! grep -qF "[hamd17_" "$tmp/line"; then ok; else
	not_ok "redcap: hamd17 q16b show-if"; cat "$tmp/line"; fi
# A number item: text with its validation and bounds.
want "$tmp/d-ebi.csv" 'ebi_q1,ebi,,text,Faced difficult feelings usually pushed aside,,"0 = not more than usual, 100 = much more than usual.",integer,0,100,,,,,1,,,rater:item=q1'
# MEQ-30's score "complete" cannot be meq30_complete (REDCap's).
if grep -q '^meq30_complete_r,' "$tmp/d-meq30.csv" &&
    ! grep -q '^meq30_complete,' "$tmp/d-meq30.csv"; then ok; else
	not_ok "redcap: meq30 complete"; fi

# Usage errors.
# Without --format, describe writes the text summary (F's FHIR work).
"$RATER" describe phq9 >"$tmp/desc.txt" 2>"$tmp/err"
if [ $? = 0 ] && head -1 "$tmp/desc.txt" | grep -q '^phq9: '; then ok
else not_ok "redcap: describe without --format is the summary"; fi
rc_refuse "describe --format xml" "$RATER" describe phq9 --format xml
rc_refuse "describe --record-id Bad" "$RATER" describe phq9 --format redcap \
    --record-id Bad-Name
"$RATER" describe phq9 --format redcap --record-id subject_id \
    >"$tmp/d2.csv"
if sed -n 2p "$tmp/d2.csv" | grep -q '^subject_id,phq9,,text,'; then ok
else not_ok "redcap: --record-id"; fi
# A scale whose field would collide: a clear error, no file.
mkdir -p "$tmp/clash"
cat >"$tmp/clash/clash.ini" <<'EOF'
[scale]
id = clash
title = "Clash"
version = 1
citation = "none"
[item.total_rc]
text = "An item named like a calc field"
0 = "No"
1 = "Yes"
[item.b]
text = "B"
0 = "No"
1 = "Yes"
[score.total]
label = "Total"
formula = total_rc + b
min = 0
max = 2
EOF
if ! "$RATER" describe "$tmp/clash/clash.ini" --format redcap \
    >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/out" ] &&
    grep -qF 'clash: total_rc and total would both be the REDCap field clash_total_rc' "$tmp/err"
then ok; else
	not_ok "redcap: a field name collision"; cat "$tmp/err"; fi

# The import file.  Sessions: P001 at baseline (PHQ-9 with a prorated
# total, GAD-7) and week 1 (PHQ-9, q2 unknown, incomplete), P002 at
# baseline (TWSTRS: a number item, a show-if hiding an item).
rc_rec() { "$RATER" record "$@" >/dev/null 2>&1; }
rc_rec phq9 --patient P001 --visit baseline --rater "Dr A, MD" \
    --date 2026-11-20 q1=1 q2=2 q3=1 q4=2 q5=1 q6=1 q7=2 q8=0 q9=0 q10=1
rc_rec gad7 --patient P001 --visit baseline --rater "Dr A, MD" \
    --date 2026-11-20T09:30 q1=1 q2=2 q3=1 q4=2 q5=1 q6=1 q7=2
rc_rec phq9 --patient P001 --visit "week 1" --rater "Dr A, MD" \
    --date 2026-11-25 q1=0 q2=unk q3=1 q4=1 q5=1 q6=1 q7=1 q8=0 q9=0
"$RATER" describe phq9 gad7 --format redcap >"$tmp/dict.csv"
# Without an events file: one form per patient, so P001's two PHQ-9
# sessions are refused, and nothing is written.
if ! "$RATER" export --format redcap >"$tmp/out" 2>"$tmp/err" &&
    [ ! -s "$tmp/out" ] &&
    grep -qF 'rater: export: P001/20261126T101500-phq9-1 and P001/20261126T101500-phq9-2: both are form phq9 of record P001;' "$tmp/err"
then ok; else
	not_ok "redcap: two sessions of a form, no events"; cat "$tmp/err"; fi
# ... one scale at a time is fine.
"$RATER" export --format redcap --scale gad7 >"$tmp/out" 2>"$tmp/err"
if [ "$(cat "$tmp/out")" = 'record_id,gad7_session,gad7_date,gad7_rater,gad7_q1,gad7_q2,gad7_q3,gad7_q4,gad7_q5,gad7_q6,gad7_q7,gad7_total,gad7_complete
P001,P001/20261126T101500-gad7-1,2026-11-20,"Dr A, MD",1,2,1,2,1,1,2,10,1' ]
then ok; else not_ok "redcap: export gad7, no events"; cat "$tmp/out"; fi
rc_expect "import gad7 checks" $PY $rc_check "$tmp/dict.csv" "$tmp/out"
# With events: a visit not in the file is named, nothing written.
printf '# visit = REDCap unique event name\nbaseline = baseline_arm_1\n' \
    >"$RATER_DATA/redcap-events"
if ! "$RATER" export --format redcap >"$tmp/out" 2>"$tmp/err" &&
    [ ! -s "$tmp/out" ] &&
    grep -qxF "rater: export: P001/20261126T101500-phq9-2: visit 'week 1' is not in the events file" "$tmp/err" &&
    grep -qxF "rater: export: nothing written: 1 problem above" "$tmp/err"
then ok; else
	not_ok "redcap: unmapped visit"; cat "$tmp/err"; fi
printf 'week 1 = week_1_arm_1\n' >>"$RATER_DATA/redcap-events"
"$RATER" export --format redcap >"$tmp/imp.csv" 2>"$tmp/err"
cat >"$tmp/want" <<'EOF'
record_id,redcap_event_name,phq9_session,phq9_date,phq9_rater,phq9_q1,phq9_q2,phq9_q3,phq9_q4,phq9_q5,phq9_q6,phq9_q7,phq9_q8,phq9_q9,phq9_q10,phq9_total,phq9_complete,gad7_session,gad7_date,gad7_rater,gad7_q1,gad7_q2,gad7_q3,gad7_q4,gad7_q5,gad7_q6,gad7_q7,gad7_total,gad7_complete
P001,baseline_arm_1,P001/20261126T101500-phq9-1,2026-11-20,"Dr A, MD",1,2,1,2,1,1,2,0,0,1,10,1,P001/20261126T101500-gad7-1,2026-11-20,"Dr A, MD",1,2,1,2,1,1,2,10,1
P001,week_1_arm_1,P001/20261126T101500-phq9-2,2026-11-25,"Dr A, MD",0,,1,1,1,1,1,0,0,,6,0,,,,,,,,,,,,
EOF
if cmp -s "$tmp/want" "$tmp/imp.csv" && [ ! -s "$tmp/err" ]; then ok; else
	not_ok "redcap: export with events"; diff "$tmp/want" "$tmp/imp.csv"
	cat "$tmp/err"; fi
rc_expect "import phq9 + gad7 checks" \
    $PY $rc_check "$tmp/dict.csv" "$tmp/imp.csv"
# --verified: a complete session is 2 (Complete), not 1 (Unverified).
"$RATER" export --format redcap --verified --scale gad7 >"$tmp/out"
if tail -n 1 "$tmp/out" | grep -q ',10,2$'; then ok; else
	not_ok "redcap: --verified"; cat "$tmp/out"; fi
# TWSTRS: a number item, an item hidden by its show-if, blank.
rc_rec twstrs --patient P002 --visit baseline --date 2026-11-21 \
    rotation=2 laterocollis=1 antero_retro=0 antero_retro_dir=na \
    lateral_shift=0 sagittal_shift=0 duration=3 sensory_trick=1 \
    shoulder=0 rom=1 time_neutral=2 work=1 adl=1 driving=0 reading=1 \
    tv=1 outside=0 pain_worst=7 pain_best=2 pain_usual=4 \
    pain_duration=2 pain_disability=1
"$RATER" describe twstrs --format redcap >"$tmp/dict-t.csv"
"$RATER" export --format redcap --scale twstrs >"$tmp/imp-t.csv" \
    2>"$tmp/err"
rc_expect "import twstrs checks" \
    $PY $rc_check "$tmp/dict-t.csv" "$tmp/imp-t.csv"
if [ "$($PY -c 'import csv,sys
r = list(csv.DictReader(open(sys.argv[1])))[0]
print(r["twstrs_pain_worst"], repr(r["twstrs_antero_retro_dir"]),
    r["twstrs_date"], r["redcap_event_name"])' "$tmp/imp-t.csv")" = \
    "7 '' 2026-11-21 baseline_arm_1" ]; then ok; else
	not_ok "redcap: twstrs values"; cat "$tmp/imp-t.csv" "$tmp/err"; fi
# Bad events files and options.
printf 'baseline = Baseline Arm 1\n' >"$tmp/ev"
if ! "$RATER" export --format redcap --events "$tmp/ev" >"$tmp/out" \
    2>"$tmp/err" && [ ! -s "$tmp/out" ] &&
    grep -qF "export: $tmp/ev:1: 'Baseline Arm 1' is not a REDCap unique event name" "$tmp/err"
then ok; else not_ok "redcap: a bad event name"; cat "$tmp/err"; fi
rc_refuse "--events missing" "$RATER" export --format redcap \
    --events "$tmp/none"
rc_refuse "--events without redcap" "$RATER" export --events "$tmp/ev"
rc_refuse "--excel with redcap" "$RATER" export --format redcap --excel
rm -f "$RATER_DATA/redcap-events"

# rater new --from: every bundled scale, described, drafted back and
# described again, gives the same dictionary (items, options, show-ifs,
# scores), and the draft lints.
mkdir -p "$tmp/rt"
for s in scales/*.ini; do
	id=$(basename "$s" .ini)
	"$RATER" describe "$id" --format redcap >"$tmp/rt/$id.csv"
	if grep -q '^\[table\.' "$s"; then
		# Tables do not travel: the draft keeps the lookups and its
		# lint names every table to copy from the source.
		(cd "$tmp/rt" && "$RATER" new "$id" --from "$id.csv" \
		    >"$id.out" 2>"$id.err")
		rc=$?
		# (each formula's first missing table is named)
		want=$(sed -n 's/^\[table\.\(.*\)\]$/\1/p' "$s" | sort)
		got=$(sed -n "s/.*no table '\\([^']*\\)'.*/\\1/p" \
		    "$tmp/rt/$id.err" | sort -u)
		if [ $rc = 1 ] && [ -n "$got" ] &&
		    [ -z "$(echo "$got" | grep -vxF "$want")" ]; then ok; else
			not_ok "redcap: draft of $id names its tables"
			cat "$tmp/rt/$id.err"
		fi
		continue
	fi
	if (cd "$tmp/rt" && "$RATER" new "$id" --from "$id.csv" \
	    >"$id.out" 2>"$id.err") &&
	    [ "$(cat "$tmp/rt/$id.out")" = "$id.ini" ] &&
	    "$RATER" lint "$tmp/rt/$id.ini" >/dev/null 2>&1 &&
	    "$RATER" describe "$tmp/rt/$id.ini" --format redcap \
	    >"$tmp/rt/$id.again.csv" &&
	    cmp -s "$tmp/rt/$id.csv" "$tmp/rt/$id.again.csv"; then ok; else
		not_ok "redcap: round trip of $id"
		cat "$tmp/rt/$id.err"
		diff "$tmp/rt/$id.csv" "$tmp/rt/$id.again.csv" | head -5
	fi
done
# A dictionary from elsewhere: an unknown field type is named with its
# line and field, and no file is written.
cat >"$tmp/rt/ext.csv" <<'EOF2'
"Variable / Field Name","Form Name","Section Header","Field Type","Field Label","Choices, Calculations, OR Slider Labels","Field Note","Text Validation Type OR Show Slider Number","Text Validation Min","Text Validation Max",Identifier?,"Branching Logic (Show field only if...)","Required Field?","Custom Alignment","Question Number (surveys only)","Matrix Group Name","Matrix Ranking?","Field Annotation"
study_id,pain,,text,Study ID,,,,,,,,,,,,,
pain_now,pain,,slider,Pain now,"None | | Worst",,number,,,,,y,,,,,
pain_where,pain,,multiselect,Where,"1, Neck | 2, Back",,,,,,,,,,,,
EOF2
if ! (cd "$tmp/rt" && "$RATER" new pain --from ext.csv) >"$tmp/out" \
    2>"$tmp/err" && [ ! -e "$tmp/rt/pain.ini" ] &&
    [ "$(cat "$tmp/err")" = "rater: ext.csv:4: pain_where: unknown field type 'multiselect'" ]
then ok; else not_ok "redcap: new --from, unknown type"; cat "$tmp/err"; fi
sed -i 's/,multiselect,/,checkbox,/' "$tmp/rt/ext.csv"
if (cd "$tmp/rt" && "$RATER" new pain --from ext.csv) >"$tmp/out" \
    2>"$tmp/err" &&
    ! grep -q 'pain_where' "$tmp/err" &&
    grep -qxF '[item.where]' "$tmp/rt/pain.ini" &&
    grep -qxF 'type    = multi' "$tmp/rt/pain.ini" &&
    grep -qxF 'type    = number' "$tmp/rt/pain.ini" &&
    grep -qxF 'required = yes' "$tmp/rt/pain.ini" &&
    "$RATER" lint "$tmp/rt/pain.ini" >/dev/null 2>&1; then ok; else
	not_ok "redcap: new --from, a slider and a checkbox"
	cat "$tmp/err" "$tmp/rt/pain.ini"; fi
# Never over a file; JSON is a FHIR Questionnaire, which --form is not
# for; --form needs --from.
if ! (cd "$tmp/rt" && "$RATER" new pain --from ext.csv) >/dev/null \
    2>"$tmp/err" && grep -q 'File exists' "$tmp/err"; then ok; else
	not_ok "redcap: new --from overwrote"; fi
printf '{"resourceType": "Questionnaire"}\n' >"$tmp/rt/q.json"
if ! (cd "$tmp/rt" && "$RATER" new q --from q.json --form x) >/dev/null \
    2>"$tmp/err" && [ ! -e "$tmp/rt/q.ini" ] &&
    grep -qF 'q.json: --form is for REDCap' "$tmp/err"; then ok; else
	not_ok "redcap: new --from JSON"; cat "$tmp/err"; fi
rc_refuse "new --form without --from" "$RATER" new x --form f
"$RATER" describe phq9 gad7 --format redcap >"$tmp/rt/two.csv"
if ! (cd "$tmp/rt" && "$RATER" new two --from two.csv) >/dev/null \
    2>"$tmp/err" &&
    grep -qxF 'rater: two.csv: several forms (phq9, gad7): name one with --form' "$tmp/err" &&
    (cd "$tmp/rt" && "$RATER" new gad7x --from two.csv --form gad7) \
    >/dev/null 2>&1 && grep -qxF '[item.q7]' "$tmp/rt/gad7x.ini"
then ok; else not_ok "redcap: new --from, two forms"; cat "$tmp/err"; fi

# Two scales whose fields would meet: form a's item b_c and form a_b's
# item c are both a_b_c.  describe and export refuse, naming both.
mkdir -p "$tmp/cx"
for s in a:b_c a_b:c; do
	printf '[scale]\nid = %s\ntitle = "X"\nversion = 1\ncitation = "none"\n[item.%s]\ntext = "x"\n0 = "No"\n1 = "Yes"\nscored = no\n' \
	    "${s%%:*}" "${s#*:}" >"$tmp/cx/${s%%:*}.ini"
done
if ! "$RATER" describe "$tmp/cx/a.ini" "$tmp/cx/a_b.ini" --format redcap \
    >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/out" ] &&
    [ "$(cat "$tmp/err")" = "rater: describe: a b_c and a_b c would both be the REDCap field a_b_c" ]
then ok; else not_ok "redcap: fields of two forms meet"; cat "$tmp/err"; fi
rm -rf "$tmp/cxd"
mkdir "$tmp/cxd"
env RATER_SCALES="$tmp/cx" RATER_DATA="$tmp/cxd" "$RATER" record a \
    --patient P1 b_c=1 >/dev/null 2>&1
env RATER_SCALES="$tmp/cx" RATER_DATA="$tmp/cxd" "$RATER" record a_b \
    --patient P1 c=1 >/dev/null 2>&1
if ! RATER_SCALES=$tmp/cx RATER_DATA=$tmp/cxd "$RATER" export \
    --format redcap >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/out" ] &&
    grep -qxF 'rater: export: record P1: the REDCap field a_b_c would be in form a_b and in another form' "$tmp/err"
then ok; else not_ok "redcap: export, fields of two forms meet"
	cat "$tmp/err"; fi

# A long name is a warning, not an error.
printf '[scale]\nid = a_very_long_scale_name_x\ntitle = "X"\nversion = 1\ncitation = "none"\n[item.q]\ntext = "x"\n0 = "No"\n1 = "Yes"\nscored = no\n' \
    >"$tmp/cx/a_very_long_scale_name_x.ini"
if "$RATER" describe "$tmp/cx/a_very_long_scale_name_x.ini" \
    --format redcap >"$tmp/out" 2>"$tmp/err" &&
    grep -q '^a_very_long_scale_name_x_q,' "$tmp/out" &&
    grep -qxF 'rater: describe: warning: a_very_long_scale_name_x_session: 32 characters; REDCap advises at most 26' "$tmp/err" &&
    [ "$(wc -l <"$tmp/err")" -eq 3 ]; then ok; else
	not_ok "redcap: long names warned"; cat "$tmp/err"; fi

# A multi item is a checkbox field: describe writes it with its choices,
# export a column VAR___CODE per option (1 ticked, 0 not, all blank
# without an answer), the checker accepts both, and new --from drafts it
# back as type = multi (the round trip gives the same dictionary).
mk=$PWD/tests/cli/data/kinds
mkd=$tmp/mkd
RATER_SCALES=$mk "$RATER" describe kinds --format redcap >"$tmp/mk-d.csv"
want "$tmp/mk-d.csv" 'kinds_words,kinds,,checkbox,Words recalled without a cue,"1, Face | 2, Velvet | 3, Church | 4, Daisy | 5, Red",,,,,,,,,1,,,rater:item=words'
RATER_SCALES=$mk RATER_DATA=$mkd rc_rec kinds --patient P1 --rater x \
    words=2+4 calm=74.5
RATER_SCALES=$mk RATER_DATA=$mkd rc_rec kinds --patient P2 --rater x \
    words=none calm=3
RATER_SCALES=$mk RATER_DATA=$mkd rc_rec kinds --patient P3 --rater x calm=3
RATER_SCALES=$mk RATER_DATA=$mkd "$RATER" export --format redcap \
    >"$tmp/mk-i.csv" 2>"$tmp/err"
if head -1 "$tmp/mk-i.csv" | grep -qF ',kinds_words___1,kinds_words___2,kinds_words___3,kinds_words___4,kinds_words___5,kinds_calm,' &&
    grep -q '^P1,.*,x,0,1,0,1,0,74.5,2,74.5,1$' "$tmp/mk-i.csv" &&
    grep -q '^P2,.*,x,0,0,0,0,0,3,0,3.0,1$' "$tmp/mk-i.csv" &&
    grep -q '^P3,.*,x,,,,,,3,,3.0,0$' "$tmp/mk-i.csv"; then ok; else
	not_ok "redcap: a multi item as checkbox columns"
	cat "$tmp/mk-i.csv" "$tmp/err"; fi
rc_expect "import of checkbox columns checks" \
    $PY $rc_check "$tmp/mk-d.csv" "$tmp/mk-i.csv"
mkdir -p "$tmp/mkn"
cp "$tmp/mk-d.csv" "$tmp/mkn/d.csv"
if (cd "$tmp/mkn" && "$RATER" new kinds --from d.csv >/dev/null 2>&1) &&
    grep -qx 'type    = multi' "$tmp/mkn/kinds.ini" &&
    "$RATER" describe "$tmp/mkn/kinds.ini" --format redcap |
    cmp -s - "$tmp/mk-d.csv"; then ok; else
	not_ok "redcap: checkbox drafted back as a multi item"
	cat "$tmp/mkn/kinds.ini"; fi
# A code that cannot be part of a variable name is refused.
mkdir -p "$tmp/mkb"
sed -e 's/^5 = "Red"$/5.5 = "Red"/' -e 's/^answers = 1+3+5 74.5$/answers = 1+3 74.5/' -e 's/^recall = 3$/recall = 2/' \
    "$mk/kinds.ini" >"$tmp/mkb/kinds.ini"
if ! "$RATER" describe "$tmp/mkb/kinds.ini" --format redcap >/dev/null \
    2>"$tmp/err" && grep -qF 'option 5.5: a REDCap checkbox code must be a whole number of digits' "$tmp/err"
then ok; else not_ok "redcap: a checkbox code with a point"; cat "$tmp/err"; fi
