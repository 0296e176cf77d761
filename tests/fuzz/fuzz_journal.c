/*
 * fuzz_journal.c: libFuzzer target for draft journals (make fuzz).
 *
 * The first byte of the input is a mode, the rest is the journal:
 *
 *	bit 0	append "TAB crc32" to every whole line, so that mutated
 *		lines still pass the checksum and reach the parser
 *	bit 1	after reading, reopen the draft (journal_open), append an
 *		answer and a note, and read it again
 *
 * The journal is written to a file in a private directory (removed
 * after each input), read with journal_read, replayed and bound to the
 * fixed scale (scales/phq9.ini or $RATER_FUZZ_SCALE) with
 * journal_replay, and the bound session is saved and read back
 * (fuzz_roundtrip).  Besides crashes and leaks it aborts when a
 * rejected journal comes without an error, when reopening a readable
 * draft fails, or when the reopened draft does not read back with
 * exactly the old events plus the new ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "journal.h"
#include "scale.h"
#include "session.h"

#define MODE_CRC	0x1
#define MODE_REOPEN	0x2

static void	 reopen(const char *, const struct draft *);
static const char *raw_of(const struct session *, const char *, int);

/* The stored answer (or note) of an item in an unbound session. */
static const char *
raw_of(const struct session *s, const char *id, int note)
{
	size_t	 i;

	for (i = 0; i < s->nitems; i++)
		if (strcmp(s->item_ids[i], id) == 0)
			return note ? s->notes[i] : s->raw[i];
	return NULL;
}

static void
reopen(const char *path, const struct draft *old)
{
	struct journal	*j;
	struct answer	 a;
	struct draft	 dr;
	struct diag	 d;
	char		*cause = NULL;
	const char	*v;

	j = journal_open(path, &cause);
	FUZZ_ASSERT(j != NULL, "a readable draft does not reopen: %s",
	    cause);
	memset(&a, 0, sizeof(a));
	a.kind = ANS_VALUE;
	a.value = 2;
	FUZZ_ASSERT(journal_append_answer(j, "q1", &a, &cause) == 0,
	    "append: %s", cause);
	FUZZ_ASSERT(journal_append_note(j, "q2", "fuzz note", &cause) == 0,
	    "append: %s", cause);
	FUZZ_ASSERT(journal_append_answer(j, "bad id", &a, &cause) == -1 &&
	    cause != NULL, "an invalid item id was recorded");
	free(cause);
	journal_close(j);

	diag_init(&d);
	FUZZ_ASSERT(journal_read(path, &dr, &d) == 0, "the reopened draft "
	    "no longer reads");
	fuzz_check_diag(&d, -1);
	FUZZ_ASSERT(dr.nevents == old->nevents + 3, "reopened: %zu events, "
	    "was %zu, + resume, answer, note", dr.nevents, old->nevents);
	FUZZ_ASSERT(dr.nbad == old->nbad, "reopened: %zu damaged lines, was "
	    "%zu", dr.nbad, old->nbad);
	v = raw_of(dr.session, "q1", 0);
	FUZZ_ASSERT(v != NULL && strcmp(v, "2") == 0, "q1 reads back as "
	    "'%s'", v != NULL ? v : "(none)");
	v = raw_of(dr.session, "q2", 1);
	FUZZ_ASSERT(v != NULL && strcmp(v, "fuzz note") == 0, "the note on "
	    "q2 reads back as '%s'", v != NULL ? v : "(none)");
	draft_clear(&dr);
	diag_free(&d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct scale	*sc;
	struct session		*s;
	struct draft		 dr;
	struct diag		 d;
	struct buf		 b;
	const char		*p, *end, *nl;
	char			*path;
	int			 mode, rc, nlines;

	if (size < 1)
		return 0;
	sc = fuzz_fixed_scale();
	mode = data[0];
	p = (const char *)data + 1;
	end = (const char *)data + size;
	buf_init(&b);
	if (mode & MODE_CRC) {
		for (; p < end; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL) {
				buf_add(&b, p, (size_t)(end - p));
				break;
			}
			buf_add(&b, p, (size_t)(nl - p));
			buf_printf(&b, "\t%08x\n", (unsigned)journal_crc32(p,
			    (size_t)(nl - p)));
		}
	} else
		buf_add(&b, p, (size_t)(end - p));
	path = xasprintf("%s/20261126T101500-phq9-P1-1.journal",
	    fuzz_tmpdir());
	fuzz_write_file(path, b.data != NULL ? b.data : "", b.len);
	nlines = fuzz_nlines(b.data, b.len);
	buf_free(&b);

	diag_init(&d);
	rc = journal_read(path, &dr, &d);
	fuzz_check_diag(&d, nlines);
	FUZZ_ASSERT(rc == 0 || d.nerrors > 0, "journal_read failed without "
	    "an error");
	if (rc == 0) {
		FUZZ_ASSERT(dr.session != NULL && dr.session->partial &&
		    !dr.session->bound, "draft session missing or bound");
		FUZZ_ASSERT(dr.nanswered <= dr.session->nitems, "%zu "
		    "answered of %zu", dr.nanswered, dr.session->nitems);
		FUZZ_ASSERT(dr.id != NULL && strcmp(dr.id,
		    "20261126T101500-phq9-P1-1") == 0, "draft id %s", dr.id);
	} else
		FUZZ_ASSERT(dr.session == NULL && dr.path == NULL, "a failed "
		    "read left a draft");
	diag_free(&d);

	diag_init(&d);
	s = journal_replay(path, sc, &d);
	fuzz_check_diag(&d, nlines);
	FUZZ_ASSERT(s != NULL || d.nerrors > 0, "journal_replay failed "
	    "without an error");
	FUZZ_ASSERT(s == NULL || rc == 0, "replay works where read fails");
	if (s != NULL) {
		FUZZ_ASSERT(s->bound && s->nitems == sc->nitems, "replayed "
		    "session not bound");
		(void)session_is_complete(s, sc);
		fuzz_roundtrip(s, sc);
		session_free(s);
	}
	diag_free(&d);

	if (rc == 0 && (mode & MODE_REOPEN))
		reopen(path, &dr);
	draft_clear(&dr);
	unlink(path);
	free(path);
	return 0;
}
