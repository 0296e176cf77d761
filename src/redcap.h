/*
 * redcap.h: a scale as a REDCap project sees it (rater describe
 * --format redcap, rater export --format redcap), and a scale drafted
 * from a REDCap data dictionary (rater new --from).  The module never
 * prints; see rater-interop(7), REDCAP, for the rules it follows.
 *
 * Names: a scale's form is its id with '-' made '_'; a field is
 * FORM_NAME with NAME an item or score id (lower case already).  Besides
 * its items a form has FORM_session, FORM_date and FORM_rater (an item
 * or score named complete, session, date or rater is FORM_NAME_r, as
 * REDCap has FORM_complete), a text
 * field per score (FORM_SCORE, the score rater computed, @READONLY) and,
 * where REDCap's calc syntax gives the same number, a calc field
 * FORM_SCORE_rc to cross-check it.
 */
#ifndef RATER_REDCAP_H
#define RATER_REDCAP_H

#include <stddef.h>

#include "scale.h"
#include "util.h"

#define REDCAP_NCOLS		18
#define REDCAP_NAME_MAX		100	/* REDCap refuses longer names */
#define REDCAP_NAME_ADVISED	26	/* REDCap advises at most this */

extern const char *const redcap_columns[REDCAP_NCOLS];

/* The form name of a scale id, and the field of a name in it; the
 * caller frees. */
char	*redcap_form(const char *scale_id);
char	*redcap_field(const char *scale_id, const char *name);

/*
 * Whether the scale can be written as a REDCap form: every item of a
 * kind REDCap can hold, field names unique (also against the fields
 * rater adds and FORM_complete), at most REDCAP_NAME_MAX bytes, option
 * labels without '|' or a line break.  0, or -1 with *cause (caller
 * frees).
 */
int	 redcap_scale_is_valid(const struct scale *, const char *record_id,
	    char **cause);
/* The same of several scales in one project: also no field in two
 * forms ("a" item b_c and "a_b" item c are both a_b_c). */
int	 redcap_scales_are_valid(const struct scale *const *, size_t n,
	    const char *record_id, char **cause);

/*
 * The data dictionary of n scales, header row first, then the record
 * id field (a text field of the first form), then a form per scale.
 * A field name over REDCAP_NAME_ADVISED characters is a line in warn
 * ("FIELD: N characters; ...").  0, or -1 with *cause when a scale
 * cannot be written (nothing useful is then in b).
 */
int	 redcap_dictionary(struct buf *b, const char *record_id,
	    const struct scale *const *scales, size_t n, struct buf *warn,
	    char **cause);

/*
 * Branching logic for an item's show-if, or NULL when REDCap cannot
 * express it exactly (see redcap.c); the caller frees.  A calc formula
 * for a score, or NULL likewise.
 */
char	*redcap_branching(const struct scale *, const struct item *);
char	*redcap_calc(const struct scale *, const struct score *);

/*
 * A scale file drafted from a REDCap data dictionary (the CSV text in
 * data): the fields of form (NULL: the dictionary's only form, not
 * counting the record id field), as scale id.  The INI goes to ini;
 * things that did not map are "; TODO:" comments in it and lines in
 * notes (one per line, "dictionary.csv:LINE: FIELD: ...").  0, or -1
 * with *cause ("FILE:LINE: ...") for a dictionary it cannot read: not
 * a REDCap dictionary, an unknown field type, a choice code that is
 * not a number.
 */
int	 redcap_draft(const char *name, const char *data, size_t len,
	    const char *id, const char *form, struct buf *ini,
	    struct buf *notes, char **cause);

#endif
