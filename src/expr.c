/*
 * expr.c: the formula language of scale files: a tokenizer, a
 * recursive-descent parser to a tree, an evaluator, interval analysis
 * and symbol references.  See expr.h for the grammar and the interface.
 *
 * SEMANTICS (the reference for rater-scale(5), FORMULAS)
 *
 * Lexical rules
 *	A formula is at most 4096 bytes (else EXPR_ERR_TOOLONG).  Space,
 *	tab and newline separate tokens and are otherwise ignored; any
 *	other control character is an error.  Numbers are decimal: digits,
 *	optionally a point and at least one more digit ("12", "0.5"); no
 *	sign, exponent or hex; at most 15 significant digits.  "1.", ".5",
 *	"1e3", "0x10", "2abc" are malformed numbers (EXPR_ERR_NUMBER).  Ids
 *	are [A-Za-z_][A-Za-z0-9_]* and are matched case-insensitively
 *	(Q1 is q1).  The keywords and, or, not are case-insensitive too
 *	and cannot be used as ids.  "na" not followed by '(' is the
 *	literal NA (a symbol named na is never looked up; scale.c
 *	reserves the word).  Operators: + - * / ( ) , == != < <= >
 *	>= and the range "..".  A single '=' is an error that suggests
 *	"==", a single '!' one that suggests "!=" or "not".  Any other byte
 *	is an error naming it (non-printable bytes as \xNN).
 *
 * Precedence, lowest first: or; and; not; comparisons (non-associative:
 *	"a < b < c" is an error); + and - (left); * and / (left); unary
 *	minus.  So -2*3 is -6, 2--3 is 5, 8/4/2 is 1, "not a == b" is
 *	"not (a == b)".  There is no unary plus.  Nesting (parentheses,
 *	function calls, unary minus and not) is limited to 200 levels
 *	(EXPR_ERR_DEPTH).
 *
 * Names
 *	An id followed by '(' is always a function call, even when a
 *	symbol has the same name.  Otherwise it names an item or a score;
 *	an unknown name is EXPR_ERR_UNKNOWN_ID ("unknown id 'q99'; did
 *	you mean 'q9'?"), an unknown function EXPR_ERR_UNKNOWN_FUNC.
 *
 * Values
 *	A value is a number, NA (not applicable) or MISSING.
 *	Arithmetic and comparisons: MISSING if any operand is MISSING,
 *	else NA if any is NA, else the number.  Comparisons give 0 or 1
 *	and are tolerant: a == b when |a - b| <= 1e-9 * max(1, |a|, |b|)
 *	(so 0.1 + 0.2 == 0.3), a <= b when a < b or a == b, a < b when
 *	not b <= a, and likewise > and >=.
 *	Division: the missing rules come first (MISSING / 0 is MISSING);
 *	a number divided by a divisor within 1e-9 of 0 makes the whole
 *	evaluation fail with EXPR_ERR_DIVZERO (the result is MISSING).  A
 *	divisor that is a constant (a number, or an expression of numbers
 *	only, such as 0, -0, (0), 1-1) equal to 0 is rejected when the
 *	formula is parsed.
 *	Truth: a number within 1e-9 of 0 is false, any other number is
 *	true, NA and MISSING are unknown.  Logic is Kleene's:
 *	"a and b" is 0 if either is false, else MISSING if either is
 *	unknown, else 1; "a or b" is 1 if either is true, else MISSING if
 *	either is unknown, else 0; "not a" is MISSING if a is unknown,
 *	else 1 or 0.  Both operands are always evaluated, so a division
 *	by zero on either side is an error.
 *
 * Functions (wrong argument counts are EXPR_ERR_ARITY)
 *	sum(a, ...)	NA arguments are skipped; MISSING if any argument is
 *			MISSING; NA if every argument is NA; else the sum.
 *	mean(a, ...)	as sum, divided by the number of non-NA arguments.
 *	min(a, ...), max(a, ...)  as sum, the least/greatest value.
 *	count(a, ...)	the number of arguments that are numbers.
 *	missing(a, ...)	the number of arguments that are MISSING.
 *	na(a, ...)	the number of arguments that are NA.  count, missing
 *			and na are never NA or MISSING.
 *	if(c, a, b)	MISSING if c is unknown, else a if c is true, else
 *			b.  Only the chosen branch is evaluated, so only its
 *			division by zero counts.
 *	round(x), round(x, d)  x rounded half away from zero to d
 *			decimals (default 0); d must be a constant whole
 *			number from 0 to 6 (EXPR_ERR_ARG).  A value within
 *			1e-9 of a unit of the last kept decimal below the
 *			half counts as the half, so that 2.675 (stored as
 *			2.67499999...) gives 2.68 and 0.125 gives 0.13;
 *			-2.5 gives -3.  This is the rounding of printed
 *			scores too.
 *	abs(x)		the absolute value.  round and abs pass NA and
 *			MISSING through.
 *	prorate(k, a, ...)  k, the number of MISSING answers tolerated,
 *			must be a constant whole number >= 0 (else
 *			EXPR_ERR_ARG).  Of the other arguments, let n be
 *			the number that are not NA, m the number MISSING
 *			and a = n - m the number answered.  The result is
 *			NA if n is 0; MISSING if m > k or a is 0; else the
 *			sum of the answered times n / a.  PHQ-9 answered
 *			2 2 - 1 1 - 1 0 0 gives 7 * 9 / 7 = 9.
 *	sum_answered(MIN, a, ...), mean_answered(MIN, a, ...)  MIN is a
 *			constant whole number N, at most the number of
 *			arguments after it (ranges counted by their items),
 *			or N% with N a whole number from 0 to 100 (else
 *			EXPR_ERR_ARG).  Of the other arguments let n be the
 *			number that are not NA and a the number answered
 *			(numbers).  The result is NA if n is 0; MISSING if a
 *			is 0, or a < N, or with N% a * 100 < N * n; else
 *			the sum, or the mean, of the answered ones.
 *	Arguments of the aggregates (sum mean min max count missing na,
 *	and prorate, sum_answered and mean_answered after their first)
 *	may be any formulas or ranges.  A range
 *	"a..b" names every item from a to b in file order; both ends
 *	must be items (not scores) and a must not come after b
 *	(EXPR_ERR_RANGE).  A range anywhere else is EXPR_ERR_ARG.  The
 *	constant arguments (round's d, prorate's k, MIN) may be written as
 *	expressions of numbers only, such as (1+1).
 *
 * Basis (how a value was made; struct val in expr.h)
 *	Each value carries nexpect (items that could have gone into it),
 *	nused (those that did, with a value) and prorated.  The caller
 *	gives the symbols' basis; a number literal has none.  Unary
 *	operators, round and abs keep their operand's basis; binary
 *	operators add both sides'.  if() gives the chosen branch's used
 *	and prorated, and the larger expected of its two branches (the
 *	other branch is evaluated for that alone: its errors are
 *	ignored), so that an alternative left out is still expected.
 *	sum, mean, prorate, sum_answered and mean_answered add every
 *	argument's expected, and the used
 *	of those that are numbers: an NA argument they skip drops out
 *	visibly (used < expected).  min and max select among the values
 *	given: an NA argument is not expected.  count, missing and na
 *	describe their arguments and have no basis.  prorate() sets
 *	prorated when it stood in for a missing argument; prorated passes
 *	up through every operator.
 *
 * Errors carry the byte offset of the offending token and a message
 * naming it ("unexpected ')'", "unexpected end of formula", "expected
 * ')' after arguments of sum", "empty formula", ...).  The first error
 * found is reported.
 *
 * Bounds (expr_bounds): interval arithmetic assuming every symbol is
 *	a number within its [lo, hi].  Comparisons and logic give [0, 1];
 *	count, missing and na give [0, number of arguments]; sum the sum
 *	of the bounds; prorate(0, ...) likewise, and prorate(k, ...) with
 *	k > 0 widens that to n times the least low and the greatest high
 *	bound (a mean scaled up); mean the means of the lower and of
 *	the upper bounds; sum_answered and mean_answered, of which any k
 *	arguments or more may be the answered ones (k = MIN, or MIN% of
 *	the arguments rounded up, and at least 1), the k lowest lows plus
 *	every other negative low to the k highest highs plus every other
 *	positive high, or the means of the k lowest lows and of the k
 *	highest highs; min and max the min/max of each end; if the
 *	union of both branches (only the chosen one when the condition is
 *	constant); round rounds both ends; abs is exact.  A constant
 *	subformula is evaluated exactly.  Any division, in any part that
 *	is not pruned by a constant condition, whose divisor's interval
 *	comes within 1e-9 of 0 makes the result -1 (unbounded), as does
 *	an overflow to infinity.  Results are snapped to 1e-9 to remove
 *	floating-point dust.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "table.h"
#include "util.h"

#if TABLE_KEYS_MAX != EXPR_LOOKUP_KEYS
#error "TABLE_KEYS_MAX and EXPR_LOOKUP_KEYS differ"
#endif

#define EXPR_MAXLEN	4096	/* bytes of source */
#define EXPR_MAXDEPTH	200	/* nesting levels */
#define TOKQUOTE_MAX	32	/* bytes of a token quoted in a message */
#define ROUND_NUDGE	1e-9	/* see round() in the comment above */
#define SNAP		1e9	/* bounds are snapped to 1 / SNAP */

#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define IS_ALPHA(c)	(((c) >= 'a' && (c) <= 'z') || \
			 ((c) >= 'A' && (c) <= 'Z') || (c) == '_')
#define IS_IDCHAR(c)	(IS_ALPHA(c) || IS_DIGIT(c))

