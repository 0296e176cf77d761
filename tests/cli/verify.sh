# Sourced by tests/cli/run.sh (RATER, RATER_DATA, tmp, ok, not_ok):
# rater verify on an untouched store and after each kind of tampering,
# each reported by name; old sessions scored with their own scale
# version after the scale file is edited in place, and reported (never
# scored with another version) when that version cannot be found;
# listing goes on past a corrupt file; and list, show, export and
# verify under valgrind, when it is there.
#
# Output is compared after replacing the data directory with DATA and
# the scratch directory with TMP.

# vf_run NAME STATUS CMD...: runs rater, compares stdout and stderr
# (normalised, stderr after stdout) with the text on standard input.
vf_run() {
	vf_name=$1 vf_want=$2
	shift 2
	vf_st=0
	"$RATER" "$@" >"$tmp/vf.out" 2>"$tmp/vf.err" </dev/null || vf_st=$?
	cat "$tmp/vf.out" "$tmp/vf.err" |
	    sed -e "s|$RATER_DATA|DATA|g" -e "s|$tmp|TMP|g" >"$tmp/vf.got"
	cat >"$tmp/vf.want"
	if [ "$vf_st" = "$vf_want" ] && cmp -s "$tmp/vf.got" "$tmp/vf.want"
	then
		ok
	else
		not_ok "verify.sh: $vf_name (exit $vf_st, wanted $vf_want)"
		diff -u "$tmp/vf.want" "$tmp/vf.got" | sed 's/^/  /'
	fi
}

vf_setup() {
	rm -rf "$RATER_DATA"
	mkdir -p "$RATER_DATA"
	sh tests/cli/data/mkstore.sh "$RATER" >/dev/null 2>&1
}

S=$RATER_DATA/sessions
vf_setup

vf_run "untouched store" 0 verify <<'EOF'
verify: 9 sessions read, 9 audit lines, 0 problems
EOF

# A session file edited by hand: an answer changed.  The audit hash
# names it, and so does the recomputation (the total no longer agrees).
cp "$S/P017/20261101T090000-mood-1.ini" "$tmp/vf.keep"
sed 's/^sad = 3/sad = 2/' "$tmp/vf.keep" >"$S/P017/20261101T090000-mood-1.ini"
vf_run "answer edited" 1 verify <<'EOF'
DATA/audit.log:1: error: P017/20261101T090000-mood-1: the file was changed after it was written (sha256 bb07f1f8b3bb..., logged 39eec4a6aafd...)
DATA/sessions/P017/20261101T090000-mood-1.ini:29: error: total: stored 9, recomputed 8
verify: 9 sessions read, 9 audit lines, 2 problems
EOF
# An edit that leaves the scores as they were: the hash still tells.
sed 's/^rater = drx/rater = someone else/' "$tmp/vf.keep" \
    >"$S/P017/20261101T090000-mood-1.ini"
vf_run "rater edited" 1 verify <<'EOF'
DATA/audit.log:1: error: P017/20261101T090000-mood-1: the file was changed after it was written (sha256 ae3cc1a80fa2..., logged 39eec4a6aafd...)
verify: 9 sessions read, 9 audit lines, 1 problem
EOF
cp "$tmp/vf.keep" "$S/P017/20261101T090000-mood-1.ini"

# A session file deleted: the first revision of an amended session.
mv "$S/P017/20261126T101500-mood-1.ini" "$tmp/vf.keep"
vf_run "file deleted" 1 verify <<'EOF'
DATA/audit.log:3: error: P017/20261126T101500-mood-1: the file is missing
DATA/sessions/P017/20261126T101500-mood-1.r2.ini: error: revision 2 amends P017/20261126T101500-mood-1, which is missing
verify: 8 sessions read, 9 audit lines, 2 problems
EOF
mv "$tmp/vf.keep" "$S/P017/20261126T101500-mood-1.ini"

# One line of the audit log changed (the action of line 3).
cp "$RATER_DATA/audit.log" "$tmp/vf.keep"
sed '3s/	save	/	amend	/' "$tmp/vf.keep" \
    >"$RATER_DATA/audit.log"
