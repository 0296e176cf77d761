/*
 * scale.c: load, check and free scale files.
 *
 * The only user of iniparser.  Loading happens in three passes:
 *
 *  1. A raw scan of the bytes, mirroring iniparser's line rules, that
 *     records where every section and key stands and catches what
 *     iniparser accepts silently: a byte-order mark, overlong lines,
 *     duplicate sections and keys, text cut at an unquoted ';' or '#',
 *     a trailing backslash on the last line, invalid UTF-8.
 *  2. iniparser_load() for the values, whose syntax errors are caught
 *     through the error callback with their line numbers.
 *  3. Building struct scale from the dictionary, with every semantic
 *     check: ids, references, formulas, ranges, bands, usage, tests.
 *
 * Every problem is collected in a struct diag; nothing stops at the
 * first one.
 */
#define _GNU_SOURCE		/* dladdr() */
#include <sys/stat.h>

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#include "fsdir.h"
#include "scale.h"
#include "score.h"
#include "sha256.h"
#include "table.h"

#define INI_MAXLINE	1022	/* bytes a physical line may hold */
#define FORMULA_SHOWN	200	/* characters of a formula in a message */
/* Sections and keys a scale file may hold.  iniparser's dictionary
 * looks every key up by a linear scan, so its load time grows with the
 * square of their number (40,000 items took 14 s); this many load in
 * well under a second, far beyond any published instrument. */
#define SCALE_MAX_ENTRIES	20000

/* One section or key as found by the raw scan. */
struct rawent {
	char	*sec;		/* lower-cased section name */
	char	*key;		/* lower-cased key, NULL for a section line */
	char	*value;		/* the value as iniparser will see it */
	int	 quoted;
	int	 line;
	int	 endline;	/* its last physical line */
	int	 longval;	/* a formula joined past INI_MAXLINE: read
				   here, not by iniparser (scale_load_mem) */
};

struct raw {
	struct rawent	*v;
	size_t		 n, cap;
};

/*
 * An index of the raw scan: each section once, in order of first
 * appearance, with its keys (first appearance, as iniparser keeps
 * them).  iniparser's own section and key enumeration scans the whole
 * dictionary per call, which made loading quadratic.
 */
struct rawsec {
	const char	*name;		/* borrowed from the raw table */
	const struct rawent *first;	/* its first header line */
	const char	**keys;		/* NULL-terminated */
	const struct rawent **kents;	/* where each key first stands */
	size_t		 nkeys;
};

/* State of one load. */
struct loader {
	const char	*file;		/* name used in messages */
	struct diag	*d;
	struct raw	 raw;
	dictionary	*dict;
	struct scale	*s;
	int		 broken;	/* structure too broken for tests */
	int		 formulas_bad;	/* a score formula did not parse, or
					   scores form a cycle: no range
					   analysis */
	int		 bom;		/* the file starts with a BOM */
	struct rawsec	*secs;		/* sections in file order (index) */
	int		 nsecs;
	struct strindex	 secidx;	/* section name -> secs[] */
	struct strindex	 dictidx;	/* "sec:key" -> dict entry */
};

enum sectype {
	SEC_SCALE,
	SEC_CHOICES,
	SEC_ITEM,
	SEC_SCORE,
	SEC_BANDS,
	SEC_FLAG,
	SEC_TEST,
	SEC_TABLE,
	SEC_UNKNOWN
};

static const char *const sec_prefixes[] = {
	"scale", "choices.", "item.", "score.", "bands.", "flag.", "test.",
	"table.", NULL
};

static const char *const scale_keys[] = {
	"id", "title", "version", "respondent", "timeframe", "instructions",
	"citation", "license", "status", "status_note", "missing", "loinc",
	NULL
};
static const char *const item_keys[] = {
	"text", "help", "group", "type", "choices", "when", "min", "max",
	"step", "scored", "missing", "required", "missing_flag",
	"missing_text", "number", "loinc", NULL
};
static const char *const score_keys[] = {
	"label", "formula", "min", "max", "decimals", "bands", "direction",
	"responder", "loinc", "type", "choices", "digits", NULL
};
static const char *const flag_keys[] = {
	"when", "level", "text", NULL
};
static const char *const table_keys[] = {
	"file", "default", "min", "max", NULL
};
static const char *const test_keys[] = {
	"answers", "reject", "flags", NULL
};
/* Keys whose values are prose: an unquoted ';' or '#' there loses text. */
static const char *const text_keys[] = {
	"title", "text", "help", "group", "label", "instructions",
	"citation", "license", "status_note", "timeframe", "missing_text",
	NULL
};

static void	 number_items(struct loader *);
static char	*get_loinc(struct loader *, const char *);
static void	 err(struct loader *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	 warn(struct loader *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	 raw_scan(struct loader *, const char *, size_t);
static void	 raw_index(struct loader *);
static int	 is_formula_key(const char *);
static char	*ini_copy(const struct loader *, const char *, size_t,
		    size_t *);
static void	 set_long_values(struct loader *);
static void	 raw_index_free(struct loader *);
static int	 raw_line(const struct loader *, const char *, const char *);
static const struct rawent *raw_find(const struct loader *, const char *,
		    const char *);
static int	 in_list(const char *, const char *const *);
static enum sectype sec_type(const char *, const char **);
static const char *get(struct loader *, const char *, const char *);
static char	*dupget(struct loader *, const char *, const char *);
static void	 build(struct loader *);
static void	 check_keys(struct loader *, const char *,
		    const char *const *, int);
static void	 build_header(struct loader *);
static void	 build_items(struct loader *);
static int	 build_options(struct loader *, const char *,
		    struct item *);
static void	 build_bandsets(struct loader *);
static void	 build_item_safety(struct loader *, const char *,
		    struct item *);
static int	 parse_yes_no(struct loader *, const char *, const char *,
		    int);
static void	 build_missing_flags(struct loader *);
static void	 build_scores(struct loader *);
static void	 build_tables(struct loader *);
static void	 table_file(struct loader *, const char *, struct table *);
static void	 check_lookups(struct loader *, const char *,
		    const struct expr *, const double *, const double *);
static void	 scale_identity(struct scale *);
static void	 build_flags(struct loader *);
static void	 build_tests(struct loader *);
static struct expr *parse_formula(struct loader *, const char *, int,
		    const char *, const struct expr_symtab *);
static void	 check_usage(struct loader *);
static void	 order_scores(struct loader *);
static void	 check_bounds(struct loader *);
static int	 option_cmp(const void *, const void *);
static long	 option_index(const struct item *, double);
static int	 parse_multi(const struct item *, const char *,
		    struct answer *, char **);
static int	 decimals_of(const char *);
static void	 check_has(struct loader *, const char *, int,
		    const struct expr *);
static int	 step_decimals(double);
static void	 check_item_decimals(struct loader *, const char *,
		    const struct score *);
static unsigned	 parse_missing(struct loader *, const char *, unsigned);
static long	 utf8_invalid_at(const char *, size_t);

/* iniparser's error callback is global: it reports into this load. */
static struct loader *cur_loader;

static int
ini_error(const char *fmt, ...)
{
	va_list		 ap;
	char		 msg[2048], *p, *q;
	int		 line = 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cur_loader == NULL)
		return 0;
	/* "iniparser: syntax error in FILE (LINE):\n-> TEXT\n": the line
	 * number is before TEXT, which may hold a '(' too. */
	if ((q = strstr(msg, "\n-> ")) != NULL)
		*q = '\0';
	if ((p = strrchr(msg, '(')) != NULL && strstr(msg, "error in") != NULL)
		line = atoi(p + 1);
	else if ((p = strrchr(msg, '(')) != NULL && strstr(msg, "too long"))
		line = atoi(p + 1);
	if (q != NULL)
		*q = '\n';
	for (q = msg; *q != '\0'; q++)
		if (*q == '\n')
			*q = ' ';
	while (q > msg && q[-1] == ' ')
		*--q = '\0';
	if (line == 1 && cur_loader->bom)
		;	/* the BOM glued to line 1: reported already */
	else if (strstr(msg, "syntax error") != NULL &&
	    (p = strstr(msg, "-> ")))
		err(cur_loader, line, "syntax error: '%s' is not a section, "
		    "a key = value line or a comment", p + 3);
	else if (strstr(msg, "too long") != NULL)
		;	/* reported by the raw scan with its length */
	else if (strstr(msg, "cannot open") == NULL)
		err(cur_loader, line, "%s", msg);
	return 0;
}

static void
err(struct loader *l, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(l->d, DIAG_ERROR, l->file, line, "%s", m);
	free(m);
	l->broken = 1;
}

static void
warn(struct loader *l, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(l->d, DIAG_WARNING, l->file, line, "%s", m);
	free(m);
}

static int
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

static char *
lower_trim(const char *s, size_t n)
{
	char	*p;
	size_t	 i;

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	p = xstrndup(s, n);
	for (i = 0; p[i] != '\0'; i++)
		p[i] = (char)tolower((unsigned char)p[i]);
	return p;
}

static void
raw_add(struct raw *r, char *sec, char *key, char *value, int quoted,
    int line)
{
	struct rawent	*e;

	if (r->n == r->cap) {
		r->cap = r->cap == 0 ? 64 : r->cap * 2;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	e = &r->v[r->n++];
	e->sec = sec;
	e->key = key;
	e->value = value;
	e->quoted = quoted;
	e->line = line;
	e->endline = line;
	e->longval = 0;
}

static void
raw_free(struct raw *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].sec);
		free(r->v[i].key);
		free(r->v[i].value);
	}
	free(r->v);
}

/*
 * The raw scan.  It follows iniparser 4.1's rules for a line: trimmed;
 * '#' or ';' first = comment; "[name]" = section; "key = value" where a
 * value in double or single quotes is kept whole and an unquoted value
 * ends at the first ';' or '#'; a trailing backslash joins the next line.
 */
static void
raw_scan(struct loader *l, const char *data, size_t len)
{
	const char	*p = data, *end = data + len, *nl, *eq, *cut;
	char		*sec = xstrdup(""), *line = NULL, *key, *val, *t;
	size_t		 n, i;
	int		 lineno = 0, startline = 0, cont = 0, quoted;
	int		 longent;
	struct buf	 joined;
	long		 bad;

	buf_init(&joined);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		err(l, 1, "the file starts with a byte-order mark; save it "
		    "as UTF-8 without BOM");
		l->bom = 1;
		p += 3;
	}
	if ((bad = utf8_invalid_at(data, len)) != -1) {
		for (i = 0, lineno = 1; i < (size_t)bad; i++)
			lineno += data[i] == '\n';
		err(l, lineno, "invalid UTF-8 (byte %ld); save the file as "
		    "UTF-8", bad + 1);
		lineno = 0;
	}
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > INI_MAXLINE)
			err(l, lineno, "line is %zu bytes long; the limit is "
			    "%d", n, INI_MAXLINE);
		if (memchr(p, '\0', n) != NULL)
			err(l, lineno, "line contains a NUL byte");
		else {
			/* Text reaches terminals: no control characters
			 * (tab and a CR before the newline are fine). */
			for (i = 0; i < n; i++)
				if (((unsigned char)p[i] < 0x20 &&
				    p[i] != '\t' &&
				    !(p[i] == '\r' && i + 1 == n)) ||
				    p[i] == 0x7f) {
					err(l, lineno, "control character "
					    "\\x%02x in column %zu",
					    (unsigned char)p[i], i + 1);
					break;
				}
		}
		free(line);
		line = xstrndup(p, n);
		p = nl != NULL ? nl + 1 : end;
		/* Trim like iniparser: trailing space first, then check the
		 * continuation backslash. */
		t = line + strlen(line);
		while (t > line && isspace((unsigned char)t[-1]))
			*--t = '\0';
		if (!cont)
			startline = lineno;
		if (t > line && t[-1] == '\\') {
			t[-1] = '\0';
			if (p >= end)
				err(l, lineno, "backslash at the end of the "
				    "last line: iniparser drops this key");
			buf_puts(&joined, line);
			cont = 1;
			continue;
		}
		longent = 0;
		if (cont) {
			buf_puts(&joined, line);
			free(line);
			line = buf_take(&joined);
			cont = 0;
			/* A formula may be as long as the formula language
			 * allows (EXPR_MAXLEN): it is read here. */
			if (strlen(line) > INI_MAXLINE && is_formula_key(line))
				longent = 1;
			else if (strlen(line) > INI_MAXLINE)
				err(l, startline, "the lines joined by '\\' "
				    "from here make %zu bytes; the limit is "
				    "%d", strlen(line), INI_MAXLINE);
		}
		for (t = line; isspace((unsigned char)*t); t++)
			;
		if (*t == '\0' || *t == '#' || *t == ';')
			continue;
		if (*t == '[') {
			if ((cut = strchr(t, ']')) == NULL)
				continue;	/* iniparser reports it */
			free(sec);
			sec = lower_trim(t + 1, (size_t)(cut - t - 1));
			if (strchr(sec, ':') != NULL)
				err(l, startline, "section name [%s] must not "
				    "contain ':'", sec);
			raw_add(&l->raw, xstrdup(sec), NULL, NULL, 0,
			    startline);
			continue;
		}
		if ((eq = strchr(t, '=')) == NULL)
			continue;		/* iniparser reports it */
		key = lower_trim(t, (size_t)(eq - t));
		for (val = (char *)eq + 1; isspace((unsigned char)*val); val++)
			;
		if (*sec == '\0')
			err(l, startline, "key '%s' is outside any section",
			    key);
		if ((*val == '"' || *val == '\'') &&
		    strchr(val + 1, *val) == NULL)
			err(l, startline, "[%s]: %s: the quote %c is not "
			    "closed", sec, key, *val);
		quoted = 0;
		if ((*val == '"' || *val == '\'') &&
		    (cut = strchr(val + 1, *val)) != NULL) {
			quoted = 1;
			val = xstrndup(val + 1, (size_t)(cut - val - 1));
		} else {
			n = strcspn(val, ";#");
			if (val[n] != '\0' && in_list(key, text_keys) &&
			    *val != '"' && *val != '\'') {
				for (i = n; i > 0 &&
				    isspace((unsigned char)val[i - 1]); i--)
					;
				if (i > 0)
					warn(l, startline, "[%s]: %s: text "
					    "after '%c' is dropped; put the "
					    "value in double quotes", sec, key,
					    val[n]);
			}
			while (n > 0 && isspace((unsigned char)val[n - 1]))
				n--;
			val = xstrndup(val, n);
			if (strcmp(val, "\"\"") == 0 ||
			    strcmp(val, "''") == 0)
				val[0] = '\0';
		}
		if (strchr(key, ':') != NULL)
			err(l, startline, "key '%s' must not contain ':'",
			    key);
		raw_add(&l->raw, xstrdup(sec), key, val, quoted, startline);
		l->raw.v[l->raw.n - 1].endline = lineno;
		l->raw.v[l->raw.n - 1].longval = longent;
	}
	if (cont)
		buf_free(&joined);
	free(line);
	free(sec);

	/* Index the sections and keys, and find duplicates: iniparser
	 * merges repeated sections and keeps the last of repeated keys. */
	raw_index(l);
}

