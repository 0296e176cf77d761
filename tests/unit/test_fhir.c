/*
 * test_fhir.c: the LOINC check digit, the JSON writer (escapes, no
 * empty strings, invalid UTF-8 refused), and FHIR entries of a session
 * built here: notes in extensions, a text answer, a hidden item left
 * out, and a session whose note is not UTF-8 refused with nothing
 * written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "harness.h"
#include "json.h"
#include "score.h"
#include "session.h"

static const char scale_src[] =
    "[scale]\n"
    "id = demo\n"
    "title = \"Demo\"\n"
    "version = 3\n"
    "respondent = clinician\n"
    "citation = \"None: a test file.\"\n"
    "loinc = 44249-1\n"
    "[item.a]\n"
    "text = \"First\"\n"
    "loinc = 44250-9\n"
    "0 = \"No\"\n"
    "1 = \"Yes\"\n"
    "[item.b]\n"
    "text = \"Second\"\n"
    "when = a == 1\n"
    "0 = \"No\"\n"
    "1 = \"Yes\"\n"
    "[item.c]\n"
    "text = \"Comment\"\n"
    "type = text\n"
    "[score.total]\n"
    "formula = sum(a, b)\n"
    "min = 0\n"
    "max = 2\n";

static void	 test_loinc(void);
static void	 test_json(void);
static void	 test_session(void);
static void	 test_parse(void);

/* Strict reading: each text and the cause wanted (NULL: accepted). */
static const struct {
	const char	*id, *text, *cause;
} parse_cases[] = {
	{ "jp-1.1", "{\"a\": [1, -0.5, 2e3, true, false, null, \"x\"]}", NULL },
	{ "jp-1.2", " \n[]\n ", NULL },
	{ "jp-1.3", "\"\\ud83d\\ude00\\u00e9\\/\"", NULL },
	{ "jp-2.1", "{\"a\": 1,}", "line 1: a key (a string) expected" },
	{ "jp-2.2", "[1,]", "line 1: not a value" },
	{ "jp-2.3", "{\"a\": 1, \"a\": 2}", "line 1: duplicate key 'a'" },
	{ "jp-2.4", "[1]\n[2]", "line 2: more after the value" },
	{ "jp-2.5", "\xef\xbb\xbf{}", "line 1: a byte order mark (JSON has "
	    "none)" },
	{ "jp-2.6", "\"a\nb\"", "line 1: a control character in a string "
	    "(write it as an escape)" },
	{ "jp-2.7", "\"\\u0000\"", "line 1: \\u0000 in a string" },
	{ "jp-2.8", "\"\\ud800\"", "line 1: a lone high surrogate" },
	{ "jp-2.9", "\"\\udc00\"", "line 1: a lone low surrogate" },
	{ "jp-2.10", "\"\xc3\"", "line 1: a string is not valid UTF-8" },
	{ "jp-2.11", "\"\xed\xa0\x80\"", "line 1: a string is not valid "
	    "UTF-8" },
	{ "jp-2.12", "01", "line 1: more after the value" },
	{ "jp-2.13", "1.", "line 1: a number needs digits after '.'" },
	{ "jp-2.14", "1e400", "line 1: a number out of range: 1e400" },
	{ "jp-2.15", "1234567890123456789012345678901234567890123456789012"
	    "345678901234567890", "line 1: a number is too long" },
	{ "jp-2.16", "nul", "line 1: not a value" },
	{ "jp-2.17", "", "line 1: a value expected, not the end" },
	{ "jp-2.18", "\"\\x\"", "line 1: an unknown escape in a string" },
	{ "jp-2.19", "{\"a\" 1}", "line 1: ':' expected" },
	{ "jp-2.20", "'a'", "line 1: not a value" },
	{ "jp-2.21", "NaN", "line 1: not a value" },
};