vf_run "audit line changed" 1 verify <<'EOF'
DATA/audit.log:3: error: hash chain broken: this line was changed, or a line before it was removed or inserted
verify: 9 sessions read, 9 audit lines, 1 problem
EOF
# A line removed breaks the link of the next one.
sed '5d' "$tmp/vf.keep" >"$RATER_DATA/audit.log"
vf_run "audit line removed" 1 verify <<'EOF'
DATA/audit.log:5: error: hash chain broken: this line was changed, or a line before it was removed or inserted
DATA/sessions/P017/20261126T103000-motor-1.ini: error: session P017/20261126T103000-motor-1 is not in the audit log
verify: 9 sessions read, 8 audit lines, 2 problems
EOF
cp "$tmp/vf.keep" "$RATER_DATA/audit.log"

# Unexplained files: a copy under another name, a corrupt file, and a
# directory that is no patient's.
cp "$S/P002/20261110T090000-mood-1.ini" "$S/P002/20261231T090000-mood-1.ini"
printf 'garbage\n' >"$S/P002/20261231T100000-mood-1.ini"
mkdir "$S/bad..dir"
vf_run "unexplained files" 1 verify <<'EOF'
DATA/sessions/P002/20261231T090000-mood-1.ini: error: session P002/20261231T090000-mood-1 is not in the audit log
DATA/sessions/P002/20261231T090000-mood-1.ini: warning: the file name does not match the session id P002/20261110T090000-mood-1
DATA/sessions/P002/20261231T100000-mood-1.ini: error: missing section [answers]
DATA/sessions/P002/20261231T100000-mood-1.ini: error: missing section [session]
DATA/sessions/P002/20261231T100000-mood-1.ini: error: session P002/20261231T100000-mood-1 is not in the audit log
DATA/sessions/P002/20261231T100000-mood-1.ini:1: error: expected 'key = value' or a [section], not 'garbage'
DATA/sessions/bad..dir: warning: skipped: not a patient id
verify: 10 sessions read, 9 audit lines, 7 problems
EOF
# The listing goes on past them, names them and exits 1.
vf_run "list past corrupt files" 1 list --patient P002 <<'EOF'
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P002/20261110T090000-mood-1	P002	mood	day 1	2026-11-10T09:00:00+00:00	2026-11-10T09:00:00+00:00	Dr Müller	1	complete	total=1	total.band=Low
P002/20261110T090000-mood-1	P002	mood	day 1	2026-11-10T09:00:00+00:00	2026-11-10T09:00:00+00:00	Dr Müller	1	complete	total=1	total.band=Low
P002/20261120T010000-mood-1	P002	mood	day 10	2026-11-20T01:00:00+05:00	2026-11-20T01:00:00+05:00	Dr Müller	1	incomplete	total=NA	total.band=
P002/20261119T210000-mood-1	P002	mood	day 10	2026-11-19T21:00:00+00:00	2026-11-19T21:00:00+00:00	nurse	1	incomplete	total=3	total.band=Low
DATA/sessions/P002/20261231T090000-mood-1.ini: warning: the file name does not match the session id P002/20261110T090000-mood-1
DATA/sessions/P002/20261231T100000-mood-1.ini: error: missing section [answers]
DATA/sessions/P002/20261231T100000-mood-1.ini: error: missing section [session]
DATA/sessions/P002/20261231T100000-mood-1.ini:1: error: expected 'key = value' or a [section], not 'garbage'
EOF
vf_run "show of a corrupt file" 1 show P002/20261231T100000-mood-1 <<'EOF'
rater: show: P002/20261231T100000-mood-1 cannot be read
DATA/sessions/P002/20261231T100000-mood-1.ini: error: missing section [answers]
DATA/sessions/P002/20261231T100000-mood-1.ini: error: missing section [session]
DATA/sessions/P002/20261231T100000-mood-1.ini:1: error: expected 'key = value' or a [section], not 'garbage'
EOF
rm -r "$S/P002/20261231T090000-mood-1.ini" "$S/P002/20261231T100000-mood-1.ini" \
    "$S/bad..dir"

# A file whose stored scores disagree with its answers is not amended.
cp "$S/P017/20261108T090000-mood-1.ini" "$tmp/vf.keep"
sed 's/^total = 8/total = 2/' "$tmp/vf.keep" \
    >"$S/P017/20261108T090000-mood-1.ini"
