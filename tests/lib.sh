# tests/lib.sh: shared by the shell test suites.  Source it after setting
# RATER (absolute path of the binary); it sets up $tmp and the counters.
#
# run_t FILE runs a transcript file of blocks:
#	# comment
#	$ rater ARGS...			<- run with eval, so "< file" works
#	expected standard output, exact
#	! expected standard error line
#	? expected exit status (default 0)
# A block ends at a blank line or at the next "$ " line.  The variable
# T_DIR, when set, is the working directory the commands run in.
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
not_ok() { fail=$((fail + 1)); echo "FAIL: $*"; }
# holds NAME CMD...: ok when CMD succeeds, else the failure NAME.
holds() {
	_h_name=$1
	shift
	if "$@"; then ok; else not_ok "$_h_name"; fi
}

t_block() {
	[ -n "$t_cmd" ] || return 0
	t_status=0
	(cd "${T_DIR:-.}" && eval "\"\$RATER\" $t_cmd") \
	    >"$tmp/out" 2>"$tmp/err" </dev/null || t_status=$?
	if cmp -s "$tmp/out" "$tmp/want_out" &&
	    cmp -s "$tmp/err" "$tmp/want_err" &&
	    [ "$t_status" = "$t_want_status" ]; then
		ok
	else
		not_ok "$t_file:$t_line: rater $t_cmd"
		echo "  exit $t_status, wanted $t_want_status"
		diff -u "$tmp/want_out" "$tmp/out" | sed 's/^/  /'
		diff -u "$tmp/want_err" "$tmp/err" | sed 's/^/  /'
	fi
	t_cmd=
}

run_t() {
	t_file=$1 t_cmd= n=0
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		case $line in
		'$ rater '*)
			t_block
			t_cmd=${line#'$ rater '} t_line=$n t_want_status=0
			: >"$tmp/want_out"; : >"$tmp/want_err" ;;
		'')	t_block ;;
		'#'*)	;;
		'! '*)	printf '%s\n' "${line#'! '}" >>"$tmp/want_err" ;;
		'? '*)	t_want_status=${line#'? '} ;;
		*)	printf '%s\n' "$line" >>"$tmp/want_out" ;;
		esac
	done <"$t_file"
	t_block
}
