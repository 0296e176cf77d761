/*
 * fuzz_redcap.c: libFuzzer target for the CSV reader and the REDCap
 * draft (make fuzz).
 *
 * The input is a CSV file.  If it reads, every record written back in
 * RFC 4180 form (every field quoted) must read back to the same fields;
 * then the input is drafted as a REDCap data dictionary (the first
 * form, scale id "fz"), and a draft it makes must load or be refused by
 * the scale loader without harm.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "fuzz_util.h"
#include "redcap.h"
#include "scale.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv	 c, c2;
	struct buf	 b, ini, notes;
	struct scale	*sc;
	char		*cause = NULL;
	const char	*p;
	size_t		 i, j;

	if (csv_parse((const char *)data, size, &c, &cause) == -1) {
		FUZZ_ASSERT(cause != NULL && c.nrows == 0, "an error "
		    "without its cause");
		free(cause);
		return 0;
	}
	buf_init(&b);
	for (i = 0; i < c.nrows; i++) {
		for (j = 0; j < c.rows[i].n; j++) {
			buf_puts(&b, j ? ",\"" : "\"");
			for (p = c.rows[i].f[j]; *p != '\0'; p++) {
				if (*p == '"')
					buf_putc(&b, '"');
				buf_putc(&b, *p);
			}
			buf_putc(&b, '"');
		}
		buf_puts(&b, "\r\n");
	}
	FUZZ_ASSERT(csv_parse(b.data != NULL ? b.data : "", b.len, &c2,
	    &cause) == 0, "what was read does not read back: %s", cause);
	/* (A record of one empty field is a blank line, left out by both
	 * reads.) */
	FUZZ_ASSERT(c2.nrows == c.nrows, "%zu records read back as %zu",
	    c.nrows, c2.nrows);
	for (i = 0; i < c.nrows && i < c2.nrows; i++) {
		FUZZ_ASSERT(c.rows[i].n == c2.rows[i].n, "record %zu: %zu "
		    "fields read back as %zu", i, c.rows[i].n, c2.rows[i].n);
		for (j = 0; j < c.rows[i].n; j++)
			FUZZ_ASSERT(strcmp(c.rows[i].f[j], c2.rows[i].f[j]) ==
			    0, "record %zu field %zu changed", i, j);
	}
	csv_free(&c2);
	csv_free(&c);
	buf_free(&b);

	buf_init(&ini);
	buf_init(&notes);
	if (redcap_draft("fz.csv", (const char *)data, size, "fz", NULL,
	    &ini, &notes, &cause) == 0) {
		sc = scale_load_mem("fz.ini", ini.data != NULL ? ini.data : "",
		    ini.len, NULL);
		scale_free(sc);
	} else {
		FUZZ_ASSERT(cause != NULL, "a refusal without its cause");
		free(cause);
	}
	buf_free(&ini);
	buf_free(&notes);
	return 0;
}
