/*
 * fhir.c: FHIR R4 resources of scales and sessions (see fhir.h and
 * rater-interop(7)).
 *
 * Questionnaire: one item per scale item (choice, decimal or text, in
 * file order, linkId = the item id), then one read-only decimal item
 * per score.  A choice item's options are Codings of the code system
 * BASE/CodeSystem/SCALE/answers/LIST (LIST: the [choices.*] name, or
 * the item id for inline options), code = the value as written, with
 * the value as its ordinalValue.  An item is `required` only when the
 * scale requires it and no show-if can hide it.
 *
 * QuestionnaireResponse: status completed (amended for revision 2 and
 * up) or in-progress (an incomplete session); an item with a value is
 * answered (valueCoding, valueDecimal, valueString), an item without
 * one (unanswered, na, unk, ref, hidden) is left out; a score with a
 * value is answered with valueDecimal.  Notes ride in extensions.
 *
 * Observation: per score, valueQuantity ({score}) or dataAbsentReason,
 * its bands as interpretation, derivedFrom the response.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "sha256.h"

#define LOINC		"http://loinc.org"
#define UCUM		"http://unitsofmeasure.org"
#define OBS_CATEGORY	"http://terminology.hl7.org/CodeSystem/" \
			"observation-category"
#define DAR		"http://terminology.hl7.org/CodeSystem/" \
			"data-absent-reason"
#define ORDINAL		"http://hl7.org/fhir/StructureDefinition/" \
			"ordinalValue"
#define MINVALUE	"http://hl7.org/fhir/StructureDefinition/minValue"
#define MAXVALUE	"http://hl7.org/fhir/StructureDefinition/maxValue"

/* Where a function started writing: to take it back on failure. */
struct mark {
	size_t	 len;
	int	 depth;
	int	 n;
	int	 user;
};

static void	 mark_set(struct mark *, const struct json_w *);
static int	 mark_fail(struct mark *, struct json_w *, char **,
		    const char *);
static void	 coding(struct json_w *, const char *, const char *,
		    const char *);
static void	 codes(struct json_w *, const char *, const char *,
		    const char *, const char *, const char *);
static void	 ident_ref(struct json_w *, const char *, const char *,
		    const char *, const char *);
static void	 ext_str(struct json_w *, const char *, const char *,
		    const char *);
static void	 ext_dec(struct json_w *, const char *, const char *,
		    double);
static char	*q_version(const struct scale *);
static char	*q_name(const char *);
static const char *opt_code(const struct option *, char *, size_t);
static char	*answer_system(const struct scale *, const struct item *,
		    const char *);
static int	 q_items(struct json_w *, const struct scale *, const char *,
		    char **);
static void	 enable_when(struct json_w *, const struct scale *,
		    const struct item *, const char *);
static int	 qr_write(struct json_w *, const struct session *,
		    const struct scale *, const struct result *,
		    const char *, const char *, char **);
static void	 obs_write(struct json_w *, const struct session *,
		    const struct scale *, const struct result *, size_t,
		    const char *, const char *);

static void
mark_set(struct mark *m, const struct json_w *j)
{
	m->len = j->b->len;
	m->depth = j->depth;
	m->user = j->user;
	m->n = j->depth > 0 && j->depth <= JSON_MAX_DEPTH ?
	    j->n[j->depth - 1] : 0;
}

/* Takes back what was written since m; *cause = why (or the writer's
 * own complaint when why is NULL). */
static int
mark_fail(struct mark *m, struct json_w *j, char **cause, const char *why)
{
	j->b->len = m->len;
	if (j->b->data != NULL)
		j->b->data[m->len] = '\0';
	j->depth = m->depth;
	j->user = m->user;
	if (j->depth > 0 && j->depth <= JSON_MAX_DEPTH)
		j->n[j->depth - 1] = m->n;
	if (cause != NULL)
		*cause = xstrdup(why != NULL ? why : j->why != NULL ? j->why :
		    "not valid UTF-8");
	j->bad = 0;
	free(j->why);
	j->why = NULL;
	return -1;
}

