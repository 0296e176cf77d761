/*
 * redcap.c: REDCap data dictionaries out and in (redcap.h).
 *
 * Show-if as branching logic.  rater hides an item only when its
 * condition is false; an unknown condition (an earlier item unanswered,
 * coded unk/ref/na, or hidden) shows it.  In REDCap all of those are a
 * blank field.  So a comparison "x OP n" becomes
 *	([x] = '' or [x] OP n)
 * (shown while x is blank, as in rater), joined by and/or as written;
 * "a and b" is not false exactly when neither side is, "a or b" when
 * either is not.  Anything else (not, a comparison of two formulas,
 * count(), arithmetic) is not exported: the annotation says so.
 *
 * Scores as calc fields.  REDCap's [a]+[b] is blank when any input is
 * blank, as rater's a + b has no value when an item has none; rater's
 * sum() leaves NA (hidden, na) out, REDCap's blanks are all alike, so
 * sum() is exported only over items that cannot be NA (no show-if, na
 * not accepted).  A calc is written only for such sums of scored choice
 * or number items whose values are all whole numbers (the result is
 * then exact); every other formula (prorate, round, mean, division,
 * if) is not exported as a calc.  rater's own score always is, in a
 * read-only text field.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "redcap.h"

const char *const redcap_columns[REDCAP_NCOLS] = {
	"Variable / Field Name", "Form Name", "Section Header", "Field Type",
	"Field Label", "Choices, Calculations, OR Slider Labels",
	"Field Note", "Text Validation Type OR Show Slider Number",
	"Text Validation Min", "Text Validation Max", "Identifier?",
	"Branching Logic (Show field only if...)", "Required Field?",
	"Custom Alignment", "Question Number (surveys only)",
	"Matrix Group Name", "Matrix Ranking?", "Field Annotation"
};

enum col {
	C_NAME, C_FORM, C_SECTION, C_TYPE, C_LABEL, C_CHOICES, C_NOTE,
	C_VALID, C_MIN, C_MAX, C_IDENT, C_BRANCH, C_REQUIRED, C_ALIGN,
	C_QNUM, C_MATRIX, C_RANK, C_ANNOT
};

/* The fields rater adds to every form, after FORM_. */
static const char *const extras[] = { "session", "date", "rater" };

/* Tokens of a formula or of branching logic. */
enum tok {
	T_END, T_ID, T_NUM, T_OP, T_LP, T_RP, T_COMMA, T_RANGE, T_VAR,
	T_STR, T_BAD
};

struct lex {
	const char	*p;
	enum tok	 t;
	char		 text[128];
};

static enum tok	 lex_next(struct lex *);
static int	 item_is_whole(const struct item *);
static long	 item_of(const struct scale *, const char *);
static int	 br_or(const struct scale *, struct lex *, struct buf *);
static int	 br_and(const struct scale *, struct lex *, struct buf *);
static int	 br_prim(const struct scale *, struct lex *, struct buf *);
static void	 row(struct buf *, const char *const *);
static int	 form_rows(struct buf *, const struct scale *, const char *,
		    int, char **);
static const char *validation(const struct item *);

static enum tok
lex_next(struct lex *l)
{
	size_t	 n = 0;
	char	 q;

	while (*l->p == ' ' || *l->p == '\t' || *l->p == '\n' ||
	    *l->p == '\r')
		l->p++;
	l->text[0] = '\0';
	if (*l->p == '\0')
		return l->t = T_END;
	if (isalpha((unsigned char)*l->p) || *l->p == '_') {
		while ((isalnum((unsigned char)*l->p) || *l->p == '_') &&
		    n + 1 < sizeof(l->text))
			l->text[n++] = (char)tolower((unsigned char)*l->p++);
		l->text[n] = '\0';
		if (isalnum((unsigned char)*l->p) || *l->p == '_')
			return l->t = T_BAD;
		return l->t = T_ID;
	}
	if (isdigit((unsigned char)*l->p) || (*l->p == '.' &&
	    isdigit((unsigned char)l->p[1]))) {
		while ((isdigit((unsigned char)*l->p) || (*l->p == '.' &&
		    l->p[1] != '.')) && n + 1 < sizeof(l->text))
			l->text[n++] = *l->p++;
		l->text[n] = '\0';
		return l->t = T_NUM;
	}
	if (*l->p == '[') {
		for (l->p++; *l->p != ']' && *l->p != '\0' &&
		    n + 1 < sizeof(l->text); l->p++)
			l->text[n++] = (char)tolower((unsigned char)*l->p);
		l->text[n] = '\0';
		if (*l->p != ']')
			return l->t = T_BAD;
		l->p++;
		return l->t = T_VAR;
	}
	if (*l->p == '\'' || *l->p == '"') {
		q = *l->p++;
		for (; *l->p != q && *l->p != '\0' &&
		    n + 1 < sizeof(l->text); l->p++)
			l->text[n++] = *l->p;
		l->text[n] = '\0';
		if (*l->p != q)
			return l->t = T_BAD;
		l->p++;
		return l->t = T_STR;
	}
	if (l->p[0] == '.' && l->p[1] == '.') {
		l->p += 2;
		return l->t = T_RANGE;
	}
	switch (*l->p) {
	case '(':
		l->p++;
		return l->t = T_LP;
	case ')':
		l->p++;
		return l->t = T_RP;
	case ',':
		l->p++;
		return l->t = T_COMMA;
	case '=': case '!': case '<': case '>':
		l->text[n++] = *l->p++;
		if (*l->p == '=' || (l->text[0] == '<' && *l->p == '>'))
			l->text[n++] = *l->p++;
		l->text[n] = '\0';
		if (strcmp(l->text, "!") == 0)
			return l->t = T_BAD;
		return l->t = T_OP;
	case '+': case '-': case '*': case '/':
		l->text[0] = *l->p++;
		l->text[1] = '\0';
		return l->t = T_OP;
	default:
		return l->t = T_BAD;
	}
}

/* Whether every value the item can take is a whole number. */
static int
item_is_whole(const struct item *it)
{
	size_t	 i;

	switch (it->type) {
	case ITEM_CHOICE:
		for (i = 0; i < it->nopts; i++)
			if (it->opts[i].value != floor(it->opts[i].value))
				return 0;
		return 1;
	case ITEM_NUMBER:
		return it->step > 0 && it->step == floor(it->step) &&
		    it->min == floor(it->min);
	default:
		return 0;
	}
}

static long
item_of(const struct scale *sc, const char *id)
{
	return scale_item_index(sc, id);
}

char *
redcap_form(const char *scale_id)
{
	char	*s, *p;

	s = xstrdup(scale_id);
	for (p = s; *p != '\0'; p++)
		*p = *p == '-' ? '_' : (char)tolower((unsigned char)*p);
	return s;
}

