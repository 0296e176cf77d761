/*
 * csv.c: an RFC 4180 reader (csv.h).
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "util.h"

static void	 row_add(struct csv_row *, struct buf *);
static int	 row_is_blank(const struct csv_row *);

static void
row_add(struct csv_row *r, struct buf *field)
{
	r->f = xreallocarray(r->f, r->n + 1, sizeof(*r->f));
	r->f[r->n++] = field->data != NULL ? buf_take(field) : xstrdup("");
}

static int
row_is_blank(const struct csv_row *r)
{
	return r->n == 1 && r->f[0][0] == '\0';
}

int
csv_parse(const char *data, size_t len, struct csv *c, char **cause)
{
	struct csv_row	 row;
	struct buf	 field;
	size_t		 i = 0;
	int		 line = 1, quoted, start;

	memset(c, 0, sizeof(*c));
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (i == len)
		return 0;
	buf_init(&field);
	memset(&row, 0, sizeof(row));
	row.line = line;
	for (;;) {
		/* One field. */
		quoted = 0;
		start = line;
		if (i < len && data[i] == '"') {
			quoted = 1;
			for (i++;; i++) {
				if (i == len) {
					*cause = xasprintf("%d: a quoted "
					    "field is not closed", start);
					goto fail;
				}
				if (data[i] == '"') {
					if (i + 1 < len &&
					    data[i + 1] == '"') {
						buf_putc(&field, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				if (data[i] == '\0')
					goto nul;
				if (data[i] == '\n')
					line++;
				else if (data[i] == '\r' && (i + 1 == len ||
				    data[i + 1] != '\n'))
					line++;
				buf_putc(&field, data[i]);
			}
		}
		while (i < len && data[i] != ',' && data[i] != '\n' &&
		    data[i] != '\r') {
			if (quoted) {
				*cause = xasprintf("%d: a character after a "
				    "quoted field's closing quote", line);
				goto fail;
			}
			if (data[i] == '"') {
				*cause = xasprintf("%d: a quote inside an "
				    "unquoted field", line);
				goto fail;
			}
			if (data[i] == '\0')
				goto nul;
			buf_putc(&field, data[i++]);
		}
		row_add(&row, &field);
		if (i < len && data[i] == ',') {
			i++;
			continue;
		}
		/* End of record: CRLF, LF, CR or the end. */
		if (i < len && data[i] == '\r')
			i++;
		if (i < len && data[i] == '\n')
			i++;
		if (!row_is_blank(&row)) {
			c->rows = xreallocarray(c->rows, c->nrows + 1,
			    sizeof(*c->rows));
			c->rows[c->nrows++] = row;
		} else
			strv_free(row.f, row.n);
		memset(&row, 0, sizeof(row));
		line++;
		row.line = line;
		if (i >= len)
			break;
	}
	buf_free(&field);
	return 0;
nul:
	*cause = xasprintf("%d: a NUL byte", line);
fail:
	strv_free(row.f, row.n);
	buf_free(&field);
	csv_free(c);
	return -1;
}

void
csv_free(struct csv *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nrows; i++)
		strv_free(c->rows[i].f, c->rows[i].n);
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}
