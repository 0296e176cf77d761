/*
 * cmd_util.c: output helpers shared by the sub-commands that write a
 * lot of text (score --csv, list, export).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

void
cli_csv_field(struct buf *b, const char *s)
{
	const char	*p, *q;

	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; (q = strchr(p, '"')) != NULL; p = q + 1) {
		buf_add(b, p, (size_t)(q - p) + 1);
		buf_putc(b, '"');
	}
	buf_puts(b, p);
	buf_putc(b, '"');
}

int
cli_flush(struct buf *b, int force)
{
	if (b->len < (1 << 17) && !force)
		return 0;
	if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		return -1;
	buf_reset(b);
	return 0;
}
