/*
 * ui_history.c: one patient's history: the sessions grouped by scale,
 * newest first, with date, visit and rater, each score with its band,
 * its change from baseline (absolute and percent) and a responder mark,
 * and the raised flags.  Enter opens a session, t the trend of the score
 * under the cursor, a amends the session, / filters.
 *
 * Also the review flow the review screens share (see ui_screen.h): the
 * patient's history is loaded once, when it is opened (and again after
 * an amendment), never per key; rows are built from it once per load or
 * filter, and drawing only formats the rows on screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "ui_screen.h"

/* Natural column widths (struct ui_review.hw). */
enum {
	COL_VISIT,
	COL_RATER,
	COL_LABEL,
	COL_VALUE,
	COL_BAND,
	COL_CHANGE,
	COL_REV,
	NCOLS
};

/* Where each column goes at the current width. */
struct layout {
	int	 x[NCOLS + 2], w[NCOLS];
	int	 xdate, xresp;
};

static void	 history_draw(const struct ui *);
static void	 history_key(struct ui *, int);
static void	 build_rows(struct ui *);
static int	 matches(const struct hist_session *, const char *);
static void	 layout(const struct ui_review *, struct layout *);
static void	 draw_row(const struct ui *, const struct ui_hrow *, int,
		    const struct layout *, int);
static void	 draw_footer(const struct ui *, int);
static const char *title_of(const struct hist_group *);
static const struct ui_hrow *current(const struct ui_review *);
static void	 move_to(struct ui *, long, int);
static void	 scroll_into_view(struct ui_review *, int);
static int	 list_rows(void);
static void	 value_text(const struct hist_session *, long, char *,
		    size_t);
static const char *band_text(const struct hist_session *, long);
static const char *score_label(const struct score *);
static int	 flag_mark(const struct hist_session *, enum ui_role *);
static struct hist_session *latest_of(const struct hist_patient *,
		    struct hist_session *);
static void	 reset_views(struct ui_review *);
static void	 act_up(struct ui *);
static void	 act_down(struct ui *);
static void	 act_pgup(struct ui *);
static void	 act_pgdn(struct ui *);
static void	 act_home(struct ui *);
static void	 act_end(struct ui *);
static void	 act_next_group(struct ui *);
static void	 act_prev_group(struct ui *);
static void	 act_open(struct ui *);
static void	 act_trend(struct ui *);
static void	 act_amend(struct ui *);
static void	 act_filter(struct ui *);
static void	 act_escape(struct ui *);
static void	 act_back(struct ui *);
static void	 filter_done(struct ui *, int, const char *);
static void	 reason_done(struct ui *, int, const char *);
static void	 ask_reason(struct ui *, int);

static const struct ui_binding bindings[] = {
	{ UI_FN(KEY_UP), act_up },
	{ 'k', act_up },
	{ UI_FN(KEY_DOWN), act_down },
	{ 'j', act_down },
	{ UI_FN(KEY_PPAGE), act_pgup },
	{ UI_FN(KEY_NPAGE), act_pgdn },
	{ UI_FN(KEY_HOME), act_home },
	{ 'g', act_home },
	{ UI_FN(KEY_END), act_end },
	{ 'G', act_end },
	{ '\t', act_next_group },
	{ UI_FN(KEY_BTAB), act_prev_group },
	{ '\n', act_open },
	{ UI_FN(KEY_ENTER), act_open },
	{ UI_FN(KEY_RIGHT), act_open },
	{ 'l', act_open },
	{ 't', act_trend },
	{ 'a', act_amend },
	{ '/', act_filter },
	{ UI_ESC, act_escape },
	{ 'q', act_back },
	{ 'h', act_back },
	{ UI_FN(KEY_LEFT), act_back },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "Up Down k j", "move over the scores of the sessions (one row per "
	    "score)" },
	{ "PgUp PgDn g G", "a page up or down, the first or last row" },
	{ "Tab Shift-Tab", "the next or previous scale" },
	{ "Enter Right l", "open the session under the cursor: every item, "
	    "note, score and flag; c compares, v shows its revisions" },
	{ "t", "the trend of the score under the cursor over the visits" },
	{ "a", "amend the session: asks for the reason (required), then "
	    "the summary of the rating screens; s saves a new revision, the "
	    "old file stays" },
	{ "/", "filter the sessions (scale, date, visit, rater); an empty "
	    "filter shows all" },
	{ "Escape", "clear the filter; without one, back" },
	{ "q h Left", "back to the patients (rater review --patient: "
	    "quit)" },
	{ "? F1", "this help" },
	{ "", "Columns: !! a critical flag (! warning, i info), ? a problem "
	    "with the file; r2 the second revision (amended), r2F one of "
	    "two amendments of the same revision (a fork not yet resolved: "
	    "rater amend --resolves); the change is "
	    "from the baseline (the visit called baseline, else the "
	    "earliest); R a responder by the scale's rule" },
	{ NULL, NULL }
};

