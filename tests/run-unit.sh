#!/bin/sh
# Runs each unit-test binary; each prints its own "N passed, N failed".
fail=0 pass=0
for t in "$@"; do
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $t"; fi
done
echo "unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
