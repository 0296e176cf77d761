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
