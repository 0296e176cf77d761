/*
 * score.h: compute every score, band and flag of a scale for a set of
 * answers.  Pure: no I/O.
 */
#ifndef RATER_SCORE_H
#define RATER_SCORE_H

#include "scale.h"

struct result {
	size_t		 nitems, nscores, nflags;
	struct val	*vals;		/* nitems + nscores, by symbol */
	unsigned char	*hidden;	/* per item: show-if was false */
	int		*bands;		/* per score x its band sets: index of
					   the band, -1 = none (value
					   missing) */
	unsigned char	*raised;	/* per flag */
	enum expr_err	*errs;		/* per score: EXPR_OK or a runtime
					   error such as EXPR_ERR_DIVZERO */
	size_t		 nanswered;	/* items with a value (not hidden) */
	size_t		 nmissing;	/* shown items unanswered/unk/ref */
};

struct result	*result_new(const struct scale *);
void		 result_free(struct result *);

/*
 * Evaluates show-if conditions in item order (a hidden item counts as
 * NA whatever was entered), then the scores in dependency order, their
 * bands, then the flags.
 */
void		 score_compute(const struct scale *, const struct answer *,
		    struct result *);

/* Value of score i (index into scale.scores). */
const struct val *result_score(const struct result *, size_t i);
/* Band label of score i in its j-th band set, or NULL. */
const char	*result_band(const struct scale *, const struct result *,
		    size_t i, size_t j);
/* Whether item i is shown given the answers so far. */
int		 result_item_shown(const struct result *, size_t i);

/* How a score was made (see "Basis" in expr.c). */
enum score_basis {
	BASIS_NONE,		/* no value */
	BASIS_COMPLETE,		/* every item it expects has a value */
	BASIS_PARTIAL,		/* some dropped out (na): used < expected */
	BASIS_PRORATED		/* prorate() stood in for missing ones */
};

/*
 * The basis of score i; with buf, also its text: "prorated 8/9" or
 * "partial 16/18" (items used / items expected), "" when complete or
 * without a value.
 */
enum score_basis result_basis(const struct result *, size_t i, char *buf,
		    size_t len);

/* Formats a score value with the score's decimals, "NA" when not a
 * number. */
char		*score_format(const struct score *, const struct val *,
		    char *buf, size_t len);

/*
 * The result as `rater score` prints it, appended to b: one line per
 * score "id TAB value [TAB band]..." (a band column per band set, NA
 * when the value is missing), then "basis TAB id TAB text" per score
 * that is prorated or partial (result_basis), then "flag TAB id TAB
 * level TAB text" per raised flag.
 */
void		 score_report(const struct scale *, const struct result *,
		    struct buf *);

/*
 * The result as a [test.NAME] section that `rater lint` runs, appended
 * to b (rater try): a comment line, "[test.NAME]", "answers = " and
 * answers (id=value tokens, as the caller encoded them), then per score
 * "id = value", "id.band = band" per band set (id.band.SET for the
 * second on), "id.basis = text" when prorated or partial, and "flags =
 * ids" (or none).  Keys are padded to one width.
 */
void		 score_report_test(const struct scale *, const struct result *,
		    const char *name, const char *answers, struct buf *);

/*
 * The bands of score i for a summary, appended to b: with one band set
 * its band ("Moderate", "NA" without a value); with several, the
 * primary (first) one's band and the set's name, then each secondary
 * set by name: "Mild (Zimmerman 2013); CamCOPS (Guy 1976): Moderate".
 * Nothing for a score without band sets.
 */
void		 score_bands_text(const struct scale *, const struct result *,
		    size_t i, struct buf *b);

/*
 * Whether a score is a measure (type = number): only measures have a
 * trend, a change from baseline and a responder rule; a category or a
 * code is shown, never subtracted (issue 14.6).
 */
int		 score_is_measure(const struct score *);
/* Index of the first measure of a scale, or -1. */
long		 scale_first_measure(const struct scale *);

/* The band label for a value in a band set, or NULL. */
const char	*bandset_label(const struct bandset *, double);

#endif
