/*
 * test_kinds.c: item kinds (issue 14.5): multi-select items (parsing,
 * storing, has(), range analysis and lint) and number answers printed
 * as entered.  No terminal.  Ids are stable: add rows at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "scale.h"
#include "score.h"
#include "session.h"

static const char kinds[] =
    "[scale]\n"
    "id = kinds\n"
    "title = \"Kinds\"\n"
    "version = 1\n"
    "respondent = clinician\n"
    "citation = \"none\"\n"
    "\n"
    "[item.words]\n"
    "text = \"Words recalled\"\n"
    "type = multi\n"
    "1 = \"Face\"\n"
    "2 = \"Velvet\"\n"
    "3 = \"Church\"\n"
    "4 = \"Daisy\"\n"
    "5 = \"Red\"\n"
    "\n"
    "[item.cue]\n"
    "text = \"Cued\"\n"
    "when = words < 5\n"
    "type = multi\n"
    "1 = \"One\"\n"
    "2 = \"Two\"\n"
    "\n"
    "[item.vas]\n"
    "text = \"Calm\"\n"
    "type = number\n"
    "min = 0\n"
    "max = 100\n"
    "\n"
    "[score.recall]\n"
    "formula = words\n"
    "min = 0\n"
    "max = 5\n"
    "\n"
    "[score.weighted]\n"
    "formula = 2 * has(words, 1) + has(words, 5) + has(cue, 2)\n"
    "min = 0\n"
    "max = 4\n"
    "\n"
    "[score.calm]\n"
    "formula = vas\n"
    "min = 0\n"
    "max = 100\n"
    "decimals = 1\n"
    "\n"
    "[test.three]\n"
    "answers = 5+1+3 2 74.5\n"
    "recall = 3\n"
    "weighted = 4\n"
    "calm = 74.5\n";

static struct scale *
load(const char *name, const char *text, struct buf *msgs)
{
	struct diag	 d;
	struct scale	*s;

	diag_init(&d);
	s = scale_load_mem(name, text, strlen(text), &d);
	buf_init(msgs);
	diag_format(&d, msgs);
	diag_free(&d);
	return s;
}

/* A scale that must fail to load with msg among its messages. */
static void
bad(const char *id, const char *items, const char *msg)
{
	struct buf	 t, m;
	struct scale	*s;

	buf_init(&t);
	buf_printf(&t, "[scale]\nid = b\ntitle = B\nversion = 1\n%s", items);
	s = load("b.ini", t.data, &m);
	CHECK(id, s == NULL && m.data != NULL && strstr(m.data, msg) != NULL);
	if (m.data == NULL || strstr(m.data, msg) == NULL)
		fprintf(stderr, "  %s: got: %s", id, m.data ? m.data : "");
	scale_free(s);
	buf_free(&t);
	buf_free(&m);
}

