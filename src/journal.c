/*
 * journal.c: the append-only draft journal.
 *
 * One line per record: tab-separated fields, each escaped as in the
 * session file (so a field never holds a raw tab or newline), then a tab
 * and the CRC-32 (IEEE 802.3, as in zlib) of everything before that tab
 * as 8 lowercase hex digits.  The first line is the header:
 *
 *	rater-journal TAB 1 TAB key=value ... TAB crc
 *
 * then events, each with the time it was recorded:
 *
 *	answer TAB time TAB item TAB stored-answer TAB crc
 *	note TAB time TAB item TAB text TAB crc		("" removes it)
 *	position TAB time TAB item TAB crc
 *	meta TAB time TAB rater|visit|reason TAB value TAB crc
 *	resume TAB time TAB crc
 *
 * See rater-session(5).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsdir.h"
#include "journal.h"
#include "sha256.h"

#define JOURNAL_MAGIC	"rater-journal"
#define JOURNAL_VERSION	"1"
#define MAX_FIELDS	16

static const char *const header_keys[] = {
	"scale", "scale_version", "scale_sha256", "scale_title",
	"scale_path", "patient", "rater", "visit", "started", "revision",
	"replaces", "reason", "assessed", "amended_by", NULL
};

static int	 line_is_sound(const char *, size_t);
static int	 append(struct journal *, struct buf *, const char *,
		    char **);
static void	 event_start(struct buf *, const char *);
static void	 field(struct buf *, const char *);
static int	 split(const char *, size_t, char **, char **);
static void	 fields_free(char **, int);
static int	 read_header(struct draft *, char **, int, const char *,
		    struct diag *);
static int	 read_journal(const char *, const struct scale *,
		    struct draft *, struct diag *);
static int	 event_fits(const struct scale *, const struct strindex *,
		    char **, const char *, int, struct diag *);
static void	 replay_event(struct draft *, const struct scale *,
		    const struct strindex *, char **, int, const char *, int,
		    struct diag *);
static char	*draft_id(const char *);
static int	 valid_item(const char *, char **);

/* CRC-32, polynomial 0xedb88320 (reflected), bit by bit. */
uint32_t
journal_crc32(const char *p, size_t len)
{
	uint32_t	 c = 0xffffffff;
	size_t		 i;
	int		 k;

	for (i = 0; i < len; i++) {
		c ^= (unsigned char)p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320 & (0 - (c & 1)));
	}
	return c ^ 0xffffffff;
}

/* Whether a line (without its newline) ends in the right checksum and
 * holds no NUL byte.  Reading and reopening a draft must agree on it. */
static int
line_is_sound(const char *line, size_t len)
{
	char	 want[9];

	if (len < 10 || line[len - 9] != '\t' ||
	    memchr(line, '\0', len) != NULL)
		return 0;
	snprintf(want, sizeof(want), "%08x", (unsigned)journal_crc32(line,
	    len - 9));
	return memcmp(want, line + len - 8, 8) == 0;
}

static char *
draft_id(const char *path)
{
	const char	*base;
	size_t		 len;

	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	len = strlen(base);
	if (len > 8 && strcmp(base + len - 8, ".journal") == 0)
		len -= 8;
	return xstrndup(base, len);
}

static int
valid_item(const char *item, char **cause)
{
	if (item != NULL && is_ident(item))
		return 1;
	*cause = xasprintf("cannot record: '%.40s' is not an item id",
	    item != NULL ? item : "");
	return 0;
}

static void
field(struct buf *b, const char *v)
{
	buf_putc(b, '\t');
	session_escape(b, v != NULL ? v : "");
}

static void
event_start(struct buf *b, const char *type)
{
	char	 now[SESSION_TIME_LEN], *cause = NULL;

	session_time_now(now, &cause);
	free(cause);
	buf_puts(b, type);
	field(b, now);
}

/* Adds the checksum and newline, writes, fdatasyncs. */
static int
append(struct journal *j, struct buf *b, const char *what, char **cause)
{
	int	 saved;

	buf_printf(b, "\t%08x\n", (unsigned)journal_crc32(b->data, b->len));
	if (j->fd == -1) {
		*cause = xasprintf("cannot record %s: the journal is closed",
		    what);
		return -1;
	}
	/* Bytes a failed append may have left: cut them first. */
	if (j->dirty) {
		if (ftruncate(j->fd, j->size) == -1) {
			*cause = xasprintf("cannot record %s: %s (repairing "
			    "%s)", what, strerror(errno), j->path);
			return -1;
		}
		j->dirty = 0;
	}
	if (store_write_all(j->fd, b->data, b->len) == -1 ||
	    fdatasync(j->fd) == -1) {
		saved = errno;
		if (ftruncate(j->fd, j->size) == -1 || fdatasync(j->fd) == -1)
			j->dirty = 1;
		*cause = xasprintf("cannot record %s: %s (writing %s)", what,
		    strerror(saved), j->path);
		return -1;
	}
	j->size += (off_t)b->len;
	return 0;
}

