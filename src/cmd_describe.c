/*
 * cmd_describe.c: rater describe SCALE... --format FORMAT: a scale's
 * definition for another system, on standard output.
 *
 *	redcap	the REDCap data dictionary (redcap.h): the record id field,
 *		then a form per scale, in the order given.
 *		--record-id NAME names the record id field (default
 *		record_id; a REDCap variable name).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "redcap.h"

int
cmd_describe(struct cli *c, int argc, char **argv)
{
	const struct cmd *cmd = cli_find_cmd("describe");
	struct scale	**sc = NULL;
	struct buf	 b, warn;
	const char	*format = NULL, *record_id = "record_id", *p, *e;
	char		*cause = NULL;
	size_t		 n = 0, i;
	int		 a, rc = 0;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--format") == 0 && a + 1 < argc)
			format = argv[++a];
		else if (strncmp(argv[a], "--format=", 9) == 0)
			format = argv[a] + 9;
		else if (strcmp(argv[a], "--record-id") == 0 && a + 1 < argc)
			record_id = argv[++a];
		else if (strncmp(argv[a], "--record-id=", 12) == 0)
			record_id = argv[a] + 12;
		else if (argv[a][0] == '-' && argv[a][1] != '\0') {
			cli_warnx("describe: unexpected argument '%.80s'",
			    argv[a]);
			return cli_usage(cmd);
		}
	}
	if (format == NULL || strcmp(format, "redcap") != 0) {
		cli_warnx("describe: --format is redcap%s%.40s%s",
		    format != NULL ? ", not '" : "",
		    format != NULL ? format : "", format != NULL ? "'" : "");
		return cli_usage(cmd);
	}
	if (!cli_redcap_name_is_valid(record_id)) {
		cli_warnx("describe: --record-id '%.80s' is not a REDCap "
		    "variable name (a-z, then a-z, 0-9, _)", record_id);
		return cli_usage(cmd);
	}
	sc = xcalloc((size_t)argc, sizeof(*sc));
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--format") == 0 ||
		    strcmp(argv[a], "--record-id") == 0) {
			a++;
			continue;
		}
		if (argv[a][0] == '-')
			continue;
		if ((sc[n] = cli_load_scale(c, argv[a])) == NULL) {
			rc = EXIT_DATA;
			goto out;
		}
		n++;
	}
	if (n == 0) {
		rc = cli_usage(cmd);
		goto out;
	}
	buf_init(&b);
	buf_init(&warn);
	if (redcap_dictionary(&b, record_id,
	    (const struct scale *const *)sc, n, &warn, &cause) == -1) {
		cli_warnx("describe: %s", cause);
		free(cause);
		rc = EXIT_DATA;
	} else if (cli_flush(&b, 1) == -1 || fflush(stdout) == EOF) {
		cli_warnx("describe: cannot write the output");
		rc = EXIT_DATA;
	}
	/* Warnings do not change the exit status. */
	for (p = warn.data; p != NULL && *p != '\0'; p = e + 1) {
		e = strchr(p, '\n');
		cli_warnx("describe: warning: %.*s", (int)(e - p), p);
	}
	buf_free(&warn);
	buf_free(&b);
out:
	for (i = 0; i < n; i++)
		scale_free(sc[i]);
	free(sc);
	return rc;
}