static void
test_loinc(void)
{
	CHECK("loinc-1.1", loinc_is_valid("44261-6"));
	CHECK("loinc-1.2", loinc_is_valid("44249-1"));
	CHECK("loinc-1.3", loinc_is_valid("69737-5"));
	CHECK("loinc-1.4", loinc_is_valid("70274-6"));
	CHECK("loinc-1.5", loinc_is_valid("8480-6"));	/* systolic BP */
	CHECK("loinc-1.6", !loinc_is_valid("44261-5"));	/* check digit */
	CHECK("loinc-1.7", !loinc_is_valid("44261"));
	CHECK("loinc-1.8", !loinc_is_valid("-6"));
	CHECK("loinc-1.9", !loinc_is_valid("44261-6 "));
	CHECK("loinc-1.10", !loinc_is_valid("12345678-5"));
	CHECK("loinc-1.11", !loinc_is_valid("LA6568-5"));
	CHECK("loinc-1.12", !loinc_is_valid(""));
}

static void
test_json(void)
{
	struct buf	 b;
	struct json_w	 j;

	buf_init(&b);
	CHECK("json-1.1", json_quote(&b, "a\"b\\c\n\t\x1b\xc3\xa9") == 0);
	CHECK_STR("json-1.2", b.data, "\"a\\\"b\\\\c\\n\\t\\u001b\xc3\xa9\"");
	buf_reset(&b);
	CHECK("json-1.3", json_quote(&b, "ok\xff") == -1 && b.len == 0);
	json_w_init(&j, &b, 0);
	json_obj(&j, NULL);
	json_str(&j, "a", "x");
	json_str(&j, "empty", "");
	json_str(&j, "none", NULL);
	json_arr(&j, "l");
	json_end(&j, ']');
	json_key(&j, "o");
	json_obj(&j, NULL);
	json_int(&j, "n", 2);
	json_end(&j, '}');
	json_end(&j, '}');
	CHECK_STR("json-1.4", b.data,
	    "{\n  \"a\": \"x\",\n  \"l\": [],\n  \"o\": {\n    \"n\": 2\n  }\n}");
	CHECK("json-1.5", !j.bad);
	buf_reset(&b);
	j.what = "P1";
	json_str(&j, "note", "bad\xc3");
	CHECK("json-1.6", j.bad);
	CHECK_STR("json-1.7", j.why, "P1: note is not valid UTF-8");
	json_w_free(&j);
	buf_free(&b);
}

