/*
 * test_expr.c: the formula language (src/expr.c), table-driven.
 *
 * Ids are stable: add rows at the end of a group, never renumber.
 *	expr-1	literals, precedence, associativity
 *	expr-2	unary minus
 *	expr-3	division, runtime division by zero
 *	expr-4	comparisons and their tolerance
 *	expr-5	and/or/not, three-valued
 *	expr-6	NA and MISSING through arithmetic
 *	expr-7	sum mean min max
 *	expr-8	count missing na
 *	expr-9	if
 *	expr-10	round abs
 *	expr-11	prorate
 *	expr-12	ranges
 *	expr-13	case, whitespace
 *	expr-14	sum_answered mean_answered
 *	expr-15	the literal na
 *	expr-20..27 parse errors by code, with position and message
 *	expr-28	depth limit		expr-29	length limit
 *	expr-30	bounds			expr-31	bounds of a BFMDRS-like total
 *	expr-40	refs			expr-50	API odds and ends
 *	expr-60	properties: bounds contain values; random input
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "util.h"
#include "harness.h"

static void	 test_products(void);

/* Items q1..q9 a b x y (13), then the scores total and sub. */
static const char *const names[] = {
	"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9",
	"a", "b", "x", "y", "total", "sub"
};
#define NSYMS	15
#define NITEMS	13
static const struct expr_symtab symtab = { names, NSYMS, NITEMS, NULL, 0 };

/* Values every row starts from: q1..q9 = 1..9, a 2, b 3, x 0.5, y -4,
 * total 10, sub 5. */
static const double defaults[NSYMS] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 0.5, -4, 10, 5
};

/* Bounds for expr-30: q* 0..3, a b 0..10, x 0..1, y -5..5,
 * total 0..27, sub 0..10. */
static const double blo[NSYMS] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5, 0, 0
};
static const double bhi[NSYMS] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 10, 10, 1, 5, 27, 10
};

enum want {
	W_NUM,
	W_NA,
	W_MISS,
	W_DIV0		/* expr_eval returns EXPR_ERR_DIVZERO */
};
#define NUM(v)	W_NUM, (v)
#define NA	W_NA, 0
#define MISS	W_MISS, 0
#define DIV0	W_DIV0, 0

struct erow {
	const char	*id;
	const char	*src;
	const char	*set;	/* "q1=2 q2=na q3=? items=na", NULL: none */
	enum want	 want;
	double		 num;
};

