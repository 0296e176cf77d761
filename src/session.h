/*
 * session.h: one rating session in memory and its plain-text file
 * (format 3, formats 1 and 2 still read; the file is described in
 * rater-session(5)).
 *
 * A session is either bound to its scale (answers parsed against the
 * items, in the scale's item order) or unbound (just read from a file
 * or a draft journal, answers kept as the strings stored there, in file
 * order).  session_new() makes a bound session; session_parse() and
 * journal replay make unbound ones; session_bind() binds.
 *
 * Ownership: a struct session owns every pointer in it.  To change a
 * string field, use session_set(&s->visit, "week 4") (it frees the old
 * value).  Nothing here prints, exits or touches the terminal.
 */
#ifndef RATER_SESSION_H
#define RATER_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "scale.h"
#include "util.h"

#define SESSION_FORMAT		3	/* written (4 with resolves) */
#define SESSION_FORMAT_MAX	4	/* 1 to 4 are read */
/* "2026-11-26T10:15:00+01:00" and a NUL. */
#define SESSION_TIME_LEN	26

struct session {
	/* Header.  NULL = not set. */
	char		*id;		/* "P017/20261126T101500-phq9-1";
					   NULL until saved */
	char		*scale_id;
	char		*scale_version;
	char		 scale_sha256[65];
	char		*scale_title;
	char		*patient;
	char		*rater;		/* may be "" */
	char		*visit;		/* may be "" */
	char		*assessed;	/* when the patient was assessed:
					   a time as started, or a date
					   alone ("2026-11-26", time not
					   known); a format-1 file's is
					   its started */
	char		*started;	/* ISO 8601 with UTC offset; the
					   entry time, named in the id */
	char		*finished;	/* set when saved */
	char		*status;	/* "complete" | "incomplete", set when
					   saved or read */
	int		 revision;	/* 1, or 2.. for an amendment */
	char		*replaces;	/* id of the revision amended, or
					   NULL */
	char		*reason;	/* why it was amended, or NULL */
	char		*amended_by;	/* revision >= 2: who amended it (rater
					   stays who rated); NULL if not
					   recorded (files before it was) */
	char		*resolves;	/* format 4: the latest revisions of
					   the other branches of a fork that
					   this amendment closes, ids joined
					   by ",", or NULL */

	/* Answers: nitems entries.  Bound: scale item order, answers[i]
	 * is the answer, raw == NULL.  Unbound: order of the file,
	 * raw[i] is the stored string and answers[i] is ANS_NONE. */
	size_t		  nitems;
	char		**item_ids;
	struct answer	 *answers;
	char		**raw;
	char		**notes;	/* per item, NULL = no note */
	int		 *lines;	/* line of each answer in the file,
					   0 = none (used in messages) */
	size_t		  itemcap;	/* unbound: room in the arrays */
	struct strindex	 *ididx;	/* unbound: item_ids -> position
					   (built on first use; owned) */
	int		  bound;
	int		  partial;	/* from a journal: items absent are
					   simply unanswered */

	/* [scores] and [flags] as read from the file, in file order; for
	 * a session saved in this run, as written.  Empty for a new one. */
	size_t		  nstored;
	char		**stored_keys;	/* "total", "total.band", ... */
	char		**stored_values;
	int		 *stored_lines;
	size_t		  nflags;
	char		**flag_ids;
	char		**flag_levels;	/* "info" | "warning" | "critical" */
	int		 *flag_lines;

	int		  format;	/* format of the file read (1 or
					   2); 0 when not read */

	char		*path;		/* file read or saved, or NULL */
	char		*position;	/* draft: item id of the last position
					   event, or NULL */

	/* The bytes parsed (session_parse): their length and hash64(),
	 * which tell a changed file from the one a memo was made of
	 * (memo.h).  0 for a session not parsed. */
	size_t		  size;
	uint64_t	  digest;
};

/*
 * A new bound session for a scale: empty answers in item order, scale
 * id/version/sha256/title copied, revision 1, started = now (see
 * session_time_now).  Free with session_free.
 */
struct session	*session_new(const struct scale *);
/* Frees everything; accepts NULL. */
void		 session_free(struct session *);
/* Replaces an owned string field with a copy of v (NULL clears it). */
void		 session_set(char **field, const char *v);
/* Sets answer i (a deep copy: text is duplicated). */
void		 session_set_answer(struct session *, size_t i,
		    const struct answer *);
/* Sets or, with NULL or "", removes the note on item i. */
void		 session_set_note(struct session *, size_t i, const char *);

/*
 * Starts an amendment of a saved, bound session: a new session with the
 * same header (rater too: it stays who rated), answers and notes,
 * revision + 1, replaces = old id, reason copied, and no id, finished,
 * status, path, amended_by or resolves (the caller names who amends and
 * what fork it closes).  Returns NULL (with *cause) if old is not saved
 * or not bound, or reason is empty.
 */
struct session	*session_amend(const struct session *old, const char *reason,
		    char **cause);

/*
 * resolves (format 4): the ids joined by ",".  session_resolves_list
 * splits them (strv_free the result); session_resolves_check: 0, or -1
 * with *cause for an empty, invalid or repeated id.
 */