static void
test_multi_parse(const struct scale *s)
{
	const struct item *it = &s->items[0];
	struct answer	 a, b;
	char		*cause = NULL, buf[64];

	CHECK("multi-1.1", it->type == ITEM_MULTI && it->nopts == 5);
	CHECK("multi-1.2", it->min == 0 && it->max == 5);
	/* Any order in, ascending out; the value is how many. */
	CHECK("multi-2.1", scale_parse_answer(it, "5+1+3", &a, &cause) == 0);
	CHECK("multi-2.2", a.kind == ANS_VALUE && a.value == 3);
	CHECK_STR("multi-2.3", scale_answer_str(&a, buf, sizeof(buf)),
	    "1+3+5");
	/* "none" is an answer (nothing recalled), value 0. */
	CHECK("multi-2.4", scale_parse_answer(it, "NONE", &b, NULL) == 0 &&
	    b.kind == ANS_VALUE && b.value == 0);
	CHECK_STR("multi-2.5", scale_answer_str(&b, buf, sizeof(buf)),
	    "none");
	answer_clear(&b);
	/* Same count, other options: not the same answer. */
	CHECK("multi-2.6", scale_parse_answer(it, "2+3+4", &b, NULL) == 0);
	CHECK("multi-2.7", !answer_equal(&a, &b));
	answer_clear(&b);
	CHECK("multi-2.8", scale_parse_answer(it, "1+5+3", &b, NULL) == 0 &&
	    answer_equal(&a, &b));
	answer_clear(&b);
	answer_clear(&a);
	/* Unanswered and missing codes as for any item. */
	CHECK("multi-2.9", scale_parse_answer(it, "", &a, NULL) == 0 &&
	    a.kind == ANS_NONE && a.text == NULL);
	CHECK("multi-2.10", scale_parse_answer(it, "ref", &a, NULL) == 0 &&
	    a.kind == ANS_REF);
	/* 1.0 is option 1, stored as the option is written. */
	CHECK("multi-2.11", scale_parse_answer(it, "1.0+2", &a, NULL) == 0);
	CHECK_STR("multi-2.12", a.text, "1+2");
	answer_clear(&a);

	CHECK("multi-3.1", scale_parse_answer(it, "2,4", &a, &cause) == -1);
	CHECK_STR("multi-3.2", cause, "words: '2,4': join the options with "
	    "+ (\"1+3\"), not commas");
	free(cause);
	CHECK("multi-3.3", scale_parse_answer(it, "2+2", &a, &cause) == -1);
	CHECK_STR("multi-3.4", cause, "words: option 2 is given twice");
	free(cause);
	CHECK("multi-3.5", scale_parse_answer(it, "1+7", &a, &cause) == -1);
	CHECK_STR("multi-3.6", cause, "words: '7' is not any of 1 2 3 4 5 "
	    "joined by + (\"1+3\"), or none");
	free(cause);
	CHECK("multi-3.7", scale_parse_answer(it, "1+", &a, &cause) == -1);
	free(cause);
	CHECK("multi-3.8", scale_parse_answer(it, "+1", &a, &cause) == -1);
	free(cause);
	CHECK("multi-3.9", scale_parse_answer(it, "1 + 2", &a, &cause) ==
	    -1);
	free(cause);
}

static void
test_multi_score(const struct scale *s)
{
	struct answer	*ans;
	struct result	*r;
	struct buf	 b;

	ans = answers_new(s->nitems);
	r = result_new(s);
	scale_parse_answer(&s->items[0], "1+4", &ans[0], NULL);
	scale_parse_answer(&s->items[1], "2", &ans[1], NULL);
	scale_parse_answer(&s->items[2], "74.5", &ans[2], NULL);
	score_compute(s, ans, r);
	CHECK("mscore-1.1", result_score(r, 0)->kind == VAL_NUM &&
	    result_score(r, 0)->num == 2);
	CHECK("mscore-1.2", result_score(r, 1)->kind == VAL_NUM &&
	    result_score(r, 1)->num == 3);
	CHECK("mscore-1.3", result_score(r, 2)->num == 74.5);
	/* Five recalled: the cued item is hidden (NA), and so is has()
	 * of it, which makes the weighted sum NA. */
	answer_clear(&ans[0]);
	scale_parse_answer(&s->items[0], "1+2+3+4+5", &ans[0], NULL);
	score_compute(s, ans, r);
	CHECK("mscore-1.4", !result_item_shown(r, 1));
	CHECK("mscore-1.5", result_score(r, 0)->num == 5);
	CHECK("mscore-1.6", result_score(r, 1)->kind == VAL_NA);
	/* None recalled is a score of 0, not missing. */
	answer_clear(&ans[0]);
	scale_parse_answer(&s->items[0], "none", &ans[0], NULL);
	score_compute(s, ans, r);
	CHECK("mscore-1.7", result_score(r, 0)->kind == VAL_NUM &&
	    result_score(r, 0)->num == 0);
	CHECK("mscore-1.8", result_score(r, 1)->kind == VAL_NUM &&
	    result_score(r, 1)->num == 1);
	/* Unanswered: missing. */
	answer_clear(&ans[0]);
	score_compute(s, ans, r);
	CHECK("mscore-1.9", result_score(r, 0)->kind == VAL_MISSING);
	/* Labels of a selection. */
	scale_parse_answer(&s->items[0], "3+1", &ans[0], NULL);
	buf_init(&b);
	scale_answer_labels(&s->items[0], &ans[0], &b);
	CHECK_STR("mscore-2.1", b.data, "Face; Church");
	buf_free(&b);
	CHECK("mscore-2.2", expr_set_has("1+3", 3) && !expr_set_has("1+3",
	    2) && !expr_set_has("none", 0) && expr_set_has("0.5+2", 0.5));
	result_free(r);
	answers_free(ans, s->nitems);
}

