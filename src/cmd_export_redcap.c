/*
 * cmd_export_redcap.c: rater export --format redcap: a REDCap data
 * import CSV (flat) for the forms `rater describe --format redcap`
 * writes (redcap.h).
 *
 *	RECORD_ID,redcap_event_name,FORM_session,FORM_date,FORM_rater,
 *	FORM_ITEM...,FORM_SCORE...,FORM_complete,...
 *
 * One row per patient and event (per patient in a project without
 * events), with the forms of the sessions exported in it: the latest
 * revision of each session, raw codes (the option's value as written in
 * the scale), text answers as they are, scores as rater computed them
 * (never a calc field), blank for an item hidden, unanswered or coded
 * na, unk or ref, or a score without a value.  FORM_date is the date
 * assessed (YYYY-MM-DD, as recorded); FORM_complete is 1 (Unverified)
 * for a complete session, 2 with --verified, 0 for an incomplete one.
 *
 * The events file (--events FILE, else DATA/redcap-events when it
 * exists) maps visit labels to REDCap unique event names, one
 * `visit = event_name` per line (# and ; start comments).  With an
 * events file every session's visit must be in it; without one the
 * project has no events and a patient can have one session per form.
 * Every problem is reported and nothing is written: a partial import
 * file would be worse than none.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "history.h"
#include "redcap.h"
#include "score.h"
#include "session.h"

struct ev {
	char	*visit;
	char	*event;
	int	 line;
};

/* A column: its form (in order of first use) and place in it. */
struct rccol {
	char	*name;
	size_t	 form, seq;
};

struct rccell {
	size_t	 col;
	char	*value;
};

/* A row: a patient at an event, and which session gave each form. */
struct rcrow {
	char		*record;
	const char	*event;		/* borrowed from the events */
	struct rccell	*cells;
	size_t		 ncells;
	char		**forms;	/* form names in this row */
	char		**sids;		/* the sessions that gave them */
	size_t		 nforms;
};

struct rcx {
	struct ev	*ev;
	size_t		 nev;
	char		**formv;	/* forms in order of first use */
	size_t		 nform;
	struct rccol	*cols;
	size_t		 ncol;
	struct strindex	 colidx;	/* name -> column */
	struct rcrow	*rows;
	size_t		 nrow;
	size_t		 nerr;
};

static int	 events_read(struct rcx *, const char *, int);
static size_t	 col_of(struct rcx *, const char *form, const char *name);
static void	 cell(struct rcx *, struct rcrow *, const char *,
		    const char *, const char *);
static void	 multi_cells(struct rcx *, struct rcrow *, const char *,
		    const struct scale *, const struct item *,
		    const struct answer *, int);
static void	 add_session(struct rcx *, const struct hist_session *,
		    const char *, int);
static int	 cmp_col(const void *, const void *);

/* Reads the events file; must = 0 when it may be absent. */
static int
events_read(struct rcx *x, const char *path, int must)
{
	char	*data, *line, *next, *eq, *v, *e, *p;
	size_t	 len, i;
	int	 n = 0;

	if ((data = read_file(path, &len)) == NULL) {
		if (!must && errno == ENOENT)
			return 0;
		cli_warnx("export: %s: %s", path, strerror(errno));
		return -1;
	}
	for (line = data; line != NULL && *line != '\0'; line = next) {
		n++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line = str_trim(line);
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if ((eq = strrchr(line, '=')) == NULL) {
			cli_warnx("export: %s:%d: not a 'visit = event_name' "
			    "line", path, n);
			x->nerr++;
			continue;
		}
		*eq = '\0';
		v = str_trim(line);
		e = str_trim(eq + 1);
		for (p = e; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' &&
			    *p <= '9') || *p == '_'))
				break;
		if (*v == '\0' || *e == '\0' || *p != '\0') {
			cli_warnx("export: %s:%d: '%s' is not a REDCap unique "
			    "event name (a-z, 0-9, _), or the visit is "
			    "empty", path, n, e);
			x->nerr++;
			continue;
		}
		for (i = 0; i < x->nev; i++)
			if (strcmp(x->ev[i].visit, v) == 0)
				break;
		if (i < x->nev) {
			cli_warnx("export: %s:%d: visit '%s' is mapped "
			    "already on line %d", path, n, v, x->ev[i].line);
			x->nerr++;
			continue;
		}
		x->ev = xreallocarray(x->ev, x->nev + 1, sizeof(*x->ev));
		x->ev[x->nev].visit = xstrdup(v);
		x->ev[x->nev].event = xstrdup(e);
		x->ev[x->nev++].line = n;
	}
	free(data);
	if (x->nev == 0 && x->nerr == 0) {
		cli_warnx("export: %s: no 'visit = event_name' line", path);
		x->nerr++;
	}
	return x->nerr > 0 ? -1 : 1;
}