char		**session_resolves_list(const char *, size_t *);
int		 session_resolves_check(const char *, char **cause);

/*
 * 1 when every shown item that is not a text item has an answer or a
 * missing code (na, unk, ref), and every shown item declared `required`
 * has a value (a missing code does not do); text items are optional.
 */
int		 session_is_complete(const struct session *,
		    const struct scale *);
/*
 * The shown required items without a value, as "q9" or "q9, q12"
 * (caller frees), or NULL when there is none.
 */
char		*session_required_missing(const struct session *,
		    const struct scale *);

/*
 * Renders the whole file (format 2) into out (appended).  The session
 * must be bound to this scale (same id and sha256) and have an id,
 * started and finished.  [scores] and [flags] are computed here with
 * score_compute, and status from session_is_complete.  Returns 0, or
 * -1 with *cause (caller frees).
 */
int		 session_write(const struct session *, const struct scale *,
		    struct buf *out, char **cause);

/*
 * Reads a session file's text without a scale; name is used in the
 * "name:line: message" diagnostics (and kept as s->path).  Returns an
 * unbound session, or NULL when the text has any error (every error
 * found is in d, which may be NULL).
 */
struct session	*session_parse(const char *name, const char *text, size_t len,
		    struct diag *d);
/* session_parse of a file; a read error is reported in d too. */
struct session	*session_read(const char *path, struct diag *d);

/*
 * Binds an unbound session to its scale: answers are parsed with
 * scale_parse_answer (text items: see session_decode_answer) and put in
 * scale order.  Reports each unknown item, invalid value and (unless
 * partial) item missing from [answers] with its line; a scale file whose
 * sha256 differs from the session's is a warning.  Returns 0, or -1 and
 * leaves the session unbound.  Binding a bound session is an error.
 */
int		 session_bind(struct session *, const struct scale *,
		    struct diag *d);

/*
 * Recomputes scores, bands and flags with the bound scale and compares
 * them with those stored in the file.  Every disagreement is an error in
 * d, e.g. "total: stored 10, recomputed 11".  Returns how many.
 */
size_t		 session_check_scores(const struct session *,
		    const struct scale *, struct diag *d);

/*
 * Replaces the stored [scores] and [flags] with those the bound scale
 * computes now (store_save calls it after writing the file).
 */
void		 session_record_scores(struct session *, const struct scale *);

/*
 * The stored form of an answer, as in [answers] and the journal before
 * escaping: "" unanswered, "2", "0.5", "na", "unk", "ref", and a text
 * answer in double quotes ("\"so-so\"").  Appended to out.
 */
void		 session_encode_answer(const struct answer *, struct buf *out);
/*
 * The reverse, for an item: a quoted string is a text answer (text
 * items only); anything else goes through scale_parse_answer.  Returns
 * 0, or -1 with *cause.
 */
int		 session_decode_answer(const struct item *, const char *stored,
		    struct answer *, char **cause);

/*
 * Escaping of values (file and journal): backslash \\, newline \n, CR
 * \r, tab \t, other bytes below 0x20 and 0x7f as \xNN; every other byte
 * (UTF-8 or not) is kept.  session_unescape() accepts exactly these and
 * returns -1 with *cause on anything else (and on \x00).
 */
void		 session_escape(struct buf *, const char *);
/* The escape of one of those bytes (a backslash, or below 0x20, or
 * 0x7f); history_escape() shares it. */
void		 session_escape_byte(struct buf *, unsigned char);
int		 session_unescape(const char *, size_t, struct buf *,
		    char **cause);

/*
 * The current local time as "2026-11-26T10:15:00+01:00".  When the
 * environment variable RATER_NOW is set (same form), it is used instead,
 * so that tests are reproducible.  Returns 0; -1 with *cause when
 * RATER_NOW is malformed, and then buf holds the real time.
 */
int		 session_time_now(char buf[SESSION_TIME_LEN], char **cause);
/* 1 if s is exactly YYYY-MM-DDTHH:MM:SS+HH:MM (or -HH:MM), in range. */
int		 session_time_is_valid(const char *s);
/* 1 if s is a valid YYYY-MM-DD date. */
int		 session_date_is_valid(const char *s);
/* 1 if s is a valid assessment: a time as above, or a date alone. */
int		 session_assessed_is_valid(const char *s);
/*
 * An assessment date as given on the command line or a screen:
 * YYYY-MM-DD (kept as a date alone), YYYY-MM-DDTHH:MM (or with :SS; the
 * local time, given the UTC offset the time zone has on that day) or a
 * full time with its offset.  Writes the stored form to out.  Returns
 * 0, or -1 with *cause.
 */
int		 session_assessed_parse(const char *arg,
		    char out[SESSION_TIME_LEN], char **cause);
/* "20261126T101500" from a valid time (the local date and time). */
void		 session_time_stamp(const char *iso, char stamp[16]);

/*
 * For readers that build unbound sessions (journal replay): an empty
 * unbound session, and the index of an item id, appended if new.
 */
struct session	*session_alloc(void);
size_t		 session_raw_item(struct session *, const char *id, int line);

#endif