char *
redcap_field(const char *scale_id, const char *name)
{
	char	*form, *s, *p;
	size_t	 i;
	int	 reserved = strcmp(name, "complete") == 0;

	for (i = 0; i < nitems(extras); i++)
		if (strcmp(name, extras[i]) == 0)
			reserved = 1;
	form = redcap_form(scale_id);
	/* FORM_complete is REDCap's, the extras are rater's own. */
	s = xasprintf("%s_%s%s", form, name, reserved ? "_r" : "");
	for (p = s; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	free(form);
	return s;
}

/* Branching. */

static int
br_prim(const struct scale *sc, struct lex *l, struct buf *b)
{
	char	 id[128], op[8], num[128], *f;
	long	 k;
	int	 flip = 0;

	if (l->t == T_LP) {
		buf_putc(b, '(');
		lex_next(l);
		if (br_or(sc, l, b) == -1 || l->t != T_RP)
			return -1;
		buf_putc(b, ')');
		lex_next(l);
		return 0;
	}
	if (l->t == T_NUM) {
		flip = 1;
		snprintf(num, sizeof(num), "%s", l->text);
		if (lex_next(l) != T_OP)
			return -1;
		snprintf(op, sizeof(op), "%.3s", l->text);
		if (lex_next(l) != T_ID)
			return -1;
		snprintf(id, sizeof(id), "%s", l->text);
	} else if (l->t == T_ID) {
		snprintf(id, sizeof(id), "%s", l->text);
		if (lex_next(l) != T_OP)
			return -1;
		snprintf(op, sizeof(op), "%.3s", l->text);
		if (lex_next(l) != T_NUM)
			return -1;
		snprintf(num, sizeof(num), "%s", l->text);
	} else
		return -1;
	lex_next(l);
	if ((k = item_of(sc, id)) < 0 || sc->items[k].type == ITEM_TEXT ||
	    sc->items[k].type == ITEM_MULTI)
		return -1;
	if (flip) {
		if (strcmp(op, "<") == 0)
			strcpy(op, ">");
		else if (strcmp(op, ">") == 0)
			strcpy(op, "<");
		else if (strcmp(op, "<=") == 0)
			strcpy(op, ">=");
		else if (strcmp(op, ">=") == 0)
			strcpy(op, "<=");
	}
	if (strcmp(op, "==") == 0)
		strcpy(op, "=");
	else if (strcmp(op, "!=") == 0)
		strcpy(op, "<>");
	else if (strcmp(op, "<") != 0 && strcmp(op, ">") != 0 &&
	    strcmp(op, "<=") != 0 && strcmp(op, ">=") != 0)
		return -1;
	f = redcap_field(sc->id, sc->items[k].id);
	buf_printf(b, "([%s] = '' or [%s] %s %s)", f, f, op, num);
	free(f);
	return 0;
}

static int
br_and(const struct scale *sc, struct lex *l, struct buf *b)
{
	if (br_prim(sc, l, b) == -1)
		return -1;
	while (l->t == T_ID && strcmp(l->text, "and") == 0) {
		buf_puts(b, " and ");
		lex_next(l);
		if (br_prim(sc, l, b) == -1)
			return -1;
	}
	return 0;
}

static int
br_or(const struct scale *sc, struct lex *l, struct buf *b)
{
	if (br_and(sc, l, b) == -1)
		return -1;
	while (l->t == T_ID && strcmp(l->text, "or") == 0) {
		buf_puts(b, " or ");
		lex_next(l);
		if (br_and(sc, l, b) == -1)
			return -1;
	}
	return 0;
}

char *
redcap_branching(const struct scale *sc, const struct item *it)
{
	struct lex	 l;
	struct buf	 b;

	if (it->when_src == NULL)
		return NULL;
	buf_init(&b);
	l.p = it->when_src;
	lex_next(&l);
	if (br_or(sc, &l, &b) == -1 || l.t != T_END) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* Calc. */

/* Adds item id (or the range from..id) to the calc; -1 if it cannot. */
static int
calc_add(const struct scale *sc, struct buf *b, const char *from,
    const char *to, int in_sum)
{
	long	 a, z, k;
	char	*f;

	if ((a = item_of(sc, from)) < 0 || (z = item_of(sc, to)) < a)
		return -1;
	for (k = a; k <= z; k++) {
		if (!item_is_whole(&sc->items[k]) || !sc->items[k].scored)
			return -1;
		/* sum() leaves NA out, REDCap cannot: no NA allowed. */
		if (in_sum && (sc->items[k].when != NULL ||
		    (sc->items[k].missing & MISSING_NA)))
			return -1;
		f = redcap_field(sc->id, sc->items[k].id);
		buf_printf(b, "%s[%s]", b->len > 0 ? "+" : "", f);
		free(f);
	}
	return 0;
}

char *
redcap_calc(const struct scale *sc, const struct score *score)
{
	struct lex	 l;
	struct buf	 b;
	char		 from[128];
	int		 in_sum = 0;

	buf_init(&b);
	l.p = score->formula_src;
	lex_next(&l);
	if (l.t == T_ID && strcmp(l.text, "sum") == 0 && *l.p == '(') {
		in_sum = 1;
		lex_next(&l);
		lex_next(&l);
	}
	for (;;) {
		if (l.t != T_ID)
			goto no;
		snprintf(from, sizeof(from), "%s", l.text);
		lex_next(&l);
		if (in_sum && l.t == T_RANGE) {
			if (lex_next(&l) != T_ID ||
			    calc_add(sc, &b, from, l.text, 1) == -1)
				goto no;
			lex_next(&l);
		} else if (calc_add(sc, &b, from, from, in_sum) == -1)
			goto no;
		if (in_sum && l.t == T_COMMA)
			lex_next(&l);
		else if (!in_sum && l.t == T_OP && strcmp(l.text, "+") == 0)
			lex_next(&l);
		else
			break;
	}
	if (in_sum) {
		if (l.t != T_RP)
			goto no;
		lex_next(&l);
	}
	if (l.t != T_END)
		goto no;
	return buf_take(&b);
no:
	buf_free(&b);
	return NULL;
}

/* The dictionary. */

static void
row(struct buf *b, const char *const *f)
{
	size_t	 i;
	const char *s;

	for (i = 0; i < REDCAP_NCOLS; i++) {
		if (i > 0)
			buf_putc(b, ',');
		s = f[i] != NULL ? f[i] : "";
		if (strpbrk(s, ",\"\r\n") != NULL) {
			buf_putc(b, '"');
			for (; *s != '\0'; s++) {
				if (*s == '"')
					buf_putc(b, '"');
				buf_putc(b, *s);
			}
			buf_putc(b, '"');
		} else
			buf_puts(b, s);
	}
	buf_putc(b, '\n');
}

/* The text validation of a number item: integer or number. */
static const char *
validation(const struct item *it)
{
	return item_is_whole(it) && it->max == floor(it->max) ? "integer" :
	    "number";
}

/*
 * The names a scale's form takes (the record id first), and who takes
 * each, in v and who (n of them; the caller frees v with strv_free and
 * who with free).  0, or -1 with *cause for an item or label REDCap
 * cannot hold.
 */
static int
scale_names(const struct scale *sc, const char *record_id, char ***vp,
    const char ***whop, size_t *np, char **cause)
{
	char		**v, *form;
	const char	**who;
	size_t		 i, j, n = 0, max;

	form = redcap_form(sc->id);
	max = 2 + nitems(extras) + sc->nitems + 2 * sc->nscores;
	v = xcalloc(max, sizeof(*v));
	who = xcalloc(max, sizeof(*who));
	v[n] = xstrdup(record_id);
	who[n++] = "the record id";
	v[n] = xasprintf("%s_complete", form);
	who[n++] = "the form's status";
	for (i = 0; i < nitems(extras); i++) {
		v[n] = xasprintf("%s_%s", form, extras[i]);
		who[n++] = "a field rater adds";
	}
	for (i = 0; i < sc->nitems; i++) {
		switch (sc->items[i].type) {
		case ITEM_MULTI:
			/* Its columns are VAR___CODE: a code must fit a
			 * variable name. */
			for (j = 0; j < sc->items[i].nopts; j++)
				if (sc->items[i].opts[j].key == NULL ||
				    strspn(sc->items[i].opts[j].key,
				    "0123456789") !=
				    strlen(sc->items[i].opts[j].key)) {
					*cause = xasprintf("%s: item %s: "
					    "option %s: a REDCap checkbox code "
					    "must be a whole number of digits",
					    sc->id, sc->items[i].id,
					    sc->items[i].opts[j].key != NULL ?
					    sc->items[i].opts[j].key : "?");
					goto fail;
				}
			/* FALLTHROUGH */
		case ITEM_CHOICE:
			for (j = 0; j < sc->items[i].nopts; j++)
				if (strpbrk(sc->items[i].opts[j].label,
				    "|\r\n") != NULL) {
					*cause = xasprintf("%s: item %s: "
					    "option %s: a REDCap choice label "
					    "cannot hold '|' or a line break",
					    sc->id, sc->items[i].id,
					    sc->items[i].opts[j].key);
					goto fail;
				}
			break;
		case ITEM_NUMBER:
		case ITEM_TEXT:
			break;
		default:
			*cause = xasprintf("%s: item %s: its kind cannot be "
			    "written for REDCap by this version of rater",
			    sc->id, sc->items[i].id);
			goto fail;
		}
		v[n] = redcap_field(sc->id, sc->items[i].id);
		who[n++] = sc->items[i].id;
	}
	for (i = 0; i < sc->nscores; i++) {
		v[n] = redcap_field(sc->id, sc->scores[i].id);
		who[n++] = sc->scores[i].id;
		v[n] = xasprintf("%s_%s_rc", form, sc->scores[i].id);
		who[n++] = sc->scores[i].id;
	}
	free(form);
	*vp = v;
	*whop = who;
	*np = n;
	return 0;
fail:
	strv_free(v, n);
	free(who);
	free(form);
	return -1;
}

int
redcap_scale_is_valid(const struct scale *sc, const char *record_id,
    char **cause)
{
	return redcap_scales_are_valid(&sc, 1, record_id, cause);
}

int
redcap_scales_are_valid(const struct scale *const *scales, size_t nsc,
    const char *record_id, char **cause)
{
	struct strindex	 names;
	char		**v, **all = NULL, *form;
	const char	**who, **allwho = NULL;
	const struct scale **allsc = NULL;
	size_t		 i, j, k, n, nall = 0;
	int		 rc = 0;

	strindex_init(&names, 64);
	for (k = 0; k < nsc && rc == 0; k++) {
		form = redcap_form(scales[k]->id);
		if (!(*form >= 'a' && *form <= 'z')) {
			*cause = xasprintf("%s: a REDCap form name must "
			    "start with a letter", scales[k]->id);
			free(form);
			rc = -1;
			break;
		}
		free(form);
		if (scale_names(scales[k], record_id, &v, &who, &n,
		    cause) == -1) {
			rc = -1;
			break;
		}
		/* The record id once, for the first scale. */
		all = xreallocarray(all, nall + n, sizeof(*all));
		allwho = xreallocarray(allwho, nall + n, sizeof(*allwho));
		allsc = xreallocarray(allsc, nall + n, sizeof(*allsc));
		for (i = k > 0; i < n; i++) {
			all[nall] = v[i];
			v[i] = NULL;
			allwho[nall] = who[i];
			allsc[nall++] = scales[k];
		}
		strv_free(v, n);
		free(who);
	}
	for (i = 0; i < nall && rc == 0; i++) {
		if (strlen(all[i]) > REDCAP_NAME_MAX) {
			*cause = xasprintf("%s: %s: the REDCap field %s is "
			    "longer than %d characters", allsc[i]->id,
			    allwho[i], all[i], REDCAP_NAME_MAX);
			rc = -1;
		} else if (!strindex_add(&names, all[i], i)) {
			j = strindex_find(&names, all[i], strlen(all[i]));
			if (allsc[j] == allsc[i])
				*cause = xasprintf("%s: %s and %s would both "
				    "be the REDCap field %s", allsc[i]->id,
				    allwho[j], allwho[i], all[i]);
			else
				*cause = xasprintf("%s %s and %s %s would "
				    "both be the REDCap field %s",
				    allsc[j]->id, allwho[j], allsc[i]->id,
				    allwho[i], all[i]);
			rc = -1;
		}
	}
	strindex_free(&names);
	strv_free(all, nall);
	free(allwho);
	free(allsc);
	return rc;
}

static int
form_rows(struct buf *b, const struct scale *sc, const char *record_id,
    int first, char **cause)
{
	const char	*f[REDCAP_NCOLS];
	const struct item *it;
	const struct score *score;
	const char	*group = NULL;
	char		*form, *name, *br, *calc, lo[64], hi[64], dp[32];
	struct buf	 ch, an;
	size_t		 i, j;

	form = redcap_form(sc->id);
	buf_init(&ch);
	buf_init(&an);
	memset(f, 0, sizeof(f));
	if (first) {
		f[C_NAME] = record_id;
		f[C_FORM] = form;
		f[C_TYPE] = "text";
		f[C_LABEL] = "Record ID (rater: patient id)";
		row(b, f);
	}
	for (i = 0; i < nitems(extras); i++) {
		memset(f, 0, sizeof(f));
		name = xasprintf("%s_%s", form, extras[i]);
		f[C_NAME] = name;
		f[C_FORM] = form;
		f[C_TYPE] = "text";
		if (i == 0) {
			buf_reset(&an);
			buf_printf(&an, "%s", sc->title != NULL ? sc->title :
			    sc->id);
			f[C_SECTION] = an.data;
			f[C_LABEL] = "rater session id";
			f[C_ANNOT] = "@READONLY rater:session";
		} else if (i == 1) {
			f[C_LABEL] = "Date assessed";
			f[C_VALID] = "date_ymd";
			f[C_ANNOT] = "rater:date";
		} else {
			f[C_LABEL] = "Rater";
			f[C_ANNOT] = "rater:rater";
		}
		row(b, f);
		free(name);
	}
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		memset(f, 0, sizeof(f));
		name = redcap_field(sc->id, it->id);
		f[C_NAME] = name;
		f[C_FORM] = form;
		if (it->group != NULL && (group == NULL ||
		    strcmp(group, it->group) != 0))
			f[C_SECTION] = it->group;
		group = it->group;
		f[C_LABEL] = it->text;
		f[C_NOTE] = it->help;
		f[C_QNUM] = it->number;
		buf_reset(&ch);
		buf_reset(&an);
		buf_printf(&an, "rater:item=%s", it->id);
		switch (it->type) {
		case ITEM_CHOICE:
		case ITEM_MULTI:
			f[C_TYPE] = it->type == ITEM_MULTI ? "checkbox" :
			    "radio";
			for (j = 0; j < it->nopts; j++)
				buf_printf(&ch, "%s%s, %s", j ? " | " : "",
				    it->opts[j].key != NULL ?
				    it->opts[j].key : fmt_num(lo,
				    sizeof(lo), it->opts[j].value),
				    it->opts[j].label);
			f[C_CHOICES] = ch.data;
			break;
		case ITEM_NUMBER:
			f[C_TYPE] = "text";
			f[C_VALID] = validation(it);
			f[C_MIN] = fmt_num(lo, sizeof(lo), it->min);
			f[C_MAX] = fmt_num(hi, sizeof(hi), it->max);
			if (it->step > 0 && !(it->step == 1 &&
			    item_is_whole(it)))
				buf_printf(&an, " rater:step=%s", fmt_num(lo,
				    sizeof(lo), it->step));
			break;
		case ITEM_TEXT:
			f[C_TYPE] = "notes";
			break;
		default:
			abort();	/* refused by redcap_scale_is_valid */
		}
		if (it->required)
			f[C_REQUIRED] = "y";
		if (!it->scored && it->type != ITEM_TEXT)
			buf_puts(&an, " rater:unscored");
		br = redcap_branching(sc, it);
		f[C_BRANCH] = br;
		if (it->when_src != NULL && br == NULL)
			buf_printf(&an, " rater:when-not-exported=%s",
			    it->when_src);
		f[C_ANNOT] = an.data;
		row(b, f);
		free(br);
		free(name);
	}
	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		memset(f, 0, sizeof(f));
		name = redcap_field(sc->id, score->id);
		f[C_NAME] = name;
		f[C_FORM] = form;
		f[C_TYPE] = "text";
		f[C_LABEL] = score->label != NULL ? score->label : score->id;
		if (score->decimals == 0)
			f[C_VALID] = "integer";
		else if (score->decimals <= 4) {
			snprintf(dp, sizeof(dp), "number_%ddp",
			    score->decimals);
			f[C_VALID] = dp;
		} else
			f[C_VALID] = "number";
		f[C_MIN] = fmt_trim(lo, sizeof(lo), score->min, 6);
		buf_reset(&an);
		buf_printf(&an, "@READONLY rater:score=%s rater:max=%s "
		    "rater:decimals=%d rater:formula=%s", score->id,
		    fmt_trim(hi, sizeof(hi), score->max, 6), score->decimals,
		    score->formula_src);
		f[C_MAX] = hi;
		f[C_NOTE] = "Scored by rater";
		f[C_ANNOT] = an.data;
		row(b, f);
		free(name);
		if ((calc = redcap_calc(sc, score)) != NULL) {
			memset(f, 0, sizeof(f));
			name = xasprintf("%s_%s_rc", form, score->id);
			/* (a reserved id's field ends in _r, this in _rc) */
			f[C_NAME] = name;
			f[C_FORM] = form;
			f[C_TYPE] = "calc";
			buf_reset(&ch);
			buf_printf(&ch, "%s (REDCap cross-check)",
			    score->label != NULL ? score->label : score->id);
			f[C_LABEL] = ch.data;
			f[C_CHOICES] = calc;
			f[C_NOTE] = "Blank when any item is blank";
			buf_reset(&an);
			buf_printf(&an, "rater:calc=%s", score->id);
			f[C_ANNOT] = an.data;
			row(b, f);
			free(name);
			free(calc);
		}
	}
	buf_free(&ch);
	buf_free(&an);
	free(form);
	return 0;
}

