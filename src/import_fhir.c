/*
 * import_fhir.c: a scale file drafted from a FHIR R4 Questionnaire (see
 * import_fhir.h and rater-interop(7)).
 *
 * Items are taken in order, groups flattened (their text becomes the
 * items' `group`).  linkIds become item ids: lower case, [a-z0-9_], a
 * leading 'q' when they do not start with a letter, _2, _3 ... on a
 * clash; the original is kept in a comment when it differs.
 *
 *	choice, open-choice	a choice item; an option's value is its
 *				ordinalValue (or itemWeight) extension,
 *				else its code when that is a number, else
 *				its position (with a TODO); its label the
 *				display (else the code).  Options coded in
 *				BASE/CodeSystem/S/answers/LIST become a
 *				shared [choices.LIST].
 *	boolean			a choice, 0 = "No", 1 = "Yes"
 *	integer, decimal	a number item: min and max from the minValue
 *				and maxValue extensions (a TODO without),
 *				step 1 for integer, else rater's step
 *				extension when present
 *	string, text		a text item
 *	display			a comment
 *	group			its items, with group = its text
 *	read-only items		a TODO: a score is written by hand
 *	anything else		an error naming the linkId and the type
 *
 * enableWhen becomes `when` when every condition compares an item
 * drafted before it (exists, =, !=, <, <=, >, >=) with a coding among
 * its options, a number or a boolean; conditions are joined by `and`
 * (enableBehavior all) or `or` (any).  Otherwise a TODO keeps the
 * condition in words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_fhir.h"
#include "json.h"

#define EXT_ORDINAL	"http://hl7.org/fhir/StructureDefinition/ordinalValue"
#define EXT_WEIGHT	"http://hl7.org/fhir/StructureDefinition/itemWeight"
#define EXT_MIN		"http://hl7.org/fhir/StructureDefinition/minValue"
#define EXT_MAX		"http://hl7.org/fhir/StructureDefinition/maxValue"
#define LOINC		"http://loinc.org"

enum kind {
	K_CHOICE,
	K_BOOL,
	K_NUMBER,
	K_TEXT,
	K_DISPLAY,
	K_READONLY
};

struct opt {
	char	*value;			/* as it will be written */
	char	*label;
	const char *system, *code;	/* borrowed from the JSON */
};

struct imp_item {
	const struct json_val *q;	/* borrowed */
	const char	*link;		/* linkId, borrowed */
	char		*id;
	char		*group;		/* borrowed text or NULL */
	enum kind	 kind;
	struct opt	*opts;
	size_t		 nopts;
	int		 numbered;	/* values made from positions */
	char		*list;		/* shared [choices.*] name, or NULL */
	int		 multi;		/* a choice that repeats */
};

struct imp {
	const char	*name;
	struct diag	*d;
	int		 errors;
	struct imp_item	*items;
	size_t		 n, cap;
};

static void	 collect(struct imp *, const struct json_val *, const char *);
static void	 put_value(struct buf *, const char *, const char *);
static void	 put_comment(struct buf *, const char *, const char *);

static void
imp_err(struct imp *m, int line, const char *fmt, const char *a,
    const char *b)
{
	diag_add(m->d, DIAG_ERROR, m->name, line, fmt, a != NULL ? a : "",
	    b != NULL ? b : "");
	m->errors++;
}