static const struct erow erows[] = {
	/* Literals, precedence, associativity. */
	{ "expr-1.1", "1+2*3", NULL, NUM(7) },
	{ "expr-1.2", "(1+2)*3", NULL, NUM(9) },
	{ "expr-1.3", "8/4/2", NULL, NUM(1) },
	{ "expr-1.4", "2-3-4", NULL, NUM(-5) },
	{ "expr-1.5", "2*3+4*5", NULL, NUM(26) },
	{ "expr-1.6", "10-2*3", NULL, NUM(4) },
	{ "expr-1.7", "12", NULL, NUM(12) },
	{ "expr-1.8", "0.5", NULL, NUM(0.5) },
	{ "expr-1.9", "007", NULL, NUM(7) },
	{ "expr-1.10", "1 + 2 * 3 - 4 / 2", NULL, NUM(5) },
	{ "expr-1.11", "((((7))))", NULL, NUM(7) },
	{ "expr-1.12", "2*(3+4)*5", NULL, NUM(70) },
	{ "expr-1.13", "100/10/5*2", NULL, NUM(4) },
	{ "expr-1.14", "1-2+3", NULL, NUM(2) },
	{ "expr-1.15", "123456789012345", NULL, NUM(123456789012345.0) },
	{ "expr-1.16", "0.00000000000001", NULL, NUM(1e-14) },
	{ "expr-1.17", "q1+q2*q3", NULL, NUM(7) },
	{ "expr-1.18", "a*b-x", NULL, NUM(5.5) },
	{ "expr-1.19", "total/sub", NULL, NUM(2) },
	{ "expr-1.20", "1 + 2 < 4", NULL, NUM(1) },
	{ "expr-1.21", "2 * 3 == 6", NULL, NUM(1) },
	{ "expr-1.22", "16/4*2", NULL, NUM(8) },
	{ "expr-1.23", "2*8/4", NULL, NUM(4) },

	/* Unary minus binds tighter than * and /. */
	{ "expr-2.1", "-2*3", NULL, NUM(-6) },
	{ "expr-2.2", "2--3", NULL, NUM(5) },
	{ "expr-2.3", "- -1", NULL, NUM(1) },
	{ "expr-2.4", "-q1", NULL, NUM(-1) },
	{ "expr-2.5", "-(1+2)", NULL, NUM(-3) },
	{ "expr-2.6", "--2", NULL, NUM(2) },
	{ "expr-2.7", "-2-3", NULL, NUM(-5) },
	{ "expr-2.8", "3*-2", NULL, NUM(-6) },
	{ "expr-2.9", "-0", NULL, NUM(0) },
	{ "expr-2.10", "-y", NULL, NUM(4) },
	{ "expr-2.11", "6/-2", NULL, NUM(-3) },
	{ "expr-2.12", "-x*-x", NULL, NUM(0.25) },
	{ "expr-2.13", "- - - 1", NULL, NUM(-1) },
	{ "expr-2.14", "-8/-4/-2", NULL, NUM(-1) },

	/* Division; runtime zero divisors. */
	{ "expr-3.1", "q1/q2", "q2=0", DIV0 },
	{ "expr-3.2", "7/2", NULL, NUM(3.5) },
	{ "expr-3.3", "q6/q3", NULL, NUM(2) },
	{ "expr-3.4", "q1/(q2-q2)", NULL, DIV0 },
	{ "expr-3.5", "q1/q2", "q1=? q2=0", MISS },
	{ "expr-3.6", "q1/q2", "q1=na q2=0", NA },
	{ "expr-3.7", "q1/q2", "q2=?", MISS },
	{ "expr-3.8", "1/3*3", NULL, NUM(1) },
	{ "expr-3.9", "if(q1 > 0, q2/q1, 0)", "q1=0", NUM(0) },
	{ "expr-3.10", "if(q1 == 0, q2/q1, 0)", "q1=0", DIV0 },
	{ "expr-3.11", "sum(q1, q2/q3)", "q3=0", DIV0 },
	{ "expr-3.12", "x/(a-2)", NULL, DIV0 },
	{ "expr-3.13", "count(q1/q2)", "q2=0", DIV0 },
	{ "expr-3.14", "q1/0.00000001", NULL, NUM(1e8) },
	{ "expr-3.15", "q1/q2", "q2=0.000000001", DIV0 },
	{ "expr-3.16", "q1/q2", "q2=0.000000002", NUM(5e8) },
	{ "expr-3.17", "0 and q1/q2", "q2=0", DIV0 },
	{ "expr-3.18", "-q1/q2", "q2=-0", DIV0 },

	/* Comparisons: 0 or 1, tolerant. */
	{ "expr-4.1", "a < b", NULL, NUM(1) },
	{ "expr-4.2", "b < a", NULL, NUM(0) },
	{ "expr-4.3", "a < a", NULL, NUM(0) },
	{ "expr-4.4", "a <= a", NULL, NUM(1) },
	{ "expr-4.5", "a <= b", NULL, NUM(1) },
	{ "expr-4.6", "b <= a", NULL, NUM(0) },
	{ "expr-4.7", "a > b", NULL, NUM(0) },
	{ "expr-4.8", "b > a", NULL, NUM(1) },
	{ "expr-4.9", "a > a", NULL, NUM(0) },
	{ "expr-4.10", "a >= a", NULL, NUM(1) },
	{ "expr-4.11", "b >= a", NULL, NUM(1) },
	{ "expr-4.12", "a >= b", NULL, NUM(0) },
	{ "expr-4.13", "a == 2", NULL, NUM(1) },
	{ "expr-4.14", "a == b", NULL, NUM(0) },
	{ "expr-4.15", "a != b", NULL, NUM(1) },
	{ "expr-4.16", "a != 2", NULL, NUM(0) },
	{ "expr-4.17", "0.1+0.2 == 0.3", NULL, NUM(1) },
	{ "expr-4.18", "0.1+0.2 != 0.3", NULL, NUM(0) },
	{ "expr-4.19", "0.1+0.2 <= 0.3", NULL, NUM(1) },
	{ "expr-4.20", "0.1+0.2 > 0.3", NULL, NUM(0) },
	{ "expr-4.21", "0.3 >= 0.1+0.2", NULL, NUM(1) },
	{ "expr-4.22", "0.3 < 0.1+0.2", NULL, NUM(0) },
	{ "expr-4.23", "1 == 1.0000000005", NULL, NUM(1) },
	{ "expr-4.24", "1 == 1.000000002", NULL, NUM(0) },
	{ "expr-4.25", "1 < 1.00000001", NULL, NUM(1) },
	{ "expr-4.26", "1.0000000005 > 1", NULL, NUM(0) },
	{ "expr-4.27", "q1 < q2", "q2=?", MISS },
	{ "expr-4.28", "q1 == q2", "q1=na", NA },
	{ "expr-4.29", "q1 == q2", "q1=na q2=?", MISS },
	{ "expr-4.30", "sum(q1..q3) >= 6", NULL, NUM(1) },
	{ "expr-4.31", "x * 3 == 1.5", NULL, NUM(1) },
	{ "expr-4.32", "-1 < 0", NULL, NUM(1) },
	{ "expr-4.33", "y <= -4", NULL, NUM(1) },
	{ "expr-4.34", "q1 >= q2", "q1=na q2=na", NA },

	/* Kleene logic: T = 1, F = 0, N = na, M = ? (MISSING). */
	{ "expr-5.1", "q1 and q2", "q1=1 q2=1", NUM(1) },
	{ "expr-5.2", "q1 and q2", "q1=1 q2=0", NUM(0) },
	{ "expr-5.3", "q1 and q2", "q1=0 q2=1", NUM(0) },
	{ "expr-5.4", "q1 and q2", "q1=0 q2=0", NUM(0) },
	{ "expr-5.5", "q1 and q2", "q1=1 q2=na", MISS },
	{ "expr-5.6", "q1 and q2", "q1=na q2=1", MISS },
	{ "expr-5.7", "q1 and q2", "q1=0 q2=na", NUM(0) },
	{ "expr-5.8", "q1 and q2", "q1=na q2=0", NUM(0) },
	{ "expr-5.9", "q1 and q2", "q1=1 q2=?", MISS },
	{ "expr-5.10", "q1 and q2", "q1=0 q2=?", NUM(0) },
	{ "expr-5.11", "q1 and q2", "q1=? q2=0", NUM(0) },
	{ "expr-5.12", "q1 and q2", "q1=na q2=na", MISS },
	{ "expr-5.13", "q1 and q2", "q1=? q2=na", MISS },
	{ "expr-5.14", "q1 and q2", "q1=? q2=?", MISS },
	{ "expr-5.15", "q1 or q2", "q1=1 q2=1", NUM(1) },
	{ "expr-5.16", "q1 or q2", "q1=1 q2=0", NUM(1) },
	{ "expr-5.17", "q1 or q2", "q1=0 q2=1", NUM(1) },
	{ "expr-5.18", "q1 or q2", "q1=0 q2=0", NUM(0) },
	{ "expr-5.19", "q1 or q2", "q1=0 q2=na", MISS },
	{ "expr-5.20", "q1 or q2", "q1=na q2=0", MISS },
	{ "expr-5.21", "q1 or q2", "q1=1 q2=na", NUM(1) },
	{ "expr-5.22", "q1 or q2", "q1=na q2=1", NUM(1) },
	{ "expr-5.23", "q1 or q2", "q1=1 q2=?", NUM(1) },
	{ "expr-5.24", "q1 or q2", "q1=? q2=1", NUM(1) },
	{ "expr-5.25", "q1 or q2", "q1=0 q2=?", MISS },
	{ "expr-5.26", "q1 or q2", "q1=na q2=na", MISS },
	{ "expr-5.27", "q1 or q2", "q1=? q2=?", MISS },
	{ "expr-5.28", "not q1", "q1=1", NUM(0) },
	{ "expr-5.29", "not q1", "q1=0", NUM(1) },
	{ "expr-5.30", "not q1", "q1=na", MISS },
	{ "expr-5.31", "not q1", "q1=?", MISS },
	{ "expr-5.32", "not a", NULL, NUM(0) },
	{ "expr-5.33", "not not 5", NULL, NUM(1) },
	{ "expr-5.34", "2 and 3", NULL, NUM(1) },
	{ "expr-5.35", "0.5 or 0", NULL, NUM(1) },
	{ "expr-5.36", "0.1+0.2-0.3 or 0", NULL, NUM(0) },
	{ "expr-5.37", "1 or 0 and 0", NULL, NUM(1) },
	{ "expr-5.38", "(1 or 0) and 0", NULL, NUM(0) },
	{ "expr-5.39", "not 1 or 1", NULL, NUM(1) },
	{ "expr-5.40", "not (1 or 1)", NULL, NUM(0) },
	{ "expr-5.41", "not a == 2", NULL, NUM(0) },
	{ "expr-5.42", "not a == 3", NULL, NUM(1) },
	{ "expr-5.43", "a < b and b < 4", NULL, NUM(1) },
	{ "expr-5.44", "1 AND 0", NULL, NUM(0) },
	{ "expr-5.45", "0 Or 1", NULL, NUM(1) },
	{ "expr-5.46", "NOT 0", NULL, NUM(1) },
	{ "expr-5.47", "y and x", NULL, NUM(1) },
	{ "expr-5.48", "0 or 0 or q1", "q1=?", MISS },
	{ "expr-5.49", "1 and 1 and q1", "q1=na", MISS },
	{ "expr-5.50", "not q1 < 0", "q1=?", MISS },

	/* NA and MISSING through arithmetic. */
	{ "expr-6.1", "q1 + q2", "q2=?", MISS },
	{ "expr-6.2", "q1 + q2", "q2=na", NA },
	{ "expr-6.3", "q1 + q2", "q1=na q2=?", MISS },
	{ "expr-6.4", "q1 * 0", "q1=?", MISS },
	{ "expr-6.5", "-q1", "q1=?", MISS },
	{ "expr-6.6", "-q1", "q1=na", NA },
	{ "expr-6.7", "q1 - q2", "q1=na q2=na", NA },
	{ "expr-6.8", "(q1 + 1) * 2", "q1=?", MISS },
	{ "expr-6.9", "total", "total=?", MISS },
	{ "expr-6.10", "q1 / 2", "q1=na", NA },
	{ "expr-6.11", "2 - q1", "q1=?", MISS },
	{ "expr-6.12", "sub * 2", "sub=na", NA },

	/* sum mean min max. */
	{ "expr-7.1", "sum(q1..q9)", NULL, NUM(45) },
	{ "expr-7.2", "sum(q1, q2, q3)", NULL, NUM(6) },
	{ "expr-7.3", "sum(q1..q3)", "q2=na", NUM(4) },
	{ "expr-7.4", "sum(q1..q3)", "q2=?", MISS },
	{ "expr-7.5", "sum(q1..q3)", "items=na", NA },
	{ "expr-7.6", "sum(q1..q3)", "q1=na q2=na q3=?", MISS },
	{ "expr-7.7", "sum(1)", NULL, NUM(1) },
	{ "expr-7.8", "sum(q1..q3, 10)", NULL, NUM(16) },
	{ "expr-7.9", "sum(q1..q2, q4..q5)", NULL, NUM(12) },
	{ "expr-7.10", "mean(q1..q4)", NULL, NUM(2.5) },
	{ "expr-7.11", "mean(q1..q4)", "q4=na", NUM(2) },
	{ "expr-7.12", "mean(q1..q4)", "q4=?", MISS },
	{ "expr-7.13", "mean(q1..q2)", "items=na", NA },
	{ "expr-7.14", "min(q1..q9)", NULL, NUM(1) },
	{ "expr-7.15", "max(q1..q9)", NULL, NUM(9) },
	{ "expr-7.16", "min(q1..q3)", "q1=na", NUM(2) },
	{ "expr-7.17", "max(q7..q9)", "q9=?", MISS },
	{ "expr-7.18", "max(q1..q2)", "items=na", NA },
	{ "expr-7.19", "min(y, x, a)", NULL, NUM(-4) },
	{ "expr-7.20", "max(-1, -2)", NULL, NUM(-1) },
	{ "expr-7.21", "sum(a*b*0.5, x*2)", NULL, NUM(4) },
	{ "expr-7.22", "sum(q1, q2)", "q1=na q2=na", NA },
	{ "expr-7.23", "mean(q1)", "q1=na", NA },
	{ "expr-7.24", "sum(total, sub)", NULL, NUM(15) },
	{ "expr-7.25", "mean(1, 2, 4)", NULL, NUM(7.0 / 3) },
	{ "expr-7.26", "min(q1..q3)", "q2=?", MISS },
	{ "expr-7.27", "sum(q1..q9) - sum(q1..q8)", NULL, NUM(9) },
	{ "expr-7.28", "sum(q3..q3)", NULL, NUM(3) },
	{ "expr-7.29", "sum(q1 > 0, q2 > 5)", NULL, NUM(1) },
	{ "expr-7.30", "sum(q1..q2, q3)", "q1=na q2=na q3=na", NA },
	{ "expr-7.31", "max(q1..q3)", "q3=na", NUM(2) },
	{ "expr-7.32", "min(q1, q2 + q3)", "q3=na", NUM(1) },
	{ "expr-7.33", "max(q1, q2 + q3)", "q3=?", MISS },
	{ "expr-7.34", "sum(q1..q3)", "q1=0.1 q2=0.2 q3=-0.3", NUM(0) },

	/* count missing na: never NA or MISSING themselves. */
	{ "expr-8.1", "count(q1..q9)", NULL, NUM(9) },
	{ "expr-8.2", "count(q1..q9)", "q2=na q3=?", NUM(7) },
	{ "expr-8.3", "missing(q1..q9)", "q2=na q3=? q4=?", NUM(2) },
	{ "expr-8.4", "na(q1..q9)", "q2=na q3=?", NUM(1) },
	{ "expr-8.5", "missing(q6)", "q6=?", NUM(1) },
	{ "expr-8.6", "missing(q6)", NULL, NUM(0) },
	{ "expr-8.7", "count(q1)", "q1=?", NUM(0) },
	{ "expr-8.8", "na(q1..q3)", "items=na", NUM(3) },
	{ "expr-8.9", "count(q1..q3)", "items=?", NUM(0) },
	{ "expr-8.10", "missing(q1+q2)", "q2=?", NUM(1) },
	{ "expr-8.11", "na(q1+q2)", "q2=na", NUM(1) },
	{ "expr-8.12", "count(q1, 2, q3..q4)", "q3=na", NUM(3) },
	{ "expr-8.13", "missing(q1..q9) > 2", "q1=? q2=? q3=?", NUM(1) },
	{ "expr-8.14", "count(total)", "total=?", NUM(0) },
	{ "expr-8.15", "na(q1)", "q1=?", NUM(0) },
	{ "expr-8.16", "missing(q1)", "q1=na", NUM(0) },
	{ "expr-8.17", "not missing(q6) and q6 > 3", "q6=?", NUM(0) },

	/* if: lazy; unknown condition gives MISSING. */
	{ "expr-9.1", "if(1, 10, 20)", NULL, NUM(10) },
	{ "expr-9.2", "if(0, 10, 20)", NULL, NUM(20) },
	{ "expr-9.3", "if(q1 > 0, a, b)", NULL, NUM(2) },
	{ "expr-9.4", "if(q1 > 5, a, b)", NULL, NUM(3) },
	{ "expr-9.5", "if(q1, a, b)", "q1=na", MISS },
	{ "expr-9.6", "if(q1, a, b)", "q1=?", MISS },
	{ "expr-9.7", "if(1, q1, q2)", "q1=na", NA },
	{ "expr-9.8", "if(0, q1, q2)", "q1=?", NUM(2) },
	{ "expr-9.9", "if(1, 5, q2/q1)", "q1=0", NUM(5) },
	{ "expr-9.10", "if(0, 5, q2/q1)", "q1=0", DIV0 },
	{ "expr-9.11", "if(missing(q6), 0, q6)", "q6=?", NUM(0) },
	{ "expr-9.12", "if(x, 1, 2)", NULL, NUM(1) },
	{ "expr-9.13", "if(0.1+0.2-0.3, 1, 2)", NULL, NUM(2) },
	{ "expr-9.14", "if(q1 > 0, if(q2 > 5, 1, 2), 3)", NULL, NUM(2) },
	{ "expr-9.15", "if(q1/q2 > 1, 1, 2)", "q2=0", DIV0 },
	{ "expr-9.16", "IF(1, 2, 3)", NULL, NUM(2) },
	{ "expr-9.17", "if(q1, q2/q3, 1)", "q1=? q3=0", MISS },
	{ "expr-9.18", "if(y, 7, 8)", NULL, NUM(7) },

	/* round (half away from zero) and abs. */
	{ "expr-10.1", "round(2.5)", NULL, NUM(3) },
	{ "expr-10.2", "round(-2.5)", NULL, NUM(-3) },
	{ "expr-10.3", "round(2.4)", NULL, NUM(2) },
	{ "expr-10.4", "round(-2.4)", NULL, NUM(-2) },
	{ "expr-10.5", "round(2.675, 2)", NULL, NUM(2.68) },
	{ "expr-10.6", "round(0.125, 2)", NULL, NUM(0.13) },
	{ "expr-10.7", "round(-0.125, 2)", NULL, NUM(-0.13) },
	{ "expr-10.8", "round(1.005, 2)", NULL, NUM(1.01) },
	{ "expr-10.9", "round(1.25, 1)", NULL, NUM(1.3) },
	{ "expr-10.10", "round(0.5)", NULL, NUM(1) },
	{ "expr-10.11", "round(-0.5)", NULL, NUM(-1) },
	{ "expr-10.12", "round(0.49)", NULL, NUM(0) },
	{ "expr-10.13", "round(-0.4)", NULL, NUM(0) },
	{ "expr-10.14", "round(1.23456789, 6)", NULL, NUM(1.234568) },
	{ "expr-10.15", "round(2.5, 0)", NULL, NUM(3) },
	{ "expr-10.16", "round(q1 / 3, 2)", NULL, NUM(0.33) },
	{ "expr-10.17", "round(q2 / 3, 2)", NULL, NUM(0.67) },
	{ "expr-10.18", "round(q1)", "q1=na", NA },
	{ "expr-10.19", "round(q1, 1)", "q1=?", MISS },
	{ "expr-10.20", "round(x, 1+1)", NULL, NUM(0.5) },
	{ "expr-10.21", "round(12345.5)", NULL, NUM(12346) },
	{ "expr-10.22", "round(1.45, 1)", NULL, NUM(1.5) },
	{ "expr-10.23", "round(-1.45, 1)", NULL, NUM(-1.5) },
	{ "expr-10.24", "round(0.1+0.2, 6)", NULL, NUM(0.3) },
	{ "expr-10.25", "abs(-3)", NULL, NUM(3) },
	{ "expr-10.26", "abs(3)", NULL, NUM(3) },
	{ "expr-10.27", "abs(y)", NULL, NUM(4) },
	{ "expr-10.28", "abs(q1)", "q1=na", NA },
	{ "expr-10.29", "abs(q1)", "q1=?", MISS },
	{ "expr-10.30", "abs(q1 - q5)", NULL, NUM(4) },
	{ "expr-10.31", "abs(0)", NULL, NUM(0) },
	{ "expr-10.32", "round(2.675 * 100) / 100", NULL, NUM(2.68) },
	{ "expr-10.33", "round(3.14159, 4)", NULL, NUM(3.1416) },
	{ "expr-10.34", "round(-2.675, 2)", NULL, NUM(-2.68) },
	{ "expr-10.35", "round(2.5 * q1)", "q1=-1", NUM(-3) },
	{ "expr-10.36", "round(0.0000005, 6)", NULL, NUM(0.000001) },
	{ "expr-10.37", "round(0.0000004, 6)", NULL, NUM(0) },
	{ "expr-10.38", "round(q1 / q2, 3)", "q1=2 q2=3", NUM(0.667) },
	/* x * 100 lands just below the half: the 1e-9 nudge decides. */
	{ "expr-10.39", "round(0.285, 2)", NULL, NUM(0.29) },
	{ "expr-10.40", "round(0.575, 2)", NULL, NUM(0.58) },
	{ "expr-10.41", "round(-0.575, 2)", NULL, NUM(-0.58) },
	{ "expr-10.42", "round(1.015, 2)", NULL, NUM(1.02) },
	{ "expr-10.43", "round(q1, 2)", "q1=0.285", NUM(0.29) },
	{ "expr-10.44", "round(0.4999999, 0)", NULL, NUM(0) },

	/* prorate(k, ...): n non-NA, m MISSING, a = n - m answered. */
	{ "expr-11.1", "prorate(2, q1..q9)",
	    "q1=2 q2=2 q3=? q4=1 q5=1 q6=? q7=1 q8=0 q9=0", NUM(9) },
	{ "expr-11.2", "prorate(2, q1..q9)", NULL, NUM(45) },
	{ "expr-11.3", "prorate(2, q1..q9)", "q9=?", NUM(40.5) },
	{ "expr-11.4", "prorate(2, q1..q9)", "q8=? q9=?", NUM(36) },
	{ "expr-11.5", "prorate(2, q1..q9)", "q7=? q8=? q9=?", MISS },
	{ "expr-11.6", "prorate(3, q1..q9)", "q7=? q8=? q9=?", NUM(31.5) },
	{ "expr-11.7", "prorate(0, q1..q9)", NULL, NUM(45) },
	{ "expr-11.8", "prorate(0, q1..q9)", "q5=?", MISS },
	{ "expr-11.9", "prorate(2, q1..q9)", "q9=na", NUM(36) },
	{ "expr-11.10", "prorate(2, q1..q9)", "q9=na q8=?", NUM(32) },
	{ "expr-11.11", "prorate(2, q1..q9)", "items=na", NA },
	{ "expr-11.12", "prorate(9, q1..q9)", "items=?", MISS },
	{ "expr-11.13", "prorate(20, q1..q3)", "items=? q1=na", MISS },
	{ "expr-11.14", "prorate(1, q1, q2)", "q2=?", NUM(2) },
	{ "expr-11.15", "prorate(1+1, q1..q9)", "q9=?", NUM(40.5) },
	{ "expr-11.16", "prorate(2, q1..q3, q4*2)", "q4=?", NUM(8) },
	{ "expr-11.17", "prorate(1, q1..q9)",
	    "q1=2 q2=2 q3=? q4=1 q5=1 q6=? q7=1 q8=0 q9=0", MISS },
	{ "expr-11.18", "prorate(2, q1..q9)", "items=0 q1=?", NUM(0) },
	{ "expr-11.19", "prorate(0, q1)", "q1=na", NA },
	{ "expr-11.20", "prorate(1, q1..q3)", "q1=na q2=na q3=?", MISS },
	{ "expr-11.21", "prorate(3, q1..q9)",
	    "q1=na q2=na q3=na q4=? q5=? q6=?", NUM(48) },
	{ "expr-11.22", "prorate(1, q1..q2, q3 / q4)", "q4=0", DIV0 },

	/* Ranges run over item indices, whatever the names. */
	{ "expr-12.1", "sum(q9..a)", NULL, NUM(11) },
	{ "expr-12.2", "sum(q1..y)", NULL, NUM(46.5) },
	{ "expr-12.3", "count(q1..y)", NULL, NUM(13) },
	{ "expr-12.4", "sum(Q1..Q3)", NULL, NUM(6) },
	{ "expr-12.5", "sum(q1 .. q3)", NULL, NUM(6) },
	{ "expr-12.6", "sum(q1..q3, q7..q9)", NULL, NUM(30) },
	{ "expr-12.7", "mean(q1..q3) * 2", NULL, NUM(4) },
	{ "expr-12.8", "sum( q1..q1 )", NULL, NUM(1) },
	{ "expr-12.9", "sum(q1..q3, q2..q3)", NULL, NUM(11) },
	{ "expr-12.10", "min(x..y)", NULL, NUM(-4) },

	/* Case, whitespace. */
	{ "expr-13.1", "Q1 + A", NULL, NUM(3) },
	{ "expr-13.2", "TOTAL", NULL, NUM(10) },
	{ "expr-13.3", "SUM(q1..q3)", NULL, NUM(6) },
	{ "expr-13.4", "Mean(Q1, Q2)", NULL, NUM(1.5) },
	{ "expr-13.5", "1\t+\n2", NULL, NUM(3) },
	{ "expr-13.6", "  q1  ", NULL, NUM(1) },
	{ "expr-13.7", "q1 AND Not 0", NULL, NUM(1) },
	{ "expr-13.8", "ProRate(2, Q1..Q9)", NULL, NUM(45) },
	{ "expr-13.9", "(q1)+(q2)", NULL, NUM(3) },
	{ "expr-13.10", "q1+-q2", NULL, NUM(-1) },
	{ "expr-13.11", "sum(q1,q2)", NULL, NUM(3) },
	{ "expr-13.12", "\n\tq1\n", NULL, NUM(1) },

	/* sum_answered / mean_answered(MIN, ...): MISSING is left out;
	 * MIN answered (a count, or N% of the non-NA ones), else MISSING;
	 * nothing answered is MISSING, everything NA is NA. */
	{ "expr-14.1", "sum_answered(0, q1..q3)", NULL, NUM(6) },
	{ "expr-14.2", "sum_answered(2, q1..q3)", "q2=?", NUM(4) },
	{ "expr-14.3", "sum_answered(3, q1..q3)", "q2=?", MISS },
	{ "expr-14.4", "mean_answered(2, q1..q3)", "q2=?", NUM(2) },
	{ "expr-14.5", "sum_answered(50%, q1..q4)", "q1=? q2=?", NUM(7) },
	{ "expr-14.6", "sum_answered(50%, q1..q4)", "q1=? q2=? q3=?", MISS },
	/* 1 answered of 2 non-NA is 50%. */
	{ "expr-14.7", "mean_answered(50%, q1..q4)", "q1=na q2=na q3=?",
	    NUM(4) },
	{ "expr-14.8", "sum_answered(0, q1..q3)", "items=?", MISS },
	{ "expr-14.9", "sum_answered(0, q1..q3)", "items=na", NA },
	{ "expr-14.10", "mean_answered(1, q1..q9)", "q5=na", NUM(5) },
	/* QuickDASH-type "at least 8 of 9". */
	{ "expr-14.11", "mean_answered(8, q1..q9)", "q9=?", NUM(4.5) },
	{ "expr-14.12", "mean_answered(8, q1..q9)", "q8=? q9=?", MISS },
	{ "expr-14.13", "sum_answered(100%, q1..q3)", "q1=?", MISS },
	{ "expr-14.14", "sum_answered(0%, q1..q3)", "q1=? q2=?", NUM(3) },
	{ "expr-14.15", "sum_answered(1, q1 * 2, q2 / q3)", "q3=0", DIV0 },
	{ "expr-14.16", "Sum_Answered(1+1, q1, q2)", NULL, NUM(3) },
	{ "expr-14.17", "mean_answered(1, q1, q1..q2)", NULL, NUM(4.0 / 3) },
	/* KOOS-type: 100 - mean * 25, half the items needed. */
	{ "expr-14.18", "100 - mean_answered(50%, q1..q4) * 25", "q4=?",
	    NUM(50) },
	/* Boundary: 3 of 9 is 33.3%: enough for 33%, not for 34%. */
	{ "expr-14.19", "sum_answered(34%, q1..q9)",
	    "q1=? q2=? q3=? q4=? q5=? q6=?", MISS },
	{ "expr-14.20", "sum_answered(33%, q1..q9)",
	    "q1=? q2=? q3=? q4=? q5=? q6=?", NUM(24) },
	/* A count is absolute: NA arguments do not lower it. */
	{ "expr-14.21", "sum_answered(2, q1..q3)", "q1=na q2=na", MISS },
	/* Oswestry-type: percentage of the answered maximum (0..5 each). */
	{ "expr-14.22", "mean_answered(1, q1..q5) * 20", "q5=?", NUM(50) },
	/* The "missing counts 0" of the old if(count(x), x, 0) trick. */
	{ "expr-14.23", "sum_answered(1, q1..q3)", "q1=? q3=?", NUM(2) },
	{ "expr-14.24", "sum_answered(1, q1..q3) - q1", "q1=?", MISS },
	{ "expr-14.25", "mean_answered(1, q1..q3, total)", "total=?",
	    NUM(2) },
	/* 50% of 3: 1 answered is 33%, 2 are 67%. */
	{ "expr-14.26", "sum_answered(50%, q1..q3)", "q1=? q2=?", MISS },
	{ "expr-14.27", "sum_answered(50%, q1..q3)", "q1=?", NUM(5) },

	/* The literal na: NA, as an answer coded na; na( is the
	 * function. */
	{ "expr-15.1", "na", NULL, NA },
	{ "expr-15.2", "NA", NULL, NA },
	{ "expr-15.3", "na + 1", NULL, NA },
	{ "expr-15.4", "if(count(q1..q3) > 0, sum(q1..q3), na)", "items=?",
	    NA },
	{ "expr-15.5", "if(count(q1..q3) > 0, sum(q1..q3), na)", NULL,
	    NUM(6) },
	{ "expr-15.6", "sum(q1, na, q2)", NULL, NUM(3) },
	{ "expr-15.7", "mean(q1, na, q2)", NULL, NUM(1.5) },
	{ "expr-15.8", "na(na, q1, na)", NULL, NUM(2) },
	{ "expr-15.9", "count(na)", NULL, NUM(0) },
	{ "expr-15.10", "if(na, 1, 2)", NULL, MISS },
	{ "expr-15.11", "q1 / na", NULL, NA },
	{ "expr-15.12", "na / q1", "q1=0", NA },
	{ "expr-15.13", "na == na", NULL, NA },
	{ "expr-15.14", "na or 1", NULL, NUM(1) },
	{ "expr-15.15", "na and 1", NULL, MISS },
	{ "expr-15.16", "sum_answered(1, na, q1..q2)", NULL, NUM(3) },
	{ "expr-15.17", "max(na, q3)", NULL, NUM(3) },
	{ "expr-15.18", "round(-na)", NULL, NA },
	{ "expr-15.19", "if(q1 > 5, q1, na)", "q1=7", NUM(7) },
	{ "expr-15.20", "q1 + na", "q1=?", MISS }
};

