/*
 * test_history.c: the review model: times, escaping, change from
 * baseline and responders (every rule, both directions, NA cases,
 * values as printed), trends, item comparison, and over a real store:
 * revision chains, forks and gaps, the visit filter, baselines, order
 * by UTC time, and scoring with each session's own scale version
 * (archived, current file with the same sha256, or unscorable).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "history.h"
#include "scale.h"
#include "score.h"
#include "session.h"
#include "store.h"

#define HX_SCALE							\
	"[scale]\n"							\
	"id = hx\n"							\
	"title = \"History test\"\n"					\
	"version = 1\n"							\
	"citation = \"none\"\n"						\
	"missing = na unk ref\n"					\
	"\n"								\
	"[choices.f]\n"							\
	"0 = \"zero\"\n"						\
	"1 = \"one\"\n"							\
	"2 = \"two\"\n"							\
	"3 = \"three\"\n"						\
	"4 = \"four\"\n"						\
	"\n"								\
	"[item.a]\n"							\
	"text = \"A\"\n"						\
	"choices = f\n"							\
	"\n"								\
	"[item.b]\n"							\
	"text = \"B\"\n"						\
	"choices = f\n"							\
	"\n"								\
	"[item.c]\n"							\
	"text = \"C\"\n"						\
	"choices = f\n"							\
	"when = a >= 1\n"						\
	"\n"								\
	"[score.sev]\n"							\
	"label = \"Severity\"\n"					\
	"formula = sum(a, b, c)\n"					\
	"min = 0\n"							\
	"max = 12\n"							\
	"bands = sevb\n"						\
	"responder = 50%\n"						\
	"\n"								\
	"[score.chg]\n"							\
	"formula = sum(a, b, c)\n"					\
	"min = 0\n"							\
	"max = 12\n"							\
	"responder = 3\n"						\
	"\n"								\
	"[score.good]\n"						\
	"formula = 12 - sum(a, b, c)\n"					\
	"min = 0\n"							\
	"max = 12\n"							\
	"direction = higher-is-better\n"				\
	"responder = >= 9\n"						\
	"\n"								\
	"[score.low]\n"							\
	"formula = sum(a, b, c)\n"					\
	"min = 0\n"							\
	"max = 12\n"							\
	"responder = <= 2\n"						\
	"\n"								\
	"[score.mean]\n"						\
	"formula = mean(a, b)\n"					\
	"min = 0\n"							\
	"max = 4\n"							\
	"\n"								\
	"[bands.sevb]\n"						\
	"0 = \"Low\"\n"							\
	"5 = \"High\"\n"						\
	"\n"								\
	"[flag.c]\n"							\
	"when = c >= 3\n"						\
	"level = critical\n"						\
	"text = \"c is high\"\n"

/* Score indices. */
#define SEV	0
#define CHG	1
#define GOOD	2
#define LOW	3
#define MEAN	4

/* -1 = not answered, -2 = unk, else the value. */
#define NONE	(-1)
#define UNK	(-2)

static char		 tmp[] = "/tmp/rater-history-XXXXXX";
static char		*scaledir, *datadir, *scalepath;
static struct scale	*sc;

static void	 setup(void);
static void	 teardown(void);
static void	 put_file(const char *, const char *);
static void	 set_answers(struct session *, int, int, int);
static struct hist_session *mem_session(int, int, int);
static void	 mem_free(struct hist_session *);
static struct session *saved(struct store *, const char *, const char *,
		    const char *, int, int, int);
static struct session *amended(struct store *, struct session *,
		    const char *, int);
static void	 test_time(void);
static void	 test_escape(void);
static void	 test_dates(void);
static void	 test_change(void);
static void	 test_compare(void);
static void	 test_store(void);
static void	 test_versions(void);
static void	 test_chains(void);
static void	 test_sort(void);
static void	 test_assessed(void);
static struct session *entered(struct store *, const char *, const char *,
		    const char *, int);
static int	 diag_has(const struct diag *, const char *, const char *);

