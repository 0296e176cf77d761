/*
 * store.h: the data directory.
 *
 *	$DATA/sessions/<patient>/<YYYYMMDD>T<HHMMSS>-<scale>-<n>.ini
 *	$DATA/drafts/<draft id>.journal		(journal.h)
 *	$DATA/trash/				discarded drafts
 *	$DATA/scales/<sha256>/<scale id>.ini	every scale file used
 *	$DATA/audit.log				hash-chained, append-only
 *	$DATA/audit/<ws>.log			the same, per workstation
 *	$DATA/.workstation			this workstation's id
 *	$DATA/.lock				flock(2)ed while saving
 *	$DATA/.pending				the save in progress
 *
 * Directories are created 0700, files 0600.  A saved session is never
 * overwritten: files are created under a temporary name, fsync'd and
 * link(2)ed to their final name, which fails if the name exists.  See
 * rater-session(5).  Nothing here prints, exits or touches the terminal;
 * errors come back as -1 (or NULL) and a *cause the caller frees.
 */
#ifndef RATER_STORE_H
#define RATER_STORE_H

#include <stddef.h>

#include "scale.h"
#include "session.h"
#include "util.h"

/* Longest workstation id. */
#define STORE_WS_MAX	16

/* Seconds store_lock() waits for another process to finish a save. */
#define STORE_LOCK_WAIT	10

struct store {
	char	*dir;		/* the data directory */
	char	*user;		/* recorded in the audit log: the login
				   name of the effective uid; may be
				   replaced (owned, use session_set) */
	char	*ws;		/* the workstation id ($DATA/.workstation),
				   or NULL: ids without "@WS", one
				   audit.log */
	char	*audit;		/* the audit log this store appends to:
				   audit/<ws>.log, or audit.log */
	int	 lockfd;	/* $DATA/.lock, -1 if it cannot be opened */
	int	 lockerr;	/* errno of that failure */
	int	 locked;	/* depth of store_lock() calls */
	char *const *scale_dirs; /* the scale search path (borrowed,
				   NULL-terminated; NULL: none), the only
				   place a draft's scale_path may name */
};

/*
 * Opens a data directory, creating it (with parents) and its
 * subdirectories as needed.  A directory that exists but cannot be
 * written (a read-only copy) still opens, for reading: writes then fail
 * with their own error.  Free with store_close.
 */
struct store	*store_open(const char *dir, char **cause);
void		 store_close(struct store *);

/*
 * Exclusive lock on $DATA/.lock (nests); waits up to STORE_LOCK_WAIT s.
 * Taking it finishes first what a writer killed in the middle of a save
 * or discard left in $DATA/.pending (see store_save); when that fails,
 * so does the lock.
 */
int		 store_lock(struct store *, char **cause);
/* A shared lock, for a reader that needs the store to hold still (no
 * save in between); nothing is repaired.  Unlock with store_unlock. */
int		 store_lock_shared(struct store *, char **cause);
void		 store_unlock(struct store *);
/*
 * Finishes an interrupted save or discard, if $DATA/.pending records
 * one (taking the lock for it).  Returns 0, or -1 with *cause when it
 * could not be finished (a read-only store, the lock busy).
 */
int		 store_recover(struct store *, char **cause);

/*
 * Patient ids: 1 to 64 bytes of [A-Za-z0-9._-], not starting with '.'
 * or '-', no "..".  Scale ids: 1 to 64 bytes of [a-z0-9_-] (as the
 * scale loader requires).  Session ids: "<patient>/<YYYYMMDD>T<HHMMSS>-
 * <scale>-<n>[@<ws>]", n from 1 without leading zeros, ws the
 * workstation that saved it (a store with a workstation id), and for a
 * revision R from 2 the id of its first revision and ".rR[@<ws>]", ws
 * the workstation that amended it (no session can take that name;
 * amendments saved before that took the next free n).  Workstation
 * ids: 1 to STORE_WS_MAX bytes of [a-z0-9].  Each returns 1, or 0 with
 * *cause (cause may be NULL).
 */
