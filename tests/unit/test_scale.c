/*
 * test_scale.c: loading a scale, parsing answers, and scoring, with no
 * terminal.  Ids are stable: add new rows at the end of a group.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "scale.h"
#include "score.h"
#include "session.h"

static const char demo[] =
    "[scale]\n"
    "id = demo\n"
    "title = \"Demo scale\"\n"
    "version = 2\n"
    "respondent = clinician\n"
    "citation = \"none\"\n"
    "\n"
    "[choices.c4]\n"
    "0 = \"none\"\n"
    "1 = \"mild\"\n"
    "2 = \"moderate\"\n"
    "4 = \"severe\"\n"
    "\n"
    "[item.a]\n"
    "text = \"A\"\n"
    "choices = c4\n"
    "\n"
    "[item.b]\n"
    "text = \"B only when A > 0\"\n"
    "when = a > 0\n"
    "choices = c4\n"
    "\n"
    "[item.c]\n"
    "text = \"C, no na\"\n"
    "missing = unk\n"
    "scored = no\n"
    "choices = c4\n"
    "\n"
    "[item.pain]\n"
    "text = \"Pain\"\n"
    "type = number\n"
    "min = 0\n"
    "max = 10\n"
    "step = 0.5\n"
    "\n"
    "[item.comment]\n"
    "text = \"Comment\"\n"
    "type = text\n"
    "\n"
    "[score.total]\n"
    "formula = sum(a, b, pain)\n"
    "min = 0\n"
    "max = 18\n"
    "decimals = 1\n"
    "bands = sev alt\n"
    "\n"
    "[score.double]\n"
    "formula = total * 2\n"
    "min = 0\n"
    "max = 36\n"
    "decimals = 1\n"
    "\n"
    "[bands.sev]\n"
    "0 = \"Low\"\n"
    "5 = \"High\"\n"
    "\n"
    "[bands.alt]\n"
    "0 = \"Lower\"\n"
    "10 = \"Upper\"\n"
    "\n"
    "[flag.severe_a]\n"
    "when = a == 4\n"
    "level = critical\n"
    "text = \"A is severe\"\n"
    "\n"
    "[test.t1]\n"
    "answers = 4 2 - 1.5 fine\n"
    "total = 7.5\n"
    "total.band = High\n"
    "total.band.alt = Lower\n"
    "double = 15\n"
    "flags = severe_a\n";

static void	 test_too_big(void);
static void	 test_numbers(void);
static void	 test_report_test(void);
static void	 test_kinds(void);
static int	 answer(const struct scale *, struct answer *, const char *,
		    const char *);

static struct scale *
load(void)
{
	struct diag	 d;
	struct scale	*s;
	struct buf	 b;

	diag_init(&d);
	s = scale_load_mem("demo.ini", demo, strlen(demo), &d);
	if (s == NULL || d.n > 0) {
		buf_init(&b);
		diag_format(&d, &b);
		fprintf(stderr, "%s", b.data ? b.data : "");
		buf_free(&b);
	}
	diag_free(&d);
	return s;
}

/*
 * A scale file of more sections and keys than iniparser loads in
 * reasonable time (its load is quadratic: 40,000 items took 14 s) is
 * refused at once, with the limit and the line past it.
 */
static void
test_too_big(void)
{
	struct diag	 d;
	struct buf	 b;
	struct scale	*s;
	size_t		 i;

	buf_init(&b);
	buf_puts(&b, "[scale]\nid = big\n");	/* 2 entries, lines 1-2 */
	for (i = 0; i < 6666; i++)		/* 3 each: 19,998 more */
		buf_printf(&b, "[item.i%zu]\ntext = \"I\"\nchoices = yn\n",
		    i);
	diag_init(&d);
	s = scale_load_mem("big.ini", b.data, b.len, &d);
	/* 20,000 sections and keys: over the limit only by what follows. */
	CHECK("big-1.1", d.n == 0 || strstr(d.v[0].msg, "at most") ==
	    NULL);
	scale_free(s);
	diag_free(&d);
	buf_puts(&b, "[item.last]\n");	/* line 20,001 */
	diag_init(&d);
	s = scale_load_mem("big.ini", b.data, b.len, &d);
	CHECK("big-1.2", s == NULL && d.nerrors == 1 && d.v[0].line ==
	    20001);
	CHECK_STR("big-1.3", d.n > 0 ? d.v[0].msg : NULL, "the file holds "
	    "20001 sections and keys; a scale file may hold at most 20000");
	scale_free(s);
	diag_free(&d);
	buf_free(&b);
}