static void
put_file(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static void
setup(void)
{
	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	scaledir = xasprintf("%s/scales", tmp);
	datadir = xasprintf("%s/data", tmp);
	scalepath = xasprintf("%s/hx.ini", scaledir);
	mkdir(scaledir, 0700);
	put_file(scalepath, HX_SCALE);
	if ((sc = scale_load(scalepath, NULL)) == NULL) {
		fprintf(stderr, "cannot load the test scale\n");
		exit(1);
	}
	setenv("RATER_NOW", "2026-11-26T10:15:00+00:00", 1);
}

static void
teardown(void)
{
	char	*cmd;

	scale_free(sc);
	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(cmd);
	free(scaledir);
	free(datadir);
	free(scalepath);
}

/* Whether some entry's file ends in file and its message has msg. */
static int
diag_has(const struct diag *d, const char *file, const char *msg)
{
	size_t	 i, fl, el;

	for (i = 0; i < d->n; i++) {
		fl = strlen(file);
		el = strlen(d->v[i].file);
		if (el >= fl && strcmp(d->v[i].file + el - fl, file) == 0 &&
		    strstr(d->v[i].msg, msg) != NULL)
			return 1;
	}
	return 0;
}

static void
set_answers(struct session *s, int a, int b, int c)
{
	struct answer	 x;
	int		 v[3], i;

	v[0] = a;
	v[1] = b;
	v[2] = c;
	for (i = 0; i < 3; i++) {
		memset(&x, 0, sizeof(x));
		if (v[i] == UNK)
			x.kind = ANS_UNK;
		else if (v[i] != NONE) {
			x.kind = ANS_VALUE;
			x.value = v[i];
		}
		session_set_answer(s, (size_t)i, &x);
	}
}

/* A scored session in memory (no store). */
static struct hist_session *
mem_session(int a, int b, int c)
{
	struct hist_session	*hs;

	hs = xcalloc(1, sizeof(*hs));
	hs->s = session_new(sc);
	set_answers(hs->s, a, b, c);
	hs->sc = sc;
	hs->r = result_new(sc);
	score_compute(sc, hs->s->answers, hs->r);
	hs->latest = 1;
	return hs;
}

static void
mem_free(struct hist_session *hs)
{
	session_free(hs->s);
	result_free(hs->r);
	free(hs);
}

static void
test_time(void)
{
	long long	 t;

	CHECK("history-1.1", history_time_utc("1970-01-01T00:00:00+00:00",
	    &t) == 0 && t == 0);
	CHECK("history-1.2", history_time_utc("2026-11-26T10:15:00+01:00",
	    &t) == 0 && t == 1795684500LL);
	CHECK("history-1.3", history_time_utc("2026-11-26T05:15:00-05:00",
	    &t) == 0 && t == 1795684500LL + 3600);
	CHECK("history-1.4", history_time_utc("2024-02-29T00:00:00+00:00",
	    &t) == 0 && t == 1709164800LL);
	CHECK("history-1.5", history_time_utc("2000-03-01T00:00:00+00:00",
	    &t) == 0 && t == 951868800LL);
	CHECK("history-1.6", history_time_utc("2026-02-29T00:00:00+00:00",
	    &t) == -1);
	CHECK("history-1.7", history_time_utc("2026-11-26 10:15:00", &t) ==
	    -1);
	CHECK("history-1.8", history_time_utc(NULL, &t) == -1);
	/* A local time after midnight at +05:00 is the day before in UTC. */
	CHECK("history-1.9", history_time_utc("2026-11-20T01:00:00+05:00",
	    &t) == 0 && t == 1795118400LL);
}

static void
test_escape(void)
{
	static const struct {
		const char	*id, *in, *want;
	} rows[] = {
		{ "history-2.1", "plain text", "plain text" },
		{ "history-2.2", "a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e" },
		{ "history-2.3", "\033[2J", "\\x1b[2J" },
		{ "history-2.4", "del\177", "del\\x7f" },
		{ "history-2.5", "M\xc3\xbcller \xe2\x82\xac",
		    "M\xc3\xbcller \xe2\x82\xac" },
		{ "history-2.6", "csi\xc2\x9b" "2J", "csi\\xc2\\x9b2J" },
		{ "history-2.7", "bad\xff", "bad\\xff" },
		{ "history-2.8", "overlong\xc0\xaf", "overlong\\xc0\\xaf" },
		{ "history-2.9", "rlo\xe2\x80\xae" "x", "rlo\\u{202e}x" },
		{ "history-2.10", "cut\xe2\x82", "cut\\xe2\\x82" },
		{ "history-2.11", "surrogate\xed\xa0\x80",
		    "surrogate\\xed\\xa0\\x80" },
		{ "history-2.12", "emoji \xf0\x9f\x99\x82",
		    "emoji \xf0\x9f\x99\x82" },
		{ "history-2.13", "", "" },
		{ "history-2.14", "ls\xe2\x80\xa8", "ls\\u{2028}" },
	};
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < nitems(rows); i++) {
		buf_init(&b);
		buf_add(&b, "", 0);
		history_escape(&b, rows[i].in);
		CHECK_STR(rows[i].id, b.data, rows[i].want);
		buf_free(&b);
	}
}

static void
test_dates(void)
{
	CHECK("history-3.1", history_date_is_valid("2026-11-26"));
	CHECK("history-3.2", !history_date_is_valid("2026-11-31"));
	CHECK("history-3.3", !history_date_is_valid("2026-1-01"));
	CHECK("history-3.4", !history_date_is_valid("26-11-2026"));
	CHECK("history-3.5", history_date_is_valid("2024-02-29"));
	CHECK("history-3.6", !history_date_is_valid(""));
}