/* The column of name in form, made when new; (size_t)-1 when another
 * form has it. */
static size_t
col_of(struct rcx *x, const char *form, const char *name)
{
	size_t	 i, k;

	for (k = 0; k < x->nform; k++)
		if (strcmp(x->formv[k], form) == 0)
			break;
	if ((i = strindex_find(&x->colidx, name, strlen(name))) !=
	    (size_t)-1)
		return x->cols[i].form == k ? i : (size_t)-1;
	if (k == x->nform) {
		x->formv = xreallocarray(x->formv, k + 1, sizeof(*x->formv));
		x->formv[x->nform++] = xstrdup(form);
	}
	x->cols = xreallocarray(x->cols, x->ncol + 1, sizeof(*x->cols));
	x->cols[x->ncol].name = xstrdup(name);
	x->cols[x->ncol].form = k;
	x->cols[x->ncol].seq = x->ncol;
	strindex_add(&x->colidx, x->cols[x->ncol].name, x->ncol);
	return x->ncol++;
}

/* Sets a cell of the row: column name of form. */
static void
cell(struct rcx *x, struct rcrow *r, const char *form, const char *name,
    const char *value)
{
	size_t	 c;

	if ((c = col_of(x, form, name)) == (size_t)-1) {
		cli_warnx("export: record %s: the REDCap field %s would be in "
		    "form %s and in another form", r->record, name, form);
		x->nerr++;
		return;
	}
	r->cells = xreallocarray(r->cells, r->ncells + 1, sizeof(*r->cells));
	r->cells[r->ncells].col = c;
	r->cells[r->ncells++].value = xstrdup(value != NULL ? value : "");
}

/*
 * A multi item is a REDCap checkbox field: a column VAR___CODE per
 * option, 1 when ticked and 0 when not; all blank when the item has no
 * value (unanswered, a missing code, or hidden), as REDCap cannot tell
 * "none ticked" from "not answered" otherwise.
 */
static void
multi_cells(struct rcx *x, struct rcrow *r, const char *form,
    const struct scale *sc, const struct item *it, const struct answer *a,
    int shown)
{
	char	*name, *col;
	size_t	 k;
	int	 has = shown && a->kind == ANS_VALUE && a->text != NULL;

	name = redcap_field(sc->id, it->id);
	for (k = 0; k < it->nopts; k++) {
		col = xasprintf("%s___%s", name, it->opts[k].key);
		cell(x, r, form, col, !has ? "" :
		    expr_set_has(a->text, it->opts[k].value) ? "1" : "0");
		free(col);
	}
	free(name);
}

