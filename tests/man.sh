#!/bin/sh
# The manual pages: mandoc finds nothing to warn about, and every
# command of `rater --help` is in the SYNOPSIS of rater(1).
RATER=${1:-./rater}
pass=0 fail=0
for m in man/rater.1 man/rater-scale.5 man/rater-session.5 man/rater-interop.7; do
	if out=$(mandoc -T lint -W warning "$m" 2>&1) && [ -z "$out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: mandoc -T lint $m"; echo "$out"
	fi
done
synopsis=$(mandoc -T ascii man/rater.1 2>/dev/null | sed 's/.\x08//g' |
    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p')
for c in $("$RATER" --help 2>&1 | sed -n 's/^ *\(usage: \)\{0,1\}rater \([a-z][a-z]*\).*/\2/p'); do
	if printf '%s\n' "$synopsis" | grep -q "rater $c"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL: rater(1) SYNOPSIS lacks 'rater $c'"
	fi
done
# rater COMMAND --help: exit 0, the same synopsis as rater --help, every
# option it lists in that command's SYNOPSIS, and a line for each.
for c in $("$RATER" --help 2>&1 | sed -n 's/^ *\(usage: \)\{0,1\}rater \([a-z][a-z]*\).*/\2/p'); do
	h=$("$RATER" "$c" --help 2>&1) && st=0 || st=$?
	want=$("$RATER" --help | sed -n "s/^ *\(usage: \)\{0,1\}rater $c\( \|\$\)/usage: rater $c\2/p")
	cmdsyn=$(printf '%s\n' "$synopsis" | awk -v c="rater $c" '
	    index($0, c) == 1 || index($0, "     " c) { on = 1 }
	    on && /^ *rater / && index($0, c) == 0 { on = 0 } on')
	bad=
	[ $st -eq 0 ] || bad="exit $st"
	[ "$(printf '%s\n' "$h" | head -1)" = "$want" ] ||
	    bad="$bad; first line is not '$want'"
	for o in $(printf '%s\n' "$h" | sed -n 's/^  \(--[a-z]*\).*/\1/p'); do
		printf '%s\n' "$cmdsyn" | grep -q -- "$o" ||
		    bad="$bad; $o not in its SYNOPSIS"
	done
	printf '%s\n' "$h" | grep -q 'see rater(1)$' &&
	    bad="$bad; an option without its line"
	if [ -z "$bad" ]; then pass=$((pass + 1))
	else fail=$((fail + 1)); echo "FAIL: rater $c --help: $bad"; fi
done
echo "man: $pass passed, $fail failed"
[ $fail -eq 0 ]
