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
	if ((k = item_of(sc, id)) < 0 || sc->items[k].type == ITEM_TEXT)
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

int
redcap_scale_is_valid(const struct scale *sc, const char *record_id,
    char **cause)
{
	struct strindex	 names;
	char		**v, *form;
	const char	**who;
	size_t		 i, j, n = 0, max;
	int		 rc = -1;

	form = redcap_form(sc->id);
	if (!(*form >= 'a' && *form <= 'z')) {
		*cause = xasprintf("%s: a REDCap form name must start with a "
		    "letter", sc->id);
		free(form);
		return -1;
	}
	max = 2 + nitems(extras) + sc->nitems + 2 * sc->nscores;
	v = xcalloc(max, sizeof(*v));
	who = xcalloc(max, sizeof(*who));
	/* Every name the form takes, in the order of a collision. */
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
		case ITEM_CHOICE:
			for (j = 0; j < sc->items[i].nopts; j++)
				if (strpbrk(sc->items[i].opts[j].label,
				    "|\r\n") != NULL) {
					*cause = xasprintf("%s: item %s: "
					    "option %s: a REDCap choice label "
					    "cannot hold '|' or a line break",
					    sc->id, sc->items[i].id,
					    sc->items[i].opts[j].key);
					goto out;
				}
			break;
		case ITEM_NUMBER:
		case ITEM_TEXT:
			break;
		default:
			*cause = xasprintf("%s: item %s: its kind cannot be "
			    "written for REDCap by this version of rater",
			    sc->id, sc->items[i].id);
			goto out;
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
	strindex_init(&names, n);
	for (i = 0; i < n; i++) {
		if (strlen(v[i]) > REDCAP_NAME_MAX) {
			*cause = xasprintf("%s: %s: the REDCap field %s is "
			    "longer than %d characters", sc->id, who[i],
			    v[i], REDCAP_NAME_MAX);
			break;
		}
		if (!strindex_add(&names, v[i], i)) {
			j = strindex_find(&names, v[i], strlen(v[i]));
			*cause = xasprintf("%s: %s and %s would both be the "
			    "REDCap field %s", sc->id, who[j], who[i], v[i]);
			break;
		}
	}
	strindex_free(&names);
	if (i == n)
		rc = 0;
out:
	strv_free(v, n);
	free(who);
	free(form);
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

	if (redcap_scale_is_valid(sc, record_id, cause) == -1)
		return -1;
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
			f[C_TYPE] = "radio";
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
    const struct scale *const *scales, size_t n, char **cause)
{
	size_t	 i, j;
	char	*fi, *fj;

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
	row(b, redcap_columns);
	for (i = 0; i < n; i++)
		if (form_rows(b, scales[i], record_id, i == 0, cause) == -1)
			return -1;
	return 0;
}