int
redcap_dictionary(struct buf *b, const char *record_id,
    const struct scale *const *scales, size_t n, struct buf *warn,
    char **cause)
{
	size_t	 i, j, start;
	char	*fi, *fj;
	const char *p;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			fi = redcap_form(scales[i]->id);
			fj = redcap_form(scales[j]->id);
			if (strcmp(fi, fj) == 0) {
				*cause = xasprintf("%s and %s: both would "
				    "be the REDCap form %s", scales[i]->id,
				    scales[j]->id, fi);
				free(fi);
				free(fj);
				return -1;
			}
			free(fi);
			free(fj);
		}
	if (redcap_scales_are_valid(scales, n, record_id, cause) == -1)
		return -1;
	row(b, redcap_columns);
	start = b->len;
	for (i = 0; i < n; i++)
		if (form_rows(b, scales[i], record_id, i == 0, cause) == -1)
			return -1;
	/* Names over the advised length: the first field of each row. */
	for (p = b->data + start; p < b->data + b->len; p++) {
		j = strcspn(p, ",\n");
		if (j > REDCAP_NAME_ADVISED)
			buf_printf(warn, "%.*s: %zu characters; REDCap advises "
			    "at most %d\n", (int)j, p, j, REDCAP_NAME_ADVISED);
		/* To the next row: fields may be quoted across lines. */
		for (; p < b->data + b->len && *p != '\n'; p++)
			if (*p == '"')
				for (p++; p < b->data + b->len &&
				    *p != '"'; p++)
					;
	}
	return 0;
}