void
fhir_urn(char out[FHIR_URN_LEN], const char *kind, const char *a,
    const char *b)
{
	struct sha256	 ctx;
	unsigned char	 d[SHA256_DIGEST_LEN];
	size_t		 i, k = 0;

	sha256_init(&ctx);
	sha256_update(&ctx, "rater:", 6);
	sha256_update(&ctx, kind, strlen(kind) + 1);
	sha256_update(&ctx, a, strlen(a) + 1);
	if (b != NULL)
		sha256_update(&ctx, b, strlen(b) + 1);
	sha256_final(&ctx, d);
	d[6] = (unsigned char)((d[6] & 0x0f) | 0x80);	/* version 8 */
	d[8] = (unsigned char)((d[8] & 0x3f) | 0x80);	/* RFC variant */
	memcpy(out, "urn:uuid:", 9);
	k = 9;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		snprintf(out + k, 3, "%02x", d[i]);
		k += 2;
	}
	out[k] = '\0';
}

/* A Coding: system, code, display (left out when NULL). */
static void
coding(struct json_w *j, const char *system, const char *code,
    const char *display)
{
	json_obj(j, NULL);
	json_str(j, "system", system);
	json_str(j, "code", code);
	json_str(j, "display", display);
	json_end(j, '}');
}

/* The "code" array of an element: the LOINC code when there is one,
 * then rater's own code. */
static void
codes(struct json_w *j, const char *key, const char *loinc,
    const char *system, const char *code, const char *display)
{
	json_arr(j, key);
	if (loinc != NULL)
		coding(j, LOINC, loinc, NULL);
	coding(j, system, code, display);
	json_end(j, ']');
}

/* A logical Reference: {"identifier": {system, value}}. */
static void
ident_ref(struct json_w *j, const char *key, const char *base,
    const char *what, const char *value)
{
	char	*sys = xasprintf("%s/%s", base, what);

	json_obj(j, key);
	json_obj(j, "identifier");
	json_str(j, "system", sys);
	json_str(j, "value", value);
	json_end(j, '}');
	json_end(j, '}');
	free(sys);
}

static void
ext_str(struct json_w *j, const char *base, const char *name,
    const char *v)
{
	char	*url;

	if (v == NULL || *v == '\0')
		return;
	url = xasprintf("%s/StructureDefinition/%s", base, name);
	json_obj(j, NULL);
	json_str(j, "url", url);
	json_str(j, "valueString", v);
	json_end(j, '}');
	free(url);
}

/* An extension with a decimal value; base NULL: url is a full URL. */
static void
ext_dec(struct json_w *j, const char *base, const char *url, double v)
{
	char	 num[64], *u;

	u = base != NULL ? xasprintf("%s/StructureDefinition/%s", base, url) :
	    xstrdup(url);
	json_obj(j, NULL);
	json_str(j, "url", u);
	json_num(j, "valueDecimal", fmt_num(num, sizeof(num), v));
	json_end(j, '}');
	free(u);
}

/* "1+sha256.<hex>": the version as written and the file's hash. */
static char *
q_version(const struct scale *sc)
{
	return xasprintf("%s+sha256.%s", sc->version != NULL &&
	    *sc->version != '\0' ? sc->version : "0", sc->sha256);
}

/* A machine name (que-0: [A-Z][A-Za-z0-9_]*) from a scale id. */
static char *
q_name(const char *id)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	if (!(*id >= 'a' && *id <= 'z'))
		buf_puts(&b, "Scale_");
	for (p = id; *p != '\0'; p++) {
		if (p == id && *p >= 'a' && *p <= 'z')
			buf_putc(&b, *p - 'a' + 'A');
		else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' &&
		    *p <= '9') || *p == '_')
			buf_putc(&b, *p);
		else
			buf_putc(&b, '_');
	}
	return buf_take(&b);
}

static const char *
opt_code(const struct option *o, char *buf, size_t len)
{
	if (o->key != NULL && *o->key != '\0')
		return o->key;
	return fmt_num(buf, len, o->value);
}