struct journal *
journal_create(struct store *st, const struct session *s,
    const struct scale *sc, char **cause)
{
	struct journal	*j;
	struct buf	 b;
	char		 stamp[16], num[16], *ddir, *c = NULL;
	char		 now[SESSION_TIME_LEN];
	const char	*started;
	size_t		 i;
	int		 n, fd = -1, saved;

	if (s->patient == NULL ||
	    !store_patient_id_is_valid(s->patient, &c) ||
	    !store_scale_id_is_valid(sc->id, &c)) {
		*cause = xasprintf("cannot start a draft: %s", c != NULL ? c :
		    "no patient id");
		free(c);
		return NULL;
	}
	if (!s->bound || s->nitems != sc->nitems) {
		*cause = xstrdup("cannot start a draft: the session is not "
		    "bound to this scale");
		return NULL;
	}
	if (store_archive_scale(st, sc, cause) == -1)
		return NULL;
	started = s->started;
	if (started == NULL || !session_time_is_valid(started)) {
		session_time_now(now, &c);
		free(c);
		started = now;
	}
	session_time_stamp(started, stamp);
	ddir = xasprintf("%s/drafts", st->dir);
	j = xcalloc(1, sizeof(*j));
	for (n = 1; n < 100000; n++) {
		free(j->path);
		j->path = xasprintf("%s/%s-%s-%s-%d.journal", ddir, stamp,
		    sc->id, s->patient, n);
		fd = fsdir_open(j->path, O_WRONLY | O_CREAT | O_EXCL |
		    O_APPEND, 0600);
		if (fd != -1 || errno != EEXIST)
			break;
	}
	if (fd == -1) {
		*cause = xasprintf("cannot start a draft: %s (creating %s)",
		    fsdir_strerror(errno), j->path);
		free(j->path);
		free(j);
		free(ddir);
		return NULL;
	}
	j->fd = fd;
	j->id = draft_id(j->path);

	buf_init(&b);
	buf_puts(&b, JOURNAL_MAGIC "\t" JOURNAL_VERSION);
	buf_puts(&b, "\tscale=");
	session_escape(&b, sc->id);
	buf_puts(&b, "\tscale_version=");
	session_escape(&b, sc->version != NULL ? sc->version : "");
	buf_printf(&b, "\tscale_sha256=%s\tscale_title=", sc->sha256);
	session_escape(&b, sc->title != NULL ? sc->title : "");
	buf_puts(&b, "\tscale_path=");
	session_escape(&b, sc->path != NULL ? sc->path : "");
	buf_printf(&b, "\tpatient=%s\trater=", s->patient);
	session_escape(&b, s->rater != NULL ? s->rater : "");
	buf_puts(&b, "\tvisit=");
	session_escape(&b, s->visit != NULL ? s->visit : "");
	buf_printf(&b, "\tstarted=%s\tassessed=%s", started,
	    s->assessed != NULL ? s->assessed : started);
	if (s->revision > 1) {
		snprintf(num, sizeof(num), "%d", s->revision);
		buf_printf(&b, "\trevision=%s\treplaces=", num);
		session_escape(&b, s->replaces != NULL ? s->replaces : "");
		buf_puts(&b, "\treason=");
		session_escape(&b, s->reason != NULL ? s->reason : "");
		if (s->amended_by != NULL) {
			buf_puts(&b, "\tamended_by=");
			session_escape(&b, s->amended_by);
		}
	}
	if (append(j, &b, "the draft header", cause) == -1)
		goto fail;
	if (store_fsync_dir(ddir) == -1) {
		*cause = xasprintf("cannot start a draft: %s (syncing "
		    "directory %s)", strerror(errno), ddir);
		goto fail;
	}
	/* What the session already holds (an amendment's old answers). */
	for (i = 0; i < s->nitems; i++) {
		if (s->answers[i].kind != ANS_NONE &&
		    journal_append_answer(j, s->item_ids[i], &s->answers[i],
		    cause) == -1)
			goto fail;
		if (s->notes[i] != NULL && journal_append_note(j,
		    s->item_ids[i], s->notes[i], cause) == -1)
			goto fail;
	}
	buf_free(&b);
	free(ddir);
	return j;

fail:
	saved = errno;
	buf_free(&b);
	close(j->fd);
	fsdir_unlink(j->path);
	store_fsync_dir(ddir);
	free(ddir);
	free(j->path);
	free(j->id);
	free(j);
	errno = saved;
	return NULL;
}

