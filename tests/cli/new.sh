# Sourced by tests/cli/run.sh: rater new writes a template that lints
# clean and never overwrites a file.
out=$("$RATER" new demo-scale "$tmp/demo-scale.ini" 2>&1)
if [ "$out" = "$tmp/demo-scale.ini" ] &&
    "$RATER" lint "$tmp/demo-scale.ini" >"$tmp/lint" 2>&1 &&
    ! grep -q warning "$tmp/lint"; then
	ok
else
	not_ok "new: template does not lint clean"; cat "$tmp/lint"
fi
echo "keep me" >"$tmp/taken.ini"
if ! "$RATER" new taken "$tmp/taken.ini" 2>"$tmp/err" &&
    [ "$(cat "$tmp/taken.ini")" = "keep me" ] &&
    grep -q 'File exists' "$tmp/err"; then
	ok
else
	not_ok "new: overwrote an existing file"
fi
if ! "$RATER" new Bad/Id "$tmp/bad.ini" 2>/dev/null && [ ! -e "$tmp/bad.ini" ]
then
	ok
else
	not_ok "new: accepted a bad id"
fi
# The file must be named after the id (the loader requires it).
if ! "$RATER" new demo2 "$tmp/other.ini" 2>"$tmp/err" &&
    [ ! -e "$tmp/other.ini" ] && grep -q 'must be named after its id' "$tmp/err"
then
	ok
else
	not_ok "new: wrote a file not named after the id"
fi
