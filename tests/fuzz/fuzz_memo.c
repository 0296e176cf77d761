/*
 * fuzz_memo.c: libFuzzer target for the list memo (make fuzz).
 *
 * The input is a memo file (memo.h) of the build "fuzz".  It is read;
 * what memo_format() writes of it must read back to as many entries and
 * write the same bytes again; another build must read none of it, and
 * a memo read from bytes must refuse to be saved.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "memo.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct memo	*m, *m2;
	struct buf	 b1, b2;

	m = memo_parse((const char *)data, size, "fuzz");
	buf_init(&b1);
	memo_format(m, 0, &b1);
	m2 = memo_parse(b1.data, b1.len, "fuzz");
	FUZZ_ASSERT(memo_count(m2) == memo_count(m), "%zu entries read "
	    "back as %zu", memo_count(m), memo_count(m2));
	buf_init(&b2);
	memo_format(m2, 0, &b2);
	FUZZ_ASSERT(b1.len == b2.len && memcmp(b1.data, b2.data, b1.len) ==
	    0, "the memo does not write the same bytes twice");
	/* Another build reads nothing of it. */
	memo_close(m2);
	m2 = memo_parse(b1.data, b1.len, "other");
	FUZZ_ASSERT(memo_count(m2) == 0, "another build read %zu entries",
	    memo_count(m2));
	FUZZ_ASSERT(memo_save(m2, 0) == -1, "a parsed memo was saved");
	memo_close(m2);
	memo_close(m);
	buf_free(&b1);
	buf_free(&b2);
	return 0;
}