enum tok_kind {
	T_EOF,
	T_NUM,
	T_ID,
	T_AND,
	T_OR,
	T_NOT,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_DOTDOT,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_PERCENT,		/* '%', only after an answered minimum */
	/* Lexical errors, reported when the parser reaches them. */
	T_BADCHAR,		/* a byte that starts no token */
	T_BADNUM,		/* "1.", ".5", "1e3" */
	T_LONGNUM,		/* more than 15 digits */
	T_ASSIGN,		/* a single '=' */
	T_BANG			/* a single '!' */
};

struct token {
	enum tok_kind	 kind;
	size_t		 pos;		/* byte offset in the source */
	size_t		 len;
	double		 num;		/* T_NUM */
};

enum node_kind {
	N_NUM,
	N_NA,			/* the literal na */
	N_SYM,
	N_RANGE,		/* only as an argument of an aggregate */
	N_NEG,
	N_ADD,
	N_SUB,
	N_MUL,
	N_DIV,
	N_EQ,
	N_NE,
	N_LT,
	N_LE,
	N_GT,
	N_GE,
	N_AND,
	N_OR,
	N_NOT,
	N_CALL,
	N_TABLE			/* lookup()'s first argument */
};

enum func_id {
	F_SUM,
	F_MEAN,
	F_MIN,
	F_MAX,
	F_COUNT,
	F_MISSING,
	F_NA,
	F_IF,
	F_ROUND,
	F_ABS,
	F_PRORATE,
	F_SUM_ANS,
	F_MEAN_ANS,
	F_HAS,
	F_LOOKUP
};

struct func {
	const char	*name;
	enum func_id	 id;
	size_t		 minargs;
	size_t		 maxargs;	/* 0: no limit */
	int		 aggregate;	/* takes ranges */
};

static const struct func funcs[] = {
	{ "sum",	F_SUM,		1, 0, 1 },
	{ "mean",	F_MEAN,		1, 0, 1 },
	{ "min",	F_MIN,		1, 0, 1 },
	{ "max",	F_MAX,		1, 0, 1 },
	{ "count",	F_COUNT,	1, 0, 1 },
	{ "missing",	F_MISSING,	1, 0, 1 },
	{ "na",		F_NA,		1, 0, 1 },
	{ "if",		F_IF,		3, 3, 0 },
	{ "round",	F_ROUND,	1, 2, 0 },
	{ "abs",	F_ABS,		1, 1, 0 },
	{ "prorate",	F_PRORATE,	2, 0, 1 },
	{ "sum_answered", F_SUM_ANS,	2, 0, 1 },
	{ "mean_answered", F_MEAN_ANS,	2, 0, 1 },
	{ "has",	F_HAS,		2, 2, 0 },
	{ "lookup",	F_LOOKUP,	2, 1 + TABLE_KEYS_MAX, 0 }
};

/* The same names, NULL-terminated, for str_suggest(). */
static const char *const func_names[] = {
	"sum", "mean", "min", "max", "count", "missing", "na", "if", "round",
	"abs", "prorate", "sum_answered", "mean_answered", "has",
	"lookup", NULL
};

struct node {
	enum node_kind	 kind;
	size_t		 pos;		/* where its token starts */
	int		 isconst;	/* no symbol below: value is fixed */
	double		 num;		/* N_NUM; prorate's k; MIN */
	int		 digits;	/* round's d */
	int		 percent;	/* MIN is a percentage (N%) */
	size_t		 sym;		/* N_SYM; N_RANGE first item */
	size_t		 sym2;		/* N_RANGE last item */
	const struct func *fn;		/* N_CALL */
	const struct table *table;	/* N_TABLE */
	struct node	*l, *r;		/* operands (N_NEG, N_NOT: l) */
	struct node	**args;		/* N_CALL, owned */
	size_t		 nargs;
	struct node	*next;		/* chain of every node of a tree */
};

/*
 * Every node is linked on one chain as it is allocated, so freeing a
 * tree (or the pieces of a failed parse) is one walk down the chain.
 */
struct expr {
	struct node	*root;
	struct node	*nodes;
};

struct parser {
	const char		*src;	/* as written, for messages */
	char			*low;	/* lower-cased copy, owned */
	const struct expr_symtab *st;
	size_t			 nitems; /* st->nitems, at most nsyms */
	struct token		 tok;	/* current token */
	int			 depth;
	struct node		*nodes;	/* allocation chain */
	struct expr_error	*err;
};

/* Accumulates the values of an aggregate's arguments. */
struct acc {
	size_t		 nnum, nna, nmissing;
	double		 sum, min, max;
	struct val	 basis;		/* of the result (see "Basis") */
};

/* An interval for expr_bounds(). */
struct iv {
	double		 lo, hi;
	int		 none;		/* NA whatever the answers: no range */
};

/* Accumulates the intervals of an aggregate's arguments. */
struct ivacc {
	struct iv	 sum;		/* sum of the lows, sum of the highs */
	struct iv	 min;		/* least low, least high */
	struct iv	 max;		/* greatest low, greatest high */
	size_t		 count;		/* arguments with a range */
	size_t		 nall;		/* every argument */
};

static void	 lex(const char *, size_t, struct token *);
static void	 lex_number(const char *, size_t, struct token *);
static int	 advance(struct parser *);
static enum tok_kind peek(const struct parser *);
static const char *tok_quote(const struct parser *, const struct token *,
		    char *, size_t);
static void	*fail(struct parser *, enum expr_err, size_t, const char *,
		    ...) __attribute__((format(printf, 4, 5)));
static int	 enter(struct parser *, size_t);
static struct node *new_node(struct parser *, enum node_kind, size_t);
static struct node *binary(struct parser *, enum node_kind, size_t,
		    struct node *, struct node *);
static struct node *unary(struct parser *, enum node_kind, size_t,
		    struct node *);
static const struct func *find_func(const char *, size_t);
static int	 lookup(struct parser *, const struct token *, size_t *);
static void	 unknown_id(struct parser *, const struct token *);
static struct node *parse_or(struct parser *);
static struct node *parse_and(struct parser *);
static struct node *parse_not(struct parser *);
static struct node *parse_cmp(struct parser *);
static struct node *parse_add(struct parser *);
static struct node *parse_mul(struct parser *);
static struct node *parse_unary(struct parser *);
static struct node *parse_primary(struct parser *);
static struct node *parse_call(struct parser *);
static struct node *parse_arg(struct parser *, const struct func *, size_t);
static struct node *parse_range(struct parser *);
static struct node *parse_table(struct parser *);
static enum expr_err eval_lookup(const struct node *, const struct val *,
		    struct val *);
static int	 check_call(struct parser *, struct node *);
static int	 const_whole(const struct node *, double, double, double *);
static int	 answered_func(const struct func *);
static int	 check_answered(struct parser *, struct node *);
static void	 free_nodes(struct node *);
static struct val mknum(double);
static struct val mkkind(enum val_kind);
static int	 truth(struct val);
static double	 round_half_away(double, int);
static void	 acc_add(struct acc *, struct val);
static void	 acc_basis(struct acc *, enum func_id, struct val);
static void	 basis_add(struct val *, const struct val *);
static void	 basis_copy(struct val *, const struct val *);
static enum expr_err eval_node(const struct node *, const struct val *,
		    struct val *);
static enum expr_err eval_binary_value(const struct node *, struct val,
		    struct val, struct val *);
static enum expr_err eval_binary(const struct node *, const struct val *,
		    struct val *);
static enum expr_err eval_call(const struct node *, const struct val *,
		    struct val *);
static int	 bounds_node(const struct node *, const double *,
		    const double *, struct iv *);
static int	 bounds_binary(const struct node *, const double *,
		    const double *, struct iv *);
static int	 bounds_call(const struct node *, const double *,
		    const double *, struct iv *);
static int	 bounds_answered(const struct node *, const double *,
		    const double *, struct iv *);
static int	 cmp_double(const void *, const void *);
static void	 ivacc_add(struct ivacc *, struct iv);
static double	 snap(double);
static void	 refs_node(const struct node *, unsigned char *);

/*
 * Tokenizer.
 */

/*
 * Reads the token at or after pos in s (the lower-cased source) into t.
 * Never fails: a lexical error is a token of an error kind.
 */
