/*
 * journal.h: the append-only draft journal of a session being rated.
 *
 * $DATA/drafts/<draft id>.journal holds a header line (the draft's
 * metadata) and then one line per event: answer, note, position, meta
 * (rater, visit, reason) and resume.  Each line ends in a CRC-32 of its
 * text, and each append is written and fdatasync'd before the function
 * returns, so an answer is on disk once the screen moves on.  A torn
 * last line (kill -9, power cut) is ignored on replay; a damaged line
 * in the middle is reported and skipped.  See rater-session(5).
 */
#ifndef RATER_JOURNAL_H
#define RATER_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "scale.h"
#include "session.h"
#include "store.h"

struct journal {
	int	 fd;		/* open O_APPEND */
	char	*path;
	char	*id;		/* draft id: the file name less .journal */
	off_t	 size;		/* bytes known to be whole lines */
	int	 dirty;		/* bytes past size to cut before the next
				   append (a failed or torn write) */
};

/* A draft found on disk. */
struct draft {
	char		*path;
	char		*id;
	char		*scale_path;	/* scale file it was started with */
	char		*updated;	/* time of the last event */
	size_t		 nanswered;	/* items whose last answer is not
					   empty */
	size_t		 nevents;
	size_t		 nbad;		/* damaged lines skipped */
	struct session	*session;	/* replayed, unbound, partial; owned */
};

/*
 * Starts the journal of a session (bound to scale): archives the scale
 * file (store_archive_scale), creates drafts/<id>.journal (0600) with
 * the header, then records any answers and notes the session already
 * has (an amendment starts with the old ones).  Returns NULL with *cause
 * on failure, leaving no file behind.
 */
struct journal	*journal_create(struct store *, const struct session *,
		    const struct scale *, char **cause);
/*
 * Reopens a draft to go on rating: a torn last line is cut off, and a
 * "resume" event is appended.
 */
struct journal	*journal_open(const char *path, char **cause);
/* Closes the file and frees; accepts NULL. */
void		 journal_close(struct journal *);

/*
 * Each append writes one line and fdatasyncs it.  On failure (disk
 * full, I/O error) the file is cut back to its last whole line and -1
 * is returned with *cause: the caller keeps the answer in memory and
 * says so.  item is an item id; a NULL or "" note removes the note.
 */
int		 journal_append_answer(struct journal *, const char *item,
		    const struct answer *, char **cause);
int		 journal_append_note(struct journal *, const char *item,
		    const char *note, char **cause);
int		 journal_append_position(struct journal *, const char *item,
		    char **cause);
/* key is "rater", "visit" or "reason". */
int		 journal_append_meta(struct journal *, const char *key,
		    const char *value, char **cause);

/*
 * Reads a journal into *dr (cleared first; free with draft_clear).
 * Events replay in order, the last one for an item wins.  Returns 0 when
 * the header is readable (damaged lines are in d and dr->nbad), else -1.
 */
int		 journal_read(const char *path, struct draft *dr,
		    struct diag *d);
void		 draft_clear(struct draft *);
/*
 * Replays a journal into a session, bound to scale when scale is not
 * NULL (else unbound).  NULL with d on failure.
 */
struct session	*journal_replay(const char *path, const struct scale *scale,
		    struct diag *d);
/*
 * Every leftover draft in $DATA/drafts, in directory order, after
 * finishing an interrupted save (store_recover: the draft of a session
 * already saved is removed, not listed; when that cannot be done, a
 * warning in d).  Drafts that cannot be read are reported in d and left
 * out.  Returns 0 and sets *out and *n (free with journal_list_free), or
 * -1 with *cause.
 */
int		 journal_list(struct store *, struct draft **out, size_t *n,
		    struct diag *d, char **cause);
void		 journal_list_free(struct draft *, size_t);

/*
 * Gives up a draft: moves it to $DATA/trash/ (never deletes) and
 * records a "discard" line in the audit log (store_discard).
 */
int		 journal_discard(struct store *, const char *path,
		    char **cause);
/* Removes a draft once its session is saved. */
int		 journal_finish(struct store *, const char *path,
		    char **cause);

/* The CRC-32 (IEEE 802.3, reflected 0xedb88320) that ends each line. */
uint32_t	 journal_crc32(const char *, size_t);

#endif