/* Issue 14.6: a category score (labels matched exactly, a value with no
 * label has none) and a code score (digits side by side, zero-padded). */
static const char kinds[] =
	"[scale]\nid = kinds\ntitle = Kinds\nversion = 1\n"
	"citation = none\n"
	"[choices.yn]\n0 = No\n1 = Yes\n"
	"[choices.lvl]\n0 = None\n1 = One\n2 = Two\n3 = Three\n"
	"[item.a]\ntext = A\nchoices = yn\n"
	"[item.b]\ntext = B\nchoices = yn\n"
	"[item.c]\ntext = C\nchoices = yn\nwhen = b == 1\n"
	"[score.level]\ntype = category\nchoices = lvl\n"
	"formula = max(a, 2 * b, 3 * c)\nmin = 0\nmax = 3\n"
	"[score.code]\ntype = code\ndigits = a b\n"
	"[score.total]\nformula = sum(a, b, c)\nmin = 0\nmax = 3\n"
	"[test.t]\nanswers = 0 1 1\nlevel = 3\nlevel.band = Three\n"
	"code = 01\n";

static void
test_kinds(void)
{
	struct diag	 d;
	struct scale	*s;
	struct answer	*ans;
	struct result	*r;
	char		 buf[64];

	diag_init(&d);
	s = scale_load_mem("kinds.ini", kinds, strlen(kinds), &d);
	CHECK("kinds-1.1", s != NULL && d.n == 0);
	diag_free(&d);
	if (s == NULL)
		return;
	CHECK("kinds-1.2", s->scores[0].type == SCORE_CATEGORY &&
	    s->scores[1].type == SCORE_CODE && s->scores[1].ndigits == 2 &&
	    s->scores[2].type == SCORE_NUMBER);
	CHECK("kinds-1.3", !score_is_measure(&s->scores[0]) &&
	    !score_is_measure(&s->scores[1]) &&
	    score_is_measure(&s->scores[2]) && scale_first_measure(s) == 2);
	/* The code's range is made from its digits: 00 to 11. */
	CHECK("kinds-1.4", s->scores[1].min == 0 && s->scores[1].max == 11);
	ans = answers_new(s->nitems);
	r = result_new(s);
	answer(s, ans, "a", "0");
	answer(s, ans, "b", "1");
	answer(s, ans, "c", "1");
	score_compute(s, ans, r);
	CHECK_STR("kinds-2.1", score_format(&s->scores[0],
	    result_score(r, 0), buf, sizeof(buf)), "3");
	CHECK_STR("kinds-2.2", result_band(s, r, 0, 0), "Three");
	CHECK_STR("kinds-2.3", score_format(&s->scores[1],
	    result_score(r, 1), buf, sizeof(buf)), "01");
	/* b = 0 hides c: the level is a's. */
	answer(s, ans, "a", "1");
	answer(s, ans, "b", "0");
	score_compute(s, ans, r);
	CHECK_STR("kinds-2.4", result_band(s, r, 0, 0), "One");
	CHECK_STR("kinds-2.5", score_format(&s->scores[1],
	    result_score(r, 1), buf, sizeof(buf)), "10");
	/* No value: no label, code NA. */
	answer(s, ans, "a", "");
	score_compute(s, ans, r);
	CHECK("kinds-2.6", result_band(s, r, 0, 0) == NULL);
	CHECK_STR("kinds-2.7", score_format(&s->scores[1],
	    result_score(r, 1), buf, sizeof(buf)), "NA");
	result_free(r);
	answers_free(ans, s->nitems);
	scale_free(s);
}

static int
answer(const struct scale *s, struct answer *ans, const char *id,
    const char *v)
{
	long	 i = scale_item_index(s, id);
	char	*cause = NULL;
	int	 rc;

	if (i < 0)
		return -2;
	answer_clear(&ans[i]);
	rc = scale_parse_answer(&s->items[i], v, &ans[i], &cause);
	free(cause);
	return rc;
}

