/*
 * cmd_list.c: rater list, and what the review commands (list, show,
 * export, verify, amend) share: the blind-mode refusal, the listing
 * filters, the data directory, the session argument and diagnostics.
 *
 *	rater list [--patient ID] [--scale ID] [--visit LABEL]
 *	    [--since DATE] [--until DATE]
 *
 * Output: the header line
 *
 *	id<TAB>patient<TAB>scale<TAB>visit<TAB>started<TAB>rater<TAB>
 *	revision<TAB>status<TAB>scores
 *
 * then one line per session (latest revisions only), sorted by patient
 * (bytes), started (as UTC), then id, with the same eight fields
 * (started in full, with its UTC offset; status complete or
 * incomplete).  Each score of the session's scale version follows as
 * one field
 * per key of the session file's [scores] section: "ID=VALUE" (VALUE
 * with the score's decimals, or NA), then "ID.band=LABEL" for its first
 * band set and "ID.band.SET=LABEL" for each further one (LABEL empty
 * when the value is NA).  A session that cannot be scored has the one
 * field "unscorable" instead.  The values are recomputed from the
 * answers with the session's own scale version; comparing them with
 * the values stored in the file is the job of rater verify and rater
 * show.  Text (visit, rater, band labels) is escaped as by
 * history_escape(): no field ever holds a tab, a newline or a control
 * character.  Files that cannot be read or scored are named on stderr,
 * the listing goes on, and the exit status is 1.
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buildid.h"
#include "cmd.h"
#include "fsdir.h"
#include "history.h"
#include "memo.h"
#include "score.h"
#include "sha256.h"
#include "store.h"

struct archived {
	const char	*scale_id, *sha256;	/* borrowed from a session */
	int		 present;
};

static void	 list_head(struct buf *, const struct hist_session *);
static void	 list_scores(struct buf *, const struct hist_session *);
static const char *memo_build(void);
static int	 is_archived(struct store *, struct archived **, size_t *,
		    const struct session *);
static int	 list_patient(struct cli *, struct store *, struct history *,
		    const char *, const struct history_filter *,
		    struct diag *, struct buf *);

int
cli_is_blind(const struct cli *c, const char *cmd)
{
	if (!c->blind)
		return 0;
	cli_warnx("%s: refused in blind mode: a blinded rater may not see "
	    "earlier sessions or their results", cmd);
	return 1;
}

/*
 * Takes argv[*i] if it is a listing filter (--patient, --scale,
 * --visit, --since, --until, as "--opt VALUE" or "--opt=VALUE").
 * Returns 1 when taken (and *i is advanced past its value), 0 when
 * argv[*i] is something else, -1 after printing a usage problem.
 */
int
cli_filter_arg(const char *cmd, int *i, int argc, char **argv,
    const char **patient, struct history_filter *f)
{
	static const char *const opts[] = {
		"--patient", "--scale", "--visit", "--since", "--until"
	};
	const char	*a = argv[*i], *v = NULL, **dst[5];
	char		*cause = NULL;
	size_t		 k, n;

	dst[0] = patient;
	dst[1] = &f->scale;
	dst[2] = &f->visit;
	dst[3] = &f->since;
	dst[4] = &f->until;
	for (k = 0; k < nitems(opts); k++) {
		n = strlen(opts[k]);
		if (strncmp(a, opts[k], n) == 0 && a[n] == '=') {
			v = a + n + 1;
			break;
		}
		if (strcmp(a, opts[k]) == 0) {
			if (*i + 1 >= argc) {
				cli_warnx("%s: %s needs a value", cmd, a);
				return -1;
			}
			v = argv[++*i];
			break;
		}
	}
	if (k == nitems(opts))
		return 0;
	if ((k == 0 && !store_patient_id_is_valid(v, &cause)) ||
	    (k == 1 && !store_scale_id_is_valid(v, &cause))) {
		cli_warnx("%s: %s", cmd, cause);
		free(cause);
		return -1;
	}
	if (k == 2 && !cli_text_is_clean("the visit label", v))
		return -1;
	if (k >= 3 && !history_date_is_valid(v)) {
		cli_warnx("%s: %s '%.40s' is not a date YYYY-MM-DD", cmd,
		    opts[k], v);
		return -1;
	}
	*dst[k] = v;
	return 1;
}

/*
 * Opens the data directory for reading.  A directory that does not
 * exist is an error, not an empty store: the review commands never
 * create one.  cli_review_store also finishes an interrupted save
 * (store_recover), or warns that it cannot; cli_open_store (verify)
 * changes nothing.
 */
