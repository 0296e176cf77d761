# Sourced by tests/cli/run.sh (RATER, RATER_DATA, tmp, ok, not_ok):
# files written by session format 1 (tests/cli/data/format1/DATA, made
# by the rater of 5a1b293 with mk.sh there) still load, score, list,
# show, export and verify as they did, their draft still resumes, and
# reading them changes none of their bytes.  The outputs expected are in
# tests/cli/data/format1/*.out: those of the old rater, with what format
# 2 added and nothing else: the assessed column of list and both exports
# (a format-1 file's is its started time), and show's Assessed line
# with its note and the baseline's assessment date; and how a prorated
# score was made (issue 11: list's total.basis, show's "(prorated 7/9:
# from 7 of 9 items)", the exports' basis row and column); and who
# amended (issue 11): show's "Amended by: (not recorded)" for the
# format-1 amendment, and the export columns rater, amended_by,
# revision, status, flag_text and ID.note.  Every score, band, status
# and verify line is the old rater's.
F1=tests/cli/data/format1
rm -rf "$RATER_DATA"
cp -R "$F1/DATA" "$RATER_DATA"
# f1_run NAME STATUS ARGS...: stdout and stderr of rater ARGS compared
# with $F1/NAME.out.
f1_run() {
	f1_name=$1 f1_want=$2
	shift 2
	f1_st=0
	"$RATER" "$@" >"$tmp/f1.got" 2>&1 </dev/null || f1_st=$?
	if [ "$f1_st" = "$f1_want" ] && cmp -s "$F1/$f1_name.out" "$tmp/f1.got"
	then
		ok
	else
		not_ok "format1.sh: $f1_name (exit $f1_st, wanted $f1_want)"
		diff -u "$F1/$f1_name.out" "$tmp/f1.got" | sed 's/^/  /'
	fi
}
f1_run verify 0 verify
f1_run list 0 list
f1_run list-p017 0 list --patient P017 --since 2026-11-05 --until 2026-11-26
f1_run show-amended 0 show P017/20261126T101500-phq9-2
f1_run show-incomplete 0 show P002/20261110T090000-phq9-1
f1_run show-bfmdrs 0 show P017/20261108T093000-bfmdrs-m-1
f1_run export-long 0 export --format long
f1_run export-wide 0 export --format wide --scale phq9
f1_run verify 0 verify
# Nothing read was changed (the list memo in cache/ and its key,
# memo.key, are the only files written; opening a store makes its
# empty trash/, which git cannot keep in the fixture).
rm -rf "$tmp/f1.orig"
cp -R "$F1/DATA" "$tmp/f1.orig"
mkdir -p "$tmp/f1.orig/trash"
if diff -r -x cache -x memo.key "$tmp/f1.orig" "$RATER_DATA" >"$tmp/f1.diff"; then
	ok
else
	not_ok "format1.sh: reading the format-1 store changed it"
	sed 's/^/  /' "$tmp/f1.diff"
fi