/* Drafting a scale from a dictionary. */

/* A field of the form being drafted. */
struct dfield {
	const char	*var;		/* REDCap variable */
	char		*id;		/* rater id, or NULL: not an item */
	const char	*const *r;	/* its row */
	int		 line;
	int		 is_item;
	int		 choice;	/* min/max known (choice or number) */
	double		 min, max;
	int		 used;		/* by a score formula */
	int		 unscored;	/* rater:unscored */
};

struct draft {
	const char	*name;		/* of the dictionary, for messages */
	struct buf	*ini, *notes;
	struct dfield	*f;
	size_t		 nf;
};

/* The value of an annotation token "rater:KEY=..." up to the next
 * " rater:" (formulas and show-ifs hold spaces), or NULL; caller frees.
 * rater:KEY alone gives "". */
static char *
annot(const char *a, const char *key)
{
	const char	*p, *e;
	size_t		 n = strlen(key);

	for (p = a; (p = strstr(p, "rater:")) != NULL; p += 6) {
		if ((p == a || p[-1] == ' ') && strncmp(p + 6, key, n) == 0 &&
		    (p[6 + n] == '=' || p[6 + n] == ' ' ||
		    p[6 + n] == '\0')) {
			if (p[6 + n] != '=')
				return xstrdup("");
			p += 7 + n;
			if ((e = strstr(p, " rater:")) == NULL)
				e = p + strlen(p);
			return xstrndup(p, (size_t)(e - p));
		}
	}
	return NULL;
}

