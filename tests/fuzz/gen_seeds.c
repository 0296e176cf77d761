/*
 * gen_seeds.c: writes seed inputs for fuzz_journal and fuzz_session
 * (make fuzz), so that they always carry the fixed scale's current
 * sha256.
 *
 *	gen_seeds WORKDIR JOURNAL_OUTDIR SESSION_OUTDIR
 *
 * Rates a few sessions of the fixed scale (scales/phq9.ini) through the
 * journal API in a data directory under WORKDIR (which the caller
 * removes), then writes each journal to JOURNAL_OUTDIR in the
 * fuzz_journal input form: a mode byte, then the bytes.  Each journal
 * gives three seeds: as written (mode 0), with the checksums taken off
 * for the target to put back (mode 1), and the same with a reopen
 * (mode 3); plus a torn copy.  Each session is then saved with
 * store_save (as `rater record` does) and its file copied to
 * SESSION_OUTDIR.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "journal.h"
#include "store.h"

static void	 die(const char *, const char *)
		    __attribute__((noreturn));
static void	 seed(const char *, const char *, int, const char *, size_t);
static void	 seeds_of(const char *, const char *, const char *);
static void	 save(struct store *, struct session *, const struct scale *,
		    const char *, const char *);
static void	 ans(struct journal *, const char *, enum answer_kind,
		    double, const char *);

static void
die(const char *what, const char *cause)
{
	fprintf(stderr, "gen_seeds: %s: %s\n", what, cause != NULL ?
	    cause : "failed");
	exit(1);
}

static void
seed(const char *outdir, const char *name, int mode, const char *data,
    size_t len)
{
	char	*path, *buf;

	path = xasprintf("%s/%s-m%d", outdir, name, mode);
	buf = xmalloc(len + 1);
	buf[0] = (char)mode;
	memcpy(buf + 1, data, len);
	fuzz_write_file(path, buf, len + 1);
	free(buf);
	free(path);
}

/* The three forms of one journal file, and a torn copy. */
static void
seeds_of(const char *outdir, const char *name, const char *path)
{
	struct buf	 b;
	char		*text;
	const char	*p, *end, *nl;
	size_t		 len;

	if ((text = read_file(path, &len)) == NULL)
		die(path, "cannot read");
	seed(outdir, name, 0, text, len);
	if (len > 7)
		seed(outdir, name, 4, text, len - 7);	/* torn */
	buf_init(&b);
	end = text + len;
	for (p = text; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		/* Drop "TAB crc32". */
		if (nl - p >= 9)
			buf_add(&b, p, (size_t)(nl - p) - 9);
		buf_putc(&b, '\n');
	}
	seed(outdir, name, 1, b.data, b.len);
	seed(outdir, name, 3, b.data, b.len);
	buf_free(&b);
	free(text);
}

static void
ans(struct journal *j, const char *item, enum answer_kind kind, double v,
    const char *text)
{
	struct answer	 a;
	char		*cause = NULL;

	memset(&a, 0, sizeof(a));
	a.kind = kind;
	a.value = v;
	a.text = (char *)(uintptr_t)text;
	if (journal_append_answer(j, item, &a, &cause) == -1)
		die("answer", cause);
}

/* Saves a session and copies its file to outdir. */
static void
save(struct store *st, struct session *s, const struct scale *sc,
    const char *outdir, const char *name)
{
	char	*cause = NULL, *text, *path;
	size_t	 len;

	if (store_save(st, s, sc, s->revision > 1 ? "amend" : "save",
	    &cause) == -1)
		die("save", cause);
	if ((text = read_file(s->path, &len)) == NULL)
		die(s->path, "cannot read");
	path = xasprintf("%s/%s", outdir, name);
	fuzz_write_file(path, text, len);
	free(path);
	free(text);
}

