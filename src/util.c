/*
 * util.c: allocation wrappers, growable buffers, strict number parsing
 * and formatting, diagnostics lists.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsdir.h"
#include "util.h"

void (*util_fatal_hook)(void);

static void
oom(void)
{
	if (util_fatal_hook != NULL)
		util_fatal_hook();
	fputs("rater: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	if ((p = realloc(p, n * size == 0 ? 1 : n * size)) == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	size_t	 len = strlen(s);
	char	*p;

	p = xmalloc(len + 1);
	memcpy(p, s, len + 1);
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	const char	*nul;
	char		*p;
	size_t		 len;

	len = (nul = memchr(s, '\0', n)) != NULL ? (size_t)(nul - s) : n;
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;
	char	*p, small[256];

	/* Most results are short: format once into a buffer on the
	 * stack, and a second time only when it was too small. */
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
strv_free(char **v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
buf_grow(struct buf *b, size_t more)
{
	size_t	 need;

	need = b->len + more + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xreallocarray(b->data, b->cap, 1);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	char	 ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_take(struct buf *b)
{
	char	*p;

	p = b->data != NULL ? b->data : xstrdup("");
	buf_init(b);
	return p;
}

/*
 * Parses [-]digits[.digits] by hand so that neither the locale nor
 * strtod's extras (hex, exponents, inf) can slip in.
 */
int
parse_number(const char *s, double *out)
{
	const char	*p = s;
	int		 neg = 0, ndig = 0, nfrac = 0;
	double		 v = 0, scale = 1;

	if (*p == '-' || *p == '+') {
		neg = (*p == '-');
		p++;
	}
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (*p - '0');
		p++;
		ndig++;
		if (ndig > 15)
			return -1;	/* beyond exact doubles */
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			scale *= 10;
			v = v * 10 + (*p - '0');
			p++;
			nfrac++;
			if (ndig + nfrac > 15)
				return -1;
		}
		if (nfrac == 0)
			return -1;
	}
	if (ndig == 0 || *p != '\0')
		return -1;
	v /= scale;
	*out = neg ? -v : v;
	if (*out == 0)
		*out = 0;	/* no -0 */
	return 0;
}

int
parse_int(const char *s, long min, long max, long *out)
{
	double	 v;

	if (parse_number(s, &v) == -1 || v != floor(v) || v < (double)min ||
	    v > (double)max)
		return -1;
	*out = (long)v;
	return 0;
}

