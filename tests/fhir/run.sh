#!/bin/sh
# FHIR checks: what `rater describe --format fhir` and `rater export
# --format fhir` write is checked by tests/fhir/check.js (the official
# FHIR R4 JSON schema, FHIR's JSON rules, each QuestionnaireResponse
# against its Questionnaire, Observations), its content is asserted
# field by field, and check.js is shown to fail on broken resources.
#
#	sh tests/fhir/run.sh ./rater NODE_DIR
#
# NODE_DIR: where tests/fhir/deps.sh installed ajv and the schema.
RATER=${1:-./rater}
NODE_DIR=${2:-build/node}
case $RATER in /*) ;; *) RATER=$PWD/$RATER ;; esac
. tests/lib.sh
export RATER_SCALES=$PWD/scales RATER_NOW=2026-11-26T10:15:00+01:00
export LC_ALL=C.UTF-8 TZ=UTC RATER_DATA=$tmp/data
unset XDG_DATA_HOME XDG_CONFIG_HOME
umask 077
check() { node tests/fhir/check.js "$NODE_DIR" "$@"; }
# get FILE EXPR: the value of a JavaScript expression over the JSON in
# FILE (as b), printed as it is (strings bare, the rest as JSON).
get() {
	node -e '
const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const e = (b.entry || []).map((x) => x.resource);
const qr = e.filter((r) => r.resourceType === "QuestionnaireResponse");
const obs = e.filter((r) => r.resourceType === "Observation");
const v = eval(process.argv[2]);
console.log(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"
}
# expect WHAT GOT WANT
expect() {
	if [ "$2" = "$3" ]; then
		ok
	else
		not_ok "$1: got '$2', wanted '$3'"
	fi
}

# 1. Every shipped scale's Questionnaire is valid FHIR R4.
for f in scales/*.ini; do
	id=$(basename "$f" .ini)
	if "$RATER" describe "$id" --format fhir >"$tmp/q-$id.json" \
	    2>"$tmp/err"; then
		ok
	else
		not_ok "describe $id --format fhir"; cat "$tmp/err"
	fi
done
if check "$tmp"/q-*.json >"$tmp/check"; then
	ok
else
	not_ok "Questionnaires of the shipped scales"; cat "$tmp/check"
fi

# 2. Sessions: PHQ-9 complete then amended, an incomplete PHQ-9 (item 9
# missing), a GAD-7 without a total (an unknown item), the test scale
# with every item type and a hidden item.
S="$RATER --scales $PWD/scales"
rec() { "$RATER" "$@" 2>>"$tmp/rec.err"; }
p1=$(rec record phq9 --patient P001 --visit baseline --rater drx \
    q1=1 q2=2 q3=1 q4=2 q5=1 q6=1 q7=2 q8=0 q9=0 q10=1)
rec amend "$p1" --reason "q8 misread" --rater drz q8=1 >/dev/null
p2=$(rec record phq9 --patient P002 --rater drx \
    q1=1 q2=1 q3=1 q4=1 q5=1 q6=1 q7=1 q8=1 q10=0)
rec record gad7 --patient P002 --visit "week 4" --rater drx \
    q1=1 q2=unk q3=1 q4=2 q5=1 q6=1 q7=2 >/dev/null
cp tests/fhir/mixed.ini "$tmp/mixed.ini"
RATER_DATA=$tmp/data2 rec --scales "$tmp" record mixed --patient P003 \
    --rater drx \
    gate=0 detail=na half=0.5 count=2.25 'remark=so-so, "quoted"' >/dev/null
expect "sessions recorded" "$(grep -c 'saved as incomplete' "$tmp/rec.err")" 1
if RATER_DATA=$tmp/data2 "$RATER" --scales "$tmp" export --format fhir --scale mixed \
    >"$tmp/mixed.json" 2>"$tmp/err" &&
    "$RATER" export --format fhir >"$tmp/all.json" 2>>"$tmp/err"; then
	ok
else
	not_ok "export --format fhir"; cat "$tmp/err"
fi
"$RATER" --scales "$tmp" describe mixed --format fhir >"$tmp/q-mixed.json"
if check "$tmp/all.json" "$tmp/mixed.json" "$tmp/q-mixed.json" \
    >"$tmp/check"; then
	ok
else
	not_ok "the exported Bundles"; cat "$tmp/check"
fi

# Same input, same bytes.
"$RATER" export --format fhir >"$tmp/all2.json"
if cmp -s "$tmp/all.json" "$tmp/all2.json"; then ok; else
	not_ok "export --format fhir is not deterministic"; fi

A=$tmp/all.json
expect "bundle type" "$(get "$A" 'b.resourceType + " " + b.type')" \
    "Bundle collection"
expect "resources" "$(get "$A" 'e.map((r) => r.resourceType[0]).join("")')" \
    "QOQOQOQQ"
expect "statuses" "$(get "$A" 'qr.map((r) => r.status).join(" ")')" \
    "amended completed in-progress"
expect "observation statuses" \
    "$(get "$A" 'obs.map((r) => r.status).join(" ")')" \
    "amended final preliminary"
expect "canonical" "$(get "$A" 'qr[0].questionnaire')" \
    "https://rater.invalid/fhir/Questionnaire/phq9|1+sha256.$(sha256sum \
    scales/phq9.ini | cut -c1-64)"
expect "subject" "$(get "$A" 'qr[0].subject')" \
    '{"identifier":{"system":"https://rater.invalid/fhir/patient","value":"P001"}}'
expect "author" "$(get "$A" 'qr[0].author.identifier.value')" "drx"
expect "authored" "$(get "$A" 'qr[0].authored')" "2026-11-26T10:15:00+01:00"
expect "identifier" "$(get "$A" 'qr[0].identifier.value')" \
    "$p1.r2"
expect "amendment" "$(get "$A" 'qr[0].extension.map((x) =>
    x.url.replace(/.*\//, "") + "=" + (x.valueString || x.valueInteger))
    .join(" ")')" \
    "visit=baseline revision=2 replaces=$p1 amendment-reason=q8 misread amended-by=drz"
# Answers: LOINC-coded items carry rater's answer codes; q8 amended to 1.
expect "q8 answer" "$(get "$A" 'qr[0].item[7].answer[0].valueCoding')" \
    '{"system":"https://rater.invalid/fhir/CodeSystem/phq9/answers/freq","code":"1","display":"Several days"}'
expect "total in the response" "$(get "$A" 'qr[0].item[10]')" \
    '{"linkId":"total","answer":[{"valueDecimal":11}]}'
# The incomplete PHQ-9: q9 left out, prorated total, its basis noted.
expect "unanswered left out" "$(get "$A" 'qr[2].item.map((i) => i.linkId)
    .join(" ")')" "q1 q2 q3 q4 q5 q6 q7 q8 q10 total"
expect "prorated note" "$(get "$A" 'obs[2].note[0].text')" "prorated 8/9"
# Observations: LOINC total code first, value, band, derivedFrom.
expect "obs code" "$(get "$A" 'obs[0].code.coding.map((c) => c.code)
    .join(" ")')" "44261-6 total"
expect "obs value" "$(get "$A" 'obs[0].valueQuantity')" \
    '{"value":11,"unit":"{score}","system":"http://unitsofmeasure.org","code":"{score}"}'
expect "obs band" "$(get "$A" 'obs[0].interpretation[0].text')" "Moderate"
expect "obs derivedFrom" "$(get "$A" 'obs[0].derivedFrom[0].reference ===
    b.entry[0].fullUrl')" "true"
# GAD-7 with an unknown item: no total, a dataAbsentReason, no LOINC
# answer for q2.
expect "gad7 total absent" "$(get "$A" 'obs[1].dataAbsentReason.coding[0].code
    + " " + ("valueQuantity" in obs[1]) + " " + ("interpretation" in obs[1])')" \
    "unknown false false"
expect "gad7 items" "$(get "$A" 'qr[1].item.map((i) => i.linkId).join(" ")')" \
    "q1 q3 q4 q5 q6 q7"
expect "gad7 codes" "$(get "$A" 'obs[1].code.coding[0].code + " " +
    e[6].code[0].code')" "70274-6 69737-5"
# No LOINC code but the verified ones (interop.md), anywhere.
codes=$(cat "$tmp"/q-*.json "$A" | grep -A1 '"system": "http://loinc.org"' |
    sed -n 's/.*"code": "\([^"]*\)".*/\1/p' | sort -u | tr '\n' ' ')