struct store *
cli_open_store(const struct cli *c)
{
	struct store	*st;
	struct stat	 sb;
	char		*cause = NULL;

	if (stat(c->data_dir, &sb) == -1) {
		cli_warnx("no data directory %s: %s", c->data_dir,
		    strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(sb.st_mode)) {
		cli_warnx("no data directory %s: not a directory",
		    c->data_dir);
		return NULL;
	}
	if ((st = store_open(c->data_dir, &cause)) == NULL) {
		cli_warnx("%s", cause);
		free(cause);
	} else
		st->scale_dirs = c->scale_dirs;
	return st;
}

struct store *
cli_review_store(const struct cli *c)
{
	struct store	*st;
	char		*cause = NULL;

	if ((st = cli_open_store(c)) == NULL)
		return NULL;
	/* A save a killed process left without its audit line is
	 * finished now; if it cannot be, say that its session is not in
	 * the audit log yet. */
	if (store_recover(st, &cause) == -1) {
		cli_warnx("warning: %s (a save or discard was interrupted and "
		    "is not in the audit log yet)", cause);
		free(cause);
	}
	return st;
}

/* Prints diagnostics to stderr, sorted; returns how many, less the
 * notes (forks). */
size_t
cli_print_diag(struct diag *d)
{
	struct buf	 b;

	if (d->n == 0)
		return 0;
	history_sort_diag(d);
	buf_init(&b);
	diag_format(d, &b);
	fputs(b.data, stderr);
	buf_free(&b);
	return d->n - d->nnotes;	/* a fork is shown, not a failure */
}

/*
 * A session given on the command line: an id (P017/20261126T101500-
 * phq9-1) or the path of a file in DATA/sessions, recognised as the
 * same file (device and inode) as the one its last two path components
 * name in the store.  Returns the id (caller frees), or NULL after
 * printing why.
 */
char *
cli_session_id(const struct store *st, const char *arg)
{
	struct stat	 a, b;
	const char	*base, *dir;
	char		*id = NULL, *path;
	size_t		 len = strlen(arg);

	if (store_session_id_is_valid(arg, NULL))
		return xstrdup(arg);
	if (len <= 4 || strcmp(arg + len - 4, ".ini") != 0) {
		cli_warnx("'%.80s' is not a session id (PATIENT/"
		    "YYYYMMDDTHHMMSS-SCALE-N) or a session file", arg);
		return NULL;
	}
	if (stat(arg, &a) == -1) {
		cli_warnx("%s: %s", arg, strerror(errno));
		return NULL;
	}
	base = strrchr(arg, '/');
	base = base != NULL ? base + 1 : arg;
	for (dir = base > arg ? base - 1 : arg; dir > arg && dir[-1] != '/';
	    dir--)
		;
	if (base > arg + 1 && dir < base - 1) {
		id = xasprintf("%.*s/%.*s", (int)(base - 1 - dir), dir,
		    (int)(strlen(base) - 4), base);
		path = store_session_path(st, id);
		if (!store_session_id_is_valid(id, NULL) ||
		    fsdir_stat(path, &b) == -1 || a.st_dev != b.st_dev ||
		    a.st_ino != b.st_ino) {
			free(id);
			id = NULL;
		}
		free(path);
	}
	if (id == NULL)
		cli_warnx("%s is not a session file of the data directory",
		    arg);
	return id;
}


/*
 * The patients a review command goes over: the one given, or every
 * patient of the store (free with history_patients_free).  Returns 0,
 * or -1 after saying why.
 */
int
cli_patient_ids(struct history *h, const char *patient, char ***ids,
    size_t *n, struct diag *d)
{
	char	*cause = NULL;

	if (patient != NULL) {
		*ids = xcalloc(1, sizeof(**ids));
		(*ids)[0] = xstrdup(patient);
		*n = 1;
		return 0;
	}
	if (history_patients(h, ids, n, d, &cause) == -1) {
		cli_warnx("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* The nine fields before the scores, each followed by a tab. */
static void
list_head(struct buf *b, const struct hist_session *hs)
{
	const struct session	*s = hs->s;

	buf_puts(b, s->id);
	buf_putc(b, '\t');
	buf_puts(b, s->patient);
	buf_putc(b, '\t');
	buf_puts(b, s->scale_id);
	buf_putc(b, '\t');
	history_escape(b, s->visit != NULL ? s->visit : "");
	buf_putc(b, '\t');
	buf_puts(b, s->assessed);
	buf_putc(b, '\t');
	buf_puts(b, s->started);
	buf_putc(b, '\t');
	history_escape(b, s->rater != NULL ? s->rater : "");
	buf_printf(b, "\t%d\t", s->revision);
	buf_puts(b, s->status != NULL ? s->status : "");
	buf_putc(b, '\t');
}

/* The score fields, tab-separated, without the newline. */
static void
list_scores(struct buf *b, const struct hist_session *hs)
{
	const struct scale	*sc = hs->sc;
	const struct score	*score;
	const char		*band;
	char			 v[64], basis[64];
	size_t			 i;

	if (sc == NULL) {
		buf_puts(b, "unscorable");
		return;
	}
	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		if (i > 0)
			buf_putc(b, '\t');
		buf_puts(b, score->id);
		buf_putc(b, '=');
		buf_puts(b, score_format(score, result_score(hs->r, i), v,
		    sizeof(v)));
		/* The primary band set only; show and export have all. */
		if (score->nbandsets > 0) {
			buf_putc(b, '\t');
			buf_puts(b, score->id);
			buf_puts(b, ".band=");
			band = result_band(sc, hs->r, i, 0);
			if (band != NULL)
				history_escape(b, band);
		}
		if (result_basis(hs->r, i, basis, sizeof(basis)) >
		    BASIS_COMPLETE) {
			buf_putc(b, '\t');
			buf_puts(b, score->id);
			buf_puts(b, ".basis=");
			buf_puts(b, basis);
		}
	}
}

/* 1 if the archived copy of a scale version is there (looked up once
 * per version). */
static int
is_archived(struct store *st, struct archived **v, size_t *n,
    const struct session *s)
{
	struct stat	 sb;
	char		*path;
	size_t		 i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].sha256, s->scale_sha256) == 0 &&
		    strcmp((*v)[i].scale_id, s->scale_id) == 0)
			return (*v)[i].present;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].scale_id = s->scale_id;
	(*v)[*n].sha256 = s->scale_sha256;
	(*v)[*n].present = 0;
	if (store_scale_id_is_valid(s->scale_id, NULL) &&
	    sha256_hex_is_valid(s->scale_sha256)) {
		path = store_scale_path(st, s->scale_id,
		    s->scale_sha256);
		(*v)[*n].present = fsdir_stat(path, &sb) == 0 &&
		    S_ISREG(sb.st_mode);
		free(path);
	}
	return (*v)[(*n)++].present;
}

