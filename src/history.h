/*
 * history.h: a patient's sessions over time, for the review commands
 * (rater list, show, export, verify) and the review screens.
 *
 * Every session is scored with the scale version it was rated with: the
 * copy archived in the store under the sha256 the session names, else
 * the current scale file when, and only when, its sha256 is that same
 * one.  A session whose version cannot be found is "unscorable": it is
 * reported, never scored with another version.
 *
 * A session file that amends another names it (replaces = ID); the
 * files so linked form a chain of revisions.  The "latest" revision of
 * a chain is the one no other file replaces; everything here that
 * speaks of sessions means latest revisions unless it says otherwise.
 *
 * The baseline of a patient's sessions of one scale is the session
 * whose visit is exactly "baseline" (the earliest of them if several),
 * else the earliest session.  Earliest and newest go by when the patient
 * was assessed (history_assessed_utc), converted to UTC, then by id; the
 * time of entry (started) does not order sessions.
 *
 * Change from baseline, for a score: change = value - baseline, and
 * percent = change / baseline * 100, not available when the baseline
 * is 0 or either value is missing.  Values are taken as printed, i.e.
 * rounded to the score's decimals, so that the change shown always
 * matches the numbers shown.  "Improvement" follows the score's
 * direction: for a higher-is-worse score it is -change (and -percent).
 * Responder rules (rater-scale(5)): N% = improvement of at least N
 * percent; N = improvement of at least N points; <= N / >= N = the
 * value itself at or below / at or above N.
 *
 * Ownership: a struct history borrows the store and the scale
 * directories and owns every scale it loads; scales and versions it
 * hands out stay valid until history_close().  A struct hist_patient
 * owns its sessions and results and borrows its scales from the history
 * it was loaded from.  Nothing here prints, exits or touches the
 * terminal; problems go to a caller's struct diag.
 */
#ifndef RATER_HISTORY_H
#define RATER_HISTORY_H

#include <stddef.h>

#include "scale.h"
#include "score.h"
#include "session.h"
#include "store.h"
#include "util.h"

/* One scale version (scale id + sha256), as found for scoring. */
struct hist_version {
	char		*scale_id;
	char		 sha256[65];
	struct scale	*sc;		/* NULL: not available */
	int		 archived;	/* sc is the archived copy */
	char		*note;		/* sc == NULL: why; else, when
					   not archived: what is wrong
					   with the archive; NULL when
					   all is well */
};

struct history;

/*
 * Opens the review model on a store.  scale_dirs (NULL-terminated, may
 * be NULL) is where current scale files are looked for when a version
 * is not archived.  Both are borrowed and must outlive the history.
 */
struct history	*history_open(struct store *, char *const *scale_dirs);
/* Frees the history and every scale it loaded; accepts NULL. */
void		 history_close(struct history *);

/*
 * The scale version a session names, loaded once and cached by sha256
 * (sessions of one version share one struct scale).  Never NULL; look
 * at ->sc.  Borrowed: valid until history_close().
 */
const struct hist_version *history_version(struct history *,
		    const char *scale_id, const char *sha256);
/*
 * Every version loaded so far, in the order first asked for.
 * Borrowed.
 */
const struct hist_version *const *history_versions(const struct history *,
		    size_t *n);

/*
 * Every patient directory of the store that holds a valid patient id,
 * sorted (strcmp).  A strange entry is a warning in d.  Returns 0 and
 * sets *ids (free with history_patients_free) and *n, or -1 with
 * *cause when the sessions directory cannot be read.
 */
int		 history_patients(struct history *, char ***ids, size_t *n,
		    struct diag *d, char **cause);
void		 history_patients_free(char **, size_t);

/* Filters; NULL members match everything.  Dates are YYYY-MM-DD and
 * compare with the local date of assessed, inclusive. */
struct history_filter {
	const char	*scale;
	const char	*visit;
	const char	*since;
	const char	*until;
};

/* 1 if s is a valid YYYY-MM-DD date. */
int		 history_date_is_valid(const char *s);

