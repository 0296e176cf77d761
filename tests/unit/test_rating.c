/*
 * test_rating.c: a rating in progress without a terminal: answers,
 * typed values, missing codes, notes, show-if skipping, navigation, the
 * journal written before the state moves, journal failures kept in
 * memory, a crash and its resumption, saving, a failed save that keeps
 * the draft, leaving, dry runs, amendments (reason required, a new
 * revision, the old file untouched, no fork, resumed after a crash);
 * a draft's scale_path read only inside a scale directory (issue 12).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_scale.h"
#include "harness.h"
#include "journal.h"
#include "rating.h"
#include "scale.h"
#include "session.h"
#include "store.h"

#define NOW	"2026-11-26T10:15:00+01:00"

/* Half points and a two-digit value, for the typed-value rules. */
#define HALF_SCALE							\
	"[scale]\nid = half\ntitle = \"Half: points\"\nversion = 1\n"	\
	"citation = none\nstatus = provisional\n"			\
	"status_note = \"test\"\n"					\
	"[item.a]\ntext = A\n0 = zero\n0.5 = half\n1 = one\n"		\
	"1.5 = one and a half\n2 = two\n10 = ten\n"			\
	"[score.total]\nlabel = Total\nformula = a\nmin = 0\nmax = 10\n"

static char		 tmp[] = "/tmp/rater-rating-XXXXXX";
static char		*data;
static struct scale	*sc, *half;
static struct store	*st;

static void	 setup(void);
static void	 teardown(void);
static int	 count_dir(const char *);
static char	*slurp(const char *);
static char	*only_file(const char *);
static void	 test_new(void);
static void	 test_typed(void);
static void	 test_walk(void);
static void	 test_journal_failure(void);
static void	 test_resume(void);
static void	 test_save(void);
static void	 test_leave(void);
static void	 test_dry_run(void);
static void	 test_helpers(void);
static void	 test_amend(void);
static void	 test_unskip(void);
static void	 test_scale_path(void);
static struct session *read_bound(const char *);

