/*
 * fuzz_scale.c: libFuzzer target for the scale loader (make fuzz).
 *
 * The input is a scale file.  scale_load_mem() writes it to a temporary
 * file for iniparser; mkstemp is wrapped (link with
 * -Wl,--wrap=mkstemp) so that the target can check the file is gone
 * afterwards.  Besides crashes and leaks it aborts when an invariant
 * breaks:
 *
 *  - a rejected file must come with at least one error, an accepted
 *    one with none; every message is one non-empty line;
 *  - the scale's own [test.*] cases must pass (the loader ran them);
 *  - scores of fully answered forms stay in the declared min..max
 *    (the loader checked the formulas' bounds against them);
 *  - a session of the scale, with each test's answers, must save and
 *    read back to the same bytes and scores (fuzz_roundtrip).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "scale.h"
#include "score.h"
#include "session.h"

/* The name the input is loaded under: it cannot be opened, has no
 * ".ini" (so the id need not match it). */
#define NAME	"/dev/null/fuzz-scale"

int		 __real_mkstemp(char *);
int		 __wrap_mkstemp(char *);

static char	*made[8];
static size_t	 nmade;

static void	 check_answers(const struct scale *, const struct answer *,
		    const char *);
static void	 synthetic(const struct scale *, int);
static void	 session_of(const struct scale *, const struct answer *);
static void	 stored_values(const struct item *);

int
__wrap_mkstemp(char *tmpl)
{
	int	 fd;

	fd = __real_mkstemp(tmpl);
	if (fd != -1 && nmade < nitems(made))
		made[nmade++] = xstrdup(tmpl);
	return fd;
}

/* Scores, bands and flags of one set of answers. */
static void
check_answers(const struct scale *s, const struct answer *ans,
    const char *what)
{
	struct result	*r;
	const struct val *v;
	char		 buf[64];
	size_t		 i, j, full = 1;
	double		 slack;

	r = result_new(s);
	score_compute(s, ans, r);
	FUZZ_ASSERT(r->nanswered + r->nmissing <= s->nitems, "%s: %zu "
	    "answered + %zu missing > %zu items", what, r->nanswered,
	    r->nmissing, s->nitems);
	for (i = 0; i < s->nitems; i++) {
		if (!result_item_shown(r, i) || (s->items[i].type !=
		    ITEM_TEXT && ans[i].kind != ANS_VALUE))
			full = 0;
	}
	for (i = 0; i < s->nscores; i++) {
		v = result_score(r, i);
		score_format(&s->scores[i], v, buf, sizeof(buf));
		FUZZ_ASSERT(buf[0] != '\0', "%s: score %s formats as ''",
		    what, s->scores[i].id);
		for (j = 0; j < s->scores[i].nbandsets; j++)
			(void)result_band(s, r, i, j);
		if (!full || v->kind != VAL_NUM || r->errs[i] != EXPR_OK)
			continue;
		slack = 1e-6 * (fabs(s->scores[i].min) +
		    fabs(s->scores[i].max) + 1);
		FUZZ_ASSERT(!isfinite(v->num) ||
		    (v->num >= s->scores[i].min - slack &&
		    v->num <= s->scores[i].max + slack),
		    "%s: score %s = %.17g outside its declared range %g..%g",
		    what, s->scores[i].id, v->num, s->scores[i].min,
		    s->scores[i].max);
	}
	result_free(r);
}

/* Every item at its lowest (k = 0), highest (1) or some other (2)
 * allowed value. */
static void
synthetic(const struct scale *s, int k)
{
	struct answer	*ans;
	const struct item *it;
	char		 what[32];
	size_t		 i;

	ans = answers_new(s->nitems);
	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		switch (it->type) {
		case ITEM_CHOICE:
			if (it->nopts == 0)
				continue;
			ans[i].kind = ANS_VALUE;
			ans[i].value = it->opts[k == 0 ? 0 : k == 1 ?
			    it->nopts - 1 : (i * 7 + 3) % it->nopts].value;
			break;
		case ITEM_NUMBER:
			ans[i].kind = ANS_VALUE;
			ans[i].value = k == 1 ? it->max : it->min;
			break;
		case ITEM_TEXT:
			ans[i].kind = ANS_TEXT;
			ans[i].text = xstrdup("x");
			break;
		case ITEM_MULTI:
			/* None, all, or the options of even index. */
			if (scale_parse_answer(it, k == 0 ? "none" : "-",
			    &ans[i], NULL) == -1)
				continue;
			if (k > 0 && it->nopts > 0) {
				struct buf	 b;
				size_t		 j;

				buf_init(&b);
				for (j = 0; j < it->nopts; j += k)
					buf_printf(&b, "%s%s", j ? "+" : "",
					    it->opts[j].key);
				FUZZ_ASSERT(scale_parse_answer(it, b.data,
				    &ans[i], NULL) == 0, "item %s: its own "
				    "options '%s' are not an answer", it->id,
				    b.data);
				buf_free(&b);
			}
			break;
		}
		if (ans[i].kind == ANS_VALUE)
			FUZZ_ASSERT(scale_value_is_valid(it, ans[i].value),
			    "item %s: its own value %.17g is not valid",
			    it->id, ans[i].value);
	}
	snprintf(what, sizeof(what), "synthetic %d", k);
	check_answers(s, ans, what);
	if (k == 2)
		session_of(s, ans);
	answers_free(ans, s->nitems);
}

