/*
 * memo.h: the score fields rater list has computed before, per patient.
 *
 *	$DATA/cache/list/<patient>
 *
 * Listing a session means scoring it with its own scale version, and
 * loading the dozen or more versions a patient's history names costs
 * more than reading all of that patient's files.  The memo keeps, for
 * each session scored without a diagnostic, the score fields of its
 * list row, under the session id, the length of the file and its
 * hash64().  The same bytes name the same scale version (by sha256),
 * and the same build of rater (the same sources, compiler and flags:
 * RATER_BUILD_ID) with the same iniparser (scale_parser_id()) computes
 * the same fields from them; the caller names both in the build string.
 * An entry whose file has changed, a line that fails its check and a
 * memo of another build or key are not used.  It is a cache: rebuilt
 * when missing, never needed; failing to read or write it is not an
 * error and changes no output.  Only rater list uses it: verify, show,
 * export and the review screens always score (and verify checks every
 * memo against the scores: memo_open_existing).
 *
 * The key: $DATA/memo.key, 32 random bytes made on first use, mode
 * 0600, ours; when it cannot be read or made (or is readable by
 * others), no memo is read or written.
 *
 * File: the line "rater list memo 2 BUILD KEYID", then one line per
 * session:
 *
 *	ID<TAB>SIZE<TAB>HASH<TAB>FIELDS<TAB>CHECK
 *
 * HASH, KEYID and CHECK are 16 lower-case hex digits; CHECK is the
 * HMAC-SHA256 under the key of BUILD, a newline and the line up to its
 * last tab, cut to 64 bits (line_check() in memo.c), so that a line
 * cannot be altered to pass without the key.
 * FIELDS (may be empty) are the tab-separated score fields, as rater
 * list prints them.  The file is replaced whole (a new file renamed
 * over it), its entries in session id order.
 */
#ifndef RATER_MEMO_H
#define RATER_MEMO_H

#include "session.h"

struct memo;

/* Reads the memo of a patient (an empty one when there is none or it
 * is unusable).  Never fails. */
struct memo	*memo_open(const char *datadir, const char *patient,
		    const char *build);
/* The fields remembered for this session's bytes, or NULL. */
const char	*memo_get(struct memo *, const struct session *);
/* Remembers (or replaces) the fields of a session that was read from a
 * file (s->size and s->digest set). */
void		 memo_put(struct memo *, const struct session *,
		    const char *fields);
/*
 * Writes the memo back if it changed.  With complete (every session
 * file of the patient was looked up), entries not looked up are
 * dropped: their files are gone.  Returns 0, or -1 with errno set
 * (the memo is then simply not kept).
 */
int		 memo_save(struct memo *, int complete);
void		 memo_close(struct memo *);

/* For rater verify: the memo of a patient as it is (no key is made),
 * or NULL when there is none or no key to check it with. */
struct memo	*memo_open_existing(const char *datadir, const char *patient,
		    const char *build);
/* How many of its lines failed their check (altered, or damaged). */
size_t		 memo_nbad(const struct memo *);
/* Its file (borrowed), and removing it: 0, or -1 with errno. */
const char	*memo_path(const struct memo *);
int		 memo_discard(struct memo *);

/* For tests and the fuzzer: a memo read from bytes under an all-zero
 * key (memo_save() then fails: it has no file), how many entries it
 * holds, and the bytes memo_save() writes (appended to b). */
struct memo	*memo_parse(const char *, size_t, const char *build);
size_t		 memo_count(const struct memo *);
void		 memo_format(struct memo *, int complete, struct buf *b);

#endif