int		 store_patient_id_is_valid(const char *, char **cause);
int		 store_scale_id_is_valid(const char *, char **cause);
int		 store_session_id_is_valid(const char *, char **cause);
int		 store_workstation_is_valid(const char *, char **cause);
/*
 * Gives the store the workstation id ws: writes $DATA/.workstation
 * (atomically) unless it holds ws already, and from then on new ids
 * carry "@ws" and audit lines go to audit/<ws>.log.  Refused when the
 * store has another workstation id already.  0, or -1 with *cause.
 */
int		 store_set_workstation(struct store *, const char *ws,
		    char **cause);
/*
 * Patient ids are case-sensitive, but ids that differ only in case are
 * refused, so that P017 and p017 never become two patients (and a
 * case-insensitive file system never mixes their files): 1 when no
 * patient directory of the store has a name that equals id but for
 * case, unless one has exactly id (a store made before the rule may
 * hold both: each goes on); else 0 with *cause (may be NULL) naming the
 * existing patient.  store_save checks it too.
 */
int		 store_patient_id_is_distinct(struct store *, const char *id,
		    char **cause);
/*
 * The revision R a valid session id names with its ".rR" suffix, or 0
 * when it has none (a revision 1, or an amendment saved before ids
 * took the suffix: its file says which revision it is).
 */
int		 store_session_id_revision(const char *id);
/* The patient and scale ids of a valid session id (the caller frees
 * them). */
void		 store_session_id_parts(const char *id, char **patient,
		    char **scale);

/* Paths inside the store; the caller frees them. */
char		*store_session_path(const struct store *, const char *id);
char		*store_scale_path(const struct store *, const char *scale_id,
		    const char *sha256);

/*
 * Copies the scale file (scale->path) to scales/<sha256>/<id>.ini
 * unless it is there, after checking that its bytes still hash to
 * scale->sha256.  (A directory per hash keeps the file named after its
 * id, as the scale loader requires.)
 */
int		 store_archive_scale(struct store *, const struct scale *,
		    char **cause);
/*
 * Whether path, taken from a data file (a draft's scale_path), may be
 * read as the scale scale_id: it must be <scale_id>.ini directly in one
 * of st->scale_dirs (compared after resolving both).  Returns 1 or 0.
 */
int		 store_scale_file_is_allowed(const struct store *,
		    const char *path, const char *scale_id);
/* Loads an archived scale (hash checked); NULL with d on failure. */
struct scale	*store_load_scale(struct store *, const char *scale_id,
		    const char *sha256, struct diag *d);

/*
 * Saves a bound session as a new file.  action is "save" (revision 1)
 * or "amend" (revision >= 2, replaces an existing session, with a
 * reason).  Under the lock: archives the scale, assigns the id (the
 * first free n for the session's started time), records the intent
 * (action, id, sha256, temporary name, draft) in $DATA/.pending, writes
 * the file atomically, appends the audit line, removes the draft (when
 * one is given) and then the intent.  A process killed anywhere in
 * between is finished by the next store_lock: the same session, one
 * audit line, no draft left to save twice.  On success sets s->id,
 * s->path, s->finished (if it was NULL), s->status and the stored
 * scores.  On failure returns -1 with *cause, leaves nothing behind and
 * leaves the session (and the draft) as it was.
 */
int		 store_save(struct store *, struct session *,
		    const struct scale *, const char *action, char **cause);
/* The same, for the session of the draft journal at draft (a path in
 * $DATA/drafts/), which is removed as part of the save. */
int		 store_save_draft(struct store *, struct session *,
		    const struct scale *, const char *action,
		    const char *draft, char **cause);
/* Reads a saved session by id (unbound); NULL with d on failure. */
struct session	*store_read(struct store *, const char *id, struct diag *d);

/* Listing filters; NULL members match everything.  Dates are
 * YYYY-MM-DD and compare with the date of assessed (inclusive). */
struct store_filter {
	const char	*patient;
	const char	*scale;
	const char	*visit;
	const char	*since;
	const char	*until;
};