/* Whether a line is "formula = ..." or "when = ..." (any case). */
static int
is_formula_key(const char *line)
{
	size_t	 n;

	while (isspace((unsigned char)*line))
		line++;
	if (strncasecmp(line, "formula", 7) == 0)
		n = 7;
	else if (strncasecmp(line, "when", 4) == 0)
		n = 4;
	else
		return 0;
	for (line += n; *line == ' ' || *line == '\t'; line++)
		;
	return *line == '=';
}

/*
 * The bytes iniparser reads: the file, with the lines of each formula
 * joined past its line limit left blank (scale_load_mem sets those
 * values itself).  Returns NULL when there is none.
 */
static char *
ini_copy(const struct loader *l, const char *data, size_t len, size_t *outlen)
{
	struct buf	 b;
	const char	*p = data, *end = data + len, *nl;
	size_t		 i, k;
	int		 lineno = 0, blank;

	for (k = 0; k < l->raw.n && !l->raw.v[k].longval; k++)
		;
	if (k == l->raw.n)
		return NULL;
	buf_init(&b);
	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		blank = 0;
		for (i = k; i < l->raw.n; i++)
			if (l->raw.v[i].longval && lineno >= l->raw.v[i].line &&
			    lineno <= l->raw.v[i].endline)
				blank = 1;
		if (!blank)
			buf_add(&b, p, nl != NULL ? (size_t)(nl - p) :
			    (size_t)(end - p));
		if (nl != NULL)
			buf_putc(&b, '\n');
		p = nl != NULL ? nl + 1 : end;
	}
	*outlen = b.len;
	return b.data != NULL ? buf_take(&b) : xstrdup("");
}

/* The values ini_copy() kept from iniparser, set in its dictionary. */
static void
set_long_values(struct loader *l)
{
	const struct rawent	*e;
	char			*k;
	size_t			 i;

	for (i = 0; i < l->raw.n; i++) {
		e = &l->raw.v[i];
		if (!e->longval || *e->sec == '\0' ||
		    strchr(e->sec, ':') != NULL)
			continue;
		k = xasprintf("%s:%s", e->sec, e->key);
		if (iniparser_set(l->dict, k, e->value) != 0)
			err(l, e->line, "cannot keep the value of %s", k);
		free(k);
	}
}

static void
raw_index(struct loader *l)
{
	struct rawsec	*cur = NULL;
	size_t		 i, k;
	int		 j;

	l->secs = xcalloc(l->raw.n + 1, sizeof(*l->secs));
	strindex_init(&l->secidx, 64);
	for (i = 0; i < l->raw.n; i++) {
		const struct rawent *e = &l->raw.v[i];

		if (e->key == NULL || cur == NULL ||
		    strcmp(cur->name, e->sec) != 0) {
			/* iniparser does not see sections with ':'. */
			if (*e->sec == '\0' || strchr(e->sec, ':') != NULL) {
				cur = NULL;
				continue;
			}
			j = (int)strindex_find(&l->secidx, e->sec,
			    strlen(e->sec));
			if (j == -1) {
				j = l->nsecs;
				strindex_add(&l->secidx, e->sec, (size_t)j);
				l->secs[l->nsecs].name = e->sec;
				l->secs[l->nsecs++].first = e;
			} else if (e->key == NULL)
				/* iniparser merges it, silently */
				err(l, e->line, "duplicate section [%s] "
				    "(first at line %d)", e->sec,
				    l->secs[j].first->line);
			cur = &l->secs[j];
		}
		if (e->key == NULL || strchr(e->key, ':') != NULL)
			continue;
		for (k = 0; k < cur->nkeys; k++)
			if (strcmp(cur->keys[k], e->key) == 0)
				break;
		if (k < cur->nkeys) {
			/* iniparser keeps the last, silently */
			err(l, e->line, "duplicate key '%s' in [%s] (first at "
			    "line %d)", e->key, e->sec, cur->kents[k]->line);
			continue;
		}
		cur->keys = xreallocarray(cur->keys, cur->nkeys + 2,
		    sizeof(*cur->keys));
		cur->kents = xreallocarray(cur->kents, cur->nkeys + 1,
		    sizeof(*cur->kents));
		cur->kents[cur->nkeys] = e;
		cur->keys[cur->nkeys++] = e->key;
		cur->keys[cur->nkeys] = NULL;
	}
}

static void
raw_index_free(struct loader *l)
{
	int	 i;

	for (i = 0; i < l->nsecs; i++) {
		free(l->secs[i].keys);
		free(l->secs[i].kents);
	}
	free(l->secs);
	strindex_free(&l->secidx);
	strindex_free(&l->dictidx);
}

/* The position of section sec in l->secs, or -1. */
static int
sec_find(const struct loader *l, const char *sec)
{
	return (int)strindex_find(&l->secidx, sec, strlen(sec));
}

static const struct rawent *
raw_find(const struct loader *l, const char *sec, const char *key)
{
	const struct rawsec	*rs;
	int			 i;
	size_t			 k;

	if ((i = sec_find(l, sec)) == -1)
		return NULL;
	rs = &l->secs[i];
	if (key == NULL)
		return rs->first;
	for (k = 0; k < rs->nkeys; k++)
		if (strcmp(rs->keys[k], key) == 0)
			return rs->kents[k];
	return NULL;
}

static int
raw_line(const struct loader *l, const char *sec, const char *key)
{
	const struct rawent	*e;

	if ((e = raw_find(l, sec, key)) == NULL && key != NULL)
		e = raw_find(l, sec, NULL);
	return e != NULL ? e->line : 0;
}

/* Offset of the first byte that is not valid UTF-8, or -1. */
static long
utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	unsigned int		 c;

	while (i < len) {
		c = p[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return (long)i;
		for (k = 1; k <= n; k++)
			if (i + k >= len || (p[i + k] & 0xc0) != 0x80)
				return (long)i;
		i += n + 1;
	}
	return -1;
}

static enum sectype
sec_type(const char *sec, const char **name)
{
	size_t	 i, n;

	if (strcmp(sec, "scale") == 0) {
		*name = sec;
		return SEC_SCALE;
	}
	for (i = 1; sec_prefixes[i] != NULL; i++) {
		n = strlen(sec_prefixes[i]);
		if (strncmp(sec, sec_prefixes[i], n) == 0) {
			*name = sec + n;
			return (enum sectype)i;
		}
	}
	*name = sec;
	return SEC_UNKNOWN;
}

/*
 * Indexes the dictionary's entries by their full names ("sec:key", or
 * "sec" for a section): iniparser finds an entry by scanning them all,
 * which made building a scale quadratic in its size.
 */
static void
dict_index(struct loader *l)
{
	ssize_t	 i;

	strindex_init(&l->dictidx, (size_t)l->dict->n);
	for (i = 0; i < l->dict->size; i++)
		if (l->dict->key[i] != NULL)
			strindex_add(&l->dictidx, l->dict->key[i], (size_t)i);
}

/* 1 if the dictionary has an entry of that exact name (what
 * iniparser_find_entry answers). */
static int
dict_has(const struct loader *l, const char *name)
{
	return strindex_find(&l->dictidx, name, strlen(name)) != (size_t)-1;
}

/* The value of sec:key from the dictionary, or NULL; the name is
 * lower-cased first, as iniparser_getstring() does. */
static const char *
get(struct loader *l, const char *sec, const char *key)
{
	char		 k[2 * INI_MAXLINE + 2];
	size_t		 ns = strlen(sec), nk = strlen(key), i, pos;

	if (ns + nk + 1 >= sizeof(k))
		return NULL;
	for (i = 0; i < ns; i++)
		k[i] = (char)tolower((unsigned char)sec[i]);
	k[ns] = ':';
	for (i = 0; i < nk; i++)
		k[ns + 1 + i] = (char)tolower((unsigned char)key[i]);
	if ((pos = strindex_find(&l->dictidx, k, ns + 1 + nk)) == (size_t)-1)
		return NULL;
	return l->dict->val[pos];
}

static char *
dupget(struct loader *l, const char *sec, const char *key)
{
	const char	*v;

	v = get(l, sec, key);
	return v != NULL && *v != '\0' ? xstrdup(v) : NULL;
}

/* Keys of a section in file order, NULL-terminated; caller frees the
 * array (not the strings, which belong to the raw table). */
static const char **
sec_keys(struct loader *l, const char *sec)
{
	const char	**out;
	int		  i;

	if ((i = sec_find(l, sec)) == -1)
		return xcalloc(1, sizeof(*out));
	out = xcalloc(l->secs[i].nkeys + 1, sizeof(*out));
	if (l->secs[i].nkeys > 0)
		memcpy(out, l->secs[i].keys, l->secs[i].nkeys * sizeof(*out));
	return out;
}

const char *
scale_parser_id(void)
{
	static char	 id[PATH_MAX + 64];
	union {
		dictionary	*(*fn)(const char *);
		void		*p;
	} u;
	Dl_info		 info;
	struct stat	 sb;

	if (id[0] != '\0')
		return id;
	snprintf(id, sizeof(id), "unknown");
	u.p = NULL;
	u.fn = iniparser_load;
	if (dladdr(u.p, &info) != 0 && info.dli_fname != NULL &&
	    stat(info.dli_fname, &sb) == 0)
		snprintf(id, sizeof(id), "%s %lld %lld", info.dli_fname,
		    (long long)sb.st_size, (long long)sb.st_mtime);
	return id;
}

struct scale *
scale_load(const char *path, struct diag *d)
{
	char		*data;
	size_t		 len;
	struct scale	*s;

	if ((data = read_file(path, &len)) == NULL) {
		diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s",
		    fsdir_strerror(errno));
		return NULL;
	}
	s = scale_load_mem(path, data, len, d);
	free(data);
	return s;
}

struct scale *
scale_load_mem(const char *name, const char *data, size_t len,
    struct diag *d)
{
	struct loader	 l;
	struct diag	 local;
	char		 tmpl[] = "/tmp/rater-scale-XXXXXX";
	const char	*path = name, *wdata = data;
	char		*copy = NULL;
	int		 fd = -1;
	size_t		 off, wlen = len, copylen = 0;
	ssize_t		 w;

	memset(&l, 0, sizeof(l));
	if (d == NULL) {
		diag_init(&local);
		d = &local;
	}
	l.file = name;
	l.d = d;
	raw_scan(&l, data, len);
	if (l.raw.n > SCALE_MAX_ENTRIES) {
		err(&l, l.raw.v[SCALE_MAX_ENTRIES].line, "the file holds %zu "
		    "sections and keys; a scale file may hold at most %d",
		    l.raw.n, SCALE_MAX_ENTRIES);
		goto out;
	}

	/* iniparser reads from a path: make sure it reads these bytes.
	 * It would follow a link: a file in the data directory is always
	 * given to it as a copy; so is a file with a long formula. */
	if ((copy = ini_copy(&l, data, len, &copylen)) != NULL) {
		path = NULL;
		wdata = copy;
		wlen = copylen;
	} else if (fsdir_is_below_root(name))
		path = NULL;
	else {
		char	*again;
		size_t	 alen;

		again = read_file(name, &alen);
		if (again == NULL || alen != len ||
		    memcmp(again, data, len) != 0)
			path = NULL;
		free(again);
	}
	if (path == NULL) {
		if ((fd = mkstemp(tmpl)) == -1) {
			err(&l, 0, "cannot make a temporary file: %s",
			    strerror(errno));
			goto out;
		}
		for (off = 0; off < wlen; off += (size_t)w)
			if ((w = write(fd, wdata + off, wlen - off)) <= 0) {
				err(&l, 0, "cannot write a temporary file");
				goto out;
			}
		path = tmpl;
	}
	cur_loader = &l;
	iniparser_set_error_callback(ini_error);
	l.dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	cur_loader = NULL;
	/* The copy has served: remove it before building, so that nothing
	 * that stops the process while building leaves it in /tmp. */
	if (fd != -1) {
		close(fd);
		unlink(tmpl);
		fd = -1;
	}
	if (l.dict == NULL) {
		if (d->nerrors == 0)
			err(&l, 0, "cannot parse the file");
		goto out;
	}
	set_long_values(&l);
	dict_index(&l);
	l.s = xcalloc(1, sizeof(*l.s));
	l.s->path = xstrdup(name);
	sha256_data_hex(data, len, l.s->sha256);
	memcpy(l.s->file_sha256, l.s->sha256, sizeof(l.s->sha256));
	build(&l);
	scale_identity(l.s);
out:
	free(copy);
	if (fd != -1) {
		close(fd);
		unlink(tmpl);
	}
	if (l.dict != NULL)
		iniparser_freedict(l.dict);
	raw_index_free(&l);
	raw_free(&l.raw);
	diag_sort(d);
	if (d == &local)
		diag_free(&local);
	if (l.s != NULL && d->nerrors > 0 && d != &local) {
		scale_free(l.s);
		return NULL;
	}
	if (l.s != NULL && l.broken) {
		scale_free(l.s);
		return NULL;
	}
	return l.s;
}