/* Parse errors: the code, the byte offset and part of the message. */
struct prow {
	const char	*id;
	const char	*src;
	enum expr_err	 code;
	size_t		 pos;
	const char	*msg;
};

static const struct prow prows[] = {
	/* EXPR_ERR_SYNTAX */
	{ "expr-20.1", "", EXPR_ERR_SYNTAX, 0, "empty formula" },
	{ "expr-20.2", "   \t\n", EXPR_ERR_SYNTAX, 0, "empty formula" },
	{ "expr-20.3", "1 +", EXPR_ERR_SYNTAX, 3,
	    "unexpected end of formula" },
	{ "expr-20.4", "(1 + 2", EXPR_ERR_SYNTAX, 6, "expected ')'" },
	{ "expr-20.5", "1 + 2)", EXPR_ERR_SYNTAX, 5, "unexpected ')'" },
	{ "expr-20.6", "1 2", EXPR_ERR_SYNTAX, 2, "unexpected '2'" },
	{ "expr-20.7", "q1 q2", EXPR_ERR_SYNTAX, 3, "unexpected 'q2'" },
	{ "expr-20.8", "a < b < 3", EXPR_ERR_SYNTAX, 6, "chained" },
	{ "expr-20.9", "a == b == 1", EXPR_ERR_SYNTAX, 7, "chained" },
	{ "expr-20.10", "a = 1", EXPR_ERR_SYNTAX, 2, "'=='" },
	{ "expr-20.11", "!a", EXPR_ERR_SYNTAX, 0, "'!='" },
	{ "expr-20.12", "1 $ 2", EXPR_ERR_SYNTAX, 2, "character '$'" },
	{ "expr-20.13", "1 \001 2", EXPR_ERR_SYNTAX, 2, "'\\x01'" },
	{ "expr-20.14", "q1 \303\251", EXPR_ERR_SYNTAX, 3, "'\\xc3'" },
	{ "expr-20.15", "1 ; 2", EXPR_ERR_SYNTAX, 2, "';'" },
	{ "expr-20.16", "+1", EXPR_ERR_SYNTAX, 0, "unexpected '+'" },
	{ "expr-20.17", "1 + not 0", EXPR_ERR_SYNTAX, 4, "unexpected 'not'" },
	{ "expr-20.18", "sum(q1, )", EXPR_ERR_SYNTAX, 8, "unexpected ')'" },
	{ "expr-20.19", "sum(q1", EXPR_ERR_SYNTAX, 6,
	    "expected ')' after arguments of sum" },
	{ "expr-20.20", "sum(q1 q2)", EXPR_ERR_SYNTAX, 7,
	    "unexpected 'q2' in arguments of sum" },
	{ "expr-20.21", "()", EXPR_ERR_SYNTAX, 1, "unexpected ')'" },
	{ "expr-20.22", "1 .. 2", EXPR_ERR_SYNTAX, 2, "unexpected '..'" },
	{ "expr-20.23", "sum(q1..)", EXPR_ERR_SYNTAX, 8,
	    "expected an item id after '..'" },
	{ "expr-20.24", "sum(q1..3)", EXPR_ERR_SYNTAX, 8, "got '3'" },
	{ "expr-20.25", "and", EXPR_ERR_SYNTAX, 0, "unexpected 'and'" },
	{ "expr-20.26", "1 and", EXPR_ERR_SYNTAX, 5, "end of formula" },
	{ "expr-20.27", "q1\r", EXPR_ERR_SYNTAX, 2, "'\\x0d'" },
	{ "expr-20.28", ".", EXPR_ERR_SYNTAX, 0, "character '.'" },
	{ "expr-20.29", "((q1)", EXPR_ERR_SYNTAX, 5,
	    "to close the '(' at offset 0" },
	{ "expr-20.30", "sum(1,,2)", EXPR_ERR_SYNTAX, 6, "unexpected ','" },
	{ "expr-20.31", "1 < ", EXPR_ERR_SYNTAX, 4, "end of formula" },
	{ "expr-20.32", "not", EXPR_ERR_SYNTAX, 3, "end of formula" },
	{ "expr-20.33", "- ", EXPR_ERR_SYNTAX, 2, "end of formula" },
	{ "expr-20.34", "1 > = 2", EXPR_ERR_SYNTAX, 4, "'=='" },
	{ "expr-20.35", "1,5", EXPR_ERR_SYNTAX, 1, "unexpected ','" },
	{ "expr-20.36", "sum(", EXPR_ERR_SYNTAX, 4, "end of formula" },
	{ "expr-20.37", "(q1 q2)", EXPR_ERR_SYNTAX, 4, "got 'q2'" },
	{ "expr-20.38", "q1 ! = 2", EXPR_ERR_SYNTAX, 3, "'!'" },
	{ "expr-20.39", "1 ^ 2", EXPR_ERR_SYNTAX, 2, "'^'" },
	{ "expr-20.40", "q1 or", EXPR_ERR_SYNTAX, 5, "end of formula" },
	{ "expr-20.41", "(1)(2)", EXPR_ERR_SYNTAX, 3, "unexpected '('" },
	{ "expr-20.42", "q1 \177", EXPR_ERR_SYNTAX, 3, "'\\x7f'" },
	{ "expr-20.43", "a <> b", EXPR_ERR_SYNTAX, 3, "unexpected '>'" },

	/* EXPR_ERR_NUMBER */
	{ "expr-21.1", "1.", EXPR_ERR_NUMBER, 0, "malformed number '1.'" },
	{ "expr-21.2", ".5", EXPR_ERR_NUMBER, 0, "'.5'" },
	{ "expr-21.3", "1e3", EXPR_ERR_NUMBER, 0, "'1e3'" },
	{ "expr-21.4", "0x10", EXPR_ERR_NUMBER, 0, "'0x10'" },
	{ "expr-21.5", "1.2.3", EXPR_ERR_NUMBER, 0, "'1.2.3'" },
	{ "expr-21.6", "q1 + 2abc", EXPR_ERR_NUMBER, 5, "'2abc'" },
	{ "expr-21.7", "1234567890123456", EXPR_ERR_NUMBER, 0, "15 digits" },
	{ "expr-21.8", "1.5e-3", EXPR_ERR_NUMBER, 0, "'1.5e'" },
	{ "expr-21.9", "3 + .5", EXPR_ERR_NUMBER, 4,
	    "digit before the point" },
	{ "expr-21.10", "0.1234567890123456", EXPR_ERR_NUMBER, 0,
	    "15 digits" },
	{ "expr-21.11", "2 * 3q", EXPR_ERR_NUMBER, 4, "'3q'" },
	{ "expr-21.12", "1._", EXPR_ERR_NUMBER, 0, "'1._'" },

	/* EXPR_ERR_UNKNOWN_ID */
	{ "expr-22.1", "q99", EXPR_ERR_UNKNOWN_ID, 0,
	    "unknown id 'q99'; did you mean 'q9'?" },
	{ "expr-22.2", "q1 + zzzzz", EXPR_ERR_UNKNOWN_ID, 5,
	    "unknown id 'zzzzz'" },
	{ "expr-22.3", "totl", EXPR_ERR_UNKNOWN_ID, 0,
	    "did you mean 'total'?" },
	{ "expr-22.4", "sum", EXPR_ERR_UNKNOWN_ID, 0, "sum is a function" },
	{ "expr-22.5", "Q99 + 1", EXPR_ERR_UNKNOWN_ID, 0, "'Q99'" },
	{ "expr-22.6", "sum(q1..q99)", EXPR_ERR_UNKNOWN_ID, 8,
	    "unknown id 'q99'" },
	{ "expr-22.7", "sum(qq..q3)", EXPR_ERR_UNKNOWN_ID, 4,
	    "unknown id 'qq'" },
	{ "expr-22.8", "q99 + 1/0", EXPR_ERR_UNKNOWN_ID, 0, "q99" },
	{ "expr-22.9", "_", EXPR_ERR_UNKNOWN_ID, 0, "unknown id '_'" },

	/* EXPR_ERR_UNKNOWN_FUNC */
	{ "expr-23.1", "summ(q1)", EXPR_ERR_UNKNOWN_FUNC, 0,
	    "unknown function 'summ'; did you mean 'sum'?" },
	{ "expr-23.2", "foo(1)", EXPR_ERR_UNKNOWN_FUNC, 0,
	    "unknown function 'foo'" },
	{ "expr-23.3", "1 + q1(2)", EXPR_ERR_UNKNOWN_FUNC, 4, "'q1'" },
	{ "expr-23.4", "MEEN(1)", EXPR_ERR_UNKNOWN_FUNC, 0,
	    "did you mean 'mean'?" },
	{ "expr-23.5", "sqrt (4)", EXPR_ERR_UNKNOWN_FUNC, 0, "'sqrt'" },

	/* EXPR_ERR_ARITY: reported at the function name. */
	{ "expr-24.1", "sum()", EXPR_ERR_ARITY, 0,
	    "sum() needs at least 1 argument" },
	{ "expr-24.2", "if(1, 2)", EXPR_ERR_ARITY, 0,
	    "if() takes 3 arguments" },
	{ "expr-24.3", "if(1, 2, 3, 4)", EXPR_ERR_ARITY, 0,
	    "if() takes 3 arguments" },
	{ "expr-24.4", "round()", EXPR_ERR_ARITY, 0,
	    "round() takes 1 or 2 arguments" },
	{ "expr-24.5", "round(1, 2, 3)", EXPR_ERR_ARITY, 0, "1 or 2" },
	{ "expr-24.6", "abs(1, 2)", EXPR_ERR_ARITY, 0,
	    "abs() takes 1 argument" },
	{ "expr-24.7", "prorate(1)", EXPR_ERR_ARITY, 0,
	    "prorate() needs at least 2 arguments" },
	{ "expr-24.8", "1 + mean()", EXPR_ERR_ARITY, 4, "mean()" },
	{ "expr-24.9", "count()", EXPR_ERR_ARITY, 0, "count()" },
	{ "expr-24.10", "missing()", EXPR_ERR_ARITY, 0, "missing()" },
	{ "expr-24.11", "na()", EXPR_ERR_ARITY, 0, "na()" },
	{ "expr-24.12", "min()", EXPR_ERR_ARITY, 0, "min()" },
	{ "expr-24.13", "max()", EXPR_ERR_ARITY, 0, "max()" },
	{ "expr-24.14", "abs()", EXPR_ERR_ARITY, 0, "abs()" },
	{ "expr-24.15", "if()", EXPR_ERR_ARITY, 0, "if()" },
	{ "expr-24.16", "sum_answered(1)", EXPR_ERR_ARITY, 0,
	    "sum_answered() needs at least 2 arguments" },
	{ "expr-24.17", "mean_answered()", EXPR_ERR_ARITY, 0,
	    "mean_answered() needs at least 2" },

	/* EXPR_ERR_ARG */
	{ "expr-25.1", "round(x, q1)", EXPR_ERR_ARG, 9, "from 0 to 6" },
	{ "expr-25.2", "round(x, 7)", EXPR_ERR_ARG, 9, "from 0 to 6" },
	{ "expr-25.3", "round(x, 1.5)", EXPR_ERR_ARG, 9, "whole number" },
	{ "expr-25.4", "round(x, -1)", EXPR_ERR_ARG, 9, "from 0 to 6" },
	{ "expr-25.5", "prorate(q1, q2)", EXPR_ERR_ARG, 8, "constant" },
	{ "expr-25.6", "prorate(-1, q1)", EXPR_ERR_ARG, 8, "constant" },
	{ "expr-25.7", "prorate(0.5, q1)", EXPR_ERR_ARG, 8, "whole" },
	{ "expr-25.8", "q1..q3", EXPR_ERR_ARG, 0,
	    "only allowed as an argument" },
	{ "expr-25.9", "abs(q1..q3)", EXPR_ERR_ARG, 4,
	    "abs() does not take a range" },
	{ "expr-25.10", "if(q1..q2, 1, 2)", EXPR_ERR_ARG, 3,
	    "if() does not take a range" },
	{ "expr-25.11", "round(q1..q3)", EXPR_ERR_ARG, 6, "round()" },
	{ "expr-25.12", "prorate(q1..q3, q4)", EXPR_ERR_ARG, 8,
	    "first argument of prorate" },
	{ "expr-25.13", "sum(q1 + q2..q3)", EXPR_ERR_ARG, 9, "only allowed" },
	{ "expr-25.14", "1 + (q1..q2)", EXPR_ERR_ARG, 5, "only allowed" },
	{ "expr-25.15", "prorate(missing(q1), q1)", EXPR_ERR_ARG, 8,
	    "constant" },
	{ "expr-25.16", "round(x, 6.5)", EXPR_ERR_ARG, 9, "whole number" },
	{ "expr-25.17", "sum_answered(q1, q2)", EXPR_ERR_ARG, 13,
	    "constant whole number (the least number answered)" },
	{ "expr-25.18", "sum_answered(4, q1..q3)", EXPR_ERR_ARG, 13,
	    "sum_answered() asks for at least 4 answered of 3 arguments" },
	{ "expr-25.19", "mean_answered(101%, q1..q3)", EXPR_ERR_ARG, 14,
	    "from 0 to 100" },
	{ "expr-25.20", "mean_answered(q1..q3)", EXPR_ERR_ARG, 14,
	    "first argument of mean_answered() must be a constant" },
	{ "expr-25.21", "mean_answered(1.5, q1)", EXPR_ERR_ARG, 14,
	    "whole number" },
	{ "expr-25.22", "sum(50%, q1)", EXPR_ERR_SYNTAX, 6,
	    "unexpected '%' in arguments of sum" },
	{ "expr-25.23", "q1 % 2", EXPR_ERR_SYNTAX, 3, "unexpected '%'" },
	{ "expr-25.24", "sum_answered(1, q1 %, q2)", EXPR_ERR_SYNTAX, 19,
	    "unexpected '%'" },
	{ "expr-25.25", "mean_answered(-1, q1)", EXPR_ERR_ARG, 14,
	    "constant whole number" },
	{ "expr-25.26", "mean_answered(50.5%, q1)", EXPR_ERR_ARG, 14,
	    "whole number from 0 to 100" },
	{ "expr-25.27", "sum_answered(1, q1, q2..q3) + 1 + "
	    "sum_answered(2, q4)", EXPR_ERR_ARG, 47, "2 answered of 1 "
	    "argument" },

	/* EXPR_ERR_RANGE */
	{ "expr-26.1", "sum(q3..q1)", EXPR_ERR_RANGE, 4, "reversed" },
	{ "expr-26.2", "sum(total..sub)", EXPR_ERR_RANGE, 4,
	    "'total' is a score" },
	{ "expr-26.3", "sum(q1..total)", EXPR_ERR_RANGE, 8,
	    "'total' is a score" },
	{ "expr-26.4", "mean(y..q1)", EXPR_ERR_RANGE, 5, "y comes after q1" },
	{ "expr-26.5", "prorate(1, q9..q1)", EXPR_ERR_RANGE, 11, "reversed" },
	{ "expr-26.6", "count(sub..q1)", EXPR_ERR_RANGE, 6, "'sub'" },

	/* EXPR_ERR_DIVZERO: at the '/' */
	{ "expr-27.1", "1/0", EXPR_ERR_DIVZERO, 1, "division by zero" },
	{ "expr-27.2", "q1/0", EXPR_ERR_DIVZERO, 2, "division by zero" },
	{ "expr-27.3", "q1 / -0", EXPR_ERR_DIVZERO, 3, "division by zero" },
	{ "expr-27.4", "q1/(0)", EXPR_ERR_DIVZERO, 2, "division by zero" },
	{ "expr-27.5", "q1/(1-1)", EXPR_ERR_DIVZERO, 2, "division by zero" },
	{ "expr-27.6", "q1/(0.1+0.2-0.3)", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.7", "q1/0.000000001", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.8", "q1/sum(0, 0)", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.9", "if(q1, 1/0, 2)", EXPR_ERR_DIVZERO, 8, "zero" },
	{ "expr-27.10", "q1 / 0.0", EXPR_ERR_DIVZERO, 3, "zero" },
	{ "expr-27.11", "q1/(2*0)", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.12", "q1/-(-0)", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.13", "q1/(0 < 0)", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.14", "q1/if(1, 0, 1)", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.15", "q1/round(0.4)", EXPR_ERR_DIVZERO, 2, "zero" },
	{ "expr-27.16", "q1 * 2 / 0 + 1", EXPR_ERR_DIVZERO, 7, "zero" },
	/* na.. is not a range: na is no item. */
	{ "expr-22.10", "sum(na..q3)", EXPR_ERR_UNKNOWN_ID, 4,
	    "unknown id 'na'" },
	{ "expr-25.28", "round(q1, na)", EXPR_ERR_ARG, 10, "from 0 to 6" },
	{ "expr-25.29", "prorate(na, q1)", EXPR_ERR_ARG, 8, "constant" },
	{ "expr-20.44", "na q1", EXPR_ERR_SYNTAX, 3, "unexpected 'q1'" }
};

/* Bounds with blo/bhi: ret 0 and [lo, hi], or ret -1. */
struct brow {
	const char	*id;
	const char	*src;
	int		 ret;
	double		 lo, hi;
};

static const struct brow brows[] = {
	{ "expr-30.1", "sum(q1..q9)", 0, 0, 27 },
	{ "expr-30.2", "(a + b + 2*sub)/4", 0, 0, 10 },
	{ "expr-30.3", "mean(q1..q9)", 0, 0, 3 },
	{ "expr-30.4", "max(q1, q2, q3)", 0, 0, 3 },
	{ "expr-30.5", "max(y, x)", 0, 0, 5 },
	{ "expr-30.6", "min(y, x)", 0, -5, 1 },
	{ "expr-30.7", "a < b", 0, 0, 1 },
	{ "expr-30.8", "q1 == 2 and q2 > 1", 0, 0, 1 },
	{ "expr-30.9", "not q1", 0, 0, 1 },
	{ "expr-30.10", "q1 / y", -1, 0, 0 },
	{ "expr-30.11", "a / (x + 1)", 0, 0, 10 },
	{ "expr-30.12", "a - b", 0, -10, 10 },
	{ "expr-30.13", "-y", 0, -5, 5 },
	{ "expr-30.14", "-a", 0, -10, 0 },
	{ "expr-30.15", "a * y", 0, -50, 50 },
	{ "expr-30.16", "y * y", 0, -25, 25 },
	{ "expr-30.17", "abs(y)", 0, 0, 5 },
	{ "expr-30.18", "abs(y - 10)", 0, 5, 15 },
	{ "expr-30.19", "abs(a)", 0, 0, 10 },
	{ "expr-30.20", "count(q1..q9)", 0, 0, 9 },
	{ "expr-30.21", "missing(q1..q3, a)", 0, 0, 4 },
	{ "expr-30.22", "na(q1)", 0, 0, 1 },
	{ "expr-30.23", "if(a > 5, q1, -x)", 0, -1, 3 },
	{ "expr-30.24", "if(1, q1, y)", 0, 0, 3 },
	{ "expr-30.25", "if(0, q1, y)", 0, -5, 5 },
	{ "expr-30.26", "round(x * 2.5)", 0, 0, 3 },
	{ "expr-30.27", "round(a / 3, 1)", 0, 0, 3.3 },
	{ "expr-30.28", "prorate(2, q1..q9)", 0, 0, 27 },
	{ "expr-30.29", "1 + 2 * 3", 0, 7, 7 },
	{ "expr-30.30", "sum(q1..q3) * 0.1", 0, 0, 0.9 },
	{ "expr-30.31", "0.1 * q1 + 0.2 * q2", 0, 0, 0.9 },
	{ "expr-30.32", "x / y", -1, 0, 0 },
	{ "expr-30.33", "q1 / (q2 + 1)", 0, 0, 3 },
	{ "expr-30.34", "q1 / (q2 - 5)", 0, -1.5, 0 },
	{ "expr-30.35", "if(q1 > 0, q2 / q1, 0)", -1, 0, 0 },
	{ "expr-30.36", "a > 5 or b / y > 0", -1, 0, 0 },
	{ "expr-30.37", "total", 0, 0, 27 },
	{ "expr-30.38", "sum(a*b*0.5, x)", 0, 0, 51 },
	{ "expr-30.39", "mean(q1, a)", 0, 0, 6.5 },
	{ "expr-30.40", "-2 * y", 0, -10, 10 },
	{ "expr-30.41", "round(y / 2)", 0, -3, 3 },
	{ "expr-30.42", "if(a, 1/(x+1), 2)", 0, 0.5, 2 },
	{ "expr-30.43", "q1 / x", -1, 0, 0 },
	{ "expr-30.44", "sum(q1..q3, y)", 0, -5, 14 },
	{ "expr-30.45", "min(q1..q3) - max(q4..q5)", 0, -3, 3 },
	{ "expr-30.46", "(27 - sum(q1..q9)) / 27 * 100", 0, 0, 100 },
	{ "expr-30.47", "if(0, q1 / y, a)", 0, 0, 10 },
	{ "expr-30.48", "abs(y) / (abs(y) + 1)", 0, 0, 5 },
	{ "expr-30.49", "sum(q1 / y)", -1, 0, 0 },
	/* prorate with k > 0 scales a mean up: with a and q1 it reaches
	 * 2 x 10 = 20, not 13 (regression: declared max too low). */
	{ "expr-30.50", "prorate(1, a, q1)", 0, 0, 20 },
	{ "expr-30.51", "prorate(0, a, q1)", 0, 0, 13 },
	{ "expr-30.52", "prorate(1, y, a)", 0, -10, 20 },
	{ "expr-30.50", "round(q1 / 3, 2)", 0, 0, 1 },
	{ "expr-30.51", "max(q1..q3) * min(x, 1)", 0, 0, 3 },
	{ "expr-30.52", "y / -(q1 + 1)", 0, -5, 5 },
	{ "expr-30.53", "not (q1 / y)", -1, 0, 0 },
	/* sum_answered: any MIN or more of the arguments (at least 1). */
	{ "expr-30.54", "sum_answered(1, q1..q9)", 0, 0, 27 },
	{ "expr-30.55", "sum_answered(2, a, y, q1)", 0, -5, 18 },
	{ "expr-30.56", "sum_answered(3, a, y, q1)", 0, -5, 18 },
	/* 1-based items: at least 2 of them sum to at least 2. */
	{ "expr-30.57", "sum_answered(2, q1 + 1, q2 + 1, q3 + 1)", 0, 2, 12 },
	{ "expr-30.58", "sum_answered(50%, q1 + 1, q2 + 1, q3 + 1)", 0, 2,
	    12 },
	{ "expr-30.59", "sum_answered(0%, q1 + 1, q2 + 1, q3 + 1)", 0, 1,
	    12 },
	{ "expr-30.60", "mean_answered(1, q1..q9)", 0, 0, 3 },
	/* A mean of any one of them: the least low and greatest high. */
	{ "expr-30.61", "mean_answered(1, a, y, x)", 0, -5, 10 },
	{ "expr-30.62", "mean_answered(2, a, y, x)", 0, -2.5, 7.5 },
	{ "expr-30.63", "mean_answered(100%, a, y, x)", 0, -1.666666667,
	    5.333333333 },
	{ "expr-30.64", "mean_answered(1, q1 / y)", -1, 0, 0 },
	/* Oswestry-type: mean of 0..3 items times 20. */
	{ "expr-30.65", "mean_answered(1, q1..q5) * 20", 0, 0, 60 },
	/* No "can divide by zero": the old trick needed a divisor. */
	{ "expr-30.66", "sum(q1..q3) / count(q1..q3)", -1, 0, 0 },
	/* na adds no range; a formula that is always NA returns 1. */
	{ "expr-30.67", "if(q1 > 0, q1 * 10, na)", 0, 0, 30 },
	{ "expr-30.68", "if(q1 > 0, na, y)", 0, -5, 5 },
	{ "expr-30.69", "na", 1, 0, 0 },
	{ "expr-30.70", "if(a > 1, na, na + 1)", 1, 0, 0 },
	{ "expr-30.71", "sum(q1, na, q2)", 0, 0, 6 },
	{ "expr-30.72", "mean(na, q1, a)", 0, 0, 6.5 },
	{ "expr-30.73", "max(na, y)", 0, -5, 5 },
	{ "expr-30.74", "q1 / na", 1, 0, 0 },
	{ "expr-30.75", "na(na, q1)", 0, 0, 2 },
	{ "expr-30.76", "sum_answered(1, na, q1 + 1, q2 + 1)", 0, 1, 8 },
	{ "expr-30.77", "sum_answered(2, na, na, q1)", 1, 0, 0 },
	{ "expr-30.78", "if(1, na, q1)", 1, 0, 0 },
	{ "expr-30.79", "round(if(q1 > 1, q1 / 2, na), 0)", 0, 0, 2 },
	{ "expr-30.80", "not na", 1, 0, 0 },
	/* The 0*sum(...)+16.2 trick, as written now. */
	{ "expr-30.81", "if(count(q1..q3) > 0, 16.2, na)", 0, 16.2, 16.2 },
	{ "expr-30.82", "if(q1 > 0, na, q1 / y)", -1, 0, 0 }
};

/* refs: the symbols used, as "q1 q3 total". */
struct rrow {
	const char	*id;
	const char	*src;
	const char	*used;
};

static const struct rrow rrows[] = {
	{ "expr-40.1", "q1 + q3", "q1 q3" },
	{ "expr-40.2", "sum(q2..q4)", "q2 q3 q4" },
	{ "expr-40.3", "1 + 2", "" },
	{ "expr-40.4", "if(a, total, sub)", "a total sub" },
	{ "expr-40.5", "prorate(2, q8..y)", "q8 q9 a b x y" },
	{ "expr-40.6", "round(x, 2)", "x" },
	{ "expr-40.7", "not Q1 and -B", "q1 b" },
	{ "expr-40.8", "count(q1, q1..q2)", "q1 q2" },
	{ "expr-40.9", "missing(q9) or q1 / q2 > sub", "q1 q2 q9 sub" },
	{ "expr-40.10", "mean(q1..y) - max(total, q5)",
	    "q1 q2 q3 q4 q5 q6 q7 q8 q9 a b x y total" }
};

static int	 symbol(const char *, size_t);
static void	 set_values(struct val *, const char *);
static const char *kind_name(enum val_kind);
static char	*nest(const char *, size_t, const char *, const char *);
static enum expr_err try(const char *, struct expr_error *, struct val *);
static void	 test_eval(void);
static void	 test_parse_errors(void);
static void	 test_depth(void);
static void	 test_length(void);
static void	 test_bounds(void);
static void	 test_bfmdrs(void);
static void	 test_refs(void);
static void	 test_api(void);
static unsigned long rnd(void);
static void	 test_bounds_contain(void);
static void	 test_random_input(void);

static int
symbol(const char *name, size_t len)
{
	size_t	 i;

	for (i = 0; i < NSYMS; i++)
		if (strlen(names[i]) == len &&
		    strncmp(names[i], name, len) == 0)
			return (int)i;
	return -1;
}

/* Applies "name=value ..." where value is a number, na or ? (MISSING);
 * the name "items" sets every item. */
static void
set_values(struct val *v, const char *set)
{
	const char	*p = set, *eq, *end;
	char		 word[32];
	struct val	 x;
	size_t		 len;
	int		 i, s;

	memset(v, 0, NSYMS * sizeof(*v));	/* no basis (expr.h) */
	for (i = 0; i < NSYMS; i++) {
		v[i].kind = VAL_NUM;
		v[i].num = defaults[i];
	}
	while (p != NULL && *p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		end = p + strcspn(p, " ");
		eq = memchr(p, '=', (size_t)(end - p));
		len = eq != NULL ? (size_t)(end - eq - 1) : 0;
		if (eq == NULL || len == 0 || len >= sizeof(word)) {
			fprintf(stderr, "bad set string '%s'\n", set);
			abort();
		}
		memcpy(word, eq + 1, len);
		word[len] = '\0';
		memset(&x, 0, sizeof(x));
		if (strcmp(word, "na") == 0)
			x.kind = VAL_NA;
		else if (strcmp(word, "?") == 0)
			x.kind = VAL_MISSING;
		else {
			x.kind = VAL_NUM;
			if (parse_number(word, &x.num) == -1) {
				fprintf(stderr, "bad value '%s'\n", word);
				abort();
			}
		}
		if ((size_t)(eq - p) == 5 && strncmp(p, "items", 5) == 0) {
			for (i = 0; i < NITEMS; i++)
				v[i] = x;
		} else if ((s = symbol(p, (size_t)(eq - p))) >= 0)
			v[s] = x;
		else {
			fprintf(stderr, "bad name in '%s'\n", set);
			abort();
		}
		p = end;
	}
}

static const char *
kind_name(enum val_kind k)
{
	return k == VAL_NUM ? "number" : k == VAL_NA ? "NA" : "MISSING";
}

static void
test_eval(void)
{
	const struct erow	*r;
	struct expr_error	 err;
	struct expr		*e;
	struct val		 vals[NSYMS], out;
	enum expr_err		 rc;
	size_t			 i;
	int			 ok;

	for (i = 0; i < nitems(erows); i++) {
		r = &erows[i];
		set_values(vals, r->set);
		if ((e = expr_parse(r->src, &symtab, &err)) == NULL) {
			fprintf(stderr, "%s: \"%s\": parse error at %zu: %s\n",
			    r->id, r->src, err.pos, err.msg);
			CHECK(r->id, e != NULL);
			continue;
		}
		out.kind = VAL_NUM;
		out.num = 12345;
		rc = expr_eval(e, vals, &out);
		switch (r->want) {
		case W_DIV0:
			ok = rc == EXPR_ERR_DIVZERO &&
			    out.kind == VAL_MISSING;
			break;
		case W_NA:
			ok = rc == EXPR_OK && out.kind == VAL_NA;
			break;
		case W_MISS:
			ok = rc == EXPR_OK && out.kind == VAL_MISSING;
			break;
		default:
			ok = rc == EXPR_OK && out.kind == VAL_NUM &&
			    fabs(out.num - r->num) <= 1e-12 *
			    (fabs(r->num) > 1 ? fabs(r->num) : 1) &&
			    !signbit(out.num == 0 ? out.num : 1);
			break;
		}
		if (!ok)
			fprintf(stderr, "%s: \"%s\" [%s]: got rc %d %s %.17g, "
			    "want %s %.17g\n", r->id, r->src,
			    r->set != NULL ? r->set : "", (int)rc,
			    kind_name(out.kind), out.num,
			    r->want == W_DIV0 ? "DIVZERO" :
			    r->want == W_NA ? "NA" : r->want == W_MISS ?
			    "MISSING" : "number", r->num);
		CHECK(r->id, ok);
		expr_free(e);
	}
}

static void
test_parse_errors(void)
{
	const struct prow	*r;
	struct expr_error	 err;
	struct expr		*e;
	size_t			 i;
	int			 ok;

	for (i = 0; i < nitems(prows); i++) {
		r = &prows[i];
		memset(&err, 0x55, sizeof(err));
		e = expr_parse(r->src, &symtab, &err);
		ok = e == NULL && err.code == r->code && err.pos == r->pos &&
		    memchr(err.msg, '\0', sizeof(err.msg)) != NULL &&
		    strstr(err.msg, r->msg) != NULL;
		if (!ok)
			fprintf(stderr, "%s: \"%s\": got %s, code %d (%s) at "
			    "%zu: \"%.200s\"; want code %d at %zu: \"%s\"\n",
			    r->id, r->src, e != NULL ? "a tree" : "NULL",
			    (int)err.code, expr_strerror(err.code), err.pos,
			    e != NULL ? "" : err.msg, (int)r->code, r->pos,
			    r->msg);
		CHECK(r->id, ok);
		expr_free(e);
	}
}

/* Builds n times open, then mid, then n times close.  Caller frees. */
static char *
nest(const char *open, size_t n, const char *mid, const char *close)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_puts(&b, open);
	buf_puts(&b, mid);
	for (i = 0; i < n; i++)
		buf_puts(&b, close);
	return buf_take(&b);
}

