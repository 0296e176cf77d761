/*
 * test_journal.c: the draft journal: every event kind, replay (last
 * event wins), a torn last line at every possible byte, a damaged middle
 * line, reopening after a crash, a failed append (file size limit),
 * listing, discarding to the trash with an audit line, finishing; a
 * journal that is a symbolic link or a FIFO (issue 12).
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_scale.h"
#include "harness.h"
#include "journal.h"
#include "scale.h"
#include "session.h"
#include "store.h"

#define NOW	"2026-11-26T10:15:00+01:00"

static char		 tmp[] = "/tmp/rater-journal-XXXXXX";
static struct scale	*sc;
static struct store	*st;

static void	 setup(void);
static void	 teardown(void);
static void	 put_bytes(const char *, const char *, size_t);
static struct session *fresh(const char *);
static struct journal *rated(const char *);
static void	 answer(struct journal *, size_t, enum answer_kind, double,
		    const char *);
static void	 test_create(void);
static void	 test_replay(void);
static void	 test_torn(void);
static void	 test_damaged(void);
static void	 test_reopen(void);
static void	 test_invalid_value(void);
static void	 test_full(void);
static void	 test_list(void);
static void	 test_discard(void);
static void	 test_amendment(void);
static void	 test_format1(void);
static void	 test_confine(void);

static const char *const nasty = "two\nlines\twith tab \\ and \x01 and "
    "\xff\xfe non-UTF-8 and \xc3\xa9";

static void
setup(void)
{
	char	*path, *cause = NULL;
	FILE	*f;

	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	path = xasprintf("%s/demo.ini", tmp);
	f = fopen(path, "w");
	fputs(DEMO_SCALE, f);
	fclose(f);
	sc = scale_load(path, NULL);
	free(path);
	path = xasprintf("%s/data", tmp);
	st = store_open(path, &cause);
	free(path);
	if (sc == NULL || st == NULL) {
		fprintf(stderr, "setup failed\n");
		exit(1);
	}
	setenv("RATER_NOW", NOW, 1);
	signal(SIGXFSZ, SIG_IGN);
}

static void
teardown(void)
{
	char	*cmd;

	store_close(st);
	scale_free(sc);
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(cmd);
}

static void
put_bytes(const char *path, const char *data, size_t len)
{
	FILE	*f;

	f = fopen(path, "w");
	if (f == NULL || fwrite(data, 1, len, f) != len)
		perror(path);
	if (f != NULL)
		fclose(f);
}

static struct session *
fresh(const char *patient)
{
	struct session	*s;

	s = session_new(sc);
	session_set(&s->patient, patient);
	session_set(&s->rater, "jdoe");
	session_set(&s->visit, "week 4");
	return s;
}

static void
answer(struct journal *j, size_t i, enum answer_kind k, double v,
    const char *text)
{
	struct answer	 a;
	char		*cause = NULL;

	memset(&a, 0, sizeof(a));
	a.kind = k;
	a.value = v;
	a.text = (char *)text;
	if (journal_append_answer(j, sc->items[i].id, &a, &cause) == -1) {
		fprintf(stderr, "append: %s\n", cause);
		free(cause);
	}
}

/* A journal with every kind of event; q1 answered twice, q2 cleared. */
static struct journal *
rated(const char *patient)
{
	struct session	*s;
	struct journal	*j;
	char		*cause = NULL;

	s = fresh(patient);
	j = journal_create(st, s, sc, &cause);
	session_free(s);
	if (j == NULL) {
		fprintf(stderr, "journal_create: %s\n", cause);
		exit(1);
	}
	answer(j, Q1, ANS_VALUE, 1, NULL);
	journal_append_position(j, "q2", &cause);
	answer(j, Q2, ANS_VALUE, 3, NULL);
	answer(j, Q1, ANS_VALUE, 2, NULL);
	answer(j, Q2, ANS_NONE, 0, NULL);
	answer(j, Q3, ANS_UNK, 0, NULL);
	answer(j, Q4, ANS_REF, 0, NULL);
	answer(j, DOSE, ANS_VALUE, 7.5, NULL);
	answer(j, COMMENT, ANS_TEXT, 0, nasty);
	journal_append_note(j, "q3", nasty, &cause);
	journal_append_note(j, "q4", "gone soon", &cause);
	journal_append_note(j, "q4", NULL, &cause);
	journal_append_meta(j, "visit", "week 12", &cause);
	journal_append_position(j, "dose", &cause);
	return j;
}

