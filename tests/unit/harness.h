/*
 * harness.h: a tiny test harness.  Each check has a stable id; the run
 * ends with the line "N passed, N failed" and exits 1 on any failure.
 */
#ifndef RATER_HARNESS_H
#define RATER_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;

#define CHECK(id, cond) do {						\
	if (cond)							\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "FAIL %s (%s:%d): %s\n", (id),	\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_STR(id, got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		harness_pass++;						\
	else {								\
		harness_fail++;						\
		fprintf(stderr, "FAIL %s (%s:%d): got \"%s\", want \"%s\"\n",\
		    (id), __FILE__, __LINE__, g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
	}								\
} while (0)

static int
harness_done(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, harness_pass,
	    harness_fail);
	return harness_fail == 0 ? 0 : 1;
}

#endif