/* Parses s; returns the error code, and the value in *v when OK. */
static enum expr_err
try(const char *s, struct expr_error *err, struct val *v)
{
	struct expr	*e;
	struct val	 vals[NSYMS];

	set_values(vals, NULL);
	if ((e = expr_parse(s, &symtab, err)) == NULL)
		return err->code;
	if (expr_eval(e, vals, v) != EXPR_OK)
		v->kind = VAL_MISSING;
	expr_free(e);
	return EXPR_OK;
}

static void
test_depth(void)
{
	struct expr_error	 err;
	struct val		 v;
	char			*s, *t;

	/* Boundary: 200 nesting levels are fine, 201 are not. */
	s = nest("(", 200, "q3", ")");
	CHECK("expr-28.1", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 3);
	free(s);
	s = nest("(", 201, "q3", ")");
	CHECK("expr-28.2", try(s, &err, &v) == EXPR_ERR_DEPTH &&
	    err.pos == 200 && strstr(err.msg, "200") != NULL);
	free(s);
	s = nest("-", 200, "1", "");
	CHECK("expr-28.3", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 1);
	free(s);
	s = nest("-", 201, "1", "");
	CHECK("expr-28.4", try(s, &err, &v) == EXPR_ERR_DEPTH &&
	    err.pos == 200);
	free(s);
	s = nest("not ", 200, "0", "");
	CHECK("expr-28.5", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 0);
	free(s);
	s = nest("not ", 201, "0", "");
	CHECK("expr-28.6", try(s, &err, &v) == EXPR_ERR_DEPTH &&
	    err.pos == 800);
	free(s);
	s = nest("abs(", 200, "y", ")");
	CHECK("expr-28.7", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 4);
	free(s);
	s = nest("abs(", 201, "y", ")");
	CHECK("expr-28.8", try(s, &err, &v) == EXPR_ERR_DEPTH &&
	    err.pos == 800);
	free(s);
	/* Mixed: 100 parentheses around 100 minus signs, then one more. */
	t = nest("-", 100, "2", "");
	s = nest("(", 100, t, ")");
	CHECK("expr-28.9", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 2);
	free(s);
	s = nest("(", 101, t, ")");
	CHECK("expr-28.10", try(s, &err, &v) == EXPR_ERR_DEPTH);
	free(s);
	free(t);
	/* Hostile: the most '(' that fit, unbalanced. */
	s = nest("(", 4096, "", "");
	CHECK("expr-28.11", try(s, &err, &v) == EXPR_ERR_DEPTH &&
	    err.pos == 200);
	free(s);
	s = nest("-", 4096, "", "");
	CHECK("expr-28.12", try(s, &err, &v) == EXPR_ERR_DEPTH);
	free(s);
	/* A long flat chain is not nesting: 1+1+...+1, 2048 terms. */
	s = nest("1+", 2047, "1", "");
	CHECK("expr-28.13", strlen(s) == 4095 &&
	    try(s, &err, &v) == EXPR_OK && v.kind == VAL_NUM &&
	    v.num == 2048);
	free(s);
	s = nest("q1 and ", 584, "q2", "");
	CHECK("expr-28.14", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 1);
	free(s);
	/* Nested sum() calls, 200 deep, each adding one. */
	s = nest("sum(1, ", 199, "sum(q1)", ")");
	CHECK("expr-28.15", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 200);
	free(s);
}