/*
 * A journal that is a symbolic link to a file outside DATA, with a torn
 * last line: reopening it (a resume) must neither truncate nor append
 * to the target; reading and discarding refuse it too.  A FIFO among
 * the drafts is reported, not waited on (alarm: a hang fails).
 */
static void
test_confine(void)
{
	struct journal	*j;
	struct draft	 dr, *v;
	struct diag	 d;
	struct buf	 b;
	char		*path, *out, *text, *after_text, *cause = NULL, *fifo;
	size_t		 len, after_len, n;

	j = rated("P050");
	path = xstrdup(j->path);
	journal_close(j);
	out = xasprintf("%s/outside.journal", tmp);
	text = read_file(path, &len);
	put_bytes(out, text, len - 7);		/* a torn last line */
	unlink(path);
	CHECK("confine-1.0", symlink(out, path) == 0);
	cause = NULL;
	j = journal_open(path, &cause);
	CHECK("confine-1.1", j == NULL && cause != NULL &&
	    strstr(cause, "it is a symbolic link (not followed inside the "
	    "data directory)") != NULL);
	journal_close(j);
	free(cause);
	cause = NULL;
	diag_init(&d);
	CHECK("confine-1.2", journal_read(path, &dr, &d) == -1 &&
	    d.nerrors == 1);
	diag_free(&d);
	CHECK("confine-1.3", journal_discard(st, path, &cause) == -1);
	free(cause);
	cause = NULL;
	after_text = read_file(out, &after_len);
	CHECK("confine-1.4", after_text != NULL && after_len == len - 7 &&
	    memcmp(after_text, text, len - 7) == 0);
	free(after_text);
	free(text);
	unlink(path);
	free(out);
	free(path);

	fifo = xasprintf("%s/drafts/fifo.journal", st->dir);
	CHECK("confine-2.0", mkfifo(fifo, 0600) == 0);
	alarm(20);
	diag_init(&d);
	buf_init(&b);
	CHECK("confine-2.1", journal_list(st, &v, &n, &d, &cause) == 0 &&
	    n == 0);
	alarm(0);
	diag_format(&d, &b);
	text = xasprintf("%s: error: cannot read: it is not a regular "
	    "file\n", fifo);
	CHECK_STR("confine-2.2", b.data, text);
	free(text);
	buf_free(&b);
	diag_free(&d);
	journal_list_free(v, n);
	unlink(fifo);
	free(fifo);
}

