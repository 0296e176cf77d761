/*
 * test_util.c: the string index (growth, duplicates, lookups by length,
 * misses) against a plain linear scan of the same table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util.h"

static void	 test_basic(void);
static void	 test_many(void);

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

int
main(void)
{
	test_basic();
	test_many();
	return harness_done("util");
}