static void
test_length(void)
{
	struct expr_error	 err;
	struct val		 v;
	char			*s;

	/* Boundary: 4096 bytes parse, 4097 do not. */
	s = xmalloc(5000);
	memset(s, ' ', 4095);
	s[4095] = '7';
	s[4096] = '\0';
	CHECK("expr-29.1", try(s, &err, &v) == EXPR_OK &&
	    v.kind == VAL_NUM && v.num == 7);
	s[4096] = ' ';
	s[4097] = '\0';
	CHECK("expr-29.2", try(s, &err, &v) == EXPR_ERR_TOOLONG &&
	    err.pos == 4096 && strstr(err.msg, "4096") != NULL);
	free(s);
	s = xmalloc(100001);
	memset(s, '(', 100000);
	s[100000] = '\0';
	CHECK("expr-29.3", try(s, &err, &v) == EXPR_ERR_TOOLONG);
	free(s);
	/* The error at the very last byte of a full-length formula. */
	s = nest(" ", 4095, "$", "");
	CHECK("expr-29.4", try(s, &err, &v) == EXPR_ERR_SYNTAX &&
	    err.pos == 4095);
	free(s);
	/* A long id is quoted cut short in the message. */
	s = nest("z", 300, "", "");
	CHECK("expr-29.5", try(s, &err, &v) == EXPR_ERR_UNKNOWN_ID &&
	    strstr(err.msg, "...") != NULL && strlen(err.msg) < 100);
	free(s);
}