vf_run "amend refuses a tampered file" 1 amend P017/20261108T090000-mood-1 \
    --reason x sad=1 <<'EOF'
DATA/sessions/P017/20261108T090000-mood-1.ini:29: error: total: stored 2, recomputed 8
rater: amend: P017/20261108T090000-mood-1 has stored scores that disagree with its answers; it is not amended (run rater verify)
EOF
vf_run "show reports the disagreement" 1 \
    show P017/20261108T090000-mood-1 <<'EOF'
Rating session report
Scale:        Mood test scale
Version:      mood version 1, sha256 af6da0a4f1a3
Scale status: PROVISIONAL: not fully checked against the published instrument; A test fixture, not a real instrument.
Session:      P017/20261108T090000-mood-1
Revision:     1
Status:       complete
Patient:      P017
Visit:        baseline
Rater:        drx
Assessed:     2026-11-08T09:00:00+00:00
Started:      2026-11-08T09:00:00+00:00
Finished:     2026-11-08T09:00:00+00:00
Items:
   1. Sadness [sad]
      3: Always
   2. Poor sleep [sleep]
      2: Often
   3. Worry, tension [worry]
      2: Often
   4. Thoughts of self-harm [harm]
      1: Sometimes
   5. Weight change in kg [weight]
      0 (not scored)
   6. Comment [comment]
      not answered (not scored)
Scores:
  Total [total]: 8, range 0 to 12
      band severity (primary): High
      band alt (secondary): B
Flags:
  CRITICAL: Self-harm thoughts: assess the risk today [harm]
Change from baseline:
  This session is the baseline (visit baseline).
Revisions:
  1. P017/20261108T090000-mood-1: finished 2026-11-08T09:00:00+00:00, rater drx (this report)
Check:
  SCORES DISAGREE: the file's stored scores differ from those recomputed with the scale version rated (sha256 af6da0a4f1a3):
  total: stored 2, recomputed 8
EOF
cp "$tmp/vf.keep" "$S/P017/20261108T090000-mood-1.ini"

# Notes (rater record writes none; the screens do): show prints them,
# escaped; the note is not part of the scores, but verify sees the edit.
cp "$S/P017/20261126T103000-motor-1.ini" "$tmp/vf.keep"
sed 's/^\[notes\]$/[notes]\
gait = patient tired\\nwalked twice \\x1b[31mred/' "$tmp/vf.keep" \
    >"$S/P017/20261126T103000-motor-1.ini"