/* One session file of a patient. */
struct hist_session {
	struct session		*s;	/* owned; bound when scored */
	const struct hist_version *ver;	/* its scale version (borrowed),
					   NULL when not looked up */
	const struct scale	*sc;	/* ver->sc once bound, or
					   NULL */
	struct result		*r;	/* its scores, when scored */
	char			*why;	/* when not scorable: why */
	size_t			 nmismatch; /* stored scores that the
					   recomputation disagrees
					   with */
	long long		 t;	/* assessed, in seconds since
					   the epoch (UTC) */
	int			 latest; /* no file replaces or
					   resolves it */
	int			 match;	/* matches the filter's
					   visit */
	struct hist_session	*prev;	/* the revision it replaces,
					   when that file was read,
					   else NULL */
	size_t			 nnext;	/* files that replace it (> 1:
					   the chain forks) */
	size_t			 nopen;	/* latest revisions that descend
					   from it (a fork with more
					   than one is reported) */
	struct hist_session	*resolved_by; /* the amendment that
					   closed this branch of a fork
					   (resolves), or NULL */
};

/* A patient's sessions of one scale: latest revisions only. */
struct hist_group {
	const char		*scale_id; /* borrowed from a session */
	struct hist_session	**v;	/* newest first (borrowed) */
	size_t			 n;
	struct hist_session	*baseline;	/* NULL if n == 0 */
};

struct hist_patient {
	char			*id;
	struct hist_session	**all;	/* every file read, owned; by
					   assessed (UTC), then id */
	size_t			 nall;
	struct hist_session	**latest; /* latest revisions matching
					   the filter, same order; borrowed */
	size_t			 nlatest;
	struct hist_group	*groups;  /* by scale id (strcmp) */
	size_t			 ngroups;
};

/* history_patient() flags. */
#define HIST_ALL_REVISIONS	0x1	/* score earlier revisions too */
#define HIST_NO_CHECK		0x2	/* do not compare stored scores */
#define HIST_NO_SCORE		0x4	/* score nothing: the caller scores
					   what it needs (history_score) */

/*
 * Loads one patient's session files (the scale filters what is read:
 * an amendment keeps the scale of what it amends), links revisions,
 * scores every latest revision with its own scale version (and, with
 * HIST_ALL_REVISIONS, every earlier one), compares the recomputed
 * scores with those stored (unless HIST_NO_CHECK), groups the latest
 * revisions by scale and finds each group's baseline.  The visit, since
 * and until filters apply to latest revisions (a revision may change
 * the visit or the assessment date): ->latest holds only those that
 * match, the groups hold all of them.  Files that cannot be read,
 * versions that cannot be found, answers that do not fit their scale,
 * scores that disagree and forked chains are reported in d, by file
 * name.  Returns NULL with *cause for a bad filter or an unreadable
 * directory; a patient with no sessions is an empty struct, not an
 * error.
 */
struct hist_patient *history_patient(struct history *, const char *patient,
		    const struct history_filter *, int flags, struct diag *d,
		    char **cause);
void		 history_patient_free(struct hist_patient *);
/* Scores one session as history_patient() does (flags: HIST_NO_CHECK),
 * if it is not scored yet; problems go to d. */
void		 history_score(struct history *, struct hist_session *,
		    int flags, struct diag *d);

/* The group of a scale, or NULL. */
const struct hist_group *history_group(const struct hist_patient *,
		    const char *scale_id);
/* The session with this id among all files read, or NULL. */
/* 1 if a and b are on different branches of a fork: neither descends
 * from the other and both descend from a revision two amendments
 * replace. */
int		 history_fork_branches(const struct hist_session *a,
		    const struct hist_session *b);
/* The fork hs is on, if it is still open (more than one branch left):
 * the nearest revision from hs back that two amendments replace and
 * from which more than one latest revision descends; else NULL. */
const struct hist_session *history_open_fork(const struct hist_session *);
struct hist_session *history_find(const struct hist_patient *,
		    const char *id);
/*
 * The revisions of hs's chain up to hs, oldest first (hs last), as far
 * as the files were read.  Returns how many; *out is allocated (free
 * it), its elements borrowed.
 */
size_t		 history_revisions(const struct hist_session *,
		    const struct hist_session ***out);

/*
 * Score i (index into hs->sc->scores) of a scored session, as printed:
 * rounded to the score's decimals.  Returns 1 and sets *v, or 0 when
 * the score has no value (or the session is not scored).
 */
int		 history_value(const struct hist_session *, size_t i,
		    double *v);
/* The band of score i in its j-th band set, or NULL. */
const char	*history_band(const struct hist_session *, size_t i,
		    size_t j);

enum hist_resp {
	HIST_RESP_NONE,		/* the score has no responder rule */
	HIST_RESP_NA,		/* a value needed is missing (or 0 for a
				   percentage) */
	HIST_RESP_NO,
	HIST_RESP_YES
};

