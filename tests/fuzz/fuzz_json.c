/*
 * fuzz_json.c: libFuzzer target for the JSON reader and the FHIR
 * importer (make fuzz).
 *
 * The input is any text.  json_parse() accepts it or says why; what it
 * accepts is written back (strings through json_quote, numbers as
 * written) and must parse again to the same value, and written again
 * to the same bytes; import_fhir() drafts from it or reports errors,
 * and a draft it writes never holds a NUL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "import_fhir.h"
#include "json.h"

static void
write_val(struct buf *b, const struct json_val *v)
{
	size_t	 i;

	switch (v->type) {
	case JSON_NULL:
		buf_puts(b, "null");
		break;
	case JSON_BOOL:
		buf_puts(b, v->boolean ? "true" : "false");
		break;
	case JSON_NUMBER:
		buf_puts(b, v->text);
		break;
	case JSON_STRING:
		FUZZ_ASSERT(json_quote(b, v->text) == 0, "a string read is "
		    "not UTF-8");
		break;
	case JSON_ARRAY:
	case JSON_OBJECT:
		buf_putc(b, v->type == JSON_ARRAY ? '[' : '{');
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				buf_putc(b, ',');
			if (v->type == JSON_OBJECT) {
				json_quote(b, v->keys[i]);
				buf_putc(b, ':');
			}
			write_val(b, &v->elems[i]);
		}
		buf_putc(b, v->type == JSON_ARRAY ? ']' : '}');
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_val	*v, *v2;
	struct buf	 b1, b2, ini;
	struct diag	 d;
	char		*cause = NULL;

	v = json_parse((const char *)data, size, &cause);
	FUZZ_ASSERT((v == NULL) == (cause != NULL), "a value and a cause");
	free(cause);
	cause = NULL;
	if (v != NULL) {
		buf_init(&b1);
		buf_init(&b2);
		write_val(&b1, v);
		v2 = json_parse(b1.data, b1.len, &cause);
		FUZZ_ASSERT(v2 != NULL, "what was read does not read back: "
		    "%s", cause);
		write_val(&b2, v2);
		FUZZ_ASSERT(b1.len == b2.len && memcmp(b1.data, b2.data,
		    b1.len) == 0, "written twice, different bytes");
		json_free(v2);
		json_free(v);
		buf_free(&b1);
		buf_free(&b2);
	}
	buf_init(&ini);
	diag_init(&d);
	if (import_fhir("fuzz.json", (const char *)data, size, "fuzz", &ini,
	    &d) == 0)
		FUZZ_ASSERT(ini.len > 0 && strlen(ini.data) == ini.len,
		    "a draft with a NUL, or empty");
	else
		FUZZ_ASSERT(ini.len == 0 && d.n > 0, "an error without a "
		    "message, or with a draft");
	diag_free(&d);
	buf_free(&ini);
	return 0;
}