static void
test_session(void)
{
	struct scale	*sc;
	struct session	*s;
	struct result	*r;
	struct answer	 a;
	struct buf	 b;
	struct json_w	 j;
	char		*cause = NULL, urn[FHIR_URN_LEN], urn2[FHIR_URN_LEN];
	size_t		 len;

	sc = scale_load_mem("demo.ini", scale_src, sizeof(scale_src) - 1,
	    NULL);
	CHECK("fhir-1.1", sc != NULL);
	if (sc == NULL)
		return;
	CHECK_STR("fhir-1.2", sc->loinc, "44249-1");
	CHECK_STR("fhir-1.3", sc->items[0].loinc, "44250-9");
	s = session_new(sc);
	session_set(&s->id, "P1/20261126T101500-demo-1");
	session_set(&s->patient, "P1");
	session_set(&s->rater, "drx");
	session_set(&s->visit, "");
	session_set(&s->assessed, "2026-11-26");
	session_set(&s->finished, "2026-11-26T10:20:00+01:00");
	session_set(&s->status, "complete");
	memset(&a, 0, sizeof(a));
	a.kind = ANS_VALUE;
	a.value = 0;
	session_set_answer(s, 0, &a);
	a.value = 1;			/* hidden: a is 0 */
	session_set_answer(s, 1, &a);
	a.kind = ANS_TEXT;
	a.text = "calm";
	session_set_answer(s, 2, &a);
	session_set_note(s, 1, "asked anyway");
	r = result_new(sc);
	score_compute(sc, s->answers, r);

	buf_init(&b);
	json_w_init(&j, &b, 0);
	fhir_bundle_open(&j);
	CHECK("fhir-1.4", fhir_session_entries(&j, s, sc, r, FHIR_BASE,
	    &cause) == 0);
	fhir_bundle_close(&j);
	CHECK("fhir-1.5", strstr(b.data, "\"linkId\": \"b\"") == NULL);
	CHECK("fhir-1.6", strstr(b.data, "\"valueString\": \"calm\"") !=
	    NULL);
	CHECK("fhir-1.7", strstr(b.data, "/StructureDefinition/item-note")
	    != NULL && strstr(b.data, "\"valueString\": \"asked anyway\"")
	    != NULL);
	CHECK("fhir-1.8", strstr(b.data, "\"authored\": \"2026-11-26\"") !=
	    NULL);
	CHECK("fhir-1.9", strstr(b.data, "/StructureDefinition/visit") ==
	    NULL);
	CHECK("fhir-1.10", strstr(b.data, "\"status\": \"completed\"") !=
	    NULL && strstr(b.data, "\"status\": \"final\"") != NULL);

	/* A note that is not UTF-8: refused, and nothing of the session
	 * is left in the Bundle. */
	buf_reset(&b);
	json_w_init(&j, &b, 0);
	fhir_bundle_open(&j);
	len = b.len;
	session_set_note(s, 2, "caf\xe9");
	CHECK("fhir-2.1", fhir_session_entries(&j, s, sc, r, FHIR_BASE,
	    &cause) == -1);
	CHECK("fhir-2.2", cause != NULL && strstr(cause,
	    "P1/20261126T101500-demo-1") != NULL && strstr(cause, "UTF-8")
	    != NULL);
	free(cause);
	cause = NULL;
	CHECK("fhir-2.3", b.len == len);
	fhir_bundle_close(&j);
	/* No empty "entry" array either. */
	CHECK_STR("fhir-2.4", b.data,
	    "{\n  \"resourceType\": \"Bundle\",\n  \"type\": \"collection\"\n}\n");
	json_w_free(&j);

	/* Names are made from ids: same input, same urn. */
	fhir_urn(urn, "QuestionnaireResponse", "P1/x", NULL);
	fhir_urn(urn2, "QuestionnaireResponse", "P1/x", NULL);
	CHECK("fhir-3.1", strcmp(urn, urn2) == 0 && strlen(urn) == 45 &&
	    urn[9 + 14] == '8');
	fhir_urn(urn2, "Observation", "P1/x", NULL);
	CHECK("fhir-3.2", strcmp(urn, urn2) != 0);

	buf_free(&b);
	result_free(r);
	session_free(s);
	scale_free(sc);
}

static void
test_parse(void)
{
	struct json_val	*v;
	char		*cause, deep[80];
	size_t		 i;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		cause = NULL;
		v = json_parse(parse_cases[i].text,
		    strlen(parse_cases[i].text), &cause);
		if (parse_cases[i].cause == NULL)
			CHECK(parse_cases[i].id, v != NULL && cause == NULL);
		else {
			CHECK(parse_cases[i].id, v == NULL);
			CHECK_STR(parse_cases[i].id, cause,
			    parse_cases[i].cause);
		}
		json_free(v);
		free(cause);
	}
	/* Values, and a text that does not end in a NUL. */
	cause = NULL;
	v = json_parse("{\"a\": [1, \"\\u00e9x\"], \"b\": -0.5}xyz", 32,
	    &cause);
	CHECK("jp-3.1", v != NULL && v->type == JSON_OBJECT && v->n == 2);
	if (v != NULL) {
		CHECK("jp-3.2", json_get(v, "a")->n == 2 &&
		    json_get(v, "a")->elems[0].number == 1);
		CHECK_STR("jp-3.3", json_get(v, "a")->elems[1].text,
		    "\xc3\xa9x");
		CHECK_STR("jp-3.4", json_get(v, "b")->text, "-0.5");
		CHECK("jp-3.5", json_get_str(v, "b") == NULL &&
		    json_get(v, "c") == NULL);
	}
	json_free(v);
	/* Depth. */
	memset(deep, '[', sizeof(deep));
	v = json_parse(deep, JSON_MAX_DEPTH, &cause);
	CHECK_STR("jp-4.1", cause, "line 1: a value expected, not the end");
	free(cause);
	v = json_parse(deep, JSON_MAX_DEPTH + 1, &cause);
	CHECK_STR("jp-4.2", cause, "line 1: nested too deep");
	free(cause);
	json_free(v);
}

int
main(void)
{
	test_parse();
	test_loinc();
	test_json();
	test_session();
	return harness_done("fhir");
}