static void
test_change(void)
{
	/* Baseline and current answers (a, b, c); c counts only when
	 * a >= 1.  Expected: sev change and percent, responders of sev
	 * (50%), chg (3 points), good (>= 9, higher is better), low
	 * (<= 2). */
	static const struct {
		const char	*id;
		int		 ba, bb, bc, a, b, c;
		int		 has_change;
		double		 change;
		int		 has_pct;
		double		 pct;
		int		 better;
		enum hist_resp	 sev, chg, good, low;
	} rows[] = {
		/* 8 -> 4: -4, -50 %: exactly the 50 % boundary. */
		{ "history-4.1", 4, 2, 2, 2, 1, 1, 1, -4, 1, -50, 1,
		    HIST_RESP_YES, HIST_RESP_YES, HIST_RESP_NO, HIST_RESP_NO },
		/* 8 -> 5: -37.5 %, improvement 3: the 3-point boundary. */
		{ "history-4.2", 4, 2, 2, 2, 2, 1, 1, -3, 1, -37.5, 1,
		    HIST_RESP_NO, HIST_RESP_YES, HIST_RESP_NO, HIST_RESP_NO },
		/* 8 -> 6: improvement 2, below both. */
		{ "history-4.3", 4, 2, 2, 2, 2, 2, 1, -2, 1, -25, 1,
		    HIST_RESP_NO, HIST_RESP_NO, HIST_RESP_NO, HIST_RESP_NO },
		/* 4 -> 6: worse. */
		{ "history-4.4", 2, 1, 1, 2, 2, 2, 1, 2, 1, 50, -1,
		    HIST_RESP_NO, HIST_RESP_NO, HIST_RESP_NO, HIST_RESP_NO },
		/* 0 -> 2 (c hidden: a = 0): percent NA, low <= 2 yes,
		 * good 10 >= 9 yes. */
		{ "history-4.5", 0, 0, 4, 0, 2, 4, 1, 2, 0, 0, -1,
		    HIST_RESP_NA, HIST_RESP_NO, HIST_RESP_YES, HIST_RESP_YES },
		/* 8 -> 3 with c hidden now: threshold rules on the value. */
		{ "history-4.6", 4, 2, 2, 0, 3, 4, 1, -5, 1, -62.5, 1,
		    HIST_RESP_YES, HIST_RESP_YES, HIST_RESP_YES,
		    HIST_RESP_NO },
		/* Current value missing (b unknown): nothing relative. */
		{ "history-4.7", 4, 2, 2, 1, UNK, 1, 0, 0, 0, 0, 0,
		    HIST_RESP_NA, HIST_RESP_NA, HIST_RESP_NA, HIST_RESP_NA },
		/* Baseline missing: relative NA, thresholds still known
		 * (sev 1: good 11 >= 9, low 1 <= 2). */
		{ "history-4.8", 4, NONE, 2, 0, 1, 0, 0, 0, 0, 0, 0,
		    HIST_RESP_NA, HIST_RESP_NA, HIST_RESP_YES, HIST_RESP_YES },
		/* Unchanged at 3: good 9 is the >= 9 boundary. */
		{ "history-4.9", 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0,
		    HIST_RESP_NO, HIST_RESP_NO, HIST_RESP_YES, HIST_RESP_NO },
	};
	struct hist_session	*base, *cur;
	struct hist_change	 ch, g, c3, l;
	size_t			 i;
	char			 id[32];

	for (i = 0; i < nitems(rows); i++) {
		base = mem_session(rows[i].ba, rows[i].bb, rows[i].bc);
		cur = mem_session(rows[i].a, rows[i].b, rows[i].c);
		history_change(cur, base, SEV, &ch);
		history_change(cur, base, CHG, &c3);
		history_change(cur, base, GOOD, &g);
		history_change(cur, base, LOW, &l);
		snprintf(id, sizeof(id), "%s.change", rows[i].id);
		CHECK(id, ch.has_change == rows[i].has_change &&
		    (!ch.has_change || ch.change == rows[i].change));
		snprintf(id, sizeof(id), "%s.pct", rows[i].id);
		CHECK(id, ch.has_pct == rows[i].has_pct && (!ch.has_pct ||
		    num_eq(ch.pct, rows[i].pct)));
		snprintf(id, sizeof(id), "%s.better", rows[i].id);
		CHECK(id, ch.better == rows[i].better);
		snprintf(id, sizeof(id), "%s.sev", rows[i].id);
		CHECK(id, ch.responder == rows[i].sev);
		snprintf(id, sizeof(id), "%s.chg", rows[i].id);
		CHECK(id, c3.responder == rows[i].chg);
		snprintf(id, sizeof(id), "%s.good", rows[i].id);
		CHECK(id, g.responder == rows[i].good);
		snprintf(id, sizeof(id), "%s.low", rows[i].id);
		CHECK(id, l.responder == rows[i].low);
		/* Higher is better: improvement is +change, and good
		 * (12 - sev) improves exactly when sev does. */
		snprintf(id, sizeof(id), "%s.gooddir", rows[i].id);
		CHECK(id, !g.has_change || (g.improvement == g.change &&
		    g.change == -ch.change && g.better == ch.better));
		mem_free(base);
		mem_free(cur);
	}

	/* Values as printed: mean(1, 2) = 1.5 prints 2 (0 decimals), so
	 * 1.5 -> 1 is a change of -1, not -0.5. */
	base = mem_session(1, 2, 0);
	cur = mem_session(1, 1, 0);
	history_change(cur, base, MEAN, &ch);
	CHECK("history-4.10", ch.has_base && ch.base == 2 &&
	    ch.value == 1 && ch.change == -1 && num_eq(ch.pct, -50));
	CHECK("history-4.11", ch.responder == HIST_RESP_NONE);
	CHECK("history-4.12", ch.same_version && ch.base_has_score);
	/* No baseline at all. */
	history_change(cur, NULL, SEV, &ch);
	CHECK("history-4.13", ch.has_value && !ch.has_base &&
	    !ch.has_change && ch.responder == HIST_RESP_NA);
	/* An unscorable session has nothing. */
	cur->sc = NULL;
	history_change(cur, base, SEV, &ch);
	CHECK("history-4.14", !ch.has_value && ch.responder == HIST_RESP_NA);
	cur->sc = sc;
	mem_free(base);
	mem_free(cur);

	CHECK("history-4.15", history_threshold_is_le(&sc->scores[LOW]) &&
	    !history_threshold_is_le(&sc->scores[GOOD]));
	CHECK_STR("history-4.16", history_missing_name(ANS_NA),
	    "not applicable");
	CHECK_STR("history-4.17", history_missing_name(ANS_UNK), "unknown");
	CHECK_STR("history-4.18", history_missing_name(ANS_REF), "declined");
	CHECK_STR("history-4.19", history_missing_name(ANS_NONE),
	    "not answered");
	CHECK("history-4.20", history_missing_name(ANS_VALUE) == NULL);
}

