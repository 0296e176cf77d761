/*
 * sync.h: a data directory synchronised with git (rater sync; issue
 * 16).  See rater-session(5), "Several workstations".
 *
 *	rater sync --remote URL --trial ID [--workstation WS]
 *		makes DATA a git working tree tracking URL (a bare
 *		repository, over ssh or a path), once;
 *	rater sync
 *		commits what is new, fetches, merges, pushes.
 *
 * Saves commit locally (sync_commit_saved) so nothing waits on the
 * network.  Nothing here prints.
 */
#ifndef RATER_SYNC_H
#define RATER_SYNC_H

#include <stddef.h>

#include "store.h"

/* Times a push rejected because another workstation pushed first is
 * retried (fetch, merge, push). */
#define SYNC_TRIES	8
/* Seconds after which a git lock file (index.lock ...) left in DATA/.git
 * is taken for the leftover of a killed git and removed. */
#define SYNC_STALE_LOCK	30

struct sync_report {
	size_t	 committed;	/* files committed before the exchange */
	size_t	 received;	/* session files the merge brought */
	size_t	 sent;		/* commits the remote did not have */
	int	 pushed;	/* the remote has everything of ours */
	int	 retries;	/* pushes refused, fetched and retried */
	int	 offline;	/* the remote could not be reached */
	size_t	 unsent;	/* then: commits here the remote has not */
	int	 stale;		/* stale git lock files removed */
};

/* Whether DATA is a git working tree (DATA/.git is a directory). */
int	sync_is_tree(const struct store *);

/*
 * Commits paths (relative to DATA, NULL-terminated) after a save, with
 * message msg, under the store lock the caller holds.  Returns 0, or -1
 * with *cause; the caller ignores a failure: the save is complete, and
 * the next sync commits what is left.
 */
int	sync_commit_saved(struct store *, const char *const *paths,
	    const char *msg, char **cause);

/*
 * rater sync --remote: makes DATA a git working tree tracking url, with
 * the trial id trial (may be NULL when DATA/.trial has one) and the
 * workstation id ws (may be NULL: DATA/.workstation, else from the
 * host name), then synchronises as sync_run.  A remote of another trial
 * or one that already has a chain of this workstation id is refused
 * before DATA is changed.  0, or -1 with *cause (r says how far it
 * got).
 */
int	sync_setup(struct store *, const char *url, const char *trial,
	    const char *ws, struct sync_report *r, char **cause);

/*
 * rater sync: refuses changes in DATA that rater did not make (naming
 * the files, changing nothing); commits the new files; fetches; refuses
 * a remote whose history no longer contains what this workstation last
 * fetched or pushed, or of another trial; merges; pushes, and when the
 * push is refused (another workstation pushed first) fetches, merges
 * and pushes again.  0, or -1 with *cause (r->offline when the remote
 * could not be reached: what was committed stays for the next sync).
 */
int	sync_run(struct store *, struct sync_report *r, char **cause);

/* Whether s can be a trial id: 1 to 64 bytes of [A-Za-z0-9._-], not
 * starting with '.' or '-'.  1, or 0 with *cause (may be NULL). */
int	sync_trial_is_valid(const char *s, char **cause);

#endif
