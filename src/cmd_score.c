/*
 * cmd_score.c: rater score: batch scoring with no terminal.
 *
 *	rater score SCALE [ID=VALUE ...] [--values V1,V2,...]
 *	    [--answers FILE|-] [--csv FILE|-]
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fsdir.h"
#include "score.h"

static char	*read_input(const char *, size_t, size_t *);
static void	 print_result(const struct scale *, const struct result *);
static int	 score_csv(const struct scale *, const char *);
struct csvrow;
struct acache;
static void	 csvrow_push(struct csvrow *, size_t);
static int	 csv_plain(const char *, const char *, struct csvrow *,
		    const char **, const char **);
static int	 acache_parse(struct acache *, const struct item *,
		    const char *, struct answer *, char **);

/* What the user names may be a pipe or a FIFO: it streams, up to max
 * bytes (EFBIG). */
static char *
read_input(const char *path, size_t max, size_t *len)
{
	return read_stream(strcmp(path, "-") == 0 ? "/dev/stdin" : path,
	    max, len);
}

/*
 * Sets the answer of item `id` from text; prints why on failure.  The id
 * matches whatever its case, as in the scale file (Q1 is q1).  With
 * given (nitems flags, may be NULL), an item given before is an error.
 */
int
cli_set_answer(const struct scale *s, struct answer *ans, const char *id,
    const char *value, const char *where, unsigned char *given)
{
	long		 i;
	char		*cause, *low;
	const char	*g;
	struct answer	 a;
	size_t		 k;

	low = xstrdup(id);
	for (k = 0; low[k] != '\0'; k++)
		if (low[k] >= 'A' && low[k] <= 'Z')
			low[k] = (char)(low[k] - 'A' + 'a');
	i = scale_item_index(s, low);
	free(low);
	if (i == -1) {
		g = str_suggest(id, s->symnames);
		if (g != NULL && scale_item_index(s, g) != -1)
			cli_warnx("%sno item '%s' in %s; did you mean '%s'?",
			    where, id, s->id, g);
		else
			cli_warnx("%sno item '%s' in %s", where, id, s->id);
		return -1;
	}
	if (given != NULL && given[i]) {
		cli_warnx("%s%s is given more than once: give each item once",
		    where, s->items[i].id);
		return -1;
	}
	if (scale_parse_answer(&s->items[i], value, &a, &cause) == -1) {
		cli_warnx("%s%s", where, cause);
		free(cause);
		return -1;
	}
	if (given != NULL)
		given[i] = 1;
	answer_clear(&ans[i]);
	ans[i] = a;
	return 0;
}