static void
lex(const char *s, size_t pos, struct token *t)
{
	size_t	 i;

	while (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n')
		pos++;
	t->pos = pos;
	t->len = 1;
	t->num = 0;
	if (s[pos] == '\0') {
		t->kind = T_EOF;
		t->len = 0;
		return;
	}
	if (IS_DIGIT(s[pos])) {
		lex_number(s, pos, t);
		return;
	}
	if (IS_ALPHA(s[pos])) {
		for (i = pos; IS_IDCHAR(s[i]); i++)
			;
		t->len = i - pos;
		t->kind = T_ID;
		if (t->len == 3 && strncmp(s + pos, "and", 3) == 0)
			t->kind = T_AND;
		else if (t->len == 2 && strncmp(s + pos, "or", 2) == 0)
			t->kind = T_OR;
		else if (t->len == 3 && strncmp(s + pos, "not", 3) == 0)
			t->kind = T_NOT;
		return;
	}
	switch (s[pos]) {
	case '+':
		t->kind = T_PLUS;
		break;
	case '-':
		t->kind = T_MINUS;
		break;
	case '*':
		t->kind = T_STAR;
		break;
	case '/':
		t->kind = T_SLASH;
		break;
	case '(':
		t->kind = T_LPAREN;
		break;
	case ')':
		t->kind = T_RPAREN;
		break;
	case ',':
		t->kind = T_COMMA;
		break;
	case '%':
		t->kind = T_PERCENT;
		break;
	case '.':
		if (s[pos + 1] == '.') {
			t->kind = T_DOTDOT;
			t->len = 2;
		} else if (IS_DIGIT(s[pos + 1])) {
			/* ".5": take the whole would-be number. */
			for (i = pos + 1; IS_IDCHAR(s[i]) ||
			    (s[i] == '.' && s[i + 1] != '.'); i++)
				;
			t->kind = T_BADNUM;
			t->len = i - pos;
		} else
			t->kind = T_BADCHAR;
		break;
	case '=':
		if (s[pos + 1] == '=') {
			t->kind = T_EQ;
			t->len = 2;
		} else
			t->kind = T_ASSIGN;
		break;
	case '!':
		if (s[pos + 1] == '=') {
			t->kind = T_NE;
			t->len = 2;
		} else
			t->kind = T_BANG;
		break;
	case '<':
		if (s[pos + 1] == '=') {
			t->kind = T_LE;
			t->len = 2;
		} else
			t->kind = T_LT;
		break;
	case '>':
		if (s[pos + 1] == '=') {
			t->kind = T_GE;
			t->len = 2;
		} else
			t->kind = T_GT;
		break;
	default:
		t->kind = T_BADCHAR;
		break;
	}
}

/*
 * digits [ "." digits ].  Letters, digits or a single '.' glued on
 * ("1e3", "0x10", "1.", "1.2.3") make the whole run a malformed number;
 * ".." after the digits is left alone, it is a token of its own.
 */
static void
lex_number(const char *s, size_t pos, struct token *t)
{
	char	 buf[40];
	size_t	 i;

	for (i = pos; IS_DIGIT(s[i]); i++)
		;
	if (s[i] == '.' && IS_DIGIT(s[i + 1]))
		for (i++; IS_DIGIT(s[i]); i++)
			;
	if (IS_IDCHAR(s[i]) || (s[i] == '.' && s[i + 1] != '.')) {
		while (IS_IDCHAR(s[i]) || (s[i] == '.' && s[i + 1] != '.'))
			i++;
		t->kind = T_BADNUM;
		t->len = i - pos;
		return;
	}
	t->len = i - pos;
	/* Lexically valid: parse_number() only refuses > 15 digits. */
	if (t->len >= sizeof(buf)) {
		t->kind = T_LONGNUM;
		return;
	}
	memcpy(buf, s + pos, t->len);
	buf[t->len] = '\0';
	t->kind = parse_number(buf, &t->num) == 0 ? T_NUM : T_LONGNUM;
}

/*
 * Moves to the next token.  Returns -1 (with the error set) when it is
 * a lexical error.
 */
static int
advance(struct parser *p)
{
	char		 q[TOKQUOTE_MAX + 8];
	unsigned char	 c;

	lex(p->low, p->tok.pos + p->tok.len, &p->tok);
	switch (p->tok.kind) {
	case T_BADCHAR:
		c = (unsigned char)p->src[p->tok.pos];
		if (c > ' ' && c < 0x7f)
			fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
			    "unexpected character '%c'", c);
		else
			fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
			    "unexpected character '\\x%02x'", c);
		return -1;
	case T_BADNUM:
		fail(p, EXPR_ERR_NUMBER, p->tok.pos, "malformed number %s%s",
		    tok_quote(p, &p->tok, q, sizeof(q)),
		    p->src[p->tok.pos] == '.' ?
		    " (write a digit before the point)" : "");
		return -1;
	case T_LONGNUM:
		fail(p, EXPR_ERR_NUMBER, p->tok.pos,
		    "number %s has more than 15 digits",
		    tok_quote(p, &p->tok, q, sizeof(q)));
		return -1;
	case T_ASSIGN:
		fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
		    "unexpected '=' (use '==' to compare)");
		return -1;
	case T_BANG:
		fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
		    "unexpected '!' (use '!=' or 'not')");
		return -1;
	default:
		return 0;
	}
}

/* The kind of the token after the current one. */
static enum tok_kind
peek(const struct parser *p)
{
	struct token	 t;

	lex(p->low, p->tok.pos + p->tok.len, &t);
	return t.kind;
}

/*
 * Quotes a token as written for a message: "'q1'", "'sum'" or "end of
 * formula"; long tokens are cut with "...".  Returns buf.
 */
static const char *
tok_quote(const struct parser *p, const struct token *t, char *buf,
    size_t size)
{
	if (t->kind == T_EOF)
		snprintf(buf, size, "end of formula");
	else if (t->len > TOKQUOTE_MAX)
		snprintf(buf, size, "'%.*s...'", TOKQUOTE_MAX,
		    p->src + t->pos);
	else
		snprintf(buf, size, "'%.*s'", (int)t->len, p->src + t->pos);
	return buf;
}

/*
 * Parser helpers.
 */

/* Records an error (only the first one counts).  Returns NULL. */
static void *
fail(struct parser *p, enum expr_err code, size_t pos, const char *fmt, ...)
{
	va_list	 ap;

	if (p->err->code != EXPR_OK)
		return NULL;
	p->err->code = code;
	p->err->pos = pos;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return NULL;
}

/* One more nesting level; -1 past the limit.  The caller decrements. */
static int
enter(struct parser *p, size_t pos)
{
	/* Boundary: 200 levels parse, 201 do not (tests expr-12.*). */
	if (++p->depth > EXPR_MAXDEPTH) {
		fail(p, EXPR_ERR_DEPTH, pos,
		    "formula nested too deeply (more than %d levels)",
		    EXPR_MAXDEPTH);
		return -1;
	}
	return 0;
}

static struct node *
new_node(struct parser *p, enum node_kind kind, size_t pos)
{
	struct node	*n;

	n = xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->pos = pos;
	n->next = p->nodes;
	p->nodes = n;
	return n;
}

static struct node *
binary(struct parser *p, enum node_kind kind, size_t pos, struct node *l,
    struct node *r)
{
	struct node	*n;

	n = new_node(p, kind, pos);
	n->l = l;
	n->r = r;
	n->isconst = l->isconst && r->isconst;
	return n;
}

static struct node *
unary(struct parser *p, enum node_kind kind, size_t pos, struct node *l)
{
	struct node	*n;

	n = new_node(p, kind, pos);
	n->l = l;
	n->isconst = l->isconst;
	return n;
}

static const struct func *
find_func(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < nitems(funcs); i++)
		if (strlen(funcs[i].name) == len &&
		    strncmp(funcs[i].name, name, len) == 0)
			return &funcs[i];
	return NULL;
}

/* Finds the symbol named by an id token; -1 (error set) if unknown. */
static int
lookup(struct parser *p, const struct token *t, size_t *idx)
{
	const char	*name;
	size_t		 i;

	for (i = 0; i < p->st->nsyms; i++) {
		name = p->st->names[i];
		if (name != NULL && strlen(name) == t->len &&
		    strncmp(name, p->low + t->pos, t->len) == 0) {
			*idx = i;
			return 0;
		}
	}
	unknown_id(p, t);
	return -1;
}

static void
unknown_id(struct parser *p, const struct token *t)
{
	const char	**cand, *best;
	char		 q[TOKQUOTE_MAX + 8], *name;
	size_t		 i, n;

	tok_quote(p, t, q, sizeof(q));
	name = xstrndup(p->low + t->pos, t->len);
	if (find_func(name, t->len) != NULL) {
		fail(p, EXPR_ERR_UNKNOWN_ID, t->pos,
		    "unknown id %s (%s is a function: write %s(...))", q,
		    name, name);
		free(name);
		return;
	}
	cand = xcalloc(p->st->nsyms + 1, sizeof(*cand));
	for (i = n = 0; i < p->st->nsyms; i++)
		if (p->st->names[i] != NULL)
			cand[n++] = p->st->names[i];
	cand[n] = NULL;
	if ((best = str_suggest(name, cand)) != NULL)
		fail(p, EXPR_ERR_UNKNOWN_ID, t->pos,
		    "unknown id %s; did you mean '%s'?", q, best);
	else
		fail(p, EXPR_ERR_UNKNOWN_ID, t->pos, "unknown id %s", q);
	free(cand);
	free(name);
}

/*
 * The parser: one function per rule of the grammar in expr.h.  Each
 * returns the tree of its rule, or NULL with the error set.  Nodes are
 * on the parser's chain from birth, so error paths free nothing.
 */

/* or = and { "or" and } */
static struct node *
parse_or(struct parser *p)
{
	struct node	*l, *r;
	size_t		 pos;

	if ((l = parse_and(p)) == NULL)
		return NULL;
	while (p->tok.kind == T_OR) {
		pos = p->tok.pos;
		if (advance(p) == -1 || (r = parse_and(p)) == NULL)
			return NULL;
		l = binary(p, N_OR, pos, l, r);
	}
	return l;
}

/* and = not { "and" not } */
static struct node *
parse_and(struct parser *p)
{
	struct node	*l, *r;
	size_t		 pos;

	if ((l = parse_not(p)) == NULL)
		return NULL;
	while (p->tok.kind == T_AND) {
		pos = p->tok.pos;
		if (advance(p) == -1 || (r = parse_not(p)) == NULL)
			return NULL;
		l = binary(p, N_AND, pos, l, r);
	}
	return l;
}

/* not = "not" not | cmp */
static struct node *
parse_not(struct parser *p)
{
	struct node	*l;
	size_t		 pos;

	if (p->tok.kind != T_NOT)
		return parse_cmp(p);
	pos = p->tok.pos;
	if (enter(p, pos) == -1 || advance(p) == -1 ||
	    (l = parse_not(p)) == NULL)
		return NULL;
	p->depth--;
	return unary(p, N_NOT, pos, l);
}

/* cmp = add [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) add ] */
static struct node *
parse_cmp(struct parser *p)
{
	struct node	*l, *r;
	enum node_kind	 kind;
	size_t		 pos;

	if ((l = parse_add(p)) == NULL)
		return NULL;
	switch (p->tok.kind) {
	case T_EQ:
		kind = N_EQ;
		break;
	case T_NE:
		kind = N_NE;
		break;
	case T_LT:
		kind = N_LT;
		break;
	case T_LE:
		kind = N_LE;
		break;
	case T_GT:
		kind = N_GT;
		break;
	case T_GE:
		kind = N_GE;
		break;
	default:
		return l;
	}
	pos = p->tok.pos;
	if (advance(p) == -1 || (r = parse_add(p)) == NULL)
		return NULL;
	switch (p->tok.kind) {
	case T_EQ:
	case T_NE:
	case T_LT:
	case T_LE:
	case T_GT:
	case T_GE:
		return fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
		    "comparisons cannot be chained: use 'and', as in "
		    "a < b and b < c");
	default:
		break;
	}
	return binary(p, kind, pos, l, r);
}