const struct screen ui_history_screen = {
	"history", history_draw, history_key, NULL, help
};

/* Text helpers shared by the review screens. */

char *
ui_review_signed(char *buf, size_t len, double v, int decimals)
{
	char	 t[64];

	fmt_fixed(t, sizeof(t), v, decimals);
	if (v > 0 && strspn(t, "0.") != strlen(t))
		snprintf(buf, len, "+%s", t);
	else
		snprintf(buf, len, "%s", t);
	return buf;
}

static struct hist_session *
latest_of(const struct hist_patient *hp, struct hist_session *hs)
{
	size_t	 i, k;
	int	 moved = 1;

	for (k = 0; moved && !hs->latest && k < hp->nall; k++) {
		moved = 0;
		for (i = 0; i < hp->nall; i++)
			if (hp->all[i]->prev == hs) {
				hs = hp->all[i];
				moved = 1;
				break;
			}
	}
	return hs;
}

void
ui_review_change(const struct hist_patient *hp, const struct hist_session *hs,
    size_t i, char *buf, size_t len, struct hist_change *ch)
{
	const struct hist_group *g;
	const struct hist_session *base;
	char	 a[64], p[64];

	memset(ch, 0, sizeof(*ch));
	ch->responder = HIST_RESP_NONE;
	buf[0] = '\0';
	if (hs->sc == NULL || i >= hs->sc->nscores ||
	    !score_is_measure(&hs->sc->scores[i]))
		return;
	g = history_group(hp, hs->s->scale_id);
	base = g != NULL ? g->baseline : NULL;
	if (base == NULL)
		return;
	if (base == hs || base == latest_of(hp, (struct hist_session *)hs)) {
		snprintf(buf, len, "baseline");
		return;
	}
	if (hs->t < base->t || (hs->t == base->t &&
	    strcmp(hs->s->id, base->s->id) < 0))
		return;		/* before the baseline */
	history_change(hs, base, i, ch);
	if (!ch->base_has_score)
		return;
	if (!ch->has_change) {
		snprintf(buf, len, "NA");
		return;
	}
	ui_review_signed(a, sizeof(a), ch->change,
	    hs->sc->scores[i].decimals);
	if (ch->has_pct) {
		fmt_trim(p, sizeof(p), ch->pct, 1);
		snprintf(buf, len, "%s (%s%s%%)", a, ch->pct > 0 &&
		    strcmp(p, "0") != 0 ? "+" : "", p);
	} else
		snprintf(buf, len, "%s", a);
}

/* Flow. */

static void
reset_views(struct ui_review *r)
{
	free(r->pts);
	free(r->tscore);
	r->pts = NULL;
	r->tscore = NULL;
	r->npts = 0;
	r->tg = NULL;
	r->dhs = r->dlatest = NULL;
	r->amend_of = NULL;
}

void
ui_review_free(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	size_t		 i;

	reset_views(r);
	free(r->rows);
	history_patient_free(r->hp);
	for (i = 0; i < r->npatients; i++) {
		free(r->patients[i].id);
		free(r->patients[i].last_visit);
		free(r->patients[i].scales);
	}
	free(r->patients);
	ui_list_free(&r->plist);
	free(r->amend_id);
	history_close(r->hist);
	memset(r, 0, sizeof(*r));
}

void
ui_review_start(struct ui *ui)
{
	if (ui->cli->blind) {
		ui_error(ui, "Blind mode: earlier sessions are not shown.");
		return;
	}
	ui->review.root_patient = 0;
	ui->review.patients_loaded = 0;
	ui_go(ui, UI_SCREEN_PATIENTS);
}

int
ui_review_open(struct ui *ui, const char *patient, int root)
{
	struct ui_review *r = &ui->review;
	struct hist_patient *hp;
	struct diag	 d;
	const char	*file;
	char		*cause = NULL;

	if (ui->cli->blind) {
		ui_error(ui, "Blind mode: earlier sessions are not shown.");
		return -1;
	}
	if (r->hist == NULL)
		r->hist = history_open(ui->store, ui->cli->scale_dirs);
	diag_init(&d);
	if ((hp = history_patient(r->hist, patient, NULL, HIST_ALL_REVISIONS,
	    &d, &cause)) == NULL) {
		diag_free(&d);
		ui_error_cause(ui, cause);
		return -1;
	}
	reset_views(r);
	history_patient_free(r->hp);
	r->hp = hp;
	r->root_patient = root;
	r->hfilter[0] = '\0';
	build_rows(ui);
	r->hcur = r->htop = 0;
	move_to(ui, 0, 1);
	ui_go(ui, UI_SCREEN_HISTORY);
	if (d.n > 0) {
		history_sort_diag(&d);
		file = strrchr(d.v[0].file, '/');
		ui_error(ui, "%zu problem%s in the files of %s (rater verify "
		    "lists them): %s: %s", d.n, d.n == 1 ? "" : "s", patient,
		    file != NULL ? file + 1 : d.v[0].file, d.v[0].msg);
	}
	diag_free(&d);
	return 0;
}