static void
test_compare(void)
{
	struct hist_session	*a, *b;
	struct hist_itemcmp	*v;
	size_t			 n;

	a = mem_session(2, 1, 3);
	b = mem_session(0, 1, 3);
	n = history_compare(a, b, &v);
	CHECK("history-5.1", n == 3);
	CHECK("history-5.2", n == 3 && strcmp(v[0].id, "a") == 0 &&
	    v[0].changed && v[0].has_delta && v[0].delta == -2);
	CHECK("history-5.3", n == 3 && !v[1].changed && v[1].has_delta &&
	    v[1].delta == 0);
	/* c: same answer, but hidden in b (a = 0): changed, no delta. */
	CHECK("history-5.4", n == 3 && v[2].changed && !v[2].has_delta &&
	    v[2].shown_a && !v[2].shown_b);
	CHECK("history-5.5", n == 3 && v[0].ia == &sc->items[0] &&
	    v[0].a == &a->s->answers[0] && v[0].b == &b->s->answers[0]);
	free(v);
	b->sc = NULL;
	CHECK("history-5.6", history_compare(a, b, &v) == 0 && v == NULL);
	b->sc = sc;
	mem_free(a);
	mem_free(b);
}

/* Saves a session of hx started at `started`. */
static struct session *
saved(struct store *st, const char *patient, const char *visit,
    const char *started, int a, int b, int c)
{
	struct session	*s;
	char		*cause = NULL;

	s = session_new(sc);
	session_set(&s->patient, patient);
	session_set(&s->rater, "jdoe");
	session_set(&s->visit, visit);
	session_set(&s->started, started);
	/* Assessed when entered, as a session rated on the spot. */
	session_set(&s->assessed, started);
	set_answers(s, a, b, c);
	if (store_save(st, s, sc, "save", &cause) == -1) {
		fprintf(stderr, "save: %s\n", cause);
		exit(1);
	}
	return s;
}

/* Amends old with b = value (and the visit, when not NULL). */
static struct session *
amended(struct store *st, struct session *old, const char *visit, int b)
{
	struct session	*s;
	struct answer	 x;
	char		*cause = NULL;

	if ((s = session_amend(old, "correction", &cause)) == NULL) {
		fprintf(stderr, "amend: %s\n", cause);
		exit(1);
	}
	memset(&x, 0, sizeof(x));
	x.kind = ANS_VALUE;
	x.value = b;
	session_set_answer(s, 1, &x);
	if (visit != NULL)
		session_set(&s->visit, visit);
	if (store_save(st, s, sc, "amend", &cause) == -1) {
		fprintf(stderr, "amend: %s\n", cause);
		exit(1);
	}
	return s;
}