static void
test_create(void)
{
	struct journal	*j;
	struct session	*s;
	struct stat	 sb;
	char		*cause = NULL, *want, *text, *hdr, *archived;

	j = rated("P017");
	want = xasprintf("%s/drafts/20261126T101500-demo-P017-1.journal",
	    st->dir);
	CHECK_STR("create-1.1", j->path, want);
	CHECK_STR("create-1.2", j->id, "20261126T101500-demo-P017-1");
	CHECK("create-1.3", stat(want, &sb) == 0 &&
	    (sb.st_mode & 07777) == 0600 && sb.st_size == j->size);
	text = read_file(want, NULL);
	hdr = xasprintf("rater-journal\t1\tscale=demo\tscale_version=2\t"
	    "scale_sha256=%s\tscale_title=Demo scale\tscale_path=%s\t"
	    "patient=P017\trater=jdoe\tvisit=week 4\tstarted=" NOW "\t",
	    sc->sha256, sc->path);
	CHECK("create-1.4", strncmp(text, hdr, strlen(hdr)) == 0);
	CHECK("create-1.5", strstr(text, "\nanswer\t" NOW "\tq1\t2\t") !=
	    NULL && strstr(text, "\nanswer\t" NOW "\tq2\t\t") != NULL &&
	    strstr(text, "\nanswer\t" NOW "\tcomment\t\"two\\nlines\\twith "
	    "tab \\\\ and \\x01 and \xff\xfe non-UTF-8 and \xc3\xa9\"\t") !=
	    NULL);
	CHECK("create-1.6", strstr(text, "\nmeta\t" NOW "\tvisit\tweek 12\t")
	    != NULL && strstr(text, "\nposition\t" NOW "\tdose\t") != NULL);
	free(hdr);
	free(text);
	/* The scale is archived when the draft starts. */
	archived = store_scale_path(st, "demo", sc->sha256);
	CHECK("create-1.7", access(archived, F_OK) == 0);
	free(archived);
	/* A second draft in the same second gets -2. */
	s = fresh("P017");
	journal_close(j);
	j = journal_create(st, s, sc, &cause);
	CHECK("create-1.8", j != NULL && strcmp(j->id,
	    "20261126T101500-demo-P017-2") == 0);
	unlink(j->path);
	journal_close(j);
	/* Bad input. */
	CHECK("create-2.1", journal_append_answer(NULL, "Q1", NULL, &cause) ==
	    -1);
	CHECK_STR("create-2.2", cause, "cannot record: 'Q1' is not an item "
	    "id");
	free(cause);
	cause = NULL;
	session_set(&s->patient, "a/b");
	CHECK("create-2.3", journal_create(st, s, sc, &cause) == NULL);
	CHECK_STR("create-2.4", cause, "cannot start a draft: patient id "
	    "'a/b' may contain only letters, digits, '.', '-' and '_'");
	free(cause);
	session_free(s);
	unlink(want);
	free(want);
}

static void
test_replay(void)
{
	struct journal	*j;
	struct session	*s;
	struct draft	 dr;
	struct diag	 d;

	j = rated("P020");
	diag_init(&d);
	CHECK("replay-1.1", journal_read(j->path, &dr, &d) == 0 && d.n == 0);
	CHECK("replay-1.2", dr.nevents == 14 && dr.nbad == 0 &&
	    dr.nanswered == 5);
	CHECK_STR("replay-1.3", dr.updated, NOW);
	CHECK_STR("replay-1.4", dr.scale_path, sc->path);
	CHECK_STR("replay-1.5", dr.session->patient, "P020");
	CHECK_STR("replay-1.6", dr.session->visit, "week 12");
	CHECK_STR("replay-1.7", dr.session->rater, "jdoe");
	CHECK_STR("replay-1.8", dr.session->position, "dose");
	CHECK_STR("replay-1.9", dr.session->scale_sha256, sc->sha256);
	CHECK("replay-1.10", !dr.session->bound && dr.session->partial);
	draft_clear(&dr);

	s = journal_replay(j->path, sc, &d);
	CHECK("replay-2.1", s != NULL && s->bound && d.n == 0);
	CHECK("replay-2.2", s->answers[Q1].kind == ANS_VALUE &&
	    s->answers[Q1].value == 2);
	CHECK("replay-2.3", s->answers[Q2].kind == ANS_NONE);
	CHECK("replay-2.4", s->answers[Q3].kind == ANS_UNK &&
	    s->answers[Q4].kind == ANS_REF);
	CHECK("replay-2.5", s->answers[DOSE].kind == ANS_VALUE &&
	    s->answers[DOSE].value == 7.5);
	CHECK("replay-2.6", s->answers[COMMENT].kind == ANS_TEXT &&
	    strcmp(s->answers[COMMENT].text, nasty) == 0);
	CHECK("replay-2.7", s->notes[Q3] != NULL &&
	    strcmp(s->notes[Q3], nasty) == 0 && s->notes[Q4] == NULL);
	CHECK("replay-2.8", !session_is_complete(s, sc));
	session_free(s);
	diag_free(&d);
	unlink(j->path);
	journal_close(j);
}