/*
 * What a memo is valid for: this build of rater (its sources, compiler
 * and flags) parsing with this iniparser.
 */
static const char *
memo_build(void)
{
	static char	 id[64];
	const char	*parser;

	if (id[0] == '\0') {
		parser = scale_parser_id();
		snprintf(id, sizeof(id), "%s-%016" PRIx64, RATER_BUILD_ID,
		    hash64(parser, strlen(parser)));
	}
	return id;
}

/*
 * One patient's rows.  A session whose score fields are in the memo
 * (same file bytes, same build) is not scored again, so that listing a
 * patient does not load every scale version the history names; one
 * whose scale version is no longer archived is always scored, so that
 * the listing says so.  Returns 0, or -1 when the patient's sessions
 * cannot be listed (said on stderr).
 */
static int
list_patient(struct cli *c, struct store *st, struct history *h,
    const char *patient,
    const struct history_filter *f, struct diag *d, struct buf *out)
{
	struct hist_patient	*hp;
	struct hist_session	*hs;
	struct memo		*m;
	struct archived		*arch = NULL;
	struct buf		 fields;
	const char		*got;
	char			*cause = NULL;
	size_t			 j, nd, narch = 0;

	hp = history_patient(h, patient, f, HIST_NO_CHECK | HIST_NO_SCORE, d,
	    &cause);
	if (hp == NULL) {
		cli_warnx("%s", cause);
		free(cause);
		return -1;
	}
	m = memo_open(c->data_dir, patient, memo_build());
	if (memo_nbad(m) > 0)
		cli_warnx("%s: %zu line%s failed %s check and %s not used "
		    "(altered or damaged; rater verify checks the memos)",
		    memo_path(m), memo_nbad(m), memo_nbad(m) == 1 ? "" : "s",
		    memo_nbad(m) == 1 ? "its" : "their",
		    memo_nbad(m) == 1 ? "was" : "were");
	buf_init(&fields);
	for (j = 0; j < hp->nlatest; j++) {
		hs = hp->latest[j];
		list_head(out, hs);
		if ((got = memo_get(m, hs->s)) != NULL &&
		    is_archived(st, &arch, &narch, hs->s)) {
			buf_puts(out, got);
			buf_putc(out, '\n');
			continue;
		}
		nd = d->n;
		history_score(h, hs, HIST_NO_CHECK, d);
		buf_reset(&fields);
		list_scores(&fields, hs);
		buf_add(out, fields.data, fields.len);
		buf_putc(out, '\n');
		if (hs->sc != NULL && d->n == nd)
			memo_put(m, hs->s, fields.data != NULL ?
			    fields.data : "");
	}
	/* A failure to keep the memo changes nothing else; a symbolic
	 * link in its way is reported. */
	if (memo_save(m, f->scale == NULL && f->visit == NULL &&
	    f->since == NULL && f->until == NULL) == -1 && errno == ELOOP)
		diag_add(d, DIAG_WARNING, c->data_dir, 0, "cache/list: the "
		    "list memo was not kept: %s", fsdir_strerror(ELOOP));
	memo_close(m);
	buf_free(&fields);
	free(arch);
	history_patient_free(hp);
	return 0;
}

