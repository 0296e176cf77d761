/*
 * test_util.c: the string index (growth, duplicates, lookups by length,
 * misses), xasprintf on both sides of its stack buffer, and hash64.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"

static void	 test_basic(void);
static void	 test_many(void);
static void	 test_format_hash(void);
static void	 test_text(void);
static void	 test_shown(void);

static void
test_basic(void)
{
	struct strindex	 x;
	const char	*a = "scale:title", *b = "item.q1:label";

	memset(&x, 0, sizeof(x));
	CHECK("idx-1.1", strindex_find(&x, "x", 1) == (size_t)-1);
	strindex_init(&x, 0);
	CHECK("idx-1.2", strindex_find(&x, "x", 1) == (size_t)-1);
	CHECK("idx-1.3", strindex_add(&x, a, 7) == 1);
	CHECK("idx-1.4", strindex_add(&x, b, 9) == 1);
	CHECK("idx-1.5", strindex_add(&x, "scale:title", 3) == 0);
	CHECK("idx-1.6", strindex_find(&x, a, strlen(a)) == 7);
	CHECK("idx-1.7", strindex_find(&x, b, strlen(b)) == 9);
	/* By length: a prefix is not the key, nor is a longer string. */
	CHECK("idx-1.8", strindex_find(&x, "scale:titles", 11) == 7);
	CHECK("idx-1.9", strindex_find(&x, "scale:titles", 12) == (size_t)-1);
	CHECK("idx-1.10", strindex_find(&x, "scale", 5) == (size_t)-1);
	CHECK("idx-1.11", strindex_find(&x, "", 0) == (size_t)-1);
	CHECK("idx-1.12", x.n == 2);
	strindex_free(&x);
	CHECK("idx-1.13", x.key == NULL && x.n == 0);
}

static void
test_many(void)
{
	struct strindex	 x;
	char		**keys;
	size_t		 n = 5000, i, bad = 0, pos;
	char		 miss[32];

	keys = calloc(n, sizeof(*keys));
	strindex_init(&x, 4);	/* grows many times */
	for (i = 0; i < n; i++) {
		keys[i] = xasprintf("item.q%zu:%zu", i % 97, i);
		if (strindex_add(&x, keys[i], i) != 1)
			bad++;
	}
	CHECK("idx-2.1", bad == 0);
	CHECK("idx-2.2", x.n == n);
	CHECK("idx-2.3", (x.mask + 1) >= 2 * n);
	for (i = 0, bad = 0; i < n; i++) {
		pos = strindex_find(&x, keys[i], strlen(keys[i]));
		if (pos != i || strcmp(keys[pos], keys[i]) != 0)
			bad++;
	}
	CHECK("idx-2.4", bad == 0);
	for (i = 0, bad = 0; i < n; i++) {
		snprintf(miss, sizeof(miss), "item.q%zu:%zu", i % 97, i + n);
		if (strindex_find(&x, miss, strlen(miss)) != (size_t)-1)
			bad++;
		if (strindex_add(&x, keys[i], n + i) != 0)
			bad++;
	}
	CHECK("idx-2.5", bad == 0);
	CHECK("idx-2.6", strindex_find(&x, keys[42], strlen(keys[42])) == 42);
	strindex_free(&x);
	strv_free(keys, n);
}

static void
test_format_hash(void)
{
	char		 big[400], *p;
	unsigned char	 b[40];
	uint64_t	 h;
	size_t		 i, bad = 0;

	/* xasprintf: a short result and one longer than its stack buffer. */
	p = xasprintf("%s-%d", "ab", 7);
	CHECK_STR("fmt-1.1", p, "ab-7");
	free(p);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	p = xasprintf("<%s>", big);
	CHECK("fmt-1.2", strlen(p) == sizeof(big) + 1 && p[0] == '<' &&
	    p[sizeof(big)] == '>' && strncmp(p + 1, big, sizeof(big) - 1) ==
	    0);
	free(p);

	/* hash64: the same bytes, the same hash; any one byte changed (in
	 * a whole word or in the tail), another; the length counts. */
	memset(b, 0, sizeof(b));
	h = hash64(b, sizeof(b));
	CHECK("hash-1.1", h == hash64(b, sizeof(b)));
	for (i = 0; i < sizeof(b); i++) {
		b[i] = 1;
		if (hash64(b, sizeof(b)) == h)
			bad++;
		b[i] = 0;
	}
	CHECK("hash-1.2", bad == 0);
	CHECK("hash-1.3", hash64(b, 39) != h && hash64(b, 0) != h);
	CHECK("hash-1.4", hash64_more(hash64_more(7, "ab", 2), "c", 1) ==
	    hash64_more(hash64_more(7, "ab", 2), "c", 1) &&
	    hash64_more(7, "abc", 3) != hash64_more(7, "abd", 3));
}