static char *
answer_system(const struct scale *sc, const struct item *it,
    const char *base)
{
	return xasprintf("%s/CodeSystem/%s/answers/%s", base, sc->id,
	    it->choices != NULL ? it->choices : it->id);
}

/*
 * A show-if as enableWhen, when it says exactly the same thing: one
 * comparison "ID OP NUMBER" (OP == < <= > >=) of an item drafted
 * before, or several joined all by `and` or all by `or`; "missing(ID)"
 * and "not missing(ID)" (exists).  A comparison of a choice item
 * becomes one "=" per option that satisfies it (its answerCoding),
 * joined by enableBehavior any, so it cannot share `and`.  Anything
 * else (!=, arithmetic, functions, parentheses) is not written: the
 * item is then always enabled in FHIR, and a response that leaves it
 * out when rater hid it is still valid (it is never required).
 */
struct cond {
	const struct item *it;
	int		 op;		/* 'e' ==, '<', 'l' <=, '>', 'g' >=,
					   'x' exists, 'm' missing */
	double		 v;
	char		 num[32];
};

static int
cond_holds(int op, double a, double b)
{
	switch (op) {
	case 'e':
		return num_eq(a, b);
	case '<':
		return a < b && !num_eq(a, b);
	case 'l':
		return a < b || num_eq(a, b);
	case '>':
		return a > b && !num_eq(a, b);
	default:
		return a > b || num_eq(a, b);
	}
}

static void
enable_when(struct json_w *j, const struct scale *sc, const struct item *it,
    const char *base)
{
	struct cond	 c[16];
	const char	*p, *q;
	char		 id[80], *asys, num[64];
	size_t		 n = 0, k, o, ncodes = 0;
	int		 join = 0;	/* 'a' and, 'o' or */
	long		 idx;

	if (it->when_src == NULL)
		return;
	for (p = it->when_src;;) {
		int	 neg = 0, fn = 0;

		while (*p == ' ')
			p++;
		if (n == nitems(c))
			return;
		if (strncmp(p, "not ", 4) == 0) {
			neg = 1;
			p += 4;
			while (*p == ' ')
				p++;
		}
		if (strncmp(p, "missing(", 8) == 0) {
			fn = 1;
			p += 8;
		} else if (neg)
			return;
		for (q = p; (*q >= 'a' && *q <= 'z') || (*q >= '0' &&
		    *q <= '9') || *q == '_'; q++)
			;
		if (q == p || (size_t)(q - p) >= sizeof(id))
			return;
		memcpy(id, p, (size_t)(q - p));
		id[q - p] = '\0';
		if ((idx = scale_item_index(sc, id)) < 0 ||
		    &sc->items[idx] >= it || sc->items[idx].type == ITEM_TEXT)
			return;
		c[n].it = &sc->items[idx];
		p = q;
		while (*p == ' ')
			p++;
		if (fn) {
			if (*p != ')')
				return;
			p++;
			c[n].op = neg ? 'x' : 'm';
		} else {
			if (strncmp(p, "==", 2) == 0)
				c[n].op = 'e', p += 2;
			else if (strncmp(p, "<=", 2) == 0)
				c[n].op = 'l', p += 2;
			else if (strncmp(p, ">=", 2) == 0)
				c[n].op = 'g', p += 2;
			else if (*p == '<' || *p == '>')
				c[n].op = *p++;
			else
				return;
			while (*p == ' ')
				p++;
			for (q = p; (*q >= '0' && *q <= '9') || *q == '.' ||
			    *q == '-'; q++)
				;
			if (q == p || (size_t)(q - p) >= sizeof(c[n].num))
				return;
			memcpy(c[n].num, p, (size_t)(q - p));
			c[n].num[q - p] = '\0';
			if (parse_number(c[n].num, &c[n].v) == -1)
				return;
			p = q;
			if (c[n].it->type == ITEM_CHOICE)
				for (o = 0; o < c[n].it->nopts; o++)
					ncodes += cond_holds(c[n].op,
					    c[n].it->opts[o].value, c[n].v);
		}
		n++;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (strncmp(p, "and ", 4) == 0 && join != 'o')
			join = 'a', p += 4;
		else if (strncmp(p, "or ", 3) == 0 && join != 'a')
			join = 'o', p += 3;
		else
			return;
	}
	/* A choice comparison is an "or" of its options. */
	for (k = 0; k < n; k++)
		if (c[k].it->type == ITEM_CHOICE && c[k].op != 'x' &&
		    c[k].op != 'm' && (join == 'a' || ncodes == 0))
			return;
	json_arr(j, "enableWhen");
	for (k = 0; k < n; k++) {
		if (c[k].op == 'x' || c[k].op == 'm') {
			json_obj(j, NULL);
			json_str(j, "question", c[k].it->id);
			json_str(j, "operator", "exists");
			json_bool(j, "answerBoolean", c[k].op == 'x');
			json_end(j, '}');
			continue;
		}
		if (c[k].it->type == ITEM_NUMBER) {
			json_obj(j, NULL);
			json_str(j, "question", c[k].it->id);
			json_str(j, "operator", c[k].op == 'e' ? "=" :
			    c[k].op == 'l' ? "<=" : c[k].op == 'g' ? ">=" :
			    c[k].op == '<' ? "<" : ">");
			json_num(j, "answerDecimal", fmt_num(num, sizeof(num),
			    c[k].v));
			json_end(j, '}');
			continue;
		}
		asys = answer_system(sc, c[k].it, base);
		for (o = 0; o < c[k].it->nopts; o++) {
			if (!cond_holds(c[k].op, c[k].it->opts[o].value,
			    c[k].v))
				continue;
			json_obj(j, NULL);
			json_str(j, "question", c[k].it->id);
			json_str(j, "operator", "=");
			json_obj(j, "answerCoding");
			json_str(j, "system", asys);
			json_str(j, "code", opt_code(&c[k].it->opts[o], num,
			    sizeof(num)));
			json_end(j, '}');
			json_end(j, '}');
		}
		free(asys);
	}
	json_end(j, ']');
	if (n > 1 || ncodes > 1)
		json_str(j, "enableBehavior", join == 'a' ? "all" : "any");
}