static void
test_bounds(void)
{
	const struct brow	*r;
	struct expr		*e;
	struct expr_error	 err;
	double			 lo, hi;
	size_t			 i;
	int			 rc, ok;

	for (i = 0; i < nitems(brows); i++) {
		r = &brows[i];
		if ((e = expr_parse(r->src, &symtab, &err)) == NULL) {
			fprintf(stderr, "%s: \"%s\": %s\n", r->id, r->src,
			    err.msg);
			CHECK(r->id, e != NULL);
			continue;
		}
		lo = hi = 12345;
		rc = expr_bounds(e, blo, bhi, &lo, &hi);
		/* Exact: snapping must have removed the dust. */
		ok = rc == r->ret && (rc != 0 || (lo == r->lo &&
		    hi == r->hi));
		if (!ok)
			fprintf(stderr, "%s: \"%s\": got %d [%.17g, %.17g], "
			    "want %d [%g, %g]\n", r->id, r->src, rc, lo, hi,
			    r->ret, r->lo, r->hi);
		CHECK(r->id, ok);
		expr_free(e);
	}
}

/* A BFMDRS-like total: provoking factor x severity, 0..4 each, halved
 * for eyes, mouth and neck; the total is 0..120. */
static void
test_bfmdrs(void)
{
	static const char *const bn[] = {
		"eyes_pf", "eyes_sf", "mouth_pf", "mouth_sf", "speech_pf",
		"speech_sf", "neck_pf", "neck_sf", "rarm_pf", "rarm_sf",
		"larm_pf", "larm_sf", "trunk_pf", "trunk_sf", "rleg_pf",
		"rleg_sf", "lleg_pf", "lleg_sf"
	};
	static const struct expr_symtab bst = { bn, 18, 18, NULL, 0 };
	static const char *src = "sum(eyes_pf*eyes_sf*0.5, "
	    "mouth_pf*mouth_sf*0.5, speech_pf*speech_sf, "
	    "neck_pf*neck_sf*0.5, rarm_pf*rarm_sf, larm_pf*larm_sf, "
	    "trunk_pf*trunk_sf, rleg_pf*rleg_sf, lleg_pf*lleg_sf)";
	double		 lo[18], hi[18], olo, ohi;
	struct val	 v[18], out;
	struct expr	*e;
	size_t		 i;

	memset(v, 0, sizeof(v));
	for (i = 0; i < 18; i++) {
		lo[i] = 0;
		hi[i] = 4;
		v[i].kind = VAL_NUM;
		v[i].num = 4;
	}
	e = expr_parse(src, &bst, NULL);
	CHECK("expr-31.1", e != NULL);
	if (e == NULL)
		return;
	CHECK("expr-31.2", expr_bounds(e, lo, hi, &olo, &ohi) == 0 &&
	    olo == 0 && ohi == 120);
	CHECK("expr-31.3", expr_eval(e, v, &out) == EXPR_OK &&
	    out.kind == VAL_NUM && out.num == 120);
	v[0].num = 1;		/* eyes 1 x 4 x 0.5 = 2 instead of 8 */
	v[5].kind = VAL_NA;	/* speech: NA, skipped by sum */
	CHECK("expr-31.4", expr_eval(e, v, &out) == EXPR_OK &&
	    out.kind == VAL_NUM && out.num == 98);
	v[17].kind = VAL_MISSING;
	CHECK("expr-31.5", expr_eval(e, v, &out) == EXPR_OK &&
	    out.kind == VAL_MISSING);
	expr_free(e);
}