static void
build(struct loader *l)
{
	int		 nsec, i;
	const char	*sec, *name;
	enum sectype	 t;

	nsec = l->nsecs;
	for (i = 0; i < nsec; i++) {
		sec = l->secs[i].name;
		if (sec == NULL)
			continue;
		t = sec_type(sec, &name);
		if (t == SEC_UNKNOWN) {
			char	 guess[256];
			const char *g = NULL;
			size_t	 j;

			/* Suggest by the part before the first '.'. */
			for (j = 0; sec_prefixes[j] != NULL; j++) {
				char pre[64];
				const char *dot = strchr(sec, '.');
				size_t n = dot ? (size_t)(dot - sec + 1) :
				    strlen(sec);

				snprintf(pre, sizeof(pre), "%.*s", (int)n,
				    sec);
				if (str_distance(pre, sec_prefixes[j]) <= 2) {
					g = sec_prefixes[j];
					break;
				}
			}
			if (g != NULL) {
				const char *dot = strchr(sec, '.');
				snprintf(guess, sizeof(guess), "%s%s", g,
				    dot && strcmp(g, "scale") != 0 ? dot + 1 :
				    "");
				err(l, raw_line(l, sec, NULL), "unknown "
				    "section [%s]; did you mean [%s]?", sec,
				    guess);
			} else
				err(l, raw_line(l, sec, NULL), "unknown "
				    "section [%s]", sec);
			continue;
		}
		if (t == SEC_CHOICES) {
			static const char *const none[] = { NULL };

			check_keys(l, sec, none, 1);
		}
		if (t != SEC_SCALE && *name == '\0')
			err(l, raw_line(l, sec, NULL), "section [%s] needs a "
			    "name after the '.'", sec);
		else if (t != SEC_SCALE && t != SEC_TEST && !is_ident(name))
			err(l, raw_line(l, sec, NULL), "[%s]: '%s' is not a "
			    "valid id (a letter or '_', then letters, digits "
			    "or '_')",
			    sec, name);
	}
	build_header(l);
	build_items(l);
	build_bandsets(l);
	build_tables(l);
	build_scores(l);
	build_flags(l);
	build_missing_flags(l);
	if (l->s->nitems == 0)
		err(l, raw_line(l, "scale", NULL), "the scale has no "
		    "[item.*] sections");
	check_usage(l);
	order_scores(l);
	check_bounds(l);
	build_tests(l);
}

/* Checks that every key of a section is known. */
static void
check_keys(struct loader *l, const char *sec, const char *const *known,
    int numeric_ok)
{
	const char	**keys;
	const char	 *g;
	double		  v;
	size_t		  i;

	keys = sec_keys(l, sec);
	for (i = 0; keys[i] != NULL; i++) {
		if (in_list(keys[i], known))
			continue;
		if (numeric_ok && (parse_number(keys[i], &v) == 0 ||
		    isdigit((unsigned char)keys[i][0]) || keys[i][0] == '-' ||
		    keys[i][0] == '.'))
			continue;	/* an option: build_options
					   checks it */
		if ((g = str_suggest(keys[i], known)) != NULL)
			err(l, raw_line(l, sec, keys[i]), "[%s]: unknown key "
			    "'%s'; did you mean '%s'?", sec, keys[i], g);
		else
			err(l, raw_line(l, sec, keys[i]), "[%s]: unknown key "
			    "'%s'", sec, keys[i]);
	}
	free(keys);
}

/* A `loinc = NNNNN-N` key: the code, checked (form and LOINC's mod 10
 * check digit), or NULL when absent or wrong (an error). */
static char *
get_loinc(struct loader *l, const char *sec)
{
	const char	*v;

	if ((v = get(l, sec, "loinc")) == NULL)
		return NULL;
	if (!loinc_is_valid(v)) {
		err(l, raw_line(l, sec, "loinc"), "[%s]: loinc '%s' is not a "
		    "LOINC code (digits, '-', a check digit: 44261-6)", sec,
		    v);
		return NULL;
	}
	return xstrdup(v);
}

static void
build_header(struct loader *l)
{
	struct scale	*s = l->s;
	const char	*stem, *p, *e;
	int		 line;

	if (!dict_has(l, "scale")) {
		err(l, 1, "missing section [scale]");
		return;
	}
	line = raw_line(l, "scale", NULL);
	check_keys(l, "scale", scale_keys, 0);
	s->id = dupget(l, "scale", "id");
	s->title = dupget(l, "scale", "title");
	s->version = dupget(l, "scale", "version");
	s->respondent = dupget(l, "scale", "respondent");
	s->timeframe = dupget(l, "scale", "timeframe");
	s->instructions = dupget(l, "scale", "instructions");
	s->citation = dupget(l, "scale", "citation");
	s->license = dupget(l, "scale", "license");
	s->status = dupget(l, "scale", "status");
	s->status_note = dupget(l, "scale", "status_note");
	s->loinc = get_loinc(l, "scale");
	if (s->id == NULL)
		err(l, line, "[scale]: missing key 'id'");
	else {
		for (p = s->id; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '_' ||
			    *p == '-'))
				break;
		if (*p != '\0' || strlen(s->id) > 64)
			err(l, raw_line(l, "scale", "id"), "scale id '%s' may "
			    "contain only a-z, 0-9, '_' and '-' (at most 64)",
			    s->id);
		stem = strrchr(l->file, '/');
		stem = stem != NULL ? stem + 1 : l->file;
		e = strrchr(stem, '.');
		if (e != NULL && strcmp(e, ".ini") == 0 &&
		    (strlen(s->id) != (size_t)(e - stem) ||
		    strncmp(s->id, stem, (size_t)(e - stem)) != 0))
			err(l, raw_line(l, "scale", "id"), "scale id '%s' "
			    "must match the file name '%.*s.ini'", s->id,
			    (int)(e - stem), stem);
	}
	if (s->title == NULL)
		err(l, line, "[scale]: missing key 'title'");
	if (s->version == NULL)
		err(l, line, "[scale]: missing key 'version'");
	if (s->respondent != NULL && strcmp(s->respondent, "patient") != 0 &&
	    strcmp(s->respondent, "clinician") != 0 &&
	    strcmp(s->respondent, "informant") != 0)
		err(l, raw_line(l, "scale", "respondent"), "respondent '%s' "
		    "is not one of patient, clinician, informant",
		    s->respondent);
	if (s->status != NULL && strcmp(s->status, "verified") != 0 &&
	    strcmp(s->status, "provisional") != 0)
		err(l, raw_line(l, "scale", "status"), "status '%s' is not "
		    "one of verified, provisional", s->status);
	if (s->status != NULL && strcmp(s->status, "provisional") == 0 &&
	    s->status_note == NULL)
		warn(l, raw_line(l, "scale", "status"), "a provisional scale "
		    "should say in status_note what is not yet confirmed");
	if (s->citation == NULL)
		warn(l, line, "[scale]: no citation of the source instrument");
	s->missing = parse_missing(l, "scale", MISSING_ALL);
}

/* `missing = na unk ref` (or `none`); def when the key is absent. */
static unsigned
parse_missing(struct loader *l, const char *sec, unsigned def)
{
	const char	*v;
	char		*list, *tok, *save;
	unsigned	 m = 0;

	if ((v = get(l, sec, "missing")) == NULL)
		return def;
	if (*v == '\0') {
		err(l, raw_line(l, sec, "missing"), "[%s]: missing needs "
		    "one or more of na, unk, ref, or none", sec);
		return def;
	}
	list = xstrdup(v);
	for (tok = strtok_r(list, " ,\t", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,\t", &save)) {
		if (strcmp(tok, "na") == 0)
			m |= MISSING_NA;
		else if (strcmp(tok, "unk") == 0)
			m |= MISSING_UNK;
		else if (strcmp(tok, "ref") == 0)
			m |= MISSING_REF;
		else if (strcmp(tok, "none") != 0)
			err(l, raw_line(l, sec, "missing"), "[%s]: missing "
			    "code '%s' is not one of na, unk, ref, none", sec,
			    tok);
	}
	free(list);
	return m;
}

static int
option_cmp(const void *a, const void *b)
{
	const struct option	*x = a, *y = b;

	return x->value < y->value ? -1 : x->value > y->value;
}

/*
 * Collects the numeric keys of a section as options.  Returns how many
 * were found.
 */
static int
build_options(struct loader *l, const char *sec, struct item *it)
{
	const char	**keys;
	const char	 *label;
	double		  v;
	size_t		  i, j, n = 0;

	keys = sec_keys(l, sec);
	for (i = 0; keys[i] != NULL; i++)
		if (parse_number(keys[i], &v) == 0)
			n++;
		else if (keys[i][0] == '-' ||
		    isdigit((unsigned char)keys[i][0]) || keys[i][0] == '.')
			err(l, raw_line(l, sec, keys[i]), "[%s]: option value "
			    "'%s' is not a number", sec, keys[i]);
	if (n == 0) {
		free(keys);
		return 0;
	}
	it->opts = xcalloc(n, sizeof(*it->opts));
	for (i = 0; keys[i] != NULL; i++) {
		if (parse_number(keys[i], &v) != 0)
			continue;
		label = get(l, sec, keys[i]);
		if (label == NULL || *label == '\0')
			err(l, raw_line(l, sec, keys[i]), "[%s]: option %s "
			    "has no label", sec, keys[i]);
		for (j = 0; j < it->nopts; j++)
			if (num_eq(it->opts[j].value, v))
				err(l, raw_line(l, sec, keys[i]), "[%s]: "
				    "option %s has the same value as option "
				    "%s", sec, keys[i], it->opts[j].key);
		it->opts[it->nopts].value = v;
		it->opts[it->nopts].key = xstrdup(keys[i]);
		it->opts[it->nopts].label = xstrdup(label ? label : "");
		it->nopts++;
	}
	free(keys);
	qsort(it->opts, it->nopts, sizeof(*it->opts), option_cmp);
	return (int)n;
}

static int
parse_key_number(struct loader *l, const char *sec, const char *key,
    double *v)
{
	const char	*s;

	if ((s = get(l, sec, key)) == NULL || *s == '\0')
		return 0;
	if (parse_number(s, v) == -1) {
		err(l, raw_line(l, sec, key), "[%s]: %s '%s' is not a number",
		    sec, key, s);
		return -1;
	}
	return 1;
}

/* Whether an earlier item uses the same (empty) choice list. */
static int
said_empty(const struct scale *s, const struct item *it, const char *ch)
{
	const struct item	*p;

	for (p = s->items; p < it; p++)
		if (p->choices != NULL && strcmp(p->choices, ch) == 0)
			return 1;
	return 0;
}

static void
build_items(struct loader *l)
{
	struct scale	*s = l->s;
	struct item	*it;
	int		 nsec, i, line;
	const char	*sec, *name, *type, *ch;
	char		 csec[300];

	nsec = l->nsecs;
	s->items = xcalloc((size_t)nsec + 1, sizeof(*s->items));
	for (i = 0; i < nsec; i++) {
		sec = l->secs[i].name;
		if (sec == NULL || sec_type(sec, &name) != SEC_ITEM ||
		    !is_ident(name))
			continue;
		line = raw_line(l, sec, NULL);
		it = &s->items[s->nitems++];
		it->id = xstrdup(name);
		it->line = line;
		it->scored = 1;
		it->missing = parse_missing(l, sec, s->missing);
		check_keys(l, sec, item_keys, 1);
		it->text = dupget(l, sec, "text");
		it->help = dupget(l, sec, "help");
		it->group = dupget(l, sec, "group");
		it->when_src = dupget(l, sec, "when");
		it->loinc = get_loinc(l, sec);
		/* A hidden item is recorded as skipped, and na given for it
		 * is taken: an item with a show-if accepts na whatever its
		 * missing codes say. */
		if (it->when_src != NULL)
			it->missing |= MISSING_NA;
		if (it->text == NULL)
			err(l, line, "[%s]: missing key 'text'", sec);
		type = get(l, sec, "type");
		if (type == NULL || strcmp(type, "choice") == 0)
			it->type = ITEM_CHOICE;
		else if (strcmp(type, "number") == 0)
			it->type = ITEM_NUMBER;
		else if (strcmp(type, "text") == 0)
			it->type = ITEM_TEXT;
		else if (strcmp(type, "multi") == 0)
			it->type = ITEM_MULTI;
		else
			err(l, raw_line(l, sec, "type"), "[%s]: type '%s' is "
			    "not one of choice, multi, number, text", sec,
			    type);
		it->scored = parse_yes_no(l, sec, "scored", 1);
		build_item_safety(l, sec, it);
		ch = get(l, sec, "choices");
		if (ch != NULL) {
			it->choices = lower_trim(ch, strlen(ch));
			ch = it->choices;
		}
		if (it->type == ITEM_CHOICE || it->type == ITEM_MULTI) {
			if (ch != NULL) {
				snprintf(csec, sizeof(csec), "choices.%s", ch);
				if (!dict_has(l, csec))
					err(l, raw_line(l, sec, "choices"),
					    "[%s]: no section [choices.%s]",
					    sec, ch);
				else {
					if (build_options(l, sec, it) > 0)
						err(l, line, "[%s]: has both "
						    "choices = %s and its own "
						    "options", sec, ch);
					else if (build_options(l, csec, it) ==
					    0 && !said_empty(s, it, ch))
						err(l, raw_line(l, csec, NULL),
						    "[%s]: no options (value "
						    "= label lines)", csec);
				}
			} else
				build_options(l, sec, it);
			if (it->nopts == 0 && ch == NULL)
				err(l, line, "[%s]: a %s item needs "
				    "options (value = label lines) or "
				    "choices = NAME", sec, it->type ==
				    ITEM_MULTI ? "multi" : "choice");
			if (it->nopts > 0 && it->type == ITEM_CHOICE) {
				it->min = it->opts[0].value;
				it->max = it->opts[it->nopts - 1].value;
			}
			/* A multi item's value is how many are selected. */
			if (it->type == ITEM_MULTI) {
				it->min = 0;
				it->max = (double)it->nopts;
			}
			if (it->type == ITEM_MULTI &&
			    it->nopts > SCALE_MULTI_MAX)
				err(l, line, "[%s]: a multi item has at most "
				    "%d options, not %zu", sec,
				    SCALE_MULTI_MAX, it->nopts);
			if (get(l, sec, "min") || get(l, sec, "max") ||
			    get(l, sec, "step"))
				err(l, line, "[%s]: min, max and step are for "
				    "number items; a %s item takes its "
				    "values from its options", sec,
				    it->type == ITEM_MULTI ? "multi" :
				    "choice");
		} else {
			if (ch != NULL)
				err(l, raw_line(l, sec, "choices"), "[%s]: "
				    "choices is only for choice and multi "
				    "items", sec);
			if (build_options(l, sec, it) > 0 &&
			    it->type == ITEM_TEXT)
				err(l, line,
				    "[%s]: a text item has no options", sec);
		}
		if (it->type == ITEM_NUMBER) {
			if (parse_key_number(l, sec, "min", &it->min) == 0 ||
			    parse_key_number(l, sec, "max", &it->max) == 0)
				err(l, line, "[%s]: a number item needs min "
				    "and max", sec);
			else if (it->min >= it->max)
				err(l, raw_line(l, sec, "max"), "[%s]: max "
				    "must be greater than min", sec);
			if (parse_key_number(l, sec, "step", &it->step) == 1) {
				double n;

				if (it->step <= 0)
					err(l, raw_line(l, sec, "step"),
					    "[%s]: step must be positive",
					    sec);
				else {
					n = (it->max - it->min) / it->step;
					if (!num_eq(n, floor(n + 0.5)))
						err(l, raw_line(l, sec,
						    "step"), "[%s]: max - min "
						    "is not a whole number of "
						    "steps", sec);
				}
			}
		}
		if (it->type == ITEM_TEXT)
			it->scored = 0;
		if (strcmp(name, "and") == 0 || strcmp(name, "or") == 0 ||
		    strcmp(name, "not") == 0 || strcmp(name, "na") == 0)
			err(l, line, "[%s]: '%s' is a reserved word of "
			    "formulas; choose another id", sec, name);
	}
	number_items(l);
}

/*
 * The paper form's numbers: `number = 16A` as written (digits, then at
 * most one letter, upper-cased), else the number after the item
 * before's (1 for the first).  Items sharing a number's digits are the
 * alternatives of one paper item (16A, 16B): they count once in npaper.
 */
static void
number_items(struct loader *l)
{
	struct scale	*s = l->s;
	struct item	*it;
	const char	*v, *sec;
	char		 csec[300];
	size_t		 i, j, len;
	long		 prev = 0, n;
	int		 ok;

	s->npaper = 0;
	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		snprintf(csec, sizeof(csec), "item.%s", it->id);
		sec = csec;
		v = get(l, sec, "number");
		if (v != NULL) {
			len = strspn(v, "0123456789");
			ok = len > 0 && len <= 4 && (v[len] == '\0' ||
			    (isalpha((unsigned char)v[len]) &&
			    v[len + 1] == '\0'));
			if (!ok || (n = strtol(v, NULL, 10)) < 1) {
				err(l, raw_line(l, sec, "number"), "[%s]: "
				    "number '%s' is not a paper item number "
				    "(digits, then at most one letter: 16A)",
				    sec, v);
				n = prev + 1;
				it->number = xasprintf("%ld", n);
			} else {
				it->number = xstrdup(v);
				it->number[len] = (char)toupper(
				    (unsigned char)v[len]);
			}
		} else {
			n = prev + 1;
			it->number = xasprintf("%ld", n);
		}
		it->paper = n;
		for (j = 0; j < i; j++)
			if (strcmp(s->items[j].number, it->number) == 0)
				err(l, raw_line(l, sec, v != NULL ? "number" :
				    NULL), "[%s]: number %s is also item %s's",
				    sec, it->number, s->items[j].id);
		for (j = 0; j < i && s->items[j].paper != n; j++)
			;
		if (j == i)
			s->npaper++;
		prev = n;
	}
}