/* Change of one score from baseline. */
struct hist_change {
	int		 has_value, has_base, has_change, has_pct;
	double		 value, base;
	double		 change;	/* value - base */
	double		 pct;		/* change / base * 100 */
	double		 improvement;	/* change, signed by the
					   direction */
	int		 better;	/* 1 improved, -1 worsened, 0
					   neither or unknown */
	int		 same_version;	/* both of one version */
	int		 base_has_score;/* the baseline's version has it */
	enum hist_resp	 responder;
};

/*
 * Change of score i of hs from the same score (by id) of base; base may
 * be NULL or unscorable (then has_base is 0).
 */
void		 history_change(const struct hist_session *hs,
		    const struct hist_session *base, size_t i,
		    struct hist_change *);

/*
 * The comparison of a responder threshold rule (RESP_THRESHOLD): 1 for
 * "<= N", 0 for ">= N".  struct score does not keep which was written;
 * it is taken from the score's direction (<= for higher-is-worse),
 * which is what the scale loader expects (it warns otherwise).
 */
int		 history_threshold_is_le(const struct score *);

/* A point of a trend: one session's value of one score. */
struct hist_point {
	const struct hist_session *hs;	/* borrowed */
	int		 has_value;
	double		 value;		/* as printed */
	const char	*band;		/* first band set, or NULL */
};

/*
 * The values of a score (by id) over a group's sessions, oldest first.
 * Sessions that cannot be scored or whose version has no such score
 * are points without a value.  Returns the count; *out is allocated
 * (free it).
 */
size_t		 history_trend(const struct hist_group *,
		    const char *score_id, struct hist_point **out);

/* Per-item comparison of two sessions (e.g. baseline and now). */
struct hist_itemcmp {
	const char	*id;		/* borrowed from a scale */
	const char	*text;
	const struct item *ia, *ib;	/* the item in a's and b's version,
					   NULL when absent */
	const struct answer *a, *b;	/* answers, NULL when absent */
	int		 shown_a, shown_b;	/* asked (show-if true) */
	int		 changed;	/* the answers differ */
	int		 has_delta;	/* both have values */
	double		 delta;		/* b - a */
};

/*
 * Compares two scored sessions item by item: the items of b's version
 * in its order, then those only in a's.  Returns the count; *out is
 * allocated (free it), pointers borrowed from the sessions.
 */
size_t		 history_compare(const struct hist_session *a,
		    const struct hist_session *b, struct hist_itemcmp **out);

/* "not applicable", "unknown", "declined", "not answered", or NULL for
 * an answer with a value or text. */
const char	*history_missing_name(enum answer_kind);

/* text_escape(b, s, TEXT_ESC_BACKSLASH): what is shown of a stored
 * text (util.h has the rule). */
void		 history_escape(struct buf *, const char *);

/*
 * Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS+HH:MM".  Returns 0,
 * or -1 when the time is not valid.
 */
int		 history_time_utc(const char *, long long *);
/*
 * When a session's patient was assessed, in seconds since the epoch:
 * its assessed time; a date alone counts as the start of that day at
 * the UTC offset of started (the time zone it was entered in).
 * Returns 0, or -1 (and *out = 0) when neither is valid.
 */
int		 history_assessed_utc(const struct session *, long long *);

/* How far an assessment may lie ahead of the clock (skew), seconds. */
#define HISTORY_SKEW		300

/*
 * The checks of a new session's assessment date and visit, before it
 * is rated or recorded, given the time now:
 * - an error: assessed more than HISTORY_SKEW seconds after now, or a
 *   date alone after now's date ("... is in the future");
 * - a warning: assessed more than max_backdate days before the
 *   earliest assessment of the patient's sessions (or before now, for
 *   a patient with none); a date alone counts to the end of its day;
 * - a warning: a latest revision of the same scale at the same visit
 *   (when visit is not empty), named with its assessment date.
 * Each goes to d with the patient id as its file.  Returns the number
 * of errors (0: the session may go on), or -1 with *cause when the
 * patient's sessions cannot be listed.
 */
int		 history_check_new(struct history *, const char *patient,
		    const char *scale, const char *visit,
		    const char *assessed, const char *now, long max_backdate,
		    struct diag *d, char **cause);

/* Sorts diagnostics by file, line, then message, so output is stable. */
void		 history_sort_diag(struct diag *);

#endif
