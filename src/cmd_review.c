/*
 * cmd_review.c: rater review [--patient ID]: the review screens, from
 * the patient list, or from one patient's history.
 *
 * Refused in blind mode (exit 1, with a message), like the other review
 * commands.  The data directory must exist (it is never created here);
 * a patient with no sessions is an error before the screens come up.
 * RATER_EXIT_AFTER_DRAW works as for rate: the first screen (the
 * history of --patient, loaded whole) is drawn and the program exits, so
 * that opening a long history can be timed.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "store.h"
#include "ui.h"

int
cmd_review(struct cli *c, int argc, char **argv)
{
	const struct cmd *cmd = cli_find_cmd("review");
	struct ui_start	 start;
	struct store	*st;
	struct stat	 sb;
	const char	*patient = NULL;
	char		*cause = NULL, *dir;
	int		 i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--patient") == 0 && i + 1 < argc)
			patient = argv[++i];
		else if (strncmp(argv[i], "--patient=", 10) == 0)
			patient = argv[i] + 10;
		else {
			cli_warnx("review: unexpected argument '%.80s'",
			    argv[i]);
			return cli_usage(cmd);
		}
	}
	if (cli_is_blind(c, "review"))
		return EXIT_DATA;
	if (patient != NULL && !store_patient_id_is_valid(patient, &cause)) {
		cli_warnx("review: %s", cause);
		free(cause);
		return EXIT_DATA;
	}
	if ((st = cli_review_store(c)) == NULL)
		return EXIT_DATA;
	if (patient != NULL) {
		dir = xasprintf("%s/sessions/%s", st->dir, patient);
		if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
			cli_warnx("review: no sessions of patient %s in %s",
			    patient, st->dir);
			free(dir);
			store_close(st);
			return EXIT_DATA;
		}
		free(dir);
	}
	if (!(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) &&
	    getenv("RATER_EXIT_AFTER_DRAW") == NULL) {
		cli_warnx("review: the screens need a terminal (standard "
		    "input and output are not one); see rater list and rater "
		    "show");
		store_close(st);
		return EXIT_DATA;
	}
	memset(&start, 0, sizeof(start));
	start.mode = UI_MODE_REVIEW;
	start.store = st;
	start.patient = patient;
	rc = ui_run(c, &start, &cause);
	if (start.report != NULL) {
		fputs(start.report, stdout);
		free(start.report);
	}
	if (rc == 1) {
		cli_warnx("%s", cause != NULL ? cause : "cannot start the "
		    "screens");
		free(cause);
	}
	store_close(st);
	return rc;
}
