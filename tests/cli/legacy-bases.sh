# Sourced by tests/cli/run.sh (RATER, RATER_DATA, tmp, ok, not_ok):
# sessions saved before scores said how they were made (files written
# by the previous release, kept in tests/cli/data/legacy-bases: a PHQ-9
# with item 9 unanswered stored as "10 Moderate" with no flag, a BFMDRS
# movement scale with one factor na stored as 104.0, a HAM-D with item
# 16 not assessed) still verify and score unchanged; the reports now
# say how those scores were made.
cp -R tests/cli/data/legacy-bases/. "$RATER_DATA/"
chmod -R go-rwx "$RATER_DATA"
lb_show() {
	"$RATER" show "$1" 2>&1 | sed -n "$2"
}
if "$RATER" verify >"$tmp/lb.out" 2>&1; then
	ok
else
	not_ok "legacy-bases: verify of files without id.basis"
	sed 's/^/  /' "$tmp/lb.out"
fi
got=$(lb_show L1/20261102T090000-phq9-1 '/^  Total \[total\]/p')
if [ "$got" = "  Total [total]: 10 (prorated 8/9: from 8 of 9 items), range 0 to 27" ]
then
	ok
else
	not_ok "legacy-bases: phq9 total: $got"
fi
# Scored with the scale version it was rated with, which had no
# missing_flag: the stored flags stay as they were (none).
got=$(lb_show L1/20261102T090000-phq9-1 '/^Flags:/,/^Change/p')
if [ "$got" = "Flags:
  none raised
Change from baseline:" ]; then
	ok
else
	not_ok "legacy-bases: phq9 flags: $got"
fi
got=$(lb_show L1/20261102T091000-bfmdrs-m-1 '/^  Movement total/p')
if [ "$got" = "  Movement total [total]: 104.0 (partial 16/18: from 16 of 18 items), range 0 to 120" ]
then
	ok
else
	not_ok "legacy-bases: bfmdrs-m total: $got"
fi
got=$("$RATER" list --patient L1 2>&1 | sed 1d | cut -f 3,10- | sort)
want=$(printf '%s\n' \
    "bfmdrs-m	total=104.0	total.basis=partial 16/18" \
    "hamd17	total=15	total.band=Mild	total.basis=partial 16/17" \
    "phq9	total=10	total.band=Moderate	total.basis=prorated 8/9")
if [ "$got" = "$want" ]; then
	ok
else
	not_ok "legacy-bases: list: $got"
fi
