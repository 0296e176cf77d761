/*
 * fuzz_session.c: libFuzzer target for session files (make fuzz).
 *
 * The input is a session file.  It is parsed; when that works it is
 * bound to a fixed scale (scales/phq9.ini, or $RATER_FUZZ_SCALE, see
 * fuzz_util.h), its stored scores are checked, and it is written out
 * and read back (fuzz_roundtrip).  Besides crashes and leaks it aborts
 * when a rejected file comes without an error, or a bound session does
 * not survive its own save.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "scale.h"
#include "session.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct scale	*sc;
	struct session		*s;
	struct diag		 d;
	size_t			 before;
	int			 rc, nlines;

	sc = fuzz_fixed_scale();
	nlines = fuzz_nlines(data, size);
	diag_init(&d);
	s = session_parse("fuzz.ini", (const char *)data, size, &d);
	fuzz_check_diag(&d, nlines);
	FUZZ_ASSERT((s == NULL) == (d.nerrors > 0), "session_parse "
	    "returned %s with %zu errors", s == NULL ? "NULL" : "a session",
	    d.nerrors);
	if (s == NULL) {
		diag_free(&d);
		return 0;
	}
	FUZZ_ASSERT(!s->bound && s->answers != NULL, "parsed session is "
	    "bound or has no answers");
	before = d.nerrors;
	rc = session_bind(s, sc, &d);
	fuzz_check_diag(&d, nlines);
	FUZZ_ASSERT((rc == -1) == (d.nerrors > before), "session_bind "
	    "returned %d with %zu new errors", rc, d.nerrors - before);
	FUZZ_ASSERT(s->bound == (rc == 0), "bound = %d after rc %d",
	    s->bound, rc);
	if (rc == 0) {
		FUZZ_ASSERT(s->nitems == sc->nitems, "bound to %zu of %zu "
		    "items", s->nitems, sc->nitems);
		/* Binding twice is an error, not a crash. */
		before = d.nerrors;
		FUZZ_ASSERT(session_bind(s, sc, &d) == -1 &&
		    d.nerrors > before, "a second bind succeeded");
		(void)session_check_scores(s, sc, &d);
		fuzz_check_diag(&d, nlines);
		(void)session_is_complete(s, sc);
		fuzz_roundtrip(s, sc);
	}
	session_free(s);
	diag_free(&d);
	return 0;
}