/* The items of a Questionnaire: the scale's items, then its scores. */
static int
q_items(struct json_w *j, const struct scale *sc, const char *base,
    char **cause)
{
	const struct item *it;
	const struct score *score;
	char		*sys, *asys, num[64];
	size_t		 i, k;

	sys = xasprintf("%s/CodeSystem/%s", base, sc->id);
	json_arr(j, "item");
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		json_obj(j, NULL);
		if (it->type == ITEM_NUMBER) {
			json_arr(j, "extension");
			if (it->min == it->min)
				ext_dec(j, NULL, MINVALUE, it->min);
			if (it->max == it->max)
				ext_dec(j, NULL, MAXVALUE, it->max);
			if (it->step > 0)
				ext_dec(j, base, "step", it->step);
			json_end(j, ']');
		}
		json_str(j, "linkId", it->id);
		codes(j, "code", it->loinc, sys, it->id, NULL);
		json_str(j, "prefix", it->number);
		json_str(j, "text", it->text);
		switch (it->type) {
		case ITEM_CHOICE:
			json_str(j, "type", "choice");
			break;
		case ITEM_MULTI:
			/* Several options in one answer. */
			json_str(j, "type", "choice");
			json_bool(j, "repeats", 1);
			break;
		case ITEM_NUMBER:
			json_str(j, "type", "decimal");
			break;
		case ITEM_TEXT:
			json_str(j, "type", "text");
			break;
		default:
			*cause = xasprintf("item %s: its type cannot be "
			    "written as FHIR", it->id);
			free(sys);
			return -1;
		}
		if (it->required && it->when == NULL)
			json_bool(j, "required", 1);
		enable_when(j, sc, it, base);
		if ((it->type == ITEM_CHOICE || it->type == ITEM_MULTI) &&
		    it->nopts > 0) {
			asys = answer_system(sc, it, base);
			json_arr(j, "answerOption");
			for (k = 0; k < it->nopts; k++) {
				json_obj(j, NULL);
				json_arr(j, "extension");
				ext_dec(j, NULL, ORDINAL, it->opts[k].value);
				json_end(j, ']');
				json_obj(j, "valueCoding");
				json_str(j, "system", asys);
				json_str(j, "code", opt_code(&it->opts[k], num,
				    sizeof(num)));
				json_str(j, "display", it->opts[k].label);
				json_end(j, '}');
				json_end(j, '}');
			}
			json_end(j, ']');
			free(asys);
		}
		json_end(j, '}');
	}
	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		json_obj(j, NULL);
		json_str(j, "linkId", score->id);
		codes(j, "code", score->loinc, sys, score->id, NULL);
		json_str(j, "text", score->label != NULL ? score->label :
		    score->id);
		json_str(j, "type", score->type == SCORE_CODE ? "string" :
		    "decimal");
		json_bool(j, "readOnly", 1);
		json_end(j, '}');
	}
	json_end(j, ']');
	free(sys);
	return 0;
}