/* Cut the journal at every byte: earlier answers always survive, only
 * a warning is given, never an error. */
static void
test_torn(void)
{
	struct journal	*j;
	struct session	*s;
	struct diag	 d;
	struct buf	 b;
	char		*text, *path, *want;
	size_t		 len, cut, nl, first;
	int		 ok_warn = 1, ok_ans = 1, ok_head = 1;

	j = rated("P021");
	text = read_file(j->path, &len);
	path = xasprintf("%s/cut.journal", tmp);
	first = (size_t)(strchr(text, '\n') - text) + 1;
	for (cut = 0; cut <= len; cut++) {
		put_bytes(path, text, cut);
		diag_init(&d);
		s = journal_replay(path, sc, &d);
		if (cut < first) {
			if (s != NULL || d.nerrors == 0)
				ok_head = 0;
		} else {
			/* Whole lines before the cut all count. */
			for (nl = cut; nl > 0 && text[nl - 1] != '\n'; nl--)
				;
			if (s == NULL || d.nerrors != 0 ||
			    d.nwarnings != (nl == cut ? 0u : 1u))
				ok_warn = 0;
			if (s != NULL && nl > (size_t)(strstr(text,
			    "\tq1\t2\t") - text) &&
			    (s->answers[Q1].kind != ANS_VALUE ||
			    s->answers[Q1].value != 2))
				ok_ans = 0;
		}
		session_free(s);
		diag_free(&d);
	}
	CHECK("torn-1.1", ok_head);
	CHECK("torn-1.2", ok_warn);
	CHECK("torn-1.3", ok_ans);

	/* The message names the line. */
	put_bytes(path, text, len - 5);
	diag_init(&d);
	buf_init(&b);
	s = journal_replay(path, sc, &d);
	diag_format(&d, &b);
	want = xasprintf("%s:15: warning: incomplete last line ignored (an "
	    "interrupted write)\n", path);
	CHECK_STR("torn-1.4", b.data, want);
	CHECK("torn-1.5", s != NULL && s->answers[DOSE].value == 7.5 &&
	    strcmp(s->visit, "week 12") == 0 && s->position != NULL &&
	    strcmp(s->position, "q2") == 0);
	free(want);
	session_free(s);
	diag_free(&d);
	buf_free(&b);
	free(path);
	free(text);
	unlink(j->path);
	journal_close(j);
}

