/*
 * util.h: memory, strings, strict numbers and diagnostics shared by every
 * module.  Nothing here prints to the terminal except the fatal OOM path.
 */
#ifndef RATER_UTIL_H
#define RATER_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

/* Called before an out-of-memory exit (the UI sets it to endwin). */
extern void (*util_fatal_hook)(void);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list);

/* Frees n strings and the array; accepts NULL. */
void	 strv_free(char **, size_t);

/* A growable byte buffer, always NUL-terminated.  Owns its data. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};
void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (who frees it); the buffer is reset. */
char	*buf_take(struct buf *);

/*
 * Strict base-10 number parsing: the whole string (no surrounding space)
 * must be a number.  "08" is 8, "0x10", "1e3", "inf", "nan", "" and " 1"
 * are errors.  Returns 0 on success, -1 on error.  Never uses the locale:
 * the decimal point is always '.'.
 */
int	 parse_number(const char *, double *);
int	 parse_int(const char *, long min, long max, long *);

/*
 * Formats a number with exactly `decimals` digits after the point
 * (0..9), rounding half away from zero, in the "C" locale; -0 prints as
 * 0.  Returns buf.
 */
char	*fmt_fixed(char *buf, size_t len, double v, int decimals);
/* The shortest form with at most 6 decimals: 16.5, 2, 0.25. */
char	*fmt_num(char *buf, size_t len, double v);
/* The shortest form with at most `decimals` decimals. */
char	*fmt_trim(char *buf, size_t len, double v, int decimals);

/* Tolerant comparison used wherever computed numbers meet thresholds. */
#define NUM_EPS 1e-9
static inline int
num_eq(double a, double b)
{
	double	 m, d;

	if (a == b)
		return 1;
	m = a < 0 ? -a : a;
	d = b < 0 ? -b : b;
	if (d > m)
		m = d;
	if (m < 1)
		m = 1;
	d = a - b;
	return (d < 0 ? -d : d) <= NUM_EPS * m;
}

static inline int
num_ge(double a, double b)
{
	return a > b || num_eq(a, b);
}

/* Diagnostics: a list of "file:line: severity: message" records. */
enum diag_level {
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG_NOTE	/* a finding to act on that is not a problem (a
			   fork of a session's revisions): shown, never
			   counted against the exit status */
};
struct diag_entry {
	char		*file;
	int		 line;		/* 0 = no line */
	enum diag_level	 level;
	char		*msg;
};
struct diag {
	struct diag_entry *v;
	size_t		 n;
	size_t		 cap;
	size_t		 nerrors;
	size_t		 nwarnings;
	size_t		 nnotes;
};
void	 diag_init(struct diag *);
void	 diag_free(struct diag *);
/* Bytes below 0x20 and 0x7f in the message become '?' (messages quote
 * input, and are shown one per line). */