struct journal *
journal_open(const char *path, char **cause)
{
	struct journal	*j;
	struct buf	 b;
	char		*text, *nl;
	size_t		 len, good = 0, off;
	int		 fd;

	if ((text = read_file(path, &len)) == NULL) {
		*cause = xasprintf("cannot open draft %s: %s", path,
		    fsdir_strerror(errno));
		return NULL;
	}
	/* The whole lines, less a torn last one. */
	for (off = 0; off < len; off = (size_t)(nl - text) + 1) {
		nl = memchr(text + off, '\n', len - off);
		if (nl == NULL)
			break;
		if (nl + 1 == text + len &&
		    !line_is_sound(text + off, (size_t)(nl - text) - off))
			break;
		good = (size_t)(nl - text) + 1;
	}
	nl = memchr(text, '\n', len);
	if (nl == NULL || !line_is_sound(text, (size_t)(nl - text)) ||
	    strncmp(text, JOURNAL_MAGIC "\t", sizeof(JOURNAL_MAGIC)) != 0) {
		*cause = xasprintf("cannot open draft %s: no journal header",
		    path);
		free(text);
		return NULL;
	}
	free(text);
	if ((fd = fsdir_open(path, O_WRONLY | O_APPEND, 0)) == -1) {
		*cause = xasprintf("cannot open draft %s: %s", path,
		    fsdir_strerror(errno));
		return NULL;
	}
	j = xcalloc(1, sizeof(*j));
	j->fd = fd;
	j->path = xstrdup(path);
	j->id = draft_id(path);
	j->size = (off_t)good;
	j->dirty = good < len;
	buf_init(&b);
	event_start(&b, "resume");
	if (append(j, &b, "the resumption", cause) == -1) {
		buf_free(&b);
		journal_close(j);
		return NULL;
	}
	buf_free(&b);
	return j;
}

void
journal_close(struct journal *j)
{
	if (j == NULL)
		return;
	if (j->fd != -1)
		close(j->fd);
	free(j->path);
	free(j->id);
	free(j);
}

int
journal_append_answer(struct journal *j, const char *item,
    const struct answer *a, char **cause)
{
	struct buf	 b, ans;
	int		 rc;

	if (!valid_item(item, cause))
		return -1;
	buf_init(&b);
	buf_init(&ans);
	session_encode_answer(a, &ans);
	event_start(&b, "answer");
	field(&b, item);
	field(&b, ans.data != NULL ? ans.data : "");
	rc = append(j, &b, "the answer", cause);
	buf_free(&ans);
	buf_free(&b);
	return rc;
}

int
journal_append_note(struct journal *j, const char *item, const char *note,
    char **cause)
{
	struct buf	 b;
	int		 rc;

	if (!valid_item(item, cause))
		return -1;
	buf_init(&b);
	event_start(&b, "note");
	field(&b, item);
	field(&b, note);
	rc = append(j, &b, "the note", cause);
	buf_free(&b);
	return rc;
}

int
journal_append_position(struct journal *j, const char *item, char **cause)
{
	struct buf	 b;
	int		 rc;

	if (!valid_item(item, cause))
		return -1;
	buf_init(&b);
	event_start(&b, "position");
	field(&b, item);
	rc = append(j, &b, "the position", cause);
	buf_free(&b);
	return rc;
}

int
journal_append_meta(struct journal *j, const char *key, const char *value,
    char **cause)
{
	struct buf	 b;
	int		 rc;

	if (strcmp(key, "rater") != 0 && strcmp(key, "visit") != 0 &&
	    strcmp(key, "reason") != 0) {
		*cause = xasprintf("cannot record: '%.40s' is not rater, "
		    "visit or reason", key);
		return -1;
	}
	buf_init(&b);
	event_start(&b, "meta");
	field(&b, key);
	field(&b, value);
	rc = append(j, &b, key, cause);
	buf_free(&b);
	return rc;
}

/* Reading. */

/* Splits a sound line's body at tabs and unescapes each field.  Returns
 * the number of fields, or -1 with *cause. */