/* The one rule for text fields, and how refused text is shown. */
static void
test_text(void)
{
	static const struct {
		const char	*id, *in, *cause, *esc;
	} t[] = {
		{ "text-1.1", "plain, \xc3\xa9t\xc3\xa9 \xe2\x80\x94 ok", NULL,
		    "plain, \xc3\xa9t\xc3\xa9 \xe2\x80\x94 ok" },
		{ "text-1.2", "a\033]52;c;eA==\007", "a control character "
		    "U+001B at byte 2", "a\\x1b]52;c;eA==\\x07" },
		{ "text-1.3", "tab\there", "a control character U+0009 at "
		    "byte 4", "tab\\there" },
		{ "text-1.4", "nl\n", "a control character U+000A at byte 3",
		    "nl\\n" },
		{ "text-1.5", "del\177", "a control character U+007F at "
		    "byte 4", "del\\x7f" },
		{ "text-1.6", "c1\xc2\x9b" "2J", "a control character U+009B "
		    "at byte 3", "c1\\xc2\\x9b2J" },
		{ "text-1.7", "\xe2\x80\xae" "evil", "a bidirectional control "
		    "character U+202E at byte 1", "\\u{202e}evil" },
		{ "text-1.8", "x\xe2\x81\xa9", "a bidirectional control "
		    "character U+2069 at byte 2", "x\\u{2069}" },
		{ "text-1.9", "x\xe2\x80\xa8", "a separator character U+2028 "
		    "at byte 2", "x\\u{2028}" },
		{ "text-1.10", "bad\xff\xc3", "an invalid UTF-8 byte 0xff at "
		    "byte 4", "bad\\xff\\xc3" },
		{ "text-1.11", "\xe2\x80\xac\xe2\x80\xad", "a bidirectional "
		    "control character U+202C at byte 1",
		    "\\u{202c}\\u{202d}" },
		/* Boundaries: just outside each refused range. */
		{ "text-1.12", "\xc2\xa0\xe2\x80\xa9", "a separator "
		    "character U+2029 at byte 3", "\xc2\xa0\\u{2029}" },
		{ "text-1.13", "\xe2\x80\xaf\xe2\x81\xaa~", NULL,
		    "\xe2\x80\xaf\xe2\x81\xaa~" },
	};
	struct diag	 d;
	struct buf	 b;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cause = NULL;
		CHECK(t[i].id, text_is_safe(t[i].in, &cause) ==
		    (t[i].cause == NULL));
		if (t[i].cause != NULL)
			CHECK_STR(t[i].id, cause, t[i].cause);
		free(cause);
		buf_init(&b);
		text_escape(&b, t[i].in, 0);
		CHECK_STR(t[i].id, b.data != NULL ? b.data : "", t[i].esc);
		buf_free(&b);
	}
	buf_init(&b);
	text_escape(&b, "a\\b\n", TEXT_ESC_BACKSLASH);
	CHECK_STR("text-2.1", b.data, "a\\\\b\\n");
	buf_free(&b);
	/* Messages: what the rule refuses becomes '?', UTF-8 stays. */
	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "f", 1, "'%s'",
	    "\xc3\xa9\033[2J\xe2\x80\xae\xc2\x85\xff.");
	CHECK_STR("text-3.1", d.v[0].msg, "'\xc3\xa9?[2J???.'");
	diag_free(&d);
}

/* Text quoted in messages: UTF-8 whole, controls and bad bytes '?'. */
static void
test_shown(void)
{
	char		 b[64], s[8];
	const char	*m = "M\xc3\xbcller";

	CHECK("shown-1.1", strcmp(str_shown(b, sizeof(b), m, strlen(m), 40),
	    m) == 0);
	CHECK("shown-1.2", strcmp(str_shown(b, sizeof(b), "a\033[2J", 6, 40),
	    "a?[2J") == 0);
	/* C1 (U+009B CSI), a lone continuation byte, an overlong '/', a
	 * truncated sequence, a right-to-left override. */
	CHECK("shown-1.3", strcmp(str_shown(b, sizeof(b), "\xc2\x9bx", 3,
	    40), "?x") == 0);
	CHECK("shown-1.4", strcmp(str_shown(b, sizeof(b), "\x80x", 2, 40),
	    "?x") == 0);
	CHECK("shown-1.5", strcmp(str_shown(b, sizeof(b), "\xc0\xafx", 3,
	    40), "??x") == 0);
	CHECK("shown-1.6", strcmp(str_shown(b, sizeof(b), "x\xe2\x82", 3,
	    40), "x??") == 0);
	CHECK("shown-1.7", strcmp(str_shown(b, sizeof(b), "\xe2\x80\xae"
	    "ab", 5, 40), "?ab") == 0);
	/* Cut by characters, never inside one; len bounds the input. */
	CHECK("shown-1.8", strcmp(str_shown(b, sizeof(b), m, strlen(m), 2),
	    "M\xc3\xbc...") == 0);
	CHECK("shown-1.9", strcmp(str_shown(b, sizeof(b), m, 3, 40),
	    "M\xc3\xbc") == 0);
	/* A full buffer cuts before a character that does not fit. */
	CHECK("shown-1.10", strcmp(str_shown(s, sizeof(s), "\xc3\xbc"
	    "\xc3\xbc\xc3\xbc", 6, 40), "\xc3\xbc\xc3\xbc...") == 0);
	CHECK("shown-1.11", strcmp(str_shown(b, sizeof(b), "", 0, 40), "") ==
	    0);
}

int
main(void)
{
	test_basic();
	test_format_hash();
	test_shown();
	test_many();
	test_text();
	return harness_done("util");
}