/* An item id from a linkId (see the top). */
static char *
make_id(struct imp *m, const char *link)
{
	struct buf	 b;
	const char	*p;
	char		*id, *try;
	size_t		 i, k;

	buf_init(&b);
	if (!((*link >= 'a' && *link <= 'z') || (*link >= 'A' &&
	    *link <= 'Z')))
		buf_putc(&b, 'q');
	for (p = link; *p != '\0' && b.len < 48; p++) {
		if (*p >= 'A' && *p <= 'Z')
			buf_putc(&b, *p - 'A' + 'a');
		else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' &&
		    *p <= '9'))
			buf_putc(&b, *p);
		else if (b.len > 0 && b.data[b.len - 1] != '_')
			buf_putc(&b, '_');
	}
	while (b.len > 1 && b.data[b.len - 1] == '_')
		b.data[--b.len] = '\0';
	id = buf_take(&b);
	for (k = 1;; k++) {
		try = k == 1 ? xstrdup(id) : xasprintf("%s_%zu", id, k);
		for (i = 0; i < m->n; i++)
			if (strcmp(m->items[i].id, try) == 0)
				break;
		if (i == m->n) {
			free(id);
			return try;
		}
		free(try);
	}
}

/* A number extension of v (its url) as text, or NULL. */
static const char *
ext_number(const struct json_val *v, const char *url, const char *suffix)
{
	const struct json_val *ext = json_get(v, "extension"), *x, *val;
	const char	*u;
	size_t		 i, n;

	if (ext == NULL || ext->type != JSON_ARRAY)
		return NULL;
	for (i = 0; i < ext->n; i++) {
		x = &ext->elems[i];
		if ((u = json_get_str(x, "url")) == NULL)
			continue;
		n = strlen(u);
		if (!(url != NULL && strcmp(u, url) == 0) &&
		    !(suffix != NULL && n > strlen(suffix) &&
		    strcmp(u + n - strlen(suffix), suffix) == 0))
			continue;
		if ((val = json_get(x, "valueDecimal")) == NULL)
			val = json_get(x, "valueInteger");
		if (val != NULL && val->type == JSON_NUMBER)
			return val->text;
	}
	return NULL;
}

static int
is_number(const char *s)
{
	double	 v;

	return s != NULL && parse_number(s, &v) == 0;
}

/* The list name of .../answers/NAME, when NAME is an identifier. */
static char *
list_name(const char *system)
{
	const char	*p;

	if (system == NULL || (p = strstr(system, "/answers/")) == NULL)
		return NULL;
	p += strlen("/answers/");
	return is_ident(p) ? xstrdup(p) : NULL;
}

static void
add_opt(struct imp_item *it, char *value, const char *label,
    const char *system, const char *code)
{
	it->opts = xreallocarray(it->opts, it->nopts + 1, sizeof(*it->opts));
	it->opts[it->nopts].value = value;
	it->opts[it->nopts].label = xstrdup(label);
	it->opts[it->nopts].system = system;
	it->opts[it->nopts].code = code;
	it->nopts++;
}

