/*
 * table.c: lookup tables of scale files: rows, CSV files, lookups.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static int	 key_cmp(const double *, const double *, size_t);
static char	*trim(char *);

/* Compares two keys of n numbers, tolerantly (num_eq). */
static int
key_cmp(const double *a, const double *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (num_eq(a[i], b[i]))
			continue;
		return a[i] < b[i] ? -1 : 1;
	}
	return 0;
}

/* Trims space (and a CR) at both ends, in place. */
static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

struct table *
table_new(const char *name, int line)
{
	struct table	*t;

	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->line = line;
	return t;
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->file);
	free(t->keys);
	free(t->vals);
	free(t->lines);
	free(t);
}

size_t
table_parse_key(const char *text, double *out)
{
	char	*copy, *p, *next, *f;
	size_t	 n = 0;

	copy = xstrdup(text);
	for (p = copy; p != NULL; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		f = trim(p);
		if (n == TABLE_KEYS_MAX || parse_number(f, &out[n]) == -1) {
			n = 0;
			break;
		}
		n++;
	}
	free(copy);
	return n;
}

int
table_add_row(struct table *t, const double *keys, size_t nkeys,
    double value, int line, char **cause)
{
	if (t->nrows > 0 && nkeys != t->nkeys) {
		*cause = xasprintf("this row has %zu key%s; the rows before "
		    "have %zu", nkeys, nkeys == 1 ? "" : "s", t->nkeys);
		return -1;
	}
	if (t->nrows == TABLE_ROWS_MAX) {
		*cause = xasprintf("a table may hold at most %d rows",
		    TABLE_ROWS_MAX);
		return -1;
	}
	t->nkeys = nkeys;
	t->keys = xreallocarray(t->keys, (t->nrows + 1) * nkeys,
	    sizeof(*t->keys));
	t->vals = xreallocarray(t->vals, t->nrows + 1, sizeof(*t->vals));
	t->lines = xreallocarray(t->lines, t->nrows + 1, sizeof(*t->lines));
	memcpy(t->keys + t->nrows * nkeys, keys, nkeys * sizeof(*keys));
	t->vals[t->nrows] = value;
	t->lines[t->nrows] = line;
	t->nrows++;
	return 0;
}

size_t
table_read_csv(struct table *t, const char *file, const char *data,
    size_t len, struct diag *d)
{
	const char	*p = data, *end = data + len, *nl;
	char		*line, *f, *cause, *last;
	double		 keys[TABLE_KEYS_MAX + 1], v;
	size_t		 nerr = 0, ncols = 0, n;
	int		 lineno = 0;

	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		line = xstrndup(p, n);
		p = nl != NULL ? nl + 1 : end;
		if (memchr(line, '\0', n) != NULL) {
			diag_add(d, DIAG_ERROR, file, lineno, "line contains "
			    "a NUL byte");
			nerr++;
			free(line);
			continue;
		}
		f = trim(line);
		if (*f == '\0' || *f == '#') {
			free(line);
			continue;
		}
		if (ncols == 0) {
			/* The header: names the key columns, then the
			 * value's. */
			for (ncols = 1, last = f; *last != '\0'; last++)
				ncols += *last == ',';
			if (ncols < 2 || ncols > TABLE_KEYS_MAX + 1) {
				diag_add(d, DIAG_ERROR, file, lineno, "the "
				    "header must name 1 to %d key columns "
				    "and then the value column, "
				    "comma-separated", TABLE_KEYS_MAX);
				free(line);
				return nerr + 1;
			}
			if (table_parse_key(f, keys) != 0) {
				diag_add(d, DIAG_ERROR, file, lineno, "the "
				    "first line must be a header naming the "
				    "columns, not numbers");
				free(line);
				return nerr + 1;
			}
			free(line);
			continue;
		}
		/* The value: after the last comma. */
		if ((last = strrchr(f, ',')) == NULL ||
		    (*last = '\0', parse_number(trim(last + 1), &v)) == -1 ||
		    (n = table_parse_key(f, keys)) == 0) {
			diag_add(d, DIAG_ERROR, file, lineno, "a row is %zu "
			    "numbers, comma-separated", ncols);
			nerr++;
		} else if (n + 1 != ncols) {
			diag_add(d, DIAG_ERROR, file, lineno, "this row has "
			    "%zu columns; the header names %zu", n + 1,
			    ncols);
			nerr++;
		} else if (table_add_row(t, keys, n, v, lineno,
		    &cause) == -1) {
			diag_add(d, DIAG_ERROR, file, lineno, "%s", cause);
			free(cause);
			free(line);
			return nerr + 1;
		}
		free(line);
	}
	if (ncols == 0) {
		diag_add(d, DIAG_ERROR, file, 0, "the table file is empty");
		nerr++;
	}
	return nerr;
}

/* Row order, for qsort_r-less sorting: an index array. */
static const struct table *sort_table;

static int
row_cmp(const void *a, const void *b)
{
	size_t	 i = *(const size_t *)a, j = *(const size_t *)b;
	int	 c;

	c = key_cmp(sort_table->keys + i * sort_table->nkeys,
	    sort_table->keys + j * sort_table->nkeys, sort_table->nkeys);
	if (c != 0)
		return c;
	return i < j ? -1 : i > j;
}

