/*
 * session.c: one session in memory, and its plain-text file (format 3,
 * which adds `skipped` answers; format 2, and format 1, which has no
 * assessed key, are still read).
 *
 * The file is INI-shaped but read by the strict line parser below, not
 * by the scale loader's INI library: values are raw text from after
 * "key = " to the end of the line with a handful of backslash escapes,
 * so any bytes (UTF-8 or not, newlines, tabs) round-trip exactly.  The
 * format is described in rater-session(5).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fsdir.h"
#include "score.h"
#include "session.h"
#include "sha256.h"
#include "store.h"

enum sect {
	SEC_NONE,
	SEC_SESSION,
	SEC_ANSWERS,
	SEC_NOTES,
	SEC_SCORES,
	SEC_FLAGS,
	SEC_BAD,		/* an unknown section: its keys are skipped */
	SEC_COUNT
};

static const char *const sect_names[SEC_COUNT] = {
	"", "session", "answers", "notes", "scores", "flags", ""
};

/* Header keys, in the order they are written. */
enum hkey {
	H_FORMAT,
	H_ID,
	H_SCALE,
	H_SCALE_VERSION,
	H_SCALE_SHA256,
	H_SCALE_TITLE,
	H_PATIENT,
	H_RATER,
	H_VISIT,
	H_ASSESSED,
	H_STARTED,
	H_FINISHED,
	H_STATUS,
	H_REVISION,
	H_REPLACES,
	H_REASON,
	H_AMENDED_BY,
	H_RESOLVES,
	H_COUNT
};

static const char *const hkeys[H_COUNT] = {
	"format", "id", "scale", "scale_version", "scale_sha256",
	"scale_title", "patient", "rater", "visit", "assessed", "started",
	"finished", "status", "revision", "replaces", "reason", "amended_by",
	"resolves"
};

/* Key/value pairs computed at save ([scores], [flags]). */
struct kv {
	size_t	  n;
	char	**k;
	char	**v;
};

struct parser {
	const char	*name;
	struct diag	*d;
	size_t		 nerr;
	int		 stop;		/* unsupported format: read no more */
	long		 format;	/* as read; 0 until then */
	struct session	*s;
	int		 hline[H_COUNT];	/* line of each header key */
	int		 secline[SEC_COUNT];	/* line of each section */
	enum sect	 cur;
	struct kv	 notes;		/* [notes], resolved at the end */
	int		*note_lines;
	/* Keys seen in [notes], [scores] and [flags]: a file of n keys
	 * is read in O(n), not O(n^2). */
	struct strindex	 noteidx, scoreidx, flagidx;
	struct buf	 val;		/* the current value, unescaped */
};