static void
test_store(void)
{
	char *const		 dirs[] = { scaledir, NULL };
	struct store		*st;
	struct history		*h;
	struct hist_patient	*p;
	const struct hist_group	*g;
	const struct hist_session **rv;
	struct hist_point	*pt;
	struct history_filter	 f;
	struct session		*s1, *s2, *s3, *s4, *a1;
	struct diag		 d;
	char			*cause = NULL, **ids;
	size_t			 n, nids;

	if ((st = store_open(datadir, &cause)) == NULL) {
		fprintf(stderr, "store: %s\n", cause);
		exit(1);
	}
	/* P1: screening, baseline, week 4 (amended twice, the second time
	 * with another visit label), and one at +05:00 whose local date is
	 * later than its UTC time. */
	s1 = saved(st, "P1", "screening", "2026-11-01T09:00:00+00:00", 4, 4,
	    4);
	s2 = saved(st, "P1", "baseline", "2026-11-08T09:00:00+00:00", 4, 2,
	    2);
	s3 = saved(st, "P1", "week 4", "2026-11-26T10:15:00+00:00", 1, 1, 1);
	a1 = amended(st, s3, NULL, 2);
	session_free(amended(st, a1, "week 5", 0));
	s4 = saved(st, "P1", "extra", "2026-11-27T01:00:00+05:00", 0, 0, 0);
	session_free(saved(st, "P2", "day 1", "2026-11-02T09:00:00+00:00",
	    1, 1, 1));
	session_free(saved(st, "P2", "day 9", "2026-11-09T09:00:00+00:00",
	    0, 1, 1));

	h = history_open(st, dirs);
	diag_init(&d);
	CHECK("history-6.1", history_patients(h, &ids, &nids, &d, &cause) ==
	    0 && nids == 2 && strcmp(ids[0], "P1") == 0 &&
	    strcmp(ids[1], "P2") == 0 && d.n == 0);
	history_patients_free(ids, nids);

	p = history_patient(h, "P1", NULL, 0, &d, &cause);
	CHECK("history-6.2", p != NULL && p->nall == 6 && d.n == 0);
	if (p == NULL)
		goto out;
	/* Latest: s1, s2, s4 (UTC 2026-11-26T20:00Z), the 2nd amendment. */
	CHECK("history-6.3", p->nlatest == 4);
	CHECK("history-6.4", p->nlatest == 4 &&
	    strcmp(p->latest[0]->s->id, s1->id) == 0 &&
	    strcmp(p->latest[1]->s->id, s2->id) == 0 &&
	    strcmp(p->latest[2]->s->id, "P1/20261126T101500-hx-1.r3") == 0 &&
	    strcmp(p->latest[3]->s->id, s4->id) == 0);
	CHECK("history-6.5", p->nlatest == 4 &&
	    p->latest[2]->s->revision == 3 && p->latest[2]->r != NULL &&
	    p->latest[2]->nmismatch == 0);
	n = p->nlatest == 4 ? history_revisions(p->latest[2], &rv) : 0;
	CHECK("history-6.6", n == 3 && strcmp(rv[0]->s->id, s3->id) == 0 &&
	    strcmp(rv[1]->s->id, a1->id) == 0 && rv[2] == p->latest[2] &&
	    !rv[0]->latest && !rv[1]->latest && rv[0]->nnext == 1);
	if (n > 0)
		free(rv);
	/* Earlier revisions are not scored without HIST_ALL_REVISIONS. */
	CHECK("history-6.7", history_find(p, s3->id) != NULL &&
	    history_find(p, s3->id)->r == NULL &&
	    history_find(p, "P1/20261126T101500-hx-9") == NULL);
	/* One group, newest first; the baseline by its visit label. */
	g = history_group(p, "hx");
	CHECK("history-6.8", p->ngroups == 1 && g != NULL && g->n == 4 &&
	    g->v[0] == p->latest[3] && g->v[3] == p->latest[0]);
	CHECK("history-6.9", g != NULL && g->baseline != NULL &&
	    strcmp(g->baseline->s->id, s2->id) == 0);
	CHECK("history-6.10", history_group(p, "nosuch") == NULL);
	/* The trend, oldest first: 12, 8, then the second amendment
	 * (a=1, b=0, c=1: 2), then s4: 0. */
	n = g != NULL ? history_trend(g, "sev", &pt) : 0;
	CHECK("history-6.11", n == 4 && pt[0].has_value && pt[0].value == 12 &&
	    pt[1].value == 8 && pt[2].value == 2 && pt[3].value == 0 &&
	    strcmp(pt[0].band, "High") == 0 && strcmp(pt[3].band, "Low") ==
	    0 && pt[0].hs == p->latest[0]);
	if (n > 0)
		free(pt);
	n = g != NULL ? history_trend(g, "nosuch", &pt) : 0;
	CHECK("history-6.12", n == 4 && !pt[0].has_value && !pt[3].has_value);
	if (n > 0)
		free(pt);
	history_patient_free(p);

	/* The visit filter applies to the latest revision: "week 4" was
	 * renamed "week 5" by the second amendment. */
	memset(&f, 0, sizeof(f));
	f.visit = "week 4";
	p = history_patient(h, "P1", &f, 0, &d, &cause);
	CHECK("history-6.13", p != NULL && p->nlatest == 0 && p->nall == 6 &&
	    p->ngroups == 1);
	history_patient_free(p);
	f.visit = "week 5";
	p = history_patient(h, "P1", &f, 0, &d, &cause);
	CHECK("history-6.14", p != NULL && p->nlatest == 1 &&
	    p->latest[0]->s->revision == 3);
	history_patient_free(p);
	/* Dates: the local date of assessed. */
	memset(&f, 0, sizeof(f));
	f.since = "2026-11-26";
	p = history_patient(h, "P1", &f, 0, &d, &cause);
	CHECK("history-6.15", p != NULL && p->nlatest == 2);
	history_patient_free(p);
	f.since = "2026-11-27";
	p = history_patient(h, "P1", &f, 0, &d, &cause);
	CHECK("history-6.16", p != NULL && p->nlatest == 1 &&
	    strcmp(p->latest[0]->s->id, s4->id) == 0);
	history_patient_free(p);
	f.since = "2026-13-01";
	p = history_patient(h, "P1", &f, 0, &d, &cause);
	CHECK("history-6.17", p == NULL && cause != NULL);
	free(cause);
	cause = NULL;
	/* No "baseline" visit: the earliest. */
	p = history_patient(h, "P2", NULL, HIST_ALL_REVISIONS, &d, &cause);
	g = p != NULL ? history_group(p, "hx") : NULL;
	CHECK("history-6.18", g != NULL && g->n == 2 &&
	    strcmp(g->baseline->s->visit, "day 1") == 0);
	history_patient_free(p);
	/* A patient with no sessions. */
	p = history_patient(h, "P3", NULL, 0, &d, &cause);
	CHECK("history-6.19", p != NULL && p->nall == 0 && p->ngroups == 0);
	history_patient_free(p);
	CHECK("history-6.20", d.n == 0);
out:
	diag_free(&d);
	session_free(s1);
	session_free(s2);
	session_free(s3);
	session_free(s4);
	session_free(a1);
	history_close(h);
	store_close(st);
}