/* A value as an INI string: quoted, line breaks and tags made plain. */
static void
ini_str(struct draft *d, const char *s, int line, const char *var)
{
	struct buf	 t;
	int		 tag = 0;
	char		 q;

	buf_init(&t);
	for (; *s != '\0'; s++) {
		if (*s == '<' && (isalpha((unsigned char)s[1]) ||
		    s[1] == '/')) {
			tag = 1;
			continue;
		}
		if (tag) {
			tag = *s != '>';
			continue;
		}
		if (*s == '\r' || *s == '\n' || *s == '\t')
			buf_putc(&t, ' ');
		else if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			buf_putc(&t, *s);
	}
	if (t.data == NULL)
		buf_puts(&t, "");
	q = strchr(t.data, '"') == NULL ? '"' : '\'';
	if (strchr(t.data, '"') != NULL && strchr(t.data, '\'') != NULL) {
		buf_printf(d->notes, "%s:%d: %s: a text with both quote "
		    "marks: its double quotes are single in the draft\n",
		    d->name, line, var);
		for (s = t.data; *s != '\0'; s++)
			if (*s == '"')
				t.data[s - t.data] = '\'';
	}
	if (t.len > 900) {
		buf_printf(d->notes, "%s:%d: %s: a text longer than 900 "
		    "bytes, cut in the draft\n", d->name, line, var);
		t.data[900] = '\0';
	}
	buf_printf(d->ini, "%c%s%c\n", q, t.data, q);
	buf_free(&t);
}

static struct dfield *
dfield_of(struct draft *d, const char *var)
{
	size_t	 i;

	for (i = 0; i < d->nf; i++)
		if (d->f[i].is_item && strcmp(d->f[i].var, var) == 0)
			return &d->f[i];
	return NULL;
}

/*
 * REDCap branching logic as a show-if, or NULL (then *why says what
 * did not map).  The form rater writes, ([x] = '' or [x] OP n), comes
 * back as x OP n; a plain [x] OP n also maps, but REDCap hides the
 * field while x is blank and rater shows it: *caveat is set.
 */
static char *
draft_when(struct draft *d, size_t upto, const char *logic,
    const char **why, int *caveat)
{
	struct lex	 l;
	struct buf	 b;
	struct dfield	*f;
	char		 op[8], var[128];
	const char	*save;
	size_t		 k;

	buf_init(&b);
	l.p = logic;
	*caveat = 0;
	lex_next(&l);
	for (;;) {
		if (l.t == T_LP) {
			/* ([x] = '' or [x] OP n): rater's own. */
			save = l.p;
			if (lex_next(&l) == T_VAR &&
			    snprintf(var, sizeof(var), "%s", l.text) > 0 &&
			    lex_next(&l) == T_OP &&
			    strcmp(l.text, "=") == 0 &&
			    lex_next(&l) == T_STR && l.text[0] == '\0' &&
			    lex_next(&l) == T_ID &&
			    strcmp(l.text, "or") == 0 &&
			    lex_next(&l) == T_VAR &&
			    strcmp(l.text, var) == 0 &&
			    lex_next(&l) == T_OP &&
			    snprintf(op, sizeof(op), "%.3s", l.text) > 0 &&
			    lex_next(&l) == T_NUM) {
				f = dfield_of(d, var);
				k = f != NULL ? (size_t)(f - d->f) : 0;
				if (f == NULL || k >= upto) {
					*why = "it names a field that is not "
					    "an earlier item of the form";
					goto no;
				}
				buf_printf(&b, "%s %s %s", f->id,
				    strcmp(op, "=") == 0 ? "==" :
				    strcmp(op, "<>") == 0 ? "!=" : op,
				    l.text);
				if (lex_next(&l) != T_RP) {
					*why = "it is not [field] op value "
					    "joined by and/or";
					goto no;
				}
				lex_next(&l);
			} else {
				l.p = save;
				buf_putc(&b, '(');
				lex_next(&l);
				continue;
			}
		} else if (l.t == T_VAR) {
			if ((f = dfield_of(d, l.text)) == NULL ||
			    (size_t)(f - d->f) >= upto) {
				*why = strchr(l.text, '(') != NULL ?
				    "a checkbox option ([field(code)]) has no "
				    "rater equivalent" : "it names a field "
				    "that is not an earlier item of the form";
				goto no;
			}
			if (lex_next(&l) != T_OP) {
				*why = "it is not [field] op value joined by "
				    "and/or";
				goto no;
			}
			snprintf(op, sizeof(op), "%.3s", l.text);
			lex_next(&l);
			if ((l.t != T_NUM && l.t != T_STR) || (l.t == T_STR &&
			    parse_number(l.text, &(double){ 0 }) == -1)) {
				*why = "it compares with something that is "
				    "not a number";
				goto no;
			}
			buf_printf(&b, "%s %s %s", f->id,
			    strcmp(op, "=") == 0 ? "==" :
			    strcmp(op, "<>") == 0 ? "!=" : op, l.text);
			*caveat = 1;
			lex_next(&l);
		} else {
			*why = "it is not [field] op value joined by and/or";
			goto no;
		}
		while (l.t == T_RP) {
			buf_putc(&b, ')');
			lex_next(&l);
		}
		if (l.t == T_END)
			break;
		if (l.t != T_ID || (strcmp(l.text, "and") != 0 &&
		    strcmp(l.text, "or") != 0)) {
			*why = "it uses more than comparisons joined by "
			    "and/or";
			goto no;
		}
		buf_printf(&b, " %s ", l.text);
		lex_next(&l);
	}
	return buf_take(&b);
no:
	buf_free(&b);
	return NULL;
}

/* Marks the items a rater formula uses. */
static void
draft_uses(struct draft *d, const char *formula)
{
	struct lex	 l;
	char		 prev[128] = "";
	size_t		 i, a, z;
	int		 range = 0;

	l.p = formula;
	while (lex_next(&l) != T_END && l.t != T_BAD) {
		if (l.t == T_RANGE) {
			range = 1;
			continue;
		}
		if (l.t != T_ID)
			continue;
		for (z = 0; z < d->nf; z++)
			if (d->f[z].is_item && strcmp(d->f[z].id, l.text) == 0)
				break;
		if (z < d->nf && range) {
			for (a = 0; a < z; a++)
				if (d->f[a].is_item &&
				    strcmp(d->f[a].id, prev) == 0)
					break;
			for (i = a; i <= z && a < z; i++)
				if (d->f[i].is_item)
					d->f[i].used = 1;
		}
		if (z < d->nf)
			d->f[z].used = 1;
		range = 0;
		snprintf(prev, sizeof(prev), "%s", l.text);
	}
}