void
ui_review_detail(struct ui *ui, struct hist_session *hs)
{
	struct ui_review *r = &ui->review;

	r->dhs = hs;
	r->dlatest = latest_of(r->hp, hs);
	r->dcmp = 0;
	r->drevs = 0;
	r->dtop = 0;
	r->drcur = 0;
	/* Back returns to the trend it came from, unless that trend was
	 * itself opened from a session (no going round in circles). */
	r->dback = ui->screen == UI_SCREEN_TREND && r->tback !=
	    UI_SCREEN_DETAIL ? UI_SCREEN_TREND : UI_SCREEN_HISTORY;
	ui_go(ui, UI_SCREEN_DETAIL);
}

void
ui_review_trend(struct ui *ui, const struct hist_group *g,
    const struct hist_session *hs, const char *score_id)
{
	struct ui_review *r = &ui->review;
	size_t		 i;

	free(r->pts);
	free(r->tscore);
	r->tg = g;
	r->tscore = xstrdup(score_id);
	r->npts = history_trend(g, score_id, &r->pts);
	r->tcur = r->npts > 0 ? r->npts - 1 : 0;
	for (i = 0; i < r->npts; i++)
		if (r->pts[i].hs == hs)
			r->tcur = i;
	r->tstart = 0;
	r->tback = ui->screen == UI_SCREEN_DETAIL && r->dback !=
	    UI_SCREEN_TREND ? UI_SCREEN_DETAIL : UI_SCREEN_HISTORY;
	ui_go(ui, UI_SCREEN_TREND);
}

/* Amending. */

void
ui_review_amend(struct ui *ui, struct hist_session *hs)
{
	struct ui_review *r = &ui->review;
	struct hist_session *last;

	if (hs == NULL)
		return;
	if (!hs->latest) {
		last = latest_of(r->hp, hs);
		ui_error(ui, "This is an earlier revision: amend the latest "
		    "(%s).", last->s->id);
		return;
	}
	if (hs->sc == NULL) {
		ui_error(ui, "%s cannot be scored (%s): it is not amended.",
		    hs->s->id, hs->why != NULL ? hs->why : "no scale");
		return;
	}
	if (hs->nmismatch > 0) {
		ui_error(ui, "%s has stored scores that disagree with its "
		    "answers: it is not amended (run rater verify).",
		    hs->s->id);
		return;
	}
	r->amend_of = hs;
	ask_reason(ui, 0);
}

static void
ask_reason(struct ui *ui, int again)
{
	char	*q;

	q = xasprintf("%sReason for amending %s (required; Escape cancels):",
	    again ? "A reason is required. " : "",
	    ui->review.amend_of->s->id);
	ui_ask_line(ui, q, NULL, reason_done);
	free(q);
}

static void
reason_done(struct ui *ui, int ok, const char *text)
{
	struct ui_review *r = &ui->review;
	struct hist_session *hs = r->amend_of;
	struct rating	*rt;
	const char	*p;
	char		*cause = NULL;

	if (!ok || hs == NULL) {
		r->amend_of = NULL;
		ui_status(ui, "Nothing amended.");
		return;
	}
	for (p = text; p != NULL && (*p == ' ' || *p == '\t'); p++)
		;
	if (p == NULL || *p == '\0') {
		ask_reason(ui, 1);
		return;
	}
	if ((rt = rating_amend(ui->store, hs->sc, hs->s, text, &cause)) ==
	    NULL) {
		r->amend_of = NULL;
		ui_error_cause(ui, cause);
		return;
	}
	/* Who amends: the rater this run was started for, else the
	 * configured rater, else the login name (as rater amend). */
	session_set(&rt->session->amended_by, ui->start->rater != NULL &&
	    *ui->start->rater != '\0' ? ui->start->rater :
	    cli_default_rater(ui->cli));
	rating_free(ui->rating);
	ui->rating = rt;
	ui->rating_is_target = 0;
	ui->from_summary = 0;
	free(r->amend_id);
	r->amend_id = xstrdup(hs->s->id);
	r->amending = 1;
	ui_go(ui, UI_SCREEN_SUMMARY);
	ui_status(ui, "Amending %s: reopen an item (Enter, or its number) "
	    "and change it; s saves revision %d, the old file stays.",
	    hs->s->id, rt->session->revision);
}