long
scale_item_by_number(const struct scale *s, const char *text, size_t from)
{
	size_t	 i;
	long	 n;

	for (i = from; i < s->nitems; i++)
		if (strcasecmp(s->items[i].number, text) == 0)
			return (long)i;
	if (parse_int(text, 1, 100000, &n) == 0)
		for (i = from; i < s->nitems; i++)
			if (s->items[i].paper == n)
				return (long)i;
	return -1;
}

static void
build_bandsets(struct loader *l)
{
	struct scale	*s = l->s;
	struct bandset	*bs;
	const char	**keys, *sec, *name;
	int		  nsec, i;
	size_t		  k;
	double		  v;

	nsec = l->nsecs;
	s->bandsets = xcalloc((size_t)nsec + 1, sizeof(*s->bandsets));
	for (i = 0; i < nsec; i++) {
		sec = l->secs[i].name;
		if (sec == NULL || sec_type(sec, &name) != SEC_BANDS ||
		    !is_ident(name))
			continue;
		bs = &s->bandsets[s->nbandsets++];
		bs->id = xstrdup(name);
		bs->line = raw_line(l, sec, NULL);
		keys = sec_keys(l, sec);
		for (k = 0; keys[k] != NULL; k++)
			;
		bs->bands = xcalloc(k + 1, sizeof(*bs->bands));
		for (k = 0; keys[k] != NULL; k++) {
			if (strcmp(keys[k], "label") == 0) {
				bs->label = dupget(l, sec, "label");
				if (bs->label == NULL)
					err(l, raw_line(l, sec, "label"),
					    "[%s]: label is empty", sec);
				continue;
			}
			if (parse_number(keys[k], &v) == -1) {
				err(l, raw_line(l, sec, keys[k]), "[%s]: band "
				    "lower bound '%s' is not a number (or "
				    "label)", sec, keys[k]);
				continue;
			}
			if (bs->nbands > 0 &&
			    !(v > bs->bands[bs->nbands - 1].lower))
				err(l, raw_line(l, sec, keys[k]), "[%s]: "
				    "lower bounds must ascend: %s after %g",
				    sec, keys[k],
				    bs->bands[bs->nbands - 1].lower);
			bs->bands[bs->nbands].lower = v;
			bs->bands[bs->nbands].label =
			    xstrdup(get(l, sec, keys[k]) ? get(l, sec,
			    keys[k]) : "");
			if (bs->bands[bs->nbands].label[0] == '\0')
				err(l, raw_line(l, sec, keys[k]), "[%s]: "
				    "band %s has no label", sec, keys[k]);
			bs->nbands++;
		}
		free(keys);
		if (bs->nbands == 0)
			err(l, bs->line, "[%s]: no bands (lower = label "
			    "lines)", sec);
	}
}

static struct expr *
parse_formula(struct loader *l, const char *sec, int line, const char *src,
    const struct expr_symtab *st)
{
	struct expr		*e;
	struct expr_error	 xe;
	char			 shown[FORMULA_SHOWN * 4 + 8];

	memset(&xe, 0, sizeof(xe));
	/* A long formula (up to 4096 bytes and more) is quoted by its
	 * start: the column says where. */
	if ((e = expr_parse(src, st, &xe)) == NULL)
		err(l, line, "[%s]: in '%s' at column %zu: %s", sec,
		    strlen(src) > FORMULA_SHOWN ? str_shown(shown,
		    sizeof(shown), src, strlen(src), FORMULA_SHOWN) : src,
		    xe.pos + 1, xe.msg[0] != '\0' ? xe.msg :
		    expr_strerror(xe.code));
	check_has(l, sec, line, e);
	return e;
}

/* Decimals of a step: the fewest that print it exactly (6 at most). */
static int
step_decimals(double step)
{
	int	 d;
	double	 p = 1;

	for (d = 0; d < 6; d++, p *= 10)
		if (num_eq(step * p, floor(step * p + 0.5)))
			return d;
	return 6;
}

/*
 * A score that is one number item alone must print the item's
 * decimals: a VAS answered 74.5 must not read 75 as a score.
 */
static void
check_item_decimals(struct loader *l, const char *sec,
    const struct score *sc)
{
	const struct item	*it;
	long			 sym;
	int			 need;

	sym = expr_single_sym(sc->formula);
	if (sym < 0 || (size_t)sym >= l->s->nitems)
		return;
	it = &l->s->items[sym];
	if (it->type != ITEM_NUMBER)
		return;
	need = it->step > 0 ? step_decimals(it->step) : 1;
	if (sc->decimals < need)
		warn(l, raw_line(l, sec, "formula"), "[%s]: prints %d "
		    "decimal%s, but item %s takes %s (%s): set decimals "
		    "= %d or more", sec, sc->decimals, sc->decimals == 1 ?
		    "" : "s", it->id, it->step > 0 ? "steps with more" :
		    "any decimals", it->step > 0 ? "a step's value would "
		    "print rounded" : "74.5 would print 75", need);
}

/* Each has(item, code) names one of the item's options. */
static void
check_has(struct loader *l, const char *sec, int line,
    const struct expr *e)
{
	const struct item	*it;
	size_t			 sym[16], n, i;
	double			 code[16];
	char			 v[64];

	n = expr_has_calls(e, sym, code, 16);
	for (i = 0; i < n; i++) {
		if (sym[i] >= l->s->nitems)
			continue;
		it = &l->s->items[sym[i]];
		if (it->type == ITEM_MULTI || it->type == ITEM_CHOICE ?
		    option_index(it, code[i]) == -1 :
		    !scale_value_is_valid(it, code[i]))
			err(l, line, "[%s]: has(%s, %s): %s is not %s of "
			    "%s", sec, it->id, fmt_num(v, sizeof(v),
			    code[i]), v, it->type == ITEM_NUMBER ?
			    "a value" : "an option", it->id);
	}
}

/*
 * The [table.NAME] sections: rows "KEY = VALUE" (KEY one number or
 * several comma-separated), or `file = NAME.csv` beside the scale file;
 * `default`, `min` and `max`.  Tables are built before the formulas
 * that look them up.
 */
static void
build_tables(struct loader *l)
{
	struct scale	*s = l->s;
	struct table	*t;
	const char	*sec, *name, *v, **keys;
	char		*cause;
	double		 k[TABLE_KEYS_MAX], num;
	size_t		 j, nk, nrows;
	int		 nsec, i, line, hasmin, hasmax;

	nsec = l->nsecs;
	s->tables = xcalloc((size_t)nsec + 1, sizeof(*s->tables));
	for (i = 0; i < nsec; i++) {
		sec = l->secs[i].name;
		if (sec == NULL || sec_type(sec, &name) != SEC_TABLE ||
		    !is_ident(name))
			continue;
		t = table_new(name, raw_line(l, sec, NULL));
		s->tables[s->ntables++] = t;
		hasmin = hasmax = 0;
		nrows = 0;
		keys = sec_keys(l, sec);
		for (j = 0; keys[j] != NULL; j++) {
			v = get(l, sec, keys[j]);
			line = raw_line(l, sec, keys[j]);
			if (in_list(keys[j], table_keys)) {
				if (strcmp(keys[j], "file") == 0) {
					t->file = xstrdup(v != NULL ? v : "");
					continue;
				}
				if (v == NULL || parse_number(v, &num) == -1) {
					err(l, line, "[%s]: %s '%s' is not a "
					    "number", sec, keys[j],
					    v != NULL ? v : "");
					continue;
				}
				if (strcmp(keys[j], "default") == 0) {
					t->has_default = 1;
					t->def = num;
				} else if (strcmp(keys[j], "min") == 0) {
					hasmin = 1;
					t->min = num;
				} else {
					hasmax = 1;
					t->max = num;
				}
				continue;
			}
			if ((nk = table_parse_key(keys[j], k)) == 0) {
				err(l, line, "[%s]: unknown key '%s' (a row is "
				    "KEY = VALUE, KEY one number or several "
				    "separated by commas; or file, default, "
				    "min, max)", sec, keys[j]);
				continue;
			}
			if (v == NULL || parse_number(v, &num) == -1) {
				err(l, line, "[%s]: the value '%s' of key %s is "
				    "not a number", sec, v != NULL ? v : "",
				    keys[j]);
				continue;
			}
			nrows++;
			if (table_add_row(t, k, nk, num, line, &cause) == -1) {
				err(l, line, "[%s]: %s", sec, cause);
				free(cause);
			}
		}
		free(keys);
		if (hasmin != hasmax)
			err(l, t->line, "[%s]: give both min and max, or "
			    "neither", sec);
		else if (hasmin && t->min > t->max)
			err(l, t->line, "[%s]: min is above max", sec);
		else
			t->has_range = hasmin;
		if (t->file != NULL) {
			if (nrows > 0)
				err(l, t->line, "[%s]: rows come from the "
				    "file %s or from the section, not both",
				    sec, t->file);
			else
				table_file(l, sec, t);
		}
		if (t->file == NULL)
			(void)table_finish(t, l->file, NULL, l->d);
	}
}

/*
 * Reads the CSV file of a table: its name is confined to the scale
 * file's directory (letters, digits, '_', '-', '.', ending in .csv, no
 * '/', not starting with '.').
 */
static void
table_file(struct loader *l, const char *sec, struct table *t)
{
	const char	*f = t->file, *slash;
	char		*path, *data;
	size_t		 i, len, n;
	int		 ok;

	n = strlen(f);
	ok = n > 4 && strcmp(f + n - 4, ".csv") == 0 && f[0] != '.';
	for (i = 0; ok && i < n; i++)
		ok = isalnum((unsigned char)f[i]) || f[i] == '_' ||
		    f[i] == '-' || f[i] == '.';
	if (!ok) {
		err(l, raw_line(l, sec, "file"), "[%s]: file '%s' must be "
		    "a NAME.csv beside the scale file (letters, digits, "
		    "'_', '-', '.'; no '/', not starting with '.')", sec, f);
		return;
	}
	slash = strrchr(l->file, '/');
	path = slash == NULL ? xstrdup(f) : xasprintf("%.*s/%s",
	    (int)(slash - l->file), l->file, f);
	if ((data = read_file_max(path, TABLE_FILE_MAX, &len)) == NULL) {
		err(l, raw_line(l, sec, "file"), "[%s]: cannot read %s: %s%s",
		    sec, path, fsdir_strerror(errno), errno == EFBIG ?
		    " (a table file may have at most 4 MiB)" : "");
		free(path);
		return;
	}
	sha256_data_hex(data, len, t->sha256);
	if (table_read_csv(t, path, data, len, l->d) == 0)
		(void)table_finish(t, l->file, path, l->d);
	free(data);
	free(path);
}

/*
 * `type = category`, `choices = NAME`: the score's whole-number values
 * name categories; their labels, from [choices.NAME], become its only
 * band set, matched exactly (score_compute).  Also the checks that a
 * score of another type has none of these keys.  Issue 14.6.
 */
