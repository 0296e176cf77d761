/*
 * cmd_record.c: rater record: save a session from the command line,
 * through the same store_save() the rating screens use.
 *
 *	rater record SCALE --patient ID [--visit LABEL] [--rater NAME]
 *	    [--date YYYY-MM-DD[THH:MM]] [--answers FILE|-] [ID=VALUE ...]
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "score.h"
#include "session.h"
#include "store.h"

/* The rater's name when none is given: the config, else the login. */
const char *
cli_default_rater(const struct cli *c)
{
	struct passwd	*pw;
	const char	*u;

	if (c->cfg != NULL && c->cfg->rater != NULL && *c->cfg->rater)
		return c->cfg->rater;
	if ((u = getenv("LOGNAME")) != NULL && *u != '\0')
		return u;
	if ((pw = getpwuid(geteuid())) != NULL)
		return pw->pw_name;
	return "";
}

/* Text fields from the command line: text_is_safe(). */
int
cli_text_is_clean(const char *what, const char *s)
{
	char	*why = NULL;

	if (!text_is_safe(s, &why)) {
		cli_warnx("%s may not hold %s", what, why);
		free(why);
		return 0;
	}
	if (strlen(s) > 200) {
		cli_warnx("%s is longer than 200 bytes", what);
		return 0;
	}
	return 1;
}

int
cli_new_session_args(const struct cli *c, const char *patient,
    const char **rater, const char *visit)
{
	char	*cause = NULL;

	if (!store_patient_id_is_valid(patient, &cause)) {
		cli_warnx("%s", cause);
		free(cause);
		return -1;
	}
	/* Every save names someone: an empty --rater is no rater given. */
	if (*rater == NULL || **rater == '\0')
		*rater = cli_default_rater(c);
	if (!cli_text_is_clean("the rater name", *rater) ||
	    !cli_text_is_clean("the visit label", visit))
		return -1;
	return 0;
}

int
cmd_record(struct cli *c, int argc, char **argv)
{
	const char	*patient = NULL, *visit = "", *rater = NULL;
	const char	*answers = NULL, *date = NULL;
	char		 assessed[SESSION_TIME_LEN];
	struct scale	*s = NULL;
	struct session	*ss = NULL;
	struct store	*st = NULL;
	char		*cause = NULL, *eq, where[16], *req;
	unsigned char	*given = NULL;
	struct result	*r;
	size_t		 k;
	int		 i, rc = EXIT_DATA;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(cli_find_cmd("record"));
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--patient") == 0 && i + 1 < argc)
			patient = argv[++i];
		else if (strcmp(argv[i], "--visit") == 0 && i + 1 < argc)
			visit = argv[++i];
		else if (strcmp(argv[i], "--rater") == 0 && i + 1 < argc)
			rater = argv[++i];
		else if (strcmp(argv[i], "--answers") == 0 && i + 1 < argc)
			answers = argv[++i];
		else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
			date = argv[++i];
		else if (argv[i][0] == '-' || strchr(argv[i], '=') == NULL) {
			cli_warnx("record: unexpected argument '%s'", argv[i]);
			return cli_usage(cli_find_cmd("record"));
		}
	}
	if (patient == NULL) {
		cli_warnx("record: --patient is required");
		return cli_usage(cli_find_cmd("record"));
	}
	if (cli_new_session_args(c, patient, &rater, visit) == -1)
		return EXIT_DATA;
	if ((s = cli_load_scale(c, argv[1])) == NULL)
		return EXIT_DATA;
	ss = session_new(s);
	session_set(&ss->patient, patient);
	session_set(&ss->rater, rater);
	session_set(&ss->visit, visit);
	given = xcalloc(s->nitems + 1, 1);
	if (answers != NULL && cli_read_answers(s, ss->answers, answers,
	    given) == -1)
		goto out;
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--patient") == 0 ||
		    strcmp(argv[i], "--visit") == 0 ||
		    strcmp(argv[i], "--rater") == 0 ||
		    strcmp(argv[i], "--date") == 0 ||
		    strcmp(argv[i], "--answers") == 0) {
			i++;
			continue;
		}
		eq = strchr(argv[i], '=');
		*eq = '\0';
		where[0] = '\0';
		if (cli_set_answer(s, ss->answers, argv[i], eq + 1, where,
		    given) == -1) {
			*eq = '=';
			goto out;
		}
		*eq = '=';
	}
	/* An item hidden by its show-if is recorded as skipped.  An answer
	 * given to it contradicts an earlier answer (q3 given when q2 says
	 * no): refuse rather than drop either; na alone is taken. */
	r = result_new(s);
	score_compute(s, ss->answers, r);
	if (cli_hidden_answers(s, ss->answers, r, "leave it out (or give "
	    "na), or correct the answer it depends on") > 0) {
		result_free(r);
		goto out;
	}
	for (k = 0; k < s->nitems; k++) {
		struct answer skip = { ANS_SKIP, 0, NULL };

		if (!result_item_shown(r, k))
			session_set_answer(ss, k, &skip);
	}
	result_free(r);
	/* store_save also refuses a patient id that differs from an
	 * existing one only in case. */
	if ((st = store_open(c->data_dir, &cause)) == NULL) {
		cli_warnx("%s", cause);
		goto out;
	}
	if (cli_new_session_date(c, st, patient, s->id, visit, date,
	    assessed) == -1)
		goto out;
	session_set(&ss->assessed, assessed);
	if (store_save(st, ss, s, "save", &cause) == -1) {
		cli_warnx("%s", cause);
		goto out;
	}
	printf("%s\n", ss->id);
	rc = 0;
	if ((req = session_required_missing(ss, s)) != NULL) {
		cli_warnx("%s: saved as incomplete: required item%s %s "
		    "ha%s no value", ss->id, strchr(req, ',') ? "s" : "",
		    req, strchr(req, ',') ? "ve" : "s");
		free(req);
		rc = EXIT_INCOMPLETE;
	} else if (ss->status != NULL &&
	    strcmp(ss->status, "complete") != 0)
		cli_warnx("%s: saved as incomplete: not every item is "
		    "answered", ss->id);
out:
	free(cause);
	free(given);
	store_close(st);
	session_free(ss);
	scale_free(s);
	return rc;
}
