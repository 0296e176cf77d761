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

int
main(void)
{
	test_loinc();
	test_json();
	test_session();
	return harness_done("fhir");
}