/* Lines "id = value" (the value may hold spaces) or "id=value" tokens. */
int
cli_read_answers(const struct scale *s, struct answer *ans, const char *path,
    unsigned char *given)
{
	char	*data, *line, *next, *eq, *p, *id, *tok, *save, where[64];
	size_t	 len, lineno = 0;
	int	 rc = 0;

	if ((data = read_input(path, FSDIR_MAX_FILE, &len)) == NULL) {
		cli_warnx("%s: %s", path, fsdir_strerror(errno));
		return -1;
	}
	for (line = data; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		while (*line == ' ' || *line == '\t')
			line++;
		p = line + strlen(line);
		while (p > line && (p[-1] == ' ' || p[-1] == '\t' ||
		    p[-1] == '\r'))
			*--p = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		snprintf(where, sizeof(where), "%s:%zu: ", path, lineno);
		if ((eq = strchr(line, '=')) == NULL) {
			cli_warnx("%sexpected ID = VALUE", where);
			rc = -1;
			continue;
		}
		id = line;
		p = eq;
		while (p > id && (p[-1] == ' ' || p[-1] == '\t'))
			p--;
		/* "id = value" unless the line holds several '=' or the
		 * id has blanks: then it is a list of id=value tokens. */
		if (memchr(id, ' ', (size_t)(p - id)) == NULL &&
		    memchr(id, '\t', (size_t)(p - id)) == NULL &&
		    strchr(eq + 1, '=') == NULL) {
			*p = '\0';
			for (p = eq + 1; *p == ' ' || *p == '\t'; p++)
				;
			if (cli_set_answer(s, ans, id, p, where, given) == -1)
				rc = -1;
			continue;
		}
		for (tok = strtok_r(line, " \t", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t", &save)) {
			if ((eq = strchr(tok, '=')) == NULL) {
				cli_warnx("%s'%s' is not ID=VALUE", where,
				    tok);
				rc = -1;
				continue;
			}
			*eq = '\0';
			if (cli_set_answer(s, ans, tok, eq + 1, where,
			    given) == -1)
				rc = -1;
		}
	}
	free(data);
	return rc;
}

static void
print_result(const struct scale *s, const struct result *r)
{
	struct buf	 b;

	buf_init(&b);
	score_report(s, r, &b);
	fputs(b.data != NULL ? b.data : "", stdout);
	buf_free(&b);
}

int
cmd_score(struct cli *c, int argc, char **argv)
{
	struct scale	*s;
	struct answer	*ans;
	struct result	*r;
	const char	*values = NULL, *answers = NULL, *csv = NULL;
	char		*eq, *list, *p, *field, where[32];
	unsigned char	*given;
	int		 i, rc = 0, nnamed = 0;
	size_t		 pos;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(cli_find_cmd("score"));
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--values") == 0 && i + 1 < argc)
			values = argv[++i];
		else if (strncmp(argv[i], "--values=", 9) == 0)
			values = argv[i] + 9;
		else if (strcmp(argv[i], "--answers") == 0 && i + 1 < argc)
			answers = argv[++i];
		else if (strncmp(argv[i], "--answers=", 10) == 0)
			answers = argv[i] + 10;
		else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
			csv = argv[++i];
		else if (strncmp(argv[i], "--csv=", 6) == 0)
			csv = argv[i] + 6;
		else if (argv[i][0] == '-' || strchr(argv[i], '=') == NULL) {
			cli_warnx("score: unexpected argument '%s'", argv[i]);
			return cli_usage(cli_find_cmd("score"));
		} else
			nnamed++;
	}
	if (csv != NULL && (values != NULL || answers != NULL || nnamed)) {
		cli_warnx("score: --csv cannot be combined with other "
		    "answers");
		return cli_usage(cli_find_cmd("score"));
	}
	if ((s = cli_load_scale(c, argv[1])) == NULL)
		return EXIT_DATA;
	if (csv != NULL) {
		rc = score_csv(s, csv);
		scale_free(s);
		return rc;
	}
	ans = answers_new(s->nitems);
	given = xcalloc(s->nitems + 1, 1);
	if (values != NULL) {
		list = xstrdup(values);
		pos = 0;
		for (p = list; p != NULL; pos++) {
			field = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
			if (pos >= s->nitems) {
				cli_warnx("--values has more than the %zu "
				    "items of %s", s->nitems, s->id);
				rc = EXIT_DATA;
				break;
			}
			if (cli_set_answer(s, ans, s->items[pos].id, field,
			    "", given) == -1)
				rc = EXIT_DATA;
		}
		free(list);
	}
	if (answers != NULL && cli_read_answers(s, ans, answers, given) ==
	    -1)
		rc = EXIT_DATA;
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--values") == 0 ||
		    strcmp(argv[i], "--answers") == 0) {
			i++;
			continue;
		}
		if (argv[i][0] == '-' || (eq = strchr(argv[i], '=')) == NULL)
			continue;
		*eq = '\0';
		where[0] = '\0';
		if (cli_set_answer(s, ans, argv[i], eq + 1, where, given) ==
		    -1)
			rc = EXIT_DATA;
		*eq = '=';
	}
	if (rc == 0) {
		r = result_new(s);
		score_compute(s, ans, r);
		/* Told, not refused: score is for trying answers out. */
		cli_hidden_answers(s, ans, r, "not scored");
		print_result(s, r);
		result_free(r);
	}
	answers_free(ans, s->nitems);
	free(given);
	scale_free(s);
	return rc;
}

/*
 * CSV (RFC 4180): the header names the columns; those that are item ids
 * are answers.  Every row is echoed as read, with the score, band,
 * basis (ID.basis) and flag columns added.  A bad value is reported
 * with its row and scored and the row's scores are NA; the exit status
 * is then 1.
 */
struct csvrow {
	char	**f;		/* unescaped fields (point into scratch) */
	size_t	 n, cap;
	struct buf scratch;
	size_t	*off;
};

/* One more field, starting at off in the scratch buffer. */
static void
csvrow_push(struct csvrow *row, size_t off)
{
	if (row->n == row->cap) {
		row->cap = row->cap ? row->cap * 2 : 16;
		row->off = xreallocarray(row->off, row->cap,
		    sizeof(*row->off));
		row->f = xreallocarray(row->f, row->cap, sizeof(*row->f));
	}
	row->off[row->n++] = off;
}

/* Parses one record starting at p; returns the end of the record (after
 * its newline) and sets *rawend to the end of its text. */