int
fhir_questionnaire(struct json_w *j, const struct scale *sc,
    const char *base, char **cause)
{
	struct mark	 m;
	char		*url, *ver, *name, *sys;
	const char	*what;

	mark_set(&m, j);
	what = j->what;
	j->what = sc->id;
	url = xasprintf("%s/Questionnaire/%s", base, sc->id);
	ver = q_version(sc);
	name = q_name(sc->id);
	sys = xasprintf("%s/CodeSystem/scales", base);
	json_obj(j, NULL);
	json_str(j, "resourceType", "Questionnaire");
	json_str(j, "url", url);
	json_str(j, "version", ver);
	json_str(j, "name", name);
	json_str(j, "title", sc->title != NULL ? sc->title : sc->id);
	json_str(j, "status", sc->status != NULL &&
	    strcmp(sc->status, "verified") == 0 ? "active" : "draft");
	json_arr(j, "subjectType");
	json_str(j, NULL, "Patient");
	json_end(j, ']');
	json_str(j, "description", sc->instructions);
	json_str(j, "copyright", sc->license);
	codes(j, "code", sc->loinc, sys, sc->id, sc->title);
	free(url);
	free(ver);
	free(name);
	free(sys);
	if (q_items(j, sc, base, cause) == -1) {
		j->what = what;
		what = *cause;
		mark_fail(&m, j, cause, what);
		free((char *)what);
		return -1;
	}
	json_end(j, '}');
	j->what = what;
	if (j->bad)
		return mark_fail(&m, j, cause, NULL);
	return 0;
}

/* j->user: 1 a Bundle is open, 2 and its "entry" array too. */
void
fhir_bundle_open(struct json_w *j)
{
	json_obj(j, NULL);
	json_str(j, "resourceType", "Bundle");
	json_str(j, "type", "collection");
	j->user = 1;
}

void
fhir_bundle_close(struct json_w *j)
{
	if (j->user == 2)
		json_end(j, ']');
	json_end(j, '}');
	buf_putc(j->b, '\n');
	j->user = 0;
}

static void
bundle_entries(struct json_w *j)
{
	if (j->user == 1) {
		json_arr(j, "entry");
		j->user = 2;
	}
}

int
fhir_questionnaire_entry(struct json_w *j, const struct scale *sc,
    const char *base, char **cause)
{
	struct mark	 m;
	char		 urn[FHIR_URN_LEN], *why;

	mark_set(&m, j);
	bundle_entries(j);
	fhir_urn(urn, "Questionnaire", sc->id, sc->sha256);
	json_obj(j, NULL);
	json_str(j, "fullUrl", urn);
	json_key(j, "resource");
	if (fhir_questionnaire(j, sc, base, cause) == -1) {
		why = *cause;
		mark_fail(&m, j, cause, why);
		free(why);
		return -1;
	}
	json_end(j, '}');
	return 0;
}

/* Whether an item is answered in the response (it has a value and is
 * shown). */
