/*
 * score.c: every score, band and flag of a scale for one set of answers.
 */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

static size_t
nbandcells(const struct scale *s)
{
	size_t	 i, n = 0;

	for (i = 0; i < s->nscores; i++)
		n += s->scores[i].nbandsets;
	return n;
}

struct result *
result_new(const struct scale *s)
{
	struct result	*r;

	r = xcalloc(1, sizeof(*r));
	r->nitems = s->nitems;
	r->nscores = s->nscores;
	r->nflags = s->nflags;
	r->vals = xcalloc(s->nitems + s->nscores + 1, sizeof(*r->vals));
	r->hidden = xcalloc(s->nitems + 1, 1);
	r->bands = xcalloc(nbandcells(s) + 1, sizeof(*r->bands));
	r->raised = xcalloc(s->nflags + 1, 1);
	r->errs = xcalloc(s->nscores + 1, sizeof(*r->errs));
	return r;
}

void
result_free(struct result *r)
{
	if (r == NULL)
		return;
	free(r->vals);
	free(r->hidden);
	free(r->bands);
	free(r->raised);
	free(r->errs);
	free(r);
}

static struct val
answer_val(const struct answer *a)
{
	struct val	 v = { VAL_MISSING, 0, 0, 0, 0, NULL };

	switch (a->kind) {
	case ANS_VALUE:
		v.kind = VAL_NUM;
		v.num = a->value;
		v.set = a->text;	/* a multi item's selection */
		break;
	case ANS_NA:
	case ANS_TEXT:
		v.kind = VAL_NA;
		break;
	default:
		break;
	}
	return v;
}

/* Rounds as fmt_fixed() prints: half away from zero, same nudge. */
static double
round_to(double v, int decimals)
{
	static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	double	 p, r;

	p = pow10[decimals < 0 ? 0 : decimals > 6 ? 6 : decimals];
	r = v * p;
	r = r < 0 ? -floor(-r + 0.5 + 1e-9) : floor(r + 0.5 + 1e-9);
	return r / p;
}

/* One line "key = value" of a test section, the key padded to w. */
static void
test_line(struct buf *b, int w, const char *key, const char *sub,
    const char *value)
{
	const char	*q;
	int		 n;

	/* An unquoted INI value ends at ';' or '#': quote such a label. */
	q = strpbrk(value, ";#") != NULL ? "\"" : "";
	n = (int)strlen(key) + (sub != NULL ? (int)strlen(sub) + 1 : 0);
	buf_printf(b, "%s%s%s%*s = %s%s%s\n", key, sub != NULL ? "." : "",
	    sub != NULL ? sub : "", w > n ? w - n : 0, "", q, value, q);
}

void
score_report_test(const struct scale *s, const struct result *r,
    const char *name, const char *answers, struct buf *b)
{
	size_t		 i, j, k;
	int		 w = (int)strlen("answers"), n, m;
	char		 v[64], sub[300];
	const char	*band;
	struct buf	 fl;

	/* The widest key printed: "id", "id.band", "id.band.SET", or
	 * "id.basis" for a prorated or partial score. */
	for (i = 0; i < s->nscores; i++) {
		k = strlen(s->scores[i].id);
		n = (int)k;
		if (result_basis(r, i, NULL, 0) > BASIS_COMPLETE)
			n += (int)strlen(".basis");
		for (j = 0; j < s->scores[i].nbandsets; j++) {
			m = (int)(k + strlen(".band") + (j == 0 ? 0 : 1 +
			    strlen(s->bandsets[s->scores[i].bandsets[j]].id)));
			if (m > n)
				n = m;
		}
		if (n > w)
			w = n;
	}
	buf_printf(b, "; rater try: paste into %s.ini; give each case a name "
	    "of its own\n[test.%s]\n", s->id, name);
	test_line(b, w, "answers", NULL, answers);
	for (i = 0; i < s->nscores; i++) {
		test_line(b, w, s->scores[i].id, NULL, score_format(
		    &s->scores[i], result_score(r, i), v, sizeof(v)));
		for (j = 0; j < s->scores[i].nbandsets; j++) {
			band = result_band(s, r, i, j);
			if (j == 0)
				snprintf(sub, sizeof(sub), "band");
			else
				snprintf(sub, sizeof(sub), "band.%s",
				    s->bandsets[s->scores[i].bandsets[j]].id);
			test_line(b, w, s->scores[i].id, sub,
			    band != NULL ? band : "NA");
		}
		if (result_basis(r, i, v, sizeof(v)) > BASIS_COMPLETE)
			test_line(b, w, s->scores[i].id, "basis", v);
	}
	buf_init(&fl);
	for (i = 0; i < s->nflags; i++)
		if (r->raised[i])
			buf_printf(&fl, "%s%s", fl.len > 0 ? " " : "",
			    s->flags[i].id);
	test_line(b, w, "flags", NULL, fl.len > 0 ? fl.data : "none");
	buf_free(&fl);
}