static void
test_chains(void)
{
	char *const		 dirs[] = { scaledir, NULL };
	struct store		*st;
	struct history		*h;
	struct hist_patient	*p;
	struct session		*s, *a, *b;
	struct diag		 d;
	char			*cause = NULL, *path, *text, *fork;

	st = store_open(datadir, &cause);
	h = history_open(st, dirs);
	diag_init(&d);
	/* A fork: two amendments of one revision.  store_save cannot
	 * make one any more (revision 2 is "<id>.r2", taken), but files
	 * from before ".rR" can hold one: the second is written as such
	 * a file, "-2".  Both are latest, and it is reported. */
	s = saved(st, "P4", "baseline", "2026-10-01T09:00:00+00:00", 1, 1, 1);
	a = amended(st, s, NULL, 2);
	b = session_amend(s, "again", &cause);
	CHECK("history-7.0", store_save(st, b, sc, "amend", &cause) == -1 &&
	    strcmp(cause, "cannot amend session P4/20261001T090000-hx-1: "
	    "revision 2 of P4/20261001T090000-hx-1 exists already "
	    "(20261001T090000-hx-1.r2.ini)") == 0 && b->id == NULL);
	free(cause);
	cause = NULL;
	text = read_file(a->path, NULL);
	fork = strstr(text, "hx-1.r2");
	memcpy(fork, "hx-2", 4);	/* the id line */
	memmove(fork + 4, fork + 7, strlen(fork + 7) + 1);
	path = xasprintf("%s/sessions/P4/20261001T090000-hx-2.ini", datadir);
	put_file(path, text);
	free(path);
	free(text);
	p = history_patient(h, "P4", NULL, 0, &d, &cause);
	CHECK("history-7.1", p != NULL && p->nlatest == 2 && p->nall == 3);
	CHECK("history-7.2", diag_has(&d, "P4/20261001T090000-hx-1.ini",
	    "amended 2 times"));
	history_patient_free(p);
	diag_free(&d);
	/* A gap: the revision amended is gone. */
	path = store_session_path(st, s->id);
	unlink(path);
	free(path);
	p = history_patient(h, "P4", NULL, 0, &d, &cause);
	CHECK("history-7.3", p != NULL && p->nlatest == 2 &&
	    p->latest[0]->prev == NULL);
	CHECK("history-7.4", diag_has(&d, "P4/20261001T090000-hx-2.ini",
	    "amends P4/20261001T090000-hx-1, which is missing"));
	history_patient_free(p);
	diag_free(&d);
	session_free(s);
	session_free(a);
	session_free(b);
	history_close(h);
	store_close(st);
}

static void
test_versions(void)
{
	char *const		 dirs[] = { scaledir, NULL };
	struct store		*st;
	struct history		*h;
	struct hist_patient	*p;
	const struct hist_version *v1, *v2;
	const struct hist_version *const *vv;
	struct scale		*sc2;
	struct session		*s;
	struct diag		 d;
	char			*cause = NULL, *text, *t2, *arch, *p5;
	const char		*q;
	size_t			 n;

	st = store_open(datadir, &cause);
	diag_init(&d);
	s = saved(st, "P5", "baseline", "2026-10-01T09:00:00+00:00", 2, 2,
	    2);
	/* Edit the scale file: band "High" becomes "Severe" from 4. */
	text = read_file(scalepath, NULL);
	q = strstr(text, "5 = \"High\"");
	t2 = xasprintf("%.*s4 = \"Severe\"%s", (int)(q - text), text,
	    q + strlen("5 = \"High\""));
	put_file(scalepath, t2);
	sc2 = scale_load(scalepath, NULL);
	CHECK("history-8.1", sc2 != NULL && strcmp(sc2->sha256, sc->sha256)
	    != 0);

	h = history_open(st, dirs);
	v1 = history_version(h, "hx", sc->sha256);
	CHECK("history-8.2", v1->sc != NULL && v1->archived &&
	    v1->note == NULL);
	CHECK("history-8.3", history_version(h, "hx", sc->sha256) == v1);
	/* A version never archived whose current file matches. */
	v2 = history_version(h, "hx", sc2->sha256);
	CHECK("history-8.4", v2->sc != NULL && !v2->archived &&
	    v2->note != NULL && strstr(v2->note, "is not archived") !=
	    NULL && strstr(v2->note, "same sha256") != NULL &&
	    strcmp(v2->sc->sha256, sc2->sha256) == 0);
	vv = history_versions(h, &n);
	CHECK("history-8.5", n == 2 && vv[0] == v1 && vv[1] == v2);
	/* The old session keeps its old band. */
	p = history_patient(h, "P5", NULL, 0, &d, &cause);
	CHECK("history-8.6", p != NULL && p->nlatest == 1 &&
	    p->latest[0]->sc == v1->sc && strcmp(history_band(p->latest[0],
	    SEV, 0), "High") == 0 && d.n == 0);
	history_patient_free(p);
	history_close(h);

	/* Archive gone, current file different: unscorable, named. */
	arch = store_scale_path(st, "hx", sc->sha256);
	p5 = xasprintf("%s.moved", arch);
	rename(arch, p5);
	h = history_open(st, dirs);
	p = history_patient(h, "P5", NULL, 0, &d, &cause);
	CHECK("history-8.7", p != NULL && p->nlatest == 1 &&
	    p->latest[0]->sc == NULL && p->latest[0]->r == NULL &&
	    p->latest[0]->why != NULL);
	CHECK("history-8.8", diag_has(&d, "P5/20261001T090000-hx-1.ini",
	    "cannot be scored") && diag_has(&d,
	    "P5/20261001T090000-hx-1.ini", "no current scale file has that "
	    "sha256"));
	history_patient_free(p);
	history_close(h);
	diag_free(&d);

	/* Archive gone, current file back as it was: used, not archived. */
	put_file(scalepath, text);
	h = history_open(st, dirs);
	p = history_patient(h, "P5", NULL, 0, &d, &cause);
	CHECK("history-8.9", p != NULL && p->nlatest == 1 &&
	    p->latest[0]->sc != NULL && d.n == 0 &&
	    !p->latest[0]->ver->archived && strstr(p->latest[0]->ver->note,
	    "which has the same sha256") != NULL);
	history_patient_free(p);
	history_close(h);
	/* Without scale directories there is no fallback. */
	h = history_open(st, NULL);
	CHECK("history-8.10", history_version(h, "hx", sc->sha256)->sc ==
	    NULL);
	CHECK("history-8.11", history_version(h, "../x", sc->sha256)->sc ==
	    NULL && history_version(h, "hx", "abc")->sc == NULL);
	history_close(h);
	rename(p5, arch);
	diag_free(&d);
	free(arch);
	free(p5);
	free(text);
	free(t2);
	scale_free(sc2);
	session_free(s);
	store_close(st);
}