/* add = mul { ( "+" | "-" ) mul } */
static struct node *
parse_add(struct parser *p)
{
	struct node	*l, *r;
	enum node_kind	 kind;
	size_t		 pos;

	if ((l = parse_mul(p)) == NULL)
		return NULL;
	while (p->tok.kind == T_PLUS || p->tok.kind == T_MINUS) {
		kind = p->tok.kind == T_PLUS ? N_ADD : N_SUB;
		pos = p->tok.pos;
		if (advance(p) == -1 || (r = parse_mul(p)) == NULL)
			return NULL;
		l = binary(p, kind, pos, l, r);
	}
	return l;
}

/*
 * mul = unary { ( "*" | "/" ) unary }.  A constant divisor equal to 0
 * is an error here rather than at every evaluation.
 */
static struct node *
parse_mul(struct parser *p)
{
	struct node	*l, *r;
	struct val	 v;
	enum node_kind	 kind;
	size_t		 pos;

	if ((l = parse_unary(p)) == NULL)
		return NULL;
	while (p->tok.kind == T_STAR || p->tok.kind == T_SLASH) {
		kind = p->tok.kind == T_STAR ? N_MUL : N_DIV;
		pos = p->tok.pos;
		if (advance(p) == -1 || (r = parse_unary(p)) == NULL)
			return NULL;
		if (kind == N_DIV && r->isconst &&
		    (eval_node(r, NULL, &v) != EXPR_OK ||
		    (v.kind == VAL_NUM && num_eq(v.num, 0))))
			return fail(p, EXPR_ERR_DIVZERO, pos,
			    "division by zero");
		l = binary(p, kind, pos, l, r);
	}
	return l;
}

/* unary = "-" unary | primary */
static struct node *
parse_unary(struct parser *p)
{
	struct node	*l;
	size_t		 pos;

	if (p->tok.kind != T_MINUS)
		return parse_primary(p);
	pos = p->tok.pos;
	if (enter(p, pos) == -1 || advance(p) == -1 ||
	    (l = parse_unary(p)) == NULL)
		return NULL;
	p->depth--;
	return unary(p, N_NEG, pos, l);
}

/* primary = NUMBER | ID | ID "(" [ arg { "," arg } ] ")" | "(" expr ")" */
static struct node *
parse_primary(struct parser *p)
{
	struct node	*n;
	char		 q[TOKQUOTE_MAX + 8];
	size_t		 pos, sym;

	pos = p->tok.pos;
	switch (p->tok.kind) {
	case T_NUM:
		n = new_node(p, N_NUM, pos);
		n->num = p->tok.num;
		n->isconst = 1;
		return advance(p) == -1 ? NULL : n;
	case T_ID:
		switch (peek(p)) {
		case T_LPAREN:
			return parse_call(p);
		case T_DOTDOT:
			return fail(p, EXPR_ERR_ARG, pos, "a range is only "
			    "allowed as an argument of sum, mean, min, max, "
			    "count, missing, na, prorate, sum_answered or "
			    "mean_answered");
		default:
			break;
		}
		if (p->tok.len == 2 && strncmp(p->low + pos, "na", 2) == 0) {
			/* The literal: na( is the function. */
			n = new_node(p, N_NA, pos);
			n->isconst = 1;
			return advance(p) == -1 ? NULL : n;
		}
		if (lookup(p, &p->tok, &sym) == -1)
			return NULL;
		n = new_node(p, N_SYM, pos);
		n->sym = sym;
		return advance(p) == -1 ? NULL : n;
	case T_LPAREN:
		if (enter(p, pos) == -1 || advance(p) == -1 ||
		    (n = parse_or(p)) == NULL)
			return NULL;
		if (p->tok.kind != T_RPAREN)
			return fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
			    "expected ')' to close the '(' at offset %zu, "
			    "got %s", pos, tok_quote(p, &p->tok, q,
			    sizeof(q)));
		p->depth--;
		return advance(p) == -1 ? NULL : n;
	case T_EOF:
		return fail(p, EXPR_ERR_SYNTAX, pos,
		    "unexpected end of formula");
	default:
		return fail(p, EXPR_ERR_SYNTAX, pos, "unexpected %s",
		    tok_quote(p, &p->tok, q, sizeof(q)));
	}
}

/* ID "(" [ arg { "," arg } ] ")", at the ID */
static struct node *
parse_call(struct parser *p)
{
	const struct func	*fn;
	struct node		*n, *a;
	const char		*best;
	char			 q[TOKQUOTE_MAX + 8], *name;
	size_t			 pos;

	pos = p->tok.pos;
	if ((fn = find_func(p->low + pos, p->tok.len)) == NULL) {
		tok_quote(p, &p->tok, q, sizeof(q));
		name = xstrndup(p->low + pos, p->tok.len);
		if ((best = str_suggest(name, func_names)) != NULL)
			fail(p, EXPR_ERR_UNKNOWN_FUNC, pos,
			    "unknown function %s; did you mean '%s'?", q,
			    best);
		else
			fail(p, EXPR_ERR_UNKNOWN_FUNC, pos,
			    "unknown function %s", q);
		free(name);
		return NULL;
	}
	if (enter(p, pos) == -1 || advance(p) == -1 || advance(p) == -1)
		return NULL;
	n = new_node(p, N_CALL, pos);
	n->fn = fn;
	n->isconst = 1;
	/* After a ',' an argument must follow: "sum(q1, )" is an error. */
	if (p->tok.kind != T_RPAREN) {
		for (;;) {
			if ((a = parse_arg(p, fn, n->nargs)) == NULL)
				return NULL;
			n->args = xreallocarray(n->args, n->nargs + 1,
			    sizeof(*n->args));
			n->args[n->nargs++] = a;
			n->isconst = n->isconst && a->isconst;
			/* sum_answered(50%, ...): the MIN as a percentage. */
			if (p->tok.kind == T_PERCENT && n->nargs == 1 &&
			    answered_func(fn)) {
				n->percent = 1;
				if (advance(p) == -1)
					return NULL;
			}
			if (p->tok.kind == T_RPAREN)
				break;
			if (p->tok.kind == T_EOF)
				return fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
				    "expected ')' after arguments of %s",
				    fn->name);
			if (p->tok.kind != T_COMMA)
				return fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
				    "unexpected %s in arguments of %s "
				    "(expected ',' or ')')", tok_quote(p,
				    &p->tok, q, sizeof(q)), fn->name);
			if (advance(p) == -1)
				return NULL;
		}
	}
	p->depth--;
	if (advance(p) == -1 || check_call(p, n) == -1)
		return NULL;
	return n;
}

/* arg = expr | ID ".." ID */
static struct node *
parse_arg(struct parser *p, const struct func *fn, size_t argi)
{
	if (fn->id == F_LOOKUP && argi == 0)
		return parse_table(p);
	if (p->tok.kind != T_ID || peek(p) != T_DOTDOT)
		return parse_or(p);
	if (!fn->aggregate)
		return fail(p, EXPR_ERR_ARG, p->tok.pos,
		    "%s() does not take a range", fn->name);
	if (fn->id == F_PRORATE && argi == 0)
		return fail(p, EXPR_ERR_ARG, p->tok.pos,
		    "the first argument of prorate() must be a constant "
		    "(the number of missing answers allowed)");
	if (answered_func(fn) && argi == 0)
		return fail(p, EXPR_ERR_ARG, p->tok.pos,
		    "the first argument of %s() must be a constant (the "
		    "least number answered, or a percentage as in 50%%)",
		    fn->name);
	return parse_range(p);
}

/* lookup()'s first argument: the name of a [table.NAME] */
static struct node *
parse_table(struct parser *p)
{
	const char	**cand, *best;
	char		 q[TOKQUOTE_MAX + 8], *name;
	struct node	*n;
	size_t		 i;

	tok_quote(p, &p->tok, q, sizeof(q));
	if (p->tok.kind != T_ID || peek(p) == T_LPAREN)
		return fail(p, EXPR_ERR_ARG, p->tok.pos, "the first argument "
		    "of lookup() must name a [table.NAME], got %s", q);
	for (i = 0; i < p->st->ntables; i++)
		if (strlen(p->st->tables[i]->name) == p->tok.len &&
		    strncmp(p->st->tables[i]->name, p->low + p->tok.pos,
		    p->tok.len) == 0)
			break;
	if (i == p->st->ntables) {
		cand = xcalloc(p->st->ntables + 1, sizeof(*cand));
		for (i = 0; i < p->st->ntables; i++)
			cand[i] = p->st->tables[i]->name;
		name = xstrndup(p->low + p->tok.pos, p->tok.len);
		if ((best = str_suggest(name, cand)) != NULL)
			fail(p, EXPR_ERR_UNKNOWN_ID, p->tok.pos, "no table "
			    "%s; did you mean '%s'?", q, best);
		else
			fail(p, EXPR_ERR_UNKNOWN_ID, p->tok.pos, "no table "
			    "%s (declare it as [table.%s])", q, name);
		free(name);
		free(cand);
		return NULL;
	}
	n = new_node(p, N_TABLE, p->tok.pos);
	n->table = p->st->tables[i];
	/* Not a value, but never makes the call constant either. */
	n->isconst = 1;
	return advance(p) == -1 ? NULL : n;
}