static void	 perr(struct parser *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	 parse_line(struct parser *, const char *, size_t, int);
static size_t	 raw_item(struct session *, const char *, int, const char *);
static size_t	 find_item(struct session *, const char *);
static int	 find_key(struct strindex *, const char *);
static void	 parse_section(struct parser *, const char *, size_t, int);
static void	 parse_header(struct parser *, const char *, const char *,
		    size_t, int);
static void	 parse_finish(struct parser *);
static int	 find_dup(char **, size_t, const char *);
static size_t	 compare_stored(const char *, const struct kv *, char **,
		    char **, const int *, size_t, const char *, const char *,
		    struct diag *);
static int	 is_keychar(int);
static int	 is_score_key(const char *);
static int	 is_basis_key(const char *);
static char	*shown(const char *, size_t, char *, size_t);
static void	 kv_add(struct kv *, const char *, const char *);
static void	*grow(void *, size_t, size_t);
static void	 kv_free(struct kv *);
static void	 computed(const struct scale *, const struct result *,
		    struct kv *, struct kv *);
static void	 put(struct buf *, const char *, const char *);
static int	 days_in_month(int, int);
static int	 digits(const char *, int);

void
session_set(char **field, const char *v)
{
	char	*old = *field;

	*field = v != NULL ? xstrdup(v) : NULL;
	free(old);
}

struct session *
session_alloc(void)
{
	struct session	*s;

	s = xcalloc(1, sizeof(*s));
	s->revision = 1;
	return s;
}

struct session *
session_new(const struct scale *sc)
{
	struct session	*s;
	char		 now[SESSION_TIME_LEN], *cause = NULL;
	size_t		 i;

	s = session_alloc();
	s->scale_id = xstrdup(sc->id);
	s->scale_version = xstrdup(sc->version != NULL ? sc->version : "");
	memcpy(s->scale_sha256, sc->sha256, sizeof(s->scale_sha256));
	s->scale_sha256[64] = '\0';
	s->scale_title = xstrdup(sc->title != NULL ? sc->title : "");
	s->nitems = sc->nitems;
	s->itemcap = sc->nitems + 1;
	s->item_ids = xcalloc(sc->nitems + 1, sizeof(*s->item_ids));
	for (i = 0; i < sc->nitems; i++)
		s->item_ids[i] = xstrdup(sc->items[i].id);
	s->answers = answers_new(sc->nitems);
	s->notes = xcalloc(sc->nitems + 1, sizeof(*s->notes));
	s->lines = xcalloc(sc->nitems + 1, sizeof(*s->lines));
	s->bound = 1;
	/* A malformed RATER_NOW falls back to the clock (main reports it). */
	session_time_now(now, &cause);
	free(cause);
	s->started = xstrdup(now);
	s->assessed = xstrdup(now);
	return s;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	if (s->ididx != NULL) {
		strindex_free(s->ididx);
		free(s->ididx);
	}
	free(s->id);
	free(s->scale_id);
	free(s->scale_version);
	free(s->scale_title);
	free(s->patient);
	free(s->rater);
	free(s->visit);
	free(s->assessed);
	free(s->started);
	free(s->finished);
	free(s->status);
	free(s->replaces);
	free(s->reason);
	free(s->amended_by);
	free(s->resolves);
	strv_free(s->item_ids, s->nitems);
	answers_free(s->answers, s->nitems);
	strv_free(s->raw, s->nitems);
	strv_free(s->notes, s->nitems);
	free(s->lines);
	strv_free(s->stored_keys, s->nstored);
	strv_free(s->stored_values, s->nstored);
	free(s->stored_lines);
	strv_free(s->flag_ids, s->nflags);
	strv_free(s->flag_levels, s->nflags);
	free(s->flag_lines);
	free(s->path);
	free(s->position);
	free(s);
}

void
session_set_answer(struct session *s, size_t i, const struct answer *a)
{
	struct answer	 n;

	/* Copy first: a may be s->answers[i] itself. */
	n = *a;
	n.text = a->kind == ANS_TEXT ? xstrdup(a->text != NULL ? a->text :
	    "") : a->kind == ANS_VALUE && a->text != NULL ?
	    xstrdup(a->text) : NULL;	/* a multi item's selection */
	answer_clear(&s->answers[i]);
	s->answers[i] = n;
}

void
session_set_note(struct session *s, size_t i, const char *note)
{
	session_set(&s->notes[i], note != NULL && *note != '\0' ? note :
	    NULL);
}

size_t
session_raw_item(struct session *s, const char *id, int line)
{
	return raw_item(s, id, line, "");
}

/* session_raw_item(), with the raw value of an item it appends. */
static size_t
raw_item(struct session *s, const char *id, int line, const char *value)
{
	size_t	 i, n;

	if ((i = find_item(s, id)) != (size_t)-1)
		return i;
	i = s->nitems;
	n = s->nitems + 1;
	if (n > s->itemcap) {
		/* Grow by doubling: a file of n items costs log n reallocs. */
		size_t cap = s->itemcap != 0 ? s->itemcap : 16;

		while (cap < n)
			cap *= 2;
		s->itemcap = cap;
		s->item_ids = xreallocarray(s->item_ids, s->itemcap,
		    sizeof(*s->item_ids));
		s->raw = xreallocarray(s->raw, s->itemcap, sizeof(*s->raw));
		s->notes = xreallocarray(s->notes, s->itemcap,
		    sizeof(*s->notes));
		s->lines = xreallocarray(s->lines, s->itemcap,
		    sizeof(*s->lines));
		s->answers = xreallocarray(s->answers, s->itemcap,
		    sizeof(*s->answers));
	}
	s->item_ids[i] = xstrdup(id);
	s->raw[i] = xstrdup(value);
	s->notes[i] = NULL;
	s->lines[i] = line;
	memset(&s->answers[i], 0, sizeof(s->answers[i]));
	s->nitems = n;
	strindex_add(s->ididx, s->item_ids[i], i);
	return i;
}

/* The position of item id in s->item_ids, or (size_t)-1, through an
 * index built on first use (s->ididx). */
static size_t
find_item(struct session *s, const char *id)
{
	size_t	 i;

	if (s->ididx == NULL) {
		s->ididx = xmalloc(sizeof(*s->ididx));
		strindex_init(s->ididx, s->nitems + 16);
		for (i = 0; i < s->nitems; i++)
			strindex_add(s->ididx, s->item_ids[i], i);
	}
	return strindex_find(s->ididx, id, strlen(id));
}

/* find_dup() through an index of the keys seen so far: the position of
 * key, or -1. */
static int
find_key(struct strindex *idx, const char *key)
{
	size_t	 i;

	i = strindex_find(idx, key, strlen(key));
	return i == (size_t)-1 ? -1 : (int)i;
}

struct session *
session_amend(const struct session *old, const char *reason, char **cause)
{
	struct session	*s;
	size_t		 i;

	if (old->id == NULL) {
		*cause = xstrdup("only a saved session can be amended");
		return NULL;
	}
	if (!old->bound) {
		*cause = xasprintf("%s: bind the session to its scale before "
		    "amending it", old->id);
		return NULL;
	}
	if (reason == NULL || *reason == '\0') {
		*cause = xasprintf("%s: an amendment needs a reason",
		    old->id);
		return NULL;
	}
	s = session_alloc();
	s->scale_id = xstrdup(old->scale_id);
	s->scale_version = xstrdup(old->scale_version);
	memcpy(s->scale_sha256, old->scale_sha256, sizeof(s->scale_sha256));
	session_set(&s->scale_title, old->scale_title);
	session_set(&s->patient, old->patient);
	session_set(&s->rater, old->rater);
	session_set(&s->visit, old->visit);
	session_set(&s->started, old->started);
	session_set(&s->assessed, old->assessed != NULL ? old->assessed :
	    old->started);
	s->revision = old->revision + 1;
	s->replaces = xstrdup(old->id);
	s->reason = xstrdup(reason);
	s->nitems = old->nitems;
	s->itemcap = s->nitems + 1;
	s->item_ids = xcalloc(s->nitems + 1, sizeof(*s->item_ids));
	s->answers = answers_new(s->nitems);
	s->notes = xcalloc(s->nitems + 1, sizeof(*s->notes));
	s->lines = xcalloc(s->nitems + 1, sizeof(*s->lines));
	for (i = 0; i < s->nitems; i++) {
		s->item_ids[i] = xstrdup(old->item_ids[i]);
		session_set_answer(s, i, &old->answers[i]);
		session_set(&s->notes[i], old->notes[i]);
	}
	s->bound = 1;
	return s;
}

char **
session_resolves_list(const char *v, size_t *n)
{
	char		**out;
	const char	 *p, *e;
	size_t		  k = 0;

	out = xcalloc(strlen(v) / 2 + 2, sizeof(*out));
	for (p = v; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		out[k++] = xstrndup(p, (size_t)(e - p));
	}
	*n = k;
	return out;
}

int
session_resolves_check(const char *v, char **cause)
{
	char	**ids;
	size_t	  n, i, j;
	int	  rc = 0;

	if (*v == '\0' || v[strlen(v) - 1] == ',') {
		*cause = xstrdup("an empty id (ids are joined by ',')");
		return -1;
	}
	ids = session_resolves_list(v, &n);
	for (i = 0; i < n && rc == 0; i++) {
		if (!store_session_id_is_valid(ids[i], cause))
			rc = -1;
		for (j = 0; j < i && rc == 0; j++)
			if (strcmp(ids[i], ids[j]) == 0) {
				*cause = xasprintf("%s is named twice",
				    ids[i]);
				rc = -1;
			}
	}
	strv_free(ids, n);
	return rc;
}

int
session_is_complete(const struct session *s, const struct scale *sc)
{
	struct result	*r;
	size_t		 i;
	int		 complete = 1;

	r = result_new(sc);
	score_compute(sc, s->answers, r);
	for (i = 0; i < sc->nitems && i < s->nitems; i++) {
		if (sc->items[i].type == ITEM_TEXT ||
		    !result_item_shown(r, i))
			continue;
		if (s->answers[i].kind == ANS_NONE ||
		    s->answers[i].kind == ANS_SKIP ||
		    (sc->items[i].required &&
		    s->answers[i].kind != ANS_VALUE))
			complete = 0;
	}
	result_free(r);
	return complete;
}

char *
session_required_missing(const struct session *s, const struct scale *sc)
{
	struct result	*r;
	struct buf	 b;
	size_t		 i;

	r = result_new(sc);
	score_compute(sc, s->answers, r);
	buf_init(&b);
	for (i = 0; i < sc->nitems && i < s->nitems; i++) {
		if (!sc->items[i].required || !result_item_shown(r, i) ||
		    s->answers[i].kind == ANS_VALUE)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, sc->items[i].id);
	}
	result_free(r);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* Escaping. */

void
session_escape(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run;

	for (;;) {
		run = p;
		while (*p >= 0x20 && *p != 0x7f && *p != '\\')
			p++;
		if (p > run)
			buf_add(b, (const char *)run, (size_t)(p - run));
		if (*p == '\0')
			return;
		session_escape_byte(b, *p++);
	}
}

void
session_escape_byte(struct buf *b, unsigned char c)
{
	text_escape_byte(b, c);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
session_unescape(const char *s, size_t len, struct buf *b, char **cause)
{
	const char	*p = s, *end = s + len, *bs;
	int		 hi, lo, c;

	while (p < end) {
		bs = memchr(p, '\\', (size_t)(end - p));
		if (bs == NULL) {
			buf_add(b, p, (size_t)(end - p));
			return 0;
		}
		buf_add(b, p, (size_t)(bs - p));
		if (bs + 1 >= end) {
			*cause = xstrdup("the value ends in a lone backslash "
			    "(write a backslash as \\\\)");
			return -1;
		}
		c = (unsigned char)bs[1];
		switch (c) {
		case '\\':
			buf_putc(b, '\\');
			break;
		case 'n':
			buf_putc(b, '\n');
			break;
		case 'r':
			buf_putc(b, '\r');
			break;
		case 't':
			buf_putc(b, '\t');
			break;
		case 'x':
			hi = bs + 2 < end ? hexval((unsigned char)bs[2]) : -1;
			lo = bs + 3 < end ? hexval((unsigned char)bs[3]) : -1;
			if (hi == -1 || lo == -1) {
				*cause = xstrdup("bad escape '\\x': it needs "
				    "two hex digits");
				return -1;
			}
			if (hi == 0 && lo == 0) {
				*cause = xstrdup("bad escape '\\x00': a value "
				    "cannot hold a NUL byte");
				return -1;
			}
			buf_putc(b, hi * 16 + lo);
			p = bs + 4;
			continue;
		default:
			if (c > 0x20 && c < 0x7f)
				*cause = xasprintf("bad escape '\\%c' (known: "
				    "\\\\ \\n \\r \\t \\xNN)", c);
			else
				*cause = xasprintf("bad escape: backslash "
				    "before byte 0x%02x (known: \\\\ \\n \\r "
				    "\\t \\xNN)", c);
			return -1;
		}
		p = bs + 2;
	}
	return 0;
}

/* Answers. */

void
session_encode_answer(const struct answer *a, struct buf *b)
{
	char	 tmp[64];

	if (a->kind == ANS_TEXT) {
		buf_putc(b, '"');
		buf_puts(b, a->text != NULL ? a->text : "");
		buf_putc(b, '"');
	} else
		buf_puts(b, scale_answer_str(a, tmp, sizeof(tmp)));
}

int
session_decode_answer(const struct item *it, const char *stored,
    struct answer *a, char **cause)
{
	size_t	 len;

	memset(a, 0, sizeof(*a));
	len = strlen(stored);
	/* Written for an item its show-if hid (format 3). */
	if (strcmp(stored, "skipped") == 0) {
		if (it->when == NULL) {
			*cause = xasprintf("%s: 'skipped' for an item that "
			    "has no show-if condition", it->id);
			return -1;
		}
		a->kind = ANS_SKIP;
		return 0;
	}
	if (len >= 2 && stored[0] == '"' && stored[len - 1] == '"') {
		if (it->type != ITEM_TEXT) {
			*cause = xasprintf("%s: a quoted text answer for an "
			    "item that is not a text item", it->id);
			return -1;
		}
		a->kind = ANS_TEXT;
		a->text = xstrndup(stored + 1, len - 2);
		return 0;
	}
	if (it->type == ITEM_TEXT) {
		if (*stored == '\0')
			a->kind = ANS_NONE;
		else if (strcmp(stored, "na") == 0)
			a->kind = ANS_NA;
		else if (strcmp(stored, "unk") == 0)
			a->kind = ANS_UNK;
		else if (strcmp(stored, "ref") == 0)
			a->kind = ANS_REF;
		else {
			*cause = xasprintf("%s: a text answer must be in "
			    "double quotes", it->id);
			return -1;
		}
		return 0;
	}
	return scale_parse_answer(it, stored, a, cause);
}

/* Times. */

static int
digits(const char *s, int n)
{
	int	 v = 0, i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
days_in_month(int y, int m)
{
	static const int	 days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
session_time_is_valid(const char *s)
{
	static const char	 pat[] = "dddd-dd-ddTdd:dd:dd+dd:dd";
	size_t			 i;
	int			 y, mo;

	for (i = 0; pat[i] != '\0'; i++) {
		if (pat[i] == 'd') {
			if (s[i] < '0' || s[i] > '9')
				return 0;
		} else if (pat[i] == '+') {
			if (s[i] != '+' && s[i] != '-')
				return 0;
		} else if (s[i] != pat[i])
			return 0;
	}
	if (s[i] != '\0')
		return 0;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	if (mo < 1 || mo > 12 || digits(s + 8, 2) < 1 ||
	    digits(s + 8, 2) > days_in_month(y, mo))
		return 0;
	if (digits(s + 11, 2) > 23 || digits(s + 14, 2) > 59 ||
	    digits(s + 17, 2) > 60)
		return 0;
	if (digits(s + 20, 2) > 23 || digits(s + 23, 2) > 59)
		return 0;
	return 1;
}

int
session_date_is_valid(const char *s)
{
	char	 t[32];

	if (strlen(s) != 10)
		return 0;
	snprintf(t, sizeof(t), "%sT00:00:00+00:00", s);
	return session_time_is_valid(t);
}

int
session_assessed_is_valid(const char *s)
{
	return s != NULL && (session_date_is_valid(s) ||
	    session_time_is_valid(s));
}

int
session_assessed_parse(const char *arg, char out[SESSION_TIME_LEN],
    char **cause)
{
	char		 t[SESSION_TIME_LEN], z[16], w[80];
	struct tm	 tm;
	size_t		 len = strlen(arg);

	if (session_date_is_valid(arg) || session_time_is_valid(arg)) {
		memcpy(out, arg, len + 1);
		return 0;
	}
	/* YYYY-MM-DDTHH:MM[:SS], local time. */
	if (len != 16 && len != 19)
		goto bad;
	memcpy(t, arg, len);
	if (len == 16)
		memcpy(t + 16, ":00", 3);
	memcpy(t + 19, "+00:00", 7);
	if (!session_time_is_valid(t))
		goto bad;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = digits(t, 4) - 1900;
	tm.tm_mon = digits(t + 5, 2) - 1;
	tm.tm_mday = digits(t + 8, 2);
	tm.tm_hour = digits(t + 11, 2);
	tm.tm_min = digits(t + 14, 2);
	tm.tm_sec = digits(t + 17, 2);
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1 ||
	    strftime(z, sizeof(z), "%z", &tm) != 5)
		strcpy(z, "+0000");
	/* mktime moves a time that the clocks skip (a DST gap): keep what
	 * it made of it, so that the offset fits the time. */
	snprintf(w, sizeof(w), "%04d-%02d-%02dT%02d:%02d:%02d%c%c%c:%c%c",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, z[0], z[1], z[2], z[3], z[4]);
	if (!session_time_is_valid(w))
		goto bad;
	memcpy(out, w, SESSION_TIME_LEN);
	return 0;
bad:
	*cause = xasprintf("'%.40s' is not a date YYYY-MM-DD or a time "
	    "YYYY-MM-DDTHH:MM", arg);
	return -1;
}

void
session_time_stamp(const char *iso, char stamp[16])
{
	memcpy(stamp, iso, 4);
	memcpy(stamp + 4, iso + 5, 2);
	memcpy(stamp + 6, iso + 8, 2);
	stamp[8] = 'T';
	memcpy(stamp + 9, iso + 11, 2);
	memcpy(stamp + 11, iso + 14, 2);
	memcpy(stamp + 13, iso + 17, 2);
	stamp[15] = '\0';
}

int
session_time_now(char buf[SESSION_TIME_LEN], char **cause)
{
	const char	*env;
	time_t		 t;
	struct tm	 tm;
	char		 z[16];
	int		 rc = 0;

	env = getenv("RATER_NOW");
	if (env != NULL && *env != '\0') {
		if (session_time_is_valid(env)) {
			memcpy(buf, env, SESSION_TIME_LEN);
			return 0;
		}
		*cause = xasprintf("RATER_NOW '%.40s' is not a time like "
		    "2026-11-26T10:15:00+01:00; using the clock", env);
		rc = -1;
	}
	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, SESSION_TIME_LEN, "%Y-%m-%dT%H:%M:%S", &tm) != 19 ||
	    strftime(z, sizeof(z), "%z", &tm) != 5) {
		/* No local time: say so honestly, in UTC. */
		gmtime_r(&t, &tm);
		strftime(buf, SESSION_TIME_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
		strcpy(z, "+0000");
	}
	snprintf(buf + 19, SESSION_TIME_LEN - 19, "%c%c%c:%c%c", z[0], z[1],
	    z[2], z[3], z[4]);
	return rc;
}

/* Writing. */

static void
kv_add(struct kv *kv, const char *k, const char *v)
{
	kv->k = grow(kv->k, kv->n, sizeof(*kv->k));
	kv->v = grow(kv->v, kv->n, sizeof(*kv->v));
	kv->k[kv->n] = xstrdup(k);
	kv->v[kv->n] = xstrdup(v);
	kv->n++;
}

/*
 * Room for element n of an array that only ever grows one element at a
 * time from empty: its size doubles when n reaches a power of two (so
 * n appends cost O(n), not the O(n^2) copying of growing by one).
 * Returns the array, moved or not.
 */
static void *
grow(void *v, size_t n, size_t size)
{
	if (n == 0 || (n & (n - 1)) == 0)
		return xreallocarray(v, n == 0 ? 1 : 2 * n, size);
	return v;
}

static void
kv_free(struct kv *kv)
{
	strv_free(kv->k, kv->n);
	strv_free(kv->v, kv->n);
	memset(kv, 0, sizeof(*kv));
}

/* The [scores] and [flags] pairs for a computed result. */
static void
computed(const struct scale *sc, const struct result *r, struct kv *scores,
    struct kv *flags)
{
	const struct score	*score;
	const char		*band;
	char			 val[64], *key;
	size_t			 i, j;

	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		kv_add(scores, score->id, score_format(score,
		    result_score(r, i), val, sizeof(val)));
		for (j = 0; j < score->nbandsets; j++) {
			if (j == 0)
				key = xasprintf("%s.band", score->id);
			else
				key = xasprintf("%s.band.%s", score->id,
				    sc->bandsets[score->bandsets[j]].id);
			band = result_band(sc, r, i, j);
			kv_add(scores, key, band != NULL ? band : "");
			free(key);
		}
		/* Only a prorated or partial score says how it was made:
		 * a complete one is written as before. */
		if (result_basis(r, i, val, sizeof(val)) > BASIS_COMPLETE) {
			key = xasprintf("%s.basis", score->id);
			kv_add(scores, key, val);
			free(key);
		}
	}
	for (i = 0; i < sc->nflags; i++)
		if (r->raised[i])
			kv_add(flags, sc->flags[i].id,
			    flag_level_name(sc->flags[i].level));
}

static void
put(struct buf *b, const char *key, const char *v)
{
	buf_puts(b, key);
	if (v == NULL || *v == '\0') {
		buf_puts(b, " =\n");
		return;
	}
	buf_puts(b, " = ");
	session_escape(b, v);
	buf_putc(b, '\n');
}

int
session_write(const struct session *s, const struct scale *sc,
    struct buf *out, char **cause)
{
	struct result	*r;
	struct kv	 scores, flags;
	struct buf	 ans;
	size_t		 i;
	char		 num[32];

	if (!s->bound || s->nitems != sc->nitems) {
		*cause = xstrdup("the session is not bound to its scale");
		return -1;
	}
	if (strcmp(s->scale_id, sc->id) != 0 ||
	    strcmp(s->scale_sha256, sc->sha256) != 0) {
		*cause = xasprintf("the session was rated with scale %s "
		    "(sha256 %.12s...), not with %s (sha256 %.12s...)",
		    s->scale_id, s->scale_sha256, sc->id, sc->sha256);
		return -1;
	}
	for (i = 0; i < sc->nitems; i++)
		if (strcmp(s->item_ids[i], sc->items[i].id) != 0) {
			*cause = xasprintf("item %zu is '%s', the scale says "
			    "'%s'", i + 1, s->item_ids[i], sc->items[i].id);
			return -1;
		}
	if (s->id == NULL || !store_session_id_is_valid(s->id, cause))
		goto bad_header;
	if (s->patient == NULL || !store_patient_id_is_valid(s->patient,
	    cause))
		goto bad_header;
	if (s->started == NULL || !session_time_is_valid(s->started) ||
	    s->finished == NULL || !session_time_is_valid(s->finished)) {
		*cause = xstrdup("the session needs valid started and "
		    "finished times");
		return -1;
	}
	if (s->assessed == NULL || !session_assessed_is_valid(s->assessed)) {
		*cause = xstrdup("the session needs a valid assessment date");
		return -1;
	}
	if (s->revision < 1 || (s->revision == 1) != (s->replaces == NULL) ||
	    (s->revision > 1 && (s->reason == NULL || *s->reason == '\0'))) {
		*cause = xstrdup("revision 1 replaces nothing; a later "
		    "revision names the one it replaces and gives a reason");
		return -1;
	}
	if (s->replaces != NULL && !store_session_id_is_valid(s->replaces,
	    cause))
		return -1;
	if (s->resolves != NULL && (s->revision < 2 ||
	    session_resolves_check(s->resolves, cause) == -1)) {
		if (s->revision < 2)
			*cause = xstrdup("revision 1 resolves no fork");
		return -1;
	}

	r = result_new(sc);
	score_compute(sc, s->answers, r);
	memset(&scores, 0, sizeof(scores));
	memset(&flags, 0, sizeof(flags));
	computed(sc, r, &scores, &flags);
	result_free(r);

	buf_puts(out, "# rater session; see rater-session(5)\n[session]\n");
	snprintf(num, sizeof(num), "%d", s->resolves != NULL ? 4 :
	    SESSION_FORMAT);
	put(out, "format", num);
	put(out, "id", s->id);
	put(out, "scale", s->scale_id);
	put(out, "scale_version", s->scale_version);
	put(out, "scale_sha256", s->scale_sha256);
	put(out, "scale_title", s->scale_title);
	put(out, "patient", s->patient);
	put(out, "rater", s->rater);
	put(out, "visit", s->visit);
	put(out, "assessed", s->assessed);
	put(out, "started", s->started);
	put(out, "finished", s->finished);
	put(out, "status", session_is_complete(s, sc) ? "complete" :
	    "incomplete");
	snprintf(num, sizeof(num), "%d", s->revision);
	put(out, "revision", num);
	if (s->revision > 1) {
		put(out, "replaces", s->replaces);
		put(out, "reason", s->reason);
		if (s->amended_by != NULL)
			put(out, "amended_by", s->amended_by);
		if (s->resolves != NULL)
			put(out, "resolves", s->resolves);
	}

	buf_puts(out, "\n[answers]\n");
	buf_init(&ans);
	for (i = 0; i < s->nitems; i++) {
		buf_reset(&ans);
		session_encode_answer(&s->answers[i], &ans);
		put(out, s->item_ids[i], ans.data != NULL ? ans.data : "");
	}
	buf_free(&ans);

	buf_puts(out, "\n[notes]\n");
	for (i = 0; i < s->nitems; i++)
		if (s->notes[i] != NULL && *s->notes[i] != '\0')
			put(out, s->item_ids[i], s->notes[i]);

	buf_puts(out, "\n[scores]\n");
	for (i = 0; i < scores.n; i++)
		put(out, scores.k[i], scores.v[i]);
	buf_puts(out, "\n[flags]\n");
	for (i = 0; i < flags.n; i++)
		put(out, flags.k[i], flags.v[i]);
	kv_free(&scores);
	kv_free(&flags);
	return 0;

bad_header:
	if (*cause == NULL)
		*cause = xstrdup("the session has no id yet");
	return -1;
}

/* Reading. */

static void
perr(struct parser *p, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(p->d, DIAG_ERROR, p->name, line, "%s", msg);
	free(msg);
	p->nerr++;
}

/* A value as it may be shown in a message: at most 40 characters of the
 * raw (escaped) text, UTF-8 kept, control characters as '?'. */
static char *
shown(const char *v, size_t len, char *out, size_t size)
{
	return str_shown(out, size, v, len, 40);
}

static int
is_keychar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* "id", "id.band", "id.band.set" or "id.basis". */
static int
is_score_key(const char *k)
{
	char	*t, *dot, *rest;
	int	 ok;

	t = xstrdup(k);
	if ((dot = strchr(t, '.')) == NULL) {
		ok = is_ident(t);
		free(t);
		return ok;
	}
	*dot = '\0';
	rest = dot + 1;
	ok = is_ident(t);
	if (strcmp(rest, "basis") == 0) {
		free(t);
		return ok;
	}
	if ((dot = strchr(rest, '.')) != NULL) {
		*dot = '\0';
		ok = ok && is_ident(dot + 1);
	}
	ok = ok && strcmp(rest, "band") == 0;
	free(t);
	return ok;
}

/* 1 for "id.basis". */
static int
is_basis_key(const char *k)
{
	const char	*dot = strchr(k, '.');

	return dot != NULL && strcmp(dot, ".basis") == 0;
}

static int
find_dup(char **v, size_t n, const char *k)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], k) == 0)
			return (int)i;
	return -1;
}

