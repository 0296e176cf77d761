#!/bin/sh
# Enforces the layering rule: curses only in src/ui*.c, iniparser only in
# src/scale.c, and no printing or exiting from the logic modules.
fail=0 pass=0
for f in src/*.c src/*.h; do
	case $f in src/ui*) continue ;; esac
	if grep -q '#include <curses.h>\|#include <ncurses' "$f"; then
		echo "FAIL: $f includes curses"; fail=$((fail + 1))
	else pass=$((pass + 1)); fi
done
for f in src/*.c src/*.h; do
	[ "$f" = src/scale.c ] && continue
	if grep -q '#include.*iniparser' "$f"; then
		echo "FAIL: $f uses iniparser"; fail=$((fail + 1))
	else pass=$((pass + 1)); fi
done
for f in src/*.c; do
	case $f in src/ui*|src/cmd_*|src/main.c|src/util.c) continue ;; esac
	if grep -nE '\b(printf|puts|fputs|fprintf|perror|exit|getchar)\(' "$f" |
	    grep -v 'snprintf\|vsnprintf' >/dev/null; then
		echo "FAIL: $f prints or exits:"
		grep -nE '\b(printf|puts|fputs|fprintf|perror|exit|getchar)\(' "$f" |
		    grep -v 'snprintf\|vsnprintf' | head -3
		fail=$((fail + 1))
	else pass=$((pass + 1)); fi
done
echo "layering: $pass passed, $fail failed"
[ $fail -eq 0 ]
