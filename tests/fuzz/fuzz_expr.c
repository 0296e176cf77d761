/*
 * fuzz_expr.c: libFuzzer target for the formula parser and evaluator
 * (make fuzz; tests/fuzz/README).  By hand:
 *
 *	clang -std=c99 -D_POSIX_C_SOURCE=200809L -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -Isrc \
 *	    -o fuzz_expr tests/fuzz/fuzz_expr.c src/expr.c src/util.c -lm
 *	./fuzz_expr -max_total_time=60 -max_len=4200
 *
 * Besides crashes and leaks it aborts when an invariant breaks: a parse
 * error without a code, a position past the input or an unterminated
 * message; an evaluation error other than division by zero; a value
 * outside the bounds expr_bounds() computed for the same inputs.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "util.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const names[] = {
	"q1", "q2", "q3", "q4", "q5", "a", "b", "total", "sub"
};
#define NSYMS	9
static const struct expr_symtab symtab = { names, NSYMS, 7 };
static const double lo[NSYMS] = { 0, 0, 0, 0, 0, -3, 0.5, 0, -10 };
static const double hi[NSYMS] = { 3, 3, 3, 3, 3, 3, 2, 15, 10 };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr_error	 err;
	struct expr		*e;
	struct val		 vals[NSYMS], out;
	unsigned char		 used[NSYMS];
	char			*src;
	double			 blo, bhi, slack;
	size_t			 i, k, len;
	enum expr_err		 rc;
	int			 bounded;

	src = xstrndup((const char *)data, size);
	len = strlen(src);
	if ((e = expr_parse(src, &symtab, &err)) == NULL) {
		if (err.code == EXPR_OK || err.pos > len ||
		    memchr(err.msg, '\0', sizeof(err.msg)) == NULL ||
		    err.msg[0] == '\0')
			abort();
		free(src);
		return 0;
	}
	memset(used, 0, sizeof(used));
	expr_refs(e, used);
	bounded = expr_bounds(e, lo, hi, &blo, &bhi) == 0;
	if (bounded && !(blo <= bhi))
		abort();
	/* Three valuations with every symbol present, then gaps. */
	for (k = 0; k < 5; k++) {
		for (i = 0; i < NSYMS; i++) {
			vals[i].kind = VAL_NUM;
			vals[i].num = k == 0 ? lo[i] : k == 1 ? hi[i] :
			    (lo[i] + hi[i]) / 2;
			if (k >= 3 && (i + k) % 3 == 0)
				vals[i].kind = k == 3 ? VAL_NA : VAL_MISSING;
		}
		rc = expr_eval(e, vals, &out);
		if (rc != EXPR_OK && (rc != EXPR_ERR_DIVZERO ||
		    out.kind != VAL_MISSING))
			abort();
		if (k < 3 && bounded && rc == EXPR_OK &&
		    out.kind == VAL_NUM && isfinite(out.num)) {
			slack = 1e-6 * (fabs(blo) + fabs(bhi) + 1);
			if (out.num < blo - slack || out.num > bhi + slack)
				abort();
		}
	}
	expr_free(e);
	free(src);
	return 0;
}