static void
parse_section(struct parser *p, const char *line, size_t len, int ln)
{
	char	 name[48];
	int	 i;

	if (len < 2 || line[len - 1] != ']' || len - 2 >= sizeof(name) ||
	    memchr(line + 1, ']', len - 2) != NULL) {
		shown(line, len, name, sizeof(name));
		perr(p, ln, "malformed section line '%s'", name);
		p->cur = SEC_BAD;
		return;
	}
	memcpy(name, line + 1, len - 2);
	name[len - 2] = '\0';
	for (i = SEC_SESSION; i < SEC_BAD; i++)
		if (strcmp(name, sect_names[i]) == 0)
			break;
	if (i == SEC_BAD) {
		shown(line + 1, len - 2, name, sizeof(name));
		perr(p, ln, "unknown section [%s] (known: [session], "
		    "[answers], [notes], [scores], [flags])", name);
		p->cur = SEC_BAD;
		return;
	}
	if (p->secline[i] != 0)
		perr(p, ln, "duplicate section [%s] (first on line %d)", name,
		    p->secline[i]);
	else
		p->secline[i] = ln;
	p->cur = (enum sect)i;
}

static void
parse_header(struct parser *p, const char *key, const char *raw,
    size_t rawlen, int ln)
{
	struct session	*s = p->s;
	const char	*v = p->val.data != NULL ? p->val.data : "";
	char		*cause = NULL, show[48];
	long		 n;
	int		 k;

	for (k = 0; k < H_COUNT; k++)
		if (key[0] == hkeys[k][0] && strcmp(key, hkeys[k]) == 0)
			break;
	if (k == H_COUNT) {
		perr(p, ln, "unknown key '%s' in [session]", key);
		return;
	}
	if (p->hline[k] != 0) {
		perr(p, ln, "duplicate key '%s' (first on line %d)", key,
		    p->hline[k]);
		return;
	}
	p->hline[k] = ln;
	/* SHOWN: the raw value as messages quote it (made only for one). */
#define SHOWN	shown(raw, rawlen, show, sizeof(show))
	switch ((enum hkey)k) {
	case H_FORMAT:
		if (parse_int(v, 0, 1000000, &n) == -1)
			perr(p, ln, "format '%s' is not a number", SHOWN);
		else if (n < 1 || n > SESSION_FORMAT_MAX) {
			perr(p, ln, "unsupported session format %ld (this "
			    "version of rater reads formats 1 to %d)", n,
			    SESSION_FORMAT_MAX);
			p->stop = 1;
		} else
			p->format = s->format = (int)n;
		break;
	case H_ID:
		if (!store_session_id_is_valid(v, &cause))
			perr(p, ln, "%s", cause);
		session_set(&s->id, v);
		break;
	case H_SCALE:
		if (!store_scale_id_is_valid(v, &cause))
			perr(p, ln, "%s", cause);
		session_set(&s->scale_id, v);
		break;
	case H_SCALE_VERSION:
		session_set(&s->scale_version, v);
		break;
	case H_SCALE_SHA256:
		if (!sha256_hex_is_valid(v))
			perr(p, ln, "scale_sha256 '%s' is not 64 lowercase "
			    "hex digits", SHOWN);
		else
			memcpy(s->scale_sha256, v, sizeof(s->scale_sha256));
		break;
	case H_SCALE_TITLE:
		session_set(&s->scale_title, v);
		break;
	case H_PATIENT:
		if (!store_patient_id_is_valid(v, &cause))
			perr(p, ln, "%s", cause);
		session_set(&s->patient, v);
		break;
	case H_RATER:
		session_set(&s->rater, v);
		break;
	case H_VISIT:
		session_set(&s->visit, v);
		break;
	case H_ASSESSED:
		if (p->format == 1)
			perr(p, ln, "'assessed' is a key of format 2 and up "
			    "(this file says format 1)");
		else if (!session_assessed_is_valid(v))
			perr(p, ln, "assessed '%s' is not a date like "
			    "2026-11-26 or a time like "
			    "2026-11-26T10:15:00+01:00", SHOWN);
		session_set(&s->assessed, v);
		break;
	case H_STARTED:
	case H_FINISHED:
		if (!session_time_is_valid(v))
			perr(p, ln, "%s '%s' is not a time like "
			    "2026-11-26T10:15:00+01:00", key, SHOWN);
		session_set(k == H_STARTED ? &s->started : &s->finished, v);
		break;
	case H_STATUS:
		if (strcmp(v, "complete") != 0 && strcmp(v, "incomplete") != 0)
			perr(p, ln, "status '%s' is not complete or "
			    "incomplete", SHOWN);
		session_set(&s->status, v);
		break;
	case H_REVISION:
		if (parse_int(v, 1, INT_MAX, &n) == -1)
			perr(p, ln, "revision '%s' is not a whole number from "
			    "1", SHOWN);
		else
			s->revision = (int)n;
		break;
	case H_REPLACES:
		if (!store_session_id_is_valid(v, &cause))
			perr(p, ln, "replaces: %s", cause);
		session_set(&s->replaces, v);
		break;
	case H_REASON:
		session_set(&s->reason, v);
		break;
	case H_AMENDED_BY:
		session_set(&s->amended_by, v);
		break;
	case H_RESOLVES:
		if (session_resolves_check(v, &cause) == -1)
			perr(p, ln, "resolves: %s", cause);
		session_set(&s->resolves, v);
		break;
	default:
		break;
	}
	free(cause);
#undef SHOWN
}