/*
 * Calls cb for every saved session that matches, in directory order
 * (unsorted).  cb owns the unbound session it is given (session_free
 * it) and returns 0 to go on, anything else to stop.  A file that cannot
 * be read or parsed is reported in d and skipped.  Returns 0, or -1
 * with *cause for a bad filter or an unreadable sessions directory.
 */
int		 store_list(struct store *, const struct store_filter *,
		    int (*cb)(struct session *, void *), void *arg,
		    struct diag *d, char **cause);
/* The same, collected into an array (free with store_list_free). */
struct session	**store_list_all(struct store *, const struct store_filter *,
		    size_t *n, struct diag *d, char **cause);
void		 store_list_free(struct session **, size_t);

/*
 * Appends "time TAB user TAB action TAB id TAB sha256 TAB chain" to
 * audit.log under the lock, fsync'd; user is the login name of the
 * effective uid (st->user), and for a save or amendment by store_save
 * followed by " (NAME)", the session's rater or amended_by, when that
 * is set and is not the login itself; chain = sha256 hex of the previous
 * line's chain, a tab and the first five fields (64 zeros before the
 * first line).  On failure the log is cut back to where it was.
 */
int		 store_audit_append(struct store *, const char *action,
		    const char *id, const char *sha256, char **cause);
/*
 * Checks every line of every audit log (store_audit_logs), each chain
 * alone: its form, the chain, and that each file it names still has
 * the hash recorded (a discard only in this workstation's own log);
 * then that every session file and every file in trash/ is named by a
 * line of some log (saying so when it
 * is the interrupted save recorded in $DATA/.pending).  Each problem
 * goes to d ("DATA/audit.log:N: ...").  Returns the number of problems,
 * or -1 (with d) when the log cannot be read.  A missing log has no
 * problems.  Take store_lock_shared first for a consistent view.
 */
int		 store_audit_verify(struct store *, struct diag *d);
/*
 * The audit logs of the store, each a chain of its own: audit.log
 * first (when it exists, or is this store's log), then audit/<ws>.log
 * by name, always including st->audit.  Free with
 * store_audit_logs_free.
 */
char		**store_audit_logs(struct store *, size_t *n);
void		 store_audit_logs_free(char **, size_t);
/* Whether a save or amend line of the audit log names the session id:
 * 1, 0, or -1 when the log cannot be read. */
int		 store_audit_has(struct store *, const char *id);
/*
 * Warnings (to d) about the data directory's files: directories whose
 * mode is not 0700, files open to the group or others, and temporary
 * files (.tmp-*) left by a killed writer.  Returns how many.
 */
int		 store_verify_modes(struct store *, struct diag *d);

/*
 * Walks the data directory (less .git) and reports, as errors in d,
 * every symbolic link below it and every entry that is neither a
 * regular file nor a directory: rater follows no link there and reads
 * no FIFO or device.  Returns the number reported.
 */
int		 store_verify_files(struct store *, struct diag *d);

/*
 * Moves a file into $DATA/trash/ under its own name (".1", ".2" ...
 * appended if taken), never replacing anything.  *trashed (may be NULL)
 * gets the new name relative to $DATA, e.g. "trash/x.journal".
 */
int		 store_trash(struct store *, const char *path, char **trashed,
		    char **cause);

/*
 * Gives up a draft (a path in $DATA/drafts/): under the lock, moves it
 * to the trash (store_trash's naming) and appends a "discard" audit
 * line, with the intent recorded in $DATA/.pending as for a save.
 */
int		 store_discard(struct store *, const char *path,
		    char **cause);

/*
 * The session id (or trash/NAME) of the save or discard recorded in
 * $DATA/.pending: 1 with *id (the caller frees it), 0 when there is
 * none, -1 when it is damaged (*id NULL).
 */
int		 store_pending_id(struct store *, char **id);

/* Low-level helpers shared with journal.c. */
int		 store_write_all(int fd, const void *, size_t);	/* errno */
int		 store_fsync_dir(const char *dir);		/* errno */

#endif