const char *
bandset_label(const struct bandset *bs, double v)
{
	size_t	 i;
	const char *label = NULL;

	for (i = 0; i < bs->nbands; i++)
		if (num_ge(v, bs->bands[i].lower))
			label = bs->bands[i].label;
	return label;
}

void
score_compute(const struct scale *s, const struct answer *ans,
    struct result *r)
{
	size_t		 i, k, j, cell;
	struct val	 v;
	struct item	*it;

	r->nanswered = r->nmissing = 0;
	/* Items, with show-if in file order: a condition sees the effective
	 * values of the items before it.  An unknown condition shows the
	 * item (never hide a question on a guess). */
	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		r->hidden[i] = 0;
		r->vals[i] = answer_val(&ans[i]);
		if (it->when != NULL) {
			if (expr_eval(it->when, r->vals, &v) == EXPR_OK &&
			    v.kind == VAL_NUM && num_eq(v.num, 0)) {
				r->hidden[i] = 1;
				r->vals[i].kind = VAL_NA;
			}
		}
		if (r->hidden[i] || it->type == ITEM_TEXT)
			continue;
		r->vals[i].nexpect = 1;
		r->vals[i].nused = r->vals[i].kind == VAL_NUM;
		if (ans[i].kind == ANS_VALUE)
			r->nanswered++;
		else if (ans[i].kind != ANS_NA)
			r->nmissing++;
	}
	for (i = 0; i < s->nscores; i++)
		r->vals[s->nitems + i].kind = VAL_MISSING;
	for (k = 0; k < s->nscores; k++) {
		i = s->order[k];
		r->errs[i] = expr_eval(s->scores[i].formula, r->vals,
		    &r->vals[s->nitems + i]);
	}
	/* Bands go by the value as printed (rounded to the score's
	 * decimals), so that the band shown always matches the number
	 * shown; formulas that use a score see the unrounded value. */
	cell = 0;
	for (i = 0; i < s->nscores; i++) {
		v = r->vals[s->nitems + i];
		if (v.kind == VAL_NUM)
			v.num = round_to(v.num, s->scores[i].decimals);
		for (j = 0; j < s->scores[i].nbandsets; j++, cell++) {
			const struct bandset *bs =
			    &s->bandsets[s->scores[i].bandsets[j]];
			size_t b;

			r->bands[cell] = -1;
			if (v.kind != VAL_NUM)
				continue;
			/* A category's label is its value's own. */
			if (s->scores[i].type == SCORE_CATEGORY) {
				for (b = 0; b < bs->nbands; b++)
					if (num_eq(v.num, bs->bands[b].lower))
						r->bands[cell] = (int)b;
				continue;
			}
			for (b = 0; b < bs->nbands; b++)
				if (num_ge(v.num, bs->bands[b].lower))
					r->bands[cell] = (int)b;
		}
	}
	for (i = 0; i < s->nflags; i++) {
		if (s->flags[i].on_missing) {
			k = s->flags[i].item;
			r->raised[i] = !r->hidden[k] &&
			    ans[k].kind != ANS_VALUE;
			continue;
		}
		r->raised[i] = expr_eval(s->flags[i].when, r->vals, &v) ==
		    EXPR_OK && v.kind == VAL_NUM && !num_eq(v.num, 0);
	}
}