static int
split(const char *body, size_t len, char **f, char **cause)
{
	const char	*p = body, *end = body + len, *tab;
	struct buf	 b;
	int		 n = 0;

	for (;;) {
		if ((tab = memchr(p, '\t', (size_t)(end - p))) == NULL)
			tab = end;
		if (n == MAX_FIELDS) {
			fields_free(f, n);
			*cause = xstrdup("too many fields");
			return -1;
		}
		buf_init(&b);
		buf_add(&b, "", 0);
		if (session_unescape(p, (size_t)(tab - p), &b, cause) == -1) {
			buf_free(&b);
			fields_free(f, n);
			return -1;
		}
		f[n++] = buf_take(&b);
		if (tab == end)
			break;
		p = tab + 1;
	}
	return n;
}

static void
fields_free(char **f, int n)
{
	while (n > 0)
		free(f[--n]);
}

static int
read_header(struct draft *dr, char **f, int n, const char *path,
    struct diag *d)
{
	struct session	*s = dr->session;
	const char	*v;
	char		*eq, *key, *c = NULL;
	long		 rev;
	int		 i, k, bad = 0;

	if (n < 2 || strcmp(f[0], JOURNAL_MAGIC) != 0) {
		diag_add(d, DIAG_ERROR, path, 1, "not a rater journal");
		return -1;
	}
	if (strcmp(f[1], JOURNAL_VERSION) != 0) {
		diag_add(d, DIAG_ERROR, path, 1, "unsupported journal version "
		    "'%.20s' (this version of rater reads 1)", f[1]);
		return -1;
	}
	for (i = 2; i < n; i++) {
		if ((eq = strchr(f[i], '=')) == NULL) {
			diag_add(d, DIAG_ERROR, path, 1, "header field "
			    "'%.40s' is not key=value", f[i]);
			bad++;
			continue;
		}
		key = f[i];
		*eq = '\0';
		v = eq + 1;
		for (k = 0; header_keys[k] != NULL; k++)
			if (strcmp(key, header_keys[k]) == 0)
				break;
		switch (k) {
		case 0:
			session_set(&s->scale_id, v);
			break;
		case 1:
			session_set(&s->scale_version, v);
			break;
		case 2:
			if (sha256_hex_is_valid(v))
				memcpy(s->scale_sha256, v, 65);
			break;
		case 3:
			session_set(&s->scale_title, v);
			break;
		case 4:
			session_set(&dr->scale_path, v);
			break;
		case 5:
			session_set(&s->patient, v);
			break;
		case 6:
			session_set(&s->rater, v);
			break;
		case 7:
			session_set(&s->visit, v);
			break;
		case 8:
			session_set(&s->started, v);
			break;
		case 9:
			if (parse_int(v, 1, 1000000, &rev) == 0)
				s->revision = (int)rev;
			break;
		case 10:
			session_set(&s->replaces, v);
			break;
		case 11:
			session_set(&s->reason, v);
			break;
		case 12:
			if (session_assessed_is_valid(v))
				session_set(&s->assessed, v);
			else {
				diag_add(d, DIAG_ERROR, path, 1, "header: "
				    "assessed '%.40s' is not a date or a "
				    "time", v);
				bad++;
			}
			break;
		case 13:
			session_set(&s->amended_by, v);
			break;
		default:
			diag_add(d, DIAG_WARNING, path, 1, "unknown header "
			    "key '%.40s' ignored", key);
			break;
		}
	}
	if (s->scale_id == NULL || !store_scale_id_is_valid(s->scale_id, &c) ||
	    s->scale_sha256[0] == '\0' || s->patient == NULL ||
	    !store_patient_id_is_valid(s->patient, &c) ||
	    s->started == NULL || !session_time_is_valid(s->started)) {
		diag_add(d, DIAG_ERROR, path, 1, "header: %s", c != NULL ? c :
		    "needs a valid scale, scale_sha256, patient and started");
		free(c);
		return -1;
	}
	/* A draft of format 1 knew no assessment time but its start. */
	if (s->assessed == NULL)
		s->assessed = xstrdup(s->started);
	if (s->rater == NULL)
		s->rater = xstrdup("");
	if (s->visit == NULL)
		s->visit = xstrdup("");
	if (s->scale_version == NULL)
		s->scale_version = xstrdup("");
	return bad > 0 ? -1 : 0;
}

