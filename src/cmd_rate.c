/*
 * cmd_rate.c: the commands that put the rating screens up.
 *
 *	rater				the menu
 *	rater rate SCALE --patient ID [--rater NAME] [--visit LABEL]
 *	    [--date DATE]
 *	rater try FILE			a dry run of a scale file: nothing
 *					is written; the answers and scores
 *					are printed on leaving
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "session.h"
#include "store.h"
#include "ui.h"

static int	 run(struct cli *, struct ui_start *);
static int	 has_terminal(const char *);
static struct store *open_store(const struct cli *);

/* Runs the screens and prints what they report once they are gone. */
static int
run(struct cli *c, struct ui_start *start)
{
	char	*cause = NULL;
	int	 rc;

	(void)c;
	rc = ui_run(c, start, &cause);
	if (start->report != NULL) {
		fputs(start->report, stdout);
		free(start->report);
		start->report = NULL;
	}
	if (rc == 1) {
		cli_warnx("%s", cause != NULL ? cause : "cannot start the "
		    "screens");
		free(cause);
	}
	return rc;
}

/* The screens need a terminal; say so before any file is touched. */
static int
has_terminal(const char *cmd)
{
	if ((isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) ||
	    getenv("RATER_EXIT_AFTER_DRAW") != NULL)
		return 1;
	cli_warnx("%s: the screens need a terminal (standard input and "
	    "output are not one); see rater record and rater score", cmd);
	return 0;
}

static struct store *
open_store(const struct cli *c)
{
	struct store	*st;
	char		*cause = NULL;

	if ((st = store_open(c->data_dir, &cause)) == NULL) {
		cli_warnx("%s", cause);
		free(cause);
	} else
		st->scale_dirs = c->scale_dirs;
	return st;
}

int
cmd_rate(struct cli *c, int argc, char **argv)
{
	const struct cmd *cmd = cli_find_cmd("rate");
	const char	*patient = NULL, *rater = NULL, *visit = "";
	const char	*date = NULL;
	char		 assessed[SESSION_TIME_LEN];
	struct ui_start	 start;
	struct scale	*sc;
	char		*cause = NULL;
	int		 i, rc;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(cmd);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--patient") == 0 && i + 1 < argc)
			patient = argv[++i];
		else if (strcmp(argv[i], "--rater") == 0 && i + 1 < argc)
			rater = argv[++i];
		else if (strcmp(argv[i], "--visit") == 0 && i + 1 < argc)
			visit = argv[++i];
		else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
			date = argv[++i];
		else {
			cli_warnx("rate: unexpected argument '%s'", argv[i]);
			return cli_usage(cmd);
		}
	}
	if (patient == NULL) {
		cli_warnx("rate: --patient is required");
		return cli_usage(cmd);
	}
	/* Checked before anything touches the data directory. */
	if (cli_new_session_args(c, patient, &rater, visit) == -1)
		return EXIT_DATA;
	if (!has_terminal("rate"))
		return EXIT_DATA;
	if ((sc = cli_load_scale(c, argv[1])) == NULL)
		return EXIT_DATA;
	memset(&start, 0, sizeof(start));
	start.mode = UI_MODE_RATE;
	start.scale = sc;
	start.patient = patient;
	start.rater = rater;
	start.visit = visit;
	if ((start.store = open_store(c)) == NULL) {
		scale_free(sc);
		return EXIT_DATA;
	}
	/* Refused before the rating, not at its save. */
	if (!store_patient_id_is_distinct(start.store, patient, &cause)) {
		cli_warnx("rate: %s", cause);
		free(cause);
		store_close(start.store);
		scale_free(sc);
		return EXIT_DATA;
	}
	/* A date refused stops here; warnings are said on stderr before
	 * the screens start. */
	if (cli_new_session_date(c, start.store, patient, sc->id, visit,
	    date, assessed) == -1) {
		store_close(start.store);
		scale_free(sc);
		return EXIT_DATA;
	}
	start.assessed = assessed;
	rc = run(c, &start);
	store_close(start.store);
	scale_free(sc);
	return rc;
}

int
cmd_try(struct cli *c, int argc, char **argv)
{
	struct ui_start	 start;
	struct scale	*sc;
	int		 rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage(cli_find_cmd("try"));
	if (!has_terminal("try"))
		return EXIT_DATA;
	if ((sc = cli_load_scale(c, argv[1])) == NULL)
		return EXIT_DATA;
	memset(&start, 0, sizeof(start));
	start.mode = UI_MODE_TRY;
	start.scale = sc;
	rc = run(c, &start);
	scale_free(sc);
	return rc;
}

int
cmd_menu(struct cli *c, int argc, char **argv)
{
	struct ui_start	 start;
	int		 rc;

	(void)argv;
	if (argc > 1)
		return EXIT_USAGE;
	memset(&start, 0, sizeof(start));
	start.mode = UI_MODE_MENU;
	if ((start.store = open_store(c)) == NULL)
		return EXIT_DATA;
	rc = run(c, &start);
	store_close(start.store);
	return rc;
}