/* ID ".." ID, at the first ID */
static struct node *
parse_range(struct parser *p)
{
	const char	*const *names = p->st->names;
	struct node	*n;
	char		 q[TOKQUOTE_MAX + 8];
	size_t		 a, b, apos;

	apos = p->tok.pos;
	if (lookup(p, &p->tok, &a) == -1 || advance(p) == -1 ||
	    advance(p) == -1)
		return NULL;
	if (p->tok.kind != T_ID)
		return fail(p, EXPR_ERR_SYNTAX, p->tok.pos,
		    "expected an item id after '..', got %s",
		    tok_quote(p, &p->tok, q, sizeof(q)));
	if (lookup(p, &p->tok, &b) == -1)
		return NULL;
	if (a >= p->nitems)
		return fail(p, EXPR_ERR_RANGE, apos, "'%s' is a score; a "
		    "range goes from an item to an item", names[a]);
	if (b >= p->nitems)
		return fail(p, EXPR_ERR_RANGE, p->tok.pos, "'%s' is a score; "
		    "a range goes from an item to an item", names[b]);
	if (a > b)
		return fail(p, EXPR_ERR_RANGE, apos, "range '%s..%s' is "
		    "reversed: %s comes after %s in the scale", names[a],
		    names[b], names[a], names[b]);
	n = new_node(p, N_RANGE, apos);
	n->sym = a;
	n->sym2 = b;
	return advance(p) == -1 ? NULL : n;
}

/* Checks the number of arguments and the constant ones. */
static int
check_call(struct parser *p, struct node *n)
{
	const struct func	*fn = n->fn;
	struct val		 r;
	double			 v;

	if (n->nargs < fn->minargs ||
	    (fn->maxargs != 0 && n->nargs > fn->maxargs)) {
		if (fn->maxargs == 0)
			fail(p, EXPR_ERR_ARITY, n->pos,
			    "%s() needs at least %zu argument%s", fn->name,
			    fn->minargs, fn->minargs == 1 ? "" : "s");
		else if (fn->minargs == fn->maxargs)
			fail(p, EXPR_ERR_ARITY, n->pos,
			    "%s() takes %zu argument%s", fn->name,
			    fn->minargs, fn->minargs == 1 ? "" : "s");
		else
			fail(p, EXPR_ERR_ARITY, n->pos,
			    "%s() takes %zu or %zu arguments", fn->name,
			    fn->minargs, fn->maxargs);
		return -1;
	}
	if (fn->id == F_ROUND && n->nargs == 2) {
		if (const_whole(n->args[1], 0, 6, &v) == -1) {
			fail(p, EXPR_ERR_ARG, n->args[1]->pos,
			    "the digits of round() must be a constant whole "
			    "number from 0 to 6");
			return -1;
		}
		n->digits = (int)v;
	}
	if (fn->id == F_HAS) {
		if (n->args[0]->kind != N_SYM || n->args[0]->sym >=
		    p->nitems) {
			fail(p, EXPR_ERR_ARG, n->args[0]->pos,
			    "the first argument of has() must be an item");
			return -1;
		}
		if (!n->args[1]->isconst ||
		    eval_node(n->args[1], NULL, &r) != EXPR_OK ||
		    r.kind != VAL_NUM) {
			fail(p, EXPR_ERR_ARG, n->args[1]->pos,
			    "the second argument of has() must be a "
			    "constant (an option's value)");
			return -1;
		}
		n->num = r.num;
	}
	if (fn->id == F_LOOKUP && n->args[0]->table->nkeys !=
	    n->nargs - 1) {
		fail(p, EXPR_ERR_ARITY, n->pos, "table '%s' has %zu key%s, "
		    "so lookup(%s, ...) takes %zu more argument%s",
		    n->args[0]->table->name, n->args[0]->table->nkeys,
		    n->args[0]->table->nkeys == 1 ? "" : "s",
		    n->args[0]->table->name, n->args[0]->table->nkeys,
		    n->args[0]->table->nkeys == 1 ? "" : "s");
		return -1;
	}
	if (fn->id == F_PRORATE) {
		if (const_whole(n->args[0], 0, 1e9, &v) == -1) {
			fail(p, EXPR_ERR_ARG, n->args[0]->pos,
			    "the first argument of prorate() must be a "
			    "constant whole number (the number of missing "
			    "answers allowed)");
			return -1;
		}
		n->num = v;
	}
	if (answered_func(fn))
		return check_answered(p, n);
	return 0;
}

/* Whether fn takes a minimum answered first (MIN, "N" or "N%"). */
static int
answered_func(const struct func *fn)
{
	return fn->id == F_SUM_ANS || fn->id == F_MEAN_ANS;
}

/*
 * The MIN of sum_answered/mean_answered: a constant whole number, at
 * most the number of arguments after it (ranges counted by their
 * items), or a whole percentage from 0 to 100.
 */
static int
check_answered(struct parser *p, struct node *n)
{
	double	 v;
	size_t	 i, count = 0;

	if (const_whole(n->args[0], 0, n->percent ? 100 : 1e9, &v) == -1) {
		fail(p, EXPR_ERR_ARG, n->args[0]->pos, n->percent ?
		    "the percentage answered in %s() must be a constant "
		    "whole number from 0 to 100" :
		    "the first argument of %s() must be a constant whole "
		    "number (the least number answered) or a percentage "
		    "(50%%)", n->fn->name);
		return -1;
	}
	for (i = 1; i < n->nargs; i++)
		count += n->args[i]->kind == N_RANGE ?
		    n->args[i]->sym2 - n->args[i]->sym + 1 : 1;
	if (!n->percent && v > (double)count) {
		fail(p, EXPR_ERR_ARG, n->args[0]->pos, "%s() asks for at "
		    "least %.0f answered of %zu argument%s", n->fn->name, v,
		    count, count == 1 ? "" : "s");
		return -1;
	}
	n->num = v;
	return 0;
}

/* Whether a node is a constant whole number in [min, max] (into *v). */
static int
const_whole(const struct node *n, double min, double max, double *v)
{
	struct val	 r;

	if (!n->isconst || eval_node(n, NULL, &r) != EXPR_OK ||
	    r.kind != VAL_NUM)
		return -1;
	/* Written as a test for success so that NaN fails it. */
	if (!(r.num >= min - NUM_EPS && r.num <= max + NUM_EPS &&
	    num_eq(r.num, round(r.num))))
		return -1;
	*v = round(r.num);
	return 0;
}

static void
free_nodes(struct node *n)
{
	struct node	*next;

	for (; n != NULL; n = next) {
		next = n->next;
		free(n->args);
		free(n);
	}
}

struct expr *
expr_parse(const char *src, const struct expr_symtab *st,
    struct expr_error *err)
{
	static const struct expr_symtab	 nosyms;
	struct expr_error		 dummy;
	struct parser			 p;
	struct node			*root = NULL;
	struct expr			*e;
	char				 q[TOKQUOTE_MAX + 8];
	size_t				 len, i;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	if (src == NULL)
		src = "";
	if (st == NULL)
		st = &nosyms;

	/* Boundary: 4096 bytes parse, 4097 do not (tests expr-13.*). */
	if ((len = strnlen(src, EXPR_MAXLEN + 1)) > EXPR_MAXLEN) {
		err->code = EXPR_ERR_TOOLONG;
		err->pos = EXPR_MAXLEN;
		snprintf(err->msg, sizeof(err->msg),
		    "formula longer than %d bytes", EXPR_MAXLEN);
		return NULL;
	}

	memset(&p, 0, sizeof(p));
	p.src = src;
	p.st = st;
	p.nitems = st->nitems < st->nsyms ? st->nitems : st->nsyms;
	p.err = err;
	p.low = xmalloc(len + 1);
	for (i = 0; i <= len; i++)
		p.low[i] = src[i] >= 'A' && src[i] <= 'Z' ?
		    (char)(src[i] - 'A' + 'a') : src[i];

	if (advance(&p) == 0) {
		if (p.tok.kind == T_EOF)
			fail(&p, EXPR_ERR_SYNTAX, 0, "empty formula");
		else if ((root = parse_or(&p)) != NULL &&
		    p.tok.kind != T_EOF)
			fail(&p, EXPR_ERR_SYNTAX, p.tok.pos, "unexpected %s",
			    tok_quote(&p, &p.tok, q, sizeof(q)));
	}
	free(p.low);
	if (err->code != EXPR_OK) {
		free_nodes(p.nodes);
		return NULL;
	}
	assert(root != NULL);
	e = xmalloc(sizeof(*e));
	e->root = root;
	e->nodes = p.nodes;
	return e;
}

void
expr_free(struct expr *e)
{
	if (e == NULL)
		return;
	free_nodes(e->nodes);
	free(e);
}

/*
 * Evaluator.
 */

static struct val
mknum(double v)
{
	struct val	 r;

	memset(&r, 0, sizeof(r));
	r.kind = VAL_NUM;
	r.num = v == 0 ? 0 : v;		/* no -0 */
	return r;
}

static struct val
mkkind(enum val_kind kind)
{
	struct val	 r;

	memset(&r, 0, sizeof(r));
	r.kind = kind;
	r.num = 0;
	return r;
}

/* 1 true, 0 false, -1 unknown (NA or MISSING). */
static int
truth(struct val v)
{
	if (v.kind != VAL_NUM)
		return -1;
	return !num_eq(v.num, 0);
}

/* See round() in the comment at the top. */
static double
round_half_away(double v, int digits)
{
	static const double	 scale10[] = {
		1, 10, 100, 1e3, 1e4, 1e5, 1e6
	};
	double			 p, r;

	assert(digits >= 0 && digits <= 6);
	p = scale10[digits];
	r = v * p;
	r = r < 0 ? -floor(-r + 0.5 + ROUND_NUDGE) :
	    floor(r + 0.5 + ROUND_NUDGE);
	r /= p;
	return r == 0 ? 0 : r;
}