/* Required items, an item's missing_flag, band set labels, bases. */
static const char safety[] =
    "[scale]\n"
    "id = safety\n"
    "title = \"Safety\"\n"
    "version = 1\n"
    "respondent = patient\n"
    "citation = \"none\"\n"
    "\n"
    "[choices.f]\n"
    "0 = \"no\"\n"
    "1 = \"yes\"\n"
    "\n"
    "[item.gate]\n"
    "text = \"Gate\"\n"
    "choices = f\n"
    "\n"
    "[item.risk]\n"
    "text = \"Risk, asked when gate is 1\"\n"
    "when = gate == 1\n"
    "choices = f\n"
    "required = yes\n"
    "missing_flag = critical\n"
    "missing_text = \"risk not assessed\"\n"
    "\n"
    "[item.other]\n"
    "text = \"Other\"\n"
    "choices = f\n"
    "\n"
    "[score.total]\n"
    "formula = sum(gate, risk, other)\n"
    "min = 0\n"
    "max = 3\n"
    "bands = main second\n"
    "\n"
    "[bands.main]\n"
    "label = \"Main set (2001)\"\n"
    "0 = \"Low\"\n"
    "2 = \"High\"\n"
    "\n"
    "[bands.second]\n"
    "0 = \"L\"\n"
    "\n"
    "[test.t]\n"
    "answers = 1 - 0\n"
    "flags = risk_missing\n"
    "total = NA\n";

static void
test_safety(void)
{
	struct diag	 d;
	struct scale	*s;
	struct session	*ss;
	struct result	*r;
	char		 b[64], *req;
	long		 fi;

	diag_init(&d);
	s = scale_load_mem("safety.ini", safety, strlen(safety), &d);
	CHECK("safety-1.1", s != NULL && d.n == 0);
	diag_free(&d);
	if (s == NULL)
		return;
	CHECK("safety-1.2", s->items[1].required && !s->items[0].required);
	CHECK("safety-1.3", s->items[1].missing_flag == 1 + FLAG_CRITICAL);
	/* The item's flag comes after the [flag.*] ones (none here). */
	CHECK("safety-1.4", s->nflags == 1 && s->flags[0].on_missing &&
	    s->flags[0].item == 1 && s->flags[0].level == FLAG_CRITICAL);
	CHECK_STR("safety-1.5", s->flags[0].id, "risk_missing");
	CHECK_STR("safety-1.6", s->flags[0].text, "risk not assessed");
	CHECK_STR("safety-1.7", bandset_name(&s->bandsets[0]),
	    "Main set (2001)");
	CHECK_STR("safety-1.8", bandset_name(&s->bandsets[1]), "second");
	fi = 0;

	ss = session_new(s);
	r = result_new(s);
	/* Gate 0: risk is hidden, so neither missing nor flagged. */
	answer(s, ss->answers, "gate", "0");
	answer(s, ss->answers, "other", "1");
	score_compute(s, ss->answers, r);
	CHECK("safety-2.1", !r->raised[fi]);
	CHECK("safety-2.2", session_is_complete(ss, s));
	CHECK("safety-2.3", session_required_missing(ss, s) == NULL);
	CHECK("safety-2.4", result_basis(r, 0, b, sizeof(b)) ==
	    BASIS_COMPLETE && b[0] == '\0');
	/* Gate 1, risk unanswered: flagged, incomplete. */
	answer(s, ss->answers, "gate", "1");
	score_compute(s, ss->answers, r);
	CHECK("safety-2.5", r->raised[fi]);
	CHECK("safety-2.6", !session_is_complete(ss, s));
	req = session_required_missing(ss, s);
	CHECK_STR("safety-2.7", req, "risk");
	free(req);
	/* Declined or na is no value either: still flagged, incomplete
	 * (na drops out of the sum, visibly). */
	answer(s, ss->answers, "risk", "ref");
	score_compute(s, ss->answers, r);
	CHECK("safety-2.8", r->raised[fi] && !session_is_complete(ss, s));
	answer(s, ss->answers, "risk", "na");
	score_compute(s, ss->answers, r);
	CHECK("safety-2.9", r->raised[fi] && !session_is_complete(ss, s));
	CHECK("safety-2.10", result_basis(r, 0, b, sizeof(b)) ==
	    BASIS_PARTIAL);
	CHECK_STR("safety-2.11", b, "partial 2/3");
	/* Answered: no flag, complete. */
	answer(s, ss->answers, "risk", "0");
	score_compute(s, ss->answers, r);
	CHECK("safety-2.12", !r->raised[fi] && session_is_complete(ss, s));
	CHECK("safety-2.13", result_basis(r, 0, NULL, 0) == BASIS_COMPLETE);
	result_free(r);
	session_free(ss);
	scale_free(s);
}

