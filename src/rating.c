/*
 * rating.c: a rating in progress: answers, navigation, the draft
 * journal and the save, without a terminal (see rating.h).
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsdir.h"
#include "rating.h"

static struct rating *rating_alloc(void);
static void	 setup(struct rating *, const struct scale *,
		    struct session *);
static int	 recent_cmp(const void *, const void *);
static void	 recompute(struct rating *);
static size_t	 next_shown(const struct rating *, size_t);
static long	 prev_shown(const struct rating *, size_t);
static int	 flush_pending(struct rating *, char **);
static int	 record_answer(struct rating *, size_t, const struct answer *,
		    char **);
static int	 record_position(struct rating *, char **);
static void	 lock_journal(struct rating *);
static int	 field_is_safe(const char *, const char *, char **);
static int	 is_blank(const char *);
static int	 replaced_cb(struct session *, void *);
static int	 check_not_replaced(struct rating *, char **);
static void	 load_orig(struct rating *);

static struct rating *
rating_alloc(void)
{
	struct rating	*r;

	r = xcalloc(1, sizeof(*r));
	r->lockfd = -1;
	return r;
}

static void
setup(struct rating *r, const struct scale *sc, struct session *s)
{
	r->scale = sc;
	r->session = s;
	r->result = result_new(sc);
	r->pending_answer = xcalloc(sc->nitems + 1, 1);
	r->pending_note = xcalloc(sc->nitems + 1, 1);
	r->revealed = xcalloc(sc->nitems + 1, 1);
	recompute(r);
}

struct rating *
rating_new(struct store *st, const struct scale *sc, const char *patient,
    const char *rater, const char *visit, const char *assessed,
    char **cause)
{
	struct rating	*r;
	struct session	*s;

	if (patient == NULL) {
		*cause = xstrdup("no patient id");
		return NULL;
	}
	if (!store_patient_id_is_valid(patient, cause) ||
	    !field_is_safe("the rater name", rater, cause) ||
	    !field_is_safe("the visit label", visit, cause))
		return NULL;
	if (assessed != NULL && !session_assessed_is_valid(assessed)) {
		*cause = xasprintf("'%.40s' is not an assessment date",
		    assessed);
		return NULL;
	}
	s = session_new(sc);
	if (assessed != NULL)
		session_set(&s->assessed, assessed);
	session_set(&s->patient, patient);
	session_set(&s->rater, rater != NULL ? rater : "");
	session_set(&s->visit, visit != NULL ? visit : "");
	r = rating_alloc();
	r->store = st;
	setup(r, sc, s);
	r->cur = next_shown(r, 0);
	return r;
}

struct rating *
rating_dry_run(const struct scale *sc)
{
	struct rating	*r;
	struct session	*s;

	s = session_new(sc);
	session_set(&s->patient, "dry-run");
	session_set(&s->rater, "");
	session_set(&s->visit, "");
	r = rating_alloc();
	r->dry_run = 1;
	setup(r, sc, s);
	r->cur = next_shown(r, 0);
	return r;
}

struct rating *
rating_amend(struct store *st, const struct scale *sc,
    const struct session *old, const char *reason, char **cause)
{
	struct rating	*r;
	struct session	*s, *orig;

	if (reason == NULL || is_blank(reason)) {
		*cause = xstrdup("an amendment needs a reason");
		return NULL;
	}
	if (!field_is_safe("the reason", reason, cause))
		return NULL;
	if (old->bound && (old->nitems != sc->nitems ||
	    strcmp(old->scale_sha256, sc->sha256) != 0)) {
		*cause = xasprintf("%s: bound to another version of its scale",
		    old->id != NULL ? old->id : "the session");
		return NULL;
	}
	if ((s = session_amend(old, reason, cause)) == NULL)
		return NULL;
	/* A second copy keeps the answers as they were. */
	orig = session_amend(old, reason, cause);
	r = rating_alloc();
	r->store = st;
	r->amend = 1;
	r->orig = orig;
	setup(r, sc, s);
	r->cur = sc->nitems;
	return r;
}

/* The revision a resumed amendment replaces, bound, if it can be read. */
static void
load_orig(struct rating *r)
{
	struct session	*o;
	struct diag	 d;

	diag_init(&d);
	o = store_read(r->store, r->session->replaces, &d);
	if (o != NULL && session_bind(o, r->scale, &d) == -1) {
		session_free(o);
		o = NULL;
	}
	diag_free(&d);
	r->orig = o;
}