/* A REDCap calc [a]+[b]+... as a rater formula, or NULL. */
static char *
draft_calc(struct draft *d, const char *calc, double *min, double *max)
{
	struct lex	 l;
	struct buf	 b;
	struct dfield	*f;

	buf_init(&b);
	*min = *max = 0;
	l.p = calc;
	for (lex_next(&l);; lex_next(&l)) {
		if (l.t != T_VAR || (f = dfield_of(d, l.text)) == NULL ||
		    !f->choice) {
			buf_free(&b);
			return NULL;
		}
		buf_printf(&b, "%s%s", b.len > 0 ? " + " : "", f->id);
		*min += f->min;
		*max += f->max;
		if (lex_next(&l) == T_END)
			break;
		if (l.t != T_OP || strcmp(l.text, "+") != 0) {
			buf_free(&b);
			return NULL;
		}
	}
	return buf_take(&b);
}

static int
is_number_text(const char *s)
{
	double	 v;

	return parse_number(s, &v) == 0;
}

/* The values a field can take, when it has numbers only: sets the
 * field's choice, min and max (errors are reported when it is drafted). */
static void
field_range(struct dfield *f)
{
	const char *const *r = f->r;
	const char	*p, *e;
	char		 code[64];
	double		 v;
	int		 n = 0;

	f->choice = 0;
	if (strcmp(r[C_TYPE], "radio") == 0 ||
	    strcmp(r[C_TYPE], "dropdown") == 0) {
		for (p = r[C_CHOICES]; *p != '\0'; p = *e ? e + 1 : e) {
			while (*p == ' ' || *p == '|')
				p++;
			e = p + strcspn(p, ",");
			snprintf(code, sizeof(code), "%.*s", (int)(e - p), p);
			while (strlen(code) > 0 &&
			    code[strlen(code) - 1] == ' ')
				code[strlen(code) - 1] = '\0';
			if (parse_number(code, &v) == -1)
				return;
			if (n == 0 || v < f->min)
				f->min = v;
			if (n++ == 0 || v > f->max)
				f->max = v;
			e = p + strcspn(p, "|");
		}
		f->choice = n > 0;
	} else if (strcmp(r[C_TYPE], "yesno") == 0 ||
	    strcmp(r[C_TYPE], "truefalse") == 0) {
		f->min = 0;
		f->max = 1;
		f->choice = 1;
	} else if (strcmp(r[C_TYPE], "slider") == 0 ||
	    (strcmp(r[C_TYPE], "text") == 0 &&
	    (strcmp(r[C_VALID], "integer") == 0 ||
	    strncmp(r[C_VALID], "number", 6) == 0) &&
	    is_number_text(r[C_MIN]) && is_number_text(r[C_MAX]))) {
		f->min = 0;
		f->max = 100;
		if (is_number_text(r[C_MIN]))
			parse_number(r[C_MIN], &f->min);
		if (is_number_text(r[C_MAX]))
			parse_number(r[C_MAX], &f->max);
		f->choice = 1;
	}
}