static void
choice_options(struct imp *m, struct imp_item *it)
{
	const struct json_val *ao = json_get(it->q, "answerOption"), *o, *c;
	const char	*v, *code, *label, *sys0 = NULL;
	char		 num[32];
	size_t		 i;
	int		 same = 1;

	if (ao == NULL || ao->type != JSON_ARRAY) {
		if (json_get(it->q, "answerValueSet") != NULL)
			imp_err(m, it->q->line, "item %s: its options are a "
			    "value set (%s): list them as answerOption",
			    it->link, json_get_str(it->q, "answerValueSet"));
		else
			imp_err(m, it->q->line, "item %s: a choice without "
			    "answerOption%s", it->link, NULL);
		return;
	}
	for (i = 0; i < ao->n; i++) {
		o = &ao->elems[i];
		snprintf(num, sizeof(num), "%zu", i);
		if ((c = json_get(o, "valueCoding")) != NULL) {
			code = json_get_str(c, "code");
			label = json_get_str(c, "display");
			if (label == NULL)
				label = code;
			if ((v = ext_number(o, EXT_ORDINAL, NULL)) == NULL &&
			    (v = ext_number(c, EXT_ORDINAL, NULL)) == NULL &&
			    (v = ext_number(o, EXT_WEIGHT, NULL)) == NULL &&
			    (v = ext_number(c, EXT_WEIGHT, NULL)) == NULL &&
			    is_number(code))
				v = code;
			if (v == NULL) {
				v = num;
				it->numbered = 1;
			}
			if (label == NULL) {
				imp_err(m, o->line, "item %s: an option "
				    "without code or display%s", it->link,
				    NULL);
				continue;
			}
			if (i == 0)
				sys0 = json_get_str(c, "system");
			else if (sys0 == NULL || json_get_str(c, "system") ==
			    NULL || strcmp(sys0, json_get_str(c,
			    "system")) != 0)
				same = 0;
			add_opt(it, xstrdup(v), label, json_get_str(c,
			    "system"), code);
		} else if ((c = json_get(o, "valueInteger")) != NULL &&
		    c->type == JSON_NUMBER) {
			add_opt(it, xstrdup(c->text), c->text, NULL, NULL);
			same = 0;
		} else if ((label = json_get_str(o, "valueString")) != NULL) {
			add_opt(it, xstrdup(num), label, NULL, NULL);
			it->numbered = 1;
			same = 0;
		} else
			imp_err(m, o->line, "item %s: an option that is not "
			    "a Coding, an integer or a string%s", it->link,
			    NULL);
	}
	if (same && sys0 != NULL && (it->list = list_name(sys0)) != NULL &&
	    strcmp(it->list, it->id) == 0) {
		free(it->list);		/* the item's own options */
		it->list = NULL;
	}
}

static void
collect(struct imp *m, const struct json_val *items, const char *group)
{
	const struct json_val *q, *rep, *ro;
	struct imp_item	*it;
	const char	*type, *link;
	size_t		 i;

	if (items == NULL)
		return;
	if (items->type != JSON_ARRAY) {
		imp_err(m, items->line, "item is not an array%s%s", NULL,
		    NULL);
		return;
	}
	for (i = 0; i < items->n; i++) {
		q = &items->elems[i];
		type = json_get_str(q, "type");
		link = json_get_str(q, "linkId");
		if (link == NULL || type == NULL) {
			imp_err(m, q->line, "an item without %s%s", link ==
			    NULL ? "linkId" : "type", NULL);
			continue;
		}
		if (strcmp(type, "group") == 0) {
			const char *t = json_get_str(q, "text");

			collect(m, json_get(q, "item"), t != NULL ? t :
			    group);
			continue;
		}
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 16;
			m->items = xreallocarray(m->items, m->cap,
			    sizeof(*m->items));
		}
		it = &m->items[m->n];
		memset(it, 0, sizeof(*it));
		it->q = q;
		it->link = link;
		it->group = (char *)group;
		it->id = make_id(m, link);
		m->n++;
		rep = json_get(q, "repeats");
		ro = json_get(q, "readOnly");
		if (strcmp(type, "display") == 0)
			it->kind = K_DISPLAY;
		else if (ro != NULL && ro->type == JSON_BOOL && ro->boolean)
			it->kind = K_READONLY;
		else if (rep != NULL && rep->type == JSON_BOOL &&
		    rep->boolean && strcmp(type, "choice") == 0) {
			/* Several options in one answer: a multi item. */
			it->kind = K_CHOICE;
			it->multi = 1;
			choice_options(m, it);
		} else if (rep != NULL && rep->type == JSON_BOOL &&
		    rep->boolean)
			imp_err(m, q->line, "item %s: repeats (several "
			    "answers to one %s item) cannot be rated by "
			    "rater", link, type);
		else if (strcmp(type, "choice") == 0 ||
		    strcmp(type, "open-choice") == 0) {
			it->kind = K_CHOICE;
			choice_options(m, it);
		} else if (strcmp(type, "boolean") == 0)
			it->kind = K_BOOL;
		else if (strcmp(type, "integer") == 0 ||
		    strcmp(type, "decimal") == 0)
			it->kind = K_NUMBER;
		else if (strcmp(type, "string") == 0 ||
		    strcmp(type, "text") == 0)
			it->kind = K_TEXT;
		else
			imp_err(m, q->line, "item %s: type %s cannot be "
			    "rated by rater (it rates choice, boolean, "
			    "integer, decimal, string and text items)", link,
			    type);
	}
}