/* A session keeps a selection through its file and its copies. */
static void
test_multi_session(const struct scale *s)
{
	struct session	*ss;
	struct answer	 a, b;
	struct buf	 enc;
	char		*cause = NULL;

	ss = session_new(s);
	CHECK("msess-1.1", ss != NULL);
	if (ss == NULL)
		return;
	scale_parse_answer(&s->items[0], "4+2", &a, NULL);
	session_set_answer(ss, 0, &a);
	answer_clear(&a);	/* the session has its own copy */
	CHECK_STR("msess-1.2", ss->answers[0].text, "2+4");
	buf_init(&enc);
	session_encode_answer(&ss->answers[0], &enc);
	CHECK_STR("msess-1.3", enc.data, "2+4");
	CHECK("msess-1.4", session_decode_answer(&s->items[0], enc.data, &b,
	    &cause) == 0 && answer_equal(&b, &ss->answers[0]));
	answer_clear(&b);
	buf_free(&enc);
	session_free(ss);
}

/* Number answers: stored and printed as entered, at most 6 decimals. */
static void
test_number(const struct scale *s)
{
	const struct item *it = &s->items[2];
	struct answer	 a;
	char		*cause = NULL, buf[64];

	CHECK("num-1.1", scale_parse_answer(it, "74.5", &a, NULL) == 0 &&
	    a.value == 74.5);
	CHECK_STR("num-1.2", scale_answer_str(&a, buf, sizeof(buf)), "74.5");
	CHECK("num-1.3", scale_parse_answer(it, "33.333333", &a, NULL) ==
	    0);
	CHECK_STR("num-1.4", scale_answer_str(&a, buf, sizeof(buf)),
	    "33.333333");
	/* More decimals than print back: refused, not rounded. */
	CHECK("num-1.5", scale_parse_answer(it, "33.3333333", &a, &cause) ==
	    -1);
	CHECK_STR("num-1.6", cause, "vas: 33.3333333 has more than 6 "
	    "decimals");
	free(cause);
	CHECK("num-1.7", scale_parse_answer(it, "74.50", &a, NULL) == 0);
	CHECK_STR("num-1.8", scale_answer_str(&a, buf, sizeof(buf)), "74.5");
}