static void
test_damaged(void)
{
	struct journal	*j;
	struct session	*s;
	struct draft	 dr;
	struct diag	 d;
	struct buf	 b;
	char		*text, *p, *want;
	size_t		 len;

	j = rated("P022");
	text = read_file(j->path, &len);
	/* Line 5 is "answer ... q1 2": flip its answer to 3. */
	p = strstr(text, "\tq1\t2\t");
	p[4] = '3';
	put_bytes(j->path, text, len);
	diag_init(&d);
	buf_init(&b);
	CHECK("dmg-1.1", journal_read(j->path, &dr, &d) == 0 && dr.nbad == 1);
	diag_format(&d, &b);
	want = xasprintf("%s:5: error: damaged line skipped (checksum "
	    "mismatch)\n", j->path);
	CHECK_STR("dmg-1.2", b.data, want);
	free(want);
	draft_clear(&dr);
	diag_free(&d);
	/* The earlier answer to q1 stands; the rest is there. */
	s = journal_replay(j->path, sc, NULL);
	CHECK("dmg-1.3", s != NULL && s->answers[Q1].value == 1 &&
	    s->answers[DOSE].value == 7.5 && s->answers[Q3].kind == ANS_UNK);
	session_free(s);

	/* A damaged last line (whole, bad checksum) is a torn write. */
	p[4] = '2';
	text[len - 3] = text[len - 3] == '0' ? '1' : '0';
	put_bytes(j->path, text, len);
	diag_init(&d);
	buf_reset(&b);
	s = journal_replay(j->path, sc, &d);
	diag_format(&d, &b);
	want = xasprintf("%s:15: warning: damaged last line ignored (an "
	    "interrupted write)\n", j->path);
	CHECK_STR("dmg-1.4", b.data, want);
	CHECK("dmg-1.5", s != NULL && s->answers[Q1].value == 2);
	free(want);
	session_free(s);
	diag_free(&d);

	/* A damaged header makes the draft unreadable. */
	text[3] = 'X';
	put_bytes(j->path, text, len);
	diag_init(&d);
	buf_reset(&b);
	CHECK("dmg-2.1", journal_replay(j->path, sc, &d) == NULL);
	diag_format(&d, &b);
	want = xasprintf("%s:1: error: the journal header is damaged\n",
	    j->path);
	CHECK_STR("dmg-2.2", b.data, want);
	free(want);
	diag_free(&d);
	buf_free(&b);
	free(text);
	unlink(j->path);
	journal_close(j);
}

/*
 * A line with a good checksum but a value its scale refuses (or an
 * item it does not have) is skipped with a warning, and the rest of the
 * draft used (rater-session(5)); the answer before it stands.
 */
static void
test_invalid_value(void)
{
	struct journal	*j;
	struct session	*s;
	struct draft	 dr;
	struct diag	 d;
	struct buf	 b;
	char		*want, *cause = NULL;

	j = rated("P023");
	answer(j, Q2, ANS_VALUE, 1, NULL);
	answer(j, Q1, ANS_VALUE, 7, NULL);		/* line 17: not 0-3 */
	answer(j, DOSE, ANS_VALUE, 2.5, NULL);
	journal_append_note(j, "zz", "stray", &cause);	/* line 19 */
	journal_append_answer(j, "q9", &(struct answer){ ANS_VALUE, 1,
	    NULL }, &cause);				/* line 20 */
	/* Unbound, nothing is wrong: the lines are well formed. */
	diag_init(&d);
	CHECK("inv-1.1", journal_read(j->path, &dr, &d) == 0 &&
	    dr.nbad == 0 && d.n == 0);
	draft_clear(&dr);
	diag_free(&d);
	/* Bound to its scale: three lines skipped, three warnings. */
	diag_init(&d);
	buf_init(&b);
	s = journal_replay(j->path, sc, &d);
	CHECK("inv-1.2", s != NULL);
	diag_format(&d, &b);
	want = xasprintf("%s:17: warning: q1: 7 is not one of 0 1 2 3: "
	    "line skipped\n"
	    "%s:19: warning: note for an item not in scale demo ('zz'): "
	    "line skipped\n"
	    "%s:20: warning: answer for an item not in scale demo ('q9'): "
	    "line skipped\n", j->path, j->path, j->path);
	CHECK_STR("inv-1.3", b.data, want);
	free(want);
	CHECK("inv-1.4", d.nerrors == 0 && d.nwarnings == 3);
	/* The rest is used: q1 keeps its earlier answer, later lines
	 * apply. */
	CHECK("inv-1.5", s != NULL && s->answers[Q1].kind == ANS_VALUE &&
	    s->answers[Q1].value == 2 && s->answers[Q2].value == 1 &&
	    s->answers[DOSE].value == 2.5 &&
	    s->answers[Q3].kind == ANS_UNK);
	session_free(s);
	buf_free(&b);
	diag_free(&d);
	unlink(j->path);
	journal_close(j);
}