static void
parse_line(struct parser *p, const char *line, size_t len, int ln)
{
	struct session	*s = p->s;
	const char	*val;
	char		 key[128], show[48], *cause = NULL;
	size_t		 i, klen, vlen, n0;
	int		 first;
	const char	*v;

	if (len == 0 || line[0] == '#')
		return;
	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	if (i == len)
		return;
	for (i = 0; i < len; i++)
		if (((unsigned char)line[i] < 0x20 && line[i] != '\t') ||
		    line[i] == 0x7f) {
			if (line[i] == '\r')
				perr(p, ln, "carriage return in the line "
				    "(CRLF line ends?); write it as \\r");
			else
				perr(p, ln, "raw control character 0x%02x in "
				    "the line; write it as \\x%02x",
				    (unsigned char)line[i],
				    (unsigned char)line[i]);
			return;
		}
	if (line[0] == '[') {
		parse_section(p, line, len, ln);
		return;
	}
	for (klen = 0; klen < len && is_keychar((unsigned char)line[klen]);
	    klen++)
		;
	for (i = klen; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	if (klen == 0 || i == len || line[i] != '=') {
		shown(line, len, show, sizeof(show));
		perr(p, ln, "expected 'key = value' or a [section], not "
		    "'%s'", show);
		return;
	}
	if (klen >= sizeof(key)) {
		perr(p, ln, "key longer than %zu bytes", sizeof(key) - 1);
		return;
	}
	memcpy(key, line, klen);
	key[klen] = '\0';
	i++;
	if (i < len && line[i] == ' ')
		i++;
	val = line + i;
	vlen = len - i;
	buf_reset(&p->val);
	buf_add(&p->val, "", 0);
	if (session_unescape(val, vlen, &p->val, &cause) == -1) {
		perr(p, ln, "%s: %s", key, cause);
		free(cause);
		return;
	}
	v = p->val.data;
	switch (p->cur) {
	case SEC_NONE:
		perr(p, ln, "key '%s' before any [section]", key);
		break;
	case SEC_BAD:
		break;
	case SEC_SESSION:
		parse_header(p, key, val, vlen, ln);
		break;
	case SEC_ANSWERS:
		if (!is_ident(key)) {
			perr(p, ln, "'%s' is not a valid item id", key);
			break;
		}
		/* One scan finds a duplicate or appends the item. */
		n0 = s->nitems;
		i = raw_item(s, key, ln, v);
		if (s->nitems == n0)
			perr(p, ln, "duplicate key '%s' (first on line %d)",
			    key, s->lines[i]);
		break;
	case SEC_NOTES:
		if (!is_ident(key)) {
			perr(p, ln, "'%s' is not a valid item id", key);
			break;
		}
		if ((first = find_key(&p->noteidx, key)) != -1) {
			perr(p, ln, "duplicate key '%s' (first on line %d)",
			    key, p->note_lines[first]);
			break;
		}
		p->note_lines = grow(p->note_lines, p->notes.n,
		    sizeof(*p->note_lines));
		p->note_lines[p->notes.n] = ln;
		kv_add(&p->notes, key, v);
		strindex_add(&p->noteidx, p->notes.k[p->notes.n - 1],
		    p->notes.n - 1);
		break;
	case SEC_SCORES:
		if (!is_score_key(key)) {
			perr(p, ln, "'%s' is not a score key (id, id.band, "
			    "id.band.set or id.basis)", key);
			break;
		}
		if ((first = find_key(&p->scoreidx, key)) != -1) {
			perr(p, ln, "duplicate key '%s' (first on line %d)",
			    key, s->stored_lines[first]);
			break;
		}
		i = s->nstored + 1;
		s->stored_keys = grow(s->stored_keys, s->nstored,
		    sizeof(char *));
		s->stored_values = grow(s->stored_values, s->nstored,
		    sizeof(char *));
		s->stored_lines = grow(s->stored_lines, s->nstored,
		    sizeof(int));
		s->stored_keys[s->nstored] = xstrdup(key);
		s->stored_values[s->nstored] = xstrdup(v);
		s->stored_lines[s->nstored] = ln;
		strindex_add(&p->scoreidx, s->stored_keys[s->nstored],
		    s->nstored);
		s->nstored = i;
		break;
	case SEC_FLAGS:
		if (!is_ident(key)) {
			perr(p, ln, "'%s' is not a valid flag id", key);
			break;
		}
		if ((first = find_key(&p->flagidx, key)) != -1) {
			perr(p, ln, "duplicate key '%s' (first on line %d)",
			    key, s->flag_lines[first]);
			break;
		}
		if (strcmp(v, "info") != 0 && strcmp(v, "warning") != 0 &&
		    strcmp(v, "critical") != 0) {
			shown(val, vlen, show, sizeof(show));
			perr(p, ln, "flag %s: level '%s' is not info, warning "
			    "or critical", key, show);
			break;
		}
		i = s->nflags + 1;
		s->flag_ids = grow(s->flag_ids, s->nflags, sizeof(char *));
		s->flag_levels = grow(s->flag_levels, s->nflags,
		    sizeof(char *));
		s->flag_lines = grow(s->flag_lines, s->nflags, sizeof(int));
		s->flag_ids[s->nflags] = xstrdup(key);
		s->flag_levels[s->nflags] = xstrdup(v);
		s->flag_lines[s->nflags] = ln;
		strindex_add(&p->flagidx, s->flag_ids[s->nflags], s->nflags);
		s->nflags = i;
		break;
	default:
		break;
	}
}

/* Checks that need the whole file. */
static void
parse_finish(struct parser *p)
{
	struct session	*s = p->s;
	char		 stamp[16], *want;
	int		 k, sline, first, rev;
	size_t		 i;

	if (p->stop)
		return;
	sline = p->secline[SEC_SESSION];
	if (sline == 0)
		perr(p, 0, "missing section [session]");
	else {
		for (k = 0; k < H_COUNT; k++) {
			if (p->hline[k] != 0 || k == H_REPLACES ||
			    k == H_REASON || k == H_AMENDED_BY ||
			    k == H_RESOLVES ||
			    (k == H_ASSESSED && p->format == 1))
				continue;
			perr(p, sline, "missing key '%s' in [session]",
			    hkeys[k]);
		}
	}
	if (p->secline[SEC_ANSWERS] == 0)
		perr(p, 0, "missing section [answers]");
	/* Format 1 knew one time: the assessment is taken to be then. */
	if (p->format == 1 && s->assessed == NULL && s->started != NULL)
		session_set(&s->assessed, s->started);
	if (p->hline[H_REVISION] != 0 && s->revision > 1) {
		if (s->replaces == NULL)
			perr(p, p->hline[H_REVISION], "revision %d needs "
			    "'replaces' (the id of the revision it amends)",
			    s->revision);
		if (s->reason == NULL || *s->reason == '\0')
			perr(p, p->hline[H_REVISION], "revision %d needs a "
			    "'reason'", s->revision);
	} else if (p->hline[H_REVISION] != 0 && s->revision == 1) {
		if (p->hline[H_REPLACES] != 0)
			perr(p, p->hline[H_REPLACES], "revision 1 replaces "
			    "nothing");
		if (p->hline[H_REASON] != 0)
			perr(p, p->hline[H_REASON], "revision 1 has no "
			    "reason for an amendment");
		if (p->hline[H_AMENDED_BY] != 0)
			perr(p, p->hline[H_AMENDED_BY], "revision 1 was not "
			    "amended by anyone");
		if (p->hline[H_RESOLVES] != 0)
			perr(p, p->hline[H_RESOLVES], "revision 1 resolves "
			    "no fork");
	}
	if (p->hline[H_RESOLVES] != 0 && p->format >= 1 && p->format < 4)
		perr(p, p->hline[H_RESOLVES], "'resolves' is a key of format "
		    "4 (this file says format %ld)", p->format);
	/* The id repeats patient, start time and scale. */
	if (s->id != NULL && s->patient != NULL && s->scale_id != NULL &&
	    s->started != NULL && store_session_id_is_valid(s->id, NULL) &&
	    session_time_is_valid(s->started)) {
		session_time_stamp(s->started, stamp);
		want = xasprintf("%s/%s-%s-", s->patient, stamp, s->scale_id);
		rev = store_session_id_revision(s->id);
		/* After N: nothing, "@WS" or ".rR" (the id is valid). */
		if (strncmp(s->id, want, strlen(want)) != 0 ||
		    strchr("@.", (s->id + strlen(want))[strspn(s->id +
		    strlen(want), "0123456789")]) == NULL)
			perr(p, p->hline[H_ID], "id '%s' does not match "
			    "patient %s, started %s and scale %s (expected "
			    "%sN)", s->id, s->patient, s->started, s->scale_id,
			    want);
		else if (rev != 0 && p->hline[H_REVISION] != 0 &&
		    rev != s->revision)
			perr(p, p->hline[H_ID], "id '%s' names revision %d, "
			    "the file says revision %d", s->id, rev,
			    s->revision);
		free(want);
	}
	for (i = 0; i < p->notes.n; i++) {
		if ((first = (int)find_item(s, p->notes.k[i])) == -1)
			perr(p, p->note_lines[i], "note on '%s', which is not "
			    "in [answers]", p->notes.k[i]);
		else
			session_set_note(s, (size_t)first, p->notes.v[i]);
	}
}

struct session *
session_parse(const char *name, const char *text, size_t len,
    struct diag *d)
{
	struct parser	 p;
	const char	*line, *end = text + len, *nl;
	int		 ln = 0;

	memset(&p, 0, sizeof(p));
	p.name = name;
	p.d = d;
	p.s = session_alloc();
	p.s->path = xstrdup(name);
	p.s->revision = 0;
	p.s->size = len;
	p.s->digest = hash64(text, len);
	buf_init(&p.val);
	strindex_init(&p.noteidx, 16);
	strindex_init(&p.scoreidx, 16);
	strindex_init(&p.flagidx, 16);
	for (line = text; line < end && !p.stop; line = nl + 1) {
		ln++;
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		if (memchr(line, '\0', (size_t)(nl - line)) != NULL) {
			perr(&p, ln, "NUL byte in the line");
			continue;
		}
		parse_line(&p, line, (size_t)(nl - line), ln);
	}
	parse_finish(&p);
	buf_free(&p.val);
	strindex_free(&p.noteidx);
	strindex_free(&p.scoreidx);
	strindex_free(&p.flagidx);
	kv_free(&p.notes);
	free(p.note_lines);
	if (p.nerr > 0) {
		session_free(p.s);
		return NULL;
	}
	if (p.s->answers == NULL)
		p.s->answers = answers_new(0);
	return p.s;
}

struct session *
session_read(const char *path, struct diag *d)
{
	/* One buffer for every file read: listing 100,000 sessions would
	 * otherwise allocate and free 100,000 file-sized blocks.  Kept
	 * for the life of the process. */
	static struct buf text;

	if (read_file_buf(path, &text) == -1) {
		diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s",
		    fsdir_strerror(errno));
		return NULL;
	}
	return session_parse(path, text.data != NULL ? text.data : "",
	    text.len, d);
}