expect "LOINC codes written" "$codes" "44249-1 44250-9 44251-7 44252-5 \
44253-3 44254-1 44255-8 44258-2 44259-0 44260-8 44261-6 68509-9 69689-8 \
69722-7 69725-0 69733-4 69734-2 69735-9 69736-7 69737-5 70274-6 "
# The test scale: the hidden item left out, decimal, text, half step.
M=$tmp/mixed.json
expect "mixed items" "$(get "$M" 'qr[0].item.map((i) => i.linkId + "=" +
    JSON.stringify(i.answer[0].valueCoding ? i.answer[0].valueCoding.code :
    i.answer[0].valueDecimal || i.answer[0].valueString)).join(" ")')" \
    'gate="0" half="0.5" count=2.25 remark="so-so, \"quoted\"" total=2.75'
expect "mixed bands" "$(get "$M" 'obs[0].interpretation.map((i) =>
    i.coding[0].code + ":" + i.text).join(" ")')" "2:High 0:Any"
expect "mixed source" "$(get "$M" 'qr[0].source.identifier.system')" \
    "https://rater.invalid/fhir/rater"
Q=$tmp/q-mixed.json
expect "mixed Questionnaire" "$(get "$Q" 'b.item.map((i) => i.linkId + ":" +
    i.type + (i.required ? "!" : "") + (i.readOnly ? "ro" : "")).join(" ")')" \
    "gate:choice! detail:choice half:choice count:decimal remark:text total:decimalro"
