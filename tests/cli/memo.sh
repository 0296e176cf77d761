# Sourced by tests/cli/run.sh (RATER, RATER_DATA, tmp, ok, not_ok):
# the memo of rater list (src/memo.h).  A listing from the memo is the
# listing computed afresh, byte for byte; the memo is used (a listing
# from it needs no scale version); a session file changed in any way,
# a memo line that fails its check, a memo of another build and a cut
# memo are not used; an archived version that is gone is reported
# whatever the memo says; a filtered listing keeps the memo of the
# sessions it did not read; and a memo that cannot be written changes
# nothing.

mm_S=$RATER_DATA/sessions
mm_M=$RATER_DATA/cache/list
sh tests/cli/data/mkstore.sh "$RATER" >/dev/null 2>&1

# mm_list NAME WANT-STATUS FILE-WITH-EXPECTED-STDOUT [ARGS...]
mm_list() {
	mm_name=$1 mm_want=$2 mm_exp=$3
	shift 3
	mm_st=0
	"$RATER" list "$@" >"$tmp/mm.out" 2>"$tmp/mm.err" </dev/null ||
	    mm_st=$?
	if [ "$mm_st" = "$mm_want" ] && cmp -s "$tmp/mm.out" "$mm_exp"; then
		ok
	else
		not_ok "memo.sh: $mm_name (exit $mm_st, wanted $mm_want)"
		diff -u "$mm_exp" "$tmp/mm.out" | sed 's/^/  /'
		sed 's/^/  stderr: /' "$tmp/mm.err"
	fi
}