void
ui_review_amend_over(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	struct hist_session *old, *last;
	char		*patient, *id;
	size_t		 i;

	r->amending = 0;
	id = r->amend_id;
	r->amend_id = NULL;
	patient = xstrdup(r->hp->id);
	if (ui_review_open(ui, patient, r->root_patient) == -1) {
		ui_go(ui, r->root_patient ? UI_SCREEN_HISTORY :
		    UI_SCREEN_PATIENTS);
		free(patient);
		free(id);
		return;
	}
	if (id != NULL && (old = history_find(r->hp, id)) != NULL) {
		last = latest_of(r->hp, old);
		for (i = 0; i < r->nrows; i++)
			if (r->rows[i].hs == last) {
				move_to(ui, (long)i, 1);
				break;
			}
		if (ui->status == NULL || !ui->status_err) {
			if (last != old)
				ui_status(ui, "Saved %s, revision %d; it "
				    "replaces %s (v in the session shows "
				    "every revision).", last->s->id,
				    last->s->revision, id);
			else
				ui_status(ui, "Not amended: %s is as it was.",
				    id);
		}
	}
	free(patient);
	free(id);
}

/* Rows. */

static int
matches(const struct hist_session *hs, const char *f)
{
	const struct session *s = hs->s;

	if (*f == '\0')
		return 1;
	return ui_contains(s->scale_id, f) ||
	    ui_contains(s->scale_title, f) ||
	    (hs->sc != NULL && ui_contains(hs->sc->title, f)) ||
	    ui_contains(s->visit, f) || ui_contains(s->rater, f) ||
	    ui_contains(s->assessed, f) || ui_contains(s->started, f) ||
	    ui_contains(s->id, f);
}

static const char *
score_label(const struct score *sc)
{
	return sc->label != NULL && *sc->label != '\0' ? sc->label : sc->id;
}

/* The value, marked when prorated or partial: "10 (prorated 8/9)". */
static void
value_text(const struct hist_session *hs, long i, char *buf, size_t len)
{
	char	 v[64], basis[64];

	if (hs->sc == NULL)
		snprintf(buf, len, "?");
	else if (i < 0)
		snprintf(buf, len, "-");
	else {
		score_format(&hs->sc->scores[i], result_score(hs->r,
		    (size_t)i), v, sizeof(v));
		if (result_basis(hs->r, (size_t)i, basis, sizeof(basis)) >
		    BASIS_COMPLETE)
			snprintf(buf, len, "%s (%s)", v, basis);
		else
			snprintf(buf, len, "%s", v);
	}
}

static const char *
band_text(const struct hist_session *hs, long i)
{
	const char	*b;

	if (hs->sc == NULL)
		return "cannot be scored";
	if (i < 0)
		return "no score";
	if (hs->sc->scores[i].nbandsets == 0)
		return "";
	b = history_band(hs, (size_t)i, 0);
	return b != NULL ? b : "NA";
}