int
redcap_draft(const char *name, const char *data, size_t len,
    const char *id, const char *form, struct buf *ini, struct buf *notes,
    char **cause)
{
	struct csv	 c;
	struct draft	 d;
	struct dfield	*f;
	struct buf	 forms, items;
	const char	*const *r, *type, *why = "", *group = NULL;
	const char	*title = NULL;
	char		*a, *pfx = NULL, *when, *s, *p, *q, *e, *cut;
	char		 num[64];
	double		 v, lo, hi;
	size_t		 i, j, k, first = 2;
	int		 caveat, rc = -1, nscores = 0, nitem = 0;

	memset(&d, 0, sizeof(d));
	d.name = name;
	d.ini = ini;
	d.notes = notes;
	buf_init(&forms);
	buf_init(&items);
	if (csv_parse(data, len, &c, &a) == -1) {
		*cause = xasprintf("%s:%s", name, a);
		free(a);
		return -1;
	}
	if (c.nrows == 0 || c.rows[0].n < REDCAP_NCOLS) {
		*cause = xasprintf("%s:1: not a REDCap data dictionary: not "
		    "its %d columns", name, REDCAP_NCOLS);
		goto out;
	}
	for (j = 0; j < REDCAP_NCOLS; j++)
		if (strcmp(c.rows[0].f[j], redcap_columns[j]) != 0) {
			*cause = xasprintf("%s:1: not a REDCap data "
			    "dictionary: column %zu is '%s', not '%s'", name,
			    j + 1, c.rows[0].f[j], redcap_columns[j]);
			goto out;
		}
	for (i = 1; i < c.nrows; i++)
		if (c.rows[i].n < REDCAP_NCOLS) {
			*cause = xasprintf("%s:%d: %zu fields, not %d", name,
			    c.rows[i].line, c.rows[i].n, REDCAP_NCOLS);
			goto out;
		}
	/* The forms, the record id field (row 1) left out. */
	for (i = first; i < c.nrows; i++) {
		r = (const char *const *)c.rows[i].f;
		for (j = first; j < i; j++)
			if (strcmp(c.rows[j].f[C_FORM], r[C_FORM]) == 0)
				break;
		if (j == i)
			buf_printf(&forms, "%s%s", forms.len ? ", " : "",
			    r[C_FORM]);
		if (form == NULL && i > first &&
		    strcmp(r[C_FORM], c.rows[first].f[C_FORM]) != 0)
			form = "";	/* several */
	}
	if (c.nrows <= first) {
		*cause = xasprintf("%s: no field but the record id", name);
		goto out;
	}
	if (form != NULL && *form == '\0') {
		*cause = xasprintf("%s: several forms (%s): name one with "
		    "--form", name, forms.data);
		goto out;
	}
	if (form == NULL)
		form = c.rows[first].f[C_FORM];
	pfx = xasprintf("%s_", form);
	d.f = xcalloc(c.nrows, sizeof(*d.f));
	/* Pass 1: the fields of the form, and their ids. */
	for (i = first; i < c.nrows; i++) {
		r = (const char *const *)c.rows[i].f;
		if (strcmp(r[C_FORM], form) != 0)
			continue;
		f = &d.f[d.nf++];
		f->var = r[C_NAME];
		f->r = r;
		f->line = c.rows[i].line;
		type = r[C_TYPE];
		a = annot(r[C_ANNOT], "item");
		if (a == NULL && strncmp(f->var, pfx, strlen(pfx)) == 0 &&
		    f->var[strlen(pfx)] != '\0')
			a = xstrdup(f->var + strlen(pfx));
		f->id = a != NULL ? a : xstrdup(f->var);
		if ((s = annot(r[C_ANNOT], "session")) != NULL ||
		    (s = annot(r[C_ANNOT], "date")) != NULL ||
		    (s = annot(r[C_ANNOT], "rater")) != NULL) {
			free(s);
			if (r[C_SECTION][0] != '\0')
				title = r[C_SECTION];
			continue;
		}
		if ((s = annot(r[C_ANNOT], "unscored")) != NULL)
			f->unscored = 1;
		free(s);
		s = NULL;
		if (strcmp(type, "radio") == 0 || strcmp(type, "dropdown") ==
		    0 || strcmp(type, "yesno") == 0 || strcmp(type,
		    "truefalse") == 0 || strcmp(type, "notes") == 0 ||
		    strcmp(type, "slider") == 0 || strcmp(type,
		    "checkbox") == 0)
			f->is_item = 1;
		else if (strcmp(type, "text") == 0)
			f->is_item = (s = annot(r[C_ANNOT], "score")) == NULL;
		else if (strcmp(type, "calc") == 0 ||
		    strcmp(type, "descriptive") == 0 ||
		    strcmp(type, "file") == 0 || strcmp(type, "sql") == 0)
			continue;
		else {
			*cause = xasprintf("%s:%d: %s: unknown field type "
			    "'%s'", name, f->line, f->var, type);
			goto out;
		}
		free(s);
		s = NULL;
		if (!f->is_item)
			continue;
		field_range(f);
		if (!is_ident(f->id) || strlen(f->id) > 64) {
			*cause = xasprintf("%s:%d: %s: '%s' cannot be a rater "
			    "item id", name, f->line, f->var, f->id);
			goto out;
		}
		for (j = 0; j + 1 < d.nf; j++)
			if (d.f[j].is_item && strcmp(d.f[j].id, f->id) == 0) {
				*cause = xasprintf("%s:%d: %s: item id %s "
				    "is taken by %s", name, f->line, f->var,
				    f->id, d.f[j].var);
				goto out;
			}
	}
	/* Pass 2: the scores, which mark the items they use. */
	for (i = 0; i < d.nf; i++) {
		f = &d.f[i];
		r = f->r;
		s = NULL;
		if (strcmp(r[C_TYPE], "text") == 0 && !f->is_item &&
		    (s = annot(r[C_ANNOT], "formula")) != NULL) {
			draft_uses(&d, s);
			free(s);
		} else if (strcmp(r[C_TYPE], "calc") == 0 &&
		    (s = annot(r[C_ANNOT], "calc")) == NULL &&
		    (when = draft_calc(&d, r[C_CHOICES], &lo, &hi)) != NULL) {
			draft_uses(&d, when);
			free(when);
		} else
			free(s);
	}
	buf_puts(ini, "; ");
	buf_puts(ini, id);
	buf_printf(ini, ": drafted by rater new --from from the REDCap "
	    "form %s of\n; %s.  Check every item, option and score "
	    "against the published\n; instrument, fill in the TODOs, then "
	    "run rater lint.\n\n[scale]\nid          = %s\ntitle       = ",
	    form, name, id);
	ini_str(&d, title != NULL ? title : form, 0, form);
	buf_puts(ini, "version     = 1\n"
	    "; TODO: patient, clinician or informant\n"
	    "respondent  = clinician\n"
	    "; TODO: the instrument's reference and terms of use\n"
	    "citation    = \"TODO\"\n"
	    "status      = provisional\n"
	    "status_note = \"Drafted from a REDCap data dictionary; "
	    "nothing checked yet.\"\n");
	/* Items, and what did not become one. */
	for (i = 0; i < d.nf; i++) {
		f = &d.f[i];
		r = f->r;
		type = r[C_TYPE];
		/* A section header starts a group (rater's own first row
		 * holds the title instead). */
		if (r[C_SECTION][0] != '\0') {
			if ((s = annot(r[C_ANNOT], "session")) == NULL)
				group = r[C_SECTION];
			free(s);
		}
		if (!f->is_item) {
			if (strcmp(type, "descriptive") == 0) {
				buf_printf(ini, "\n; descriptive text %s: ",
				    f->var);
				ini_str(&d, r[C_LABEL], f->line, f->var);
			} else if (strcmp(type, "calc") == 0 ||
			    strcmp(type, "text") == 0)
				;	/* a score (below), or rater's own */
			else {
				buf_printf(ini, "\n; TODO: field %s (%s) "
				    "has no rater item kind; not drafted\n",
				    f->var, type);
				buf_printf(notes, "%s:%d: %s: a %s field has "
				    "no rater item kind; not drafted\n", name,
				    f->line, f->var, type);
			}
			continue;
		}
		nitem++;
		buf_printf(ini, "\n[item.%s]\ntext    = ", f->id);
		ini_str(&d, r[C_LABEL][0] != '\0' ? r[C_LABEL] : f->var,
		    f->line, f->var);
		if (r[C_NOTE][0] != '\0') {
			buf_puts(ini, "help    = ");
			ini_str(&d, r[C_NOTE], f->line, f->var);
		}
		if (group != NULL) {
			buf_puts(ini, "group   = ");
			ini_str(&d, group, f->line, f->var);
		}
		p = (char *)r[C_QNUM];
		if (*p != '\0' && strspn(p, "0123456789") > 0 &&
		    strspn(p, "0123456789") <= 4 &&
		    (p[strspn(p, "0123456789")] == '\0' ||
		    (isalpha((unsigned char)p[strspn(p, "0123456789")]) &&
		    p[strspn(p, "0123456789") + 1] == '\0')))
			buf_printf(ini, "number  = %s\n", p);
		if (strcmp(type, "radio") == 0 || strcmp(type, "dropdown") ==
		    0 || strcmp(type, "checkbox") == 0) {
			f->choice = 1;
			/* A checkbox is a multi item: several ticked. */
			if (type[0] == 'c')
				buf_puts(ini, "type    = multi\n");
			s = xstrdup(r[C_CHOICES]);
			k = 0;
			for (p = s; p != NULL; p = q) {
				if ((q = strchr(p, '|')) != NULL)
					*q++ = '\0';
				while (*p == ' ')
					p++;
				if ((e = strchr(p, ',')) == NULL) {
					*cause = xasprintf("%s:%d: %s: choice "
					    "'%s' is not 'code, Label'", name,
					    f->line, f->var, p);
					free(s);
					goto out;
				}
				*e++ = '\0';
				for (cut = e + strlen(e); cut > p &&
				    cut[-1] == ' '; cut--)
					cut[-1] = '\0';
				if (parse_number(p, &v) == -1) {
					*cause = xasprintf("%s:%d: %s: choice "
					    "code '%s' is not a number "
					    "(rater's options are numbers)",
					    name, f->line, f->var, p);
					free(s);
					goto out;
				}
				if (k++ == 0 || v < f->min)
					f->min = v;
				if (k == 1 || v > f->max)
					f->max = v;
				while (*e == ' ')
					e++;
				buf_printf(ini, "%s = ", p);
				ini_str(&d, *e != '\0' ? e : p, f->line,
				    f->var);
			}
			free(s);
			if (k == 0) {
				*cause = xasprintf("%s:%d: %s: no choices",
				    name, f->line, f->var);
				goto out;
			}
		} else if (strcmp(type, "yesno") == 0 ||
		    strcmp(type, "truefalse") == 0) {
			f->choice = 1;
			f->min = 0;
			f->max = 1;
			buf_printf(ini, "0 = \"%s\"\n1 = \"%s\"\n",
			    type[0] == 'y' ? "No" : "False",
			    type[0] == 'y' ? "Yes" : "True");
		} else if (strcmp(type, "slider") == 0 ||
		    (strcmp(type, "text") == 0 &&
		    (strcmp(r[C_VALID], "integer") == 0 ||
		    strncmp(r[C_VALID], "number", 6) == 0) &&
		    is_number_text(r[C_MIN]) && is_number_text(r[C_MAX]))) {
			lo = 0;
			hi = 100;
			if (is_number_text(r[C_MIN]))
				parse_number(r[C_MIN], &lo);
			if (is_number_text(r[C_MAX]))
				parse_number(r[C_MAX], &hi);
			f->choice = 1;
			f->min = lo;
			f->max = hi;
			buf_printf(ini, "type    = number\nmin     = %s\n",
			    r[C_MIN][0] != '\0' ? r[C_MIN] : "0");
			buf_printf(ini, "max     = %s\n", r[C_MAX][0] != '\0' ?
			    r[C_MAX] : "100");
			if ((s = annot(r[C_ANNOT], "step")) != NULL) {
				buf_printf(ini, "step    = %s\n", s);
				free(s);
			} else if (strcmp(r[C_VALID], "number") != 0 &&
			    strncmp(r[C_VALID], "number_", 7) == 0) {
				buf_printf(ini, "step    = 0.");
				for (k = 1; k < (size_t)(r[C_VALID][7] - '0');
				    k++)
					buf_putc(ini, '0');
				buf_puts(ini, "1\n");
			} else if (strcmp(r[C_VALID], "number") != 0)
				buf_puts(ini, "step    = 1\n");
		} else {
			if (strcmp(type, "text") == 0 && r[C_VALID][0] != '\0')
			{
				buf_printf(ini, "; TODO: REDCap validated it "
				    "as %s%s; rater takes any text\n",
				    r[C_VALID], r[C_MIN][0] == '\0' &&
				    r[C_VALID][0] != 'd' ? " (no bounds)" :
				    "");
			}
			buf_puts(ini, "type    = text\n");
		}
		if (strcmp(r[C_REQUIRED], "y") == 0) {
			if (f->choice)
				buf_puts(ini, "required = yes\n");
			else
				buf_puts(ini, "; TODO: required in REDCap; "
				    "rater cannot require a text item\n");
		}
		if (f->choice && (f->unscored || !f->used))
			buf_puts(ini, "scored  = no\n");
		if ((s = annot(r[C_ANNOT], "when-not-exported")) != NULL) {
			buf_printf(ini, "when    = %s\n", s);
			free(s);
		} else if (r[C_BRANCH][0] != '\0') {
			if ((when = draft_when(&d, i, r[C_BRANCH], &why,
			    &caveat)) != NULL) {
				if (caveat)
					buf_printf(ini, "; TODO: REDCap "
					    "hides this item while a field "
					    "it reads is blank; rater shows "
					    "it (check): %s\n", r[C_BRANCH]);
				buf_printf(ini, "when    = %s\n", when);
				free(when);
			} else {
				buf_printf(ini, "; TODO: branching logic not "
				    "drafted (%s): %s\n", why, r[C_BRANCH]);
				buf_printf(notes, "%s:%d: %s: branching logic "
				    "not drafted: %s\n", name, f->line,
				    f->var, why);
			}
		}
	}
	if (nitem == 0) {
		*cause = xasprintf("%s: form %s has no field rater can draft "
		    "as an item", name, form);
		goto out;
	}
	/* Scores: rater's own (read-only text with rater:score=), then
	 * calc fields. */
	for (i = 0; i < d.nf; i++) {
		f = &d.f[i];
		r = f->r;
		p = NULL;
		if ((s = annot(r[C_ANNOT], "score")) != NULL &&
		    (p = annot(r[C_ANNOT], "formula")) != NULL) {
			q = annot(r[C_ANNOT], "max");
			e = annot(r[C_ANNOT], "decimals");
			buf_printf(ini, "\n[score.%s]\nlabel    = ", s);
			ini_str(&d, r[C_LABEL], f->line, f->var);
			buf_printf(ini, "formula  = %s\nmin      = %s\n"
			    "max      = %s\n", p, r[C_MIN], q != NULL ? q :
			    r[C_MAX]);
			if (e != NULL && strcmp(e, "0") != 0)
				buf_printf(ini, "decimals = %s\n", e);
			free(p);
			free(q);
			free(e);
			nscores++;
		} else if (strcmp(r[C_TYPE], "calc") == 0 &&
		    (p = annot(r[C_ANNOT], "calc")) == NULL) {
			if ((when = draft_calc(&d, r[C_CHOICES], &lo, &hi)) !=
			    NULL) {
				buf_printf(ini, "\n; REDCap calc field %s\n"
				    "[score.%s]\nlabel    = ", f->var, f->id);
				ini_str(&d, r[C_LABEL], f->line, f->var);
				buf_printf(ini, "formula  = %s\n", when);
				buf_printf(ini, "min      = %s\n", fmt_num(
				    num, sizeof(num), lo));
				buf_printf(ini, "max      = %s\n", fmt_num(
				    num, sizeof(num), hi));
				free(when);
				nscores++;
			} else {
				buf_printf(ini, "\n; TODO: calc field %s not "
				    "drafted as a score (only [a]+[b]+... "
				    "of choice or number items is): %s\n",
				    f->var, r[C_CHOICES]);
				buf_printf(notes, "%s:%d: %s: calc field not "
				    "drafted\n", name, f->line, f->var);
			}
		} else
			free(p);
		free(s);
	}
	if (nscores == 0)
		buf_puts(ini, "\n; TODO: no score was drafted: add the "
		    "instrument's scores (rater-scale(5))\n");
	rc = 0;
out:
	for (i = 0; i < d.nf; i++)
		free(d.f[i].id);
	free(d.f);
	free(pfx);
	buf_free(&forms);
	buf_free(&items);
	csv_free(&c);
	return rc;
}