/* Binding and checking. */

int
session_bind(struct session *s, const struct scale *sc, struct diag *d)
{
	const char	*file = s->path != NULL ? s->path : s->scale_id;
	struct answer	*ans;
	char		**ids, **notes, *cause = NULL;
	int		 *lines, *used, bad = 0;
	size_t		  i, j, *from;

	if (s->bound) {
		diag_add(d, DIAG_ERROR, file, 0, "session already bound");
		return -1;
	}
	if (s->scale_id == NULL || strcmp(s->scale_id, sc->id) != 0) {
		diag_add(d, DIAG_ERROR, file, 0, "the session is of scale "
		    "'%s', not '%s'", s->scale_id ? s->scale_id : "", sc->id);
		return -1;
	}
	if (strcmp(s->scale_sha256, sc->sha256) != 0)
		diag_add(d, DIAG_WARNING, file, 0, "scale %s: the file %s "
		    "(sha256 %.12s...) is not the one the session was rated "
		    "with (sha256 %.12s...)", sc->id, sc->path, sc->sha256,
		    s->scale_sha256);
	ans = answers_new(sc->nitems);
	ids = xcalloc(sc->nitems + 1, sizeof(*ids));
	notes = xcalloc(sc->nitems + 1, sizeof(*notes));
	lines = xcalloc(sc->nitems + 1, sizeof(*lines));
	used = xcalloc(s->nitems + 1, sizeof(*used));
	from = xcalloc(sc->nitems + 1, sizeof(*from));
	for (i = 0; i < sc->nitems; i++) {
		from[i] = SIZE_MAX;
		/* Files list the items in scale order: try there first. */
		if (i < s->nitems && strcmp(s->item_ids[i], sc->items[i].id) ==
		    0)
			j = i;
		else if ((j = find_item(s, sc->items[i].id)) == (size_t)-1)
			j = s->nitems;
		if (j == s->nitems) {
			if (!s->partial) {
				diag_add(d, DIAG_ERROR, file, 0, "item '%s' "
				    "of scale %s is missing from [answers]",
				    sc->items[i].id, sc->id);
				bad++;
			}
			continue;
		}
		used[j] = 1;
		from[i] = j;
		lines[i] = s->lines[j];
		if (session_decode_answer(&sc->items[i], s->raw[j], &ans[i],
		    &cause) == -1) {
			diag_add(d, DIAG_ERROR, file, s->lines[j], "%s",
			    cause);
			free(cause);
			cause = NULL;
			bad++;
		}
	}
	for (j = 0; j < s->nitems; j++)
		if (!used[j]) {
			diag_add(d, DIAG_ERROR, file, s->lines[j], "unknown "
			    "item '%s' (not in scale %s)", s->item_ids[j],
			    sc->id);
			bad++;
		}
	free(used);
	if (bad > 0) {
		answers_free(ans, sc->nitems);
		free(ids);
		free(notes);
		free(lines);
		free(from);
		return -1;
	}
	/* Bound: the ids and notes move into scale order (a failed bind
	 * above leaves the session as it was). */
	for (i = 0; i < sc->nitems; i++) {
		if (from[i] == SIZE_MAX) {
			ids[i] = xstrdup(sc->items[i].id);
			continue;
		}
		ids[i] = s->item_ids[from[i]];
		s->item_ids[from[i]] = NULL;
		notes[i] = s->notes[from[i]];
		s->notes[from[i]] = NULL;
	}
	free(from);
	answers_free(s->answers, s->nitems);
	strv_free(s->item_ids, s->nitems);
	strv_free(s->raw, s->nitems);
	strv_free(s->notes, s->nitems);
	free(s->lines);
	s->answers = ans;
	s->item_ids = ids;
	if (s->ididx != NULL) {		/* it indexed the old ids */
		strindex_free(s->ididx);
		free(s->ididx);
		s->ididx = NULL;
	}
	s->itemcap = sc->nitems + 1;
	s->notes = notes;
	s->lines = lines;
	s->raw = NULL;
	s->nitems = sc->nitems;
	s->bound = 1;
	return 0;
}