static void
acc_add(struct acc *a, struct val v)
{
	switch (v.kind) {
	case VAL_NA:
		a->nna++;
		break;
	case VAL_MISSING:
		a->nmissing++;
		break;
	case VAL_NUM:
		if (a->nnum == 0 || v.num < a->min)
			a->min = v.num;
		if (a->nnum == 0 || v.num > a->max)
			a->max = v.num;
		a->sum += v.num;
		a->nnum++;
		break;
	}
}

/* Adds the basis of b to a's. */
static void
basis_add(struct val *a, const struct val *b)
{
	a->nused += b->nused;
	a->nexpect += b->nexpect;
	a->prorated |= b->prorated;
}

/* Gives a the basis of b (the value stays). */
static void
basis_copy(struct val *a, const struct val *b)
{
	a->nused = b->nused;
	a->nexpect = b->nexpect;
	a->prorated = b->prorated;
}

/* An aggregate's argument v into the result's basis (see "Basis"). */
static void
acc_basis(struct acc *a, enum func_id fn, struct val v)
{
	switch (fn) {
	case F_COUNT:
	case F_MISSING:
	case F_NA:
		return;
	case F_MIN:
	case F_MAX:
		if (v.kind == VAL_NA)
			return;
		break;
	default:
		break;
	}
	if (v.kind != VAL_NUM)
		v.nused = 0;
	basis_add(&a->basis, &v);
}

static enum expr_err
eval_node(const struct node *n, const struct val *vals, struct val *out)
{
	struct val	 v;
	enum expr_err	 e;

	switch (n->kind) {
	case N_NUM:
		*out = mknum(n->num);
		return EXPR_OK;
	case N_NA:
		*out = mkkind(VAL_NA);
		return EXPR_OK;
	case N_SYM:
		assert(vals != NULL);
		*out = vals[n->sym];
		return EXPR_OK;
	case N_NEG:
		if ((e = eval_node(n->l, vals, &v)) != EXPR_OK)
			return e;
		*out = v.kind == VAL_NUM ? mknum(-v.num) : v;
		basis_copy(out, &v);
		return EXPR_OK;
	case N_NOT:
		if ((e = eval_node(n->l, vals, &v)) != EXPR_OK)
			return e;
		*out = truth(v) == -1 ? mkkind(VAL_MISSING) : mknum(!truth(v));
		basis_copy(out, &v);
		return EXPR_OK;
	case N_CALL:
		return eval_call(n, vals, out);
	case N_RANGE:
	case N_TABLE:
		/* Only as an argument of an aggregate or of lookup(),
		 * handled there. */
		assert(0);
		*out = mkkind(VAL_MISSING);
		return EXPR_OK;
	default:
		return eval_binary(n, vals, out);
	}
}

static enum expr_err
eval_binary(const struct node *n, const struct val *vals, struct val *out)
{
	struct val	 l, r;
	enum expr_err	 e;

	if ((e = eval_node(n->l, vals, &l)) != EXPR_OK ||
	    (e = eval_node(n->r, vals, &r)) != EXPR_OK)
		return e;
	if ((e = eval_binary_value(n, l, r, out)) != EXPR_OK)
		return e;
	basis_copy(out, &l);
	basis_add(out, &r);
	return EXPR_OK;
}

/* The value of a binary operator on l and r (no basis). */
static enum expr_err
eval_binary_value(const struct node *n, struct val l, struct val r,
    struct val *out)
{
	double		 a, b;
	int		 tl, tr;

	if (n->kind == N_AND || n->kind == N_OR) {
		tl = truth(l);
		tr = truth(r);
		if (n->kind == N_AND && (tl == 0 || tr == 0))
			*out = mknum(0);
		else if (n->kind == N_OR && (tl == 1 || tr == 1))
			*out = mknum(1);
		else if (tl == -1 || tr == -1)
			*out = mkkind(VAL_MISSING);
		else
			*out = mknum(n->kind == N_AND);
		return EXPR_OK;
	}
	if (l.kind == VAL_MISSING || r.kind == VAL_MISSING) {
		*out = mkkind(VAL_MISSING);
		return EXPR_OK;
	}
	if (l.kind == VAL_NA || r.kind == VAL_NA) {
		*out = mkkind(VAL_NA);
		return EXPR_OK;
	}
	a = l.num;
	b = r.num;
	switch (n->kind) {
	case N_ADD:
		*out = mknum(a + b);
		break;
	case N_SUB:
		*out = mknum(a - b);
		break;
	case N_MUL:
		*out = mknum(a * b);
		break;
	case N_DIV:
		if (num_eq(b, 0))
			return EXPR_ERR_DIVZERO;
		*out = mknum(a / b);
		break;
	case N_EQ:
		*out = mknum(num_eq(a, b));
		break;
	case N_NE:
		*out = mknum(!num_eq(a, b));
		break;
	case N_LT:
		*out = mknum(!num_ge(a, b));
		break;
	case N_LE:
		*out = mknum(num_ge(b, a));
		break;
	case N_GT:
		*out = mknum(!num_ge(b, a));
		break;
	case N_GE:
		*out = mknum(num_ge(a, b));
		break;
	default:
		assert(0);
		*out = mkkind(VAL_MISSING);
		break;
	}
	return EXPR_OK;
}

static enum expr_err
eval_call(const struct node *n, const struct val *vals, struct val *out)
{
	struct acc	 a;
	struct val	 v;
	enum expr_err	 e;
	size_t		 i, s, first, nonna, taken;

	switch (n->fn->id) {
	case F_IF:
		if ((e = eval_node(n->args[0], vals, &v)) != EXPR_OK)
			return e;
		if (truth(v) == -1) {
			*out = mkkind(VAL_MISSING);
			return EXPR_OK;
		}
		taken = truth(v) ? 1 : 2;
		if ((e = eval_node(n->args[taken], vals, out)) != EXPR_OK)
			return e;
		/* The branch not taken, for its expected items only. */
		v = mkkind(VAL_MISSING);
		(void)eval_node(n->args[3 - taken], vals, &v);
		if (v.nexpect > out->nexpect)
			out->nexpect = v.nexpect;
		return EXPR_OK;
	case F_ROUND:
	case F_ABS:
		if ((e = eval_node(n->args[0], vals, &v)) != EXPR_OK)
			return e;
		if (v.kind != VAL_NUM)
			*out = v;
		else if (n->fn->id == F_ABS)
			*out = mknum(fabs(v.num));
		else
			*out = mknum(round_half_away(v.num, n->digits));
		basis_copy(out, &v);
		return EXPR_OK;
	case F_HAS:
		/* NA and MISSING as they are; a value that is not a
		 * selection holds the code when it equals it. */
		if ((e = eval_node(n->args[0], vals, &v)) != EXPR_OK)
			return e;
		if (v.kind != VAL_NUM)
			*out = v;
		else if (v.set != NULL)
			*out = mknum(expr_set_has(v.set, n->num));
		else
			*out = mknum(num_eq(v.num, n->num));
		out->set = NULL;
		basis_copy(out, &v);
		return EXPR_OK;
	case F_LOOKUP:
		return eval_lookup(n, vals, out);
	default:
		break;
	}

	/* The aggregates. */
	memset(&a, 0, sizeof(a));
	first = n->fn->id == F_PRORATE || answered_func(n->fn) ? 1 : 0;
	for (i = first; i < n->nargs; i++) {
		if (n->args[i]->kind == N_RANGE) {
			/* Not constant, so never evaluated at parse time. */
			assert(vals != NULL);
			for (s = n->args[i]->sym; s <= n->args[i]->sym2;
			    s++) {
				acc_add(&a, vals[s]);
				acc_basis(&a, n->fn->id, vals[s]);
			}
			continue;
		}
		if ((e = eval_node(n->args[i], vals, &v)) != EXPR_OK)
			return e;
		acc_add(&a, v);
		acc_basis(&a, n->fn->id, v);
	}
	switch (n->fn->id) {
	case F_COUNT:
		*out = mknum((double)a.nnum);
		return EXPR_OK;
	case F_MISSING:
		*out = mknum((double)a.nmissing);
		return EXPR_OK;
	case F_NA:
		*out = mknum((double)a.nna);
		return EXPR_OK;
	case F_PRORATE:
		nonna = a.nnum + a.nmissing;
		if (nonna == 0)
			*out = mkkind(VAL_NA);
		else if ((double)a.nmissing > n->num || a.nnum == 0)
			*out = mkkind(VAL_MISSING);
		else
			*out = mknum(a.sum * (double)nonna / (double)a.nnum);
		basis_copy(out, &a.basis);
		if (a.nmissing > 0)
			out->prorated = 1;
		return EXPR_OK;
	case F_SUM_ANS:
	case F_MEAN_ANS:
		nonna = a.nnum + a.nmissing;
		if (nonna == 0)
			*out = mkkind(VAL_NA);
		else if (a.nnum == 0 || (n->percent ?
		    (double)a.nnum * 100 < n->num * (double)nonna :
		    (double)a.nnum < n->num))
			*out = mkkind(VAL_MISSING);
		else if (n->fn->id == F_SUM_ANS)
			*out = mknum(a.sum);
		else
			*out = mknum(a.sum / (double)a.nnum);
		basis_copy(out, &a.basis);
		return EXPR_OK;
	default:
		break;
	}
	/* sum, mean, min, max */
	if (a.nmissing > 0)
		*out = mkkind(VAL_MISSING);
	else if (a.nnum == 0)
		*out = mkkind(VAL_NA);
	else if (n->fn->id == F_SUM)
		*out = mknum(a.sum);
	else if (n->fn->id == F_MEAN)
		*out = mknum(a.sum / (double)a.nnum);
	else if (n->fn->id == F_MIN)
		*out = mknum(a.min);
	else
		*out = mknum(a.max);
	basis_copy(out, &a.basis);
	return EXPR_OK;
}