/* key = "value": quoted so that ; and # stay; control characters become
 * spaces; a value holding " is put in single quotes (iniparser 4.1 has
 * no escapes), and one holding both quotes gets ' for " (said in a
 * TODO); a value too long for one line is cut (a TODO too). */
static void
put_value(struct buf *b, const char *key, const char *v)
{
	struct buf	 t;
	const char	*p;
	int		 dq = 0, sq = 0, cut = 0;
	char		 q;

	buf_init(&t);
	for (p = v; *p != '\0'; p++) {
		if (t.len >= 900 && ((unsigned char)*p & 0xc0) != 0x80) {
			cut = 1;
			break;
		}
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			buf_putc(&t, ' ');
		else
			buf_putc(&t, *p);
		dq |= *p == '"';
		sq |= *p == '\'';
	}
	buf_puts(&t, "");
	if (dq && sq) {
		char	*c;

		for (c = t.data; *c != '\0'; c++)
			if (*c == '"')
				*c = '\'';
		buf_printf(b, "; TODO: %s had both kinds of quotes: \" became "
		    "'\n", key);
		dq = 0;
	}
	if (cut)
		buf_printf(b, "; TODO: %s was cut to fit a line: shorten it\n",
		    key);
	q = dq ? '\'' : '"';
	buf_printf(b, "%s = %c%s%c\n", key, q, t.data, q);
	buf_free(&t);
}