static int
answered(const struct session *s, const struct result *r, size_t i)
{
	enum answer_kind k = s->answers[i].kind;

	if (!result_item_shown(r, i))
		return 0;
	if (k == ANS_TEXT)
		return s->answers[i].text != NULL &&
		    *s->answers[i].text != '\0';
	/* A multi item with nothing ticked has no answer to give: FHIR
	 * has no empty answer, so the item is left out. */
	if (k == ANS_VALUE && s->answers[i].text != NULL &&
	    strcmp(s->answers[i].text, "none") == 0)
		return 0;
	return k == ANS_VALUE;
}

static const char *
qr_status(const struct session *s)
{
	if (s->status == NULL || strcmp(s->status, "complete") != 0)
		return "in-progress";
	return s->revision > 1 ? "amended" : "completed";
}

static int
qr_write(struct json_w *j, const struct session *s, const struct scale *sc,
    const struct result *r, const char *base, const char *urn,
    char **cause)
{
	const struct item *it;
	const struct option *o;
	const struct val *v;
	char		*canon, *ver, *asys, num[64];
	size_t		 i, k, nnotes = 0;
	int		 any;

	(void)urn;
	ver = q_version(sc);
	canon = xasprintf("%s/Questionnaire/%s|%s", base, sc->id, ver);
	free(ver);
	json_obj(j, NULL);
	json_str(j, "resourceType", "QuestionnaireResponse");
	for (i = 0; i < s->nitems; i++)
		if (s->notes[i] != NULL && *s->notes[i] != '\0')
			nnotes++;
	if ((s->visit != NULL && *s->visit != '\0') || s->revision > 1 ||
	    nnotes > 0)
		json_arr(j, "extension");
	ext_str(j, base, "visit", s->visit);
	if (s->revision > 1) {
		json_obj(j, NULL);
		{
			char *u = xasprintf("%s/StructureDefinition/revision",
			    base);

			json_str(j, "url", u);
			free(u);
		}
		json_int(j, "valueInteger", s->revision);
		json_end(j, '}');
		ext_str(j, base, "replaces", s->replaces);
		ext_str(j, base, "amendment-reason", s->reason);
		ext_str(j, base, "amended-by", s->amended_by);
		ext_str(j, base, "resolves", s->resolves);
	}
	for (i = 0; i < s->nitems; i++) {
		char	*u;

		if (s->notes[i] == NULL || *s->notes[i] == '\0')
			continue;
		u = xasprintf("%s/StructureDefinition/item-note", base);
		json_obj(j, NULL);
		json_arr(j, "extension");
		json_obj(j, NULL);
		json_str(j, "url", "linkId");
		json_str(j, "valueString", s->item_ids[i]);
		json_end(j, '}');
		json_obj(j, NULL);
		json_str(j, "url", "text");
		json_str(j, "valueString", s->notes[i]);
		json_end(j, '}');
		json_end(j, ']');
		json_str(j, "url", u);
		json_end(j, '}');
		free(u);
	}
	if ((s->visit != NULL && *s->visit != '\0') || s->revision > 1 ||
	    nnotes > 0)
		json_end(j, ']');
	json_obj(j, "identifier");
	{
		char *sys = xasprintf("%s/session", base);

		json_str(j, "system", sys);
		free(sys);
	}
	json_str(j, "value", s->id);
	json_end(j, '}');
	json_str(j, "questionnaire", canon);
	free(canon);
	json_str(j, "status", qr_status(s));
	ident_ref(j, "subject", base, "patient", s->patient);
	json_str(j, "authored", s->assessed);
	if (s->rater != NULL && *s->rater != '\0')
		ident_ref(j, "author", base, "rater", s->rater);
	if (sc->respondent != NULL && strcmp(sc->respondent, "patient") == 0)
		ident_ref(j, "source", base, "patient", s->patient);
	else if (s->rater != NULL && *s->rater != '\0')
		ident_ref(j, "source", base, "rater", s->rater);
	any = 0;
	for (i = 0; i < sc->nitems && !any; i++)
		any = answered(s, r, i);
	for (i = 0; i < sc->nscores && !any; i++)
		any = result_score(r, i)->kind == VAL_NUM;
	if (any)
		json_arr(j, "item");
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		if (!answered(s, r, i))
			continue;
		json_obj(j, NULL);
		json_str(j, "linkId", it->id);
		json_arr(j, "answer");
		if (it->type == ITEM_MULTI) {
			/* One valueCoding per option ticked. */
			asys = answer_system(sc, it, base);
			for (k = 0; k < it->nopts; k++) {
				if (!expr_set_has(s->answers[i].text,
				    it->opts[k].value))
					continue;
				json_obj(j, NULL);
				json_obj(j, "valueCoding");
				json_str(j, "system", asys);
				json_str(j, "code", opt_code(&it->opts[k],
				    num, sizeof(num)));
				json_str(j, "display", it->opts[k].label);
				json_end(j, '}');
				json_end(j, '}');
			}
			free(asys);
			json_end(j, ']');
			json_end(j, '}');
			continue;
		}
		json_obj(j, NULL);
		switch (it->type) {
		case ITEM_CHOICE:
			o = NULL;
			for (k = 0; k < it->nopts; k++)
				if (num_eq(it->opts[k].value,
				    s->answers[i].value))
					o = &it->opts[k];
			if (o == NULL) {
				*cause = xasprintf("item %s: %s is not one of "
				    "its options", it->id, fmt_num(num,
				    sizeof(num), s->answers[i].value));
				return -1;
			}
			asys = answer_system(sc, it, base);
			json_obj(j, "valueCoding");
			json_str(j, "system", asys);
			json_str(j, "code", opt_code(o, num, sizeof(num)));
			json_str(j, "display", o->label);
			json_end(j, '}');
			free(asys);
			break;
		case ITEM_NUMBER:
			json_num(j, "valueDecimal", fmt_num(num, sizeof(num),
			    s->answers[i].value));
			break;
		case ITEM_TEXT:
			json_str(j, "valueString", s->answers[i].text);
			break;
		default:
			*cause = xasprintf("item %s: its type cannot be "
			    "written as FHIR", it->id);
			return -1;
		}
		json_end(j, '}');
		json_end(j, ']');
		json_end(j, '}');
	}
	for (i = 0; i < sc->nscores; i++) {
		v = result_score(r, i);
		if (v->kind != VAL_NUM)
			continue;
		json_obj(j, NULL);
		json_str(j, "linkId", sc->scores[i].id);
		json_arr(j, "answer");
		json_obj(j, NULL);
		/* A code keeps its leading zeros: a string, not a number. */
		if (sc->scores[i].type == SCORE_CODE)
			json_str(j, "valueString", score_format(
			    &sc->scores[i], v, num, sizeof(num)));
		else
			json_num(j, "valueDecimal", score_format(
			    &sc->scores[i], v, num, sizeof(num)));
		json_end(j, '}');
		json_end(j, ']');
		json_end(j, '}');
	}
	if (any)
		json_end(j, ']');
	json_end(j, '}');
	return 0;
}