int
main(int argc, char **argv)
{
	const struct scale	*sc;
	struct store		*st;
	struct session		*s, *s2;
	struct journal		*j;
	char			*dir, *cause = NULL, *path;
	static const char *const items[] = {
		"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"
	};
	size_t			 i;

	if (argc != 4) {
		fprintf(stderr, "usage: gen_seeds WORKDIR JOURNAL_OUTDIR "
		    "SESSION_OUTDIR\n");
		return 2;
	}
	sc = fuzz_fixed_scale();
	dir = xasprintf("%s/data", argv[1]);
	if ((st = store_open(dir, &cause)) == NULL)
		die(dir, cause);

	/* 1: every item, a note, positions and metadata, a correction. */
	s = session_new(sc);
	session_set(&s->patient, "P017");
	session_set(&s->rater, "dr x");
	session_set(&s->visit, "baseline");
	if ((j = journal_create(st, s, sc, &cause)) == NULL)
		die("create", cause);
	for (i = 0; i < nitems(items); i++) {
		if (journal_append_position(j, items[i], &cause) == -1)
			die("position", cause);
		ans(j, items[i], ANS_VALUE, (double)(i % 4), NULL);
	}
	ans(j, "q3", ANS_UNK, 0, NULL);
	ans(j, "q5", ANS_REF, 0, NULL);
	ans(j, "q9", ANS_NONE, 0, NULL);
	if (journal_append_note(j, "q9", "asked twice;\tsaid \"no\"\n"
	    "then \\ maybe \xc3\xa9 \x01", &cause) == -1 ||
	    journal_append_meta(j, "visit", "week 4", &cause) == -1 ||
	    journal_append_meta(j, "rater", "", &cause) == -1)
		die("note", cause);
	path = xstrdup(j->path);
	journal_close(j);
	if ((j = journal_open(path, &cause)) == NULL)
		die("open", cause);
	ans(j, "q1", ANS_VALUE, 3, NULL);
	journal_close(j);
	seeds_of(argv[2], "full", path);
	free(path);
	for (i = 0; i < nitems(items); i++) {
		s->answers[i].kind = ANS_VALUE;
		s->answers[i].value = (double)(i % 4);
	}
	s->answers[2].kind = ANS_UNK;
	s->answers[4].kind = ANS_REF;
	session_set_note(s, 8, "asked twice;\tsaid \"no\"\nthen \\ maybe "
	    "\xc3\xa9 \x01");
	session_set(&s->visit, "week 4");
	save(st, s, sc, argv[3], "full");
	session_free(s);

	/* 2: a header and two answers. */
	s = session_new(sc);
	session_set(&s->patient, "A.b-c_9");
	if ((j = journal_create(st, s, sc, &cause)) == NULL)
		die("create", cause);
	ans(j, "q2", ANS_VALUE, 1, NULL);
	ans(j, "q10", ANS_VALUE, 0, NULL);
	seeds_of(argv[2], "short", j->path);
	journal_close(j);
	s->answers[1].kind = ANS_VALUE;
	s->answers[1].value = 1;
	s->answers[9].kind = ANS_VALUE;
	save(st, s, sc, argv[3], "short");
	session_free(s);

	/* 3: a session, then an amendment (revision 2) of it. */
	s = session_new(sc);
	session_set(&s->patient, "P2");
	for (i = 0; i < 9; i++) {
		s->answers[i].kind = ANS_VALUE;
		s->answers[i].value = 1;
	}
	s->answers[9].kind = ANS_UNK;
	session_set_note(s, 3, "was 2");
	save(st, s, sc, argv[3], "first");
	if ((s2 = session_amend(s, "wrong item 4", &cause)) == NULL)
		die("amend", cause);
	if ((j = journal_create(st, s2, sc, &cause)) == NULL)
		die("create", cause);
	if (journal_append_meta(j, "reason", "item 4 misread", &cause) == -1)
		die("meta", cause);
	seeds_of(argv[2], "amend", j->path);
	journal_close(j);
	s2->answers[3].value = 2;
	session_set(&s2->reason, "item 4 misread");
	save(st, s2, sc, argv[3], "amend");
	session_free(s2);
	session_free(s);

	store_close(st);
	free(dir);
	return 0;
}
