/*
 * json.c: writing JSON text (see json.h).
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"

static void	 member(struct json_w *, const char *);

void
json_w_init(struct json_w *j, struct buf *b, int depth)
{
	memset(j, 0, sizeof(*j));
	j->b = b;
	j->depth = depth;
}

void
json_w_free(struct json_w *j)
{
	free(j->why);
	j->why = NULL;
}

int
json_quote(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long	 cp;
	size_t		 n, start = b->len;

	buf_putc(b, '"');
	while (*p != '\0') {
		if (*p >= 0x80) {
			if ((n = utf8_decode(p, &cp)) == 0) {
				b->len = start;
				if (b->data != NULL)
					b->data[start] = '\0';
				return -1;
			}
			buf_add(b, (const char *)p, n);
			p += n;
			continue;
		}
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, *p);
		}
		p++;
	}
	buf_putc(b, '"');
	return 0;
}

/* The comma, newline and indent before a member, and its key. */
static void
member(struct json_w *j, const char *key)
{
	int	 i;

	if (j->pending) {
		j->pending = 0;
		return;
	}
	if (j->depth > 0 && j->depth <= JSON_MAX_DEPTH) {
		if (j->n[j->depth - 1]++ > 0)
			buf_putc(j->b, ',');
		buf_putc(j->b, '\n');
	}
	for (i = 0; i < j->depth; i++)
		buf_puts(j->b, "  ");
	if (key != NULL) {
		json_quote(j->b, key);
		buf_puts(j->b, ": ");
	}
}

static void
open_level(struct json_w *j, const char *key, int c)
{
	member(j, key);
	buf_putc(j->b, c);
	if (j->depth < JSON_MAX_DEPTH)
		j->n[j->depth] = 0;
	j->depth++;
}

void
json_key(struct json_w *j, const char *key)
{
	member(j, key);
	j->pending = 1;
}

void
json_obj(struct json_w *j, const char *key)
{
	open_level(j, key, '{');
}

void
json_arr(struct json_w *j, const char *key)
{
	open_level(j, key, '[');
}

void
json_end(struct json_w *j, int closer)
{
	int	 i, had;

	j->depth--;
	had = j->depth < JSON_MAX_DEPTH ? j->n[j->depth] : 1;
	if (had) {
		buf_putc(j->b, '\n');
		for (i = 0; i < j->depth; i++)
			buf_puts(j->b, "  ");
	}
	buf_putc(j->b, closer);
}

void
json_str(struct json_w *j, const char *key, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	member(j, key);
	if (json_quote(j->b, s) == -1) {
		buf_puts(j->b, "\"\"");
		if (!j->bad)
			j->why = xasprintf("%s%s%s is not valid UTF-8",
			    j->what != NULL ? j->what : "",
			    j->what != NULL ? ": " : "", key != NULL ? key :
			    "a value");
		j->bad = 1;
	}
}

void
json_num(struct json_w *j, const char *key, const char *num)
{
	member(j, key);
	buf_puts(j->b, num);
}

void
json_int(struct json_w *j, const char *key, long v)
{
	member(j, key);
	buf_printf(j->b, "%ld", v);
}

void
json_bool(struct json_w *j, const char *key, int v)
{
	member(j, key);
	buf_puts(j->b, v ? "true" : "false");
}

/* Reading. */

struct jp {
	const unsigned char *p, *end;
	int		 line;
	int		 depth;
	char		*cause;
};

static int	 jp_value(struct jp *, struct json_val *);

static int
jp_fail(struct jp *j, const char *fmt, const char *arg)
{
	if (j->cause == NULL) {
		char	*m = xasprintf(fmt, arg != NULL ? arg : "");

		j->cause = xasprintf("line %d: %s", j->line, m);
		free(m);
	}
	return -1;
}

static void
jp_space(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r')) {
		if (*j->p == '\n')
			j->line++;
		j->p++;
	}
}

static int
jp_hex4(struct jp *j, unsigned long *v)
{
	int	 i, c;

	*v = 0;
	if (j->end - j->p < 4)
		return jp_fail(j, "a \\u escape needs four hex digits%s",
		    NULL);
	for (i = 0; i < 4; i++) {
		c = *j->p++;
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned long)(c - 'A' + 10);
		else
			return jp_fail(j, "a \\u escape needs four hex "
			    "digits%s", NULL);
	}
	return 0;
}

