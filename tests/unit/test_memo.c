/*
 * test_memo.c: the list memo round trip: put, save, open, get; empty
 * fields; a replaced entry; the size and hash of the file as the key;
 * another build; a line altered, a line cut, a repeated id; a memo
 * that cannot be written.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "memo.h"

static char	 dir[] = "/tmp/rater-test-memo-XXXXXX";

/* A session as if read from a file holding these bytes. */
static struct session *
fake(const char *id, const char *bytes)
{
	struct session	*s;

	s = session_alloc();
	s->id = xstrdup(id);
	s->size = strlen(bytes);
	s->digest = hash64(bytes, strlen(bytes));
	return s;
}

static char *
slurp(const char *path)
{
	size_t	 len;

	return read_file(path, &len);
}

static void
spit(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void
test_round_trip(void)
{
	struct memo	*m;
	struct session	*a, *b, *c, *a2;
	char		*path, *text, *p;

	a = fake("P1/20260101T000000-phq9-1", "answers of a");
	b = fake("P1/20260102T000000-phq9-1", "answers of b");
	c = fake("P1/20260103T000000-cgi-1", "answers of c");
	a2 = fake("P1/20260101T000000-phq9-1", "answers of A");

	m = memo_open(dir, "P1", "build1");
	CHECK("memo-1.1", memo_get(m, a) == NULL);
	memo_put(m, a, "total=3\ttotal.band=Minimal");
	memo_put(m, b, "");
	memo_put(m, c, "total=1");
	memo_put(m, c, "total=2");		/* replaces */
	CHECK_STR("memo-1.2", memo_get(m, a), "total=3\ttotal.band=Minimal");
	CHECK("memo-1.3", memo_save(m, 1) == 0);
	memo_close(m);

	path = xasprintf("%s/cache/list/P1", dir);
	text = slurp(path);
	CHECK("memo-1.4", text != NULL &&
	    strncmp(text, "rater list memo 2 build1 ", 25) == 0);
	m = memo_open(dir, "P1", "build1");
	CHECK_STR("memo-2.1", memo_get(m, a), "total=3\ttotal.band=Minimal");
	CHECK_STR("memo-2.2", memo_get(m, b), "");
	CHECK_STR("memo-2.3", memo_get(m, c), "total=2");
	/* Same id, same length, other bytes: not used. */
	CHECK("memo-2.4", memo_get(m, a2) == NULL);
	memo_close(m);

	/* Another build: nothing is used. */
	m = memo_open(dir, "P1", "build2");
	CHECK("memo-3.1", memo_get(m, a) == NULL && memo_get(m, c) == NULL);
	memo_close(m);

	/* One line altered: that line alone is dropped. */
	p = strstr(text, "total=2");
	CHECK("memo-4.1", p != NULL);
	if (p != NULL)
		p[6] = '7';
	spit(path, text);
	m = memo_open(dir, "P1", "build1");
	CHECK("memo-4.4", memo_nbad(m) == 1);
	CHECK("memo-4.2", memo_get(m, c) == NULL);
	CHECK_STR("memo-4.3", memo_get(m, a), "total=3\ttotal.band=Minimal");
	memo_close(m);

	/* Cut in the middle of its last line: that line is dropped. */
	text[strlen(text) - 5] = '\0';
	spit(path, text);
	m = memo_open(dir, "P1", "build1");
	CHECK_STR("memo-5.1", memo_get(m, a), "total=3\ttotal.band=Minimal");
	CHECK("memo-5.2", memo_get(m, c) == NULL);
	/* complete: entries not looked up (b) are dropped on save. */
	CHECK("memo-5.3", memo_save(m, 1) == 0);
	memo_close(m);
	m = memo_open(dir, "P1", "build1");
	CHECK("memo-5.4", memo_get(m, b) == NULL);
	CHECK_STR("memo-5.5", memo_get(m, a), "total=3\ttotal.band=Minimal");
	memo_close(m);
	free(text);

	/* The key: 32 bytes, 0600.  Readable by others, it is not
	 * trusted: nothing is read (verify has nothing to check). */
	{
		struct stat	 sb;
		char		*key = xasprintf("%s/memo.key", dir);

		CHECK("memo-8.1", stat(key, &sb) == 0 && sb.st_size == 32 &&
		    (sb.st_mode & 0777) == 0600);
		m = memo_open_existing(dir, "P1", "build1");
		CHECK_STR("memo-8.2", m != NULL ? memo_get(m, a) : NULL,
		    "total=3\ttotal.band=Minimal");
		memo_close(m);
		chmod(key, 0644);
		m = memo_open(dir, "P1", "build1");
		CHECK("memo-8.3", memo_get(m, a) == NULL);
		memo_close(m);
		CHECK("memo-8.4", memo_open_existing(dir, "P1", "build1") ==
		    NULL);
		chmod(key, 0600);
		/* Discarded: the file is gone. */
		m = memo_open_existing(dir, "P1", "build1");
		CHECK("memo-8.5", m != NULL && memo_discard(m) == 0 &&
		    access(path, F_OK) == -1);
		memo_close(m);
		CHECK("memo-8.6", memo_open_existing(dir, "P1", "build1") ==
		    NULL);
		free(key);
	}

	/* Fields with a newline are not kept. */
	m = memo_open(dir, "P1", "build1");
	memo_put(m, b, "total=1\nx");
	CHECK("memo-6.1", memo_get(m, b) == NULL);
	memo_close(m);

	/* The cache directory cannot be made: -1, nothing else. */
	free(path);
	path = xasprintf("%s/blocked", dir);
	spit(path, "a file\n");
	m = memo_open(path, "P1", "build1");
	memo_put(m, a, "total=3");
	CHECK("memo-7.1", memo_save(m, 0) == -1);
	memo_close(m);
	unlink(path);
	free(path);

	session_free(a);
	session_free(b);
	session_free(c);
	session_free(a2);
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_round_trip();
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
	return harness_done("memo");
}