void
cli_memo_verify(const struct cli *c, const struct hist_patient *hp,
    struct diag *d)
{
	struct memo		*m;
	struct hist_session	*hs;
	struct buf		 fields;
	const char		*got;
	size_t			 j, nwrong = 0;

	if ((m = memo_open_existing(c->data_dir, hp->id, memo_build())) ==
	    NULL)
		return;
	buf_init(&fields);
	for (j = 0; j < hp->nlatest; j++) {
		hs = hp->latest[j];
		if (hs->sc == NULL || hs->r == NULL ||
		    (got = memo_get(m, hs->s)) == NULL)
			continue;
		buf_reset(&fields);
		list_scores(&fields, hs);
		if (strcmp(got, fields.data != NULL ? fields.data : "") != 0 &&
		    nwrong++ == 0)
			diag_add(d, DIAG_ERROR, memo_path(m), 0, "the memo "
			    "holds scores for %s that its file does not give",
			    hs->s->id);
	}
	if (nwrong > 1)
		diag_add(d, DIAG_ERROR, memo_path(m), 0, "%zu sessions in "
		    "all have scores in the memo that their files do not "
		    "give", nwrong);
	if (memo_nbad(m) > 0)
		diag_add(d, DIAG_ERROR, memo_path(m), 0, "%zu line%s failed "
		    "%s check (altered or damaged)", memo_nbad(m),
		    memo_nbad(m) == 1 ? "" : "s",
		    memo_nbad(m) == 1 ? "its" : "their");
	if (nwrong > 0 || memo_nbad(m) > 0) {
		if (memo_discard(m) == 0)
			diag_add(d, DIAG_ERROR, memo_path(m), 0, "memo "
			    "discarded (rater list makes it anew)");
		else
			diag_add(d, DIAG_ERROR, memo_path(m), 0, "cannot "
			    "discard the memo: %s", strerror(errno));
	}
	buf_free(&fields);
	memo_close(m);
}

int
cmd_list(struct cli *c, int argc, char **argv)
{
	struct history_filter	 f;
	struct history		*h = NULL;
	struct store		*st = NULL;
	struct diag		 d;
	struct buf		 out;
	const char		*patient = NULL;
	char			**ids = NULL;
	size_t			 nids = 0, i;
	int			 k, r, rc = 0;

	memset(&f, 0, sizeof(f));
	for (k = 1; k < argc; k++) {
		if ((r = cli_filter_arg("list", &k, argc, argv, &patient,
		    &f)) == 1)
			continue;
		if (r == 0)
			cli_warnx("list: unexpected argument '%.80s'",
			    argv[k]);
		return cli_usage(cli_find_cmd("list"));
	}
	if (cli_is_blind(c, "list"))
		return EXIT_DATA;
	if ((st = cli_review_store(c)) == NULL)
		return EXIT_DATA;
	h = history_open(st, c->scale_dirs);
	diag_init(&d);
	buf_init(&out);
	if (cli_patient_ids(h, patient, &ids, &nids, &d) == -1) {
		rc = EXIT_DATA;
		goto out;
	}
	buf_puts(&out, "id\tpatient\tscale\tvisit\tassessed\tstarted\trater\t"
	    "revision\tstatus\tscores\n");
	for (i = 0; i < nids; i++) {
		if (list_patient(c, st, h, ids[i], &f, &d, &out) == -1)
			rc = EXIT_DATA;
		if (cli_flush(&out, 0) == -1)
			break;
	}
	if (cli_flush(&out, 1) == -1 || fflush(stdout) == EOF) {
		cli_warnx("list: cannot write the output: %s",
		    strerror(errno));
		rc = EXIT_DATA;
	}
out:
	if (cli_print_diag(&d) > 0)
		rc = EXIT_DATA;
	diag_free(&d);
	buf_free(&out);
	history_patients_free(ids, nids);
	history_close(h);
	store_close(st);
	return rc;
}
