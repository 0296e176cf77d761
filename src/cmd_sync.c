/*
 * cmd_sync.c: rater sync: several workstations, one trial (sync.h).
 *
 *	rater sync --remote URL --trial ID [--workstation WS]
 *	rater sync
 *
 * Prints one line on standard output when the exchange succeeded:
 *
 *	sync: N files committed, N sessions received, sent to URL
 *
 * (", N retries" when the remote refused a push because another
 * workstation pushed first).  A failure is one "rater sync: ..." line on
 * standard error and exit 1; when the remote could not be reached, what
 * was committed here is said, for the next sync to send.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "store.h"
#include "sync.h"

int
cmd_sync(struct cli *c, int argc, char **argv)
{
	struct sync_report	 r;
	struct store		*st;
	const char		*url = NULL, *trial = NULL, *ws = NULL;
	const char		**opt;
	char			*cause = NULL;
	int			 a, rc;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--remote") == 0)
			opt = &url;
		else if (strcmp(argv[a], "--trial") == 0)
			opt = &trial;
		else if (strcmp(argv[a], "--workstation") == 0)
			opt = &ws;
		else {
			cli_warnx("sync: unexpected argument '%.80s'",
			    argv[a]);
			return cli_usage(cli_find_cmd("sync"));
		}
		if (a + 1 >= argc) {
			cli_warnx("sync: %s needs a value", argv[a]);
			return cli_usage(cli_find_cmd("sync"));
		}
		*opt = argv[++a];
	}
	if (url == NULL && (trial != NULL || ws != NULL)) {
		cli_warnx("sync: --trial and --workstation go with --remote");
		return cli_usage(cli_find_cmd("sync"));
	}
	/* sync --remote may make the data directory (a new workstation
	 * joining a trial). */
	if (url != NULL && (st = store_open(c->data_dir, &cause)) == NULL) {
		cli_warnx("sync: %s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if (url != NULL)
		st->scale_dirs = c->scale_dirs;
	else if ((st = cli_review_store(c)) == NULL)
		return EXIT_DATA;
	if (url != NULL)
		rc = sync_setup(st, url, trial, ws, &r, &cause);
	else
		rc = sync_run(st, &r, &cause);
	if (rc == -1) {
		cli_warnx("sync: %s", cause);
		if (r.offline && r.unsent > 0)
			cli_warnx("sync: %zu commit%s kept here (every save "
			    "is committed); the next rater sync sends %s",
			    r.unsent, r.unsent == 1 ? "" : "s",
			    r.unsent == 1 ? "it" : "them");
		free(cause);
		store_close(st);
		return EXIT_DATA;
	}
	url = NULL;
	printf("sync: %zu file%s committed, %zu session%s received, %s",
	    r.committed, r.committed == 1 ? "" : "s", r.received,
	    r.received == 1 ? "" : "s", r.sent > 0 ? "sent" :
	    "nothing to send");
	if (r.retries > 0)
		printf(", %d retr%s", r.retries, r.retries == 1 ? "y" : "ies");
	if (r.stale > 0)
		printf(", %d stale git lock%s removed", r.stale,
		    r.stale == 1 ? "" : "s");
	printf(" (workstation %s)\n", st->ws);
	store_close(st);
	return fflush(stdout) == 0 ? 0 : EXIT_DATA;
}