/*
 * lookup(T, k...): MISSING when a key is missing, or when the table has
 * no row for the keys and no default (lint finds the keys a table
 * lacks); else NA when a key is NA; else the row's value.  The basis is
 * that of the keys.
 */
static enum expr_err
eval_lookup(const struct node *n, const struct val *vals, struct val *out)
{
	struct val	 v, basis;
	double		 keys[TABLE_KEYS_MAX], r;
	size_t		 i;
	int		 na = 0, missing = 0;
	enum expr_err	 e;

	memset(&basis, 0, sizeof(basis));
	for (i = 1; i < n->nargs; i++) {
		if ((e = eval_node(n->args[i], vals, &v)) != EXPR_OK)
			return e;
		if (v.kind == VAL_MISSING)
			missing = 1;
		else if (v.kind == VAL_NA)
			na = 1;
		else
			keys[i - 1] = v.num;
		basis_add(&basis, &v);
	}
	if (missing)
		*out = mkkind(VAL_MISSING);
	else if (na)
		*out = mkkind(VAL_NA);
	else if (table_lookup(n->args[0]->table, keys, n->nargs - 1,
	    &r) == -1)
		*out = mkkind(VAL_MISSING);
	else
		*out = mknum(r);
	basis_copy(out, &basis);
	return EXPR_OK;
}

enum expr_err
expr_eval(const struct expr *ex, const struct val *vals, struct val *out)
{
	enum expr_err	 e;

	if ((e = eval_node(ex->root, vals, out)) != EXPR_OK)
		*out = mkkind(VAL_MISSING);
	return e;
}

/*
 * Interval analysis.
 */

static int
bounds_node(const struct node *n, const double *lo, const double *hi,
    struct iv *out)
{
	struct val	 v;
	struct iv	 a;

	out->lo = out->hi = 0;
	out->none = 0;
	if (n->isconst) {
		if (eval_node(n, NULL, &v) != EXPR_OK)
			return -1;
		/* NA (or MISSING: if(na, ...)) whatever the answers. */
		if (v.kind != VAL_NUM) {
			out->none = 1;
			out->lo = out->hi = 0;
			return 0;
		}
		out->lo = out->hi = v.num;
	} else {
		switch (n->kind) {
		case N_SYM:
			out->lo = lo[n->sym];
			out->hi = hi[n->sym];
			break;
		case N_NEG:
			if (bounds_node(n->l, lo, hi, &a) == -1)
				return -1;
			out->lo = -a.hi;
			out->hi = -a.lo;
			out->none = a.none;
			break;
		case N_NOT:
			if (bounds_node(n->l, lo, hi, &a) == -1)
				return -1;
			out->lo = 0;
			out->hi = 1;
			break;
		case N_CALL:
			if (bounds_call(n, lo, hi, out) == -1)
				return -1;
			break;
		case N_NUM:
		case N_NA:
		case N_RANGE:
			/* N_NUM, N_NA are constant; N_RANGE is seen by the
			 * call. */
			assert(0);
			return -1;
		default:
			if (bounds_binary(n, lo, hi, out) == -1)
				return -1;
			break;
		}
	}
	/* Overflow (or infinite input) is unbounded; also keeps NaN out. */
	if (!isfinite(out->lo) || !isfinite(out->hi))
		return -1;
	return 0;
}

static int
bounds_binary(const struct node *n, const double *lo, const double *hi,
    struct iv *out)
{
	struct iv	 a, b;
	double		 p[4];
	int		 i;

	if (bounds_node(n->l, lo, hi, &a) == -1 ||
	    bounds_node(n->r, lo, hi, &b) == -1)
		return -1;
	if (n->kind == N_AND || n->kind == N_OR) {
		/* 0, 1 or MISSING, whatever NA there is. */
		out->lo = 0;
		out->hi = 1;
		return 0;
	}
	if (a.none || b.none) {
		/* NA op x is NA, before any division. */
		out->none = 1;
		return 0;
	}
	switch (n->kind) {
	case N_ADD:
		out->lo = a.lo + b.lo;
		out->hi = a.hi + b.hi;
		return 0;
	case N_SUB:
		out->lo = a.lo - b.hi;
		out->hi = a.hi - b.lo;
		return 0;
	case N_MUL:
		p[0] = a.lo * b.lo;
		p[1] = a.lo * b.hi;
		p[2] = a.hi * b.lo;
		p[3] = a.hi * b.hi;
		break;
	case N_DIV:
		/* The evaluator fails on |divisor| <= 1e-9. */
		if (b.lo <= NUM_EPS && b.hi >= -NUM_EPS)
			return -1;
		p[0] = a.lo / b.lo;
		p[1] = a.lo / b.hi;
		p[2] = a.hi / b.lo;
		p[3] = a.hi / b.hi;
		break;
	default:
		/* Comparisons, and, or. */
		out->lo = 0;
		out->hi = 1;
		return 0;
	}
	out->lo = out->hi = p[0];
	for (i = 1; i < 4; i++) {
		if (p[i] < out->lo)
			out->lo = p[i];
		if (p[i] > out->hi)
			out->hi = p[i];
	}
	return 0;
}

static int
bounds_call(const struct node *n, const double *lo, const double *hi,
    struct iv *out)
{
	struct ivacc	 ag;
	struct iv	 a, b;
	struct val	 v;
	size_t		 i, s, first;

	switch (n->fn->id) {
	case F_IF:
		if (n->args[0]->isconst) {
			if (eval_node(n->args[0], NULL, &v) != EXPR_OK ||
			    truth(v) == -1)
				return -1;
			return bounds_node(n->args[truth(v) ? 1 : 2], lo, hi,
			    out);
		}
		/* The condition only for its divisions: a is reused.  A
		 * branch that is NA whatever the answers adds no range. */
		if (bounds_node(n->args[0], lo, hi, &a) == -1 ||
		    bounds_node(n->args[1], lo, hi, &a) == -1 ||
		    bounds_node(n->args[2], lo, hi, &b) == -1)
			return -1;
		if (a.none)
			*out = b;
		else if (b.none)
			*out = a;
		else {
			out->lo = a.lo < b.lo ? a.lo : b.lo;
			out->hi = a.hi > b.hi ? a.hi : b.hi;
		}
		return 0;
	case F_ROUND:
		/* Rounding is monotonic: round the ends. */
		if (bounds_node(n->args[0], lo, hi, &a) == -1)
			return -1;
		out->lo = round_half_away(a.lo, n->digits);
		out->hi = round_half_away(a.hi, n->digits);
		out->none = a.none;
		return 0;
	case F_HAS:
		out->lo = 0;
		out->hi = 1;
		return 0;
	case F_ABS:
		if (bounds_node(n->args[0], lo, hi, &a) == -1)
			return -1;
		out->none = a.none;
		if (a.lo >= 0) {
			*out = a;
		} else if (a.hi <= 0) {
			out->lo = -a.hi;
			out->hi = -a.lo;
		} else {
			out->lo = 0;
			out->hi = -a.lo > a.hi ? -a.lo : a.hi;
		}
		return 0;
	case F_SUM_ANS:
	case F_MEAN_ANS:
		return bounds_answered(n, lo, hi, out);
	case F_LOOKUP:
		/* Its keys only for their divisions; the value is one of
		 * the table's. */
		for (i = 1; i < n->nargs; i++)
			if (bounds_node(n->args[i], lo, hi, &a) == -1)
				return -1;
		out->lo = n->args[0]->table->vmin;
		out->hi = n->args[0]->table->vmax;
		return 0;
	default:
		break;
	}