/* Paper numbers: derived, explicit with a letter, shared digits
 * counted once, looked up by number or digits; bad and duplicate
 * numbers are errors. */
static void
test_numbers(void)
{
	static const char good[] =
	    "[scale]\nid = n\ntitle = N\nversion = 1\n"
	    "[item.a]\ntext = A\n0 = x\n1 = y\n"
	    "[item.b1]\ntext = B1\nnumber = 2a\n0 = x\n1 = y\n"
	    "[item.b2]\ntext = B2\nnumber = 2B\nwhen = count(b1) == 0\n"
	    "0 = x\n1 = y\n"
	    "[item.c]\ntext = C\n0 = x\n1 = y\n"
	    "[score.t]\nformula = a + b1 + b2 + c\nmin = 0\nmax = 4\n";
	static const char bad[] =
	    "[scale]\nid = n\ntitle = N\nversion = 1\n"
	    "[item.a]\ntext = A\nnumber = 1x2\n0 = x\n1 = y\n"
	    "[item.b]\ntext = B\nnumber = 1\n0 = x\n1 = y\n"
	    "[score.t]\nformula = a + b\nmin = 0\nmax = 2\n";
	struct diag	 d;
	struct scale	*s;
	struct buf	 b;

	diag_init(&d);
	s = scale_load_mem("n.ini", good, strlen(good), &d);
	CHECK("num-1.1", s != NULL && d.nerrors == 0);
	if (s != NULL) {
		CHECK_STR("num-1.2", s->items[0].number, "1");
		CHECK_STR("num-1.3", s->items[1].number, "2A");
		CHECK_STR("num-1.4", s->items[2].number, "2B");
		CHECK_STR("num-1.5", s->items[3].number, "3");
		CHECK("num-1.6", s->npaper == 3);
		CHECK("num-1.7", scale_item_by_number(s, "2b", 0) == 2);
		CHECK("num-1.8", scale_item_by_number(s, "2", 0) == 1);
		CHECK("num-1.9", scale_item_by_number(s, "2", 2) == 2);
		CHECK("num-1.10", scale_item_by_number(s, "3", 0) == 3);
		CHECK("num-1.11", scale_item_by_number(s, "4", 0) == -1);
		CHECK("num-1.12", scale_item_by_number(s, "c", 0) == -1);
	}
	scale_free(s);
	diag_free(&d);
	diag_init(&d);
	s = scale_load_mem("bad.ini", bad, strlen(bad), &d);
	buf_init(&b);
	diag_format(&d, &b);
	CHECK("num-2.1", s == NULL);
	CHECK("num-2.2", b.data != NULL && strstr(b.data, "number '1x2' is "
	    "not a paper item number") != NULL);
	CHECK("num-2.3", b.data != NULL && strstr(b.data, "number 1 is also "
	    "item a's") != NULL);
	buf_free(&b);
	scale_free(s);
	diag_free(&d);
}

/*
 * score_report_test (rater try): the case printed, and that it runs as
 * a test once pasted into the file.
 */
static void
test_report_test(void)
{
	static const char want[] =
	    "; rater try: paste into demo.ini; give each case a name of its "
	    "own\n"
	    "[test.try]\n"
	    "answers        = a=4 b=2 c=- pain=1.5\n"
	    "total          = 7.5\n"
	    "total.band     = High\n"
	    "total.band.alt = Lower\n"
	    "double         = 15.0\n"
	    "flags          = severe_a\n";
	struct scale	*s, *s2;
	struct answer	*ans;
	struct result	*r;
	struct buf	 b, file;
	struct diag	 d;
	char		*cause;

	if ((s = load()) == NULL)
		return;
	ans = answers_new(s->nitems);
	CHECK("try-1.1", scale_parse_answer(&s->items[0], "4", &ans[0],
	    &cause) == 0 && scale_parse_answer(&s->items[1], "2", &ans[1],
	    &cause) == 0 && scale_parse_answer(&s->items[3], "1.5", &ans[3],
	    &cause) == 0);
	r = result_new(s);
	score_compute(s, ans, r);
	buf_init(&b);
	score_report_test(s, r, "try", "a=4 b=2 c=- pain=1.5", &b);
	CHECK_STR("try-1.2", b.data, want);
	/* Pasted after the file's own test, it loads and passes. */
	buf_init(&file);
	buf_puts(&file, demo);
	buf_puts(&file, "\n");
	buf_puts(&file, b.data);
	diag_init(&d);
	s2 = scale_load_mem("demo.ini", file.data, file.len, &d);
	CHECK("try-1.3", s2 != NULL && d.n == 0 && s2->ntests == 2);
	if (d.n > 0) {
		buf_reset(&b);
		diag_format(&d, &b);
		fprintf(stderr, "%s", b.data);
	}
	diag_free(&d);
	scale_free(s2);
	buf_free(&file);
	buf_free(&b);
	result_free(r);
	answers_free(ans, s->nitems);
	scale_free(s);
}