static void
test_sort(void)
{
	struct diag	 d;

	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "b", 2, "x");
	diag_add(&d, DIAG_ERROR, "a", 9, "z");
	diag_add(&d, DIAG_WARNING, "b", 1, "y");
	diag_add(&d, DIAG_ERROR, "a", 9, "m");
	history_sort_diag(&d);
	CHECK("history-9.1", strcmp(d.v[0].file, "a") == 0 &&
	    strcmp(d.v[0].msg, "m") == 0 && strcmp(d.v[1].msg, "z") == 0 &&
	    d.v[2].line == 1 && d.v[3].line == 2);
	diag_free(&d);
}

/* A session of patient P8, entered at started, assessed at assessed. */
static struct session *
entered(struct store *st, const char *visit, const char *started,
    const char *assessed, int a)
{
	struct session	*s;
	char		*cause = NULL;

	s = session_new(sc);
	session_set(&s->patient, "P8");
	session_set(&s->rater, "jdoe");
	session_set(&s->visit, visit);
	session_set(&s->started, started);
	session_set(&s->assessed, assessed);
	set_answers(s, a, 0, 0);
	if (store_save(st, s, sc, "save", &cause) == -1) {
		fprintf(stderr, "save: %s\n", cause);
		exit(1);
	}
	return s;
}

/*
 * Paper forms entered out of order: order, baseline, trend and the
 * date filter go by the assessment, not the entry; the checks of a new
 * session's date.
 */