void	 diag_add(struct diag *, enum diag_level, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Sorts entries by line (stable) so a file reads top to bottom. */
void	 diag_sort(struct diag *);
/* Appends every entry as one "file:line: level: msg\n" line to a buffer. */
void	 diag_format(const struct diag *, struct buf *);

/* Edit distance, for "did you mean" suggestions. */
size_t	 str_distance(const char *, const char *);
/*
 * Text from input as it may be quoted in a message: the first len bytes
 * of s, at most maxchars characters, into out (size bytes, >= 8).  Whole
 * UTF-8 characters are kept ('M\xc3\xbcller'); control characters (C0,
 * DEL, C1), bidirectional overrides and bytes that are not UTF-8 become
 * '?'.  When cut (maxchars, or out is full) it ends in "...".  Returns
 * out.
 */
char	*str_shown(char *out, size_t size, const char *s, size_t len,
	    size_t maxchars);
/* Returns the closest of the NULL-terminated candidates within a sane
 * distance, or NULL. */
const char *str_suggest(const char *, const char *const *);

/*
 * A 64-bit hash of len bytes (FNV-1a over 64-bit words in the machine's
 * byte order, then the bytes left, then a final mix; so it differs
 * between little- and big-endian machines): tells changed bytes from
 * unchanged ones, fast; not a defence against deliberate collisions
 * (sha256.h is that).  hash64_more() continues h over more bytes.
 */
uint64_t hash64(const void *, size_t len);
uint64_t hash64_more(uint64_t h, const void *, size_t len);

/*
 * An index from strings to positions in a table, for tables that would
 * otherwise be scanned from the start for every lookup.  The strings
 * are borrowed: they must outlive the index and not change.
 */
struct strindex {
	const char	**key;
	size_t		 *pos;
	size_t		  mask;		/* slots - 1; slots a power of 2 */
	size_t		  n;
};
void	 strindex_init(struct strindex *, size_t expected);
void	 strindex_free(struct strindex *);
/* Adds key at pos unless key is there: returns 1 when added, 0 when
 * present (its first position is kept). */
int	 strindex_add(struct strindex *, const char *key, size_t pos);
/* The position of the len bytes at key, or (size_t)-1. */
size_t	 strindex_find(const struct strindex *, const char *key, size_t len);

/* 1 if s is a LOINC code: 1 to 7 digits, '-', and the check digit
 * (LOINC's mod 10 algorithm), as "44261-6". */
int	 loinc_is_valid(const char *);

/* 1 if s is non-empty and only [a-z0-9_] starting with a letter. */
int	 is_ident(const char *);

/*
 * Text from people and files: one rule for every field a person types
 * (text answers, notes, visit, rater, reason) and every text shown or
 * exported (rater(1) TEXT FIELDS).  Text is unsafe if it is not valid
 * UTF-8 or holds a C0 control (tab and newline included), DEL, a C1
 * control (U+0080-U+009F), a bidirectional control (U+202A-U+202E,
 * U+2066-U+2069) or a line or paragraph separator (U+2028, U+2029).
 */
/* 1 if the code point cp is one the rule refuses. */
int	 text_char_is_unsafe(unsigned long cp);
/* 1 if s is safe; else 0 and *cause (may be NULL) names the first
 * offence ("a control character U+001B at byte 2"). */
int	 text_is_safe(const char *s, char **cause);
/* Appends s to b with what the rule refuses escaped: bytes below 0x80
 * as \n \r \t \xNN, undecodable bytes and C1 controls as \xNN,
 * other code points as \u{NNNN}; with TEXT_ESC_BACKSLASH a backslash
 * is doubled too (so the escaped text reads back unambiguously). */
#define TEXT_ESC_BACKSLASH	0x1
void	 text_escape(struct buf *, const char *s, int flags);
/* s without leading blanks; trailing blanks and CR cut in place. */
char	*str_trim(char *);
/* One byte c as text_escape() writes it: \\ \n \r \t or \xNN. */
void	 text_escape_byte(struct buf *, unsigned char c);
/* Length of the valid UTF-8 sequence at p (first byte >= 0x80) and its
 * code point in *cp, or 0 if p holds no valid sequence. */
size_t	 utf8_decode(const unsigned char *p, unsigned long *cp);

/*
 * Reads a whole regular file through fsdir_open (so no link below the
 * data directory is followed, and a FIFO or device fails with
 * FSDIR_ENOTREG); more than FSDIR_MAX_FILE bytes (read_file_max: max)
 * fail with EFBIG.  Returns NULL and sets errno on failure; describe it
 * with fsdir_strerror().
 */
char	*read_file(const char *path, size_t *lenp);
char	*read_file_max(const char *path, size_t max, size_t *lenp);
/* The same for what may be a pipe or FIFO the user named (--answers):
 * any file type, read to its end, at most max bytes. */
char	*read_stream(const char *path, size_t max, size_t *lenp);
/* Reads a whole file into b (reset first; its memory is reused from
 * call to call).  Returns 0, or -1 with errno set. */
int	 read_file_buf(const char *path, struct buf *b);

#endif