/*
 * The basis of a value (items used / expected, prorated): items get
 * expected 1 (used 1 with a number) except x, which plays a hidden
 * item (0 and 0); "na" marks items NA, "miss" MISSING.
 */
struct basis_row {
	const char	*id;
	const char	*src;
	const char	*na;		/* items set NA, e.g. "q2 q3" */
	const char	*miss;		/* items set MISSING */
	unsigned	 used, expect;
	int		 prorated;
};

static const struct basis_row basis_rows[] = {
	{ "expr-61.1", "q1 + q2 + q3", "", "", 3, 3, 0 },
	{ "expr-61.2", "sum(q1..q9)", "", "", 9, 9, 0 },
	/* sum leaves an NA out, visibly. */
	{ "expr-61.3", "sum(q1..q9)", "q4", "", 8, 9, 0 },
	{ "expr-61.4", "mean(q1..q9)", "q4 q5", "", 7, 9, 0 },
	/* A product with an NA factor drops both its items. */
	{ "expr-61.5", "sum(q1 * q2, q3 * q4)", "q4", "", 2, 4, 0 },
	/* prorate stands in for missing ones: prorated. */
	{ "expr-61.6", "round(prorate(2, q1..q9))", "", "q9", 8, 9, 1 },
	{ "expr-61.7", "prorate(2, q1..q9)", "", "", 9, 9, 0 },
	{ "expr-61.8", "prorate(2, q1..q9)", "q1", "q2", 7, 9, 1 },
	/* max/min select: an NA alternative is not expected. */
	{ "expr-61.9", "max(q1, q2)", "q2", "", 1, 1, 0 },
	{ "expr-61.10", "max(q1..q4)", "", "", 4, 4, 0 },
	/* count, missing, na describe, and add nothing. */
	{ "expr-61.11", "count(q1..q9)", "q1", "", 0, 0, 0 },
	{ "expr-61.12", "q1 + count(q2)", "", "", 1, 1, 0 },
	/* if: the chosen branch's used, the larger expected. */
	{ "expr-61.13", "q1 + if(na(q2) == 1, 0, q2)", "q2", "", 1, 2, 0 },
	{ "expr-61.14", "q1 + if(na(q2) == 1, 0, q2)", "", "", 2, 2, 0 },
	{ "expr-61.15", "if(q1 > 0, q2, q3 + q4)", "", "", 1, 2, 0 },
	/* A hidden item is not expected anywhere. */
	{ "expr-61.16", "sum(q1, x)", "", "", 1, 1, 0 },
	{ "expr-61.17", "3 * 2", "", "", 0, 0, 0 },
	{ "expr-61.18", "-q1", "", "", 1, 1, 0 },
	/* prorated passes up through operators. */
	{ "expr-61.19", "prorate(1, q1, q2) + q3", "", "q1", 2, 3, 1 },
	/* The answered aggregates leave a missing one out, visibly
	 * (partial), and do not stand in for it (not prorated). */
	{ "expr-61.20", "sum_answered(1, q1..q9)", "", "q9", 8, 9, 0 },
	{ "expr-61.21", "mean_answered(50%, q1..q9)", "q1", "q2 q3", 6, 9,
	    0 },
	{ "expr-61.22", "sum_answered(1, q1..q3, x)", "", "", 3, 3, 0 }
};

static int
in_words(const char *list, const char *w)
{
	size_t		 n = strlen(w);
	const char	*p = list;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static void
test_basis(void)
{
	const struct basis_row	*r;
	struct expr		*e;
	struct val		 vals[NSYMS], out;
	size_t			 i, j;

	for (i = 0; i < nitems(basis_rows); i++) {
		r = &basis_rows[i];
		memset(vals, 0, sizeof(vals));
		for (j = 0; j < NSYMS; j++) {
			vals[j].kind = VAL_NUM;
			vals[j].num = defaults[j];
			if (j < NITEMS && strcmp(names[j], "x") != 0) {
				vals[j].nexpect = 1;
				vals[j].nused = 1;
			}
			if (in_words(r->na, names[j])) {
				vals[j].kind = VAL_NA;
				vals[j].nused = 0;
			}
			if (in_words(r->miss, names[j])) {
				vals[j].kind = VAL_MISSING;
				vals[j].nused = 0;
			}
		}
		if ((e = expr_parse(r->src, &symtab, NULL)) == NULL) {
			CHECK(r->id, e != NULL);
			continue;
		}
		if (expr_eval(e, vals, &out) != EXPR_OK ||
		    out.nused != r->used || out.nexpect != r->expect ||
		    out.prorated != r->prorated) {
			fprintf(stderr, "%s: %s: used %u expected %u "
			    "prorated %d\n", r->id, r->src, out.nused,
			    out.nexpect, out.prorated);
			CHECK(r->id, 0);
		} else
			CHECK(r->id, 1);
		expr_free(e);
	}
}

static void
test_refs(void)
{
	const struct rrow	*r;
	struct expr		*e;
	unsigned char		 used[NSYMS];
	struct buf		 b;
	size_t			 i, j;

	for (i = 0; i < nitems(rrows); i++) {
		r = &rrows[i];
		if ((e = expr_parse(r->src, &symtab, NULL)) == NULL) {
			CHECK(r->id, e != NULL);
			continue;
		}
		memset(used, 0, sizeof(used));
		expr_refs(e, used);
		buf_init(&b);
		buf_puts(&b, "");
		for (j = 0; j < NSYMS; j++)
			if (used[j])
				buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
				    names[j]);
		CHECK_STR(r->id, b.data, r->used);
		buf_free(&b);
		expr_free(e);
	}
	/* used[] is not cleared first. */
	e = expr_parse("q2", &symtab, NULL);
	memset(used, 0, sizeof(used));
	used[14] = 1;
	if (e != NULL)
		expr_refs(e, used);
	CHECK("expr-40.50", e != NULL && used[14] == 1 && used[1] == 1 &&
	    used[0] == 0);
	expr_free(e);
}

