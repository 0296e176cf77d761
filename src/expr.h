/*
 * expr.h: the formula language of scale files.
 *
 * A formula is parsed once, against a symbol table, into a tree; it is then
 * evaluated many times against an array of values indexed by symbol.
 * Symbols 0 .. nitems-1 are the scale's items in file order (so a range
 * a..b is every item index from a to b); symbols from nitems on are
 * scores.  The module never prints, exits or touches the terminal.
 *
 * Grammar (lowest precedence first):
 *	expr	= or
 *	or	= and { "or" and }
 *	and	= not { "and" not }
 *	not	= "not" not | cmp
 *	cmp	= add [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) add ]
 *	add	= mul { ( "+" | "-" ) mul }
 *	mul	= unary { ( "*" | "/" ) unary }
 *	unary	= "-" unary | primary
 *	primary	= NUMBER | "na" | ID | ID "(" [ arg { "," arg } ] ")"
 *		| "(" expr ")" | "lookup" "(" TABLE { "," expr } ")"
 *	arg	= expr | ID ".." ID			(a range of items)
 * NUMBER is decimal: digits with an optional '.' and digits ("0.5", "12").
 * ID is [a-z_][a-z0-9_]* (input is matched case-insensitively).  The
 * literal "na" (not followed by '(', which calls na()) is NA.
 *
 * Values: a number, NA (not applicable: a hidden item, an answer coded
 * `na`) or MISSING (unanswered, `unk`, `ref`, or anything computed from
 * a missing value).  See the man page rater-scale(5), FORMULAS.
 */
#ifndef RATER_EXPR_H
#define RATER_EXPR_H

#include <stddef.h>

enum val_kind {
	VAL_NUM,
	VAL_NA,
	VAL_MISSING
};

/*
 * A value also says how it was made (its basis): nexpect items could
 * have gone into it, nused of them did (with a value), and prorated is
 * set when prorate() stood in for a missing answer.  A caller sets the
 * basis of the values it passes in (an item shown: expected 1, used 1
 * when it has a value; a hidden item: 0 and 0) and expr_eval works
 * out the result's: see "Basis" in expr.c.
 */
struct val {
	enum val_kind	kind;
	double		num;		/* meaningful when kind == VAL_NUM */
	unsigned	nused;
	unsigned	nexpect;
	int		prorated;
	const char	*set;		/* a multi item's selection, "1+3"
					   or "none" (borrowed), else
					   NULL: see has() */
};

enum expr_err {
	EXPR_OK = 0,
	EXPR_ERR_SYNTAX,	/* unexpected token, unbalanced parenthesis */
	EXPR_ERR_NUMBER,	/* malformed number literal */
	EXPR_ERR_UNKNOWN_ID,	/* identifier not in the symbol table */
	EXPR_ERR_UNKNOWN_FUNC,	/* name( with no such function */
	EXPR_ERR_ARITY,		/* wrong number of arguments */
	EXPR_ERR_ARG,		/* an argument of the wrong kind (e.g. round's
				   digits not a constant 0..6, a range outside
				   an aggregate, sum_answered's MIN not a
				   constant count or percentage) */
	EXPR_ERR_RANGE,		/* a..b not two items in file order */
	EXPR_ERR_DIVZERO,	/* division by zero */
	EXPR_ERR_DEPTH,		/* nested too deeply (limit 200) */
	EXPR_ERR_TOOLONG	/* formula longer than 4096 bytes */
};

struct expr_error {
	enum expr_err	code;
	size_t		pos;		/* byte offset into the source */
	char		msg[200];	/* human-readable, names the token */
};

/* Symbol table used at parse time.  Borrowed: must outlive the parse. */
struct expr_symtab {
	const char	*const *names;	/* names[i] is symbol i */
	size_t		 nsyms;
	size_t		 nitems;	/* symbols [0, nitems) are items */
	struct table	*const *tables;	/* for lookup(): [table.NAME]s */
	size_t		 ntables;
};

struct expr;

/*
 * Parses src.  Returns a tree owned by the caller (free with expr_free),
 * or NULL with *err filled (err may be NULL).  A division by a literal
 * zero is reported here as EXPR_ERR_DIVZERO.
 */
struct expr	*expr_parse(const char *src, const struct expr_symtab *,
		    struct expr_error *err);
void		 expr_free(struct expr *);

/*
 * Evaluates against vals[nsyms].  Returns EXPR_OK and sets *out, or
 * EXPR_ERR_DIVZERO (then *out is MISSING) when a divisor evaluates to 0.
 */
enum expr_err	 expr_eval(const struct expr *, const struct val *vals,
		    struct val *out);

/*
 * Interval analysis: given each symbol's lowest and highest possible
 * value, computes the lowest and highest value the formula can take when
 * every symbol is present.  Returns 0, or -1 when unbounded (a divisor
 * whose interval contains 0), or 1 (*outlo, *outhi untouched) when the
 * formula has no value whatever the answers (it is always NA).
 */
int		 expr_bounds(const struct expr *, const double *lo,
		    const double *hi, double *outlo, double *outhi);

/*
 * Sets used[i] = 1 for every symbol the formula references (ranges
 * expanded).  used has nsyms entries and is not cleared first.
 */
void		 expr_refs(const struct expr *, unsigned char *used);

const char	*expr_strerror(enum expr_err);

/*
 * Whether a selection ("1+3+5": values joined by '+', or "none") holds
 * code: the test of has(item, code) for a multi item.
 */
int		 expr_set_has(const char *set, double code);
/*
 * The has(item, code) calls of a formula: fills sym[] and code[] (up
 * to max) and returns how many there are, so that the scale can check
 * each code against the item's options.
 */
size_t		 expr_has_calls(const struct expr *, size_t *sym,
		    double *code, size_t max);
/* The symbol when the whole formula is one id ("pain"), else -1. */
long		 expr_single_sym(const struct expr *);
/* A lookup() of a formula, for lint: its table and its keys. */
#define EXPR_LOOKUP_KEYS	8	/* TABLE_KEYS_MAX */
struct expr_lookup {
	const struct table *table;
	size_t		 nkeys;
	size_t		 sym[EXPR_LOOKUP_KEYS];	/* the item when a key is
						   one, else (size_t)-1 */
	double		 lo[EXPR_LOOKUP_KEYS];	/* each key's interval */
	double		 hi[EXPR_LOOKUP_KEYS];
	int		 bounded;	/* 0: an interval is unknown */
	size_t		 pos;		/* of "lookup" in the source */
};
/*
 * Fills out[] (up to max) with the formula's lookup() calls, their keys'
 * intervals computed from lo/hi as by expr_bounds.  Returns how many
 * there are (which may exceed max).
 */
size_t		 expr_lookups(const struct expr *, const double *lo,
		    const double *hi, struct expr_lookup *out, size_t max);

/* One term of a sum of products: items multiplied, times a constant. */
#define EXPR_PRODUCT_MAX	4
struct expr_product {
	size_t		 sym[EXPR_PRODUCT_MAX];	/* item symbols, in order */
	size_t		 nsym;
	double		 weight;		/* the constants multiplied */
};
/*
 * When the formula is a sum (sum(...) or a + b + ...) whose every term
 * is a product of at least two items and constants (BFMDRS: "eyes_pf *
 * eyes_sf * 0.5, ..."), fills out[] (up to max) and returns the number
 * of terms; else returns 0.
 */
size_t		 expr_products(const struct expr *, struct expr_product *out,
		    size_t max);

#endif