/* "; what text" on one line, control characters as spaces. */
static void
put_comment(struct buf *b, const char *what, const char *text)
{
	const char	*p;

	buf_printf(b, "; %s", what);
	for (p = text; *p != '\0'; p++)
		buf_putc(b, (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p);
	buf_putc(b, '\n');
}

static const struct imp_item *
find_link(const struct imp *m, const char *link, size_t before)
{
	size_t	 i;

	for (i = 0; i < before; i++)
		if (strcmp(m->items[i].link, link) == 0)
			return &m->items[i];
	return NULL;
}

/* The `when` of item k, or NULL with *why set (borrowed text). */
static char *
make_when(const struct imp *m, size_t k, const char **why)
{
	const struct json_val *ew = json_get(m->items[k].q, "enableWhen");
	const struct json_val *c, *a;
	const struct imp_item *t;
	const char	*beh, *op, *link, *val;
	struct buf	 b;
	size_t		 i, o;
	char		 num[32];

	if (ew == NULL)
		return NULL;
	*why = "it is not a list of conditions";
	if (ew->type != JSON_ARRAY || ew->n == 0)
		return NULL;
	beh = json_get_str(m->items[k].q, "enableBehavior");
	buf_init(&b);
	for (i = 0; i < ew->n; i++) {
		c = &ew->elems[i];
		link = json_get_str(c, "question");
		op = json_get_str(c, "operator");
		*why = "a condition names an item not drafted before it";
		if (link == NULL || op == NULL ||
		    (t = find_link(m, link, k)) == NULL ||
		    t->kind == K_DISPLAY || t->kind == K_READONLY)
			goto no;
		if (i > 0)
			buf_puts(&b, beh != NULL && strcmp(beh, "any") == 0 ?
			    " or " : " and ");
		if (strcmp(op, "exists") == 0) {
			a = json_get(c, "answerBoolean");
			*why = "exists without answerBoolean";
			if (a == NULL || a->type != JSON_BOOL)
				goto no;
			buf_printf(&b, a->boolean ? "not missing(%s)" :
			    "missing(%s)", t->id);
			continue;
		}
		*why = "an operator rater's formulas do not have";
		if (strcmp(op, "=") != 0 && strcmp(op, "!=") != 0 &&
		    strcmp(op, "<") != 0 && strcmp(op, "<=") != 0 &&
		    strcmp(op, ">") != 0 && strcmp(op, ">=") != 0)
			goto no;
		val = NULL;
		if ((a = json_get(c, "answerCoding")) != NULL) {
			for (o = 0; o < t->nopts; o++)
				if (t->opts[o].code != NULL &&
				    json_get_str(a, "code") != NULL &&
				    strcmp(t->opts[o].code, json_get_str(a,
				    "code")) == 0 && (t->opts[o].system ==
				    NULL || json_get_str(a, "system") ==
				    NULL || strcmp(t->opts[o].system,
				    json_get_str(a, "system")) == 0))
					val = t->opts[o].value;
		} else if ((a = json_get(c, "answerInteger")) != NULL ||
		    (a = json_get(c, "answerDecimal")) != NULL) {
			if (a->type == JSON_NUMBER && t->kind != K_TEXT)
				val = a->text;
		} else if ((a = json_get(c, "answerBoolean")) != NULL &&
		    a->type == JSON_BOOL && t->kind == K_BOOL) {
			snprintf(num, sizeof(num), "%d", a->boolean);
			val = num;
		}
		*why = "its answer is not one of the item's values";
		if (val == NULL)
			goto no;
		buf_printf(&b, "%s %s %s", t->id, strcmp(op, "=") == 0 ? "==" :
		    op, val);
	}
	return buf_take(&b);
no:
	buf_free(&b);
	return NULL;
}

static void
put_options(struct buf *b, const struct imp_item *it)
{
	size_t	 k;

	if (it->numbered)
		buf_puts(b, "; TODO: the options carry no numeric value: "
		    "numbered 0, 1, ... in order\n");
	for (k = 0; k < it->nopts; k++)
		put_value(b, it->opts[k].value, it->opts[k].label);
}

/* Whether the items before k with list name it->list have the same
 * options (then [choices.LIST] was written for the first). */
static int
same_options(const struct imp_item *a, const struct imp_item *b)
{
	size_t	 k;

	if (a->nopts != b->nopts || a->numbered || b->numbered)
		return 0;
	for (k = 0; k < a->nopts; k++)
		if (strcmp(a->opts[k].value, b->opts[k].value) != 0 ||
		    strcmp(a->opts[k].label, b->opts[k].label) != 0)
			return 0;
	return 1;
}

static const char *
loinc_of(const struct json_val *v)
{
	const struct json_val *code = json_get(v, "code");
	size_t		 i;
	const char	*s, *c;

	if (code == NULL || code->type != JSON_ARRAY)
		return NULL;
	for (i = 0; i < code->n; i++) {
		s = json_get_str(&code->elems[i], "system");
		c = json_get_str(&code->elems[i], "code");
		if (s != NULL && c != NULL && strcmp(s, LOINC) == 0 &&
		    loinc_is_valid(c))
			return c;
	}
	return NULL;
}

static void
write_items(struct imp *m, struct buf *b)
{
	struct imp_item	*it;
	const struct json_val *req;
	const char	*text, *lo, *hi, *st, *why = NULL, *type;
	char		*when;
	size_t		 i, k;

	/* Shared option lists first: the first item of each list name
	 * defines it; an item whose options differ keeps its own. */
	for (i = 0; i < m->n; i++) {
		it = &m->items[i];
		if (it->list == NULL)
			continue;
		for (k = 0; k < i; k++)
			if (m->items[k].list != NULL &&
			    strcmp(m->items[k].list, it->list) == 0)
				break;
		if (k < i) {
			if (!same_options(&m->items[k], it)) {
				free(it->list);
				it->list = NULL;
			}
			continue;
		}
		buf_printf(b, "\n[choices.%s]\n", it->list);
		put_options(b, it);
	}
	for (i = 0; i < m->n; i++) {
		it = &m->items[i];
		text = json_get_str(it->q, "text");
		type = json_get_str(it->q, "type");
		if (it->kind == K_DISPLAY) {
			buf_puts(b, "\n");
			put_comment(b, "display item (not rated): ", it->link);
			put_comment(b, "  ", text != NULL ? text : "");
			continue;
		}
		if (it->kind == K_READONLY) {
			buf_printf(b, "\n; TODO: %s item %s is computed in the "
			    "Questionnaire (read-only)%s%s: write it as a "
			    "[score.*] with its formula\n", type, it->link,
			    loinc_of(it->q) != NULL ? ", LOINC " : "",
			    loinc_of(it->q) != NULL ? loinc_of(it->q) : "");
			put_comment(b, "  label: ", text != NULL ? text :
			    it->id);
			continue;
		}
		buf_putc(b, '\n');
		if (strcmp(it->id, it->link) != 0)
			buf_printf(b, "; linkId %s\n", it->link);
		buf_printf(b, "[item.%s]\n", it->id);
		put_value(b, "text", text != NULL && *text != '\0' ? text :
		    it->link);
		if (it->group != NULL)
			put_value(b, "group", it->group);
		if (loinc_of(it->q) != NULL)
			buf_printf(b, "loinc = %s\n", loinc_of(it->q));
		switch (it->kind) {
		case K_CHOICE:
			if (it->multi)
				buf_puts(b, "type = multi\n");
			if (strcmp(type, "open-choice") == 0)
				buf_puts(b, "; TODO: open-choice: answers "
				    "other than these options cannot be "
				    "rated\n");
			if (it->list != NULL)
				buf_printf(b, "choices = %s\n", it->list);
			else
				put_options(b, it);
			break;
		case K_BOOL:
			buf_puts(b, "; a boolean item: 0 = false, 1 = true\n"
			    "0 = \"No\"\n1 = \"Yes\"\n");
			break;
		case K_NUMBER:
			buf_puts(b, "type = number\n");
			lo = ext_number(it->q, EXT_MIN, NULL);
			hi = ext_number(it->q, EXT_MAX, NULL);
			if (lo == NULL || hi == NULL)
				buf_puts(b, "; TODO: the Questionnaire gives "
				    "no minValue and maxValue: write the "
				    "range\n");
			if (lo != NULL)
				buf_printf(b, "min = %s\n", lo);
			if (hi != NULL)
				buf_printf(b, "max = %s\n", hi);
			if (strcmp(type, "integer") == 0)
				buf_puts(b, "step = 1\n");
			else if ((st = ext_number(it->q, NULL,
			    "/StructureDefinition/step")) != NULL)
				buf_printf(b, "step = %s\n", st);
			break;
		case K_TEXT:
			buf_puts(b, "type = text\n");
			break;
		default:
			break;
		}
		req = json_get(it->q, "required");
		if (req != NULL && req->type == JSON_BOOL && req->boolean) {
			if (it->kind == K_TEXT)
				buf_puts(b, "; TODO: required in the "
				    "Questionnaire; rater does not require "
				    "text items\n");
			else
				buf_puts(b, "required = yes\n");
		}
		why = NULL;
		if ((when = make_when(m, i, &why)) != NULL) {
			put_value(b, "when", when);
			free(when);
		} else if (why != NULL)
			buf_printf(b, "; TODO: enableWhen not drafted (%s): "
			    "write `when` by hand\n", why);
	}
}

int
import_fhir(const char *name, const char *text, size_t len, const char *id,
    struct buf *out, struct diag *d)
{
	struct json_val	*root;
	const struct json_val *q = NULL, *e, *r;
	struct imp	 m;
	struct buf	 b;
	const char	*rt, *s, *url, *ver;
	char		*cause = NULL, *v, *plus;
	size_t		 i, nq = 0;

	if ((root = json_parse(text, len, &cause)) == NULL) {
		diag_add(d, DIAG_ERROR, name, 0, "not JSON: %s", cause);
		free(cause);
		return -1;
	}
	memset(&m, 0, sizeof(m));
	m.name = name;
	m.d = d;
	rt = json_get_str(root, "resourceType");
	if (rt != NULL && strcmp(rt, "Bundle") == 0 &&
	    (e = json_get(root, "entry")) != NULL && e->type == JSON_ARRAY) {
		for (i = 0; i < e->n; i++) {
			r = json_get(&e->elems[i], "resource");
			if ((s = json_get_str(r, "resourceType")) != NULL &&
			    strcmp(s, "Questionnaire") == 0) {
				q = r;
				nq++;
			}
		}
		if (nq != 1) {
			diag_add(d, DIAG_ERROR, name, root->line, "the Bundle "
			    "holds %zu Questionnaires, not one (rater "
			    "describe SCALE --format fhir writes one alone)",
			    nq);
			json_free(root);
			return -1;
		}
	} else if (rt != NULL && strcmp(rt, "Questionnaire") == 0)
		q = root;
	else {
		diag_add(d, DIAG_ERROR, name, root->line, "not a FHIR "
		    "Questionnaire (resourceType %s)", rt != NULL ? rt :
		    "missing");
		json_free(root);
		return -1;
	}
	collect(&m, json_get(q, "item"), NULL);
	if (m.n == 0 && m.errors == 0) {
		diag_add(d, DIAG_ERROR, name, q->line, "the Questionnaire "
		    "has no items");
		m.errors++;
	}
	buf_init(&b);
	if (m.errors == 0) {
		url = json_get_str(q, "url");
		ver = json_get_str(q, "version");
		buf_printf(&b, "; %s: drafted by rater new from a FHIR R4 "
		    "Questionnaire\n", id);
		if (url != NULL)
			buf_printf(&b, ";   %s%s%s\n", url, ver != NULL ? "|" :
			    "", ver != NULL ? ver : "");
		buf_puts(&b, "; Check every item, option, value and rule "
		    "against the published\n; instrument, add its scores "
		    "and [test.*] cases, then run rater lint.\n"
		    "\n[scale]\n");
		buf_printf(&b, "id = %s\n", id);
		s = json_get_str(q, "title");
		if (s == NULL)
			s = json_get_str(q, "name");
		put_value(&b, "title", s != NULL ? s : id);
		/* rater's own versions: "1+sha256.<hex>" -> 1. */
		v = xstrdup(ver != NULL ? ver : "1");
		if ((plus = strstr(v, "+sha256.")) != NULL)
			*plus = '\0';
		put_value(&b, "version", v);
		free(v);
		buf_puts(&b, "; TODO: patient, clinician or informant\n"
		    "respondent = clinician\n");
		if ((s = json_get_str(q, "description")) != NULL)
			put_value(&b, "instructions", s);
		if ((s = json_get_str(q, "copyright")) != NULL)
			put_value(&b, "license", s);
		if (loinc_of(q) != NULL)
			buf_printf(&b, "loinc = %s\n", loinc_of(q));
		buf_puts(&b, "status = provisional\n");
		put_value(&b, "status_note", "Drafted from a FHIR "
		    "Questionnaire; nothing checked yet against the "
		    "published instrument.");
		write_items(&m, &b);
		buf_add(out, b.data, b.len);
	}
	buf_free(&b);
	for (i = 0; i < m.n; i++) {
		size_t k;

		free(m.items[i].id);
		free(m.items[i].list);
		for (k = 0; k < m.items[i].nopts; k++) {
			free(m.items[i].opts[k].value);
			free(m.items[i].opts[k].label);
		}
		free(m.items[i].opts);
	}
	free(m.items);
	json_free(root);
	return m.errors > 0 ? -1 : 0;
}