static const char *
csv_record(const char *p, const char *end, struct csvrow *row,
    const char **rawend)
{
	size_t		 i;
	const char	*q;

	row->n = 0;
	buf_reset(&row->scratch);
	if (csv_plain(p, end, row, rawend, &q))
		return q;
	for (;;) {
		csvrow_push(row, row->scratch.len);
		if (p < end && *p == '"') {
			p++;
			while (p < end) {
				q = p;
				while (q < end && *q != '"')
					q++;
				buf_add(&row->scratch, p, (size_t)(q - p));
				p = q;
				if (p + 1 < end && p[1] == '"') {
					buf_putc(&row->scratch, '"');
					p += 2;
					continue;
				}
				if (p < end)
					p++;
				break;
			}
		}
		q = p;
		while (q < end && *q != ',' && *q != '\n' && *q != '\r')
			q++;
		buf_add(&row->scratch, p, (size_t)(q - p));
		p = q;
		buf_add(&row->scratch, "", 1);
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		break;
	}
	*rawend = p;
	if (p < end && *p == '\r')
		p++;
	if (p < end && *p == '\n')
		p++;
	for (i = 0; i < row->n; i++)
		row->f[i] = row->scratch.data + row->off[i];
	return p;
}



/*
 * The common record, with no quote: copied whole into the scratch
 * buffer and cut at the commas.  Returns 0 (nothing done) when the
 * record holds a '"', so that csv_record() takes the general way;
 * else 1 with *next the start of the next record.
 */
static int
csv_plain(const char *p, const char *end, struct csvrow *row,
    const char **rawend, const char **next)
{
	const char	*q, *e;
	char		*d;
	size_t		 i, len;

	/* One pass: the commas, up to the newline; a quote or a '\r'
	 * other than the one before the newline leaves it to the
	 * general way. */
	row->n = 0;
	for (q = p;; q++) {
		csvrow_push(row, (size_t)(q - p));
		while (q < end && *q != ',' && *q != '\n' && *q != '"' &&
		    *q != '\r')
			q++;
		if (q == end || *q != ',')
			break;
	}
	e = q;
	if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
		q++;
	else if (q < end && *q == '\r' && q + 1 == end)
		q++;
	if (q < end && *q != '\n') {
		row->n = 0;
		return 0;
	}
	len = (size_t)(e - p);
	buf_add(&row->scratch, p, len);
	buf_add(&row->scratch, "", 1);
	d = row->scratch.data;
	for (i = 0; i < row->n; i++) {
		row->f[i] = d + row->off[i];
		if (i > 0)
			d[row->off[i] - 1] = '\0';
	}
	*rawend = e;
	*next = q < end ? q + 1 : end;
	return 1;
}

/*
 * A column's answers, remembered by text: most columns hold a handful
 * of distinct values ("0" to "3"), each parsed once (scale_parse_answer
 * and its checks were a quarter of the time of a large file).  Only
 * short texts that parsed and own no memory are kept; the others are
 * parsed every time, so that each bad value is reported on its row.
 */
#define ACACHE_N	16
#define ACACHE_TEXT	8	/* bytes of a key, with its NUL */
struct acache {
	uint64_t	 key[ACACHE_N];	/* the text, NUL-padded */
	struct answer	 ans[ACACHE_N];
	size_t		 n;
};

/* The answer of item it to text, from the cache c when it is there. */
static int
acache_parse(struct acache *c, const struct item *it, const char *text,
    struct answer *a, char **cause)
{
	uint64_t key = 0;
	size_t	 i, len;

	for (len = 0; len < ACACHE_TEXT && text[len] != '\0'; len++)
		;
	if (len < ACACHE_TEXT) {
		memcpy(&key, text, len);
		for (i = 0; i < c->n; i++)
			if (c->key[i] == key) {
				*a = c->ans[i];
				return 0;
			}
	}
	if (scale_parse_answer(it, text, a, cause) == -1)
		return -1;
	if (len < ACACHE_TEXT && c->n < ACACHE_N && a->text == NULL) {
		c->key[c->n] = key;
		c->ans[c->n++] = *a;
	}
	return 0;
}