static void
test_lint(void)
{
	bad("mlint-1.1", "[item.w]\ntext = W\ntype = multi\n"
	    "[score.t]\nformula = w\nmin = 0\nmax = 0\n",
	    "[item.w]: a multi item needs options");
	bad("mlint-1.2", "[item.w]\ntext = W\ntype = multi\n1 = a\n2 = b\n"
	    "max = 3\n[score.t]\nformula = w\nmin = 0\nmax = 2\n",
	    "a multi item takes its values from its options");
	bad("mlint-1.3", "[item.w]\ntext = W\ntype = multi\n1 = a\n2 = b\n"
	    "[score.t]\nformula = has(w, 3)\nmin = 0\nmax = 1\n",
	    "[score.t]: has(w, 3): 3 is not an option of w");
	bad("mlint-1.4", "[item.w]\ntext = W\ntype = multi\n1 = a\n2 = b\n"
	    "[score.t]\nformula = has(w + 1, 1)\nmin = 0\nmax = 1\n",
	    "the first argument of has() must be an item");
	bad("mlint-1.5", "[item.w]\ntext = W\ntype = multi\n1 = a\n2 = b\n"
	    "[score.t]\nformula = has(w, w)\nmin = 0\nmax = 1\n",
	    "the second argument of has() must be a constant");
	/* The range: a multi item counts 0 to its options. */
	bad("mlint-1.6", "[item.w]\ntext = W\ntype = multi\n1 = a\n2 = b\n"
	    "[score.t]\nformula = w\nmin = 0\nmax = 1\n",
	    "declared range 0 to 1, but the formula reaches 0 to 2");
	bad("mlint-1.7", "[item.w]\ntext = W\ntype = multi\n1 = a\n1.0 = b\n"
	    "[score.t]\nformula = w\nmin = 0\nmax = 2\n",
	    "option 1.0 has the same value as option 1");
	bad("mlint-1.8", "[item.w]\ntext = W\ntype = multiple\n1 = a\n"
	    "[score.t]\nformula = w\nmin = 0\nmax = 1\n",
	    "type 'multiple' is not one of choice, multi, number, text");
	/* has() on a choice item: whether it is that value. */
	bad("mlint-1.9", "[item.c]\ntext = C\n0 = a\n1 = b\n"
	    "[score.t]\nformula = has(c, 2)\nmin = 0\nmax = 1\n",
	    "has(c, 2): 2 is not an option of c");
	{
		struct buf	 t, m;
		struct scale	*s;
		size_t		 i;

		buf_init(&t);
		buf_puts(&t, "[scale]\nid = b\ntitle = B\nversion = 1\n"
		    "[item.w]\ntext = W\ntype = multi\n");
		for (i = 1; i <= 65; i++)
			buf_printf(&t, "%zu = o%zu\n", i, i);
		buf_puts(&t, "[score.t]\nformula = w\nmin = 0\nmax = 65\n");
		s = load("b.ini", t.data, &m);
		CHECK("mlint-2.1", s == NULL && m.data != NULL &&
		    strstr(m.data, "a multi item has at most 64 options, "
		    "not 65") != NULL);
		scale_free(s);
		buf_free(&t);
		buf_free(&m);
	}
}

/* A score that is one number item alone prints its decimals. */
static void
test_item_decimals(void)
{
	static const char *const cases[][3] = {
	    { "", "[score.s]: prints 0 decimals, but item v takes any "
	      "decimals (74.5 would print 75): set decimals = 1 or more" },
	    { "step = 0.25\n", "[score.s]: prints 0 decimals, but item v "
	      "takes steps with more (a step's value would print rounded): "
	      "set decimals = 2 or more" },
	};
	struct buf	 t, m;
	struct scale	*s;
	size_t		 i;

	for (i = 0; i < 2; i++) {
		buf_init(&t);
		buf_printf(&t, "[scale]\nid = b\ntitle = B\nversion = 1\n"
		    "citation = x\n[item.v]\ntext = V\ntype = number\n"
		    "min = 0\nmax = 100\n%s[score.s]\nformula = v\n"
		    "min = 0\nmax = 100\n", cases[i][0]);
		s = load("b.ini", t.data, &m);
		/* A warning: the scale still loads. */
		CHECK(i ? "mdec-1.2" : "mdec-1.1", s != NULL &&
		    m.data != NULL && strstr(m.data, cases[i][1]) != NULL);
		if (m.data == NULL || strstr(m.data, cases[i][1]) == NULL)
			fprintf(stderr, "  got: %s", m.data ? m.data : "");
		scale_free(s);
		buf_free(&m);
		/* With the decimals, no such warning. */
		buf_printf(&t, "decimals = 2\n");
		s = load("b.ini", t.data, &m);
		CHECK(i ? "mdec-2.2" : "mdec-2.1", s != NULL &&
		    (m.data == NULL || strstr(m.data, "decimal") == NULL));
		scale_free(s);
		buf_free(&m);
		buf_free(&t);
	}
}

int
main(void)
{
	struct scale	*s;
	struct buf	 m;

	s = load("kinds.ini", kinds, &m);
	CHECK("kinds-1.1", s != NULL && m.len == 0);
	if (m.len > 0)
		fprintf(stderr, "%s", m.data);
	buf_free(&m);
	if (s != NULL) {
		test_multi_parse(s);
		test_multi_score(s);
		test_multi_session(s);
		test_number(s);
	}
	scale_free(s);
	test_lint();
	test_item_decimals();
	return harness_done("kinds");
}
