/*
 * cmd_amend.c: rater amend: a scripted correction of a saved session.
 *
 *	rater amend SESSION --reason TEXT [--rater NAME] [--date DATE]
 *	    [--resolves OTHER[,OTHER...]] [ID=VALUE ...]
 *
 * Saves a new revision (session_amend + store_save "amend") with the
 * answers of SESSION and the corrections given, scored with the scale
 * version SESSION was rated with.  The old file stays as it is; the new
 * one names it (replaces) and carries the reason and who amended it
 * (amended_by: --rater, else the configured rater, else the login name;
 * rater stays who rated), and the audit log gets an "amend" line.
 * Prints the new id ("<first revision's id>.rR").  Refused: a revision
 * that was amended already (amend the latest), a session that cannot
 * be scored or whose stored scores disagree with the recomputation (run
 * rater verify), and corrections that change nothing.  --date corrects
 * the assessment date, checked as a new session's is (a future date
 * refused, a long backdate warned of).  --resolves closes a fork: SESSION
 * is the branch that holds, each OTHER the latest revision of another
 * branch of the same fork (history_fork_branches); the new revision
 * names them (resolves, session format 4) and may change nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "history.h"
#include "session.h"
#include "store.h"

static char	*check_resolves(const struct store *,
		    const struct hist_patient *, const struct hist_session *,
		    const char *);

/*
 * The ids given to --resolves (joined by ","), each the latest revision
 * of another branch of a fork hs is on; returns them as canonical ids
 * joined by ",", or NULL after saying why.
 */
static char *
check_resolves(const struct store *st, const struct hist_patient *hp,
    const struct hist_session *hs, const char *arg)
{
	const struct hist_session *o;
	struct buf	 b;
	char		**ids, *id, *cause = NULL;
	size_t		  n, i;

	if (*arg == '\0' || *arg == ',' || arg[strlen(arg) - 1] == ',' ||
	    strstr(arg, ",,") != NULL) {
		cli_warnx("amend: --resolves: an empty id (ids are joined "
		    "by ',')");
		return NULL;
	}
	buf_init(&b);
	ids = session_resolves_list(arg, &n);
	for (i = 0; i < n; i++) {
		if ((id = cli_session_id(st, ids[i])) == NULL)
			goto fail;
		if ((o = history_find(hp, id)) == NULL) {
			cli_warnx("amend: --resolves: no session %s of this "
			    "patient and scale", id);
			free(id);
			goto fail;
		}
		if (!history_fork_branches(hs, o) || !o->latest) {
			cli_warnx("amend: --resolves: %s is not the latest "
			    "revision of another branch of a fork %s is on",
			    id, hs->s->id);
			free(id);
			goto fail;
		}
		if (b.len > 0)
			buf_putc(&b, ',');
		buf_puts(&b, id);
		free(id);
	}
	if (n == 0 || session_resolves_check(b.data, &cause) == -1) {
		cli_warnx("amend: --resolves: %s", cause != NULL ? cause :
		    "no id");
		free(cause);
		goto fail;
	}
	strv_free(ids, n);
	return buf_take(&b);
fail:
	strv_free(ids, n);
	buf_free(&b);
	return NULL;
}