/*
 * Compares what was recomputed with what the file stores (keys, values
 * and their lines): each one missing, different or extra is an error
 * ("PREFIX KEY: ...", EXTRA saying why an extra one is wrong).  Returns
 * how many.
 */
static size_t
compare_stored(const char *file, const struct kv *got, char **keys,
    char **vals, const int *lines, size_t nkeys, const char *prefix,
    const char *extra, struct diag *d)
{
	size_t	 i, n = 0;
	int	 j;

	for (i = 0; i < got->n; i++) {
		j = find_dup(keys, nkeys, got->k[i]);
		if (j == -1 && is_basis_key(got->k[i]))
			continue;	/* written before bases were */
		if (j == -1) {
			diag_add(d, DIAG_ERROR, file, 0, "%s%s: not stored, "
			    "recomputed %s", prefix, got->k[i], got->v[i]);
			n++;
		} else if (strcmp(vals[j], got->v[i]) != 0) {
			diag_add(d, DIAG_ERROR, file, lines[j], "%s%s: stored "
			    "%s, recomputed %s", prefix, got->k[i], vals[j],
			    got->v[i]);
			n++;
		}
	}
	for (i = 0; i < nkeys; i++)
		if (find_dup(got->k, got->n, keys[i]) == -1) {
			diag_add(d, DIAG_ERROR, file, lines[i], "%s%s: stored "
			    "%s, %s", prefix, keys[i], vals[i], extra);
			n++;
		}
	return n;
}

