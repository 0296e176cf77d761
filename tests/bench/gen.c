/*
 * gen.c: makes a store of N valid sessions for the benchmark, through
 * the writer the program itself uses (store_save).
 *
 *	gen [-w WORKSTATION] DATA_DIR N SCALE_FILE...
 *
 * With -w the store is a workstation's (store_set_workstation): ids end
 * in "@WORKSTATION" and each save appends to audit/WORKSTATION.log, as
 * the saves of a synchronised workstation do.
 *
 * Sessions are spread over 2,000 patients (P0000 .. P1999) and the
 * given scales, one every few hours from 2016 on; patient P0000 gets
 * 200 sessions so that opening a long history can be timed.  Answers
 * are random valid values (seeded: the same N gives the same store).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scale.h"
#include "session.h"
#include "store.h"

#define NPATIENTS	2000

static unsigned long long rng = 88172645463325252ULL;

static unsigned long
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)(rng >> 11);
}

static const char *const visits[] = {
	"screening", "baseline", "dosing", "week 1", "week 4", "week 12"
};

static void
fill(const struct scale *s, struct session *ss)
{
	size_t		 i;
	struct answer	 a;
	const struct item *it;
	double		 n;

	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		memset(&a, 0, sizeof(a));
		if (it->type == ITEM_CHOICE && it->nopts > 0) {
			a.kind = ANS_VALUE;
			a.value = it->opts[next() % it->nopts].value;
		} else if (it->type == ITEM_NUMBER) {
			a.kind = ANS_VALUE;
			n = it->step > 0 ? (it->max - it->min) / it->step : 10;
			a.value = it->min +
			    (double)(next() % ((unsigned long)n + 1)) *
			    (it->step > 0 ? it->step :
			    (it->max - it->min) / 10);
		} else if (next() % 4 == 0 && (it->missing & MISSING_NA)) {
			a.kind = ANS_NA;
		} else
			continue;
		session_set_answer(ss, i, &a);
	}
}

int
main(int argc, char **argv)
{
	struct store	*st;
	struct scale	**scales;
	struct session	*ss;
	struct diag	 d;
	char		*cause = NULL, when[64], patient[16];
	long		 n, i, t;
	const char	*ws = NULL;
	int		 nscales, k;

	if (argc > 2 && strcmp(argv[1], "-w") == 0) {
		ws = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: gen [-w WORKSTATION] DATA_DIR N "
		    "SCALE_FILE...\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 10);
	nscales = argc - 3;
	scales = calloc((size_t)nscales, sizeof(*scales));
	for (k = 0; k < nscales; k++) {
		diag_init(&d);
		if ((scales[k] = scale_load(argv[3 + k], &d)) == NULL) {
			fprintf(stderr, "gen: cannot load %s\n", argv[3 + k]);
			return 1;
		}
		diag_free(&d);
	}
	if ((st = store_open(argv[1], &cause)) == NULL) {
		fprintf(stderr, "gen: %s\n", cause);
		return 1;
	}
	if (ws != NULL && store_set_workstation(st, ws, &cause) == -1) {
		fprintf(stderr, "gen: %s\n", cause);
		return 1;
	}
	for (i = 0; i < n; i++) {
		const struct scale *s =
		    scales[next() % (unsigned long)nscales];
		long p = i < 200 ? 0 : (long)(next() % NPATIENTS);

		/* Minutes from 2016-01-01, increasing with i. */
		t = i * 20 + (long)(next() % 20);
		snprintf(when, sizeof(when), "%04ld-%02ld-%02ldT%02ld:%02ld:00"
		    "+00:00", 2016 + t / (60 * 24 * 336),
		    1 + (t / (60 * 24 * 28)) % 12, 1 + (t / (60 * 24)) % 28,
		    (t / 60) % 24, t % 60);
		snprintf(patient, sizeof(patient), "P%04ld", p);
		ss = session_new(s);
		session_set(&ss->patient, patient);
		session_set(&ss->rater, "bench");
		session_set(&ss->visit, visits[next() % 6]);
		session_set(&ss->started, when);
		session_set(&ss->finished, when);
		fill(s, ss);
		if (store_save(st, ss, s, "save", &cause) == -1) {
			fprintf(stderr, "gen: %s\n", cause);
			return 1;
		}
		session_free(ss);
	}
	store_close(st);
	for (k = 0; k < nscales; k++)
		scale_free(scales[k]);
	free(scales);
	return 0;
}