static void
add_session(struct rcx *x, const struct hist_session *hs,
    const char *record_id, int verified)
{
	const struct session	*s = hs->s;
	const struct scale	*sc = hs->sc;
	const struct item	*it;
	const struct answer	*a;
	const struct val	*val;
	const char		*event = NULL, *v;
	struct rcrow		*r;
	char			*form, *name, *cause = NULL, buf[64], date[11];
	size_t			 i, j;

	if (redcap_scale_is_valid(sc, record_id, &cause) == -1) {
		cli_warnx("export: %s: %s", s->id, cause);
		free(cause);
		x->nerr++;
		return;
	}
	if (x->nev > 0) {
		for (i = 0; i < x->nev; i++)
			if (strcmp(x->ev[i].visit, s->visit != NULL ?
			    s->visit : "") == 0)
				break;
		if (i == x->nev) {
			if (s->visit == NULL || *s->visit == '\0')
				cli_warnx("export: %s: the session has no "
				    "visit, so no REDCap event", s->id);
			else
				cli_warnx("export: %s: visit '%s' is not in "
				    "the events file", s->id, s->visit);
			x->nerr++;
			return;
		}
		event = x->ev[i].event;
	}
	form = redcap_form(sc->id);
	/* A patient's rows are the last ones (patients come in turn). */
	for (i = x->nrow; i-- > 0;)
		if (strcmp(x->rows[i].record, s->patient) != 0 ||
		    event == NULL || strcmp(x->rows[i].event, event) == 0)
			break;
	if (i == (size_t)-1 || strcmp(x->rows[i].record, s->patient) != 0) {
		i = x->nrow;
		x->rows = xreallocarray(x->rows, x->nrow + 1,
		    sizeof(*x->rows));
		memset(&x->rows[x->nrow], 0, sizeof(*x->rows));
		x->rows[x->nrow].record = xstrdup(s->patient);
		x->rows[x->nrow++].event = event;
	}
	r = &x->rows[i];
	for (j = 0; j < r->nforms; j++)
		if (strcmp(r->forms[j], form) == 0) {
			cli_warnx("export: %s and %s: both are form %s of "
			    "record %s%s%s; REDCap keeps one (export them "
			    "apart with --since/--until, or map their visits "
			    "to different events)", r->sids[j], s->id, form,
			    s->patient, event != NULL ? " at event " : "",
			    event != NULL ? event : "");
			x->nerr++;
			free(form);
			return;
		}
	r->forms = xreallocarray(r->forms, r->nforms + 1, sizeof(*r->forms));
	r->sids = xreallocarray(r->sids, r->nforms + 1, sizeof(*r->sids));
	r->forms[r->nforms] = xstrdup(form);
	r->sids[r->nforms++] = xstrdup(s->id);

	name = xasprintf("%s_session", form);
	cell(x, r, form, name, s->id);
	free(name);
	snprintf(date, sizeof(date), "%.10s", s->assessed);
	name = xasprintf("%s_date", form);
	cell(x, r, form, name, date);
	free(name);
	name = xasprintf("%s_rater", form);
	cell(x, r, form, name, s->rater);
	free(name);
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		a = &s->answers[i];
		v = "";
		if (it->type == ITEM_MULTI) {
			multi_cells(x, r, form, sc, it, a,
			    result_item_shown(hs->r, i));
			continue;
		}
		if (result_item_shown(hs->r, i)) {
			switch (a->kind) {
			case ANS_VALUE:
				v = fmt_num(buf, sizeof(buf), a->value);
				for (j = 0; j < it->nopts; j++)
					if (num_eq(it->opts[j].value,
					    a->value) && it->opts[j].key !=
					    NULL)
						v = it->opts[j].key;
				break;
			case ANS_TEXT:
				v = a->text != NULL ? a->text : "";
				break;
			default:
				break;
			}
		}
		name = redcap_field(sc->id, it->id);
		cell(x, r, form, name, v);
		free(name);
	}
	for (i = 0; i < sc->nscores; i++) {
		val = result_score(hs->r, i);
		name = redcap_field(sc->id, sc->scores[i].id);
		cell(x, r, form, name, val->kind == VAL_NUM ? score_format(
		    &sc->scores[i], val, buf, sizeof(buf)) : "");
		free(name);
	}
	name = xasprintf("%s_complete", form);
	cell(x, r, form, name, s->status != NULL && strcmp(s->status,
	    "complete") == 0 ? (verified ? "2" : "1") : "0");
	free(name);
	free(form);
}

