/*
 * cmd_lint.c: rater lint FILE...: every problem of every file, at once.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

int
cmd_lint(struct cli *c, int argc, char **argv)
{
	struct diag	 d;
	struct scale	*s;
	struct buf	 b;
	int		 i, rc = 0;

	if (argc < 2)
		return cli_usage(cli_find_cmd("lint"));
	for (i = 1; i < argc; i++) {
		diag_init(&d);
		s = scale_load(argv[i], &d);
		buf_init(&b);
		diag_format(&d, &b);
		if (b.data != NULL)
			fputs(b.data, stdout);
		if (d.nerrors > 0 || s == NULL)
			rc = EXIT_DATA;
		else
			printf("%s: ok: %zu items, %zu scores, %zu tests "
			    "passed%s\n", argv[i], s->nitems, s->nscores,
			    s->ntests, d.nwarnings > 0 ? ", with warnings" :
			    "");
		buf_free(&b);
		diag_free(&d);
		scale_free(s);
	}
	(void)c;
	return rc;
}