static void
put(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static void
setup(void)
{
	char		*p, *cause = NULL;
	struct diag	 d;

	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	setenv("RATER_NOW", NOW, 1);
	p = xasprintf("%s/demo.ini", tmp);
	put(p, DEMO_SCALE);
	diag_init(&d);
	sc = scale_load(p, &d);
	free(p);
	p = xasprintf("%s/half.ini", tmp);
	put(p, HALF_SCALE);
	half = scale_load(p, &d);
	free(p);
	if (sc == NULL || half == NULL) {
		struct buf b;

		buf_init(&b);
		diag_format(&d, &b);
		fprintf(stderr, "%s", b.data);
		exit(1);
	}
	diag_free(&d);
	data = xasprintf("%s/data", tmp);
	if ((st = store_open(data, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		exit(1);
	}
}

static void
teardown(void)
{
	char	*cmd;

	store_close(st);
	scale_free(sc);
	scale_free(half);
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(cmd);
	free(data);
}

/* Entries in DATA/sub, less dot files. */
static int
count_dir(const char *sub)
{
	DIR		*dir;
	struct dirent	*de;
	char		*p;
	int		 n = 0;

	p = xasprintf("%s/%s", data, sub);
	if ((dir = opendir(p)) != NULL) {
		while ((de = readdir(dir)) != NULL)
			if (de->d_name[0] != '.')
				n++;
		closedir(dir);
	}
	free(p);
	return n;
}

/* The path of the single entry in DATA/sub (caller frees), or NULL. */
static char *
only_file(const char *sub)
{
	DIR		*dir;
	struct dirent	*de;
	char		*p, *res = NULL;

	p = xasprintf("%s/%s", data, sub);
	if ((dir = opendir(p)) != NULL) {
		while ((de = readdir(dir)) != NULL)
			if (de->d_name[0] != '.' && res == NULL)
				res = xasprintf("%s/%s", p, de->d_name);
		closedir(dir);
	}
	free(p);
	return res;
}

static char *
slurp(const char *path)
{
	size_t	 len;
	char	*s;

	if (path == NULL || (s = read_file(path, &len)) == NULL)
		return xstrdup("");
	return s;
}

static void
test_new(void)
{
	struct rating	*r;
	char		*cause = NULL;

	r = rating_new(st, sc, "../etc", "jdoe", "baseline", NULL, &cause);
	CHECK("new-1.1", r == NULL);
	CHECK("new-1.2", cause != NULL && strstr(cause, "patient id") != NULL);
	CHECK("new-1.3", count_dir("drafts") == 0 &&
	    count_dir("sessions") == 0);
	free(cause);
	cause = NULL;
	r = rating_new(st, sc, "P\x1b[2J", NULL, NULL, NULL, &cause);
	CHECK("new-1.4", r == NULL && cause != NULL &&
	    strchr(cause, '\x1b') == NULL);
	free(cause);
	cause = NULL;
	r = rating_new(st, sc, NULL, NULL, NULL, NULL, &cause);
	CHECK("new-1.5", r == NULL && cause != NULL);
	free(cause);
	cause = NULL;

	r = rating_new(st, sc, "P1", "jdoe", "baseline", NULL, &cause);
	CHECK("new-2.1", r != NULL && cause == NULL);
	CHECK("new-2.2", r->cur == 0 && rating_item(r) == &sc->items[0]);
	/* The journal waits for rating_begin or the first event. */
	CHECK("new-2.3", count_dir("drafts") == 0);
	CHECK("new-2.4", rating_begin(r, &cause) == 0 &&
	    count_dir("drafts") == 1);
	CHECK_STR("new-2.5", r->session->rater, "jdoe");
	CHECK_STR("new-2.6", r->session->visit, "baseline");
	CHECK("new-2.7", rating_nmissing(r) == 5);
	/* Nothing recorded: leaving removes the empty draft. */
	CHECK("new-2.8", rating_leave(r) == NULL && count_dir("drafts") == 0);
	rating_free(r);
}

static void
test_typed(void)
{
	struct rating	*r;

	r = rating_dry_run(half);
	CHECK("typed-1.1", rating_typed(r, "2") == RATING_TYPED_COMPLETE);
	CHECK("typed-1.2", rating_typed(r, "0") == RATING_TYPED_PREFIX);
	CHECK("typed-1.3", rating_typed(r, "0.") == RATING_TYPED_PREFIX);
	CHECK("typed-1.4", rating_typed(r, "0.5") == RATING_TYPED_COMPLETE);
	CHECK("typed-1.5", rating_typed(r, "1") == RATING_TYPED_PREFIX);
	CHECK("typed-1.6", rating_typed(r, "1.5") == RATING_TYPED_COMPLETE);
	CHECK("typed-1.7", rating_typed(r, "10") == RATING_TYPED_COMPLETE);
	CHECK("typed-1.8", rating_typed(r, "3") == RATING_TYPED_INVALID);
	CHECK("typed-1.9", rating_typed(r, "") == RATING_TYPED_INVALID);
	CHECK("typed-1.10", rating_typed(r, "0.7") == RATING_TYPED_INVALID);
	rating_free(r);

	r = rating_dry_run(sc);
	CHECK("typed-2.1", rating_typed(r, "2") == RATING_TYPED_COMPLETE);
	CHECK("typed-2.2", rating_typed(r, "4") == RATING_TYPED_INVALID);
	/* A number item always waits for Enter. */
	r->cur = DOSE;
	CHECK("typed-2.3", rating_typed(r, "1") == RATING_TYPED_PREFIX);
	rating_free(r);
}

static void
test_walk(void)
{
	struct rating	*r;
	char		*cause = NULL, *j, *t;
	size_t		 nlines;

	r = rating_new(st, sc, "P2", "jdoe", "", NULL, &cause);
	CHECK("walk-1.1", rating_enter(r, "0", &cause) == 0);
	/* The answer is in the journal once the call returns. */
	CHECK("walk-1.2", r->journal != NULL);
	j = slurp(r->journal->path);
	CHECK("walk-1.3", strstr(j, "answer\t" NOW "\tq1\t0\t") != NULL);
	free(j);
	CHECK("walk-1.4", r->cur == Q2 && r->session->answers[Q1].kind ==
	    ANS_VALUE && r->session->answers[Q1].value == 0);
	/* Bad values: the scale's message, no move, nothing recorded. */
	CHECK("walk-2.1", rating_enter(r, "7", &cause) == -1);
	CHECK_STR("walk-2.2", cause, "q2: 7 is not one of 0 1 2 3");
	free(cause);
	cause = NULL;
	CHECK("walk-2.3", rating_enter(r, "x\x1b", &cause) == -1 &&
	    strchr(cause, '\x1b') == NULL);
	free(cause);
	cause = NULL;
	CHECK("walk-2.4", r->cur == Q2 && r->nevents == 1);
	/* A missing code. */
	CHECK("walk-3.1", rating_missing(r, ANS_UNK, &cause) == 0);
	CHECK("walk-3.2", r->session->answers[Q2].kind == ANS_UNK &&
	    r->cur == Q3);
	CHECK("walk-3.3", rating_missing(r, ANS_VALUE, &cause) == -1);
	free(cause);
	cause = NULL;
	/* q1 = 0 hides q4: q3 goes straight to the dose. */
	CHECK("walk-4.1", rating_enter(r, "2", &cause) == 0);
	CHECK("walk-4.2", r->cur == DOSE);
	CHECK("walk-4.3", !result_item_shown(r->result, Q4));
	CHECK("walk-4.4", r->result->raised[0] == 1);
	CHECK("walk-4.5", rating_goto(r, 4, &cause) == -1 &&
	    strstr(cause, "skipped") != NULL);
	free(cause);
	cause = NULL;
	/* Back skips the hidden item too, and journals a position. */
	CHECK("walk-5.1", rating_back(r, &cause) == 0 && r->cur == Q3);
	j = slurp(r->journal->path);
	CHECK("walk-5.2", strstr(j, "position\t" NOW "\tq3\t") != NULL);
	free(j);
	/* Change an answer: the new one wins, and moves on. */
	CHECK("walk-5.3", rating_enter(r, "1", &cause) == 0 &&
	    r->session->answers[Q3].value == 1 && r->cur == DOSE);
	CHECK("walk-5.4", r->result->raised[0] == 0);
	/* Number items: range and step. */
	CHECK("walk-6.1", rating_enter(r, "11", &cause) == -1 &&
	    strstr(cause, "dose: 11 is not") != NULL);
	free(cause);
	cause = NULL;
	CHECK("walk-6.2", rating_enter(r, "2.25", &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK("walk-6.3", rating_enter(r, "2.5", &cause) == 0 &&
	    r->session->answers[DOSE].value == 2.5 && r->cur == COMMENT);
	/* A note (UTF-8 kept, control characters refused). */
	CHECK("walk-7.1", rating_note(r, "bad\nnote", &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK("walk-7.2", rating_note(r, "patient tired, \xc3\xa9puis\xc3\xa9",
	    &cause) == 0);
	CHECK_STR("walk-7.3", r->session->notes[COMMENT],
	    "patient tired, \xc3\xa9puis\xc3\xa9");
	j = slurp(r->journal->path);
	CHECK("walk-7.4", strstr(j, "note\t" NOW "\tcomment\tpatient tired")
	    != NULL);
	free(j);
	CHECK("walk-7.5", r->cur == COMMENT);
	/* One rule for text (util.h): bidi, C1 and undecodable bytes are
	 * refused in notes and text answers, and causes are escaped. */
	CHECK("walk-7.6", rating_note(r, "a\xe2\x80\xae" "b", &cause) == -1 &&
	    strstr(cause, "U+202E") != NULL);
	free(cause);
	cause = NULL;
	CHECK("walk-7.7", rating_enter(r, "a\xe2\x81\xa6" "b", &cause) == -1 &&
	    strstr(cause, "bidirectional control character U+2066") !=
	    NULL && r->session->answers[COMMENT].kind == ANS_NONE);
	free(cause);
	cause = NULL;
	CHECK("walk-7.8", rating_enter(r, "a\xc2\x9b" "31m", &cause) == -1 &&
	    strstr(cause, "control character U+009B") != NULL);
	free(cause);
	cause = NULL;
	CHECK("walk-7.9", rating_enter(r, "a\xff" "b", &cause) == -1 &&
	    strstr(cause, "invalid UTF-8 byte 0xff") != NULL);
	free(cause);
	cause = NULL;
	CHECK("walk-7.10", rating_enter(r, "two\nlines", &cause) == -1 &&
	    strstr(cause, "U+000A") != NULL);
	free(cause);
	cause = NULL;
	/* Text. */
	CHECK("walk-8.1", rating_enter(r, "so-so \xe2\x80\x94 ok", &cause) ==
	    0 && r->session->answers[COMMENT].kind == ANS_TEXT);
	CHECK("walk-8.2", rating_at_end(r) && rating_item(r) == NULL);
	CHECK("walk-8.3", rating_enter(r, "1", &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK("walk-8.4", rating_next(r, &cause) == -1);
	free(cause);
	cause = NULL;
	/* q2 is unk: missing for the total, but not unanswered. */
	CHECK("walk-9.1", rating_nmissing(r) == 0);
	CHECK("walk-9.2", rating_incomplete_text(r) == NULL);
	CHECK("walk-9.3", rating_goto_text(r, "2", &cause) == 0 &&
	    r->cur == Q2);
	CHECK("walk-9.4", rating_clear(r, &cause) == 0 && r->cur == Q2 &&
	    rating_item_is_missing(r, Q2));
	t = rating_incomplete_text(r);
	CHECK_STR("walk-9.5", t, "Missing: 2 q2.  Scores that will be NA: "
	    "Total.");
	free(t);
	CHECK("walk-9.6", rating_first_unanswered(r) == Q2);
	CHECK("walk-9.7", rating_goto_text(r, "q3", &cause) == 0 &&
	    r->cur == Q3);
	CHECK("walk-9.8", rating_goto_text(r, "99", &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK("walk-9.9", rating_goto_text(r, "zz", &cause) == -1);
	free(cause);
	cause = NULL;
	/* Forward without answering, and back at the first item. */
	CHECK("walk-10.1", rating_next(r, &cause) == 0 && r->cur == DOSE);
	CHECK("walk-10.2", rating_goto(r, 1, &cause) == 0);
	CHECK("walk-10.3", rating_back(r, &cause) == -1 && r->cur == Q1);
	free(cause);
	cause = NULL;
	j = slurp(r->journal->path);
	for (nlines = 0, t = j; (t = strchr(t, '\n')) != NULL; t++)
		nlines++;
	CHECK("walk-10.4", nlines == r->nevents + 1);
	free(j);
	rating_to_end(r);
	CHECK("walk-10.5", rating_at_end(r));
	CHECK("walk-10.6", rating_leave(r) != NULL);
	rating_free(r);
	CHECK("walk-10.7", count_dir("drafts") == 1);
	t = only_file("drafts");
	CHECK("walk-10.8", journal_discard(st, t, &cause) == 0);
	free(t);
}

static void
test_journal_failure(void)
{
	struct rating	*r;
	char		*cause = NULL, *j;
	int		 fd, bad;

	r = rating_new(st, sc, "P3", "", "", NULL, &cause);
	CHECK("jfail-1.1", rating_enter(r, "1", &cause) == 0);
	/* Writes now fail (a read-only descriptor: EBADF). */
	fd = r->journal->fd;
	bad = open("/dev/null", O_RDONLY);
	r->journal->fd = bad;
	CHECK("jfail-1.2", rating_enter(r, "2", &cause) == -1);
	CHECK("jfail-1.3", cause != NULL && strstr(cause, "in memory") !=
	    NULL);
	free(cause);
	cause = NULL;
	/* Kept in memory, pending, and the position stays. */
	CHECK("jfail-1.4", r->session->answers[Q2].kind == ANS_VALUE &&
	    r->session->answers[Q2].value == 2 && r->pending_answer[Q2]);
	CHECK("jfail-1.5", r->cur == Q2);
	CHECK("jfail-1.6", rating_note(r, "n", &cause) == -1 &&
	    r->pending_note[Q2]);
	free(cause);
	cause = NULL;
	/* The disk comes back: the next event writes the pending ones
	 * first. */
	r->journal->fd = fd;
	close(bad);
	CHECK("jfail-2.1", rating_enter(r, "2", &cause) == 0);
	CHECK("jfail-2.2", !r->pending_answer[Q2] && !r->pending_note[Q2]);
	j = slurp(r->journal->path);
	CHECK("jfail-2.3", strstr(j, "\tq2\t2\t") != NULL &&
	    strstr(j, "note\t" NOW "\tq2\tn\t") != NULL);
	free(j);
	CHECK("jfail-2.4", rating_leave(r) != NULL);
	rating_free(r);
	j = only_file("drafts");
	CHECK("jfail-2.5", journal_discard(st, j, &cause) == 0);
	free(j);
}

static void
test_resume(void)
{
	struct rating	*r;
	struct draft	*v;
	size_t		 n;
	char		*cause = NULL, *path;
	struct diag	 d;

	r = rating_new(st, sc, "P4", "jdoe", "week 1", NULL, &cause);
	CHECK("resume-1.1", rating_enter(r, "1", &cause) == 0);
	CHECK("resume-1.2", rating_enter(r, "2", &cause) == 0);
	CHECK("resume-1.3", rating_note(r, "tired", &cause) == 0);
	CHECK("resume-1.4", rating_missing(r, ANS_REF, &cause) == 0);
	path = xstrdup(r->journal->path);
	/* Another process sees the draft as busy while it is open. */
	CHECK("resume-1.5", rating_draft_is_busy(path));
	/* A line with a good checksum and a value q1 cannot take (written
	 * by hand, or by a build with another scale): skipped on resume. */
	CHECK("resume-1.7", journal_append_answer(r->journal, "q1",
	    &(struct answer){ ANS_VALUE, 9, NULL }, &cause) == 0);
	/* A crash: no leave, nothing but the journal survives. */
	rating_free(r);
	CHECK("resume-1.6", !rating_draft_is_busy(path));

	diag_init(&d);
	CHECK("resume-2.1", journal_list(st, &v, &n, &d, &cause) == 0 &&
	    n == 1 && v[0].nanswered == 3);
	journal_list_free(v, n);
	diag_free(&d);

	r = rating_resume(st, path, &cause);
	CHECK("resume-3.1", r != NULL);
	if (r == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(path);
		return;
	}
	CHECK("resume-3.2", r->session->answers[Q1].value == 1 &&
	    r->session->answers[Q2].value == 2 &&
	    r->session->answers[Q3].kind == ANS_REF);
	CHECK_STR("resume-3.3", r->session->notes[Q3], "tired");
	CHECK_STR("resume-3.4", r->session->rater, "jdoe");
	CHECK_STR("resume-3.5", r->session->visit, "week 1");
	/* ... and the rater is told (the resume screen shows it). */
	CHECK("resume-3.11", r->skipped != NULL && strstr(r->skipped,
	    "1 line of the draft skipped (line ") == r->skipped &&
	    strstr(r->skipped, "q1: 9 is not one of 0 1 2 3") != NULL);
	/* q1 = 1 shows q4, the first unanswered. */
	CHECK("resume-3.6", r->cur == Q4);
	CHECK("resume-3.7", rating_draft_is_busy(path));
	CHECK("resume-3.8", rating_enter(r, "3", &cause) == 0 &&
	    r->cur == DOSE);
	/* Resumed with nothing new: the draft is still kept. */
	CHECK("resume-3.9", rating_leave(r) != NULL);
	rating_free(r);
	CHECK("resume-3.10", access(path, F_OK) == 0);
	/* Declining moves it to the trash. */
	CHECK("resume-4.1", journal_discard(st, path, &cause) == 0);
	CHECK("resume-4.2", access(path, F_OK) == -1 &&
	    count_dir("trash") >= 1);
	/* A draft that cannot be read. */
	CHECK("resume-5.1", rating_resume(st, path, &cause) == NULL &&
	    cause != NULL);
	free(cause);
	free(path);
}

/*
 * A draft whose archived scale is gone names its scale file in the
 * header (scale_path).  That path is read only when it is <id>.ini in
 * a scale directory: a file elsewhere (here one whose lines hold a
 * secret) is not read, and nothing of it shows in the message.
 */
static void
test_scale_path(void)
{
	struct rating	*r;
	struct scale	*s2;
	char		*dir, *p, *arch, *path, *cause = NULL;
	char		*dirs[2];

	dir = xasprintf("%s/elsewhere", tmp);
	mkdir(dir, 0700);
	p = xasprintf("%s/demo.ini", dir);
	put(p, DEMO_SCALE "; scale_path test\n");
	s2 = scale_load(p, NULL);
	CHECK("scalepath-1.0", s2 != NULL);
	if (s2 == NULL)
		return;
	r = rating_new(st, s2, "P77", "jdoe", "week 1", NULL,
	    &cause);
	CHECK("scalepath-1.1", r != NULL && rating_enter(r, "1", &cause) == 0);
	path = xstrdup(r->journal->path);
	rating_free(r);
	arch = store_scale_path(st, "demo", s2->sha256);
	CHECK("scalepath-1.2", unlink(arch) == 0);
	put(p, "root:$6$SECRETHASH:19000:0:99999:7:::\n[scale\n");
	/* Not in a scale directory: not read. */
	st->scale_dirs = NULL;
	r = rating_resume(st, path, &cause);
	CHECK("scalepath-2.1", r == NULL && cause != NULL &&
	    strstr(cause, "the scale file the draft names is not demo.ini "
	    "in a scale directory: not read") != NULL &&
	    strstr(cause, "SECRET") == NULL && strstr(cause, "root") == NULL);
	rating_free(r);
	free(cause);
	cause = NULL;
	/* In a scale directory, with the bytes it had: resumed. */
	put(p, DEMO_SCALE "; scale_path test\n");
	dirs[0] = dir;
	dirs[1] = NULL;
	st->scale_dirs = dirs;
	r = rating_resume(st, path, &cause);
	CHECK("scalepath-3.1", r != NULL &&
	    r->session->answers[Q1].value == 1);
	rating_free(r);
	CHECK("scalepath-3.2", store_scale_file_is_allowed(st, p, "demo") &&
	    !store_scale_file_is_allowed(st, p, "phq9"));
	free(p);
	p = xasprintf("%s/../elsewhere/demo.ini", dir);
	CHECK("scalepath-3.3", store_scale_file_is_allowed(st, p, "demo"));
	free(p);
	p = xasprintf("%s/demo.ini", tmp);
	CHECK("scalepath-3.4", !store_scale_file_is_allowed(st, p, "demo"));
	st->scale_dirs = NULL;
	free(cause);
	free(p);
	free(arch);
	free(path);
	free(dir);
	scale_free(s2);
}

static void
test_save(void)
{
	struct rating	*r;
	char		*cause = NULL, *p, *text, *file;

	r = rating_new(st, sc, "P5", "jdoe", "baseline", NULL, &cause);
	CHECK("save-1.1", rating_enter(r, "1", &cause) == 0);
	CHECK("save-1.2", rating_enter(r, "1", &cause) == 0);
	CHECK("save-1.3", rating_enter(r, "3", &cause) == 0);
	CHECK("save-1.4", rating_enter(r, "2", &cause) == 0 &&
	    r->cur == DOSE);
	/* q1 back to 0 hides q4, which held 2. */
	CHECK("save-1.5", rating_goto(r, 1, &cause) == 0 &&
	    rating_enter(r, "0", &cause) == 0);
	rating_to_end(r);
	CHECK("save-1.6", rating_nmissing(r) == 1);	/* the dose */

	/* The patient's directory is a file: the save fails, says why,
	 * keeps the draft. */
	p = xasprintf("%s/sessions/P5", data);
	put(p, "in the way\n");
	CHECK("save-2.1", rating_save(r, &cause) == -1);
	CHECK("save-2.2", cause != NULL && strstr(cause, "Not a directory")
	    != NULL);
	free(cause);
	cause = NULL;
	CHECK("save-2.3", !r->saved && r->session->id == NULL &&
	    count_dir("drafts") == 1);
	/* Hidden q4 is recorded as skipped. */
	CHECK("save-2.4", r->session->answers[Q4].kind == ANS_SKIP);
	unlink(p);
	free(p);
	CHECK("save-3.1", rating_save(r, &cause) == 0);
	CHECK("save-3.2", r->saved && r->session->id != NULL);
	CHECK("save-3.3", count_dir("drafts") == 0);
	CHECK("save-3.4", r->journal == NULL);
	file = only_file("sessions/P5");
	text = slurp(file);
	CHECK("save-3.5", strstr(text, "\n[answers]\nq1 = 0\nq2 = 1\nq3 = 3\n"
	    "q4 = skipped\ndose =\ncomment =\n") != NULL);
	CHECK("save-3.6", strstr(text, "status = incomplete") != NULL);
	CHECK("save-3.7", strstr(text, "\n[scores]\ntotal = 4\n") != NULL);
	CHECK("save-3.8", strstr(text, "q3 = critical") != NULL);
	free(text);
	free(file);
	CHECK("save-4.1", rating_save(r, &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK("save-4.2", rating_enter(r, "1", &cause) == -1);
	free(cause);
	CHECK("save-4.3", rating_leave(r) == NULL);
	rating_free(r);
}

static void
test_leave(void)
{
	struct rating	*r;
	char		*cause = NULL;

	/* Navigation alone is recorded: the draft is kept. */
	r = rating_new(st, sc, "P6", "", "", NULL, &cause);
	CHECK("leave-1.1", rating_next(r, &cause) == 0);
	CHECK("leave-1.2", rating_leave(r) != NULL);
	rating_free(r);
	CHECK("leave-1.3", count_dir("drafts") == 1);
}

static void
test_dry_run(void)
{
	struct rating	*r;
	char		*cause = NULL;
	int		 before = count_dir("drafts");

	r = rating_dry_run(sc);
	CHECK("dry-1.1", rating_enter(r, "3", &cause) == 0 && r->cur == Q2);
	CHECK("dry-1.2", rating_note(r, "x", &cause) == 0);
	CHECK("dry-1.3", rating_back(r, &cause) == 0);
	CHECK("dry-1.4", rating_save(r, &cause) == -1 && strstr(cause,
	    "nothing is saved") != NULL);
	free(cause);
	CHECK("dry-1.5", rating_leave(r) == NULL && r->journal == NULL);
	CHECK("dry-1.6", count_dir("drafts") == before);
	rating_free(r);
	rating_free(NULL);
}

static void
test_helpers(void)
{
	char	**v, *t;
	size_t	 n;

	t = rating_short_title("PHQ-9: Patient Health Questionnaire");
	CHECK_STR("help-1.1", t, "PHQ-9");
	free(t);
	t = rating_short_title("No colon");
	CHECK_STR("help-1.2", t, "No colon");
	free(t);
	t = rating_short_title(":x");
	CHECK_STR("help-1.3", t, ":x");
	free(t);
	n = rating_recent_patients(st, 10, &v);
	CHECK("help-2.1", n == 1 && v[0] != NULL && strcmp(v[0], "P5") == 0
	    && v[1] == NULL);
	rating_strv_free(v);
	n = rating_recent_patients(st, 0, &v);
	CHECK("help-2.2", n == 0 && v[0] == NULL);
	rating_strv_free(v);
}

/* A saved session read back and bound to the demo scale. */
static struct session *
read_bound(const char *id)
{
	struct session	*s;
	struct diag	 d;

	diag_init(&d);
	s = store_read(st, id, &d);
	if (s != NULL && session_bind(s, sc, &d) == -1) {
		session_free(s);
		s = NULL;
	}
	diag_free(&d);
	return s;
}

/*
 * Issue 14.4: an item its show-if hid is saved as skipped and read back
 * so; an amendment that changes the answer it depends on brings it back
 * unanswered, and the rater is taken to it.
 */
static void
test_unskip(void)
{
	struct rating	*r;
	struct session	*old, *rev2;
	char		*cause = NULL, *id1, *text, *path;

	r = rating_new(st, sc, "P8", "jdoe", "week 4", NULL, &cause);
	/* q1 = 0 hides q4: the next item after q3 is the dose. */
	CHECK("unskip-1.1", r != NULL && rating_enter(r, "0", &cause) == 0 &&
	    rating_enter(r, "1", &cause) == 0 &&
	    rating_enter(r, "1", &cause) == 0 && r->cur == DOSE &&
	    rating_enter(r, "2", &cause) == 0);
	if (r == NULL)
		return;
	CHECK("unskip-1.2", rating_nmissing(r) == 0 && rating_nskipped(r) == 1 &&
	    !rating_item_is_missing(r, Q4));
	rating_to_end(r);
	CHECK("unskip-1.3", rating_save(r, &cause) == 0);
	text = slurp(r->session->path);
	CHECK("unskip-1.4", strstr(text, "\nq4 = skipped\n") != NULL &&
	    strstr(text, "\nformat = 3\n") != NULL &&
	    strstr(text, "\nstatus = complete\n") != NULL &&
	    strstr(text, "\ntotal = 2\n") != NULL);
	free(text);
	id1 = xstrdup(r->session->id);
	rating_free(r);

	old = read_bound(id1);
	CHECK("unskip-2.1", old != NULL &&
	    old->answers[Q4].kind == ANS_SKIP &&
	    session_is_complete(old, sc));
	if (old == NULL) {
		free(id1);
		return;
	}
	/* Amended: q1 was 2, which asks q4. */
	r = rating_amend(st, sc, old, "q1 misheard", &cause);
	CHECK("unskip-2.2", r != NULL && rating_item_is_missing(r, Q4) == 0);
	if (r == NULL) {
		session_free(old);
		free(id1);
		return;
	}
	CHECK("unskip-2.3", rating_goto(r, 4, &cause) == -1 &&
	    cause != NULL && strstr(cause, "skipped") != NULL);
	free(cause);
	cause = NULL;
	CHECK("unskip-2.4", rating_goto(r, 1, &cause) == 0 &&
	    rating_enter(r, "2", &cause) == 0);
	CHECK("unskip-2.5", r->session->answers[Q4].kind == ANS_NONE &&
	    rating_item_is_missing(r, Q4) && rating_nmissing(r) == 1 &&
	    rating_first_unanswered(r) == Q4 &&
	    rating_next_revealed(r) == Q4);
	/* A crash now: the draft holds q4 = skipped, then q1 = 2; resumed,
	 * q4 is asked again. */
	path = xstrdup(r->journal != NULL ? r->journal->path : "");
	text = slurp(path);
	CHECK("unskip-3.1", strstr(text, "skipped") != NULL);
	free(text);
	rating_free(r);
	r = rating_resume(st, path, &cause);
	free(path);
	CHECK("unskip-3.2", r != NULL && r->amend &&
	    r->session->answers[Q1].value == 2 &&
	    r->session->answers[Q4].kind == ANS_NONE &&
	    rating_first_unanswered(r) == Q4);
	if (r == NULL) {
		session_free(old);
		free(id1);
		return;
	}
	/* Back to 0 hides it again; to 2 again, and answered. */
	CHECK("unskip-2.6", rating_goto(r, 1, &cause) == 0 &&
	    rating_enter(r, "0", &cause) == 0 && rating_nmissing(r) == 0);
	CHECK("unskip-2.7", rating_goto(r, 1, &cause) == 0 &&
	    rating_enter(r, "2", &cause) == 0 &&
	    rating_goto(r, 4, &cause) == 0 &&
	    rating_enter(r, "3", &cause) == 0 && rating_nmissing(r) == 0);
	rating_to_end(r);
	CHECK("unskip-2.8", rating_save(r, &cause) == 0);
	if (cause != NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		cause = NULL;
	}
	rev2 = r->saved ? read_bound(r->session->id) : NULL;
	CHECK("unskip-2.9", rev2 != NULL &&
	    rev2->answers[Q4].kind == ANS_VALUE &&
	    rev2->answers[Q4].value == 3 && session_is_complete(rev2, sc));
	session_free(rev2);
	rating_free(r);
	session_free(old);
	free(id1);
}

static void
test_amend(void)
{
	struct rating	*r, *r2;
	struct session	*old, *rev2;
	struct draft	*v;
	struct diag	 d;
	char		*cause = NULL, *id1, *id2, *p1, *before, *after;
	char		*text, *path, *log;
	size_t		 n;
	int		 ndrafts = count_dir("drafts");

	/* A saved first revision. */
	r = rating_new(st, sc, "P7", "jdoe", "week 4", NULL, &cause);
	CHECK("amend-1.1", rating_enter(r, "1", &cause) == 0 &&
	    rating_enter(r, "1", &cause) == 0 &&
	    rating_enter(r, "1", &cause) == 0 &&
	    rating_enter(r, "0", &cause) == 0 &&
	    rating_enter(r, "2", &cause) == 0);
	rating_to_end(r);
	CHECK("amend-1.2", rating_save(r, &cause) == 0);
	id1 = xstrdup(r->session->id);
	p1 = xstrdup(r->session->path);
	rating_free(r);
	before = slurp(p1);
	old = read_bound(id1);
	CHECK("amend-1.3", old != NULL);
	if (old == NULL) {
		free(id1);
		free(p1);
		free(before);
		return;
	}

	/* The reason is required: empty, blank, control characters. */
	CHECK("amend-2.1", rating_amend(st, sc, old, "", &cause) == NULL &&
	    cause != NULL && strstr(cause, "reason") != NULL);
	free(cause);
	cause = NULL;
	CHECK("amend-2.2", rating_amend(st, sc, old, "  \t ", &cause) ==
	    NULL && cause != NULL);
	free(cause);
	cause = NULL;
	CHECK("amend-2.3", rating_amend(st, sc, old, NULL, &cause) == NULL);
	free(cause);
	cause = NULL;
	CHECK("amend-2.4", rating_amend(st, sc, old, "a\x1b[2Jb", &cause) ==
	    NULL && cause != NULL && strchr(cause, '\x1b') == NULL);
	free(cause);
	cause = NULL;
	CHECK("amend-2.5", rating_amend(st, half, old, "x", &cause) == NULL);
	free(cause);
	cause = NULL;
	CHECK("amend-2.6", count_dir("drafts") == ndrafts);

	/* Starts at the summary with the old answers; saving unchanged is
	 * refused. */
	r = rating_amend(st, sc, old, "q2 misheard", &cause);
	CHECK("amend-3.1", r != NULL && r->amend && rating_at_end(r));
	if (r == NULL) {
		session_free(old);
		free(id1);
		free(p1);
		free(before);
		return;
	}
	CHECK("amend-3.2", r->session->revision == 2 &&
	    strcmp(r->session->replaces, id1) == 0 &&
	    strcmp(r->session->reason, "q2 misheard") == 0 &&
	    r->session->id == NULL);
	CHECK("amend-3.3", r->session->answers[Q2].value == 1 &&
	    r->session->answers[DOSE].value == 2);
	CHECK("amend-3.4", rating_amend_changes(r) == 0);
	CHECK("amend-3.5", rating_save(r, &cause) == -1 && cause != NULL &&
	    strstr(cause, "nothing was changed") != NULL);
	free(cause);
	cause = NULL;
	CHECK("amend-3.6", !r->saved && count_dir("sessions/P7") == 1);

	/* A changed answer and a note (on q3, where the answer moved
	 * to); a second amendment of the same
	 * revision is started meanwhile. */
	r2 = rating_amend(st, sc, old, "second opinion", &cause);
	CHECK("amend-4.1", rating_goto(r, 2, &cause) == 0 &&
	    rating_enter(r, "3", &cause) == 0);
	CHECK("amend-4.2", rating_amend_changes(r) == 1 &&
	    rating_item_is_amended(r, Q2) && !rating_item_is_amended(r, Q1) &&
	    !rating_item_is_amended(r, 99));
	CHECK("amend-4.3", rating_note(r, "asked again", &cause) == 0 &&
	    rating_amend_changes(r) == 2 && rating_item_is_amended(r, Q3));
	rating_to_end(r);
	CHECK("amend-4.4", rating_save(r, &cause) == 0);
	if (cause != NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		cause = NULL;
	}
	CHECK("amend-4.5", r->saved && r->session->id != NULL &&
	    strcmp(r->session->id, id1) != 0);
	id2 = xstrdup(r->session->id != NULL ? r->session->id : "");
	CHECK("amend-4.6", count_dir("sessions/P7") == 2 &&
	    count_dir("drafts") <= 1);
	text = slurp(r->session->path);
	CHECK("amend-4.7", strstr(text, "\nrevision = 2\n") != NULL);
	path = xasprintf("\nreplaces = %s\n", id1);
	CHECK("amend-4.8", strstr(text, path) != NULL);
	free(path);
	CHECK("amend-4.9", strstr(text, "\nreason = q2 misheard\n") !=
	    NULL && strstr(text, "\nq2 = 3\n") != NULL &&
	    strstr(text, "\nq3 = asked again\n") != NULL);
	free(text);
	rating_free(r);
	/* The old file is untouched; the audit log has the amendment. */
	after = slurp(p1);
	CHECK("amend-4.10", strcmp(before, after) == 0);
	free(after);
	path = xasprintf("%s/audit.log", data);
	log = slurp(path);
	free(path);
	path = xasprintf("\tamend\t%s\t", id2);
	CHECK("amend-4.11", strstr(log, path) != NULL);
	free(path);
	free(log);

	/* The other amendment would fork the chain: refused, draft kept. */
	CHECK("amend-5.1", r2 != NULL && rating_goto(r2, 1, &cause) == 0 &&
	    rating_enter(r2, "2", &cause) == 0);
	rating_to_end(r2);
	CHECK("amend-5.2", rating_save(r2, &cause) == -1 && cause != NULL &&
	    strstr(cause, "amended meanwhile") != NULL &&
	    strstr(cause, id2) != NULL);
	free(cause);
	cause = NULL;
	CHECK("amend-5.3", count_dir("sessions/P7") == 2 && !r2->saved);
	CHECK("amend-5.4", rating_leave(r2) != NULL);
	path = xstrdup(r2->journal->path);
	rating_free(r2);
	CHECK("amend-5.5", journal_discard(st, path, &cause) == 0);
	free(path);

	/* An amendment of revision 2, crashed and resumed: still an
	 * amendment, saved as revision 3. */
	rev2 = read_bound(id2);
	CHECK("amend-6.1", rev2 != NULL);
	r = rating_amend(st, sc, rev2, "dose typo", &cause);
	CHECK("amend-6.2", r != NULL && rating_goto(r, 5, &cause) == 0 &&
	    rating_enter(r, "2.5", &cause) == 0);
	path = xstrdup(r->journal != NULL ? r->journal->path : "");
	rating_free(r);			/* the crash */
	r = rating_resume(st, path, &cause);
	CHECK("amend-6.3", r != NULL);
	if (r != NULL) {
		CHECK("amend-6.4", r->amend && r->orig != NULL &&
		    r->session->revision == 3 &&
		    strcmp(r->session->replaces, id2) == 0 &&
		    strcmp(r->session->reason, "dose typo") == 0);
		CHECK("amend-6.5", r->session->answers[DOSE].value == 2.5 &&
		    r->session->answers[Q2].value == 3 &&
		    rating_amend_changes(r) == 1);
		rating_to_end(r);
		CHECK("amend-6.6", rating_save(r, &cause) == 0);
		CHECK("amend-6.7", count_dir("sessions/P7") == 3 &&
		    count_dir("drafts") == ndrafts);
		text = slurp(r->session->path);
		CHECK("amend-6.8", strstr(text, "\nrevision = 3\n") != NULL &&
		    strstr(text, "\ndose = 2.5\n") != NULL);
		free(text);
		rating_free(r);
	}
	free(cause);
	cause = NULL;
	free(path);
	diag_init(&d);
	CHECK("amend-6.9", journal_list(st, &v, &n, &d, &cause) == 0 &&
	    n == (size_t)ndrafts);
	journal_list_free(v, n);
	diag_free(&d);
	/* Moving about an amendment changes nothing: leaving keeps no
	 * draft. */
	r = rating_amend(st, sc, rev2, "just looking", &cause);
	CHECK("amend-6.10", r != NULL && rating_goto(r, 2, &cause) == 0 &&
	    rating_next(r, &cause) == 0 && r->nevents > 0);
	CHECK("amend-6.11", rating_leave(r) == NULL &&
	    count_dir("drafts") == ndrafts);
	rating_free(r);
	/* Not an amendment: no changes to count. */
	r = rating_new(st, sc, "P8", "", "", NULL, &cause);
	CHECK("amend-7.1", rating_amend_changes(r) == 0 && !r->amend &&
	    !rating_item_is_amended(r, Q1));
	rating_free(r);

	session_free(old);
	session_free(rev2);
	free(id1);
	free(id2);
	free(p1);
	free(before);
}

/*
 * PHQ-9 (the shipped file): item 9 is required and flagged when it has
 * no value.  Before it is reached the running total is marked prorated,
 * never shown as if final; the save confirmation names it.
 */
static void
test_required(void)
{
	struct scale	*phq;
	struct rating	*r;
	struct diag	 d;
	char		*cause = NULL, *t, b[64];
	size_t		 i;
	long		 q9, fl;

	diag_init(&d);
	phq = scale_load("scales/phq9.ini", &d);
	diag_free(&d);
	CHECK("req-1.1", phq != NULL);
	if (phq == NULL)
		return;
	q9 = scale_item_index(phq, "q9");
	for (fl = 0; fl < (long)phq->nflags; fl++)
		if (strcmp(phq->flags[fl].id, "q9_missing") == 0)
			break;
	CHECK("req-1.2", q9 == 8 && fl < (long)phq->nflags);
	r = rating_dry_run(phq);
	for (i = 0; i < 8; i++)
		CHECK("req-1.3", rating_enter(r, "1", &cause) == 0);
	/* At item 9: the total of eight is there, and says so. */
	CHECK("req-1.4", r->cur == (size_t)q9);
	CHECK("req-1.5", result_score(r->result, 0)->kind == VAL_NUM &&
	    result_basis(r->result, 0, b, sizeof(b)) == BASIS_PRORATED);
	CHECK_STR("req-1.6", b, "prorated 8/9");
	/* Raised, but not shown while item 9 is still ahead. */
	CHECK("req-1.7", r->result->raised[fl] &&
	    !rating_flag_is_due(r, (size_t)fl));
	CHECK("req-1.8", rating_item_is_required_missing(r, (size_t)q9));
	t = rating_incomplete_text(r);
	CHECK_STR("req-1.9", t, "Missing: 9 q9 (required), 10 q10.  Not "
	    "from every item: Total prorated 8/9.");
	free(t);
	/* Declined: answered with a code, still required. */
	CHECK("req-2.1", rating_missing(r, ANS_REF, &cause) == 0 &&
	    rating_flag_is_due(r, (size_t)fl));
	CHECK("req-2.2", rating_enter(r, "0", &cause) == 0);
	t = rating_incomplete_text(r);
	CHECK_STR("req-2.3", t, "Required without a value: 9 q9 (ref).  "
	    "Not from every item: Total prorated 8/9.");
	free(t);
	CHECK("req-2.4", r->result->raised[fl]);
	CHECK("req-2.5", !session_is_complete(r->session, phq));
	/* Rated: complete, no flag, a total of nine items. */
	CHECK("req-3.1", rating_goto(r, 9, &cause) == 0 &&
	    rating_enter(r, "0", &cause) == 0);
	CHECK("req-3.2", rating_incomplete_text(r) == NULL);
	CHECK("req-3.3", !r->result->raised[fl] &&
	    result_basis(r->result, 0, NULL, 0) == BASIS_COMPLETE);
	CHECK("req-3.4", session_is_complete(r->session, phq));
	free(cause);
	rating_free(r);
	scale_free(phq);
}

int
main(void)
{
	setup();
	test_new();
	test_typed();
	test_walk();
	test_journal_failure();
	test_resume();
	test_save();
	test_leave();
	test_dry_run();
	test_helpers();
	test_amend();
	test_unskip();
	test_scale_path();
	test_required();
	teardown();
	return harness_done("rating");
}