int
main(void)
{
	struct scale	*s;
	struct answer	*ans, a;
	struct result	*r;
	char		*cause, buf[64], *allowed;
	const struct item *it;

	test_report_test();
	s = load();
	CHECK("scale-1.1", s != NULL);
	if (s == NULL)
		return harness_done("scale");
	CHECK("scale-1.2", s->nitems == 5 && s->nscores == 2);
	CHECK_STR("scale-1.3", s->title, "Demo scale");
	CHECK_STR("scale-1.4", s->version, "2");
	CHECK("scale-1.5", strlen(s->sha256) == 64);
	/* answer_equal: kind, value within num_eq, NULL text is "". */
	{
		struct answer	 x, y;

		memset(&x, 0, sizeof(x));
		memset(&y, 0, sizeof(y));
		CHECK("ans-eq-1.1", answer_equal(&x, &y));
		x.kind = y.kind = ANS_VALUE;
		x.value = 2.5;
		y.value = 2.5 + 1e-12;
		CHECK("ans-eq-1.2", answer_equal(&x, &y));
		y.value = 3;
		CHECK("ans-eq-1.3", !answer_equal(&x, &y));
		y.kind = ANS_NA;
		CHECK("ans-eq-1.4", !answer_equal(&x, &y));
		x.kind = y.kind = ANS_TEXT;
		x.text = NULL;
		y.text = "";
		CHECK("ans-eq-1.5", answer_equal(&x, &y));
		y.text = "x";
		CHECK("ans-eq-1.6", !answer_equal(&x, &y));
	}
	/* The iniparser in use is named by its file (the memo's key). */
	CHECK("scale-1.5a", strstr(scale_parser_id(), "libiniparser") !=
	    NULL && strcmp(scale_parser_id(), "unknown") != 0);
	CHECK("scale-1.6", s->items[0].nopts == 4 &&
	    s->items[0].opts[3].value == 4);
	CHECK_STR("scale-1.7", s->items[0].opts[3].label, "severe");
	CHECK("scale-1.8", s->items[3].type == ITEM_NUMBER &&
	    s->items[3].step == 0.5);
	CHECK("scale-1.9", s->items[4].type == ITEM_TEXT &&
	    !s->items[4].scored);
	CHECK("scale-1.10", s->ntests == 1 && s->nflags == 1);
	/* Evaluation order: total before double. */
	CHECK("scale-1.11", s->order[0] == 0 && s->order[1] == 1);

	/* Answers. */
	it = &s->items[0];
	cause = NULL;
	CHECK("scale-2.1", scale_parse_answer(it, "3", &a, &cause) == -1);
	CHECK_STR("scale-2.2", cause, "a: 3 is not one of 0 1 2 4");
	free(cause);
	CHECK("scale-2.3", scale_parse_answer(it, "4", &a, NULL) == 0 &&
	    a.kind == ANS_VALUE && a.value == 4);
	CHECK("scale-2.4", scale_parse_answer(it, "na", &a, NULL) == 0 &&
	    a.kind == ANS_NA);
	CHECK("scale-2.5", scale_parse_answer(it, "UNK", &a, NULL) == 0 &&
	    a.kind == ANS_UNK);
	CHECK("scale-2.6", scale_parse_answer(it, "ref", &a, NULL) == 0 &&
	    a.kind == ANS_REF);
	CHECK("scale-2.7", scale_parse_answer(it, "", &a, NULL) == 0 &&
	    a.kind == ANS_NONE);
	CHECK("scale-2.8", scale_parse_answer(it, "-", &a, NULL) == 0 &&
	    a.kind == ANS_NONE);
	cause = NULL;
	CHECK("scale-2.9", scale_parse_answer(it, "\033[31m", &a, &cause) ==
	    -1);
	CHECK_STR("scale-2.10", cause, "a: '?[31m' is not a number or a "
	    "missing code (na unk ref)");
	free(cause);
	/* Within the tolerance of a value: the value itself is stored. */
	CHECK("scale-2.11", scale_parse_answer(it, "4.0000000001", &a,
	    NULL) == 0 && a.value == 4);
	it = &s->items[3];
	cause = NULL;
	CHECK("scale-2.12", scale_parse_answer(it, "2.25", &a, &cause) ==
	    -1);
	CHECK_STR("scale-2.13", cause, "pain: 2.25 is not 0 to 10 in steps "
	    "of 0.5");
	free(cause);
	CHECK("scale-2.14", scale_parse_answer(it, "10.5", &a, NULL) == -1);
	CHECK("scale-2.15", scale_parse_answer(it, "-0.5", &a, NULL) == -1);
	CHECK("scale-2.16", scale_parse_answer(it, "9.5", &a, NULL) == 0 &&
	    a.value == 9.5);
	CHECK("scale-2.17", scale_parse_answer(it, "2.5000000001", &a,
	    NULL) == 0 && a.value == 2.5);
	allowed = scale_allowed_str(&s->items[0]);
	CHECK_STR("scale-2.18", allowed, "0 1 2 4");
	free(allowed);
	it = &s->items[4];
	CHECK("scale-2.19", scale_parse_answer(it, "any text, 5", &a, NULL)
	    == 0 && a.kind == ANS_TEXT);
	CHECK_STR("scale-2.20", scale_answer_str(&a, buf, sizeof(buf)),
	    "any text, 5");
	answer_clear(&a);
	a.kind = ANS_VALUE;
	a.value = 0.5;
	CHECK_STR("scale-2.21", scale_answer_str(&a, buf, sizeof(buf)),
	    "0.5");
	CHECK("scale-2.22", scale_item_index(s, "pain") == 3 &&
	    scale_item_index(s, "nosuch") == -1);

	/* Scoring: show-if, missing, bands, dependent scores, flags. */
	ans = answers_new(s->nitems);
	r = result_new(s);
	score_compute(s, ans, r);
	CHECK("scale-3.1", result_score(r, 0)->kind == VAL_MISSING);
	CHECK("scale-3.2", result_band(s, r, 0, 0) == NULL);
	answer(s, ans, "a", "0");
	answer(s, ans, "pain", "3");
	score_compute(s, ans, r);
	/* b is hidden when a == 0: it counts as na and is skipped. */
	CHECK("scale-3.3", !result_item_shown(r, 1));
	CHECK("scale-3.4", result_score(r, 0)->kind == VAL_NUM &&
	    result_score(r, 0)->num == 3);
	CHECK_STR("scale-3.5", result_band(s, r, 0, 0), "Low");
	CHECK_STR("scale-3.6", result_band(s, r, 0, 1), "Lower");
	CHECK("scale-3.7", result_score(r, 1)->num == 6);
	answer(s, ans, "a", "4");
	score_compute(s, ans, r);
	/* b now shown and unanswered: the total is missing. */
	CHECK("scale-3.8", result_item_shown(r, 1));
	CHECK("scale-3.9", result_score(r, 0)->kind == VAL_MISSING);
	CHECK("scale-3.10", result_score(r, 1)->kind == VAL_MISSING);
	CHECK("scale-3.11", r->raised[0] == 1);
	CHECK("scale-3.12", r->nmissing == 2);	/* b and c */
	answer(s, ans, "b", "1");
	score_compute(s, ans, r);
	CHECK("scale-3.13", result_score(r, 0)->num == 8);
	CHECK_STR("scale-3.14", score_format(&s->scores[0], result_score(r,
	    0), buf, sizeof(buf)), "8.0");
	CHECK_STR("scale-3.15", result_band(s, r, 0, 0), "High");
	/* An answer to a hidden item is ignored. */
	answer(s, ans, "a", "0");
	score_compute(s, ans, r);
	CHECK("scale-3.16", result_score(r, 0)->num == 3);
	/* na on an item is skipped by sum(); a show-if that cannot be
	 * decided (a is na) shows the item. */
	answer(s, ans, "a", "na");
	score_compute(s, ans, r);
	CHECK("scale-3.17", result_score(r, 0)->num == 4 &&
	    result_item_shown(r, 1));
	/* unk is missing. */
	answer(s, ans, "pain", "unk");
	score_compute(s, ans, r);
	CHECK("scale-3.18", result_score(r, 0)->kind == VAL_MISSING);
	CHECK_STR("scale-3.19", score_format(&s->scores[0], result_score(r,
	    0), buf, sizeof(buf)), "NA");

	/* The embedded test passes. */
	CHECK("scale-4.1", scale_run_tests(s, NULL) == 0);

	result_free(r);
	answers_free(ans, s->nitems);
	scale_free(s);
	scale_free(NULL);

	/* A file that cannot be read. */
	{
		struct diag d;

		diag_init(&d);
		CHECK("scale-5.1", scale_load("/nonexistent/x.ini", &d) ==
		    NULL && d.nerrors == 1);
		diag_free(&d);
	}
	/* Allowed missing codes. */
	s = load();
	it = &s->items[scale_item_index(s, "c")];
	cause = NULL;
	CHECK("scale-7.1", scale_parse_answer(it, "na", &a, &cause) == -1);
	CHECK_STR("scale-7.2", cause, "c: the missing code na is not allowed "
	    "for this item (allowed: unk)");
	free(cause);
	CHECK("scale-7.3", scale_parse_answer(it, "unk", &a, NULL) == 0 &&
	    a.kind == ANS_UNK);
	CHECK("scale-7.4", scale_parse_answer(it, "ref", &a, NULL) == -1);
	CHECK("scale-7.5", s->items[0].missing == MISSING_ALL);
	CHECK_STR("scale-7.6", scale_missing_str(0, buf, sizeof(buf)), "none");
	CHECK_STR("scale-7.7", scale_missing_str(MISSING_ALL, buf,
	    sizeof(buf)), "na unk ref");
	scale_free(s);

	/* Number formatting. */
	CHECK_STR("scale-6.1", fmt_fixed(buf, sizeof(buf), 2.675, 2), "2.68");
	CHECK_STR("scale-6.2", fmt_fixed(buf, sizeof(buf), -0.04, 1), "0.0");
	CHECK_STR("scale-6.3", fmt_fixed(buf, sizeof(buf), 16.5, 1), "16.5");
	CHECK_STR("scale-6.4", fmt_fixed(buf, sizeof(buf), 12.857, 0), "13");
	CHECK_STR("scale-6.5", fmt_num(buf, sizeof(buf), 0.25), "0.25");
	CHECK_STR("scale-6.6", fmt_num(buf, sizeof(buf), 120), "120");
	{
		double v;

		CHECK("scale-6.7", parse_number("08", &v) == 0 && v == 8);
		CHECK("scale-6.8", parse_number("0x10", &v) == -1);
		CHECK("scale-6.9", parse_number("1e3", &v) == -1);
		CHECK("scale-6.10", parse_number(" 1", &v) == -1);
		CHECK("scale-6.11", parse_number("", &v) == -1);
		CHECK("scale-6.12", parse_number("1.", &v) == -1);
		CHECK("scale-6.13", parse_number("-2.5", &v) == 0 &&
		    v == -2.5);
		CHECK("scale-6.14", parse_number("nan", &v) == -1);
	}
	/* read_file_buf reuses its buffer: reading the same file again and
	 * again must not grow it (it once doubled on every call). */
	{
		struct buf	 b;
		char		 path[] = "/tmp/rater-test-XXXXXX";
		int		 fd, i, same = 1;
		size_t		 cap0;

		fd = mkstemp(path);
		CHECK("util-1.1", fd != -1 && write(fd, demo, strlen(demo)) ==
		    (ssize_t)strlen(demo));
		close(fd);
		buf_init(&b);
		CHECK("util-1.2", read_file_buf(path, &b) == 0 &&
		    b.len == strlen(demo) && memcmp(b.data, demo, b.len) == 0);
		cap0 = b.cap;
		for (i = 0; i < 100; i++)
			if (read_file_buf(path, &b) == -1 || b.cap != cap0 ||
			    b.len != strlen(demo))
				same = 0;
		CHECK("util-1.3", same);
		unlink(path);
		CHECK("util-1.4", read_file_buf(path, &b) == -1);
		buf_free(&b);
	}
	test_safety();
	test_too_big();
	test_numbers();
	test_kinds();
	return harness_done("scale");
}
