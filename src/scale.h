/*
 * scale.h: a rating scale as loaded from its INI file.
 *
 * scale_load() is the only entry to iniparser in the program: it reads
 * the file, checks everything a scale author can get wrong, copies the
 * result into the structures below and frees the dictionary.  Every
 * string in a struct scale is owned by it; free the lot with scale_free().
 */
#ifndef RATER_SCALE_H
#define RATER_SCALE_H

#include <stddef.h>

#include "expr.h"
#include "util.h"

enum item_type {
	ITEM_CHOICE,
	ITEM_NUMBER,
	ITEM_TEXT,
	ITEM_MULTI		/* several of its options in one answer */
};

/* Options a multi item may have (a selection is a 64-bit set). */
#define SCALE_MULTI_MAX	64

struct option {
	double	 value;
	char	*label;
	char	*key;		/* the value as written in the file ("0.5") */
};

struct item {
	char		*id;
	char		*text;		/* short label, in the author's
					   words */
	char		*help;		/* NULL if none */
	char		*group;		/* heading of a part of the form,
					   or NULL */
	char		*number;	/* on the paper form: "7", "16A" */
	long		 paper;		/* its digits: 16 for 16A */
	enum item_type	 type;
	char		*choices;	/* name of the [choices.*] list used */
	struct option	*opts;		/* ITEM_CHOICE, ascending by value */
	size_t		 nopts;
	double		 min, max;	/* range of values (choice: of
					   options) */
	double		 step;		/* ITEM_NUMBER: 0 = any */
	char		*loinc;		/* `loinc = ...`: its LOINC code,
					   or NULL */
	struct expr	*when;		/* show-if, NULL = always shown */
	char		*when_src;
	int		 scored;	/* 0 when declared `scored = no` */
	int		 required;	/* `required = yes`: a session is
					   complete only when the item,
					   if shown, has a value */
	int		 missing_flag;	/* `missing_flag = LEVEL`: its flag
					   (in scale.flags) is raised
					   when the item, shown, has no
					   value; 0 = none */
	unsigned	 missing;	/* MISSING_* codes the item accepts */
	int		 line;
};

struct band {
	double	 lower;			/* inclusive lower bound */
	char	*label;
};

struct bandset {
	char		*id;
	char		*label;		/* `label = ...`, else NULL: name
					   it by bandset_name() */
	struct band	*bands;		/* ascending */
	size_t		 nbands;
	int		 line;
};

/* Responder rule of a score, used by the history views. */
enum responder_kind {
	RESP_NONE,
	RESP_PERCENT,		/* improvement from baseline >= pct % */
	RESP_CHANGE,		/* improvement from baseline >= amount */
	RESP_THRESHOLD		/* value itself at or beyond threshold */
};

/* What a score's value is (issue 14.6). */
enum score_type {
	SCORE_NUMBER = 0,	/* a measure: trends, change, responders */
	SCORE_CATEGORY,		/* a whole number naming a category, with
				   its label from [choices.NAME] */
	SCORE_CODE		/* the digits of several items side by
				   side, an EQ-5D-type profile "12321" */
};

struct score {
	char		*id;
	enum score_type	 type;
	size_t		 ndigits;	/* SCORE_CODE: the code's width */
	char		*label;
	struct expr	*formula;
	char		*formula_src;
	double		 min, max;
	int		 decimals;	/* digits printed after the point */
	char		*loinc;		/* LOINC code, or NULL */
	int		 higher_is_worse; /* direction = worse-higher
					   (default) */
	size_t		*bandsets;	/* indices into scale.bandsets; first
					   is the primary set */
	size_t		 nbandsets;
	enum responder_kind responder;
	double		 responder_value;
	int		 responder_le;	/* RESP_THRESHOLD: "<= N" (else
					   ">=") */
	int		 line;
};

enum flag_level {
	FLAG_INFO,
	FLAG_WARNING,
	FLAG_CRITICAL
};

struct flag {
	char		*id;
	struct expr	*when;		/* NULL for an item's missing_flag */
	char		*when_src;	/* as written; for a missing_flag,
					   a description */
	enum flag_level	 level;
	char		*text;
	int		 line;
	int		 on_missing;	/* made by [item.X] missing_flag:
					   raised when item has no
					   value */
	size_t		 item;		/* on_missing: index of the item */
};

/* Missing codes an item accepts (`missing = na unk ref`). */
#define MISSING_NA	0x1
#define MISSING_UNK	0x2
#define MISSING_REF	0x4
#define MISSING_ALL	(MISSING_NA | MISSING_UNK | MISSING_REF)

/* An answer as entered, before show-if is applied. */
enum answer_kind {
	ANS_NONE = 0,		/* not answered (yet) */
	ANS_VALUE,
	ANS_TEXT,		/* text items */
	ANS_NA,			/* not applicable / not assessed */
	ANS_UNK,		/* unknown */
	ANS_REF,		/* declined */
	ANS_SKIP		/* not asked: its show-if was false when
				   saved ("skipped" in the file); on an
				   item shown it counts as unanswered */
};

/*
 * A multi item's answer is an ANS_VALUE whose value is the number of
 * options selected and whose text is the selection as stored: the
 * options' values in ascending order joined by '+' ("1+3+5"), or
 * "none" when nothing is selected (an answer, not a missing one).
 */
struct answer {
	enum answer_kind kind;
	double		 value;		/* ANS_VALUE */
	char		*text;		/* ANS_TEXT, or a multi item's
					   ANS_VALUE; owned by whoever owns
					   the answer array */
};