vf_run "show prints notes" 0 show P017/20261126T103000-motor-1 <<'EOF'
Rating session report
Scale:        Motor test scale
Version:      motor version 2, sha256 db8ee27137cd
Scale status: verified
Session:      P017/20261126T103000-motor-1
Revision:     1
Status:       complete
Patient:      P017
Visit:        week 4
Rater:        drx
Assessed:     2026-11-26T10:30:00+00:00
Started:      2026-11-26T10:30:00+00:00
Finished:     2026-11-26T10:30:00+00:00
Items:
   1. Gait [gait]
      1
      Note: patient tired\nwalked twice \x1b[31mred
   2. Arm [arm]
      0.5
Scores:
  Mean severity [mean]: 0.75, range 0 to 4
  Ability [ability]: 6.5, range 0 to 8
Flags:
  none raised
Change from baseline:
  Baseline: P017/20261108T093000-motor-1, visit baseline, assessed 2026-11-08T09:30:00+00:00
  Mean severity [mean]: 2.25 -> 0.75, change -1.50 (-66.7%), improved; responder (value <= 1): yes
  Ability [ability]: 3.5 -> 6.5, change +3.0 (+85.7%), improved; responder (improvement >= 2): yes
Revisions:
  1. P017/20261126T103000-motor-1: finished 2026-11-26T10:30:00+00:00, rater drx (this report)
Check:
  Scores verified: recomputed with the scale version rated (sha256 db8ee27137cd), equal to those stored.
EOF
cp "$tmp/vf.keep" "$S/P017/20261126T103000-motor-1.ini"

# The scale file edited in place (a band renamed, a cut-off moved from 6
# to 5): old sessions keep their version, new ones get the new one.
rm -rf "$RATER_DATA" "$tmp/vf.scales"
mkdir -p "$RATER_DATA"
cp -r tests/cli/data/scales "$tmp/vf.scales"
"$RATER" --scales "$tmp/vf.scales" record mood --patient P1 \
    --visit baseline --rater drx sad=2 sleep=2 worry=1 harm=0 weight=0 \
    comment= >/dev/null
sed -e 's/^4 = "Moderate"/4 = "Medium"/' \
    -e 's/^total.band = Moderate/total.band = Medium/' \
    -e 's/^6 = "B"/5 = "B"/' \
    tests/cli/data/scales/mood.ini >"$tmp/vf.scales/mood.ini"
RATER_NOW=2026-12-01T09:00:00+00:00 "$RATER" --scales "$tmp/vf.scales" \
    record mood --patient P1 --visit "week 1" --rater drx sad=2 sleep=2 \
    worry=1 harm=0 weight=0 comment= >/dev/null
vf_run "scale edited: list" 0 --scales "$tmp/vf.scales" list <<'EOF'
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P1/20261126T101500-mood-1	P1	mood	baseline	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	total=5	total.band=Moderate
P1/20261201T090000-mood-1	P1	mood	week 1	2026-12-01T09:00:00+00:00	2026-12-01T09:00:00+00:00	drx	1	complete	total=5	total.band=Medium
EOF
vf_run "scale edited: export" 0 --scales "$tmp/vf.scales" \
    export --format wide --scale mood <<'EOF'
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,finished,rater,amended_by,revision,status,sad,sad.missing,sad.note,sleep,sleep.missing,sleep.note,worry,worry.missing,worry.note,harm,harm.missing,harm.note,weight,weight.missing,weight.note,comment,comment.missing,comment.note,total,total.band,total.band.alt,total.basis,flags
P1/20261126T101500-mood-1,P1,mood,1,af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23,baseline,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,2026-11-26T10:15:00+00:00,drx,,1,complete,2,,,2,,,1,,,0,,,0,,,,empty,,5,Moderate,A,,
P1/20261201T090000-mood-1,P1,mood,1,1abb959299dc2ff42f37b8f9a250d03cdcd1d5717c4c88972c6b6eb44cc8461c,week 1,2026-12-01T09:00:00+00:00,2026-12-01T09:00:00+00:00,2026-12-01T09:00:00+00:00,drx,,1,complete,2,,,2,,,1,,,0,,,0,,,,empty,,5,Medium,B,,
EOF
"$RATER" --scales "$tmp/vf.scales" show P1/20261126T101500-mood-1 \
    >"$tmp/vf.show" 2>&1
if grep -q '^  Total \[total\]: 5, range 0 to 12$' "$tmp/vf.show" &&
    grep -q '^      band severity (primary): Moderate$' "$tmp/vf.show"; then
	ok
else
	not_ok "verify.sh: scale edited: show gives the old results"
	sed 's/^/  /' "$tmp/vf.show"
fi
vf_run "scale edited: verify" 0 --scales "$tmp/vf.scales" verify <<'EOF'
verify: 2 sessions read, 2 audit lines, 0 problems
EOF

# The archived copy gone and the current file different: the session
# cannot be scored, and each command says so by file name.
vf_sha=af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23
mv "$RATER_DATA/scales/$vf_sha" "$tmp/vf.archive"
vf_run "no version: list" 1 --scales "$tmp/vf.scales" list <<'EOF'
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P1/20261126T101500-mood-1	P1	mood	baseline	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	unscorable
P1/20261201T090000-mood-1	P1	mood	week 1	2026-12-01T09:00:00+00:00	2026-12-01T09:00:00+00:00	drx	1	complete	total=5	total.band=Medium
DATA/sessions/P1/20261126T101500-mood-1.ini: error: cannot be scored: the version of scale mood with sha256 af6da0a4f1a3 is not archived (no DATA/scales/af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23/mood.ini), and no current scale file has that sha256 (TMP/vf.scales/mood.ini has sha256 1abb959299dc)
EOF
vf_run "no version: show" 1 --scales "$tmp/vf.scales" \
    show P1/20261126T101500-mood-1 <<'EOF'
rater: show: P1/20261126T101500-mood-1 cannot be scored; no report is given
DATA/sessions/P1/20261126T101500-mood-1.ini: error: cannot be scored: the version of scale mood with sha256 af6da0a4f1a3 is not archived (no DATA/scales/af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23/mood.ini), and no current scale file has that sha256 (TMP/vf.scales/mood.ini has sha256 1abb959299dc)
EOF
vf_run "no version: export" 1 --scales "$tmp/vf.scales" \
    export --scale mood --visit baseline <<'EOF'
session_id,patient,scale,scale_version,scale_sha256,visit,assessed,started,rater,amended_by,revision,status,kind,item,value,label,missing_code,note,flag_text
DATA/sessions/P1/20261126T101500-mood-1.ini: error: cannot be scored: the version of scale mood with sha256 af6da0a4f1a3 is not archived (no DATA/scales/af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23/mood.ini), and no current scale file has that sha256 (TMP/vf.scales/mood.ini has sha256 1abb959299dc)
EOF
vf_run "no version: amend" 1 --scales "$tmp/vf.scales" \
    amend P1/20261126T101500-mood-1 --reason x sad=1 <<'EOF'
DATA/sessions/P1/20261126T101500-mood-1.ini: error: cannot be scored: the version of scale mood with sha256 af6da0a4f1a3 is not archived (no DATA/scales/af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23/mood.ini), and no current scale file has that sha256 (TMP/vf.scales/mood.ini has sha256 1abb959299dc)
rater: amend: P1/20261126T101500-mood-1 cannot be scored; it is not amended (run rater verify)
EOF
# The current file put back as it was: scored with it, but verify
# still reports the archive.
cp tests/cli/data/scales/mood.ini "$tmp/vf.scales/mood.ini"
vf_run "current file matches: list" 0 --scales "$tmp/vf.scales" \
    list --visit baseline <<'EOF'
id	patient	scale	visit	assessed	started	rater	revision	status	scores
P1/20261126T101500-mood-1	P1	mood	baseline	2026-11-26T10:15:00+00:00	2026-11-26T10:15:00+00:00	drx	1	complete	total=5	total.band=Moderate
EOF
vf_run "current file matches: verify" 1 --scales "$tmp/vf.scales" \
    verify <<'EOF'
DATA/scales/af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23/mood.ini: error: the version of scale mood with sha256 af6da0a4f1a3 is not archived (no DATA/scales/af6da0a4f1a32266e60db587e694b9df51b035ca17c236043e9792e6e08e5f23/mood.ini); scored with TMP/vf.scales/mood.ini, which has the same sha256
verify: 2 sessions read, 2 audit lines, 1 problem
EOF
mv "$tmp/vf.archive" "$RATER_DATA/scales/$vf_sha"

# No data directory: an error, never an empty store.
vf_run "no data directory" 1 --data "$tmp/nonexistent" verify <<'EOF'
rater: no data directory TMP/nonexistent: No such file or directory
EOF
vf_run "verify usage" 2 verify P1 <<'EOF'
rater: verify: unexpected argument 'P1'
usage: rater verify 
EOF

# Memory: list, show, export (with a codebook) and verify, on success
# and on error paths, leak-free and without invalid accesses.  Not for
# an ASan build (make check-asan runs all of this under ASan instead).
if command -v valgrind >/dev/null 2>&1 && ! grep -q __asan_init "$RATER"
then
	vf_setup
	cp "$S/P002/20261110T090000-mood-1.ini" \
	    "$S/P002/20261231T090000-mood-1.ini"
	printf 'garbage\n' >"$S/P002/20261231T100000-mood-1.ini"
	for vf_args in "list" "list --patient P017 --visit baseline" \
	    "show P017/20261126T101500-mood-1.r2" \
	    "show P017/20261126T101500-mood-1" \
	    "show P002/20261231T100000-mood-1" \
	    "export --format long" \
	    "export --format wide --scale mood --codebook $tmp/vf.cb" \
	    "verify" \
	    "amend P017/20261126T101500-mood-1.r2 --reason x sad=2"; do
		# shellcheck disable=SC2086
		if valgrind -q --leak-check=full --error-exitcode=99 \
		    --errors-for-leak-kinds=definite,indirect "$RATER" \
		    $vf_args >/dev/null 2>"$tmp/vf.vg"; [ $? -ne 99 ]; then
			ok
		else
			not_ok "verify.sh: valgrind rater $vf_args"
			sed 's/^/  /' "$tmp/vf.vg" | head -40
		fi
	done
fi