static void
obs_write(struct json_w *j, const struct session *s, const struct scale *sc,
    const struct result *r, size_t i, const char *base, const char *qrurn)
{
	const struct score *score = &sc->scores[i];
	const struct val *v = result_score(r, i);
	const struct bandset *bs;
	const char	*band, *st;
	char		*sys, *text, num[64], basis[64];
	size_t		 k, b;

	st = qr_status(s);
	sys = xasprintf("%s/CodeSystem/%s", base, sc->id);
	text = xasprintf("%s: %s", sc->title != NULL ? sc->title : sc->id,
	    score->label != NULL ? score->label : score->id);
	json_obj(j, NULL);
	json_str(j, "resourceType", "Observation");
	json_str(j, "status", strcmp(st, "completed") == 0 ? "final" :
	    strcmp(st, "amended") == 0 ? "amended" : "preliminary");
	json_arr(j, "category");
	json_obj(j, NULL);
	json_arr(j, "coding");
	coding(j, OBS_CATEGORY, "survey", NULL);
	json_end(j, ']');
	json_end(j, '}');
	json_end(j, ']');
	json_obj(j, "code");
	codes(j, "coding", score->loinc, sys, score->id, score->label);
	json_str(j, "text", text);
	json_end(j, '}');
	ident_ref(j, "subject", base, "patient", s->patient);
	json_str(j, "effectiveDateTime", s->assessed);
	json_str(j, "issued", s->finished);
	if (s->rater != NULL && *s->rater != '\0') {
		json_arr(j, "performer");
		ident_ref(j, NULL, base, "rater", s->rater);
		json_end(j, ']');
	}
	if (v->kind == VAL_NUM && score->type == SCORE_CODE)
		json_str(j, "valueString", score_format(score, v, num,
		    sizeof(num)));
	else if (v->kind == VAL_NUM) {
		json_obj(j, "valueQuantity");
		json_num(j, "value", score_format(score, v, num,
		    sizeof(num)));
		json_str(j, "unit", "{score}");
		json_str(j, "system", UCUM);
		json_str(j, "code", "{score}");
		json_end(j, '}');
	} else {
		json_obj(j, "dataAbsentReason");
		json_arr(j, "coding");
		if (r->errs[i] != EXPR_OK)
			coding(j, DAR, "error", "Error");
		else
			coding(j, DAR, "unknown", "Unknown");
		json_end(j, ']');
		json_end(j, '}');
	}
	if (v->kind == VAL_NUM && score->nbandsets > 0) {
		json_arr(j, "interpretation");
		for (k = 0; k < score->nbandsets; k++) {
			bs = &sc->bandsets[score->bandsets[k]];
			band = result_band(sc, r, i, k);
			if (band == NULL)
				continue;
			for (b = 0; b < bs->nbands; b++)
				if (bs->bands[b].label == band)
					break;
			json_obj(j, NULL);
			json_arr(j, "coding");
			{
				char *bsys = xasprintf("%s/CodeSystem/%s/"
				    "bands/%s", base, sc->id, bs->id);

				coding(j, bsys, b < bs->nbands ? fmt_num(num,
				    sizeof(num), bs->bands[b].lower) : band,
				    band);
				free(bsys);
			}
			json_end(j, ']');
			json_str(j, "text", band);
			json_end(j, '}');
		}
		json_end(j, ']');
	}
	if (result_basis(r, i, basis, sizeof(basis)) > BASIS_COMPLETE) {
		json_arr(j, "note");
		json_obj(j, NULL);
		json_str(j, "text", basis);
		json_end(j, '}');
		json_end(j, ']');
	}
	json_arr(j, "derivedFrom");
	json_obj(j, NULL);
	json_str(j, "reference", qrurn);
	json_end(j, '}');
	json_end(j, ']');
	json_end(j, '}');
	free(sys);
	free(text);
}