static int
cmp_col(const void *a, const void *b)
{
	const struct rccol *x = a, *y = b;

	if (x->form != y->form)
		return x->form < y->form ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
cli_export_redcap(const struct cli *c, struct history *h, char **ids,
    size_t nids, const struct history_filter *f, const char *events,
    const char *record_id, int verified, struct diag *d)
{
	struct rcx		 x;
	struct hist_patient	*hp;
	struct buf		 out;
	const char		**cells;
	char			*path, *cause = NULL;
	size_t			*place, i, j;
	int			 rc = 0;

	memset(&x, 0, sizeof(x));
	strindex_init(&x.colidx, 64);
	path = events != NULL ? xstrdup(events) :
	    xasprintf("%s/redcap-events", c->data_dir);
	if (events_read(&x, path, events != NULL) == -1) {
		free(path);
		rc = EXIT_DATA;
		goto out;
	}
	free(path);
	for (i = 0; i < nids; i++) {
		hp = history_patient(h, ids[i], f, HIST_NO_CHECK, d, &cause);
		if (hp == NULL) {
			cli_warnx("%s", cause);
			free(cause);
			cause = NULL;
			x.nerr++;
			continue;
		}
		for (j = 0; j < hp->nlatest; j++)
			if (hp->latest[j]->sc != NULL)	/* else in d */
				add_session(&x, hp->latest[j], record_id,
				    verified);
		history_patient_free(hp);
	}
	if (x.nerr > 0 || d->n > 0) {
		if (x.nerr > 0)
			cli_warnx("export: nothing written: %zu problem%s "
			    "above", x.nerr, x.nerr == 1 ? "" : "s");
		rc = EXIT_DATA;
		goto out;
	}
	/* Columns by form, then in the order first seen. */
	strindex_free(&x.colidx);
	strindex_init(&x.colidx, 1);
	qsort(x.cols, x.ncol, sizeof(*x.cols), cmp_col);
	place = xcalloc(x.ncol + 1, sizeof(*place));
	for (i = 0; i < x.ncol; i++)
		place[x.cols[i].seq] = i;
	buf_init(&out);
	buf_puts(&out, record_id);
	if (x.nev > 0)
		buf_puts(&out, ",redcap_event_name");
	for (i = 0; i < x.ncol; i++)
		buf_printf(&out, ",%s", x.cols[i].name);
	buf_putc(&out, '\n');
	cells = xcalloc(x.ncol + 1, sizeof(*cells));
	for (i = 0; i < x.nrow; i++) {
		memset(cells, 0, (x.ncol + 1) * sizeof(*cells));
		for (j = 0; j < x.rows[i].ncells; j++)
			cells[place[x.rows[i].cells[j].col]] =
			    x.rows[i].cells[j].value;
		cli_csv_field(&out, x.rows[i].record);
		if (x.nev > 0)
			buf_printf(&out, ",%s", x.rows[i].event);
		for (j = 0; j < x.ncol; j++) {
			buf_putc(&out, ',');
			cli_csv_field(&out, cells[j]);
		}
		buf_putc(&out, '\n');
		if (cli_flush(&out, 0) == -1)
			break;
	}
	if (cli_flush(&out, 1) == -1 || fflush(stdout) == EOF) {
		cli_warnx("export: cannot write the output: %s",
		    strerror(errno));
		rc = EXIT_DATA;
	}
	buf_free(&out);
	free(cells);
	free(place);
out:
	for (i = 0; i < x.nev; i++) {
		free(x.ev[i].visit);
		free(x.ev[i].event);
	}
	free(x.ev);
	strindex_free(&x.colidx);
	strv_free(x.formv, x.nform);
	for (i = 0; i < x.ncol; i++)
		free(x.cols[i].name);
	free(x.cols);
	for (i = 0; i < x.nrow; i++) {
		free(x.rows[i].record);
		for (j = 0; j < x.rows[i].ncells; j++)
			free(x.rows[i].cells[j].value);
		free(x.rows[i].cells);
		strv_free(x.rows[i].forms, x.rows[i].nforms);
		strv_free(x.rows[i].sids, x.rows[i].nforms);
	}
	free(x.rows);
	return rc;
}
