/*
 * rating.h: a rating in progress, without a terminal.
 *
 * A struct rating ties a bound session to its scale, its draft journal
 * and the running result, and moves through the items.  Every action
 * that changes the session (an answer, a missing code, a note) is
 * appended to the journal and fsync'd BEFORE the session and the
 * position change; navigation is journalled as a position event.  When
 * the journal cannot be written, the change is kept in memory, marked
 * pending and retried before the next event and at save; the action
 * returns -1 with a cause that says so, and the position does not move,
 * so that the rater sees the problem.
 *
 * A dry run (rater try) has no store and no journal: nothing is
 * written anywhere.
 *
 * The screens (src/ui_*.c) call these functions and nothing else to
 * change a rating; tests/unit/test_rating.c drives them without keys.
 * Nothing here prints, exits or touches the terminal.
 */
#ifndef RATER_RATING_H
#define RATER_RATING_H

#include <stddef.h>

#include "journal.h"
#include "scale.h"
#include "score.h"
#include "session.h"
#include "store.h"

struct rating {
	const struct scale *scale;	/* borrowed, or own_scale */
	struct scale	*own_scale;	/* loaded here (resume); owned */
	struct session	*session;	/* owned, bound to scale */
	struct store	*store;		/* borrowed; NULL in a dry run */
	struct journal	*journal;	/* owned; NULL until the first
					   event, and in a dry run */
	struct result	*result;	/* owned; up to date after every
					   action */
	size_t		 cur;		/* current item; scale->nitems =
					   past the last one (summary) */
	size_t		 nevents;	/* events journalled in this run */
	unsigned char	*pending_answer; /* per item: in memory only */
	unsigned char	*pending_note;
	unsigned char	*revealed;	/* per item: a show-if that hid it
					   turned true and it has no answer
					   yet (issue 14.4) */
	int		 dry_run;
	int		 saved;		/* session->id and ->path are set */
	int		 resumed;	/* started from a leftover draft */
	/* Resumed past skipped journal lines: what to tell the rater
	 * ("2 lines of the draft skipped: ..."), else NULL.  Owned. */
	char		*skipped;
	int		 begun;		/* rating_begin was tried */
	int		 lockfd;	/* flock(2) on the journal, or -1 */
	/* An amendment (rating_amend, or a resumed draft of one): the
	 * session replaces a saved revision.  orig is that revision,
	 * bound to scale, to tell what changed (NULL when it could not
	 * be read back on resumption); owned. */
	int		 amend;
	struct session	*orig;
};

/* What the characters typed so far make of a choice item. */
enum rating_typed {
	RATING_TYPED_INVALID,	/* no option starts like this */
	RATING_TYPED_PREFIX,	/* an option starts like this: wait */
	RATING_TYPED_COMPLETE	/* an option's value, and no other option
				   starts like it: take it now */
};

/*
 * A new rating of scale for patient (checked with
 * store_patient_id_is_valid: a bad id returns NULL with *cause and
 * touches no file).  rater and visit may be NULL (stored as "");
 * assessed may be NULL (now, the start time) or an assessment date
 * (session_assessed_is_valid).  The
 * journal is created by rating_begin() or by the first event.  The
 * scale is borrowed and must outlive the rating.
 */
struct rating	*rating_new(struct store *, const struct scale *,
		    const char *patient, const char *rater,
		    const char *visit, const char *assessed, char **cause);
/* A dry run: nothing is ever written. */
struct rating	*rating_dry_run(const struct scale *);
/*
 * Resumes a leftover draft (as listed by journal_list): loads the scale
 * it was started with (the archived copy in the store, else the file it
 * names if its hash still matches), replays the journal into a bound
 * session, reopens the journal (a "resume" event) and locks it.  The
 * position is the first unanswered shown item (the summary when none is
 * left).  NULL with *cause on failure; the draft is left as it was.
 */
struct rating	*rating_resume(struct store *, const char *path,
		    char **cause);
/*
 * Starts an amendment of a saved session: old must be saved and bound to
 * sc, the scale version it was rated with (which must outlive the
 * rating).  The new session is session_amend(old, reason): the same
 * answers and notes, revision + 1, replaces = old's id, and the reason,
 * which is required (blank only, or holding control characters, it is
 * refused with *cause and nothing is written).  It is journalled like
 * any rating (the journal starts with the old answers and the reason,
 * so a crash leaves a draft that resumes as the amendment) and saved by
 * rating_save as a new revision (store_save "amend"); the old file is
 * never touched.  The position is the end (the summary).
 */
struct rating	*rating_amend(struct store *, const struct scale *,
		    const struct session *old, const char *reason,
		    char **cause);
/*
 * Items of an amendment whose answer or note differs from the revision
 * amended; 0 for a rating that is not an amendment (or whose original
 * is not known).
 */
size_t		 rating_amend_changes(const struct rating *);
/* Whether item i's answer or note differs from the revision amended. */
int		 rating_item_is_amended(const struct rating *, size_t i);
/* Frees everything, closing the journal (the draft file stays); accepts
 * NULL. */
void		 rating_free(struct rating *);

/* Creates the journal now if it does not exist yet. */
int		 rating_begin(struct rating *, char **cause);