char *
fmt_fixed(char *buf, size_t len, double v, int decimals)
{
	static const double pow10[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9 };
	double	 p, r;
	long long n;
	char	 tmp[32], *q;
	int	 neg, k;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	p = pow10[decimals];
	/* Round half away from zero at the declared precision; the small
	 * nudge keeps 2.675 (stored as 2.67499...) from rounding down. */
	r = v * p;
	r = r < 0 ? -floor(-r + 0.5 + 1e-9) : floor(r + 0.5 + 1e-9);
	if (r == 0)
		r = 0;
	if (fabs(r) >= 1e15) {
		snprintf(buf, len, "%.*f", decimals, r / p);
		return buf;
	}
	/* Integer digits by hand: exact, locale-free and fast. */
	neg = r < 0;
	n = (long long)(neg ? -r : r);
	q = tmp + sizeof(tmp);
	*--q = '\0';
	for (k = 0; k < decimals; k++) {
		*--q = (char)('0' + n % 10);
		n /= 10;
	}
	if (decimals > 0)
		*--q = '.';
	do {
		*--q = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	if (neg)
		*--q = '-';
	snprintf(buf, len, "%s", q);
	return buf;
}

char *
fmt_num(char *buf, size_t len, double v)
{
	return fmt_trim(buf, len, v, 6);
}

char *
fmt_trim(char *buf, size_t len, double v, int decimals)
{
	char	*dot, *end;

	fmt_fixed(buf, len, v, decimals);
	if ((dot = strchr(buf, '.')) != NULL) {
		end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

void
diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
diag_free(struct diag *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diag_init(d);
}

void
diag_add(struct diag *d, enum diag_level level, const char *file, int line,
    const char *fmt, ...)
{
	struct diag_entry	*e;
	va_list			 ap;
	unsigned char		*p, *q;
	unsigned long		 cp;
	size_t			 n;

	if (d == NULL)
		return;
	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 16 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	e = &d->v[d->n++];
	e->file = xstrdup(file != NULL ? file : "");
	e->line = line;
	e->level = level;
	va_start(ap, fmt);
	e->msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* Messages quote input: keep them one line of text (no newline,
	 * tab, terminal escape or bidi control from a file reaches the
	 * screen): what text_is_safe() refuses becomes '?'. */
	for (p = q = (unsigned char *)e->msg; *p != '\0'; p += n) {
		if (*p < 0x80) {
			n = 1;
			cp = *p;
		} else if ((n = utf8_decode(p, &cp)) == 0) {
			n = 1;
			cp = 0;
		}
		if (text_char_is_unsafe(cp))
			*q++ = '?';
		else {
			memmove(q, p, n);
			q += n;
		}
	}
	*q = '\0';
	if (level == DIAG_ERROR)
		d->nerrors++;
	else if (level == DIAG_NOTE)
		d->nnotes++;
	else
		d->nwarnings++;
}

void
diag_sort(struct diag *d)
{
	size_t			 i, j;
	struct diag_entry	 t;

	/* Insertion sort: stable, and lists are short. */
	for (i = 1; i < d->n; i++) {
		t = d->v[i];
		for (j = i; j > 0 && strcmp(d->v[j - 1].file, t.file) == 0 &&
		    d->v[j - 1].line > t.line; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
}

void
diag_format(const struct diag *d, struct buf *b)
{
	size_t			 i;
	const struct diag_entry	*e;
	const char		*lv;

	for (i = 0; i < d->n; i++) {
		e = &d->v[i];
		lv = e->level == DIAG_ERROR ? "error" :
		    e->level == DIAG_NOTE ? "note" : "warning";
		if (e->line > 0)
			buf_printf(b, "%s:%d: %s: %s\n", e->file, e->line, lv,
			    e->msg);
		else
			buf_printf(b, "%s: %s: %s\n", e->file, lv, e->msg);
	}
}

size_t
str_distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	if (la > 64 || lb > 64)
		return 99;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

const char *
str_suggest(const char *s, const char *const *cand)
{
	const char	*best = NULL;
	size_t		 d, bestd = (size_t)-1, limit;

	limit = strlen(s) <= 4 ? 1 : 2;
	for (; *cand != NULL; cand++) {
		d = str_distance(s, *cand);
		if (d < bestd) {
			bestd = d;
			best = *cand;
		}
	}
	return bestd <= limit ? best : NULL;
}

uint64_t
hash64_more(uint64_t h, const void *data, size_t len)
{
	const unsigned char	*p = data;
	uint64_t		 w;
	size_t			 i = 0;

	/* Eight bytes (in the machine's byte order) at a time, then the
	 * rest. */
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, sizeof(w));
		h ^= w;
		h *= 1099511628211ull;
		h ^= h >> 29;
	}
	for (; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	return h;
}

uint64_t
hash64(const void *data, size_t len)
{
	uint64_t	 h;

	h = hash64_more(14695981039346656037ull ^ len, data, len);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

void
strindex_init(struct strindex *x, size_t expected)
{
	size_t	 slots = 16;

	while (slots < expected * 2)
		slots *= 2;
	x->key = xcalloc(slots, sizeof(*x->key));
	x->pos = xcalloc(slots, sizeof(*x->pos));
	x->mask = slots - 1;
	x->n = 0;
}

void
strindex_free(struct strindex *x)
{
	free(x->key);
	free(x->pos);
	memset(x, 0, sizeof(*x));
}

int
strindex_add(struct strindex *x, const char *key, size_t pos)
{
	struct strindex	 bigger;
	size_t		 i, len = strlen(key);

	if ((x->n + 1) * 2 > x->mask + 1) {
		strindex_init(&bigger, x->n + 1);
		for (i = 0; i <= x->mask; i++)
			if (x->key[i] != NULL)
				strindex_add(&bigger, x->key[i], x->pos[i]);
		strindex_free(x);
		*x = bigger;
	}
	for (i = (size_t)hash64(key, len) & x->mask; x->key[i] != NULL;
	    i = (i + 1) & x->mask)
		if (strcmp(x->key[i], key) == 0)
			return 0;
	x->key[i] = key;
	x->pos[i] = pos;
	x->n++;
	return 1;
}

size_t
strindex_find(const struct strindex *x, const char *key, size_t len)
{
	size_t	 i;

	if (x->key == NULL)
		return (size_t)-1;
	for (i = (size_t)hash64(key, len) & x->mask; x->key[i] != NULL;
	    i = (i + 1) & x->mask)
		if (strncmp(x->key[i], key, len) == 0 &&
		    x->key[i][len] == '\0')
			return x->pos[i];
	return (size_t)-1;
}

int
loinc_is_valid(const char *s)
{
	size_t	 n, i;
	int	 sum = 0, d;

	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
		;
	if (n == 0 || n > 7 || s[n] != '-' || s[n + 1] < '0' ||
	    s[n + 1] > '9' || s[n + 2] != '\0')
		return 0;
	/* From the right, every other digit doubled (its digits added),
	 * starting with the rightmost; the check digit tops the sum up
	 * to a multiple of 10. */
	for (i = 0; i < n; i++) {
		d = s[n - 1 - i] - '0';
		if (i % 2 == 0 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return (10 - sum % 10) % 10 == s[n + 1] - '0';
}

int
is_ident(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

/*
 * Reads what fd (of status st) gives, up to max bytes (EFBIG beyond),
 * and closes it.
 * A regular file gets one allocation of its size; pipes grow.
 */
static char *
read_fd(int fd, const struct stat *st, size_t max, size_t *lenp)
{
	int		 saved;
	char		*data;
	size_t		 cap, len = 0;
	ssize_t		 n;

	cap = 65536;
	if (S_ISREG(st->st_mode)) {
		if ((uintmax_t)st->st_size > max) {
			close(fd);
			errno = EFBIG;
			return NULL;
		}
		if (st->st_size > 0)
			cap = (size_t)st->st_size + 1;
	}
	data = xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			cap *= 2;
			data = xreallocarray(data, cap, 1);
		}
		n = read(fd, data + len, cap - len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || (n > 0 && len + (size_t)n > max)) {
			saved = n == -1 ? errno : EFBIG;
			close(fd);
			free(data);
			errno = saved;
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	data[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return data;
}

char *
read_file(const char *path, size_t *lenp)
{
	return read_file_max(path, FSDIR_MAX_FILE, lenp);
}

char *
read_file_max(const char *path, size_t max, size_t *lenp)
{
	struct stat	 st;
	int		 fd;

	if ((fd = fsdir_open_st(path, O_RDONLY, 0, &st)) == -1)
		return NULL;
	return read_fd(fd, &st, max, lenp);
}

char *
read_stream(const char *path, size_t max, size_t *lenp)
{
	struct stat	 st;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1)
		memset(&st, 0, sizeof(st));
	return read_fd(fd, &st, max, lenp);
}

int
read_file_buf(const char *path, struct buf *b)
{
	int		 fd, saved;
	struct stat	 st;
	size_t		 want;
	ssize_t		 n;

	buf_reset(b);
	if ((fd = fsdir_open_st(path, O_RDONLY, 0, &st)) == -1)
		return -1;
	want = 4096;
	if (S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > FSDIR_MAX_FILE) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
		if (st.st_size > 0)
			want = (size_t)st.st_size;
	}
	for (;;) {
		buf_grow(b, want);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || (n > 0 && b->len + (size_t)n > FSDIR_MAX_FILE)) {
			saved = n == -1 ? errno : EFBIG;
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		want = 4096;		/* room for more, if it grew */
	}
	close(fd);
	if (b->data != NULL)
		b->data[b->len] = '\0';
	return 0;
}

/* Text. */

size_t
utf8_decode(const unsigned char *p, unsigned long *cp)
{
	unsigned char	 c = p[0], lo = 0x80, hi = 0xbf;
	size_t		 n, i;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;	/* no overlong forms */
		else if (c == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	*cp = n == 2 ? (p[0] & 0x1fUL) : n == 3 ? (p[0] & 0x0fUL) :
	    (p[0] & 0x07UL);
	for (i = 1; i < n; i++)
		*cp = *cp << 6 | (p[i] & 0x3fUL);
	return n;
}

int
text_char_is_unsafe(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

int
text_is_safe(const char *s, char **cause)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 cp;
	size_t			 n;

	while (*p != '\0') {
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		if (*p < 0x80) {
			n = 1;
			cp = *p;
		} else if ((n = utf8_decode(p, &cp)) == 0) {
			if (cause != NULL)
				*cause = xasprintf("an invalid UTF-8 byte 0x%02x "
				    "at byte %zu", *p,
				    (size_t)(p - (const unsigned char *)s) +
				    1);
			return 0;
		}
		if (text_char_is_unsafe(cp)) {
			if (cause != NULL)
				*cause = xasprintf("a %s character U+%04lX at "
				    "byte %zu", (cp >= 0x202a && cp <= 0x202e)
				    || (cp >= 0x2066 && cp <= 0x2069) ?
				    "bidirectional control" : cp >= 0x2028 ?
				    "separator" : "control", cp,
				    (size_t)(p - (const unsigned char *)s) +
				    1);
			return 0;
		}
		p += n;
	}
	return 1;
}

/* s without its leading blanks and trailing blanks and carriage
 * return: the end is cut in place. */
char *
str_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

void
text_escape_byte(struct buf *b, unsigned char c)
{
	switch (c) {
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
		buf_printf(b, "\\x%02x", c);
		break;
	}
}

void
text_escape(struct buf *b, const char *s, int flags)
{
	const unsigned char	*p = (const unsigned char *)s, *run;
	unsigned long		 cp;
	size_t			 n, i;

	for (;;) {
		run = p;
		while (*p >= 0x20 && *p < 0x7f &&
		    (*p != '\\' || !(flags & TEXT_ESC_BACKSLASH)))
			p++;
		if (p > run)
			buf_add(b, (const char *)run, (size_t)(p - run));
		if (*p == '\0')
			return;
		if (*p < 0x80) {
			text_escape_byte(b, *p++);
			continue;
		}
		if ((n = utf8_decode(p, &cp)) == 0) {
			buf_printf(b, "\\x%02x", *p++);
			continue;
		}
		if (cp <= 0x9f)
			for (i = 0; i < n; i++)
				buf_printf(b, "\\x%02x", p[i]);
		else if (text_char_is_unsafe(cp))
			buf_printf(b, "\\u{%04lx}", cp);
		else
			buf_add(b, (const char *)p, n);
		p += n;
	}
}

/* Bytes of the UTF-8 character at s (len left) and its code point in
 * *cp, or 0 when it is not well-formed UTF-8. */
static size_t
utf8_char(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t		 n, i;
	unsigned long	 c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	c = s[0] & (0x7f >> n);
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

char *
str_shown(char *out, size_t size, const char *s, size_t len,
    size_t maxchars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 o = 0, i = 0, k, nchars = 0;
	unsigned long	 c;
	int		 bad;

	while (i < len && p[i] != '\0') {
		k = utf8_char(p + i, len - i, &c);
		bad = k == 0 || text_char_is_unsafe(c);
		if (k == 0)
			k = 1;
		if (nchars == maxchars || o + (bad ? 1 : k) + 4 > size)
			break;
		if (bad)
			out[o++] = '?';
		else {
			memcpy(out + o, p + i, k);
			o += k;
		}
		i += k;
		nchars++;
	}
	if (i < len && p[i] != '\0' && o + 4 <= size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}