size_t
table_finish(struct table *t, const char *file, const char *csv,
    struct diag *d)
{
	size_t		*ord, i, nerr = 0;
	double		*keys, *vals;
	int		*lines;
	char		 a[64], b[64], c[64], kb[256];
	const char	*where = csv != NULL ? csv : file;

	if (t->nrows == 0) {
		diag_add(d, DIAG_ERROR, file, t->line, "[table.%s]: the table "
		    "has no rows", t->name);
		return 1;
	}
	ord = xcalloc(t->nrows, sizeof(*ord));
	for (i = 0; i < t->nrows; i++)
		ord[i] = i;
	sort_table = t;
	qsort(ord, t->nrows, sizeof(*ord), row_cmp);
	sort_table = NULL;
	keys = xcalloc(t->nrows * t->nkeys, sizeof(*keys));
	vals = xcalloc(t->nrows, sizeof(*vals));
	lines = xcalloc(t->nrows, sizeof(*lines));
	for (i = 0; i < t->nrows; i++) {
		memcpy(keys + i * t->nkeys, t->keys + ord[i] * t->nkeys,
		    t->nkeys * sizeof(*keys));
		vals[i] = t->vals[ord[i]];
		lines[i] = t->lines[ord[i]];
	}
	free(ord);
	free(t->keys);
	free(t->vals);
	free(t->lines);
	t->keys = keys;
	t->vals = vals;
	t->lines = lines;

	t->vmin = t->vmax = t->vals[0];
	for (i = 0; i < t->nrows; i++) {
		if (i > 0 && key_cmp(t->keys + (i - 1) * t->nkeys,
		    t->keys + i * t->nkeys, t->nkeys) == 0) {
			diag_add(d, DIAG_ERROR, where, t->lines[i],
			    "[table.%s]: key %s is already on line %d",
			    t->name, table_key_str(kb, sizeof(kb),
			    t->keys + i * t->nkeys, t->nkeys),
			    t->lines[i - 1]);
			nerr++;
		}
		if (t->vals[i] < t->vmin)
			t->vmin = t->vals[i];
		if (t->vals[i] > t->vmax)
			t->vmax = t->vals[i];
		if (t->has_range && (t->vals[i] < t->min - NUM_EPS ||
		    t->vals[i] > t->max + NUM_EPS)) {
			diag_add(d, DIAG_ERROR, where, t->lines[i],
			    "[table.%s]: value %s of key %s is outside the "
			    "declared range %s to %s", t->name,
			    fmt_num(a, sizeof(a), t->vals[i]),
			    table_key_str(kb, sizeof(kb),
			    t->keys + i * t->nkeys, t->nkeys),
			    fmt_num(b, sizeof(b), t->min),
			    fmt_num(c, sizeof(c), t->max));
			nerr++;
		}
	}
	if (t->has_default) {
		if (t->def < t->vmin)
			t->vmin = t->def;
		if (t->def > t->vmax)
			t->vmax = t->def;
		if (t->has_range && (t->def < t->min - NUM_EPS ||
		    t->def > t->max + NUM_EPS)) {
			diag_add(d, DIAG_ERROR, file, t->line, "[table.%s]: "
			    "the default %s is outside the declared range "
			    "%s to %s", t->name,
			    fmt_num(a, sizeof(a), t->def),
			    fmt_num(b, sizeof(b), t->min),
			    fmt_num(c, sizeof(c), t->max));
			nerr++;
		}
	}
	return nerr;
}

int
table_lookup(const struct table *t, const double *keys, size_t nkeys,
    double *value)
{
	size_t	 lo = 0, hi = t->nrows, mid;
	int	 c;

	if (nkeys == t->nkeys) {
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			c = key_cmp(t->keys + mid * t->nkeys, keys, nkeys);
			if (c == 0) {
				*value = t->vals[mid];
				return 0;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	if (t->has_default) {
		*value = t->def;
		return 0;
	}
	return -1;
}

size_t
table_uncovered(const struct table *t, const double *const *sets,
    const size_t *nset, char *first, size_t len)
{
	size_t	 idx[TABLE_KEYS_MAX], k, total = 1, i, n = 0;
	double	 key[TABLE_KEYS_MAX], v;

	first[0] = '\0';
	if (t->has_default)
		return 0;
	for (k = 0; k < t->nkeys; k++) {
		if (nset[k] == 0)
			return 0;
		if (total > TABLE_COMBOS_MAX / nset[k])
			return (size_t)-1;
		total *= nset[k];
		idx[k] = 0;
	}
	for (i = 0; i < total; i++) {
		for (k = 0; k < t->nkeys; k++)
			key[k] = sets[k][idx[k]];
		if (table_lookup(t, key, t->nkeys, &v) == -1 && n++ == 0)
			table_key_str(first, len, key, t->nkeys);
		/* The next combination, the last key fastest. */
		for (k = t->nkeys; k-- > 0; ) {
			if (++idx[k] < nset[k])
				break;
			idx[k] = 0;
		}
	}
	return n;
}

char *
table_key_str(char *buf, size_t len, const double *keys, size_t nkeys)
{
	char	 one[64];
	size_t	 i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < nkeys && off < len; i++) {
		fmt_num(one, sizeof(one), keys[i]);
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    i > 0 ? "," : "", one);
	}
	return buf;
}