struct rating *
rating_resume(struct store *st, const char *path, char **cause)
{
	struct rating	*r;
	struct draft	 dr;
	struct diag	 d;
	struct scale	*sc = NULL;
	struct session	*s;
	struct buf	 b;
	size_t		 i, n, first = 0;

	diag_init(&d);
	/* A save of this draft that was interrupted is finished first:
	 * the draft is then gone, never saved twice. */
	if (store_recover(st, cause) == -1) {
		diag_free(&d);
		return NULL;
	}
	if (journal_read(path, &dr, &d) == -1)
		goto fail;
	sc = store_load_scale(st, dr.session->scale_id,
	    dr.session->scale_sha256, &d);
	if (sc == NULL && dr.scale_path != NULL && *dr.scale_path != '\0' &&
	    !store_scale_file_is_allowed(st, dr.scale_path,
	    dr.session->scale_id))
		diag_add(&d, DIAG_ERROR, path, 0, "the scale file the draft "
		    "names is not %s.ini in a scale directory: not read",
		    dr.session->scale_id);
	else if (sc == NULL && dr.scale_path != NULL &&
	    *dr.scale_path != '\0') {
		diag_free(&d);
		diag_init(&d);
		sc = scale_load(dr.scale_path, &d);
		if (sc != NULL && strcmp(sc->sha256,
		    dr.session->scale_sha256) != 0) {
			diag_add(&d, DIAG_ERROR, dr.scale_path, 0, "the scale "
			    "file has changed since the draft was started, "
			    "and no archived copy was found");
			scale_free(sc);
			sc = NULL;
		}
	}
	draft_clear(&dr);
	if (sc == NULL)
		goto fail;
	diag_free(&d);
	diag_init(&d);
	if ((s = journal_replay(path, sc, &d)) == NULL) {
		scale_free(sc);
		goto fail;
	}
	r = rating_alloc();
	/* Damaged or unfitting lines (the diagnostics with a line) were
	 * skipped and the rest used: say so, with the first reason. */
	for (i = 0, n = 0; i < d.n; i++)
		if (d.v[i].line > 0 && n++ == 0)
			first = i;
	if (n > 0)
		r->skipped = xasprintf("%zu line%s of the draft skipped "
		    "(line %d: %s)", n, n == 1 ? "" : "s", d.v[first].line,
		    d.v[first].msg);
	diag_free(&d);
	r->store = st;
	r->own_scale = sc;
	r->resumed = 1;
	setup(r, sc, s);
	if ((r->journal = journal_open(path, cause)) == NULL) {
		rating_free(r);
		return NULL;
	}
	lock_journal(r);
	r->cur = rating_first_unanswered(r);
	if (s->replaces != NULL) {
		r->amend = 1;
		load_orig(r);
	}
	return r;

fail:
	buf_init(&b);
	diag_format(&d, &b);
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	*cause = xasprintf("cannot resume the draft %s: %s", path,
	    b.len > 0 ? b.data : "unreadable");
	buf_free(&b);
	diag_free(&d);
	return NULL;
}

void
rating_free(struct rating *r)
{
	if (r == NULL)
		return;
	if (r->lockfd != -1)
		close(r->lockfd);
	journal_close(r->journal);
	session_free(r->session);
	result_free(r->result);
	free(r->skipped);
	scale_free(r->own_scale);
	session_free(r->orig);
	free(r->pending_answer);
	free(r->pending_note);
	free(r->revealed);
	free(r);
}

/* A second descriptor on the journal holds an advisory lock, so that a
 * second rater process does not offer this draft for resumption. */
static void
lock_journal(struct rating *r)
{
	if (r->journal == NULL || r->lockfd != -1)
		return;
	r->lockfd = fsdir_open(r->journal->path, O_RDONLY, 0);
	if (r->lockfd != -1 && flock(r->lockfd, LOCK_EX | LOCK_NB) == -1) {
		close(r->lockfd);
		r->lockfd = -1;
	}
}