# The listing with no memo at all, then again from the memo.
"$RATER" list >"$tmp/mm.fresh" 2>"$tmp/mm.err" || not_ok "memo.sh: first list"
if [ -f "$mm_M/P017" ] && [ -f "$mm_M/P002" ] &&
    [ "$(stat -c %a "$mm_M" "$mm_M/P017")" = "700
600" ] && head -1 "$mm_M/P017" |
    grep -q '^rater list memo 2 [0-9a-f]\{16\}-[0-9a-f]\{16\} [0-9a-f]\{16\}$' &&
    [ "$(stat -c '%a %s' "$RATER_DATA/memo.key")" = "600 32" ] &&
    [ "$(grep -c "	" "$mm_M/P017")" = 5 ]; then
	ok
else
	not_ok "memo.sh: memo files after the first list"
	ls -la "$mm_M" 2>&1 | sed 's/^/  /'
fi
mm_list "from the memo" 0 "$tmp/mm.fresh"
cp "$mm_M/P017" "$tmp/mm.keep"

# The memo is what is listed: with the archived scale files damaged,
# the listing from the memo is unchanged (only verify reads them),
# while without the memo the sessions cannot be scored.
for f in "$RATER_DATA"/scales/*/*.ini; do
	cp "$f" "$f.keep"
	echo "# damaged" >>"$f"
done
mm_list "memo used, no scale loaded" 0 "$tmp/mm.fresh"
rm -r "$RATER_DATA/cache"
if ! "$RATER" list --patient P017 >/dev/null 2>"$tmp/mm.err" &&
    grep -q 'cannot be scored' "$tmp/mm.err"; then
	ok
else
	not_ok "memo.sh: damaged archive without the memo"
	sed 's/^/  /' "$tmp/mm.err"
fi
for f in "$RATER_DATA"/scales/*/*.ini; do
	mv "$f.keep" "$f"
done
rm -rf "$RATER_DATA/cache"
mm_list "rebuilt" 0 "$tmp/mm.fresh"

# A session file changed, same length: its row is computed afresh.
mm_f=$mm_S/P017/20261108T090000-mood-1.ini
cp "$mm_f" "$tmp/mm.session"
sed 's/^sad = 3/sad = 1/' "$tmp/mm.session" >"$mm_f"
mm_old='total=8	total.band=High'
mm_new='total=6	total.band=Moderate'
sed "/^P017\/20261108T090000-mood-1	/s/$mm_old/$mm_new/" "$tmp/mm.fresh" \
    >"$tmp/mm.changed"
if cmp -s "$tmp/mm.fresh" "$tmp/mm.changed"; then
	not_ok "memo.sh: the expected change was not made"
fi
mm_list "changed session file" 0 "$tmp/mm.changed"
cp "$tmp/mm.session" "$mm_f"
mm_list "changed back" 0 "$tmp/mm.fresh"

# A memo line whose fields were altered fails its check: not used, and
# the memo is written anew.
sed 's/total=8	total.band=High/total=2	total.band=Low/' "$mm_M/P017" \
    >"$tmp/mm.bad"
if cmp -s "$tmp/mm.bad" "$mm_M/P017"; then
	not_ok "memo.sh: the memo line was not altered"
fi
cp "$tmp/mm.bad" "$mm_M/P017"
mm_list "altered memo line" 0 "$tmp/mm.fresh"
if cmp -s "$mm_M/P017" "$tmp/mm.keep"; then ok; else
	not_ok "memo.sh: the altered memo was not rewritten"
	diff "$tmp/mm.keep" "$mm_M/P017" | sed 's/^/  /'
fi

# Another build's memo, a cut one, garbage, a directory: not used.
sed '1s/memo 2 [0-9a-f-]* /memo 2 0123456789abcdef-0123456789abcdef /' \
    "$tmp/mm.keep" >"$mm_M/P017"
if cmp -s "$mm_M/P017" "$tmp/mm.keep"; then
	not_ok "memo.sh: the build was not changed"
fi
mm_list "memo of another build" 0 "$tmp/mm.fresh"
if cmp -s "$mm_M/P017" "$tmp/mm.keep"; then ok; else
	not_ok "memo.sh: another build's memo was not replaced"
fi
head -c 300 "$tmp/mm.keep" >"$mm_M/P017"
mm_list "cut memo" 0 "$tmp/mm.fresh"
head -c 2000 /dev/urandom >"$mm_M/P017"
mm_list "random memo" 0 "$tmp/mm.fresh"
rm -f "$mm_M/P017"
mkdir "$mm_M/P017"
mm_list "memo is a directory" 0 "$tmp/mm.fresh"
rmdir "$mm_M/P017"

# A filtered listing keeps the entries it did not look up; a full one
# drops those of files that are gone.
"$RATER" list >/dev/null 2>&1
"$RATER" list --patient P017 --scale motor >/dev/null 2>&1
if [ "$(grep -c mood "$mm_M/P017")" = 3 ]; then ok; else
	not_ok "memo.sh: a filtered listing dropped entries"
	sed 's/^/  /' "$mm_M/P017"
fi
mv "$mm_S/P017/20261108T093000-motor-1.ini" "$tmp/mm.motor"
"$RATER" list --patient P017 >/dev/null 2>&1
if [ "$(grep -c motor "$mm_M/P017")" = 1 ]; then ok; else
	not_ok "memo.sh: a full listing kept the entry of a gone file"
	sed 's/^/  /' "$mm_M/P017"
fi
mv "$tmp/mm.motor" "$mm_S/P017/20261108T093000-motor-1.ini"

# An archived version gone: reported, whatever the memo says.
"$RATER" list >/dev/null 2>&1
mm_a=$(dirname "$(ls "$RATER_DATA"/scales/*/motor.ini | head -1)")
mv "$mm_a" "$tmp/mm.archive"
if ! "$RATER" list --patient P017 >"$tmp/mm.out" 2>"$tmp/mm.err" &&
    [ "$(grep -c 'unscorable$' "$tmp/mm.out")" = 2 ] &&
    grep -q 'is not archived' "$tmp/mm.err"; then
	ok
else
	not_ok "memo.sh: archive gone, memo used"
	sed 's/^/  /' "$tmp/mm.out" "$tmp/mm.err"
fi
# Unscorable rows are not remembered.
rm -r "$RATER_DATA/cache"
"$RATER" list --patient P017 >/dev/null 2>&1
if [ "$(grep -c mood "$mm_M/P017")" = 3 ] && ! grep -q motor "$mm_M/P017"
then ok; else
	not_ok "memo.sh: an unscorable session was remembered"
fi
mv "$tmp/mm.archive" "$mm_a"

# A memo that cannot be written: the listing is the same, exit 0.
rm -rf "$RATER_DATA/cache"
echo "not a directory" >"$RATER_DATA/cache"
mm_list "memo cannot be written" 0 "$tmp/mm.fresh"
if [ -f "$RATER_DATA/cache" ] && [ ! -s "$tmp/mm.err" ]; then ok; else
	not_ok "memo.sh: unwritable memo: stderr or cache changed"
	sed 's/^/  /' "$tmp/mm.err"
fi
rm -f "$RATER_DATA/cache"

# A forged memo (issue 12): fields rewritten to a score no session file
# gives.  Without the key the line fails its check: list shows the
# file's scores and says the memo was altered; verify reports it and
# discards the memo.
"$RATER" list >/dev/null 2>&1
sed 's/total=8	total.band=High/total=27	total.band=Severe/' \
    "$tmp/mm.keep" >"$mm_M/P017"
mm_list "forged memo line" 0 "$tmp/mm.fresh"
if grep -q "cache/list/P017: 1 line failed its check and was not used" \
    "$tmp/mm.err" && ! grep -q 'total=27' "$tmp/mm.out"; then ok; else
	not_ok "memo.sh: no warning about the forged memo line"
	sed 's/^/  /' "$tmp/mm.err"
fi
sed 's/total=8	total.band=High/total=27	total.band=Severe/' \
    "$tmp/mm.keep" >"$mm_M/P017"
if ! "$RATER" verify >"$tmp/mm.out" 2>&1 &&
    grep -q "cache/list/P017: error: 1 line failed its check" \
    "$tmp/mm.out" &&
    grep -q "cache/list/P017: error: memo discarded" "$tmp/mm.out" &&
    [ ! -e "$mm_M/P017" ] && "$RATER" verify >/dev/null 2>&1; then
	ok
else
	not_ok "memo.sh: verify and a forged memo line"
	sed 's/^/  /' "$tmp/mm.out"
fi
# Even forged with the key (a valid check), verify finds that no file
# gives those scores, and discards the memo; list is then right again.
"$RATER" list >/dev/null 2>&1
mm_key=$(od -An -tx1 -v "$RATER_DATA/memo.key" | tr -d ' \n')
mm_build=$(head -1 "$mm_M/P017" | cut -d' ' -f5)
mm_line=$(grep '^P017/20261108T090000-mood-1	' "$mm_M/P017" |
    sed 's/	[0-9a-f]*$//; s/total=8	total.band=High/total=27	total.band=Severe/')
mm_mac=$(printf '%s\n%s' "$mm_build" "$mm_line" |
    openssl dgst -sha256 -mac HMAC -macopt "hexkey:$mm_key" |
    sed 's/.*= //' | cut -c1-16)
{ grep -v '^P017/20261108T090000-mood-1	' "$mm_M/P017"
  printf '%s\t%s\n' "$mm_line" "$mm_mac"; } >"$tmp/mm.forged"
cp "$tmp/mm.forged" "$mm_M/P017"
"$RATER" list --patient P017 >"$tmp/mm.out" 2>&1
if grep -q 'total=27' "$tmp/mm.out" &&
    ! "$RATER" verify >"$tmp/mm.out" 2>&1 &&
    grep -q "cache/list/P017: error: the memo holds scores for P017/20261108T090000-mood-1 that its file does not give" \
    "$tmp/mm.out" && [ ! -e "$mm_M/P017" ]; then
	ok
else
	not_ok "memo.sh: verify and a memo forged with its key"
	sed 's/^/  /' "$tmp/mm.out"
fi
mm_list "after verify discarded the memo" 0 "$tmp/mm.fresh"
# A key others can read is not trusted: no memo is read or kept.
chmod 644 "$RATER_DATA/memo.key"
rm -rf "$RATER_DATA/cache"
mm_list "key readable by others" 0 "$tmp/mm.fresh"
if [ ! -e "$mm_M/P017" ]; then ok; else
	not_ok "memo.sh: a memo kept under a key others can read"
fi
chmod 600 "$RATER_DATA/memo.key"