/*
 * Records an answer (a deep copy is kept) for the current item and moves
 * to the next shown item (past the last: the end).  Returns 0, or -1
 * with *cause: not at an item, or the journal failed (then the answer is
 * kept in memory and the position stays).
 */
int		 rating_answer(struct rating *, const struct answer *,
		    char **cause);
/*
 * Parses typed text for the current item with scale_parse_answer (its
 * message is the cause on error) and records it as rating_answer does.
 */
int		 rating_enter(struct rating *, const char *text,
		    char **cause);
/* Records a missing code (ANS_NA, ANS_UNK or ANS_REF), if the item
 * allows it, and moves on. */
int		 rating_missing(struct rating *, enum answer_kind,
		    char **cause);
/* Clears the current item's answer (back to unanswered); stays. */
int		 rating_clear(struct rating *, char **cause);
/* Sets (or with NULL or "" removes) the note of the current item;
 * stays.  Control characters are refused. */
int		 rating_note(struct rating *, const char *, char **cause);

/*
 * Navigation: back to the previous shown item (stays at the first),
 * forward to the next shown item without answering (from the last:
 * the end), or to item number n (1-based, as shown; a hidden item is an
 * error).  rating_goto_text parses the number.  Each journals a position
 * event (ignored in a dry run, and a failure only warns: the move
 * happens).  Return 0, or -1 with *cause (the move still happened when
 * only the journal failed: check r->cur).
 */
int		 rating_back(struct rating *, char **cause);
int		 rating_next(struct rating *, char **cause);
int		 rating_goto(struct rating *, size_t n, char **cause);
int		 rating_goto_text(struct rating *, const char *,
		    char **cause);
/* To the end (the summary); no journal event. */
void		 rating_to_end(struct rating *);

/* What typed characters make of the current choice item. */
enum rating_typed rating_typed(const struct rating *, const char *typed);

/* 1 when the position is past the last item. */
int		 rating_at_end(const struct rating *);
/* The current item, or NULL at the end. */
const struct item *rating_item(const struct rating *);
/* Index of the first shown item with no answer; nitems when none. */
size_t		 rating_first_unanswered(const struct rating *);
/* Shown items (not text items) without an answer or missing code. */
size_t		 rating_nmissing(const struct rating *);
/*
 * Paper items skipped by show-if conditions given the answers so far:
 * those whose every item is hidden (HAM-D's 16A shown and 16B hidden
 * is no paper item skipped).  Progress reads "Item 6 of 6, 3 skipped".
 */
size_t		 rating_nskipped(const struct rating *);
/*
 * The first item that a changed answer brought back (its show-if turned
 * true) and that is still unanswered, nitems when none: the screens go
 * there after an item reopened from the summary, so that the rater is
 * asked it (C-SSRS: item 2 changed to yes asks items 3 to 5).
 */
size_t		 rating_next_revealed(const struct rating *);
/* Whether item i is unanswered and shown (text items excluded). */
int		 rating_item_is_missing(const struct rating *, size_t i);
/*
 * Whether flag f is raised and due to be shown while rating: an item's
 * missing_flag only once the rating has gone past that item (or is at
 * the end), not while the item is still ahead.  What is saved does not
 * depend on it.
 */
int		 rating_flag_is_due(const struct rating *, size_t f);
/* Whether item i is required, shown and without a value (unanswered
 * or a missing code). */
int		 rating_item_is_required_missing(const struct rating *,
		    size_t i);
/*
 * What an incomplete save leaves out, for the confirmation: "Missing:
 * 3 q3, 6 q6.  Scores that will be NA: Total." (caller frees), or NULL
 * when the session is complete.  Required items with a missing code
 * are named ("Required without a value: 9 q9."), and scores that will
 * be prorated or partial too ("Not from every item: Total prorated
 * 8/9.").
 */
char		*rating_incomplete_text(const struct rating *);

/*
 * Saves: hidden items are recorded as na (journalled), pending events
 * are written, then store_save; on success the draft is removed
 * (journal_finish) and r->saved is set.  On failure -1 with *cause
 * (store_save's reason): the draft and the rating stay as they were and
 * the save can be retried.  A dry run returns -1 ("nothing is saved").
 * An amendment is saved with store_save "amend", and refused when it
 * changes nothing (rating_amend_changes is 0 while the original is
 * known) or when, under the store lock, another file already replaces
 * the revision it amends (two amendments must not fork the chain).
 */
int		 rating_save(struct rating *, char **cause);
/*
 * Leaves without saving: the journal is closed and the draft kept;
 * a draft that holds no event at all, or an amendment that changes
 * nothing, is removed.  Returns the draft
 * path kept (borrowed until rating_free) or NULL.
 */
const char	*rating_leave(struct rating *);

/*
 * Whether another process holds the draft (it is being rated right now):
 * such drafts are not offered for resumption.
 */
int		 rating_draft_is_busy(const char *path);

/* Short name of a scale: its title up to the first ':' ("PHQ-9"). */
char		*rating_short_title(const char *title);

/*
 * Patient ids with saved sessions, most recent first (by the mtime of
 * their directory), at most max.  Returns the count; *out is a
 * NULL-terminated array the caller frees with rating_strv_free.
 */
size_t		 rating_recent_patients(struct store *, size_t max,
		    char ***out);
void		 rating_strv_free(char **);

#endif