static void
put_utf8(struct buf *b, unsigned long cp)
{
	if (cp < 0x80)
		buf_putc(b, (int)cp);
	else if (cp < 0x800) {
		buf_putc(b, (int)(0xc0 | (cp >> 6)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(b, (int)(0xe0 | (cp >> 12)));
		buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (int)(0xf0 | (cp >> 18)));
		buf_putc(b, (int)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/* A string, the opening quote consumed; *out is owned by the caller. */
static int
jp_string(struct jp *j, char **out)
{
	struct buf	 b;
	unsigned long	 cp, lo;
	size_t		 n;
	int		 c;

	buf_init(&b);
	buf_puts(&b, "");
	for (;;) {
		if (j->p >= j->end) {
			buf_free(&b);
			return jp_fail(j, "a string is not closed%s", NULL);
		}
		c = *j->p;
		if (c == '"') {
			j->p++;
			break;
		}
		if (c < 0x20) {
			buf_free(&b);
			return jp_fail(j, "a control character in a string "
			    "(write it as an escape)%s", NULL);
		}
		if (c >= 0x80) {
			/* utf8_decode reads up to 4 bytes: near the end
			 * (the text need not end in a NUL), from a
			 * padded copy. */
			unsigned char	 pad[5] = { 0, 0, 0, 0, 0 };
			const unsigned char *q = j->p;

			if (j->end - j->p < 4) {
				memcpy(pad, j->p, (size_t)(j->end - j->p));
				q = pad;
			}
			if ((n = utf8_decode(q, &cp)) == 0 ||
			    (size_t)(j->end - j->p) < n) {
				buf_free(&b);
				return jp_fail(j, "a string is not valid "
				    "UTF-8%s", NULL);
			}
			buf_add(&b, (const char *)j->p, n);
			j->p += n;
			continue;
		}
		j->p++;
		if (c != '\\') {
			buf_putc(&b, c);
			continue;
		}
		if (j->p >= j->end) {
			buf_free(&b);
			return jp_fail(j, "a string is not closed%s", NULL);
		}
		c = *j->p++;
		switch (c) {
		case '"': case '\\': case '/':
			buf_putc(&b, c);
			break;
		case 'b':
			buf_putc(&b, '\b');
			break;
		case 'f':
			buf_putc(&b, '\f');
			break;
		case 'n':
			buf_putc(&b, '\n');
			break;
		case 'r':
			buf_putc(&b, '\r');
			break;
		case 't':
			buf_putc(&b, '\t');
			break;
		case 'u':
			if (jp_hex4(j, &cp) == -1)
				goto fail;
			if (cp >= 0xdc00 && cp <= 0xdfff) {
				jp_fail(j, "a lone low surrogate%s", NULL);
				goto fail;
			}
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (j->end - j->p < 2 || j->p[0] != '\\' ||
				    j->p[1] != 'u') {
					jp_fail(j, "a lone high surrogate%s",
					    NULL);
					goto fail;
				}
				j->p += 2;
				if (jp_hex4(j, &lo) == -1)
					goto fail;
				if (lo < 0xdc00 || lo > 0xdfff) {
					jp_fail(j, "a lone high surrogate%s",
					    NULL);
					goto fail;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (cp == 0) {
				jp_fail(j, "\\u0000 in a string%s", NULL);
				goto fail;
			}
			put_utf8(&b, cp);
			break;
		default:
			jp_fail(j, "an unknown escape in a string%s", NULL);
			goto fail;
		}
	}
	*out = buf_take(&b);
	return 0;
fail:
	buf_free(&b);
	return -1;
}

static int
jp_number(struct jp *j, struct json_val *v)
{
	const unsigned char *s = j->p;
	char		 num[JSON_MAX_NUMBER + 1], *e;
	size_t		 n;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
		return jp_fail(j, "not a value%s", NULL);
	if (*j->p == '0')
		j->p++;
	else
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
			return jp_fail(j, "a number needs digits after "
			    "'.'%s", NULL);
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || !(*j->p >= '0' && *j->p <= '9'))
			return jp_fail(j, "a number needs digits in its "
			    "exponent%s", NULL);
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	n = (size_t)(j->p - s);
	if (n > JSON_MAX_NUMBER)
		return jp_fail(j, "a number is too long%s", NULL);
	memcpy(num, s, n);
	num[n] = '\0';
	v->type = JSON_NUMBER;
	v->number = strtod(num, &e);
	if (v->number > 1.7976931348623157e308 ||
	    v->number < -1.7976931348623157e308)
		return jp_fail(j, "a number out of range: %s", num);
	v->text = xstrdup(num);
	return 0;
}

static int
jp_word(struct jp *j, const char *w)
{
	size_t	 n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return 0;
	j->p += n;
	return 1;
}

static void
jp_append(struct json_val *v, size_t *cap)
{
	if (v->n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		v->elems = xreallocarray(v->elems, *cap, sizeof(*v->elems));
		if (v->type == JSON_OBJECT)
			v->keys = xreallocarray(v->keys, *cap,
			    sizeof(*v->keys));
	}
	memset(&v->elems[v->n], 0, sizeof(v->elems[v->n]));
}

static int
jp_container(struct jp *j, struct json_val *v, int close)
{
	size_t	 cap = 0, i;
	char	*key;

	if (++j->depth > JSON_MAX_DEPTH)
		return jp_fail(j, "nested too deep%s", NULL);
	v->type = close == '}' ? JSON_OBJECT : JSON_ARRAY;
	jp_space(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 0;
	}
	for (;;) {
		jp_space(j);
		jp_append(v, &cap);
		if (v->type == JSON_OBJECT) {
			if (j->p >= j->end || *j->p != '"')
				return jp_fail(j, "a key (a string) "
				    "expected%s", NULL);
			j->p++;
			if (jp_string(j, &key) == -1)
				return -1;
			for (i = 0; i < v->n; i++)
				if (strcmp(v->keys[i], key) == 0) {
					jp_fail(j, "duplicate key '%s'", key);
					free(key);
					return -1;
				}
			v->keys[v->n] = key;
			jp_space(j);
			if (j->p >= j->end || *j->p != ':') {
				v->n++;
				return jp_fail(j, "':' expected%s", NULL);
			}
			j->p++;
		}
		v->n++;
		if (jp_value(j, &v->elems[v->n - 1]) == -1)
			return -1;
		jp_space(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			break;
		}
		return jp_fail(j, close == '}' ? "',' or '}' expected%s" :
		    "',' or ']' expected%s", NULL);
	}
	j->depth--;
	return 0;
}

static int
jp_value(struct jp *j, struct json_val *v)
{
	jp_space(j);
	v->line = j->line;
	if (j->p >= j->end)
		return jp_fail(j, "a value expected, not the end%s", NULL);
	switch (*j->p) {
	case '{':
	case '[':
		j->p++;
		return jp_container(j, v, j->p[-1] == '{' ? '}' : ']');
	case '"':
		j->p++;
		v->type = JSON_STRING;
		return jp_string(j, &v->text);
	case 't':
	case 'f':
		v->type = JSON_BOOL;
		v->boolean = *j->p == 't';
		if (jp_word(j, "true") || jp_word(j, "false"))
			return 0;
		return jp_fail(j, "not a value%s", NULL);
	case 'n':
		v->type = JSON_NULL;
		if (jp_word(j, "null"))
			return 0;
		return jp_fail(j, "not a value%s", NULL);
	default:
		return jp_number(j, v);
	}
}

static void
json_clear(struct json_val *v)
{
	size_t	 i;

	for (i = 0; i < v->n; i++) {
		json_clear(&v->elems[i]);
		if (v->type == JSON_OBJECT)
			free(v->keys[i]);
	}
	free(v->elems);
	free(v->keys);
	free(v->text);
}

struct json_val *
json_parse(const char *text, size_t len, char **cause)
{
	struct jp	 j;
	struct json_val	*v;

	memset(&j, 0, sizeof(j));
	j.p = (const unsigned char *)text;
	j.end = j.p + len;
	j.line = 1;
	if (len > JSON_MAX_TEXT) {
		*cause = xstrdup("larger than 16 MiB");
		return NULL;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		*cause = xstrdup("line 1: a byte order mark (JSON has "
		    "none)");
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	if (jp_value(&j, v) == 0) {
		jp_space(&j);
		if (j.p < j.end)
			jp_fail(&j, "more after the value%s", NULL);
	}
	if (j.cause != NULL) {
		json_free(v);
		*cause = j.cause;
		return NULL;
	}
	return v;
}

void
json_free(struct json_val *v)
{
	if (v == NULL)
		return;
	json_clear(v);
	free(v);
}

const struct json_val *
json_get(const struct json_val *v, const char *key)
{
	size_t	 i;

	if (v == NULL || v->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->elems[i];
	return NULL;
}

const char *
json_get_str(const struct json_val *v, const char *key)
{
	const struct json_val *s = json_get(v, key);

	return s != NULL && s->type == JSON_STRING ? s->text : NULL;
}