/* Every value an item allows survives its stored form ("0.5"). */
static void
stored_values(const struct item *it)
{
	struct answer	 a, back;
	struct buf	 b;
	char		*cause = NULL;
	double		 v[3];
	size_t		 i, n = 0;

	if (it->type == ITEM_CHOICE)
		n = it->nopts;
	else if (it->type == ITEM_NUMBER) {
		v[n++] = it->min;
		v[n++] = it->max;
		if (it->step > 0 && it->min + it->step <= it->max)
			v[n++] = it->min + it->step;
	}
	for (i = 0; i < n; i++) {
		memset(&a, 0, sizeof(a));
		a.kind = ANS_VALUE;
		a.value = it->type == ITEM_CHOICE ? it->opts[i].value : v[i];
		buf_init(&b);
		session_encode_answer(&a, &b);
		FUZZ_ASSERT(session_decode_answer(it, b.data, &back,
		    &cause) == 0, "item %s: value %.17g is stored as '%s', "
		    "which reads back as an error: %s", it->id, a.value,
		    b.data, cause);
		FUZZ_ASSERT(back.kind == ANS_VALUE && (it->type ==
		    ITEM_CHOICE ? back.value == a.value :
		    num_eq(back.value, a.value)),
		    "item %s: value %.17g is stored as '%s', which reads "
		    "back as %.17g", it->id, a.value, b.data, back.value);
		answer_clear(&back);
		buf_free(&b);
	}
}

/* A new session with these answers must save and read back. */
static void
session_of(const struct scale *s, const struct answer *ans)
{
	struct session	*ss;
	size_t		 i;

	ss = session_new(s);
	for (i = 0; i < s->nitems; i++)
		session_set_answer(ss, i, &ans[i]);
	session_set(&ss->patient, "P1");
	session_set(&ss->rater, "fuzz");
	session_set(&ss->visit, "v1");
	fuzz_roundtrip(ss, s);
	session_free(ss);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag	 d;
	struct scale	*s;
	struct answer	*empty;
	struct buf	 b;
	char		*str;
	size_t		 i, failed;

	fuzz_init();
	diag_init(&d);
	nmade = 0;
	s = scale_load_mem(NAME, (const char *)data, size, &d);
	for (i = 0; i < nmade; i++) {
		FUZZ_ASSERT(access(made[i], F_OK) == -1, "scale_load_mem "
		    "left its temporary file %s behind", made[i]);
		free(made[i]);
	}
	fuzz_check_diag(&d, fuzz_nlines(data, size));
	FUZZ_ASSERT((s == NULL) == (d.nerrors > 0), "scale_load_mem "
	    "returned %s with %zu errors", s == NULL ? "NULL" : "a scale",
	    d.nerrors);
	buf_init(&b);
	diag_format(&d, &b);
	buf_free(&b);
	diag_free(&d);
	if (s == NULL)
		return 0;

	/* The loader ran the embedded tests: they pass. */
	diag_init(&d);
	failed = scale_run_tests(s, &d);
	FUZZ_ASSERT(failed == 0, "accepted scale fails %zu of its tests",
	    failed);
	diag_free(&d);

	empty = answers_new(s->nitems);
	check_answers(s, empty, "no answers");
	answers_free(empty, s->nitems);
	for (i = 0; i < s->ntests; i++) {
		if (s->tests[i].answers == NULL)
			continue;
		check_answers(s, s->tests[i].answers, s->tests[i].id);
		session_of(s, s->tests[i].answers);
	}
	synthetic(s, 0);
	synthetic(s, 1);
	synthetic(s, 2);
	for (i = 0; i < s->nitems; i++) {
		stored_values(&s->items[i]);
		str = scale_allowed_str(&s->items[i]);
		FUZZ_ASSERT(str != NULL && *str != '\0', "item %s: no "
		    "allowed values", s->items[i].id);
		free(str);
	}
	scale_free(s);
	return 0;
}