enum score_basis
result_basis(const struct result *r, size_t i, char *buf, size_t len)
{
	const struct val	*v = result_score(r, i);
	enum score_basis	 b;

	if (v->kind != VAL_NUM)
		b = BASIS_NONE;
	else if (v->prorated)
		b = BASIS_PRORATED;
	else if (v->nused < v->nexpect)
		b = BASIS_PARTIAL;
	else
		b = BASIS_COMPLETE;
	if (buf != NULL && len > 0) {
		if (b == BASIS_PRORATED || b == BASIS_PARTIAL)
			snprintf(buf, len, "%s %u/%u", b == BASIS_PRORATED ?
			    "prorated" : "partial", v->nused, v->nexpect);
		else
			buf[0] = '\0';
	}
	return b;
}

int
score_is_measure(const struct score *sc)
{
	return sc->type == SCORE_NUMBER;
}

long
scale_first_measure(const struct scale *s)
{
	size_t	 i;

	for (i = 0; i < s->nscores; i++)
		if (score_is_measure(&s->scores[i]))
			return (long)i;
	return -1;
}

const struct val *
result_score(const struct result *r, size_t i)
{
	return &r->vals[r->nitems + i];
}

const char *
result_band(const struct scale *s, const struct result *r, size_t i,
    size_t j)
{
	size_t	 k, cell = 0;
	int	 b;

	if (j >= s->scores[i].nbandsets)
		return NULL;
	for (k = 0; k < i; k++)
		cell += s->scores[k].nbandsets;
	b = r->bands[cell + j];
	if (b < 0)
		return NULL;
	return s->bandsets[s->scores[i].bandsets[j]].bands[b].label;
}

int
result_item_shown(const struct result *r, size_t i)
{
	return !r->hidden[i];
}

char *
score_format(const struct score *sc, const struct val *v, char *buf,
    size_t len)
{
	if (v->kind != VAL_NUM) {
		snprintf(buf, len, "NA");
		return buf;
	}
	/* A code keeps its leading zeros: "01230". */
	if (sc->type == SCORE_CODE && v->num >= 0 && v->num < 1e15) {
		snprintf(buf, len, "%0*.0f", (int)sc->ndigits, v->num);
		return buf;
	}
	return fmt_fixed(buf, len, v->num, sc->decimals);
}

void
score_bands_text(const struct scale *s, const struct result *r, size_t i,
    struct buf *b)
{
	const struct score	*sc = &s->scores[i];
	const char		*band;
	size_t			 j;

	for (j = 0; j < sc->nbandsets; j++) {
		band = result_band(s, r, i, j);
		if (band == NULL)
			band = "NA";
		if (j == 0)
			buf_puts(b, band);
		if (sc->nbandsets == 1)
			break;
		if (j == 0)
			buf_printf(b, " (%s)",
			    bandset_name(&s->bandsets[sc->bandsets[0]]));
		else
			buf_printf(b, "; %s: %s",
			    bandset_name(&s->bandsets[sc->bandsets[j]]),
			    band);
	}
}

void
score_report(const struct scale *s, const struct result *r, struct buf *b)
{
	size_t		 i, j;
	char		 v[64];
	const char	*band;

	for (i = 0; i < s->nscores; i++) {
		buf_printf(b, "%s\t%s", s->scores[i].id,
		    score_format(&s->scores[i], result_score(r, i), v,
		    sizeof(v)));
		for (j = 0; j < s->scores[i].nbandsets; j++) {
			band = result_band(s, r, i, j);
			buf_printf(b, "\t%s", band != NULL ? band : "NA");
		}
		buf_putc(b, '\n');
	}
	for (i = 0; i < s->nscores; i++)
		if (result_basis(r, i, v, sizeof(v)) > BASIS_COMPLETE)
			buf_printf(b, "basis\t%s\t%s\n", s->scores[i].id, v);
	for (i = 0; i < s->nflags; i++)
		if (r->raised[i])
			buf_printf(b, "flag\t%s\t%s\t%s\n", s->flags[i].id,
			    flag_level_name(s->flags[i].level),
			    s->flags[i].text);
}