static void
test_assessed(void)
{
	char *const		 dirs[] = { scaledir, NULL };
	struct history_filter	 f;
	struct store		*st;
	struct history		*h;
	struct hist_patient	*p;
	const struct hist_group	*g;
	struct hist_point	*pt = NULL;
	struct hist_change	 ch;
	struct session		*w12, *base, *w4, probe;
	struct diag		 d;
	char			*cause = NULL;
	long long		 t;
	size_t			 n;

	st = store_open(datadir, &cause);
	h = history_open(st, dirs);
	diag_init(&d);
	w12 = entered(st, "week 12", "2026-11-20T09:00:00+00:00",
	    "2026-11-19T16:00:00+00:00", 1);
	base = entered(st, "baseline", "2026-11-21T09:00:00+00:00",
	    "2026-08-27", 4);
	w4 = entered(st, "week 4", "2026-11-22T09:00:00+00:00",
	    "2026-09-24T10:30:00+02:00", 2);
	(void)w4;
	memset(&f, 0, sizeof(f));
	f.since = "2026-08-01";
	f.until = "2026-10-31";
	p = history_patient(h, "P8", &f, 0, &d, &cause);
	/* Only the two assessed in that window, though entered later. */
	CHECK("assessed-1.1", p != NULL && p->nlatest == 2 &&
	    strcmp(p->latest[0]->s->visit, "baseline") == 0 &&
	    strcmp(p->latest[1]->s->visit, "week 4") == 0);
	history_patient_free(p);
	p = history_patient(h, "P8", NULL, 0, &d, &cause);
	g = p != NULL ? history_group(p, "hx") : NULL;
	/* Oldest assessment first, though entered last. */
	CHECK("assessed-1.2", p != NULL && p->nlatest == 3 &&
	    strcmp(p->latest[0]->s->id, base->id) == 0 &&
	    strcmp(p->latest[1]->s->visit, "week 4") == 0 &&
	    strcmp(p->latest[2]->s->id, w12->id) == 0);
	CHECK("assessed-1.3", g != NULL && g->baseline != NULL &&
	    strcmp(g->baseline->s->id, base->id) == 0);
	n = g != NULL ? history_trend(g, "sev", &pt) : 0;
	CHECK("assessed-1.4", n == 3 && pt[0].value == 4 &&
	    pt[1].value == 2 && pt[2].value == 1);
	free(pt);
	if (g != NULL) {
		history_change(p->latest[2], g->baseline, 0, &ch);
		CHECK("assessed-1.5", ch.has_base && ch.has_change &&
		    ch.change == -3);
	}
	history_patient_free(p);
	diag_free(&d);

	/* A date alone is the start of that day at the entry's offset.
	 * 2026-08-27T00:00:00Z is 1787788800 s after the epoch. */
#define T0827	1787788800LL
	memset(&probe, 0, sizeof(probe));
	probe.assessed = "2026-08-27";
	probe.started = "2026-11-21T09:00:00+02:00";
	CHECK("assessed-2.1", history_assessed_utc(&probe, &t) == 0 &&
	    t == T0827 - 7200);
	probe.assessed = "2026-08-27T10:00:00+00:00";
	CHECK("assessed-2.2", history_assessed_utc(&probe, &t) == 0 &&
	    t == T0827 + 36000);
	probe.assessed = NULL;
	CHECK("assessed-2.3", history_assessed_utc(&probe, &t) == -1 &&
	    t == 0);

	/* The checks of a new session. */
#define NOW8	"2026-11-26T10:15:00+00:00"
	diag_init(&d);
	CHECK("assessed-3.1", history_check_new(h, "P8", "hx", "week 8",
	    "2026-11-26T10:20:00+00:00", NOW8, 90, &d, &cause) == 0 &&
	    d.n == 0);
	CHECK("assessed-3.2", history_check_new(h, "P8", "hx", "week 8",
	    "2026-11-26T10:20:01+00:00", NOW8, 90, &d, &cause) == 1 &&
	    diag_has(&d, "P8", "the assessment date "
	    "2026-11-26T10:20:01+00:00 is in the future"));
	diag_free(&d);
	diag_init(&d);
	CHECK("assessed-3.3", history_check_new(h, "P8", "hx", "week 8",
	    "2026-11-27", NOW8, 90, &d, &cause) == 1 && d.nerrors == 1);
	diag_free(&d);
	diag_init(&d);
	CHECK("assessed-3.4", history_check_new(h, "P8", "hx", "week 8",
	    "2026-11-26", NOW8, 90, &d, &cause) == 0 && d.n == 0);
	diag_free(&d);
	/* The same scale at the same visit, latest revisions only. */
	diag_init(&d);
	CHECK("assessed-3.5", history_check_new(h, "P8", "hx", "week 4",
	    NOW8, NOW8, 90, &d, &cause) == 0 && d.nwarnings == 1 &&
	    diag_has(&d, "P8", "hx at visit 'week 4' is already recorded: "
	    "P8/20261122T090000-hx-1, assessed 2026-09-24T10:30:00+02:00"));
	diag_free(&d);
	diag_init(&d);
	CHECK("assessed-3.6", history_check_new(h, "P8", "other", "week 4",
	    NOW8, NOW8, 90, &d, &cause) == 0 && d.n == 0);
	CHECK("assessed-3.7", history_check_new(h, "P8", "hx", "",
	    NOW8, NOW8, 90, &d, &cause) == 0 && d.n == 0);
	/* Before the first assessment (2026-08-27) by more than the
	 * limit; for a new patient, before today. */
	CHECK("assessed-3.8", history_check_new(h, "P8", "hx", "",
	    "2026-05-29", NOW8, 90, &d, &cause) == 0 && d.n == 0);
	CHECK("assessed-3.9", history_check_new(h, "P8", "hx", "",
	    "2026-05-28", NOW8, 90, &d, &cause) == 0 && d.nwarnings == 1 &&
	    diag_has(&d, "P8", "the assessment date 2026-05-28 is more than "
	    "90 days before the patient's first session"));
	diag_free(&d);
	diag_init(&d);
	CHECK("assessed-3.10", history_check_new(h, "P9", "hx", "",
	    "2026-08-27", NOW8, 90, &d, &cause) == 0 && d.nwarnings == 1 &&
	    diag_has(&d, "P9", "is more than 90 days before today"));
	diag_free(&d);
	diag_init(&d);
	CHECK("assessed-3.11", history_check_new(h, "P8", "hx", "",
	    "2026-11-26T10:15", NOW8, 90, &d, &cause) == 1 &&
	    diag_has(&d, "P8", "is not a date or a time"));
	diag_free(&d);
#undef NOW8
#undef T0827
	session_free(w12);
	session_free(base);
	session_free(w4);
	history_close(h);
	store_close(st);
}

int
main(void)
{
	setup();
	test_time();
	test_escape();
	test_dates();
	test_change();
	test_compare();
	test_store();
	test_chains();
	test_versions();
	test_sort();
	test_assessed();
	teardown();
	return harness_done("history");
}
