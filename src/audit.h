/*
 * audit.h: what store.c's save protocol needs of the audit log
 * (audit.c).  The public functions of the log (store_audit_append,
 * store_audit_verify, store_audit_has) are declared in store.h.
 */
#ifndef RATER_AUDIT_H
#define RATER_AUDIT_H

#include "store.h"

/*
 * Appends one line, under the lock (the caller holds it).  A torn last
 * line (a write cut short by a crash) is cut off first: it was never a
 * link of the chain, and the line appended chains from the last whole
 * one.  now is the time field; person (may be NULL) is named after the
 * login.  Returns 0, or -1 with *cause (the log cut back).
 */
int	audit_append(struct store *, const char *now, const char *action,
	    const char *id, const char *sha256, const char *person,
	    char **cause);
/* Whether the last good line of the log records action, id and sha256:
 * 1, 0, or -1 (with *cause) when the log cannot be read. */
int	audit_names(struct store *, const char *action, const char *id,
	    const char *sha256, char **cause);

#endif