expect "mixed status" "$(get "$Q" 'b.status + " " + b.name')" "draft Mixed"

# 3. The clinic's own base, from the configuration.
printf '[rater]\nfhir_base = https://clinic.example.org/rater\n' \
    >"$tmp/config.ini"
"$RATER" --config "$tmp/config.ini" export --format fhir --patient P001 \
    >"$tmp/base.json"
expect "fhir_base" "$(get "$tmp/base.json" 'qr[0].questionnaire.split("|")[0]
    + " " + e[2].url')" "https://clinic.example.org/rater/Questionnaire/phq9 \
https://clinic.example.org/rater/Questionnaire/phq9"
printf '[rater]\nfhir_base = https://clinic.example.org/rater/\n' \
    >"$tmp/config.ini"
"$RATER" --config "$tmp/config.ini" export --format fhir >/dev/null \
    2>"$tmp/err"
expect "bad fhir_base" "$?:$(grep -c "fhir_base must be" "$tmp/err")" "1:1"

# 4. Filters and the empty Bundle (no "entry": [], FHIR has no empty
# arrays).
"$RATER" export --format fhir --scale gad7 >"$tmp/f.json"
expect "--scale" "$(get "$tmp/f.json" 'e.map((r) => r.resourceType[0])
    .join("")')" "QOQ"
"$RATER" export --format fhir --patient P404 >"$tmp/none.json" 2>/dev/null
expect "empty" "$(tr -d ' \n' <"$tmp/none.json")" \
    '{"resourceType":"Bundle","type":"collection"}'
if check "$tmp/f.json" "$tmp/none.json" >"$tmp/check"; then ok; else
	not_ok "filtered Bundles"; cat "$tmp/check"; fi

# 5. Usage errors.
"$RATER" export --format fhir --excel >/dev/null 2>"$tmp/err"
expect "fhir --excel" "$?:$(head -1 "$tmp/err")" \
    "2:rater: export: --format fhir takes no --excel or --codebook (the Questionnaires are in the Bundle)"
"$RATER" describe phq9 --format pdf >/dev/null 2>"$tmp/err"
expect "describe --format pdf" "$?:$(head -1 "$tmp/err")" \
    "2:rater: describe: --format is text, fhir or redcap, not 'pdf'"