static void
build_category(struct loader *l, const char *fsec, struct score *sc)
{
	struct scale	*s = l->s;
	struct bandset	*bs;
	struct item	 tmp;
	const char	*v;
	char		 csec[300], *ch;
	size_t		 k;
	int		 line = raw_line(l, fsec, "type");

	v = get(l, fsec, "type");
	if (v == NULL || strcmp(v, "number") == 0) {
		if (get(l, fsec, "choices") != NULL)
			err(l, raw_line(l, fsec, "choices"), "[%s]: choices "
			    "is a key of type = category", fsec);
		if (get(l, fsec, "digits") != NULL)
			err(l, raw_line(l, fsec, "digits"), "[%s]: digits "
			    "is a key of type = code", fsec);
		return;
	}
	if (strcmp(v, "category") != 0) {
		err(l, line, "[%s]: type '%s' is not one of number, "
		    "category, code", fsec, v);
		return;
	}
	sc->type = SCORE_CATEGORY;
	if (get(l, fsec, "digits") != NULL)
		err(l, raw_line(l, fsec, "digits"), "[%s]: digits is a key "
		    "of type = code", fsec);
	if (sc->decimals != 0)
		err(l, raw_line(l, fsec, "decimals"), "[%s]: a category is "
		    "a whole number: no decimals", fsec);
	if (sc->nbandsets > 0)
		err(l, raw_line(l, fsec, "bands"), "[%s]: a category's "
		    "labels are its choices: no bands", fsec);
	if (sc->responder != RESP_NONE)
		err(l, raw_line(l, fsec, "responder"), "[%s]: a category "
		    "has no responder rule (no change from baseline)", fsec);
	if ((v = get(l, fsec, "choices")) == NULL || *v == '\0') {
		err(l, line, "[%s]: a category needs choices = NAME (its "
		    "labels)", fsec);
		return;
	}
	ch = lower_trim(v, strlen(v));
	snprintf(csec, sizeof(csec), "choices.%s", ch);
	memset(&tmp, 0, sizeof(tmp));
	if (!dict_has(l, csec))
		err(l, raw_line(l, fsec, "choices"), "[%s]: no section "
		    "[choices.%s]", fsec, ch);
	else if (build_options(l, csec, &tmp) == 0)
		err(l, raw_line(l, csec, NULL), "[%s]: no options (value = "
		    "label lines)", csec);
	if (tmp.nopts == 0) {
		free(ch);
		return;
	}
	bs = &s->bandsets[s->nbandsets++];
	bs->id = ch;
	bs->line = raw_line(l, csec, NULL);
	bs->bands = xcalloc(tmp.nopts + 1, sizeof(*bs->bands));
	for (k = 0; k < tmp.nopts; k++) {
		if (tmp.opts[k].value != floor(tmp.opts[k].value))
			err(l, raw_line(l, csec, tmp.opts[k].key), "[%s]: %s "
			    "is not a whole number (a category of score "
			    "'%s')", csec, tmp.opts[k].key, sc->id);
		bs->bands[k].lower = tmp.opts[k].value;
		bs->bands[k].label = tmp.opts[k].label;
		free(tmp.opts[k].key);
	}
	bs->nbands = tmp.nopts;
	free(tmp.opts);
	free(sc->bandsets);
	sc->bandsets = xcalloc(1, sizeof(size_t));
	sc->bandsets[0] = (size_t)(bs - s->bandsets);
	sc->nbandsets = 1;
}

/*
 * `type = code`, `digits = ITEM...`: the items' values side by side,
 * "12321" (EQ-5D-type profiles).  Each item must take whole values 0 to
 * 9; the formula is made from them (10000 * a + 1000 * b + ...), so
 * range analysis, ordering and the basis work as for any score, and the
 * value prints zero-padded to the number of digits.  Issue 14.6.
 */