size_t
session_check_scores(const struct session *s, const struct scale *sc,
    struct diag *d)
{
	const char	*file = s->path != NULL ? s->path : s->scale_id;
	struct result	*r;
	struct kv	 scores, flags;
	size_t		 n;

	if (!s->bound) {
		diag_add(d, DIAG_ERROR, file, 0, "session not bound to its "
		    "scale");
		return 1;
	}
	r = result_new(sc);
	score_compute(sc, s->answers, r);
	memset(&scores, 0, sizeof(scores));
	memset(&flags, 0, sizeof(flags));
	computed(sc, r, &scores, &flags);
	result_free(r);

	n = compare_stored(file, &scores, s->stored_keys, s->stored_values,
	    s->stored_lines, s->nstored, "", "but the scale computes no such "
	    "score", d);
	n += compare_stored(file, &flags, s->flag_ids, s->flag_levels,
	    s->flag_lines, s->nflags, "flag ", "recomputed not raised", d);
	kv_free(&scores);
	kv_free(&flags);
	return n;
}

void
session_record_scores(struct session *s, const struct scale *sc)
{
	struct result	*r;
	struct kv	 scores, flags;

	r = result_new(sc);
	score_compute(sc, s->answers, r);
	memset(&scores, 0, sizeof(scores));
	memset(&flags, 0, sizeof(flags));
	computed(sc, r, &scores, &flags);
	result_free(r);
	strv_free(s->stored_keys, s->nstored);
	strv_free(s->stored_values, s->nstored);
	free(s->stored_lines);
	strv_free(s->flag_ids, s->nflags);
	strv_free(s->flag_levels, s->nflags);
	free(s->flag_lines);
	s->nstored = scores.n;
	s->stored_keys = scores.k;
	s->stored_values = scores.v;
	s->stored_lines = xcalloc(scores.n + 1, sizeof(int));
	s->nflags = flags.n;
	s->flag_ids = flags.k;
	s->flag_levels = flags.v;
	s->flag_lines = xcalloc(flags.n + 1, sizeof(int));
}