"$RATER" describe nosuch >/dev/null 2>&1
expect "describe nosuch" "$?" 1
"$RATER" --scales "$PWD/scales" describe gad7 >"$tmp/d.txt"
expect "describe text" "$(sed -n '1p;3p' "$tmp/d.txt" | tr '\n' '|')" \
    "gad7: GAD-7: Generalized Anxiety Disorder 7-item scale|respondent: patient|"

# 6. The checker fails on broken resources: each mutation of a valid
# export must be reported with its own message.
broken() {	# broken NAME JS-MUTATION EXPECTED-MESSAGE-PART
	node -e '
const fs = require("fs");
const b = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const e = b.entry.map((x) => x.resource);
const qr = e.filter((r) => r.resourceType === "QuestionnaireResponse");
const obs = e.filter((r) => r.resourceType === "Observation");
eval(process.argv[2]);
fs.writeFileSync(process.argv[3], JSON.stringify(b, null, 1));' \
	    "$A" "$2" "$tmp/broken.json"
	if check "$tmp/broken.json" >"$tmp/check"; then
		not_ok "broken $1: passed the check"
	elif grep -q -- "$3" "$tmp/check"; then
		ok
	else
		not_ok "broken $1: wanted '$3'"; cat "$tmp/check"
	fi
}
broken status 'qr[2].status = "done"' '.status should be equal to one of'
broken decimal-as-string 'qr[2].item[9].answer[0].valueDecimal = "10"' \
    'valueDecimal should be number'
broken unknown-element 'qr[0].bogus = 1' 'additional properties (bogus)'
broken code-not-an-option 'qr[0].item[0].answer[0].valueCoding.code = "7"' \
    'is not one of its options'
broken unknown-linkid 'qr[0].item[0].linkId = "q99"' \
    'linkId q99 is not in the Questionnaire'
broken order 'qr[0].item.reverse()' 'out of order'
broken wrong-type 'qr[0].item[0].answer[0] = { valueString: "x" }' \
    'answered with valueString, not valueCoding'
broken required 'qr[0].item.splice(8, 1)' \
    'required item q9 missing from a amended response'
broken empty-string 'qr[0].authored = ""' 'empty string'
broken empty-array 'qr[0].item[0].answer = []' 'empty array'
broken no-timezone 'qr[0].authored = "2026-11-26T10:15:00"' \
    'time without a timezone'
broken null 'obs[0].issued = null' 'null is not allowed'
broken dangling 'obs[0].derivedFrom[0].reference = "urn:uuid:0"' \
    'is not in the Bundle'
broken value-and-absent 'obs[0].dataAbsentReason = obs[1].dataAbsentReason' \
    'not both'
broken text-differs 'qr[0].item[0].text = "Interest"' \
    'text differs'
broken canonical 'qr[0].questionnaire += "x"' 'not found'
# An answer to an item its enableWhen disables (the test scale: detail
# is asked only when gate is 1; gate is 0).
node -e '
const fs = require("fs");
const b = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const qr = b.entry[0].resource;
qr.item.splice(1, 0, { linkId: "detail", answer: [ { valueCoding:
    qr.item[0].answer[0].valueCoding } ] });
fs.writeFileSync(process.argv[2], JSON.stringify(b));' "$M" "$tmp/broken.json"
if check "$tmp/broken.json" "$Q" >"$tmp/check"; then
	not_ok "broken enableWhen: passed the check"
elif grep -q 'item detail is answered but its enableWhen disables it' \
    "$tmp/check"; then
	ok
else
	not_ok "broken enableWhen"; cat "$tmp/check"
fi
expect "enableWhen written" "$(get "$Q" 'JSON.stringify(b.item[1].enableWhen)')" \
    '[{"question":"gate","operator":"=","answerCoding":{"system":"https://rater.invalid/fhir/CodeSystem/mixed/answers/yn","code":"1"}}]'

