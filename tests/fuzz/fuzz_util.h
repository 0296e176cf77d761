/*
 * fuzz_util.h: what the fuzz targets share: finding the bundled scales,
 * a private temporary directory, checks on diagnostics, and the
 * save/read round trip of a bound session.
 *
 * Linked into every target, with libFuzzer (make fuzz) and with the
 * plain replay driver (make check-fuzz-regress).
 */
#ifndef RATER_FUZZ_UTIL_H
#define RATER_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "scale.h"
#include "session.h"
#include "util.h"

/* Every target defines this; libFuzzer and replay.c call it. */
int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The fixed clock every target runs with (RATER_NOW). */
#define FUZZ_NOW	"2026-11-26T10:15:00+01:00"
#define FUZZ_STAMP	"20261126T101500"

/* Prints "fuzz: <file>:<line>: <message>" and aborts: a broken
 * invariant is a finding, like a crash. */
#define FUZZ_ASSERT(cond, ...) do {					\
	if (!(cond))							\
		fuzz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);	\
} while (0)

void		 fuzz_fail(const char *, int, const char *, const char *, ...)
		    __attribute__((format(printf, 4, 5), noreturn));

/* Sets RATER_NOW and the like once per process. */
void		 fuzz_init(void);

/*
 * The scale the session and journal targets bind to: $RATER_FUZZ_SCALE,
 * else scales/phq9.ini found by walking up from the executable's
 * directory (then from the current one).  Loaded once, never freed;
 * aborts with a message when it cannot be loaded.
 */
const struct scale *fuzz_fixed_scale(void);

/* A private directory, made once (under $TMPDIR or /tmp) and removed at
 * exit; the targets remove what they put in it after every input. */
const char	*fuzz_tmpdir(void);
/* Writes bytes to a file (created or truncated); aborts on failure. */
void		 fuzz_write_file(const char *path, const void *, size_t);

/* Every entry has a non-empty, one-line message without control bytes
 * and a line from 0 to maxline (unless maxline is -1); the error count
 * adds up. */
void		 fuzz_check_diag(const struct diag *, int maxline);
/* The number of lines of a text (a last line without newline counts). */
int		 fuzz_nlines(const void *, size_t);

/*
 * For a session bound to sc: fills in what a save sets (id, finished,
 * patient) when missing, renders it with session_write and, when that
 * works, reads the text back and checks that it parses, binds, has the
 * scores it says, and renders to the same bytes.
 */
void		 fuzz_roundtrip(struct session *, const struct scale *);

#endif