int
rating_draft_is_busy(const char *path)
{
	int	 fd, busy = 0;

	if ((fd = fsdir_open(path, O_RDONLY, 0)) == -1)
		return 0;
	if (flock(fd, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK)
		busy = 1;
	close(fd);
	return busy;
}

int
rating_begin(struct rating *r, char **cause)
{
	r->begun = 1;
	if (r->dry_run || r->journal != NULL)
		return 0;
	if ((r->journal = journal_create(r->store, r->session, r->scale,
	    cause)) == NULL)
		return -1;
	lock_journal(r);
	return 0;
}

/*
 * Scores the answers again.  An item saved as skipped that an earlier
 * answer now shows (an amendment changed it) comes back unanswered, so
 * that the rater is asked it; it counts as unanswered either way.
 */
static void
recompute(struct rating *r)
{
	static const struct answer none = { ANS_NONE, 0, NULL };
	size_t	 i;

	score_compute(r->scale, r->session->answers, r->result);
	for (i = 0; i < r->scale->nitems; i++)
		if (r->session->answers[i].kind == ANS_SKIP &&
		    result_item_shown(r->result, i))
			session_set_answer(r->session, i, &none);
}

/* Recomputes after answer i changed, marking the items it revealed
 * (hidden before, shown and unanswered now) and clearing i's mark. */
static void
reveal(struct rating *r, size_t i)
{
	unsigned char	*was;
	size_t		 k, n = r->scale->nitems;

	was = xcalloc(n + 1, 1);
	for (k = 0; k < n; k++)
		was[k] = !result_item_shown(r->result, k);
	recompute(r);
	r->revealed[i] = 0;
	for (k = 0; k < n; k++) {
		if (!result_item_shown(r->result, k))
			r->revealed[k] = 0;
		else if (was[k] && rating_item_is_missing(r, k))
			r->revealed[k] = 1;
	}
	free(was);
}

size_t
rating_next_revealed(const struct rating *r)
{
	size_t	 i;

	for (i = 0; i < r->scale->nitems; i++)
		if (r->revealed[i] && rating_item_is_missing(r, i))
			return i;
	return r->scale->nitems;
}

/* The first shown item at or after i (nitems when none). */
static size_t
next_shown(const struct rating *r, size_t i)
{
	while (i < r->scale->nitems && !result_item_shown(r->result, i))
		i++;
	return i;
}

/* The last shown item before i, or -1. */
static long
prev_shown(const struct rating *r, size_t i)
{
	while (i > 0) {
		i--;
		if (result_item_shown(r->result, i))
			return (long)i;
	}
	return -1;
}

/* Writes what earlier journal failures left in memory only. */
static int
flush_pending(struct rating *r, char **cause)
{
	const struct session *s = r->session;
	size_t		 i;

	if (r->dry_run)
		return 0;
	if (rating_begin(r, cause) == -1)
		return -1;
	for (i = 0; i < r->scale->nitems; i++) {
		if (r->pending_answer[i]) {
			if (journal_append_answer(r->journal, s->item_ids[i],
			    &s->answers[i], cause) == -1)
				return -1;
			r->pending_answer[i] = 0;
			r->nevents++;
		}
		if (r->pending_note[i]) {
			if (journal_append_note(r->journal, s->item_ids[i],
			    s->notes[i], cause) == -1)
				return -1;
			r->pending_note[i] = 0;
			r->nevents++;
		}
	}
	return 0;
}

/* Journals then sets answer i; on a journal failure the answer is kept
 * in memory as pending and -1 is returned. */
static int
record_answer(struct rating *r, size_t i, const struct answer *a,
    char **cause)
{
	char	*c = NULL;
	int	 rc = 0;

	if (!r->dry_run) {
		if (flush_pending(r, &c) == -1 ||
		    journal_append_answer(r->journal, r->session->item_ids[i],
		    a, &c) == -1) {
			r->pending_answer[i] = 1;
			*cause = xasprintf("%s; the answer is kept in memory "
			    "only", c);
			free(c);
			rc = -1;
		} else
			r->nevents++;
	}
	session_set_answer(r->session, i, a);
	reveal(r, i);
	return rc;
}

static int
record_position(struct rating *r, char **cause)
{
	char	*c = NULL;

	if (r->dry_run || r->cur >= r->scale->nitems)
		return 0;
	if (flush_pending(r, &c) == -1 ||
	    journal_append_position(r->journal,
	    r->session->item_ids[r->cur], &c) == -1) {
		*cause = xasprintf("%s (the position only)", c);
		free(c);
		return -1;
	}
	r->nevents++;
	return 0;
}

int
rating_answer(struct rating *r, const struct answer *a, char **cause)
{
	size_t	 i = r->cur;

	if (r->saved) {
		*cause = xstrdup("this session is saved already");
		return -1;
	}
	if (i >= r->scale->nitems) {
		*cause = xstrdup("no item to answer here");
		return -1;
	}
	if (record_answer(r, i, a, cause) == -1)
		return -1;
	r->cur = next_shown(r, i + 1);
	return 0;
}

int
rating_enter(struct rating *r, const char *text, char **cause)
{
	const struct item *it;
	struct answer	 a;
	int		 rc;

	if ((it = rating_item(r)) == NULL) {
		*cause = xstrdup("no item to answer here");
		return -1;
	}
	if (scale_parse_answer(it, text, &a, cause) == -1)
		return -1;
	rc = rating_answer(r, &a, cause);
	answer_clear(&a);
	return rc;
}

int
rating_missing(struct rating *r, enum answer_kind kind, char **cause)
{
	const char	*code;

	switch (kind) {
	case ANS_NA:
		code = "na";
		break;
	case ANS_UNK:
		code = "unk";
		break;
	case ANS_REF:
		code = "ref";
		break;
	default:
		*cause = xstrdup("not a missing code");
		return -1;
	}
	if (rating_item(r) != NULL && rating_item(r)->type == ITEM_TEXT) {
		*cause = xasprintf("%s: a text item takes no missing code "
		    "(leave it empty)", rating_item(r)->id);
		return -1;
	}
	return rating_enter(r, code, cause);
}

int
rating_clear(struct rating *r, char **cause)
{
	struct answer	 a;

	if (r->saved || r->cur >= r->scale->nitems) {
		*cause = xstrdup("no item to clear here");
		return -1;
	}
	memset(&a, 0, sizeof(a));
	return record_answer(r, r->cur, &a, cause);
}

static int
is_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* text_is_safe() for a field named what (NULL is safe). */
static int
field_is_safe(const char *what, const char *s, char **cause)
{
	char	*why = NULL;

	if (s == NULL || text_is_safe(s, &why))
		return 1;
	*cause = xasprintf("%s may not hold %s", what, why);
	free(why);
	return 0;
}

int
rating_note(struct rating *r, const char *note, char **cause)
{
	size_t	 i = r->cur;
	char	*c = NULL;
	int	 rc = 0;

	if (r->saved || i >= r->scale->nitems) {
		*cause = xstrdup("no item to write a note on here");
		return -1;
	}
	if (!field_is_safe("a note", note, cause))
		return -1;
	if (!r->dry_run) {
		if (flush_pending(r, &c) == -1 ||
		    journal_append_note(r->journal, r->session->item_ids[i],
		    note, &c) == -1) {
			r->pending_note[i] = 1;
			*cause = xasprintf("%s; the note is kept in memory "
			    "only", c);
			free(c);
			rc = -1;
		} else
			r->nevents++;
	}
	session_set_note(r->session, i, note);
	return rc;
}

int
rating_back(struct rating *r, char **cause)
{
	long	 p;

	if ((p = prev_shown(r, r->cur)) == -1) {
		*cause = xstrdup("this is the first item");
		return -1;
	}
	r->cur = (size_t)p;
	return record_position(r, cause);
}

int
rating_next(struct rating *r, char **cause)
{
	if (r->cur >= r->scale->nitems) {
		*cause = xstrdup("this is the end of the scale");
		return -1;
	}
	r->cur = next_shown(r, r->cur + 1);
	return record_position(r, cause);
}

int
rating_goto(struct rating *r, size_t n, char **cause)
{
	const struct item *it;

	if (n < 1 || n > r->scale->nitems) {
		*cause = xasprintf("there is no item %zu (items 1 to %zu)", n,
		    r->scale->nitems);
		return -1;
	}
	it = &r->scale->items[n - 1];
	if (!result_item_shown(r->result, n - 1)) {
		*cause = xasprintf("item %zu (%s) is skipped: its condition "
		    "%s is false", n, it->id, it->when_src != NULL ?
		    it->when_src : "");
		return -1;
	}
	r->cur = n - 1;
	return record_position(r, cause);
}

int
rating_goto_text(struct rating *r, const char *text, char **cause)
{
	long	 n;
	long	 i;

	/* The paper form's number ("16", "16b": the first of 16A and 16B
	 * that is shown). */
	if ((i = scale_item_by_number(r->scale, text, 0)) != -1) {
		long	 j = i;

		while (j != -1 && !result_item_shown(r->result, (size_t)j))
			j = scale_item_by_number(r->scale, text,
			    (size_t)j + 1);
		return rating_goto(r, (size_t)(j != -1 ? j : i) + 1, cause);
	}
	if (parse_int(text, 1, 1000000, &n) == 0) {
		*cause = xasprintf("there is no item %ld (items 1 to %zu)", n,
		    r->scale->npaper);
		return -1;
	}
	/* An item id works too. */
	if ((i = scale_item_index(r->scale, text)) != -1)
		return rating_goto(r, (size_t)i + 1, cause);
	*cause = xasprintf("'%.20s' is not an item number (1 to %zu)",
	    text, r->scale->npaper);
	return -1;
}

void
rating_to_end(struct rating *r)
{
	r->cur = r->scale->nitems;
}

enum rating_typed
rating_typed(const struct rating *r, const char *typed)
{
	const struct item *it = rating_item(r);
	size_t		 i, len = strlen(typed);
	int		 exact = 0, prefix = 0;

	if (it == NULL || len == 0)
		return RATING_TYPED_INVALID;
	for (i = 0; i < it->nopts; i++) {
		if (strcmp(it->opts[i].key, typed) == 0)
			exact = 1;
		else if (strncmp(it->opts[i].key, typed, len) == 0)
			prefix = 1;
	}
	if (it->type != ITEM_CHOICE && it->type != ITEM_MULTI)
		return RATING_TYPED_PREFIX;
	if (exact && !prefix)
		return RATING_TYPED_COMPLETE;
	return exact || prefix ? RATING_TYPED_PREFIX : RATING_TYPED_INVALID;
}

int
rating_at_end(const struct rating *r)
{
	return r->cur >= r->scale->nitems;
}

const struct item *
rating_item(const struct rating *r)
{
	if (r->cur >= r->scale->nitems)
		return NULL;
	return &r->scale->items[r->cur];
}

int
rating_item_is_missing(const struct rating *r, size_t i)
{
	if (i >= r->scale->nitems || r->scale->items[i].type == ITEM_TEXT ||
	    !result_item_shown(r->result, i))
		return 0;
	return r->session->answers[i].kind == ANS_NONE ||
	    r->session->answers[i].kind == ANS_SKIP;
}

size_t
rating_first_unanswered(const struct rating *r)
{
	size_t	 i;

	for (i = 0; i < r->scale->nitems; i++)
		if (rating_item_is_missing(r, i))
			return i;
	return r->scale->nitems;
}

size_t
rating_nmissing(const struct rating *r)
{
	size_t	 i, n = 0;

	for (i = 0; i < r->scale->nitems; i++)
		n += rating_item_is_missing(r, i);
	return n;
}

size_t
rating_nskipped(const struct rating *r)
{
	const struct scale *sc = r->scale;
	size_t	 i, j, n = 0;
	int	 all;

	for (i = 0; i < sc->nitems; i++) {
		/* Once per paper number, at its first item. */
		for (j = 0; j < i && sc->items[j].paper != sc->items[i].paper;
		    j++)
			;
		if (j < i)
			continue;
		all = 1;
		for (j = i; j < sc->nitems && all; j++)
			if (sc->items[j].paper == sc->items[i].paper &&
			    result_item_shown(r->result, j))
				all = 0;
		n += all;
	}
	return n;
}

char *
rating_incomplete_text(const struct rating *r)
{
	const struct scale *sc = r->scale;
	struct buf	 b;
	size_t		 i, n = 0, nreq = 0;
	char		 basis[64], code[16];

	for (i = 0; i < sc->nitems; i++)
		nreq += rating_item_is_required_missing(r, i);
	if (rating_nmissing(r) == 0 && nreq == 0)
		return NULL;
	buf_init(&b);
	if (rating_nmissing(r) > 0) {
		buf_puts(&b, "Missing:");
		for (i = 0; i < sc->nitems; i++)
			if (rating_item_is_missing(r, i)) {
				buf_printf(&b, "%s %s %s", n++ ? "," : "",
				    sc->items[i].number, sc->items[i].id);
				if (sc->items[i].required) {
					buf_puts(&b, " (required)");
					nreq--;
				}
			}
		buf_puts(&b, ".");
	}
	/* Required items with a missing code (na, unk, ref). */
	if (nreq > 0) {
		n = 0;
		buf_printf(&b, "%sRequired without a value:", b.len > 0 ?
		    "  " : "");
		for (i = 0; i < sc->nitems; i++)
			if (rating_item_is_required_missing(r, i) &&
			    !rating_item_is_missing(r, i))
				buf_printf(&b, "%s %s %s (%s)", n++ ? "," :
				    "", sc->items[i].number, sc->items[i].id,
				    scale_answer_str(&r->session->answers[i],
				    code, sizeof(code)));
		buf_puts(&b, ".");
	}
	n = 0;
	for (i = 0; i < sc->nscores; i++)
		if (result_score(r->result, i)->kind != VAL_NUM)
			buf_printf(&b, "%s %s", n++ ? "," : "  Scores that "
			    "will be NA:", sc->scores[i].label != NULL ?
			    sc->scores[i].label : sc->scores[i].id);
	if (n > 0)
		buf_puts(&b, ".");
	n = 0;
	for (i = 0; i < sc->nscores; i++)
		if (result_basis(r->result, i, basis, sizeof(basis)) >
		    BASIS_COMPLETE)
			buf_printf(&b, "%s %s %s", n++ ? "," : "  Not from "
			    "every item:", sc->scores[i].label != NULL ?
			    sc->scores[i].label : sc->scores[i].id, basis);
	if (n > 0)
		buf_puts(&b, ".");
	else if (strstr(b.data, "will be NA") == NULL)
		buf_puts(&b, "  Every score can still be computed.");
	return buf_take(&b);
}

int
rating_flag_is_due(const struct rating *r, size_t f)
{
	const struct flag *fl = &r->scale->flags[f];

	if (!r->result->raised[f])
		return 0;
	return !fl->on_missing || rating_at_end(r) || fl->item < r->cur;
}

int
rating_item_is_required_missing(const struct rating *r, size_t i)
{
	const struct item *it = &r->scale->items[i];

	return it->required && result_item_shown(r->result, i) &&
	    r->session->answers[i].kind != ANS_VALUE;
}

int
rating_item_is_amended(const struct rating *r, size_t i)
{
	const struct session *s = r->session, *o = r->orig;

	if (!r->amend || o == NULL || o->nitems != s->nitems ||
	    i >= s->nitems)
		return 0;
	return !answer_equal(&s->answers[i], &o->answers[i]) ||
	    strcmp(s->notes[i] != NULL ? s->notes[i] : "",
	    o->notes[i] != NULL ? o->notes[i] : "") != 0;
}

size_t
rating_amend_changes(const struct rating *r)
{
	size_t		 i, n = 0;

	for (i = 0; i < r->session->nitems; i++)
		n += rating_item_is_amended(r, i);
	return n;
}

struct replaced {
	const char	*id;		/* the revision amended */
	char		*by;		/* a file that replaces it */
};

static int
replaced_cb(struct session *s, void *arg)
{
	struct replaced	*rp = arg;

	if (rp->by == NULL && s->replaces != NULL &&
	    strcmp(s->replaces, rp->id) == 0)
		rp->by = xstrdup(s->id != NULL ? s->id : s->path);
	session_free(s);
	return rp->by != NULL;
}

/* 0 when no saved file replaces the revision amended yet. */
static int
check_not_replaced(struct rating *r, char **cause)
{
	struct store_filter	 f;
	struct replaced		 rp;
	struct diag		 d;
	char			*c = NULL;

	memset(&f, 0, sizeof(f));
	f.patient = r->session->patient;
	f.scale = r->session->scale_id;
	rp.id = r->session->replaces;
	rp.by = NULL;
	diag_init(&d);
	if (store_list(r->store, &f, replaced_cb, &rp, &d, &c) == -1) {
		*cause = xasprintf("cannot save session: %s", c);
		free(c);
		diag_free(&d);
		return -1;
	}
	diag_free(&d);
	if (rp.by != NULL) {
		*cause = xasprintf("cannot save session: %s was amended "
		    "meanwhile by %s; leave, and amend the latest revision",
		    rp.id, rp.by);
		free(rp.by);
		return -1;
	}
	return 0;
}

int
rating_save(struct rating *r, char **cause)
{
	struct answer	 na;
	struct stat	 sb;
	const char	*draft;
	char		*c = NULL;
	size_t		 i;
	int		 rc;

	if (r->dry_run) {
		*cause = xstrdup("a dry run (rater try): nothing is saved");
		return -1;
	}
	if (r->saved) {
		*cause = xasprintf("already saved as %s", r->session->id);
		return -1;
	}
	if (r->amend && r->orig != NULL && rating_amend_changes(r) == 0) {
		*cause = xasprintf("nothing was changed: an amendment of %s "
		    "must change an answer or a note", r->session->replaces);
		return -1;
	}
	/* Items their show-if hides are recorded as skipped, whatever was
	 * entered before they were hidden. */
	memset(&na, 0, sizeof(na));
	na.kind = ANS_SKIP;
	for (i = 0; i < r->scale->nitems; i++)
		if (!result_item_shown(r->result, i) &&
		    r->session->answers[i].kind != ANS_SKIP &&
		    record_answer(r, i, &na, cause) == -1)
			return -1;
	if (flush_pending(r, cause) == -1)
		return -1;
	draft = r->journal != NULL ? r->journal->path : NULL;
	if (r->amend) {
		/* The check and the save under one lock (it nests). */
		if (store_lock(r->store, &c) == -1) {
			*cause = xasprintf("cannot save session: %s", c);
			free(c);
			return -1;
		}
		rc = check_not_replaced(r, cause);
		if (rc == 0)
			rc = store_save_draft(r->store, r->session, r->scale,
			    "amend", draft, cause);
		store_unlock(r->store);
		if (rc == -1)
			return -1;
	} else if (store_save_draft(r->store, r->session, r->scale, "save",
	    draft, cause) == -1)
		return -1;
	r->saved = 1;
	if (r->journal != NULL) {
		/* store_save_draft removed the draft: only a failure to do
		 * so leaves it. */
		if (fsdir_stat(r->journal->path, &sb) == 0 &&
		    journal_finish(r->store, r->journal->path, &c) == -1) {
			/* Saved all the same; the draft is a leftover. */
			*cause = xasprintf("saved as %s, but %s",
			    r->session->id, c);
			free(c);
		}
		if (r->lockfd != -1) {
			close(r->lockfd);
			r->lockfd = -1;
		}
		journal_close(r->journal);
		r->journal = NULL;
	}
	return 0;
}

const char *
rating_leave(struct rating *r)
{
	char	*c = NULL;

	if (r->journal == NULL)
		return NULL;
	if ((r->nevents == 0 && !r->resumed) || (r->amend &&
	    r->orig != NULL && rating_amend_changes(r) == 0)) {
		/* Nothing was recorded (or an amendment changes nothing):
		 * no draft worth keeping. */
		if (journal_finish(r->store, r->journal->path, &c) == -1)
			free(c);
		if (r->lockfd != -1) {
			close(r->lockfd);
			r->lockfd = -1;
		}
		journal_close(r->journal);
		r->journal = NULL;
		return NULL;
	}
	return r->journal->path;
}

char *
rating_short_title(const char *title)
{
	const char	*colon;

	if (title == NULL)
		return xstrdup("");
	if ((colon = strchr(title, ':')) != NULL && colon != title)
		return xstrndup(title, (size_t)(colon - title));
	return xstrdup(title);
}

struct recent {
	char	*id;
	time_t	 mtime;
};

static int
recent_cmp(const void *a, const void *b)
{
	const struct recent *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? 1 : -1;
	return strcmp(x->id, y->id);
}

size_t
rating_recent_patients(struct store *st, size_t max, char ***out)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 sb;
	struct recent	*v = NULL;
	char		*sdir, *p, **res;
	size_t		 n = 0, i;

	sdir = xasprintf("%s/sessions", st->dir);
	if ((dir = fsdir_opendir(sdir)) != NULL) {
		while ((de = readdir(dir)) != NULL) {
			if (!store_patient_id_is_valid(de->d_name, NULL))
				continue;
			p = xasprintf("%s/%s", sdir, de->d_name);
			if (fsdir_stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
				v = xreallocarray(v, n + 1, sizeof(*v));
				v[n].id = xstrdup(de->d_name);
				v[n].mtime = sb.st_mtime;
				n++;
			}
			free(p);
		}
		closedir(dir);
	}
	free(sdir);
	if (n > 0)
		qsort(v, n, sizeof(*v), recent_cmp);
	if (n > max) {
		for (i = max; i < n; i++)
			free(v[i].id);
		n = max;
	}
	res = xcalloc(n + 1, sizeof(*res));
	for (i = 0; i < n; i++)
		res[i] = v[i].id;
	free(v);
	*out = res;
	return n;
}

void
rating_strv_free(char **v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}