int
cmd_amend(struct cli *c, int argc, char **argv)
{
	struct history_filter	 f;
	struct store		*st = NULL;
	struct history		*h = NULL;
	struct hist_patient	*hp = NULL;
	struct hist_session	*hs;
	struct session		*ns = NULL;
	struct diag		 d;
	const char		*reason = NULL, *date = NULL, *by = NULL;
	const char		*resolves = NULL;
	char			*closes = NULL;
	char			 assessed[SESSION_TIME_LEN];
	char			*id = NULL, *patient = NULL, *scale = NULL;
	char			*cause = NULL, *eq;
	unsigned char		*given = NULL;
	size_t			 i, changed = 0;
	int			 a, npairs = 0, locked = 0, rc = EXIT_DATA;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(cli_find_cmd("amend"));
	for (a = 2; a < argc; a++) {
		if (strcmp(argv[a], "--reason") == 0 && a + 1 < argc)
			reason = argv[++a];
		else if (strncmp(argv[a], "--reason=", 9) == 0)
			reason = argv[a] + 9;
		else if (strcmp(argv[a], "--date") == 0 && a + 1 < argc)
			date = argv[++a];
		else if (strncmp(argv[a], "--date=", 7) == 0)
			date = argv[a] + 7;
		else if (strcmp(argv[a], "--rater") == 0 && a + 1 < argc)
			by = argv[++a];
		else if (strncmp(argv[a], "--rater=", 8) == 0)
			by = argv[a] + 8;
		else if (strcmp(argv[a], "--resolves") == 0 && a + 1 < argc)
			resolves = argv[++a];
		else if (strncmp(argv[a], "--resolves=", 11) == 0)
			resolves = argv[a] + 11;
		else if (argv[a][0] != '-' && strchr(argv[a], '=') != NULL)
			npairs++;
		else {
			cli_warnx("amend: unexpected argument '%.80s'",
			    argv[a]);
			return cli_usage(cli_find_cmd("amend"));
		}
	}
	if (reason == NULL || *reason == '\0') {
		cli_warnx("amend: --reason is required");
		return cli_usage(cli_find_cmd("amend"));
	}
	if (npairs == 0 && date == NULL && resolves == NULL) {
		cli_warnx("amend: give the corrections as ID=VALUE, "
		    "--date or --resolves");
		return cli_usage(cli_find_cmd("amend"));
	}
	if (by == NULL || *by == '\0')
		by = cli_default_rater(c);
	if (!cli_text_is_clean("the reason", reason) ||
	    !cli_text_is_clean("the rater name", by))
		return EXIT_DATA;
	if ((st = cli_review_store(c)) == NULL)
		return EXIT_DATA;
	diag_init(&d);
	if ((id = cli_session_id(st, argv[1])) == NULL)
		goto out;
	/* Hold the lock from the check that this is the latest revision to
	 * the save, so that two amendments cannot fork the chain. */
	if (store_lock(st, &cause) == -1) {
		cli_warnx("%s", cause);
		goto out;
	}
	locked = 1;
	store_session_id_parts(id, &patient, &scale);
	memset(&f, 0, sizeof(f));
	f.scale = scale;
	h = history_open(st, c->scale_dirs);
	if ((hp = history_patient(h, patient, &f, 0, &d, &cause)) == NULL) {
		cli_warnx("%s", cause);
		goto out;
	}
	if ((hs = history_find(hp, id)) == NULL) {
		cli_print_diag(&d);
		cli_warnx("amend: no session %s", id);
		goto out;
	}
	if (hs->resolved_by != NULL) {
		cli_warnx("amend: %s is a branch of a fork that %s closed; "
		    "amend the latest revision", id, hs->resolved_by->s->id);
		goto out;
	}
	if (!hs->latest) {
		for (i = 0; i < hp->nall; i++)
			if (hp->all[i]->prev == hs)
				break;
		cli_warnx("amend: %s was amended already by %s; amend the "
		    "latest revision", id, i < hp->nall ?
		    hp->all[i]->s->id : "another revision");
		goto out;
	}
	/* Under the lock an interrupted save is finished already: a
	 * session the audit log still does not name is not amended. */
	if (store_audit_has(st, id) == 0) {
		cli_warnx("amend: %s is not in the audit log; it is not "
		    "amended (run rater verify)", id);
		goto out;
	}
	if (resolves != NULL && (closes = check_resolves(st, hp, hs,
	    resolves)) == NULL)
		goto out;
	if (hs->sc == NULL || hs->nmismatch > 0) {
		cli_print_diag(&d);
		cli_warnx("amend: %s %s; it is not amended (run rater "
		    "verify)", id, hs->sc == NULL ? "cannot be scored" :
		    "has stored scores that disagree with its answers");
		goto out;
	}
	if ((ns = session_amend(hs->s, reason, &cause)) == NULL) {
		cli_warnx("amend: %s", cause);
		goto out;
	}
	session_set(&ns->amended_by, by);
	session_set(&ns->resolves, closes);
	given = xcalloc(hs->sc->nitems + 1, 1);
	for (a = 2; a < argc; a++) {
		if (strcmp(argv[a], "--reason") == 0 ||
		    strcmp(argv[a], "--rater") == 0 ||
		    strcmp(argv[a], "--resolves") == 0) {
			a++;
			continue;
		}
		if (strcmp(argv[a], "--date") == 0) {
			a++;
			continue;
		}
		if (strncmp(argv[a], "--reason=", 9) == 0 ||
		    strncmp(argv[a], "--date=", 7) == 0 ||
		    strncmp(argv[a], "--rater=", 8) == 0 ||
		    strncmp(argv[a], "--resolves=", 11) == 0)
			continue;
		eq = strchr(argv[a], '=');
		*eq = '\0';
		if (cli_set_answer(hs->sc, ns->answers, argv[a], eq + 1, "",
		    given) == -1) {
			*eq = '=';
			goto out;
		}
		*eq = '=';
	}
	for (i = 0; i < ns->nitems; i++)
		if (!answer_equal(&ns->answers[i], &hs->s->answers[i]))
			changed++;
	/* The visit is left out of the checks: the session is at it. */
	if (date != NULL) {
		if (cli_new_session_date(c, st, patient, scale, "", date,
		    assessed) == -1)
			goto out;
		session_set(&ns->assessed, assessed);
		if (strcmp(ns->assessed, hs->s->assessed) != 0)
			changed++;
	}
	if (changed == 0 && closes == NULL) {
		cli_warnx("amend: nothing to amend: every answer given is "
		    "the one %s holds", id);
		goto out;
	}
	if (store_save(st, ns, hs->sc, "amend", &cause) == -1) {
		cli_warnx("%s", cause);
		goto out;
	}
	printf("%s\n", ns->id);
	if (ns->status != NULL && strcmp(ns->status, "complete") != 0)
		cli_warnx("%s: saved as incomplete: not every item is "
		    "answered", ns->id);
	rc = 0;
out:
	if (locked)
		store_unlock(st);
	free(cause);
	free(closes);
	free(given);
	diag_free(&d);
	session_free(ns);
	history_patient_free(hp);
	history_close(h);
	store_close(st);
	free(id);
	free(patient);
	free(scale);
	return rc;
}