static void
build_rows(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	const struct hist_patient *hp = r->hp;
	const struct hist_group *g;
	struct hist_session *hs;
	struct hist_change ch;
	struct ui_hrow	*v;
	char		 buf[128];
	size_t		 gi, k, n = 0, cap, ns, j;
	int		 w, *hw = r->hw, heading;

	free(r->rows);
	cap = 16;
	v = xcalloc(cap, sizeof(*v));
	memset(r->hw, 0, sizeof(r->hw));
	hw[COL_VISIT] = 5;
	hw[COL_RATER] = 5;
	hw[COL_LABEL] = 5;
	hw[COL_VALUE] = 5;
	hw[COL_BAND] = 4;
	hw[COL_CHANGE] = 6;
	for (gi = 0; gi < hp->ngroups; gi++) {
		g = &hp->groups[gi];
		heading = 0;
		for (k = 0; k < g->n; k++) {
			hs = g->v[k];
			if (!matches(hs, r->hfilter))
				continue;
			ns = hs->sc != NULL ? hs->sc->nscores : 0;
			if (n + ns + 2 >= cap) {
				cap = (n + ns + 2) * 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			if (!heading) {
				memset(&v[n], 0, sizeof(v[n]));
				v[n].group = gi;
				v[n++].score = -1;
				heading = 1;
			}
			if (hs->s->revision > 1)
				hw[COL_REV] = 3;
			if ((w = ui_text_width(hs->s->visit != NULL ?
			    hs->s->visit : "")) > hw[COL_VISIT])
				hw[COL_VISIT] = w;
			if ((w = ui_text_width(hs->s->rater != NULL ?
			    hs->s->rater : "")) > hw[COL_RATER])
				hw[COL_RATER] = w;
			for (j = 0; j < (ns > 0 ? ns : 1); j++) {
				v[n].group = gi;
				v[n].hs = hs;
				v[n].score = ns > 0 ? (long)j : -1;
				v[n].first = j == 0;
				value_text(hs, v[n].score, buf, sizeof(buf));
				if ((w = ui_text_width(buf)) > hw[COL_VALUE])
					hw[COL_VALUE] = w;
				if ((w = ui_text_width(band_text(hs,
				    v[n].score))) > hw[COL_BAND])
					hw[COL_BAND] = w;
				if (ns > 0) {
					if ((w = ui_text_width(score_label(
					    &hs->sc->scores[j]))) >
					    hw[COL_LABEL])
						hw[COL_LABEL] = w;
					ui_review_change(hp, hs, j, buf,
					    sizeof(buf), &ch);
					if ((w = ui_text_width(buf)) >
					    hw[COL_CHANGE])
						hw[COL_CHANGE] = w;
				}
				n++;
			}
		}
	}
	r->rows = v;
	r->nrows = n;
}

/* The columns at this width: the flexible ones (visit, rater, label,
 * band) give way, the widest first, down to a minimum. */
static void
layout(const struct ui_review *r, struct layout *l)
{
	/* A value may carry its basis, "10 (prorated 8/9)": wide enough
	 * for it, and narrowed (down to 8) only when the other columns
	 * are at their least. */
	static const int caps[NCOLS] = { 16, 14, 16, 22, 24, 18, 3 };
	static const int mins[NCOLS] = { 6, 4, 5, 8, 4, 6, 0 };
	static const int flex[] = { COL_VISIT, COL_RATER, COL_LABEL,
	    COL_BAND };
	int	 i, total, best, x, gap = 2;
	size_t	 k;

	for (i = 0; i < NCOLS; i++)
		l->w[i] = r->hw[i] < caps[i] ? r->hw[i] : caps[i];
	for (;;) {
		/* After the columns: the responder mark, a blank, and the
		 * last column for the scroll marks. */
		total = 4 + 10 + gap + 3;
		for (i = 0; i < NCOLS; i++)
			total += l->w[i] + (l->w[i] > 0 ? gap : 0);
		if (total <= COLS)
			break;
		/* Narrow: one blank between columns first. */
		if (gap == 2) {
			gap = 1;
			continue;
		}
		best = -1;
		for (k = 0; k < nitems(flex); k++)
			if (l->w[flex[k]] > mins[flex[k]] && (best == -1 ||
			    l->w[flex[k]] > l->w[best]))
				best = flex[k];
		if (best == -1 && l->w[COL_VALUE] > mins[COL_VALUE])
			best = COL_VALUE;
		if (best == -1)
			break;
		l->w[best]--;
	}
	l->xdate = 4;
	x = 4 + 10 + gap;
	l->x[COL_REV] = x;
	x += l->w[COL_REV] > 0 ? l->w[COL_REV] + gap : 0;
	l->x[COL_VISIT] = x;
	x += l->w[COL_VISIT] + gap;
	l->x[COL_RATER] = x;
	x += l->w[COL_RATER] + gap;
	l->x[COL_LABEL] = x;
	x += l->w[COL_LABEL] + gap;
	l->x[COL_VALUE] = x;
	x += l->w[COL_VALUE] + gap;
	l->x[COL_BAND] = x;
	x += l->w[COL_BAND] + gap;
	l->x[COL_CHANGE] = x;
	x += l->w[COL_CHANGE] + gap;
	l->xresp = x;
}

static const char *
title_of(const struct hist_group *g)
{
	size_t	 i;

	for (i = 0; i < g->n; i++)
		if (g->v[i]->sc != NULL)
			return g->v[i]->sc->title;
	for (i = 0; i < g->n; i++)
		if (g->v[i]->s->scale_title != NULL)
			return g->v[i]->s->scale_title;
	return g->scale_id;
}

/* The most serious raised flag: "!!", "! " or "i ", or "? " for a file
 * with a problem; NULL when there is nothing to mark. */
static int
flag_mark(const struct hist_session *hs, enum ui_role *role)
{
	size_t	 i;
	int	 lvl = -1;

	if (hs->sc == NULL || hs->nmismatch > 0) {
		*role = UI_ERROR;
		return 3;
	}
	for (i = 0; i < hs->sc->nflags; i++)
		if (hs->r->raised[i] && (int)hs->sc->flags[i].level > lvl)
			lvl = (int)hs->sc->flags[i].level;
	if (lvl == FLAG_CRITICAL)
		*role = UI_CRITICAL;
	else if (lvl == FLAG_WARNING)
		*role = UI_WARNING;
	else
		*role = UI_INFO;
	return lvl;
}

static void
draw_row(const struct ui *ui, const struct ui_hrow *row, int y,
    const struct layout *l, int cursor)
{
	const struct ui_review *r = &ui->review;
	const struct hist_group *g = &r->hp->groups[row->group];
	const struct hist_session *hs = row->hs;
	struct hist_change ch;
	enum ui_role	 role;
	char		 buf[256], *short_title;
	const char	*band;
	attr_t		 cur = cursor ? A_REVERSE : 0;
	int		 w, mark;

	if (hs == NULL) {
		short_title = rating_short_title(title_of(g));
		snprintf(buf, sizeof(buf), "%s: %zu session%s, baseline "
		    "%.10s%s%s%s", short_title, g->n, g->n == 1 ? "" : "s",
		    g->baseline->s->assessed, g->baseline->s->visit != NULL &&
		    *g->baseline->s->visit != '\0' ? " (" : "",
		    g->baseline->s->visit != NULL ? g->baseline->s->visit :
		    "", g->baseline->s->visit != NULL &&
		    *g->baseline->s->visit != '\0' ? ")" : "");
		w = ui_text(y, 0, COLS, buf, ui_attr(ui, UI_HEADING));
		/* The rest of the title ("PHQ-9: Patient Health ..."). */
		band = title_of(g);
		if (strncmp(band, short_title, strlen(short_title)) == 0 &&
		    band[strlen(short_title)] == ':')
			band += strlen(short_title) + 1;
		band += strspn(band, " ");
		if (*band != '\0') {
			snprintf(buf, sizeof(buf), "  %s", band);
			ui_text(y, w, COLS - w, buf, ui_attr(ui, UI_DIM));
		}
		free(short_title);
		return;
	}
	if (cursor) {
		ui_fill(y, 0, COLS, A_REVERSE);
		ui_text(y, 0, 1, ">", A_REVERSE | A_BOLD);
	}
	if (row->first) {
		mark = flag_mark(hs, &role);
		if (mark >= 0)
			ui_text(y, 1, 2, mark == 3 ? "?" : mark ==
			    FLAG_CRITICAL ? "!!" : mark == FLAG_WARNING ?
			    "!" : "i", ui_attr(ui, role));
		ui_text(y, l->xdate, 10, hs->s->assessed, cur);
		if (l->w[COL_REV] > 0 && hs->s->revision > 1) {
			/* F: a fork, another amendment of the same
			 * revision (rater-session(5)). */
			snprintf(buf, sizeof(buf), "r%d%s", hs->s->revision,
			    history_open_fork(hs) != NULL ? "F" : "");
			ui_text(y, l->x[COL_REV], l->w[COL_REV], buf,
			    cur | ui_attr(ui, UI_WARNING));
		}
		ui_text(y, l->x[COL_VISIT], l->w[COL_VISIT], hs->s->visit,
		    cur);
		ui_text(y, l->x[COL_RATER], l->w[COL_RATER], hs->s->rater,
		    cur | ui_attr(ui, UI_DIM));
	}
	if (row->score >= 0)
		ui_text(y, l->x[COL_LABEL], l->w[COL_LABEL],
		    score_label(&hs->sc->scores[row->score]), cur);
	value_text(hs, row->score, buf, sizeof(buf));
	w = ui_text_width(buf);
	if (w > l->w[COL_VALUE])
		w = l->w[COL_VALUE];
	ui_text(y, l->x[COL_VALUE] + l->w[COL_VALUE] - w, w, buf,
	    cur | A_BOLD);
	band = band_text(hs, row->score);
	ui_text(y, l->x[COL_BAND], hs->sc == NULL ? COLS - l->x[COL_BAND] :
	    l->w[COL_BAND], band, cur | (hs->sc == NULL ? ui_attr(ui,
	    UI_ERROR) : 0));
	if (row->score < 0)
		return;
	ui_review_change(r->hp, hs, (size_t)row->score, buf, sizeof(buf),
	    &ch);
	ui_text(y, l->x[COL_CHANGE], l->w[COL_CHANGE], buf, cur |
	    (strcmp(buf, "baseline") == 0 ? ui_attr(ui, UI_DIM) : 0));
	if (ch.responder == HIST_RESP_YES)
		ui_text(y, l->xresp, COLS - l->xresp, "R", cur |
		    ui_attr(ui, UI_ANSWER));
}

/* Rows the list has at this size. */
static int
list_rows(void)
{
	int	 h = LINES - 7;

	return h > 1 ? h : 1;
}

/* Two lines about the session under the cursor. */
static void
draw_footer(const struct ui *ui, int y)
{
	const struct ui_review *r = &ui->review;
	const struct ui_hrow *row = current(r);
	const struct hist_session *hs;
	const struct score *sc;
	const struct flag *f;
	struct buf	 b;
	char		 v[64];
	size_t		 i;
	enum ui_role	 role = UI_DIM;

	if (row == NULL || (hs = row->hs) == NULL)
		return;
	buf_init(&b);
	buf_printf(&b, "%s  %s", hs->s->id, hs->s->status != NULL ?
	    hs->s->status : "");
	if (hs->s->revision > 1)
		buf_printf(&b, "  revision %d, amends %s: %s",
		    hs->s->revision, hs->s->replaces, hs->s->reason);
	ui_text(y, 0, COLS, b.data, ui_attr(ui, UI_DIM));
	buf_reset(&b);
	if (hs->sc == NULL) {
		buf_printf(&b, "Cannot be scored: %s", hs->why);
		role = UI_ERROR;
	} else if (hs->nmismatch > 0) {
		buf_puts(&b, "The scores stored in the file disagree with "
		    "its answers: run rater verify.");
		role = UI_ERROR;
	} else {
		for (i = 0; i < hs->sc->nflags; i++) {
			if (!hs->r->raised[i])
				continue;
			f = &hs->sc->flags[i];
			buf_printf(&b, "%s%s %s", b.len > 0 ? "  " : "",
			    f->level == FLAG_CRITICAL ? "!! CRITICAL:" :
			    f->level == FLAG_WARNING ? "! WARNING:" : "i",
			    f->text);
			if (f->level == FLAG_CRITICAL)
				role = UI_CRITICAL;
			else if (role != UI_CRITICAL)
				role = f->level == FLAG_WARNING ? UI_WARNING :
				    UI_INFO;
		}
		if (b.len == 0 && row->score >= 0) {
			sc = &hs->sc->scores[row->score];
			switch (sc->responder) {
			case RESP_PERCENT:
				buf_printf(&b, "R marks a responder: %s "
				    "improved by at least %s%% from baseline",
				    score_label(sc), fmt_num(v, sizeof(v),
				    sc->responder_value));
				break;
			case RESP_CHANGE:
				buf_printf(&b, "R marks a responder: %s "
				    "improved by at least %s from baseline",
				    score_label(sc), fmt_num(v, sizeof(v),
				    sc->responder_value));
				break;
			case RESP_THRESHOLD:
				buf_printf(&b, "R marks a responder: %s %s %s",
				    score_label(sc),
				    history_threshold_is_le(sc) ? "<=" : ">=",
				    fmt_num(v, sizeof(v),
				    sc->responder_value));
				break;
			default:
				buf_puts(&b, "No flag raised.");
				break;
			}
		}
	}
	if (role == UI_CRITICAL)
		ui_fill(y + 1, 0, COLS, ui_attr(ui, role));
	ui_text(y + 1, 0, COLS, b.data, ui_attr(ui, role));
	buf_free(&b);
}

static void
history_draw(const struct ui *ui)
{
	const struct ui_review *r = &ui->review;
	struct layout	 l;
	char		 buf[256];
	size_t		 top, i, nsess = 0, g;
	int		 h = list_rows(), row, y = 3;

	for (g = 0; g < r->hp->ngroups; g++)
		nsess += r->hp->groups[g].n;
	snprintf(buf, sizeof(buf), "History of %s", r->hp->id);
	ui_text(0, 0, COLS, buf, ui_attr(ui, UI_TITLE));
	snprintf(buf, sizeof(buf), "%zu session%s, %zu scale%s", nsess,
	    nsess == 1 ? "" : "s", r->hp->ngroups, r->hp->ngroups == 1 ?
	    "" : "s");
	ui_text_right(0, COLS / 2, buf, ui_attr(ui, UI_DIM));
	if (r->hfilter[0] != '\0') {
		snprintf(buf, sizeof(buf), "Filter: %s  (/ changes it, "
		    "Escape clears it)", r->hfilter);
		ui_text(1, 0, COLS, buf, A_BOLD);
	}
	layout(r, &l);
	ui_text(2, l.xdate, 10, "Date", ui_attr(ui, UI_HEADING));
	ui_text(2, l.x[COL_VISIT], l.w[COL_VISIT], "Visit",
	    ui_attr(ui, UI_HEADING));
	ui_text(2, l.x[COL_RATER], l.w[COL_RATER], "Rater",
	    ui_attr(ui, UI_HEADING));
	ui_text(2, l.x[COL_LABEL], l.w[COL_LABEL], "Score",
	    ui_attr(ui, UI_HEADING));
	ui_text(2, l.x[COL_VALUE] + l.w[COL_VALUE] - 5, 5, "Value",
	    ui_attr(ui, UI_HEADING));
	ui_text(2, l.x[COL_BAND], l.w[COL_BAND], "Band",
	    ui_attr(ui, UI_HEADING));
	ui_text(2, l.x[COL_CHANGE], COLS - l.x[COL_CHANGE], "Change",
	    ui_attr(ui, UI_HEADING));
	if (r->nrows == 0)
		ui_text(y, 2, COLS - 2, r->hfilter[0] != '\0' ? "No session "
		    "matches the filter." : "No sessions.", ui_attr(ui,
		    UI_DIM));
	/* The first row shown: the saved one, moved as little as needed
	 * to keep the cursor in sight at this height. */
	top = r->htop;
	if (r->hcur < top)
		top = r->hcur;
	if (r->hcur >= top + (size_t)h)
		top = r->hcur - (size_t)h + 1;
	for (row = 0, i = top; row < h && i < r->nrows; row++, i++)
		draw_row(ui, &r->rows[i], y + row, &l, i == r->hcur);
	if (top > 0)
		ui_text(y, COLS - 1, 1, "^", A_BOLD);
	if (top + (size_t)h < r->nrows)
		ui_text(y + h - 1, COLS - 1, 1, "v", A_BOLD);
	draw_footer(ui, LINES - 3);
	ui_text(LINES - 1, 0, COLS, "Enter session  t trend  a amend  "
	    "/ filter  Tab scale  q back  ? help", ui_attr(ui, UI_DIM));
}

/* Keys. */

static const struct ui_hrow *
current(const struct ui_review *r)
{
	if (r->hcur >= r->nrows)
		return NULL;
	return &r->rows[r->hcur];
}

static void
scroll_into_view(struct ui_review *r, int h)
{
	if (r->hcur < r->htop)
		r->htop = r->hcur;
	if (r->hcur >= r->htop + (size_t)h)
		r->htop = r->hcur - (size_t)h + 1;
	/* A scale's heading stays in sight above its first row. */
	if (r->hcur > 0 && r->htop == r->hcur && r->rows[r->hcur - 1].hs ==
	    NULL)
		r->htop--;
}

/* Puts the cursor on row i, or the nearest session row in direction
 * dir (1 down, -1 up). */
static void
move_to(struct ui *ui, long i, int dir)
{
	struct ui_review *r = &ui->review;
	long	 n = (long)r->nrows;

	if (n == 0) {
		r->hcur = r->htop = 0;
		return;
	}
	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	while (i >= 0 && i < n && r->rows[i].hs == NULL)
		i += dir;
	if (i < 0 || i >= n) {
		/* Nothing that way: the nearest the other way. */
		i = i < 0 ? 0 : n - 1;
		while (i >= 0 && i < n && r->rows[i].hs == NULL)
			i -= dir;
		if (i < 0 || i >= n)
			return;
	}
	r->hcur = (size_t)i;
	scroll_into_view(r, list_rows());
}

static void
act_up(struct ui *ui)
{
	move_to(ui, (long)ui->review.hcur - 1, -1);
}

static void
act_down(struct ui *ui)
{
	move_to(ui, (long)ui->review.hcur + 1, 1);
}

static void
act_pgup(struct ui *ui)
{
	move_to(ui, (long)ui->review.hcur - (list_rows() - 1), -1);
}

static void
act_pgdn(struct ui *ui)
{
	move_to(ui, (long)ui->review.hcur + (list_rows() - 1), 1);
}

static void
act_home(struct ui *ui)
{
	move_to(ui, 0, 1);
}

static void
act_end(struct ui *ui)
{
	move_to(ui, (long)ui->review.nrows - 1, -1);
}

static void
act_next_group(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	size_t	 i;

	for (i = r->hcur + 1; i < r->nrows; i++)
		if (r->rows[i].hs == NULL) {
			move_to(ui, (long)i + 1, 1);
			return;
		}
}

static void
act_prev_group(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	size_t	 i, head = 0;

	/* The heading of this group, then the one before it. */
	for (i = r->hcur; i > 0; i--)
		if (r->rows[i - 1].hs == NULL) {
			head = i - 1;
			break;
		}
	for (i = head; i > 0; i--)
		if (r->rows[i - 1].hs == NULL) {
			move_to(ui, (long)i, 1);
			return;
		}
	move_to(ui, 0, 1);
}

static void
act_open(struct ui *ui)
{
	const struct ui_hrow *row = current(&ui->review);

	if (row != NULL && row->hs != NULL)
		ui_review_detail(ui, row->hs);
}

static void
act_trend(struct ui *ui)
{
	const struct ui_review *r = &ui->review;
	const struct ui_hrow *row = current(r);

	if (row == NULL || row->hs == NULL)
		return;
	if (row->score < 0) {
		ui_error(ui, "This session has no score to chart.");
		return;
	}
	if (!score_is_measure(&row->hs->sc->scores[row->score])) {
		ui_error(ui, "%s is a category or a code: it has no trend.",
		    row->hs->sc->scores[row->score].id);
		return;
	}
	ui_review_trend(ui, &r->hp->groups[row->group], row->hs,
	    row->hs->sc->scores[row->score].id);
}

static void
act_amend(struct ui *ui)
{
	const struct ui_hrow *row = current(&ui->review);

	if (row != NULL && row->hs != NULL)
		ui_review_amend(ui, row->hs);
}

static void
filter_done(struct ui *ui, int ok, const char *text)
{
	struct ui_review *r = &ui->review;

	if (!ok)
		return;
	snprintf(r->hfilter, sizeof(r->hfilter), "%s", text != NULL ? text :
	    "");
	build_rows(ui);
	r->hcur = r->htop = 0;
	move_to(ui, 0, 1);
	if (r->nrows == 0)
		ui_error(ui, "No session matches '%s'.", r->hfilter);
}

static void
act_filter(struct ui *ui)
{
	ui_ask_line(ui, "Filter (scale, date, visit, rater; empty shows "
	    "all):", ui->review.hfilter, filter_done);
}

static void
act_escape(struct ui *ui)
{
	if (ui->review.hfilter[0] != '\0')
		filter_done(ui, 1, "");
	else
		act_back(ui);
}

static void
act_back(struct ui *ui)
{
	if (!ui->review.root_patient)
		ui_go(ui, UI_SCREEN_PATIENTS);
	else if (ui->start->mode == UI_MODE_REVIEW)
		ui->done = 1;
	else
		ui_go(ui, UI_SCREEN_MENU);
}

static void
history_key(struct ui *ui, int key)
{
	ui_bind(ui, bindings, key);
}
