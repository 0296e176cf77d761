/*
 * table.h: lookup tables of scale files ([table.NAME] sections).
 *
 * A table maps one or several numeric keys to a number: a raw score to
 * a T-score, an answer to its recoded value, a health profile of five
 * answers to its index value.  Its rows come from the scale file
 * ("4 = 16.2", "1,1,2 = 0.877") or from a CSV file beside it.  Rows are
 * kept sorted by key, so a lookup is a binary search.  The module never
 * prints; problems go to a struct diag.
 */
#ifndef RATER_TABLE_H
#define RATER_TABLE_H

#include <stddef.h>

#include "util.h"

/* Bytes a table file may have, and rows a table may hold. */
#define TABLE_FILE_MAX	(4 * 1024 * 1024)
#define TABLE_ROWS_MAX	200000
#define TABLE_KEYS_MAX	8

struct table {
	char		*name;
	char		*file;		/* `file = NAME.csv`, NULL if inline */
	char		 sha256[65];	/* of the file's bytes ("" inline) */
	size_t		 nkeys;		/* 0 until the first row */
	size_t		 nrows;
	double		*keys;		/* nrows * nkeys, sorted by key */
	double		*vals;		/* nrows */
	int		*lines;		/* nrows: line of each row */
	int		 has_default;	/* `default = N` */
	double		 def;
	int		 has_range;	/* `min = ` and `max = ` given */
	double		 min, max;
	double		 vmin, vmax;	/* of the values and the default */
	int		 line;		/* of the section header */
};

/* A new empty table named name (copied). */
struct table	*table_new(const char *name, int line);
void		 table_free(struct table *);

/*
 * Parses a key as written: one number, or several separated by commas
 * ("1, 2, 5").  Returns the number of keys (1 to TABLE_KEYS_MAX) into
 * out, or 0 when the text is not such a key.
 */
size_t		 table_parse_key(const char *text, double *out);

/*
 * Adds a row.  Returns -1 with *cause (caller frees) when the number of
 * keys differs from the rows before, or the table is full.
 */
int		 table_add_row(struct table *, const double *keys,
		    size_t nkeys, double value, int line, char **cause);

/*
 * Reads the rows of a CSV file's bytes: a header row naming the key
 * columns and then the value column, then one row per line, the keys
 * and the value as numbers, comma-separated.  Problems go to d as
 * "file:line: ...".  Returns the number of errors.
 */
size_t		 table_read_csv(struct table *, const char *file,
		    const char *data, size_t len, struct diag *d);

/*
 * Sorts the rows and checks them: no two rows with the same key, every
 * value (and the default) in the declared range.  Sets vmin, vmax.
 * Problems go to d (file names the scale file, csv the table's file or
 * NULL).  Returns the number of errors.
 */
size_t		 table_finish(struct table *, const char *file,
		    const char *csv, struct diag *d);

/*
 * Finds the row of keys (nkeys of them).  Returns 0 and sets *value, or
 * -1 when the table has no such row (the default then applies, if any:
 * *value is set to it and 0 returned).
 */
int		 table_lookup(const struct table *, const double *keys,
		    size_t nkeys, double *value);

/*
 * Coverage: sets[k] holds the nset[k] values key k can take.  Counts
 * the combinations the table has no row for (a default covers them
 * all); the first is written into first (len bytes, "" if none).
 * Returns (size_t)-1 when there are more than TABLE_COMBOS_MAX
 * combinations to try.
 */
#define TABLE_COMBOS_MAX	1000000
size_t		 table_uncovered(const struct table *,
		    const double *const *sets, const size_t *nset,
		    char *first, size_t len);

/* The key as written in messages: "3" or "1,2,5"; into buf. */
char		*table_key_str(char *buf, size_t len, const double *keys,
		    size_t nkeys);

#endif