/* {"fullUrl": urn, "resource": ...: the resource comes next. */
static void
entry_open(struct json_w *j, const char *urn)
{
	json_obj(j, NULL);
	json_str(j, "fullUrl", urn);
	json_key(j, "resource");
}

int
fhir_session_entries(struct json_w *j, const struct session *s,
    const struct scale *sc, const struct result *r, const char *base,
    char **cause)
{
	struct mark	 m;
	char		 qrurn[FHIR_URN_LEN], urn[FHIR_URN_LEN];
	char		*why = NULL;
	const char	*what = j->what;
	size_t		 i;

	mark_set(&m, j);
	bundle_entries(j);
	j->what = s->id;
	fhir_urn(qrurn, "QuestionnaireResponse", s->id, NULL);
	entry_open(j, qrurn);
	if (qr_write(j, s, sc, r, base, qrurn, &why) == -1) {
		j->what = what;
		*cause = xasprintf("%s: %s", s->id, why);
		free(why);
		why = *cause;
		mark_fail(&m, j, cause, why);
		free(why);
		return -1;
	}
	json_end(j, '}');
	for (i = 0; i < sc->nscores; i++) {
		fhir_urn(urn, "Observation", s->id, sc->scores[i].id);
		entry_open(j, urn);
		obs_write(j, s, sc, r, i, base, qrurn);
		json_end(j, '}');
	}
	j->what = what;
	if (j->bad)
		return mark_fail(&m, j, cause, NULL);
	return 0;
}