/* After a crash mid-write: reopen cuts the torn tail and goes on. */
static void
test_reopen(void)
{
	struct journal	*j;
	struct session	*s;
	struct diag	 d;
	char		*text, *path, *cause = NULL;
	size_t		 len;

	j = rated("P023");
	path = xstrdup(j->path);
	journal_close(j);
	text = read_file(path, &len);
	put_bytes(path, text, len - 7);
	free(text);
	j = journal_open(path, &cause);
	CHECK("reopen-1.1", j != NULL);
	answer(j, Q2, ANS_VALUE, 1, NULL);
	journal_close(j);
	diag_init(&d);
	s = journal_replay(path, sc, &d);
	CHECK("reopen-1.2", s != NULL && d.n == 0);
	CHECK("reopen-1.3", s->answers[Q2].kind == ANS_VALUE &&
	    s->answers[Q2].value == 1 && s->answers[Q1].value == 2);
	text = read_file(path, &len);
	CHECK("reopen-1.4", strstr(text, "\nposition\t" NOW "\tq2\t") !=
	    NULL &&
	    strstr(text, "\nposition\t" NOW "\tdose\t") == NULL &&
	    strstr(text, "\nmeta\t" NOW "\tvisit\tweek 12\t") != NULL &&
	    strstr(text, "\nresume\t" NOW "\t") != NULL);
	free(text);
	session_free(s);
	diag_free(&d);
	/* Not a journal. */
	put_bytes(path, "hello\n", 6);
	CHECK("reopen-2.1", journal_open(path, &cause) == NULL);
	text = xasprintf("cannot open draft %s: no journal header", path);
	CHECK_STR("reopen-2.2", cause, text);
	free(text);
	free(cause);
	unlink(path);
	free(path);
}

/* A full disk: the append fails, says why, leaves the file whole. */
static void
test_full(void)
{
	struct journal	*j;
	struct session	*s;
	struct rlimit	 old, lim;
	struct stat	 sb;
	struct diag	 d;
	struct answer	 a;
	char		*cause = NULL, *want;
	int		 rc;

	j = rated("P024");
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = (rlim_t)j->size + 20;	/* half a line fits */
	setrlimit(RLIMIT_FSIZE, &lim);
	memset(&a, 0, sizeof(a));
	a.kind = ANS_VALUE;
	a.value = 3;
	rc = journal_append_answer(j, "q3", &a, &cause);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK("full-1.1", rc == -1);
	want = xasprintf("cannot record the answer: File too large (writing "
	    "%s)", j->path);
	CHECK_STR("full-1.2", cause, want);
	free(want);
	free(cause);
	cause = NULL;
	CHECK("full-1.3", stat(j->path, &sb) == 0 && sb.st_size == j->size);
	/* Room again: the answer goes in, the journal reads cleanly. */
	CHECK("full-1.4", journal_append_answer(j, "q3", &a, &cause) == 0);
	diag_init(&d);
	s = journal_replay(j->path, sc, &d);
	CHECK("full-1.5", s != NULL && d.n == 0 &&
	    s->answers[Q3].kind == ANS_VALUE && s->answers[Q3].value == 3);
	session_free(s);
	diag_free(&d);
	unlink(j->path);
	journal_close(j);
}