static void
test_api(void)
{
	static const char *const odd[] = { "a", NULL, "and_x", "Zz" };
	static const struct expr_symtab oddst = { odd, 4, 9, NULL, 0 };
	struct expr_error	 err;
	struct expr		*e;
	struct val		 vals[NSYMS], out;
	const char		*s;
	size_t			 i, j;
	int			 ok;

	CHECK_STR("expr-50.1", expr_strerror(EXPR_OK), "no error");
	CHECK_STR("expr-50.2", expr_strerror(EXPR_ERR_SYNTAX),
	    "syntax error");
	CHECK_STR("expr-50.3", expr_strerror(EXPR_ERR_UNKNOWN_ID),
	    "unknown id");
	CHECK_STR("expr-50.4", expr_strerror(EXPR_ERR_DIVZERO),
	    "division by zero");
	CHECK_STR("expr-50.5", expr_strerror((enum expr_err)99),
	    "unknown error");
	/* Every code has its own non-empty name. */
	ok = 1;
	for (i = EXPR_OK; i <= EXPR_ERR_TOOLONG; i++) {
		s = expr_strerror((enum expr_err)i);
		if (s == NULL || *s == '\0' || strcmp(s, "unknown error") == 0)
			ok = 0;
		for (j = EXPR_OK; j < i; j++)
			if (strcmp(s, expr_strerror((enum expr_err)j)) == 0)
				ok = 0;
	}
	CHECK("expr-50.6", ok);

	expr_free(NULL);
	CHECK("expr-50.7", expr_parse("1 +", &symtab, NULL) == NULL);
	e = expr_parse("q1 + 1", &symtab, NULL);
	CHECK("expr-50.8", e != NULL);
	expr_free(e);
	/* A success after a failure leaves err cleared. */
	(void)expr_parse("1 +", &symtab, &err);
	e = expr_parse("q1", &symtab, &err);
	CHECK("expr-50.9", e != NULL && err.code == EXPR_OK &&
	    err.msg[0] == '\0');
	expr_free(e);
	CHECK("expr-50.10", expr_parse(NULL, &symtab, &err) == NULL &&
	    err.code == EXPR_ERR_SYNTAX);
	e = expr_parse("2 * 3", NULL, &err);
	CHECK("expr-50.11", e != NULL && expr_eval(e, NULL, &out) ==
	    EXPR_OK && out.num == 6);
	expr_free(e);
	CHECK("expr-50.12", expr_parse("q1", NULL, &err) == NULL &&
	    err.code == EXPR_ERR_UNKNOWN_ID);
	/* The same tree evaluates again and again against new values. */
	e = expr_parse("prorate(1, q1..q3)", &symtab, NULL);
	set_values(vals, NULL);
	ok = e != NULL;
	for (i = 0; ok && i < 3; i++) {
		set_values(vals, i == 1 ? "q2=?" : NULL);
		ok = expr_eval(e, vals, &out) == EXPR_OK &&
		    out.kind == VAL_NUM && out.num == 6;
	}
	CHECK("expr-50.13", ok);
	expr_free(e);
	/* No -0 out of arithmetic or round(). */
	set_values(vals, NULL);
	e = expr_parse("0 * -q1", &symtab, NULL);
	CHECK("expr-50.14", e != NULL && expr_eval(e, vals, &out) ==
	    EXPR_OK && out.num == 0 && !signbit(out.num));
	expr_free(e);
	e = expr_parse("round(-0.0001, 2)", &symtab, NULL);
	CHECK("expr-50.15", e != NULL && expr_eval(e, vals, &out) ==
	    EXPR_OK && out.num == 0 && !signbit(out.num));
	expr_free(e);
	/* Odd tables: NULL names are skipped; nitems > nsyms is clamped;
	 * upper-case names in a table can never match. */
	CHECK("expr-50.16", (e = expr_parse("and_x + a", &oddst, NULL)) !=
	    NULL);
	expr_free(e);
	CHECK("expr-50.17", expr_parse("zz", &oddst, &err) == NULL &&
	    err.code == EXPR_ERR_UNKNOWN_ID);
	e = expr_parse("sum(a..and_x)", &oddst, &err);
	CHECK("expr-50.18", e != NULL);
	expr_free(e);
	/* A keyword prefix is still an id. */
	CHECK("expr-50.19", expr_parse("andy", &symtab, &err) == NULL &&
	    err.code == EXPR_ERR_UNKNOWN_ID);
	/* The message is always terminated and names the token. */
	CHECK("expr-50.20", expr_parse("sum(q1, $)", &symtab, &err) ==
	    NULL && err.pos == 8 && strlen(err.msg) < sizeof(err.msg));
	/* A runtime error leaves *out MISSING even if it held a number. */
	e = expr_parse("q1 / q2", &symtab, NULL);
	set_values(vals, "q2=0");
	out.kind = VAL_NUM;
	out.num = 1;
	CHECK("expr-50.21", e != NULL && expr_eval(e, vals, &out) ==
	    EXPR_ERR_DIVZERO && out.kind == VAL_MISSING);
	expr_free(e);
}

/* A small deterministic generator (xorshift), so failures repeat. */
static unsigned long rnd_state = 88172645463325252UL;

static unsigned long
rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/*
 * For every formula with bounds, values drawn inside blo..bhi (all
 * present) must evaluate inside the bounds.
 */
static void
test_bounds_contain(void)
{
	const struct brow	*r;
	struct expr		*e;
	struct val		 vals[NSYMS], out;
	double			 lo, hi, slack;
	size_t			 i, k, s, bad = 0, tried = 0;
	int			 ans, lit;

	memset(vals, 0, sizeof(vals));
	for (i = 0; i < nitems(brows); i++) {
		r = &brows[i];
		e = expr_parse(r->src, &symtab, NULL);
		if (e == NULL || expr_bounds(e, blo, bhi, &lo, &hi) != 0) {
			expr_free(e);
			continue;
		}
		/* The *_answered bounds hold for any subset answered;
		 * a formula with the literal na may have no value. */
		ans = strstr(r->src, "_answered") != NULL;
		lit = strstr(r->src, "na") != NULL;
		for (k = 0; k < 500; k++) {
			for (s = 0; s < NSYMS; s++) {
				vals[s].kind = ans && rnd() % 3 == 0 ?
				    VAL_MISSING : VAL_NUM;
				/* Ends, the middle, or anywhere. */
				switch (rnd() % 4) {
				case 0:
					vals[s].num = blo[s];
					break;
				case 1:
					vals[s].num = bhi[s];
					break;
				default:
					vals[s].num = blo[s] + (bhi[s] -
					    blo[s]) * (double)(rnd() % 1001) /
					    1000;
					break;
				}
			}
			tried++;
			slack = 1e-9 * (fabs(lo) + fabs(hi) + 1);
			if (expr_eval(e, vals, &out) == EXPR_OK &&
			    ((ans && out.kind == VAL_MISSING) ||
			    (lit && out.kind == VAL_NA)))
				continue;
			if (expr_eval(e, vals, &out) != EXPR_OK ||
			    out.kind != VAL_NUM || out.num < lo - slack ||
			    out.num > hi + slack) {
				if (bad++ < 5)
					fprintf(stderr, "expr-60.1: \"%s\" "
					    "gave %g outside [%g, %g]\n",
					    r->src, out.num, lo, hi);
			}
		}
		expr_free(e);
	}
	CHECK("expr-60.1", bad == 0 && tried > 10000);
}

/*
 * Random token soup and random bytes: every input either parses (and
 * then evaluates, bounds and refs without trouble) or fails with a
 * code, a position inside the input and a message.  Run under ASan and
 * valgrind this also proves there is no leak on any error path.
 */
static void
test_random_input(void)
{
	static const char *const toks[] = {
		"q1", "Q2", "a", "x", "y", "total", "sub", "zz", "sum",
		"mean", "min", "max", "count", "missing", "na", "if",
		"round", "abs", "prorate", "(", ")", ",", "..", "+", "-",
		"*", "/", "0", "1", "2", "0.5", "3.", "<", "<=", ">", ">=",
		"==", "!=", "=", "!", "and", "or", "not", " ", "$", "\t"
	};
	struct expr_error	 err;
	struct expr		*e;
	struct val		 vals[NSYMS], out;
	unsigned char		 used[NSYMS];
	char			 src[512];
	double			 lo, hi;
	size_t			 i, k, n, len, bad = 0, parsed = 0;
	enum expr_err		 rc;

	set_values(vals, "q2=? x=na");
	for (i = 0; i < 40000; i++) {
		len = 0;
		src[0] = '\0';
		n = 1 + rnd() % 30;
		for (k = 0; k < n; k++) {
			const char	*t;

			if (i % 4 == 3) {
				/* Random bytes, including high ones. */
				if (len + 1 >= sizeof(src))
					break;
				src[len++] = (char)(1 + rnd() % 255);
				src[len] = '\0';
				continue;
			}
			t = toks[rnd() % nitems(toks)];
			if (len + strlen(t) + 1 >= sizeof(src))
				break;
			memcpy(src + len, t, strlen(t) + 1);
			len += strlen(t);
		}
		memset(&err, 0x55, sizeof(err));
		if ((e = expr_parse(src, &symtab, &err)) == NULL) {
			if (err.code == EXPR_OK || err.pos > len ||
			    memchr(err.msg, '\0', sizeof(err.msg)) == NULL ||
			    err.msg[0] == '\0')
				if (bad++ < 5)
					fprintf(stderr, "expr-60.2: \"%s\": "
					    "bad error\n", src);
			continue;
		}
		parsed++;
		rc = expr_eval(e, vals, &out);
		if ((rc != EXPR_OK && rc != EXPR_ERR_DIVZERO) ||
		    (rc == EXPR_ERR_DIVZERO && out.kind != VAL_MISSING))
			if (bad++ < 5)
				fprintf(stderr, "expr-60.2: \"%s\": eval %d\n",
				    src, (int)rc);
		(void)expr_bounds(e, blo, bhi, &lo, &hi);
		expr_refs(e, used);
		expr_free(e);
	}
	CHECK("expr-60.2", bad == 0 && parsed > 100);
}

/* Sums of products of items, for the paper form's layout (BFMDRS). */
static void
test_products(void)
{
	static const struct {
		const char	*id, *src;
		size_t		 n;		/* terms, 0 = not such a sum */
		size_t		 nsym0;		/* items of the first term */
		double		 w0;		/* its weight */
	} rows[] = {
		{ "prod-1.1", "sum(q1 * q2 * 0.5, q3 * q4, 2 * q5 * q6)", 3, 2,
		    0.5 },
		{ "prod-1.2", "q1 * q2 + q3 * q4 * 0.5", 2, 2, 1 },
		{ "prod-1.3", "q1 * q2 * q3 * 2 * 0.25", 1, 3, 0.5 },
		{ "prod-1.4", "q1 + q2", 0, 0, 0 },
		{ "prod-1.5", "sum(q1 * q2, q3)", 0, 0, 0 },
		{ "prod-1.6", "q1 * 2", 0, 0, 0 },
		{ "prod-1.7", "q1 * q2 - q3 * q4", 0, 0, 0 },
		{ "prod-1.8", "sum(q1..q3)", 0, 0, 0 },
		{ "prod-1.9", "q1 * q2 * q3 * q4 * q5", 0, 0, 0 },
		{ "prod-1.10", "(q1 * q2) / 2", 0, 0, 0 }
	};
	struct expr_product t[4];
	struct expr	*e;
	size_t		 i, n;

	for (i = 0; i < nitems(rows); i++) {
		e = expr_parse(rows[i].src, &symtab, NULL);
		n = e != NULL ? expr_products(e, t, nitems(t)) : 99;
		CHECK(rows[i].id, n == rows[i].n && (n == 0 ||
		    (t[0].nsym == rows[i].nsym0 && t[0].weight ==
		    rows[i].w0 && t[0].sym[0] == 0)));
		expr_free(e);
	}
	/* More terms than room: not laid out. */
	e = expr_parse("sum(q1 * q2, q3 * q4, q5 * q6, q7 * q8, q9 * a)",
	    &symtab, NULL);
	CHECK("prod-2.1", e != NULL && expr_products(e, t, nitems(t)) == 0);
	expr_free(e);
	CHECK("prod-2.2", expr_products(NULL, t, nitems(t)) == 0);
}

int
main(void)
{
	test_eval();
	test_parse_errors();
	test_depth();
	test_length();
	test_bounds();
	test_bfmdrs();
	test_refs();
	test_basis();
	test_api();
	test_bounds_contain();
	test_random_input();
	test_products();
	return harness_done("expr");
}