static void
build_code(struct loader *l, const char *fsec, struct score *sc,
    const struct expr_symtab *st)
{
	struct scale		*s = l->s;
	const struct item	*it;
	const char		*v;
	char			*list, *tok, *save;
	struct buf		 b;
	size_t			 j, k, n = 0;
	int			 line = raw_line(l, fsec, "digits"), ok;
	double			 p;
	static const char *const not_here[] = {
		"formula", "min", "max", "decimals", "bands", "choices",
		"responder", NULL
	};

	sc->type = SCORE_CODE;
	for (k = 0; not_here[k] != NULL; k++)
		if (get(l, fsec, not_here[k]) != NULL)
			err(l, raw_line(l, fsec, not_here[k]), "[%s]: a code "
			    "is made of its digits: no %s", fsec,
			    not_here[k]);
	if ((v = get(l, fsec, "digits")) == NULL || *v == '\0') {
		err(l, raw_line(l, fsec, NULL), "[%s]: a code needs digits "
		    "= ITEM... (the items whose values it joins)", fsec);
		return;
	}
	list = lower_trim(v, strlen(v));
	for (tok = strtok_r(list, " ,\t", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,\t", &save))
		n++;
	free(list);
	if (n > 15) {
		err(l, line, "[%s]: a code has at most 15 digits", fsec);
		return;
	}
	buf_init(&b);
	sc->min = sc->max = 0;
	list = lower_trim(v, strlen(v));
	k = 0;
	for (tok = strtok_r(list, " ,\t", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,\t", &save), k++) {
		for (j = 0; j < s->nitems && strcmp(s->items[j].id, tok) != 0;
		    j++)
			;
		if (j == s->nitems) {
			err(l, line, "[%s]: digits: '%s' is not an item",
			    fsec, tok);
			continue;
		}
		it = &s->items[j];
		ok = it->type == ITEM_CHOICE ? it->nopts > 0 :
		    it->type == ITEM_NUMBER && num_eq(it->step, 1) &&
		    it->min == floor(it->min);
		for (j = 0; ok && j < it->nopts; j++)
			ok = it->opts[j].value == floor(it->opts[j].value);
		if (!ok || it->min < 0 || it->max > 9) {
			err(l, line, "[%s]: digits: item '%s' must take whole "
			    "values from 0 to 9", fsec, tok);
			continue;
		}
		p = pow(10, (double)(n - 1 - k));
		buf_printf(&b, "%s%.0f * %s", b.len > 0 ? " + " : "", p, tok);
		sc->min += p * it->min;
		sc->max += p * it->max;
	}
	free(list);
	sc->ndigits = n;
	if (b.len > 0) {
		sc->formula_src = xstrdup(b.data);
		sc->formula = parse_formula(l, fsec, line, sc->formula_src,
		    st);
	}
	buf_free(&b);
}

static void
build_scores(struct loader *l)
{
	struct scale		*s = l->s;
	struct score		*sc;
	struct expr_symtab	 st;
	const char		*sec, *name, *v, *p;
	char			 fsec[300], *list, *tok, *save;
	int			 nsec, i, line;
	size_t			 j, n;
	long			 dec, bi;
	int			 rmin = 0, rmax = 0;
	double			 num;

	nsec = l->nsecs;
	s->scores = xcalloc((size_t)nsec + 1, sizeof(*s->scores));
	for (i = 0; i < nsec; i++) {
		sec = l->secs[i].name;
		if (sec == NULL || sec_type(sec, &name) != SEC_SCORE ||
		    !is_ident(name))
			continue;
		sc = &s->scores[s->nscores++];
		sc->id = xstrdup(name);
		sc->line = raw_line(l, sec, NULL);
		sc->loinc = get_loinc(l, sec);
		sc->higher_is_worse = 1;
		if (strcmp(name, "and") == 0 || strcmp(name, "or") == 0 ||
		    strcmp(name, "not") == 0 || strcmp(name, "na") == 0)
			err(l, sc->line, "[%s]: '%s' is a reserved word of "
			    "formulas; choose another id", sec, name);
		for (j = 0; j < s->nitems; j++)
			if (strcmp(s->items[j].id, name) == 0)
				err(l, sc->line, "score id '%s' is also an "
				    "item id", name);
	}
	/* The symbol table: items, then scores. */
	n = s->nitems + s->nscores;
	s->symnames = xcalloc(n + 1, sizeof(*s->symnames));
	for (j = 0; j < s->nitems; j++)
		s->symnames[j] = s->items[j].id;
	for (j = 0; j < s->nscores; j++)
		s->symnames[s->nitems + j] = s->scores[j].id;
	st.names = s->symnames;
	st.nsyms = n;
	st.nitems = s->nitems;
	st.tables = s->tables;
	st.ntables = s->ntables;

	for (j = 0; j < s->nscores; j++) {
		sc = &s->scores[j];
		snprintf(fsec, sizeof(fsec), "score.%s", sc->id);
		line = sc->line;
		check_keys(l, fsec, score_keys, 0);
		sc->label = dupget(l, fsec, "label");
		if (sc->label == NULL)
			sc->label = xstrdup(sc->id);
		v = get(l, fsec, "type");
		if (v != NULL && strcmp(v, "code") == 0) {
			/* Its formula, range and width are its digits'. */
			build_code(l, fsec, sc, &st);
			continue;
		}
		sc->formula_src = dupget(l, fsec, "formula");
		if (sc->formula_src == NULL)
			err(l, line, "[%s]: missing key 'formula'", fsec);
		else if ((sc->formula = parse_formula(l, fsec,
		    raw_line(l, fsec, "formula"), sc->formula_src,
		    &st)) == NULL)
			l->formulas_bad = 1;
		if ((rmin = parse_key_number(l, fsec, "min", &sc->min)) == 0 ||
		    (rmax = parse_key_number(l, fsec, "max", &sc->max)) == 0) {
			err(l, line, "[%s]: declare min and max (the range "
			    "the formula can reach)", fsec);
			sc->min = sc->max = NAN;
		} else if (rmin == -1 || rmax == -1)
			sc->min = sc->max = NAN;	/* reported */
		if ((v = get(l, fsec, "decimals")) != NULL) {
			if (parse_int(v, 0, 6, &dec) == -1)
				err(l, raw_line(l, fsec, "decimals"), "[%s]: "
				    "decimals must be a whole number from 0 "
				    "to 6", fsec);
			else
				sc->decimals = (int)dec;
		}
		if ((v = get(l, fsec, "direction")) != NULL) {
			if (strcmp(v, "higher-is-better") == 0)
				sc->higher_is_worse = 0;
			else if (strcmp(v, "higher-is-worse") != 0)
				err(l, raw_line(l, fsec, "direction"), "[%s]: "
				    "direction must be higher-is-worse or "
				    "higher-is-better", fsec);
		}
		if ((v = get(l, fsec, "responder")) != NULL) {
			line = raw_line(l, fsec, "responder");
			p = v + strlen(v);
			if (strncmp(v, "<=", 2) == 0 ||
			    strncmp(v, ">=", 2) == 0) {
				for (p = v + 2; *p == ' '; p++)
					;
				sc->responder = RESP_THRESHOLD;
				sc->responder_le = v[0] == '<';
				if (parse_number(p, &num) == -1)
					err(l, line, "[%s]: responder "
					    "threshold '%s' is not a number",
					    fsec, p);
				sc->responder_value = num;
				if ((v[0] == '<') !=
				    (sc->higher_is_worse != 0))
					warn(l, line, "[%s]: responder '%s' "
					    "points the other way from the "
					    "score's direction", fsec, v);
			} else if (p > v && p[-1] == '%') {
				char *t = xstrndup(v, (size_t)(p - v - 1));
				sc->responder = RESP_PERCENT;
				if (parse_number(t, &num) == -1 || num <= 0 ||
				    num > 100)
					err(l, line, "[%s]: responder '%s' is "
					    "not a percentage above 0 and at "
					    "most 100%%", fsec, v);
				sc->responder_value = num;
				free(t);
			} else if (parse_number(v, &num) == 0 && num > 0) {
				sc->responder = RESP_CHANGE;
				sc->responder_value = num;
			} else
				err(l, line, "[%s]: responder must be 'N%%', "
				    "a change N, '<= N' or '>= N'", fsec);
		}
		if ((v = get(l, fsec, "bands")) != NULL && *v != '\0') {
			list = lower_trim(v, strlen(v));
			sc->bandsets = xcalloc(strlen(v), sizeof(size_t));
			for (tok = strtok_r(list, " ,\t", &save); tok != NULL;
			    tok = strtok_r(NULL, " ,\t", &save)) {
				if ((bi = scale_bandset_index(s, tok)) == -1)
					err(l, raw_line(l, fsec, "bands"),
					    "[%s]: no section [bands.%s]",
					    fsec, tok);
				else
					sc->bandsets[sc->nbandsets++] =
					    (size_t)bi;
			}
			free(list);
		}
		build_category(l, fsec, sc);
	}
}

static void
build_flags(struct loader *l)
{
	struct scale		*s = l->s;
	struct flag		*f;
	struct expr_symtab	 st;
	const char		*sec, *name, *v;
	int			 nsec, i;

	st.names = s->symnames;
	st.nsyms = s->nitems + s->nscores;
	st.nitems = s->nitems;
	st.tables = s->tables;
	st.ntables = s->ntables;
	nsec = l->nsecs;
	s->flags = xcalloc((size_t)nsec + 1, sizeof(*s->flags));
	for (i = 0; i < nsec; i++) {
		sec = l->secs[i].name;
		if (sec == NULL || sec_type(sec, &name) != SEC_FLAG ||
		    !is_ident(name))
			continue;
		f = &s->flags[s->nflags++];
		f->id = xstrdup(name);
		f->line = raw_line(l, sec, NULL);
		check_keys(l, sec, flag_keys, 0);
		f->text = dupget(l, sec, "text");
		if (f->text == NULL)
			err(l, f->line, "[%s]: missing key 'text'", sec);
		f->when_src = dupget(l, sec, "when");
		if (f->when_src == NULL)
			err(l, f->line, "[%s]: missing key 'when'", sec);
		else
			f->when = parse_formula(l, sec,
			    raw_line(l, sec, "when"), f->when_src, &st);
		f->level = FLAG_WARNING;
		if ((v = get(l, sec, "level")) != NULL) {
			if (strcmp(v, "info") == 0)
				f->level = FLAG_INFO;
			else if (strcmp(v, "critical") == 0)
				f->level = FLAG_CRITICAL;
			else if (strcmp(v, "warning") != 0)
				err(l, raw_line(l, sec, "level"), "[%s]: "
				    "level '%s' is not one of info, warning, "
				    "critical", sec, v);
		}
	}
}

/* Parses every item's show-if; it may only look at earlier items. */
static void
build_when(struct loader *l)
{
	struct scale		*s = l->s;
	struct expr_symtab	 st;
	unsigned char		*used;
	char			 sec[300];
	size_t			 i, j;

	st.names = s->symnames;
	st.nsyms = s->nitems + s->nscores;
	st.nitems = s->nitems;
	st.tables = s->tables;
	st.ntables = s->ntables;
	used = xcalloc(st.nsyms + 1, 1);
	for (i = 0; i < s->nitems; i++) {
		if (s->items[i].when_src == NULL)
			continue;
		snprintf(sec, sizeof(sec), "item.%s", s->items[i].id);
		s->items[i].when = parse_formula(l, sec, raw_line(l, sec,
		    "when"), s->items[i].when_src, &st);
		if (s->items[i].when == NULL)
			continue;
		memset(used, 0, st.nsyms);
		expr_refs(s->items[i].when, used);
		for (j = i; j < st.nsyms; j++)
			if (used[j]) {
				err(l, raw_line(l, sec, "when"), "[%s]: "
				    "show-if may only use items before it, "
				    "not '%s'", sec, s->symnames[j]);
				break;
			}
	}
	free(used);
}

/* A yes/no key: 1 or 0, def when absent (and after an error). */
static int
parse_yes_no(struct loader *l, const char *sec, const char *key, int def)
{
	const char	*v;

	if ((v = get(l, sec, key)) == NULL)
		return def;
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	err(l, raw_line(l, sec, key), "[%s]: %s must be yes or no", sec,
	    key);
	return def;
}

/* required, missing_flag and missing_text of an item. */
static void
build_item_safety(struct loader *l, const char *sec, struct item *it)
{
	const char	*v;

	it->required = parse_yes_no(l, sec, "required", 0);
	if ((v = get(l, sec, "missing_flag")) != NULL) {
		if (strcmp(v, "info") == 0)
			it->missing_flag = 1 + FLAG_INFO;
		else if (strcmp(v, "warning") == 0)
			it->missing_flag = 1 + FLAG_WARNING;
		else if (strcmp(v, "critical") == 0)
			it->missing_flag = 1 + FLAG_CRITICAL;
		else
			err(l, raw_line(l, sec, "missing_flag"), "[%s]: "
			    "missing_flag '%s' is not one of info, warning, "
			    "critical", sec, v);
		if (get(l, sec, "missing_text") == NULL)
			err(l, raw_line(l, sec, "missing_flag"), "[%s]: "
			    "missing_flag needs missing_text, the flag's "
			    "text", sec);
	} else if (get(l, sec, "missing_text") != NULL)
		err(l, raw_line(l, sec, "missing_text"), "[%s]: "
		    "missing_text without missing_flag (its level)", sec);
	if ((it->required || it->missing_flag) && it->type == ITEM_TEXT)
		err(l, raw_line(l, sec, it->required ? "required" :
		    "missing_flag"), "[%s]: a text item cannot be required "
		    "or raise a missing_flag", sec);
}

/*
 * The flags of items' missing_flag, after the [flag.*] ones: id
 * ITEM_missing, raised by score_compute when the item is shown and has
 * no value.
 */
static void
build_missing_flags(struct loader *l)
{
	struct scale	*s = l->s;
	struct flag	*f;
	char		 sec[300], *id;
	size_t		 i, j, n = 0;

	for (i = 0; i < s->nitems; i++)
		n += s->items[i].missing_flag != 0;
	if (n == 0)
		return;
	s->flags = xreallocarray(s->flags, s->nflags + n + 1,
	    sizeof(*s->flags));
	for (i = 0; i < s->nitems; i++) {
		if (!s->items[i].missing_flag)
			continue;
		snprintf(sec, sizeof(sec), "item.%s", s->items[i].id);
		id = xasprintf("%s_missing", s->items[i].id);
		for (j = 0; j < s->nflags; j++)
			if (strcmp(s->flags[j].id, id) == 0)
				err(l, s->flags[j].line, "[flag.%s]: the id "
				    "is taken by the missing_flag of [%s]; "
				    "choose another", id, sec);
		f = &s->flags[s->nflags++];
		memset(f, 0, sizeof(*f));
		f->id = id;
		f->line = raw_line(l, sec, "missing_flag");
		f->level = (enum flag_level)(s->items[i].missing_flag - 1);
		f->text = dupget(l, sec, "missing_text");
		if (f->text == NULL)
			f->text = xstrdup("");
		f->when_src = xasprintf("%s has no value (missing_flag)",
		    s->items[i].id);
		f->on_missing = 1;
		f->item = i;
	}
}

static void
check_usage(struct loader *l)
{
	struct scale	*s = l->s;
	unsigned char	*inscore, *anywhere, *bsused;
	size_t		 n, i, j;
	int		 nsec, k, complete;
	const char	*sec, *name, *ch;
	char		 isec[300];

	build_when(l);
	n = s->nitems + s->nscores;
	inscore = xcalloc(n + 1, 1);
	anywhere = xcalloc(n + 1, 1);
	complete = 1;
	for (i = 0; i < s->nscores; i++)
		if (s->scores[i].formula != NULL)
			expr_refs(s->scores[i].formula, inscore);
		else
			complete = 0;	/* usage unknown: report no item */
	memcpy(anywhere, inscore, n);
	for (i = 0; i < s->nflags; i++)
		if (s->flags[i].when != NULL)
			expr_refs(s->flags[i].when, anywhere);
	for (i = 0; i < s->nitems; i++)
		if (s->items[i].when != NULL)
			expr_refs(s->items[i].when, anywhere);
	for (i = 0; i < s->nitems; i++) {
		struct item *it = &s->items[i];

		snprintf(isec, sizeof(isec), "item.%s", it->id);
		if (it->type == ITEM_TEXT && anywhere[i])
			err(l, it->line, "text item '%s' cannot be used in a "
			    "formula", it->id);
		else if (it->scored && !inscore[i] && s->nscores > 0 &&
		    complete)
			err(l, it->line, "item '%s' is not used by any score; "
			    "add it to a formula or declare scored = no",
			    it->id);
		else if (!it->scored && it->type != ITEM_TEXT && inscore[i])
			err(l, raw_line(l, isec, "scored"), "item '%s' is "
			    "declared scored = no but a score uses it",
			    it->id);
	}
	/* Band sets and choice lists that nothing uses. */
	bsused = xcalloc(s->nbandsets + 1, 1);
	for (i = 0; i < s->nscores; i++)
		for (j = 0; j < s->scores[i].nbandsets; j++)
			bsused[s->scores[i].bandsets[j]] = 1;
	for (i = 0; i < s->nbandsets; i++)
		if (!bsused[i])
			warn(l, s->bandsets[i].line, "[bands.%s] is not "
			    "used by any score", s->bandsets[i].id);
	nsec = l->nsecs;
	for (k = 0; k < nsec; k++) {
		sec = l->secs[k].name;
		if (sec == NULL || sec_type(sec, &name) != SEC_CHOICES)
			continue;
		for (i = 0; i < s->nitems; i++) {
			snprintf(isec, sizeof(isec), "item.%s",
			    s->items[i].id);
			ch = get(l, isec, "choices");
			if (ch != NULL && strcasecmp(ch, name) == 0)
				break;
		}
		/* A category score's labels count as used. */
		for (j = 0; i == s->nitems && j < s->nscores; j++) {
			snprintf(isec, sizeof(isec), "score.%s",
			    s->scores[j].id);
			ch = get(l, isec, "choices");
			if (s->scores[j].type == SCORE_CATEGORY &&
			    ch != NULL && strcasecmp(ch, name) == 0)
				break;
		}
		if (i == s->nitems && j == s->nscores)
			warn(l, raw_line(l, sec, NULL), "[%s] is not used by "
			    "any item or category score", sec);
	}
	free(bsused);
	free(inscore);
	free(anywhere);
}

/* Depth-first topological order of the scores; reports cycles. */
static int
visit(struct loader *l, size_t i, unsigned char *state, size_t *out,
    size_t *nout, size_t *stack, size_t depth)
{
	struct scale	*s = l->s;
	unsigned char	*used;
	size_t		 j, k, n = s->nitems + s->nscores;
	struct buf	 b;

	if (state[i] == 2)
		return 0;
	if (state[i] == 1) {
		buf_init(&b);
		for (k = 0; k < depth && stack[k] != i; k++)
			;
		for (; k < depth; k++)
			buf_printf(&b, "%s -> ", s->scores[stack[k]].id);
		buf_puts(&b, s->scores[i].id);
		err(l, s->scores[i].line, "scores depend on each other in a "
		    "cycle: %s", b.data);
		l->formulas_bad = 1;
		buf_free(&b);
		return -1;
	}
	state[i] = 1;
	stack[depth] = i;
	if (s->scores[i].formula != NULL) {
		used = xcalloc(n + 1, 1);
		expr_refs(s->scores[i].formula, used);
		for (j = 0; j < s->nscores; j++)
			if (used[s->nitems + j] &&
			    visit(l, j, state, out, nout, stack, depth + 1) ==
			    -1) {
				free(used);
				return -1;
			}
		free(used);
	}
	state[i] = 2;
	out[(*nout)++] = i;
	return 0;
}

static void
order_scores(struct loader *l)
{
	struct scale	*s = l->s;
	unsigned char	*state;
	size_t		*stack, nout = 0, i;

	s->order = xcalloc(s->nscores + 1, sizeof(*s->order));
	state = xcalloc(s->nscores + 1, 1);
	stack = xcalloc(s->nscores + 1, sizeof(*stack));
	for (i = 0; i < s->nscores; i++)
		if (visit(l, i, state, s->order, &nout, stack, 0) == -1)
			break;
	if (nout != s->nscores) {
		/* Leave a harmless order; the scale is not returned. */
		for (i = 0; i < s->nscores; i++)
			s->order[i] = i;
	}
	free(state);
	free(stack);
}

/*
 * A category score's range against its labels: every whole value the
 * formula can reach needs one (issue 14.6), and a label outside the
 * range can never be given.
 */
static void
check_category(struct loader *l, const struct score *sc,
    const struct bandset *bs)
{
	char	 a[64], b[64], c[64];
	double	 v;
	size_t	 k, n = 0;

	if (!(sc->min == floor(sc->min)) || !(sc->max == floor(sc->max)))
		err(l, sc->line, "[score.%s]: a category's range must be "
		    "whole numbers, not %s to %s", sc->id,
		    fmt_num(a, sizeof(a), sc->min),
		    fmt_num(b, sizeof(b), sc->max));
	for (v = ceil(sc->min); v <= sc->max && n < 3; v++) {
		for (k = 0; k < bs->nbands && !num_eq(bs->bands[k].lower,
		    v); k++)
			;
		if (k == bs->nbands) {
			err(l, bs->line, "[choices.%s]: score '%s' can be "
			    "%s, which has no label", bs->id, sc->id,
			    fmt_num(a, sizeof(a), v));
			n++;
		}
	}
	for (k = 0; k < bs->nbands; k++)
		if (bs->bands[k].lower < sc->min - NUM_EPS ||
		    bs->bands[k].lower > sc->max + NUM_EPS)
			warn(l, bs->line, "[choices.%s]: '%s' (%s) is outside "
			    "the range %s to %s of score '%s'", bs->id,
			    bs->bands[k].label, fmt_num(a, sizeof(a),
			    bs->bands[k].lower), fmt_num(b, sizeof(b),
			    sc->min), fmt_num(c, sizeof(c), sc->max),
			    sc->id);
}

static void
check_bounds(struct loader *l)
{
	struct scale	*s = l->s;
	double		*lo, *hi, blo, bhi;
	unsigned char	*used, *unknown;
	size_t		 n, i, j, k, si;
	int		 rc;
	char		 a[64], b[64], c[64], d[64], sec[300];
	struct score	*sc;
	struct bandset	*bs;

	/* Whenever the score formulas parsed and have an order, so that
	 * range errors come in the same pass as the others. */
	if (l->formulas_bad)
		return;
	n = s->nitems + s->nscores;
	lo = xcalloc(n + 1, sizeof(*lo));
	hi = xcalloc(n + 1, sizeof(*hi));
	used = xcalloc(n + 1, 1);
	unknown = xcalloc(n + 1, 1);
	for (i = 0; i < s->nitems; i++) {
		lo[i] = s->items[i].min;
		hi[i] = s->items[i].max;
		/* An item whose range has an error of its own. */
		if (s->items[i].type == ITEM_CHOICE ?
		    s->items[i].nopts == 0 : s->items[i].type == ITEM_NUMBER &&
		    !(s->items[i].min < s->items[i].max))
			unknown[i] = 1;
	}
	for (k = 0; k < s->nscores; k++) {
		si = s->order[k];
		sc = &s->scores[si];
		snprintf(sec, sizeof(sec), "score.%s", sc->id);
		lo[s->nitems + si] = sc->min;
		hi[s->nitems + si] = sc->max;
		if (isnan(sc->min))
			unknown[s->nitems + si] = 1;
		if (sc->formula == NULL || isnan(sc->min))
			continue;
		/* An item or score used whose range is not known (that
		 * error is reported): no follow-on error here. */
		memset(used, 0, n + 1);
		expr_refs(sc->formula, used);
		for (j = 0; j < n; j++)
			if (used[j] && unknown[j])
				break;
		if (j < n)
			continue;
		rc = expr_bounds(sc->formula, lo, hi, &blo, &bhi);
		if (rc == -1) {
			err(l, raw_line(l, sec, "formula"), "[%s]: the "
			    "formula can divide by zero", sec);
			continue;
		}
		if (rc == 1) {
			err(l, raw_line(l, sec, "formula"), "[%s]: the "
			    "formula is NA whatever the answers", sec);
			continue;
		}
		check_item_decimals(l, sec, sc);
		check_lookups(l, sec, sc->formula, lo, hi);
		if (!num_eq(blo, sc->min) || !num_eq(bhi, sc->max))
			err(l, raw_line(l, sec, "min"), "[%s]: declared range "
			    "%s to %s, but the formula reaches %s to %s", sec,
			    fmt_trim(a, sizeof(a), sc->min, 9),
			    fmt_trim(b, sizeof(b), sc->max, 9),
			    fmt_trim(c, sizeof(c), blo, 9),
			    fmt_trim(d, sizeof(d), bhi, 9));
		for (j = 0; j < sc->nbandsets; j++) {
			bs = &s->bandsets[sc->bandsets[j]];
			if (bs->nbands == 0)
				continue;
			if (sc->type == SCORE_CATEGORY) {
				check_category(l, sc, bs);
				continue;
			}
			if (bs->bands[0].lower > sc->min + NUM_EPS)
				err(l, bs->line, "[bands.%s]: values from %s "
				    "up to %s of score '%s' fall in no band",
				    bs->id, fmt_num(a, sizeof(a), sc->min),
				    fmt_num(b, sizeof(b), bs->bands[0].lower),
				    sc->id);
			for (i = 0; i < bs->nbands; i++) {
				/* Bands go by the printed value: a bound
				 * finer than the score prints is a trap. */
				double p = pow(10, sc->decimals);
				double q = bs->bands[i].lower * p;

				if (!num_eq(q, floor(q + 0.5)))
					err(l, bs->line, "[bands.%s]: band "
					    "'%s' starts at %s, but score "
					    "'%s' prints %d decimals and is "
					    "banded as printed", bs->id,
					    bs->bands[i].label,
					    fmt_num(a, sizeof(a),
					    bs->bands[i].lower), sc->id,
					    sc->decimals);
				if (bs->bands[i].lower > sc->max + NUM_EPS)
					err(l, bs->line, "[bands.%s]: band "
					    "'%s' starts at %s, above the "
					    "maximum %s of score '%s'", bs->id,
					    bs->bands[i].label,
					    fmt_num(a, sizeof(a),
					    bs->bands[i].lower),
					    fmt_num(b, sizeof(b), sc->max),
					    sc->id);
				else if (i > 0 &&
				    bs->bands[i].lower <= sc->min + NUM_EPS)
					err(l, bs->line, "[bands.%s]: band "
					    "'%s' can never be reached by "
					    "score '%s'", bs->id,
					    bs->bands[i - 1].label, sc->id);
			}
		}
	}
	free(lo);
	free(hi);
	free(used);
	free(unknown);
}

/*
 * Lint of a formula's lookups: every key combination its keys can take
 * has a row (or the table a default).  A key that is an item takes the
 * item's values; any other key every whole number in its range.
 */
static void
check_lookups(struct loader *l, const char *sec, const struct expr *e,
    const double *lo, const double *hi)
{
	struct expr_lookup	 lk[16];
	const struct item	*it;
	double			*sets[TABLE_KEYS_MAX];
	size_t			 nset[TABLE_KEYS_MAX], n, i, k, j, miss;
	char			 first[256];
	int			 ok;

	n = expr_lookups(e, lo, hi, lk, nitems(lk));
	for (i = 0; i < n && i < nitems(lk); i++) {
		if (!lk[i].bounded)
			continue;
		ok = 1;
		for (k = 0; k < lk[i].nkeys; k++) {
			sets[k] = NULL;
			nset[k] = 0;
			it = lk[i].sym[k] < l->s->nitems ?
			    &l->s->items[lk[i].sym[k]] : NULL;
			if (it != NULL && it->type == ITEM_CHOICE) {
				sets[k] = xcalloc(it->nopts + 1,
				    sizeof(double));
				for (j = 0; j < it->nopts; j++)
					sets[k][j] = it->opts[j].value;
				nset[k] = it->nopts;
				continue;
			}
			if (it != NULL && it->type == ITEM_NUMBER &&
			    it->step > 0 &&
			    (it->max - it->min) / it->step < 100000) {
				nset[k] = (size_t)floor((it->max - it->min) /
				    it->step + NUM_EPS) + 1;
				sets[k] = xcalloc(nset[k], sizeof(double));
				for (j = 0; j < nset[k]; j++)
					sets[k][j] = it->min +
					    (double)j * it->step;
				continue;
			}
			if (it == NULL && isfinite(lk[i].lo[k]) &&
			    isfinite(lk[i].hi[k]) &&
			    lk[i].hi[k] - lk[i].lo[k] < 100000) {
				double a = ceil(lk[i].lo[k] - NUM_EPS);

				nset[k] = (size_t)(floor(lk[i].hi[k] +
				    NUM_EPS) - a + 1);
				sets[k] = xcalloc(nset[k] + 1,
				    sizeof(double));
				for (j = 0; j < nset[k]; j++)
					sets[k][j] = a + (double)j;
				continue;
			}
			ok = 0;
		}
		miss = ok ? table_uncovered(lk[i].table,
		    (const double *const *)sets, nset, first,
		    sizeof(first)) : 0;
		if (miss == (size_t)-1)
			warn(l, raw_line(l, sec, "formula"), "[%s]: lookup of "
			    "table '%s' has too many key combinations to "
			    "check", sec, lk[i].table->name);
		else if (miss == 1)
			err(l, raw_line(l, sec, "formula"), "[%s]: table '%s' "
			    "has no row for key %s; add it or a default", sec,
			    lk[i].table->name, first);
		else if (miss > 1)
			err(l, raw_line(l, sec, "formula"), "[%s]: table '%s' "
			    "has no row for %zu keys, the first %s; add them "
			    "or a default", sec, lk[i].table->name, miss,
			    first);
		for (k = 0; k < lk[i].nkeys; k++)
			free(sets[k]);
	}
}

/*
 * The scale's identity.  Without table files it is the sha256 of the
 * file's bytes.  With them it is the sha256 of a manifest: the file's
 * sha256 and a newline, then for each table file, in the order of the
 * sections, its sha256, a space, its name and a newline.
 */
static void
scale_identity(struct scale *s)
{
	struct buf	 b;
	size_t		 i;
	int		 files = 0;

	buf_init(&b);
	buf_printf(&b, "%s\n", s->file_sha256);
	for (i = 0; i < s->ntables; i++)
		if (s->tables[i]->file != NULL) {
			buf_printf(&b, "%s %s\n", s->tables[i]->sha256,
			    s->tables[i]->file);
			files = 1;
		}
	if (files)
		sha256_data_hex(b.data, b.len, s->sha256);
	buf_free(&b);
}

/* Parses a test's answers: positional "2 1 - na" or named "q1=2 q3=na". */
static int
test_answers(struct loader *l, const char *sec, int line,
    struct scale_test *t)
{
	struct scale	*s = l->s;
	char		*list, *tok, *save, *eq, *cause;
	size_t		 pos = 0;
	long		 idx;
	int		 named = -1, rc = 0;
	struct answer	 a;

	t->answers = answers_new(s->nitems);
	list = xstrdup(t->answers_src);
	for (tok = strtok_r(list, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		eq = strchr(tok, '=');
		if (named == -1)
			named = eq != NULL;
		if ((eq != NULL) != named) {
			err(l, line, "[%s]: answers mix 'id=value' and plain "
			    "values", sec);
			rc = -1;
			break;
		}
		if (named) {
			*eq = '\0';
			if ((idx = scale_item_index(s, tok)) == -1) {
				err(l, line, "[%s]: answers: no item '%s'",
				    sec, tok);
				rc = -1;
				continue;
			}
			tok = eq + 1;
		} else {
			if (pos >= s->nitems) {
				err(l, line, "[%s]: answers has more values "
				    "than the scale's %zu items", sec,
				    s->nitems);
				rc = -1;
				break;
			}
			idx = (long)pos++;
		}
		memset(&a, 0, sizeof(a));
		if (scale_parse_answer(&s->items[idx], tok, &a,
		    &cause) == -1) {
			if (t->reject != NULL &&
			    strcmp(t->reject, s->items[idx].id) == 0) {
				free(cause);
				t->reject[0] = '\0';	/* met */
				continue;
			}
			err(l, line, "[%s]: %s", sec, cause);
			free(cause);
			rc = -1;
			continue;
		}
		answer_clear(&t->answers[idx]);
		t->answers[idx] = a;
	}
	free(list);
	return rc;
}

static void
build_tests(struct loader *l)
{
	struct scale		*s = l->s;
	struct scale_test	*t;
	const char		**keys, *sec, *name, *v, *dot;
	int			  nsec, i, ok, structure_ok;
	size_t			  k, n, nother;
	char			  scoreid[256];
	long			  si;

	/* With errors in the items or scores, test answers would only
	 * produce follow-on errors: check the keys, not the answers. */
	structure_ok = !l->broken;
	nsec = l->nsecs;
	s->tests = xcalloc((size_t)nsec + 1, sizeof(*s->tests));
	for (i = 0; i < nsec; i++) {
		sec = l->secs[i].name;
		if (sec == NULL || sec_type(sec, &name) != SEC_TEST)
			continue;
		t = &s->tests[s->ntests++];
		t->id = xstrdup(name);
		t->line = raw_line(l, sec, NULL);
		t->answers_src = xstrdup(get(l, sec, "answers") ?
		    get(l, sec, "answers") : "");
		t->reject = dupget(l, sec, "reject");
		if ((v = get(l, sec, "flags")) != NULL) {
			t->flags = xstrdup(v);
			t->flags_line = raw_line(l, sec, "flags");
		}
		if (get(l, sec, "answers") == NULL)
			err(l, t->line, "[%s]: missing key 'answers'", sec);
		keys = sec_keys(l, sec);
		for (n = 0; keys[n] != NULL; n++)
			;
		t->expect = xcalloc(n + 1, sizeof(*t->expect));
		nother = 0;
		for (k = 0; keys[k] != NULL; k++) {
			if (in_list(keys[k], test_keys))
				continue;
			nother++;
			dot = strchr(keys[k], '.');
			snprintf(scoreid, sizeof(scoreid), "%.*s",
			    dot ? (int)(dot - keys[k]) : (int)strlen(keys[k]),
			    keys[k]);
			ok = 1;
			if ((si = scale_score_index(s, scoreid)) == -1)
				ok = 0;
			else if (dot != NULL && strcmp(dot, ".basis") == 0)
				ok = 1;
			else if (dot != NULL) {
				if (strncmp(dot, ".band", 5) != 0 ||
				    (dot[5] != '\0' && dot[5] != '.'))
					ok = 0;
				else if (dot[5] == '.') {
					long b = scale_bandset_index(s,
					    dot + 6);
					size_t j;

					ok = 0;
					for (j = 0; b != -1 && j <
					    s->scores[si].nbandsets; j++)
						if (s->scores[si].bandsets[j]
						    == (size_t)b)
							ok = 1;
				} else if (s->scores[si].nbandsets == 0)
					ok = 0;
			}
			if (!ok) {
				const char *g = str_suggest(scoreid,
				    s->symnames + s->nitems);

				if (si == -1 && g != NULL)
					err(l, raw_line(l, sec, keys[k]),
					    "[%s]: '%s' is not a score; did "
					    "you mean '%s'?", sec, keys[k], g);
				else if (si == -1)
					err(l, raw_line(l, sec, keys[k]),
					    "[%s]: '%s' is not a score, "
					    "answers, reject or flags", sec,
					    keys[k]);
				else
					err(l, raw_line(l, sec, keys[k]),
					    "[%s]: '%s' names no band set of "
					    "score '%s'", sec, keys[k],
					    scoreid);
				continue;
			}
			/* NULL when the "key" is a section [sec:key]
			 * (reported by raw_scan). */
			v = get(l, sec, keys[k]);
			t->expect[t->nexpect].key = xstrdup(keys[k]);
			t->expect[t->nexpect].value = xstrdup(v != NULL ? v :
			    "");
			t->expect[t->nexpect].line = raw_line(l, sec, keys[k]);
			t->nexpect++;
		}
		free(keys);
		if (!structure_ok || test_answers(l, sec, raw_line(l, sec,
		    "answers"), t) == -1)
			continue;
		if (t->reject != NULL && t->reject[0] != '\0') {
			if (scale_item_index(s, t->reject) == -1)
				err(l, raw_line(l, sec, "reject"), "[%s]: "
				    "reject: no item '%s'", sec, t->reject);
			else
				err(l, raw_line(l, sec, "reject"), "[%s]: the "
				    "answer of '%s' was expected to be "
				    "rejected but was accepted", sec,
				    t->reject);
		}
		if (t->reject == NULL && t->nexpect == 0 && t->flags == NULL &&
		    nother == 0)
			warn(l, t->line, "[%s]: the test checks nothing", sec);
	}
	if (s->ntests == 0)
		warn(l, 0, "no [test.*] cases: add some that prove the "
		    "scoring against the published rules");
	if (!l->broken) {
		struct diag	*saved = l->d;

		if (scale_run_tests(s, l->d) > 0)
			l->broken = 1;
		l->d = saved;
	}
}

/* Whether the space-separated list names exactly the raised flags. */
static int
flags_match(const struct scale *s, const struct result *r, const char *want,
    struct buf *got)
{
	char	*list, *tok, *save;
	size_t	 i, nwant = 0, nraised = 0;
	int	 ok = 1;
	long	 fi;

	for (i = 0; i < s->nflags; i++)
		if (r->raised[i]) {
			buf_printf(got, "%s%s", nraised ? " " : "",
			    s->flags[i].id);
			nraised++;
		}
	if (nraised == 0)
		buf_puts(got, "none");
	list = xstrdup(want);
	for (tok = strtok_r(list, " ,\t", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,\t", &save)) {
		if (strcmp(tok, "none") == 0)
			continue;
		nwant++;
		fi = -1;
		for (i = 0; i < s->nflags; i++)
			if (strcmp(s->flags[i].id, tok) == 0)
				fi = (long)i;
		if (fi == -1 || !r->raised[fi])
			ok = 0;
	}
	free(list);
	return ok && nwant == nraised;
}

size_t
scale_run_tests(const struct scale *s, struct diag *d)
{
	struct result		*r;
	const struct scale_test	*t;
	const struct test_expect *e;
	size_t			 i, k, j, failed = 0;
	long			 si;
	char			 got[128], id[256];
	const char		*dot, *label, *dp;
	int			 bad;
	struct buf		 fl;

	r = result_new(s);
	for (i = 0; i < s->ntests; i++) {
		t = &s->tests[i];
		if (t->answers == NULL)
			continue;
		score_compute(s, t->answers, r);
		bad = 0;
		for (k = 0; k < t->nexpect; k++) {
			e = &t->expect[k];
			dot = strchr(e->key, '.');
			snprintf(id, sizeof(id), "%.*s", dot ? (int)(dot -
			    e->key) : (int)strlen(e->key), e->key);
			if ((si = scale_score_index(s, id)) == -1)
				continue;
			if (dot == NULL) {
				score_format(&s->scores[si],
				    result_score(r, (size_t)si), got,
				    sizeof(got));
				if (strcmp(got, e->value) != 0) {
					char want[128];
					double w;

					/* "10" matches "10.0" at 1 decimal,
					 * but "1.5" never matches a score
					 * printed with 0 decimals ("2"). */
					dp = strchr(e->value, '.');
					if (parse_number(e->value, &w) == 0 &&
					    (dp == NULL || strlen(dp + 1) <=
					    (size_t)s->scores[si].decimals)) {
						struct val v = { VAL_NUM, w,
						    0, 0, 0, NULL };
						score_format(&s->scores[si],
						    &v, want, sizeof(want));
						if (strcmp(want, got) == 0 &&
						    num_eq(w, result_score(r,
						    (size_t)si)->num))
							continue;
					}
					diag_add(d, DIAG_ERROR, s->path,
					    e->line,
					    "[test.%s]: %s is %s, expected %s",
					    t->id, id, got, e->value);
					bad = 1;
				}
				continue;
			}
			if (strcmp(dot, ".basis") == 0) {
				switch (result_basis(r, (size_t)si, got,
				    sizeof(got))) {
				case BASIS_NONE:
					snprintf(got, sizeof(got), "NA");
					break;
				case BASIS_COMPLETE:
					snprintf(got, sizeof(got),
					    "complete");
					break;
				default:
					break;
				}
				if (strcmp(got, e->value) != 0) {
					diag_add(d, DIAG_ERROR, s->path,
					    e->line, "[test.%s]: %s is '%s', "
					    "expected '%s'", t->id, e->key,
					    got, e->value);
					bad = 1;
				}
				continue;
			}
			j = 0;
			if (dot[5] == '.') {
				long b = scale_bandset_index(s, dot + 6);
				for (j = 0; j < s->scores[si].nbandsets; j++)
					if (s->scores[si].bandsets[j] ==
					    (size_t)b)
						break;
			}
			label = result_band(s, r, (size_t)si, j);
			if (label == NULL)
				label = "NA";
			if (strcmp(label, e->value) != 0) {
				diag_add(d, DIAG_ERROR, s->path, e->line,
				    "[test.%s]: %s is '%s', expected '%s'",
				    t->id, e->key, label, e->value);
				bad = 1;
			}
		}
		if (t->flags != NULL) {
			buf_init(&fl);
			if (!flags_match(s, r, t->flags, &fl)) {
				diag_add(d, DIAG_ERROR, s->path, t->flags_line,
				    "[test.%s]: raised flags are '%s', "
				    "expected '%s'", t->id, fl.data, t->flags);
				bad = 1;
			}
			buf_free(&fl);
		}
		failed += bad;
	}
	result_free(r);
	return failed;
}

void
scale_free(struct scale *s)
{
	size_t	 i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nitems; i++) {
		struct item *it = &s->items[i];

		free(it->id);
		free(it->text);
		free(it->help);
		free(it->group);
		free(it->number);
		free(it->choices);
		for (j = 0; j < it->nopts; j++) {
			free(it->opts[j].label);
			free(it->opts[j].key);
		}
		free(it->opts);
		expr_free(it->when);
		free(it->when_src);
		free(it->loinc);
	}
	free(s->items);
	for (i = 0; i < s->nscores; i++) {
		free(s->scores[i].id);
		free(s->scores[i].label);
		expr_free(s->scores[i].formula);
		free(s->scores[i].formula_src);
		free(s->scores[i].bandsets);
		free(s->scores[i].loinc);
	}
	free(s->scores);
	for (i = 0; i < s->nbandsets; i++) {
		free(s->bandsets[i].id);
		free(s->bandsets[i].label);
		for (j = 0; j < s->bandsets[i].nbands; j++)
			free(s->bandsets[i].bands[j].label);
		free(s->bandsets[i].bands);
	}
	free(s->bandsets);
	for (i = 0; i < s->nflags; i++) {
		free(s->flags[i].id);
		expr_free(s->flags[i].when);
		free(s->flags[i].when_src);
		free(s->flags[i].text);
	}
	free(s->flags);
	for (i = 0; i < s->ntests; i++) {
		struct scale_test *t = &s->tests[i];

		free(t->id);
		free(t->answers_src);
		answers_free(t->answers, s->nitems);
		free(t->reject);
		for (j = 0; j < t->nexpect; j++) {
			free(t->expect[j].key);
			free(t->expect[j].value);
		}
		free(t->expect);
		free(t->flags);
	}
	free(s->tests);
	for (i = 0; i < s->ntables; i++)
		table_free(s->tables[i]);
	free(s->tables);
	free(s->symnames);
	free(s->order);
	free(s->path);
	free(s->id);
	free(s->title);
	free(s->version);
	free(s->respondent);
	free(s->timeframe);
	free(s->instructions);
	free(s->citation);
	free(s->license);
	free(s->status);
	free(s->status_note);
	free(s->loinc);
	free(s);
}

long
scale_item_index(const struct scale *s, const char *id)
{
	size_t	 i;

	for (i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
scale_score_index(const struct scale *s, const char *id)
{
	size_t	 i;

	for (i = 0; i < s->nscores; i++)
		if (strcmp(s->scores[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
scale_bandset_index(const struct scale *s, const char *id)
{
	size_t	 i;

	for (i = 0; i < s->nbandsets; i++)
		if (strcmp(s->bandsets[i].id, id) == 0)
			return (long)i;
	return -1;
}

int
scale_value_is_valid(const struct item *it, double v)
{
	size_t	 i;
	double	 n;

	switch (it->type) {
	case ITEM_CHOICE:
		for (i = 0; i < it->nopts; i++)
			if (it->opts[i].value == v)
				return 1;
		for (i = 0; i < it->nopts; i++)
			if (num_eq(it->opts[i].value, v))
				return 1;
		return 0;
	case ITEM_MULTI:
		/* The number selected. */
		return v >= 0 && v <= (double)it->nopts && v == floor(v);
	case ITEM_NUMBER:
		if (v < it->min - NUM_EPS || v > it->max + NUM_EPS)
			return 0;
		if (it->step > 0) {
			n = (v - it->min) / it->step;
			return num_eq(n, floor(n + 0.5));
		}
		return 1;
	default:
		return 0;
	}
}

char *
scale_allowed_str(const struct item *it)
{
	struct buf	 b;
	size_t		 i;
	char		 x[64], y[64], z[64];

	buf_init(&b);
	if (it->type == ITEM_CHOICE) {
		for (i = 0; i < it->nopts; i++)
			buf_printf(&b, "%s%s", i ? " " : "",
			    fmt_num(x, sizeof(x), it->opts[i].value));
	} else if (it->type == ITEM_MULTI) {
		buf_puts(&b, "any of");
		for (i = 0; i < it->nopts; i++)
			buf_printf(&b, " %s", it->opts[i].key);
		buf_puts(&b, " joined by + (\"1+3\"), or none");
	} else if (it->type == ITEM_NUMBER) {
		buf_printf(&b, "%s to %s", fmt_num(x, sizeof(x), it->min),
		    fmt_num(y, sizeof(y), it->max));
		if (it->step > 0)
			buf_printf(&b, " in steps of %s",
			    fmt_num(z, sizeof(z), it->step));
	} else
		buf_puts(&b, "any text");
	return buf_take(&b);
}

const char *
scale_missing_str(unsigned m, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s", m & MISSING_NA ? "na " : "",
	    m & MISSING_UNK ? "unk " : "", m & MISSING_REF ? "ref " : "",
	    m == 0 ? "none" : "");
	if (m != 0 && buf[0] != '\0')
		buf[strlen(buf) - 1] = '\0';
	return buf;
}

static int
missing_code(const struct item *it, enum answer_kind kind, unsigned bit,
    const char *name, struct answer *a, char **cause)
{
	char	 codes[32];

	if (it->missing & bit) {
		a->kind = kind;
		return 0;
	}
	if (cause != NULL)
		*cause = xasprintf("%s: the missing code %s is not allowed "
		    "for this item (allowed: %s)", it->id, name,
		    scale_missing_str(it->missing, codes, sizeof(codes)));
	return -1;
}

/* Index of the option whose value is v, or -1. */
static long
option_index(const struct item *it, double v)
{
	size_t	 i;

	for (i = 0; i < it->nopts; i++)
		if (it->opts[i].value == v)
			return (long)i;
	for (i = 0; i < it->nopts; i++)
		if (num_eq(it->opts[i].value, v))
			return (long)i;
	return -1;
}

/*
 * A multi item's selection: option values joined by '+' in any order,
 * each at most once, or "none".  Stored as the options' keys in
 * ascending order of value.
 */
static int
parse_multi(const struct item *it, const char *text, struct answer *a,
    char **cause)
{
	uint64_t	 sel = 0;
	struct buf	 b;
	const char	*p, *end;
	char		 tok[64], shown[40 * 4 + 8], *allowed;
	double		 v;
	long		 o;
	size_t		 i, n = 0;

	if (strcasecmp(text, "none") == 0)
		goto ok;
	if (strchr(text, ',') != NULL) {
		str_shown(shown, sizeof(shown), text, strlen(text), 40);
		if (cause != NULL)
			*cause = xasprintf("%s: '%s': join the options with "
			    "+ (\"1+3\"), not commas", it->id, shown);
		return -1;
	}
	for (p = text; ; p = end + 1) {
		if ((end = strchr(p, '+')) == NULL)
			end = p + strlen(p);
		o = -1;
		if (end > p && (size_t)(end - p) < sizeof(tok)) {
			memcpy(tok, p, (size_t)(end - p));
			tok[end - p] = '\0';
			if (parse_number(tok, &v) == 0)
				o = option_index(it, v);
		}
		if (o == -1) {
			if (cause != NULL) {
				str_shown(shown, sizeof(shown), p,
				    (size_t)(end - p), 40);
				allowed = scale_allowed_str(it);
				*cause = xasprintf("%s: '%s' is not %s",
				    it->id, shown, allowed);
				free(allowed);
			}
			return -1;
		}
		if (sel & ((uint64_t)1 << o)) {
			if (cause != NULL)
				*cause = xasprintf("%s: option %s is given "
				    "twice", it->id, it->opts[o].key);
			return -1;
		}
		sel |= (uint64_t)1 << o;
		n++;
		if (*end == '\0')
			break;
	}
ok:
	buf_init(&b);
	for (i = 0; i < it->nopts; i++)
		if (sel & ((uint64_t)1 << i))
			buf_printf(&b, "%s%s", b.len > 0 ? "+" : "",
			    it->opts[i].key);
	if (n == 0)
		buf_puts(&b, "none");
	a->kind = ANS_VALUE;
	a->value = (double)n;
	a->text = buf_take(&b);
	return 0;
}

int
scale_parse_answer(const struct item *it, const char *text,
    struct answer *a, char **cause)
{
	double	 v;
	char	*allowed, shown[40 * 4 + 8], codes[32], *why = NULL;
	size_t	 i;

	memset(a, 0, sizeof(*a));
	if (cause != NULL)
		*cause = NULL;
	if (it->type == ITEM_TEXT) {
		if (!text_is_safe(text, &why)) {
			if (cause != NULL)
				*cause = xasprintf("%s: the text may not hold "
				    "%s", it->id, why);
			free(why);
			return -1;
		}
		if (*text != '\0') {
			a->kind = ANS_TEXT;
			a->text = xstrdup(text);
		}
		return 0;
	}
	if (*text == '\0' || strcmp(text, "-") == 0) {
		a->kind = ANS_NONE;
		return 0;
	}
	if (*text >= '0' && *text <= '9')
		goto number;	/* the common case: skip the codes */
	if (strcasecmp(text, "na") == 0)
		return missing_code(it, ANS_NA, MISSING_NA, "na", a, cause);
	if (strcasecmp(text, "unk") == 0)
		return missing_code(it, ANS_UNK, MISSING_UNK, "unk", a, cause);
	if (strcasecmp(text, "ref") == 0)
		return missing_code(it, ANS_REF, MISSING_REF, "ref", a, cause);
number:
	if (it->type == ITEM_MULTI)
		return parse_multi(it, text, a, cause);
	if (parse_number(text, &v) == 0 && scale_value_is_valid(it, v))
		goto valid;
	/* Show hostile text safely: no control characters, cut short. */
	str_shown(shown, sizeof(shown), text, strlen(text), 40);
	if (parse_number(text, &v) == -1) {
		if (cause != NULL && it->missing == 0)
			*cause = xasprintf("%s: '%s' is not a number", it->id,
			    shown);
		else if (cause != NULL)
			*cause = xasprintf("%s: '%s' is not a number or a "
			    "missing code (%s)", it->id, shown,
			    scale_missing_str(it->missing, codes,
			    sizeof(codes)));
		return -1;
	}
	if (!scale_value_is_valid(it, v)) {
		if (cause != NULL) {
			allowed = scale_allowed_str(it);
			if (it->type == ITEM_CHOICE)
				*cause = xasprintf("%s: %s is not one of %s",
				    it->id, shown, allowed);
			else
				*cause = xasprintf("%s: %s is not %s", it->id,
				    shown, allowed);
			free(allowed);
		}
		return -1;
	}
valid:
	/* What is stored prints back as entered: 6 decimals at most
	 * (on a step, the step's value is stored). */
	if (it->type == ITEM_NUMBER && it->step <= 0 &&
	    decimals_of(text) > 6) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s has more than 6 decimals",
			    it->id, text);
		return -1;
	}
	/* Store the value itself, not a neighbour within the tolerance. */
	if (it->type == ITEM_CHOICE) {
		for (i = 0; i < it->nopts && it->opts[i].value != v; i++)
			;
		if (i == it->nopts)	/* no exact match: snap to a value */
			for (i = 0; i < it->nopts; i++)
				if (num_eq(it->opts[i].value, v))
					v = it->opts[i].value;
	} else if (it->step > 0)
		v = it->min + floor((v - it->min) / it->step + 0.5) * it->step;
	a->kind = ANS_VALUE;
	a->value = v;
	return 0;
}

/* Digits after the point of a number as written. */
static int
decimals_of(const char *text)
{
	const char	*dot = strchr(text, '.');

	return dot == NULL ? 0 : (int)strlen(dot + 1);
}

void
scale_answer_labels(const struct item *it, const struct answer *a,
    struct buf *b)
{
	const char	*label;
	size_t		 i, n = 0;

	if (a->kind != ANS_VALUE)
		return;
	if (it->type != ITEM_MULTI) {
		if ((label = scale_option_label(it, a->value)) != NULL)
			buf_puts(b, label);
		return;
	}
	for (i = 0; i < it->nopts; i++)
		if (a->text != NULL && expr_set_has(a->text,
		    it->opts[i].value))
			buf_printf(b, "%s%s", n++ ? "; " : "",
			    it->opts[i].label);
	if (n == 0)
		buf_puts(b, "none");
}

const char *
scale_answer_str(const struct answer *a, char *buf, size_t len)
{
	switch (a->kind) {
	case ANS_VALUE:
		if (a->text != NULL)
			return a->text;	/* a multi item's selection */
		return fmt_num(buf, len, a->value);
	case ANS_TEXT:
		return a->text != NULL ? a->text : "";
	case ANS_NA:
		return "na";
	case ANS_UNK:
		return "unk";
	case ANS_REF:
		return "ref";
	case ANS_SKIP:
		return "skipped";
	default:
		return "";
	}
}

const char *
scale_option_label(const struct item *it, double v)
{
	size_t	 i;

	for (i = 0; i < it->nopts; i++)
		if (num_eq(it->opts[i].value, v))
			return it->opts[i].label;
	return NULL;
}

struct answer *
answers_new(size_t n)
{
	return xcalloc(n + 1, sizeof(struct answer));
}

void
answer_clear(struct answer *a)
{
	free(a->text);
	memset(a, 0, sizeof(*a));
}

void
answers_free(struct answer *a, size_t n)
{
	size_t	 i;

	if (a == NULL)
		return;
	for (i = 0; i < n; i++)
		free(a[i].text);
	free(a);
}

int
answer_equal(const struct answer *a, const struct answer *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == ANS_VALUE)
		return num_eq(a->value, b->value) &&
		    strcmp(a->text != NULL ? a->text : "",
		    b->text != NULL ? b->text : "") == 0;
	if (a->kind == ANS_TEXT)
		return strcmp(a->text != NULL ? a->text : "",
		    b->text != NULL ? b->text : "") == 0;
	return 1;
}

const char *
bandset_name(const struct bandset *bs)
{
	return bs->label != NULL ? bs->label : bs->id;
}

const char *
flag_level_name(enum flag_level l)
{
	switch (l) {
	case FLAG_INFO:
		return "info";
	case FLAG_CRITICAL:
		return "critical";
	default:
		return "warning";
	}
}
