#!/bin/sh
# The manual pages: mandoc finds nothing to warn about, and every
# command of `rater --help` is in the SYNOPSIS of rater(1).
RATER=${1:-./rater}
pass=0 fail=0
for m in man/rater.1 man/rater-scale.5 man/rater-session.5; do
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
echo "man: $pass passed, $fail failed"
[ $fail -eq 0 ]