static int
score_csv(const struct scale *s, const char *path)
{
	char		*data, v[64], *cause;
	const char	*p, *end, *rawend, *band, *start, *q;
	size_t		 len, ncols, i, j, lineno, nextline = 1, nbad = 0;
	long		*col2item;
	struct acache	*cache;
	struct csvrow	 row;
	struct buf	 out;
	struct answer	*ans;
	struct result	*r;
	struct answer	 a;
	int		 rc = 0, any, rowbad;

	if ((data = read_input(path, FSDIR_MAX_LOG, &len)) == NULL) {
		cli_warnx("%s: %s", path, errno == EFBIG ? "it is larger than "
		    "the " FSDIR_MAX_LOG_TEXT " limit" : fsdir_strerror(errno));
		return EXIT_DATA;
	}
	memset(&row, 0, sizeof(row));
	buf_init(&out);
	p = data;
	end = data + len;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if (p >= end) {
		cli_warnx("%s: empty file: expected a header row", path);
		free(data);
		return EXIT_DATA;
	}
	start = p;
	p = csv_record(p, end, &row, &rawend);
	for (q = start; q < p; q++)
		nextline += *q == '\n';
	ncols = row.n;
	col2item = xcalloc(ncols + 1, sizeof(*col2item));
	for (i = 0; i < ncols; i++)
		col2item[i] = scale_item_index(s, row.f[i]);
	cache = xcalloc(ncols + 1, sizeof(*cache));
	buf_add(&out, start, (size_t)(rawend - start));
	for (i = 0; i < s->nscores; i++) {
		buf_putc(&out, ',');
		cli_csv_field(&out, s->scores[i].id);
		for (j = 0; j < s->scores[i].nbandsets; j++) {
			char *h = j == 0 ?
			    xasprintf("%s.band", s->scores[i].id) :
			    xasprintf("%s.band.%s", s->scores[i].id,
			    s->bandsets[s->scores[i].bandsets[j]].id);
			buf_putc(&out, ',');
			cli_csv_field(&out, h);
			free(h);
		}
		buf_printf(&out, ",%s.basis", s->scores[i].id);
	}
	buf_puts(&out, ",flags\n");
	ans = answers_new(s->nitems);
	r = result_new(s);
	while (p < end) {
		start = p;
		lineno = nextline;
		p = csv_record(p, end, &row, &rawend);
		for (q = start; q < p; q++)
			nextline += *q == '\n';
		if (rawend == start && row.n == 1)
			continue;	/* blank line */
		for (i = 0; i < s->nitems; i++)
			if (ans[i].text != NULL)
				answer_clear(&ans[i]);
			else	/* the same, with no call */
				memset(&ans[i], 0, sizeof(ans[i]));
		rowbad = 0;
		for (i = 0; i < row.n && i < ncols; i++) {
			if (col2item[i] < 0)
				continue;
			if (acache_parse(&cache[i], &s->items[col2item[i]],
			    row.f[i], &a, &cause) == -1) {
				if (nbad++ < 20)
					cli_warnx("%s:%zu: %s", path, lineno,
					    cause);
				free(cause);
				rc = EXIT_DATA;
				rowbad = 1;
				continue;
			}
			ans[col2item[i]] = a;
		}
		score_compute(s, ans, r);
		buf_add(&out, start, (size_t)(rawend - start));
		/* A row with an invalid value gets no scores at all: scoring
		 * around it (prorating, say) would hide the error. */
		for (i = 0; i < s->nscores; i++) {
			buf_putc(&out, ',');
			buf_puts(&out, rowbad ? "NA" : score_format(
			    &s->scores[i], result_score(r, i), v, sizeof(v)));
			for (j = 0; j < s->scores[i].nbandsets; j++) {
				band = rowbad ? NULL : result_band(s, r, i, j);
				buf_putc(&out, ',');
				cli_csv_field(&out, band != NULL ? band :
				    "NA");
			}
			/* How it was made: empty when from every item. */
			buf_putc(&out, ',');
			if (!rowbad && result_basis(r, i, v, sizeof(v)) >
			    BASIS_COMPLETE)
				buf_puts(&out, v);
		}
		buf_putc(&out, ',');
		for (any = 0, i = 0; i < s->nflags && !rowbad; i++)
			if (r->raised[i]) {
				if (any++)
					buf_putc(&out, ' ');
				buf_puts(&out, s->flags[i].id);
			}
		buf_putc(&out, '\n');
		if (cli_flush(&out, 0) == -1) {
			cli_warnx("writing the output: %s", strerror(errno));
			rc = EXIT_DATA;
			break;
		}
	}
	if (cli_flush(&out, 1) == -1 || fflush(stdout) == EOF) {
		cli_warnx("writing the output: %s", strerror(errno));
		rc = EXIT_DATA;
	}
	if (nbad > 20)
		cli_warnx("%s: %zu invalid values in all", path, nbad);
	answers_free(ans, s->nitems);
	result_free(r);
	free(col2item);
	free(cache);
	free(row.f);
	free(row.off);
	buf_free(&row.scratch);
	buf_free(&out);
	free(data);
	return rc;
}
