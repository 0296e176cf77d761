/*
 * csv.h: an RFC 4180 reader for files written by spreadsheets and by
 * REDCap: a UTF-8 BOM is skipped, records end in LF or CRLF (a lone CR
 * too), quoted fields may hold commas, doubled quotes and line breaks.
 * The module never prints.
 */
#ifndef RATER_CSV_H
#define RATER_CSV_H

#include <stddef.h>

struct csv_row {
	char	**f;		/* fields, owned */
	size_t	  n;
	int	  line;		/* line of the file the record starts on */
};

struct csv {
	struct csv_row	*rows;	/* owned; blank lines are left out */
	size_t		 nrows;
};

/*
 * Parses len bytes of data into c.  Returns 0, or -1 with *cause
 * (caller frees), "LINE: ..." for a quote left open, a character after
 * a closing quote, or a NUL byte; c is then empty.
 */
int	 csv_parse(const char *data, size_t len, struct csv *c, char **cause);
void	 csv_free(struct csv *);

#endif
