/*
 * test_csv.c: the CSV reader (csv.h): quotes, doubled quotes, embedded
 * line breaks, BOM, CRLF and lone CR, blank lines, line numbers, and the
 * errors a broken file gets.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "harness.h"
#include "util.h"

static struct csv c;
static char *cause;

static int
parse(const char *s)
{
	csv_free(&c);
	free(cause);
	cause = NULL;
	return csv_parse(s, strlen(s), &c, &cause);
}

int
main(void)
{
	CHECK("csv-1.1", parse("a,b,c\n1,2,3\n") == 0 && c.nrows == 2 &&
	    c.rows[1].n == 3);
	CHECK_STR("csv-1.2", c.rows[1].f[2], "3");
	CHECK("csv-1.3", parse("a,,\n") == 0 && c.nrows == 1 &&
	    c.rows[0].n == 3 && c.rows[0].f[2][0] == '\0');
	/* Quotes: commas, doubled quotes, line breaks inside. */
	CHECK("csv-2.1", parse("\"x, y\",\"say \"\"hi\"\"\"\n") == 0 &&
	    c.nrows == 1 && c.rows[0].n == 2);
	CHECK_STR("csv-2.2", c.rows[0].f[0], "x, y");
	CHECK_STR("csv-2.3", c.rows[0].f[1], "say \"hi\"");
	CHECK("csv-2.4", parse("a,\"two\nlines\"\nb,c\n") == 0 &&
	    c.nrows == 2);
	CHECK_STR("csv-2.5", c.rows[0].f[1], "two\nlines");
	CHECK("csv-2.6", c.rows[1].line == 3);
	CHECK("csv-2.7", parse("\"\"\n") == 0 && c.nrows == 0);
	/* BOM, CRLF, a lone CR, no final line break, blank lines. */
	CHECK("csv-3.1", parse("\xef\xbb\xbf" "a,b\r\nc,d") == 0 &&
	    c.nrows == 2);
	CHECK_STR("csv-3.2", c.rows[0].f[0], "a");
	CHECK_STR("csv-3.3", c.rows[1].f[1], "d");
	CHECK("csv-3.4", parse("a\rb\r") == 0 && c.nrows == 2);
	CHECK("csv-3.5", parse("a\n\n\nb\n") == 0 && c.nrows == 2 &&
	    c.rows[1].line == 4);
	CHECK("csv-3.6", parse("") == 0 && c.nrows == 0);
	CHECK("csv-3.7", parse("\xef\xbb\xbf") == 0 && c.nrows == 0);
	CHECK("csv-3.8", parse("\"a\r\nb\",c\r\nd\r\n") == 0 &&
	    c.nrows == 2 && c.rows[1].line == 3);
	CHECK_STR("csv-3.9", c.rows[0].f[0], "a\r\nb");
	/* Errors, with their line. */
	CHECK("csv-4.1", parse("a\n\"open,b\n") == -1 && c.nrows == 0);
	CHECK_STR("csv-4.2", cause, "2: a quoted field is not closed");
	CHECK("csv-4.3", parse("\"a\"b\n") == -1);
	CHECK_STR("csv-4.4", cause, "1: a character after a quoted field's "
	    "closing quote");
	CHECK("csv-4.5", parse("a\nb\"c\n") == -1);
	CHECK_STR("csv-4.6", cause, "2: a quote inside an unquoted field");
	free(cause);
	cause = NULL;
	CHECK("csv-4.7", csv_parse("a\0b", 3, &c, &cause) == -1);
	csv_free(&c);
	free(cause);
	return harness_done("csv");
}