/*
 * With a scale to check against: 1 if an answer or note event f names an
 * item of sc and (for an answer) holds a value valid for it; else a
 * warning and 0, and the line is skipped (rater-session(5)).
 */
static int
event_fits(const struct scale *sc, const struct strindex *idx, char **f,
    const char *path, int ln, struct diag *d)
{
	struct answer	 a;
	size_t		 i;
	char		*cause = NULL;

	if (sc == NULL || (strcmp(f[0], "answer") != 0 &&
	    strcmp(f[0], "note") != 0))
		return 1;
	if ((i = strindex_find(idx, f[2], strlen(f[2]))) == (size_t)-1) {
		diag_add(d, DIAG_WARNING, path, ln, "%s for an item not in "
		    "scale %s ('%.40s'): line skipped", f[0], sc->id, f[2]);
		return 0;
	}
	if (strcmp(f[0], "note") == 0)
		return 1;
	if (session_decode_answer(&sc->items[i], f[3], &a, &cause) == -1) {
		diag_add(d, DIAG_WARNING, path, ln, "%s: line skipped", cause);
		free(cause);
		return 0;
	}
	answer_clear(&a);
	return 1;
}

static void
replay_event(struct draft *dr, const struct scale *sc,
    const struct strindex *idx, char **f, int n, const char *path, int ln,
    struct diag *d)
{
	struct session	*s = dr->session;
	size_t		 i;
	int		 want;

	if (strcmp(f[0], "answer") == 0 || strcmp(f[0], "note") == 0 ||
	    strcmp(f[0], "meta") == 0)
		want = 4;
	else if (strcmp(f[0], "position") == 0)
		want = 3;
	else if (strcmp(f[0], "resume") == 0)
		want = 2;
	else {
		diag_add(d, DIAG_ERROR, path, ln, "unknown event '%.20s' "
		    "skipped", f[0]);
		dr->nbad++;
		return;
	}
	if (n != want || !session_time_is_valid(f[1]) ||
	    (want > 2 && strcmp(f[0], "meta") != 0 && !is_ident(f[2]))) {
		diag_add(d, DIAG_ERROR, path, ln, "malformed %s event "
		    "skipped", f[0]);
		dr->nbad++;
		return;
	}
	if (!event_fits(sc, idx, f, path, ln, d)) {
		dr->nbad++;
		return;
	}
	dr->nevents++;
	session_set(&dr->updated, f[1]);
	if (strcmp(f[0], "answer") == 0) {
		i = session_raw_item(s, f[2], ln);
		session_set(&s->raw[i], f[3]);
		s->lines[i] = ln;
	} else if (strcmp(f[0], "note") == 0) {
		i = session_raw_item(s, f[2], ln);
		session_set_note(s, i, f[3]);
	} else if (strcmp(f[0], "position") == 0)
		session_set(&s->position, f[2]);
	else if (strcmp(f[0], "meta") == 0) {
		if (strcmp(f[2], "rater") == 0)
			session_set(&s->rater, f[3]);
		else if (strcmp(f[2], "visit") == 0)
			session_set(&s->visit, f[3]);
		else if (strcmp(f[2], "reason") == 0)
			session_set(&s->reason, f[3]);
		else {
			diag_add(d, DIAG_ERROR, path, ln, "unknown meta key "
			    "'%.20s' skipped", f[2]);
			dr->nbad++;
			dr->nevents--;
		}
	}
}

void
draft_clear(struct draft *dr)
{
	if (dr == NULL)
		return;
	free(dr->path);
	free(dr->id);
	free(dr->scale_path);
	free(dr->updated);
	session_free(dr->session);
	memset(dr, 0, sizeof(*dr));
}

int
journal_read(const char *path, struct draft *dr, struct diag *d)
{
	return read_journal(path, NULL, dr, d);
}

/* journal_read(), and with sc, events that do not fit it skipped. */
static int
read_journal(const char *path, const struct scale *sc, struct draft *dr,
    struct diag *d)
{
	char		*text, *line, *end, *nl, *f[MAX_FIELDS], *cause = NULL;
	size_t		 len, llen, i;
	int		 ln = 0, n;
	struct strindex	 idx;