	/* The aggregates: every argument present. */
	memset(&ag, 0, sizeof(ag));
	first = n->fn->id == F_PRORATE ? 1 : 0;
	for (i = first; i < n->nargs; i++) {
		if (n->args[i]->kind != N_RANGE) {
			if (bounds_node(n->args[i], lo, hi, &a) == -1)
				return -1;
			ivacc_add(&ag, a);
			continue;
		}
		for (s = n->args[i]->sym; s <= n->args[i]->sym2; s++) {
			a.lo = lo[s];
			a.hi = hi[s];
			a.none = 0;
			if (!isfinite(a.lo) || !isfinite(a.hi))
				return -1;
			ivacc_add(&ag, a);
		}
	}
	switch (n->fn->id) {
	case F_COUNT:
	case F_MISSING:
	case F_NA:
		out->lo = 0;
		out->hi = (double)ag.nall;
		return 0;
	default:
		break;
	}
	if (ag.count == 0) {
		/* Every argument NA: so is the result. */
		out->none = 1;
		return 0;
	}
	switch (n->fn->id) {
	case F_SUM:
		*out = ag.sum;
		break;
	case F_PRORATE:
		/* With k > 0 the result is the mean of the answered values
		 * times the count: it can reach count x the largest (or
		 * smallest) single bound, not only the sum of the bounds. */
		*out = ag.sum;
		if (n->num > 0) {
			if ((double)ag.count * ag.min.lo < out->lo)
				out->lo = (double)ag.count * ag.min.lo;
			if ((double)ag.count * ag.max.hi > out->hi)
				out->hi = (double)ag.count * ag.max.hi;
		}
		break;
	case F_MEAN:
		out->lo = ag.sum.lo / (double)ag.count;
		out->hi = ag.sum.hi / (double)ag.count;
		break;
	case F_MIN:
		*out = ag.min;
		break;
	case F_MAX:
		*out = ag.max;
		break;
	default:
		assert(0);
		return -1;
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * sum_answered and mean_answered: any k or more of the n arguments may
 * be the answered ones, k being MIN (or MIN% of n, rounded up) and at
 * least 1.  The least sum takes the k lowest lows and every other
 * negative one; the least mean is the mean of the k lowest lows (a
 * further low is no lower than those).  The highest likewise.
 */
static int
bounds_answered(const struct node *n, const double *lo, const double *hi,
    struct iv *out)
{
	struct iv	 a;
	double		*l, *h;
	size_t		 i, s, cnt = 0, k, max = 0;
	int		 rc = -1;

	for (i = 1; i < n->nargs; i++)
		max += n->args[i]->kind == N_RANGE ?
		    n->args[i]->sym2 - n->args[i]->sym + 1 : 1;
	l = xcalloc(max, sizeof(*l));
	h = xcalloc(max, sizeof(*h));
	for (i = 1; i < n->nargs; i++) {
		if (n->args[i]->kind != N_RANGE) {
			if (bounds_node(n->args[i], lo, hi, &a) == -1)
				goto out;
			if (a.none)
				continue;	/* left out, as NA is */
			l[cnt] = a.lo;
			h[cnt++] = a.hi;
			continue;
		}
		for (s = n->args[i]->sym; s <= n->args[i]->sym2; s++) {
			if (!isfinite(lo[s]) || !isfinite(hi[s]))
				goto out;
			l[cnt] = lo[s];
			h[cnt++] = hi[s];
		}
	}
	assert(cnt <= max);
	k = n->percent ? (size_t)ceil(n->num * (double)cnt / 100 - NUM_EPS) :
	    (size_t)n->num;
	if (k < 1)
		k = 1;
	out->lo = out->hi = 0;
	if (k > cnt) {
		/* Every argument NA (NA), or too few left (MISSING). */
		out->none = 1;
		rc = 0;
		goto out;
	}
	qsort(l, cnt, sizeof(*l), cmp_double);
	qsort(h, cnt, sizeof(*h), cmp_double);
	for (i = 0; i < cnt; i++) {
		if (i < k || (n->fn->id == F_SUM_ANS && l[i] < 0))
			out->lo += l[i];
		if (i < k || (n->fn->id == F_SUM_ANS && h[cnt - 1 - i] > 0))
			out->hi += h[cnt - 1 - i];
	}
	if (n->fn->id == F_MEAN_ANS) {
		out->lo /= (double)k;
		out->hi /= (double)k;
	}
	rc = 0;
out:
	free(l);
	free(h);
	return rc;
}

static void
ivacc_add(struct ivacc *ag, struct iv a)
{
	ag->nall++;
	if (a.none)
		return;		/* left out, as NA is */
	if (ag->count == 0) {
		ag->min = ag->max = a;
	} else {
		ag->min.lo = a.lo < ag->min.lo ? a.lo : ag->min.lo;
		ag->min.hi = a.hi < ag->min.hi ? a.hi : ag->min.hi;
		ag->max.lo = a.lo > ag->max.lo ? a.lo : ag->max.lo;
		ag->max.hi = a.hi > ag->max.hi ? a.hi : ag->max.hi;
	}
	ag->sum.lo += a.lo;
	ag->sum.hi += a.hi;
	ag->count++;
}

/* Rounds to 1e-9 to remove floating-point dust (0.30000000000000004). */
static double
snap(double v)
{
	if (fabs(v) < 1e6)
		v = round(v * SNAP) / SNAP;
	return v == 0 ? 0 : v;
}

int
expr_bounds(const struct expr *ex, const double *lo, const double *hi,
    double *outlo, double *outhi)
{
	struct iv	 r;

	if (bounds_node(ex->root, lo, hi, &r) == -1)
		return -1;
	if (r.none)
		return 1;
	*outlo = snap(r.lo);
	*outhi = snap(r.hi);
	return 0;
}

/*
 * References.
 */

static void
refs_node(const struct node *n, unsigned char *used)
{
	size_t	 i;

	switch (n->kind) {
	case N_SYM:
		used[n->sym] = 1;
		break;
	case N_RANGE:
		for (i = n->sym; i <= n->sym2; i++)
			used[i] = 1;
		break;
	default:
		break;
	}
	if (n->l != NULL)
		refs_node(n->l, used);
	if (n->r != NULL)
		refs_node(n->r, used);
	for (i = 0; i < n->nargs; i++)
		refs_node(n->args[i], used);
}

void
expr_refs(const struct expr *ex, unsigned char *used)
{
	refs_node(ex->root, used);
}

static void
lookups_node(const struct node *n, const double *lo, const double *hi,
    struct expr_lookup *out, size_t max, size_t *count)
{
	struct expr_lookup	*l;
	struct iv		 a;
	size_t			 i;

	if (n->l != NULL)
		lookups_node(n->l, lo, hi, out, max, count);
	if (n->r != NULL)
		lookups_node(n->r, lo, hi, out, max, count);
	for (i = 0; i < n->nargs; i++)
		if (n->args[i]->kind != N_TABLE &&
		    n->args[i]->kind != N_RANGE)
			lookups_node(n->args[i], lo, hi, out, max, count);
	if (n->kind != N_CALL || n->fn->id != F_LOOKUP)
		return;
	if (*count < max) {
		l = &out[*count];
		memset(l, 0, sizeof(*l));
		l->table = n->args[0]->table;
		l->nkeys = n->nargs - 1;
		l->pos = n->pos;
		l->bounded = 1;
		for (i = 1; i < n->nargs && i <= EXPR_LOOKUP_KEYS; i++) {
			l->sym[i - 1] = n->args[i]->kind == N_SYM ?
			    n->args[i]->sym : (size_t)-1;
			if (bounds_node(n->args[i], lo, hi, &a) == -1) {
				l->bounded = 0;
				continue;
			}
			l->lo[i - 1] = snap(a.lo);
			l->hi[i - 1] = snap(a.hi);
		}
	}
	(*count)++;
}

size_t
expr_lookups(const struct expr *ex, const double *lo, const double *hi,
    struct expr_lookup *out, size_t max)
{
	size_t	 n = 0;

	lookups_node(ex->root, lo, hi, out, max, &n);
	return n;
}

const char *
expr_strerror(enum expr_err code)
{
	switch (code) {
	case EXPR_OK:
		return "no error";
	case EXPR_ERR_SYNTAX:
		return "syntax error";
	case EXPR_ERR_NUMBER:
		return "bad number";
	case EXPR_ERR_UNKNOWN_ID:
		return "unknown id";
	case EXPR_ERR_UNKNOWN_FUNC:
		return "unknown function";
	case EXPR_ERR_ARITY:
		return "wrong number of arguments";
	case EXPR_ERR_ARG:
		return "bad argument";
	case EXPR_ERR_RANGE:
		return "bad range";
	case EXPR_ERR_DIVZERO:
		return "division by zero";
	case EXPR_ERR_DEPTH:
		return "nested too deeply";
	case EXPR_ERR_TOOLONG:
		return "formula too long";
	}
	return "unknown error";
}

/* A product of item symbols and constants into *t; -1 if n is not. */
static int
product_of(const struct node *n, size_t nitems, struct expr_product *t)
{
	switch (n->kind) {
	case N_MUL:
		return product_of(n->l, nitems, t) == 0 &&
		    product_of(n->r, nitems, t) == 0 ? 0 : -1;
	case N_NUM:
		t->weight *= n->num;
		return 0;
	case N_SYM:
		if (n->sym >= nitems || t->nsym == EXPR_PRODUCT_MAX)
			return -1;
		t->sym[t->nsym++] = n->sym;
		return 0;
	default:
		return -1;
	}
}

/* Collects the terms of a sum; -1 when one is not a product. */
static int
terms_of(const struct node *n, size_t nitems, struct expr_product *out,
    size_t max, size_t *k)
{
	size_t	 i;

	if (n->kind == N_ADD)
		return terms_of(n->l, nitems, out, max, k) == 0 &&
		    terms_of(n->r, nitems, out, max, k) == 0 ? 0 : -1;
	if (n->kind == N_CALL && n->fn->id == F_SUM) {
		for (i = 0; i < n->nargs; i++)
			if (terms_of(n->args[i], nitems, out, max, k) == -1)
				return -1;
		return 0;
	}
	if (*k == max)
		return -1;
	memset(&out[*k], 0, sizeof(out[*k]));
	out[*k].weight = 1;
	if (product_of(n, nitems, &out[*k]) == -1 || out[*k].nsym < 2)
		return -1;
	(*k)++;
	return 0;
}

size_t
expr_products(const struct expr *e, struct expr_product *out, size_t max)
{
	const struct node *n;
	size_t		 k = 0, nitems = (size_t)-1;

	if (e == NULL || e->root == NULL)
		return 0;
	/* Item symbols come first; a score symbol is never a factor here,
	 * which the caller checks against its scale's item count. */
	n = e->root;
	if (terms_of(n, nitems, out, max, &k) == -1)
		return 0;
	return k;
}

int
expr_set_has(const char *set, double code)
{
	const char	*p, *end;
	char		 tok[64];
	double		 v;

	for (p = set; ; p = end + 1) {
		if ((end = strchr(p, '+')) == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) < sizeof(tok)) {
			memcpy(tok, p, (size_t)(end - p));
			tok[end - p] = '\0';
			if (parse_number(tok, &v) == 0 && num_eq(v, code))
				return 1;
		}
		if (*end == '\0')
			return 0;
	}
}

size_t
expr_has_calls(const struct expr *e, size_t *sym, double *code,
    size_t max)
{
	const struct node	*n;
	size_t			 k = 0;

	if (e == NULL)
		return 0;
	for (n = e->nodes; n != NULL; n = n->next)
		if (n->kind == N_CALL && n->fn->id == F_HAS &&
		    n->nargs == 2) {
			if (k < max) {
				sym[k] = n->args[0]->sym;
				code[k] = n->num;
			}
			k++;
		}
	return k < max ? k : max;
}

long
expr_single_sym(const struct expr *e)
{
	if (e == NULL || e->root == NULL || e->root->kind != N_SYM)
		return -1;
	return (long)e->root->sym;
}
