/*
 * git.h: Debian's git(1), run as a program.
 *
 * rater never speaks git's protocols itself and links no git library:
 * it runs /usr/bin/git (found in PATH) with an argument vector, never
 * a shell string, in a controlled environment: LC_ALL=C (messages rater
 * can read), GIT_TERMINAL_PROMPT=0 and ssh in BatchMode (a missing key
 * fails at once instead of asking for a password on a clinic screen),
 * no system or global configuration and no hooks (core.hooksPath is
 * /dev/null), and none of the caller's GIT_* variables.  Nothing here
 * prints.
 */
#ifndef RATER_GIT_H
#define RATER_GIT_H

#include "util.h"

/* Seconds ssh waits for a connection before git gives up. */
#define GIT_CONNECT_TIMEOUT	15

/*
 * Runs "git -C dir -c ... argv..." (argv NULL-terminated, without
 * "git"), with in (may be NULL) on its standard input and its standard
 * output and error collected in out and err (either may be NULL: the
 * output is then discarded).  author (may be NULL) is the committer's
 * name.  Returns git's exit status (0 success), or -1 with *cause when
 * git could not be run or was killed by a signal.
 */
int	git_run(const char *dir, const char *author,
	    const char *const *argv, const char *in, size_t inlen,
	    struct buf *out, struct buf *err, char **cause);

/* The first line of git's message in err, for a cause: "fatal: " and
 * "error: " dropped, at most 200 bytes; when git only says it could not
 * read from the remote, ssh's line before it.  The caller frees it. */
char	*git_message(const struct buf *err);

#endif