/* One expectation of an embedded test case: score id (or id.band,
 * id.band.SET) and the expected text. */
struct test_expect {
	char	*key;
	char	*value;
	int	 line;
};

struct scale_test {
	char			*id;
	char			*answers_src;	/* as written */
	struct answer		*answers;	/* nitems, NULL if
						   unparsable */
	char			*reject;	/* item that must be
						   rejected */
	struct test_expect	*expect;
	size_t			 nexpect;
	char			*flags;		/* NULL = not checked */
	int			 flags_line;
	int			 line;
};

struct scale {
	char		*path;
	char		*id;
	char		*title;
	char		*version;
	char		*respondent;	/* patient | clinician | informant */
	char		*timeframe;
	char		*instructions;
	char		*citation;
	char		*license;
	char		*status;	/* verified | provisional */
	char		*status_note;
	char		*loinc;		/* LOINC code of the form (panel),
					   or NULL */
	unsigned	 missing;	/* default MISSING_* of the items */
	char		 sha256[65];	/* its identity, lowercase hex: of
					   the file's bytes, or with table
					   files of their manifest (see
					   scale_identity in scale.c) */
	char		 file_sha256[65]; /* of the file's bytes */
	struct table	**tables;	/* [table.NAME] sections, owned */
	size_t		 ntables;

	struct item	*items;
	size_t		 nitems;
	size_t		 npaper;	/* items of the paper form: 16A and
					   16B count once (HAM-D: 17) */
	struct score	*scores;
	size_t		 nscores;
	struct bandset	*bandsets;
	size_t		 nbandsets;
	struct flag	*flags;
	size_t		 nflags;
	struct scale_test *tests;
	size_t		 ntests;

	/* Symbol table: items then scores (see expr.h). */
	const char	**symnames;
	size_t		*order;		/* scores in evaluation order */
};

/*
 * Loads and validates a scale file, and runs its embedded [test.*]
 * cases.  Every problem goes to d (which may be NULL) as "file:line:
 * ...".  Returns the scale when the file has no errors (warnings
 * allowed) and every test case passes, else NULL.
 */
struct scale	*scale_load(const char *path, struct diag *d);
/* Loads from a buffer; name is used in messages and as the path. */
struct scale	*scale_load_mem(const char *name, const char *data, size_t len,
		    struct diag *d);
void		 scale_free(struct scale *);
/*
 * Names the iniparser this process parses with: the path, size and
 * modification time of its shared object (or "unknown").  A build id
 * cannot see an upgraded library, which may parse old scale files
 * differently; what is remembered from parsing must name this too.
 */
const char	*scale_parser_id(void);

/* Runs the embedded [test.*] cases again (scale_load already did);
 * failures go to d.  Returns the number of failed cases. */
size_t		 scale_run_tests(const struct scale *, struct diag *d);

/* Index of an item or score by id, or -1. */
long		 scale_item_index(const struct scale *, const char *id);
long		 scale_score_index(const struct scale *, const char *id);
long		 scale_bandset_index(const struct scale *, const char *id);

/*
 * Parses one answer for an item: a number that is one of the item's
 * values (or in range and on step for a number item, with at most 6
 * decimals, so that it prints back as entered), a missing code
 * `na`, `unk`, `ref`, or `-`/empty for unanswered; text items take any
 * text; multi items options joined by '+' ("3+1+5", stored "1+3+5")
 * or `none`.  On error returns -1 and sets *cause (caller frees), e.g.
 * "walking: 5 is not one of 0 1 2 3 4 6".  a->text is allocated for
 * text answers.
 */
int		 scale_parse_answer(const struct item *, const char *text,
		    struct answer *a, char **cause);
/* Writes an answer as it is stored ("2", "0.5", "1+3", "na", "" for
 * none). */
const char	*scale_answer_str(const struct answer *, char *buf,
		    size_t len);
/*
 * A multi answer's labels, "Lemon; Tree" (or "none"), appended to b;
 * for a choice answer its option's label.
 */
void		 scale_answer_labels(const struct item *,
		    const struct answer *, struct buf *b);
/* Label of a choice value, or NULL. */
const char	*scale_option_label(const struct item *, double value);
/*
 * The first item from index from on whose paper number is text ("16b",
 * case-insensitive), or, for a plain number, whose number's digits are
 * it ("16": 16A, then 16B from past 16A); -1 when none.
 */
long		 scale_item_by_number(const struct scale *, const char *text,
		    size_t from);
/* Whether a value is allowed for the item. */
int		 scale_value_is_valid(const struct item *, double value);
/* The missing codes as "na unk ref" (or "none"). */
const char	*scale_missing_str(unsigned, char *buf, size_t len);
/* Allowed values, as "0 1 2 3 4 6" or "0 to 10 in steps of 0.5". */
char		*scale_allowed_str(const struct item *);

/* Allocates nitems empty answers; free with answers_free. */
struct answer	*answers_new(size_t n);
void		 answers_free(struct answer *, size_t n);
void		 answer_clear(struct answer *);
/* 1 if two answers are the same: kind, value (num_eq) and text (NULL is
 * the empty text). */
int		 answer_equal(const struct answer *, const struct answer *);

const char	*flag_level_name(enum flag_level);
/* A band set's human name: its label, else its id. */
const char	*bandset_name(const struct bandset *);

#endif