static void
test_list(void)
{
	struct journal	*j1, *j2;
	struct draft	*v;
	struct diag	 d;
	struct buf	 b;
	char		*cause = NULL, *junk, *want;
	size_t		 n, i;
	int		 seen = 0;

	j1 = rated("P030");
	j2 = rated("P031");
	answer(j2, Q2, ANS_VALUE, 1, NULL);
	junk = xasprintf("%s/drafts/junk.journal", st->dir);
	put_bytes(junk, "junk\n", 5);
	diag_init(&d);
	buf_init(&b);
	CHECK("list-1.1", journal_list(st, &v, &n, &d, &cause) == 0 && n == 2);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].session->patient, "P030") == 0 &&
		    v[i].nanswered == 5 && strcmp(v[i].id, j1->id) == 0)
			seen |= 1;
		if (strcmp(v[i].session->patient, "P031") == 0 &&
		    v[i].nanswered == 6 && strcmp(v[i].path, j2->path) == 0 &&
		    strcmp(v[i].session->scale_id, "demo") == 0)
			seen |= 2;
	}
	CHECK("list-1.2", seen == 3);
	diag_format(&d, &b);
	want = xasprintf("%s:1: error: the journal header is damaged\n", junk);
	CHECK_STR("list-1.3", b.data, want);
	free(want);
	journal_list_free(v, n);
	diag_free(&d);
	buf_free(&b);
	unlink(junk);
	free(junk);

	/* Finish one: it is gone. */
	CHECK("list-2.1", journal_finish(st, j1->path, &cause) == 0 &&
	    access(j1->path, F_OK) == -1);
	CHECK("list-2.2", journal_finish(st, j1->path, &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK("list-2.3", journal_list(st, &v, &n, NULL, &cause) == 0 &&
	    n == 1);
	journal_list_free(v, n);
	unlink(j2->path);
	journal_close(j1);
	journal_close(j2);
}

static void
test_discard(void)
{
	struct journal	*j;
	struct diag	 d;
	char		*cause = NULL, *trashed, *text, *log;
	size_t		 n;
	struct draft	*v;

	j = rated("P040");
	CHECK("discard-1.1", journal_discard(st, j->path, &cause) == 0);
	CHECK("discard-1.2", access(j->path, F_OK) == -1);
	trashed = xasprintf("%s/trash/%s.journal", st->dir, j->id);
	CHECK("discard-1.3", access(trashed, F_OK) == 0);
	log = xasprintf("%s/audit.log", st->dir);
	text = read_file(log, NULL);
	CHECK("discard-1.4", text != NULL && strstr(text, "\tdiscard\ttrash/"
	    "20261126T101500-demo-P040-1.journal\t") != NULL);
	free(text);
	diag_init(&d);
	CHECK("discard-1.5", store_audit_verify(st, &d) == 0 && d.n == 0);
	diag_free(&d);
	CHECK("discard-1.6", journal_list(st, &v, &n, NULL, &cause) == 0 &&
	    n == 0);
	journal_list_free(v, n);
	/* Changing the trashed draft shows in the audit check. */
	put_bytes(trashed, "x", 1);
	diag_init(&d);
	CHECK("discard-1.7", store_audit_verify(st, &d) == 1);
	diag_free(&d);
	CHECK("discard-1.8", journal_discard(st, j->path, &cause) == -1);
	free(cause);
	free(trashed);
	free(log);
	journal_close(j);
}

static void
test_amendment(void)
{
	struct session	*s, *old, *a, *r;
	struct journal	*j;
	struct answer	 ans;
	char		*cause = NULL;

	old = fresh("P050");
	memset(&ans, 0, sizeof(ans));
	ans.kind = ANS_VALUE;
	ans.value = 1;
	session_set_answer(old, Q1, &ans);
	session_set_answer(old, Q2, &ans);
	session_set_note(old, Q2, "hesitant");
	CHECK("amdraft-1.1", store_save(st, old, sc, "save", &cause) == 0);
	a = session_amend(old, "q2 was misheard", &cause);
	session_set(&a->amended_by, "asmith");
	j = journal_create(st, a, sc, &cause);
	CHECK("amdraft-1.2", j != NULL);
	ans.value = 3;
	session_set_answer(a, Q2, &ans);
	CHECK("amdraft-1.3", journal_append_answer(j, "q2", &ans, &cause) ==
	    0);
	s = journal_replay(j->path, sc, NULL);
	CHECK("amdraft-1.4", s != NULL && s->revision == 2 &&
	    strcmp(s->replaces, old->id) == 0 &&
	    strcmp(s->reason, "q2 was misheard") == 0 &&
	    s->amended_by != NULL && strcmp(s->amended_by, "asmith") == 0);
	CHECK("amdraft-1.5", s->answers[Q1].value == 1 &&
	    s->answers[Q2].value == 3 && strcmp(s->notes[Q2], "hesitant") ==
	    0);
	/* The replayed draft saves as the amendment. */
	CHECK("amdraft-1.6", store_save(st, s, sc, "amend", &cause) == 0 &&
	    strcmp(s->id, "P050/20261126T101500-demo-1.r2") == 0);
	CHECK("amdraft-1.7", journal_finish(st, j->path, &cause) == 0);
	r = store_read(st, s->id, NULL);
	CHECK("amdraft-1.8", r != NULL && r->revision == 2 &&
	    r->amended_by != NULL && strcmp(r->amended_by, "asmith") == 0);
	session_free(r);
	session_free(s);
	session_free(a);
	session_free(old);
	journal_close(j);
}

/* A draft journal written by the rater of session format 1 (kept in
 * tests/cli/data/format1, made by its mk.sh) still reads and replays
 * against its archived scale.  Run from the top of the source tree. */
#define F1_DATA	"tests/cli/data/format1/DATA"
#define F1_SHA	"f219afe28dee9c03a37ad7b31e0070c0c5" \
		"6e7286a81c9cce7e2beedec84d21f1"
static void
test_format1(void)
{
	const char	*path = F1_DATA
			    "/drafts/20261129T090000-phq9-P017-1.journal";
	struct scale	*phq9;
	struct session	*s;
	struct draft	 dr;
	struct diag	 d;

	diag_init(&d);
	phq9 = scale_load(F1_DATA "/scales/" F1_SHA "/phq9.ini", &d);
	CHECK("f1-1.1", phq9 != NULL && d.n == 0);
	if (phq9 == NULL)
		return;
	CHECK("f1-1.2", journal_read(path, &dr, &d) == 0 && d.n == 0);
	CHECK("f1-1.3", dr.nevents == 2 && dr.nbad == 0 &&
	    dr.nanswered == 2);
	CHECK_STR("f1-1.4", dr.session->patient, "P017");
	CHECK_STR("f1-1.5", dr.session->visit, "week 8");
	CHECK_STR("f1-1.6", dr.session->started,
	    "2026-11-29T09:00:00+00:00");
	CHECK_STR("f1-1.7", dr.session->scale_sha256, F1_SHA);
	draft_clear(&dr);
	s = journal_replay(path, phq9, &d);
	CHECK("f1-2.1", s != NULL && s->bound && d.n == 0);
	if (s != NULL) {
		CHECK("f1-2.2", s->answers[0].kind == ANS_VALUE &&
		    s->answers[0].value == 2 &&
		    s->answers[1].kind == ANS_VALUE &&
		    s->answers[1].value == 1 &&
		    s->answers[2].kind == ANS_NONE);
		CHECK_STR("f1-2.3", s->started,
		    "2026-11-29T09:00:00+00:00");
		CHECK("f1-2.4", s->revision == 1 && s->replaces == NULL);
		/* No assessed field then: the assessment is the start. */
		CHECK_STR("f1-2.5", s->assessed,
		    "2026-11-29T09:00:00+00:00");
	}
	session_free(s);
	diag_free(&d);
	scale_free(phq9);
}

int
main(void)
{
	setup();
	/* The CRC-32 check value of "123456789" (IEEE 802.3). */
	CHECK("crc-1.1", journal_crc32("123456789", 9) == 0xcbf43926u);
	CHECK("crc-1.2", journal_crc32("", 0) == 0);
	test_create();
	test_replay();
	test_torn();
	test_damaged();
	test_invalid_value();
	test_reopen();
	test_full();
	test_list();
	test_discard();
	test_amendment();
	test_format1();
	test_confine();
	teardown();
	return harness_done("journal");
}