	memset(f, 0, sizeof(f));
	memset(dr, 0, sizeof(*dr));
	if ((text = read_file(path, &len)) == NULL) {
		diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s",
		    fsdir_strerror(errno));
		return -1;
	}
	strindex_init(&idx, sc != NULL ? sc->nitems : 0);
	for (i = 0; sc != NULL && i < sc->nitems; i++)
		strindex_add(&idx, sc->items[i].id, i);
	dr->path = xstrdup(path);
	dr->id = draft_id(path);
	dr->session = session_alloc();
	dr->session->partial = 1;
	dr->session->answers = answers_new(0);
	end = text + len;
	for (line = text; line < end; line = nl + 1) {
		ln++;
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL) {
			diag_add(d, ln == 1 ? DIAG_ERROR : DIAG_WARNING, path,
			    ln, "incomplete last line ignored (an interrupted "
			    "write)");
			if (ln == 1)
				goto fail;
			break;
		}
		llen = (size_t)(nl - line);
		if (!line_is_sound(line, llen)) {
			if (ln == 1) {
				diag_add(d, DIAG_ERROR, path, ln, "the "
				    "journal header is damaged");
				goto fail;
			}
			if (nl + 1 == end)
				diag_add(d, DIAG_WARNING, path, ln,
				    "damaged last line ignored (an "
				    "interrupted write)");
			else {
				diag_add(d, DIAG_ERROR, path, ln, "damaged "
				    "line skipped (checksum mismatch)");
				dr->nbad++;
			}
			continue;
		}
		if ((n = split(line, llen - 9, f, &cause)) == -1) {
			diag_add(d, DIAG_ERROR, path, ln, "%s", cause);
			free(cause);
			cause = NULL;
			if (ln == 1)
				goto fail;
			dr->nbad++;
			continue;
		}
		if (ln == 1) {
			if (read_header(dr, f, n, path, d) == -1) {
				fields_free(f, n);
				goto fail;
			}
		} else
			replay_event(dr, sc, &idx, f, n, path, ln, d);
		fields_free(f, n);
	}
	if (ln == 0) {
		diag_add(d, DIAG_ERROR, path, 0, "empty journal");
		goto fail;
	}
	for (i = 0; i < dr->session->nitems; i++)
		if (dr->session->raw[i][0] != '\0')
			dr->nanswered++;
	strindex_free(&idx);
	free(text);
	return 0;
fail:
	strindex_free(&idx);
	free(text);
	draft_clear(dr);
	return -1;
}

struct session *
journal_replay(const char *path, const struct scale *sc, struct diag *d)
{
	struct draft	 dr;
	struct session	*s;

	if (read_journal(path, sc, &dr, d) == -1)
		return NULL;
	s = dr.session;
	dr.session = NULL;
	draft_clear(&dr);
	if (sc != NULL && session_bind(s, sc, d) == -1) {
		session_free(s);
		return NULL;
	}
	return s;
}

int
journal_list(struct store *st, struct draft **out, size_t *n,
    struct diag *d, char **cause)
{
	DIR		*dir;
	struct dirent	*de;
	struct draft	 dr, *v = NULL;
	char		*ddir, *path, *c = NULL;
	size_t		 len, nv = 0;

	*out = NULL;
	*n = 0;
	/* A draft whose save was interrupted is saved by this (and so no
	 * longer listed, never saved twice); when that cannot be done now
	 * the draft is listed as it is. */
	if (store_recover(st, &c) == -1) {
		diag_add(d, DIAG_WARNING, st->dir, 0, "%s", c);
		free(c);
	}
	ddir = xasprintf("%s/drafts", st->dir);
	if ((dir = fsdir_opendir(ddir)) == NULL) {
		if (errno == ENOENT) {
			free(ddir);
			return 0;
		}
		*cause = xasprintf("cannot list drafts: %s (%s)",
		    fsdir_strerror(errno), ddir);
		free(ddir);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 8 ||
		    strcmp(de->d_name + len - 8, ".journal") != 0)
			continue;
		path = xasprintf("%s/%s", ddir, de->d_name);
		if (journal_read(path, &dr, d) == 0) {
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = dr;
		}
		free(path);
	}
	closedir(dir);
	free(ddir);
	*out = v;
	*n = nv;
	return 0;
}

void
journal_list_free(struct draft *v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		draft_clear(&v[i]);
	free(v);
}

int
journal_discard(struct store *st, const char *path, char **cause)
{
	return store_discard(st, path, cause);
}

int
journal_finish(struct store *st, const char *path, char **cause)
{
	char	*ddir;

	if (fsdir_unlink(path) == -1) {
		*cause = xasprintf("cannot remove draft %s: %s", path,
		    fsdir_strerror(errno));
		return -1;
	}
	ddir = xasprintf("%s/drafts", st->dir);
	store_fsync_dir(ddir);
	free(ddir);
	return 0;
}