# 7. rater new --from: every shipped scale (and the test scale) comes
# back with the same items and options: describe -> new --from ->
# describe.
mkdir -p "$tmp/rt"
for f in scales/*.ini tests/fhir/mixed.ini tests/cli/data/kinds/kinds.ini; do
	id=$(basename "$f" .ini)
	"$RATER" describe "$f" --format fhir >"$tmp/rt/a-$id.json"
	if (cd "$tmp/rt" && "$RATER" new "$id" --from "a-$id.json" \
	    >/dev/null 2>"err-$id") &&
	    "$RATER" describe "$tmp/rt/$id.ini" --format fhir \
	    >"$tmp/rt/b-$id.json" 2>>"$tmp/rt/err-$id" &&
	    node tests/fhir/same-items.js "$tmp/rt/a-$id.json" \
	    "$tmp/rt/b-$id.json" >"$tmp/rt/same" 2>&1; then
		ok
	else
		not_ok "round trip of $id"; cat "$tmp/rt/err-$id" "$tmp/rt/same"
	fi
done
# A multi item: a repeating choice in the Questionnaire, one valueCoding
# per option ticked in the response, left out when none is ticked; the
# Bundle passes the schema and its Questionnaire; new --from drafts it
# back as type = multi (the round trip above).
K=$PWD/tests/cli/data/kinds
RATER_SCALES=$K RATER_DATA=$tmp/kd "$RATER" record kinds --patient P1 \
    --rater x words=2+4 calm=74.5 >/dev/null 2>&1
RATER_SCALES=$K RATER_DATA=$tmp/kd "$RATER" record kinds --patient P2 \
    --rater x words=none calm=3 >/dev/null 2>&1
RATER_SCALES=$K RATER_DATA=$tmp/kd "$RATER" export --format fhir \
    >"$tmp/kinds.json" 2>"$tmp/err"
expect "multi: export" "$?" 0
if check "$tmp/kinds.json" >"$tmp/check" 2>&1; then ok; else
	not_ok "multi: the Bundle fails its checks"; cat "$tmp/check"; fi
expect "multi: repeats" "$(get "$tmp/kinds.json" 'e.filter((r) => r.resourceType === "Questionnaire")[0].item[0].repeats')" true
expect "multi: answers" "$(get "$tmp/kinds.json" 'qr.map((r) => (r.item || []).filter((i) => i.linkId === "words").map((i) => i.answer.map((a) => a.valueCoding.code).join("+")).join("")).join(" ")')" "2+4 "
expect "multi: calm as entered" "$(get "$tmp/kinds.json" 'qr[0].item.filter((i) => i.linkId === "calm")[0].answer[0].valueDecimal')" 74.5

# A code score keeps its leading zeros: a string item in the
# Questionnaire, valueString in the response and the Observation (a JSON
# number cannot start with 0).
E=$PWD/tests/scales/good
RATER_SCALES=$E RATER_DATA=$tmp/ed "$RATER" record eq5d-profile-code \
    --patient P1 --rater x mo=1 sc=2 ua=3 pd=2 ad=1 z1=0 z2=1 \
    >/dev/null 2>&1
RATER_SCALES=$E RATER_DATA=$tmp/ed "$RATER" export --format fhir \
    >"$tmp/code.json" 2>"$tmp/err"
expect "code: export" "$?" 0
if check "$tmp/code.json" >"$tmp/check" 2>&1; then ok; else
	not_ok "code: the Bundle fails its checks"; cat "$tmp/check"; fi
expect "code: in the response" "$(get "$tmp/code.json" 'qr[0].item.filter((i) => i.linkId === "zcode")[0].answer[0].valueString')" 01
expect "code: the Observation" "$(get "$tmp/code.json" 'obs.map((o) => o.valueString).join(" ")')" "12321 01"
expect "code: the Questionnaire item" "$(get "$tmp/code.json" 'e.filter((r) => r.resourceType === "Questionnaire")[0].item.filter((i) => i.linkId === "profile")[0].type')" string

# A Questionnaire from elsewhere: groups, a display item, quotes, LOINC
# linkIds, enableWhen that maps (coding, boolean, any) and one that does
# not, an integer with its range and a decimal without (the draft is
# written, lint says what is missing, exit 1), a read-only total.
(cd "$tmp/rt" && "$RATER" new other --from \
    "$OLDPWD/tests/fhir/data/other.json" >out 2>err)
expect "new --from other: status" "$?" 1
expect "new --from other: output" "$(cat "$tmp/rt/out")" "other.ini"
expect "new --from other: lint" "$(grep -c ': error: ' "$tmp/rt/err")" 1
expect "new --from other: why" "$(grep ': error: ' "$tmp/rt/err")" \
    "other.ini:43: error: [item.packs]: a number item needs min and max"
expect "new --from other: ids" "$(sed -n 's/^\[item\.\(.*\)\]$/\1/p' \
    "$tmp/rt/other.ini" | tr '\n' ' ')" \
    "q_44250_9 follow smoker packs mood comment later "
expect "new --from other: when" "$(grep '^when' "$tmp/rt/other.ini" |
    tr '\n' '|')" 'when = "q_44250_9 == 1"|when = "smoker == 1 or follow >= 3"|'
expect "new --from other: quotes" "$(grep -c "^text = 'He said \"often\"'$" \
    "$tmp/rt/other.ini")" 1
expect "new --from other: TODOs" "$(grep -c '^; TODO' "$tmp/rt/other.ini")" 6
expect "new --from other: group" "$(grep -c '^group = "Part 1"$' \
    "$tmp/rt/other.ini")" 2
expect "new --from other: loinc" "$(grep -c '^loinc = ' "$tmp/rt/other.ini")" \
    2
# Bad input: a clear message, exit 1, no file.
bad_from() {	# NAME JSON EXPECTED-MESSAGE
	printf '%s\n' "$2" >"$tmp/rt/in.json"
	rm -f "$tmp/rt/bad.ini"
	(cd "$tmp/rt" && "$RATER" new bad --from in.json >/dev/null 2>err)
	st=$?
	if [ $st -eq 1 ] && [ ! -e "$tmp/rt/bad.ini" ] &&
	    grep -qF -- "$3" "$tmp/rt/err"; then
		ok
	else
		not_ok "new --from $1: exit $st, wanted '$3'"; cat "$tmp/rt/err"
	fi
}
bad_from attachment '{"resourceType": "Questionnaire", "item": [
  {"linkId": "photo", "type": "attachment", "text": "Photo"}]}' \
    'in.json:2: error: item photo: type attachment cannot be rated by rater'
bad_from repeats '{"resourceType": "Questionnaire", "item": [{"linkId": "a",
  "type": "string", "repeats": true}]}' \
    'item a: repeats (several answers to one string item) cannot be rated'
bad_from valueset '{"resourceType": "Questionnaire", "item": [{"linkId": "a",
  "type": "choice", "answerValueSet": "http://example.org/vs"}]}' \
    'item a: its options are a value set (http://example.org/vs)'
bad_from syntax '{"resourceType": "Questionnaire",}' \
    'in.json: error: not JSON: line 1: a key (a string) expected'
bad_from duplicate '{"resourceType": "Questionnaire", "item": [],
  "item": []}' "not JSON: line 2: duplicate key 'item'"
bad_from patient '{"resourceType": "Patient"}' \
    'not a FHIR Questionnaire (resourceType Patient)'
bad_from two '{"resourceType": "Bundle", "entry": [
  {"resource": {"resourceType": "Questionnaire"}},
  {"resource": {"resourceType": "Questionnaire"}}]}' \
    'the Bundle holds 2 Questionnaires, not one'
# Not JSON: read as a REDCap data dictionary, which this is not either.
bad_from csv 'record_id,field_name' 'not a REDCap data dictionary'
# A Bundle of one Questionnaire (rater's own export) is read.
mkdir "$tmp/rt2"
(cd "$tmp/rt2" && "$RATER" new gad7 --from "$tmp/f.json" >/dev/null 2>&1)
expect "new --from a Bundle" "$?:$(grep -c '^\[item' "$tmp/rt2/gad7.ini")" \
    "0:7"

echo "fhir-cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
