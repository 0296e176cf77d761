/*
 * ui_trend.c: one score of a scale over a patient's sessions, as a bar
 * chart: a column per session (oldest left) with its visit label and
 * date under it and its value above the bar; the y axis is the score's
 * declared range (min at the axis, max at the top) with the band
 * boundaries marked by dotted lines, their values on the axis and the
 * band labels on a ruler at the right.  A session without a value is a
 * gap marked NA.  The cursor picks a session (details on the last line
 * but one); Enter opens it.  With more sessions than fit, the columns
 * follow the cursor.
 *
 * Everything is computed from the points (loaded once, when the trend
 * is opened) and LINES and COLS at each draw, so a resize just redraws.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "ui_screen.h"

#define HEAD	3	/* rows above the plot (the last: labels) */
#define FOOT	5	/* axis, visits, dates, details, hint */
#define MAX_CW	16
#define MIN_CW	6

struct tlayout {
	const struct score *def;	/* the score, as the newest version
					   declares it */
	const struct bandset *bs;	/* its first band set, or NULL */
	double		 min, max;
	int		 top, ph, ay;	/* plot rows, axis row */
	int		 yw;		/* axis column */
	int		 px, pw;	/* plot columns */
	int		 rx, rw;	/* ruler */
	int		 cw, nv;	/* column width, columns shown */
	int		 full_date;
	size_t		 start;		/* first point shown */
};

static void	 trend_draw(const struct ui *);
static void	 trend_key(struct ui *, int);
static const struct score *definition(const struct ui_review *,
		    const struct bandset **);
static void	 layout(const struct ui_review *, struct tlayout *);
static int	 row_of(const struct tlayout *, double);
static void	 centre(int, int, int, const char *, attr_t);
static void	 draw_axes(const struct ui *, const struct tlayout *);
static void	 draw_bands(const struct ui *, const struct tlayout *);
static double	 height_of(const struct tlayout *, double);
static int	 draw_bar(const struct tlayout *, int, int, double, attr_t);
static void	 draw_columns(const struct ui *, const struct tlayout *);
static void	 draw_details(const struct ui *, int);
static void	 follow(struct ui *);
static void	 act_next(struct ui *);
static void	 act_prev(struct ui *);
static void	 act_first(struct ui *);
static void	 act_last(struct ui *);
static void	 act_pgdn(struct ui *);
static void	 act_pgup(struct ui *);
static void	 act_score(struct ui *, int);
static void	 act_next_score(struct ui *);
static void	 act_prev_score(struct ui *);
static void	 act_open(struct ui *);
static void	 act_back(struct ui *);

static const struct ui_binding bindings[] = {
	{ 'j', act_next },
	{ UI_FN(KEY_DOWN), act_next },
	{ 'k', act_prev },
	{ UI_FN(KEY_UP), act_prev },
	{ UI_FN(KEY_HOME), act_first },
	{ 'g', act_first },
	{ UI_FN(KEY_END), act_last },
	{ 'G', act_last },
	{ UI_FN(KEY_NPAGE), act_pgdn },
	{ UI_FN(KEY_PPAGE), act_pgup },
	{ '\t', act_next_score },
	{ UI_FN(KEY_BTAB), act_prev_score },
	{ '\n', act_open },
	{ UI_FN(KEY_ENTER), act_open },
	{ UI_ESC, act_back },
	{ 'q', act_back },
	{ 'h', act_back },
	{ UI_FN(KEY_LEFT), act_back },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "Down j Up k", "the next (newer) or previous (older) session; "
	    "its details are on the last line but one" },
	{ "Home End g G", "the first or the last session" },
	{ "PgUp PgDn", "a screenful of sessions back or on" },
	{ "Tab Shift-Tab", "the next or previous score of the scale" },
	{ "Enter", "open the session marked" },
	{ "Escape q h Left", "back" },
	{ "? F1", "this help" },
	{ "", "The y axis is the score's declared range; dotted lines and "
	    "the ruler at the right mark the bands; NA is a session "
	    "without a value" },
	{ NULL, NULL }
};

const struct screen ui_trend_screen = {
	"trend", trend_draw, trend_key, NULL, help
};

/* The score as the newest session that has it declares it, and its
 * first band set (*bs, NULL if none). */
static const struct score *
definition(const struct ui_review *r, const struct bandset **bs)
{
	const struct hist_session *hs;
	const struct score *def;
	size_t	 i;
	long	 k;

	*bs = NULL;
	for (i = r->npts; i-- > 0;) {
		hs = r->pts[i].hs;
		if (hs->sc == NULL || (k = scale_score_index(hs->sc,
		    r->tscore)) < 0)
			continue;
		def = &hs->sc->scores[k];
		if (def->nbandsets > 0)
			*bs = &hs->sc->bandsets[def->bandsets[0]];
		return def;
	}
	return NULL;
}

static void
layout(const struct ui_review *r, struct tlayout *l)
{
	const struct bandset *bs;
	char		 v[64];
	size_t		 i, k;
	int		 w;

	memset(l, 0, sizeof(*l));
	l->def = definition(r, &bs);
	l->min = 0;
	l->max = 1;
	if (l->def != NULL) {
		l->min = l->def->min;
		l->max = l->def->max;
	}
	/* A value outside the declared range widens it. */
	for (i = 0; i < r->npts; i++) {
		if (!r->pts[i].has_value)
			continue;
		if (r->pts[i].value < l->min)
			l->min = r->pts[i].value;
		if (r->pts[i].value > l->max)
			l->max = r->pts[i].value;
	}
	if (!(l->max > l->min))
		l->max = l->min + 1;
	l->bs = bs;
	l->top = HEAD;
	l->ay = LINES - FOOT;
	l->ph = l->ay - l->top;
	if (l->ph < 2)
		l->ph = 2;
	/* Axis labels: min, max and the band boundaries. */
	l->yw = 1;
	for (k = 0; k < 2; k++) {
		fmt_num(v, sizeof(v), k == 0 ? l->min : l->max);
		if ((w = (int)strlen(v)) > l->yw)
			l->yw = w;
	}
	for (k = 0; bs != NULL && k < bs->nbands; k++) {
		fmt_num(v, sizeof(v), bs->bands[k].lower);
		if ((w = (int)strlen(v)) > l->yw)
			l->yw = w;
	}
	l->yw++;
	if (bs != NULL) {
		l->rw = 4;
		for (k = 0; k < bs->nbands; k++)
			if ((w = ui_text_width(bs->bands[k].label) + 2) >
			    l->rw)
				l->rw = w;
		if (l->rw > 20)
			l->rw = 20;
		if (l->rw > COLS / 4)
			l->rw = COLS / 4;
	}
	l->rx = COLS - l->rw;
	l->px = l->yw + 1;
	l->pw = l->rx - l->px - (l->rw > 0 ? 1 : 0);
	if (r->npts == 0) {
		l->cw = MAX_CW;
		l->nv = 0;
		return;
	}
	l->cw = l->pw / (int)r->npts;
	if (l->cw > MAX_CW)
		l->cw = MAX_CW;
	if (l->cw < MIN_CW)
		l->cw = MIN_CW;
	l->nv = l->pw / l->cw;
	if (l->nv < 1)
		l->nv = 1;
	l->full_date = l->cw >= 11;
	/* The columns shown keep the cursor in sight, moving as little
	 * as they need from where they were. */
	l->start = r->tstart;
	if (r->tcur < l->start)
		l->start = r->tcur;
	if (r->tcur >= l->start + (size_t)l->nv)
		l->start = r->tcur - (size_t)l->nv + 1;
	if (l->start + (size_t)l->nv > r->npts)
		l->start = r->npts > (size_t)l->nv ? r->npts -
		    (size_t)l->nv : 0;
}

/* How many rows of the plot a value's bar is high (0 to ph). */
static double
height_of(const struct tlayout *l, double v)
{
	double	 h = (v - l->min) / (l->max - l->min) * l->ph;

	if (h < 0)
		h = 0;
	if (h > l->ph)
		h = l->ph;
	return h;
}

/*
 * The row that holds a value: the axis for min, else the row its bar's
 * top reaches (row ay - 1 holds heights 0 to 1, and so on up; the top
 * row holds max).  Band lines and bars use the same rows, so that a bar
 * below a boundary never reaches its line.
 */
static int
row_of(const struct tlayout *l, double v)
{
	double	 h = height_of(l, v);
	int	 k;

	if (!(h > 0))
		return l->ay;
	k = (int)floor(h);
	if (k >= l->ph)
		k = l->ph - 1;
	return l->ay - 1 - k;
}

/* Text centred in w columns from x (cut to w - 1). */
static void
centre(int y, int x, int w, const char *s, attr_t a)
{
	int	 tw = ui_text_width(s);

	if (tw > w - 1)
		tw = w - 1;
	ui_text(y, x + (w - tw) / 2, tw, s, a);
}

static void
draw_axes(const struct ui *ui, const struct tlayout *l)
{
	char	 v[64];
	int	 y, labelled[512], k;
	size_t	 b;

	memset(labelled, 0, sizeof(labelled));
	attron(ui_attr(ui, UI_DIM));
	mvvline(l->top, l->yw, ACS_VLINE, l->ph);
	mvaddch(l->ay, l->yw, ACS_LLCORNER);
	mvhline(l->ay, l->yw + 1, ACS_HLINE, l->rx - l->yw - 1);
	attroff(ui_attr(ui, UI_DIM));
	for (k = 0; k < 2; k++) {
		y = row_of(l, k == 0 ? l->min : l->max);
		fmt_num(v, sizeof(v), k == 0 ? l->min : l->max);
		ui_text(y, l->yw - 1 - (int)strlen(v), (int)strlen(v), v,
		    A_BOLD);
		if (y >= 0 && y < 512)
			labelled[y] = 1;
	}
	for (b = 0; l->bs != NULL && b < l->bs->nbands; b++) {
		if (!(l->bs->bands[b].lower > l->min) ||
		    l->bs->bands[b].lower > l->max)
			continue;
		y = row_of(l, l->bs->bands[b].lower);
		if (y < 0 || y >= 512 || labelled[y])
			continue;
		labelled[y] = 1;
		fmt_num(v, sizeof(v), l->bs->bands[b].lower);
		ui_text(y, l->yw - 1 - (int)strlen(v), (int)strlen(v), v,
		    A_NORMAL);
		mvaddch(y, l->yw, ACS_RTEE);
	}
}

/* Dotted lines at the band boundaries; the ruler and its labels. */
static void
draw_bands(const struct ui *ui, const struct tlayout *l)
{
	const struct bandset *bs = l->bs;
	const char	*dot = MB_CUR_MAX > 1 ? "\xe2\x94\x88" : "-";
	int		 y, x, lo, hi, mid, used[512], k;
	size_t		 b;

	if (bs == NULL || l->rw == 0)
		return;
	memset(used, 0, sizeof(used));
	attron(ui_attr(ui, UI_DIM));
	mvvline(l->top, l->rx, ACS_VLINE, l->ph);
	attroff(ui_attr(ui, UI_DIM));
	for (b = 0; b < bs->nbands; b++) {
		if (bs->bands[b].lower > l->min && bs->bands[b].lower <=
		    l->max) {
			y = row_of(l, bs->bands[b].lower);
			for (x = l->px; x < l->rx; x++)
				ui_text(y, x, 1, dot, ui_attr(ui, UI_DIM));
			mvaddch(y, l->rx, ACS_LTEE);
		}
	}
	/* Labels: in the middle of each band's rows, where there is
	 * room. */
	for (b = 0; b < bs->nbands; b++) {
		if (b + 1 < bs->nbands && !(bs->bands[b + 1].lower > l->min))
			continue;
		if (bs->bands[b].lower > l->max)
			continue;
		lo = bs->bands[b].lower > l->min ? row_of(l,
		    bs->bands[b].lower) : l->ay - 1;
		hi = b + 1 < bs->nbands && bs->bands[b + 1].lower <= l->max ?
		    row_of(l, bs->bands[b + 1].lower) + 1 : l->top;
		if (lo >= l->ay)
			lo = l->ay - 1;
		if (hi > lo)
			hi = lo;
		mid = (lo + hi + 1) / 2;
		y = -1;
		for (k = 0; k <= 2 * (lo - hi) && y == -1; k++) {
			y = k % 2 == 0 ? mid - k / 2 : mid + k / 2 + 1;
			if (y < hi || y > lo || y >= 512 || used[y])
				y = -1;
		}
		if (y == -1)
			continue;
		used[y] = 1;
		ui_text(y, l->rx + 2, l->rw - 2, bs->bands[b].label,
		    A_NORMAL);
	}
}

/*
 * A bar bw columns wide from column bx: whole rows, then the fraction
 * of the next as a lower block (eighths in UTF-8; in ASCII '#' from a
 * half, else '_'); a value at min is a stub on the lowest row.  Returns
 * the top row drawn.
 */
static int
draw_bar(const struct tlayout *l, int bx, int bw, double v, attr_t a)
{
	static const char *const eighths[] = {
		"", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
		"\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
		"\xe2\x96\x87", "\xe2\x96\x88"
	};
	const char	*full, *part;
	double		 h = height_of(l, v);
	int		 rows = (int)floor(h), e, y, k, top;

	e = (int)floor((h - rows) * 8 + 0.5);
	if (e == 8) {
		rows++;
		e = 0;
	}
	if (rows > l->ph)
		rows = l->ph;
	if (MB_CUR_MAX > 1) {
		full = eighths[8];
		part = rows == 0 && e == 0 ? eighths[1] : eighths[e];
	} else {
		full = "#";
		part = e >= 4 ? "#" : "_";
	}
	for (y = l->ay - 1; y >= l->ay - rows; y--)
		for (k = 0; k < bw; k++)
			ui_text(y, bx + k, 1, full, a);
	top = l->ay - rows;
	if ((e > 0 || rows == 0) && rows < l->ph) {
		top = l->ay - 1 - rows;
		for (k = 0; k < bw; k++)
			ui_text(top, bx + k, 1, part, a);
	}
	return top;
}

static void
draw_columns(const struct ui *ui, const struct tlayout *l)
{
	const struct ui_review *r = &ui->review;
	const struct hist_point *p;
	const struct hist_group *g = r->tg;
	char		 v[64], date[16];
	size_t		 i;
	int		 c, x, bw, bx, top, sel;
	attr_t		 a, la;

	bw = l->cw >= 8 ? l->cw - 4 : l->cw - 2;
	if (bw > 6)
		bw = 6;
	if (bw < 1)
		bw = 1;
	for (c = 0, i = l->start; c < l->nv && i < r->npts; c++, i++) {
		p = &r->pts[i];
		x = l->px + c * l->cw;
		bx = x + (l->cw - bw) / 2;
		sel = i == r->tcur;
		a = sel ? ui_attr(ui, UI_ANSWER) : p->hs == g->baseline ?
		    ui_attr(ui, UI_HEADING) : A_NORMAL;
		if (p->has_value) {
			top = draw_bar(l, bx, bw, p->value, a);
			fmt_fixed(v, sizeof(v), p->value, l->def != NULL ?
			    l->def->decimals : 0);
			centre(top - 1, x, l->cw, v,
			    A_BOLD | (sel ? A_REVERSE : 0));
		} else
			centre(l->ay - 1, x, l->cw, p->hs->sc == NULL ? "?" :
			    "NA", ui_attr(ui, UI_DIM));
		la = sel ? A_REVERSE | A_BOLD : p->hs == g->baseline ?
		    ui_attr(ui, UI_HEADING) : A_NORMAL;
		centre(l->ay + 1, x, l->cw, p->hs->s->visit != NULL &&
		    *p->hs->s->visit != '\0' ? p->hs->s->visit : "-", la);
		if (l->full_date)
			snprintf(date, sizeof(date), "%.10s",
			    p->hs->s->assessed);
		else
			snprintf(date, sizeof(date), "%.5s",
			    p->hs->s->assessed + 5);
		centre(l->ay + 2, x, l->cw, date, la);
	}
	if (l->start > 0)
		ui_text(l->ay + 1, l->px - 1, 1, "<", A_BOLD);
	if (l->start + (size_t)l->nv < r->npts)
		ui_text(l->ay + 1, l->px + l->nv * l->cw - 1, 1, ">", A_BOLD);
}

/* The session under the cursor, on row y. */
static void
draw_details(const struct ui *ui, int y)
{
	const struct ui_review *r = &ui->review;
	const struct hist_point *p;
	struct hist_change ch;
	struct buf	 b;
	char		 v[64], chg[128], basis[64];
	long		 k;

	if (r->tcur >= r->npts)
		return;
	p = &r->pts[r->tcur];
	buf_init(&b);
	buf_printf(&b, "%zu/%zu %.10s %s: ", r->tcur + 1, r->npts,
	    p->hs->s->assessed, p->hs->s->visit);
	if (p->has_value && (k = scale_score_index(p->hs->sc, r->tscore)) >=
	    0) {
		fmt_fixed(v, sizeof(v), p->value,
		    p->hs->sc->scores[k].decimals);
		buf_puts(&b, v);
		if (result_basis(p->hs->r, (size_t)k, basis, sizeof(basis)) >
		    BASIS_COMPLETE)
			buf_printf(&b, " (%s)", basis);
		buf_printf(&b, "%s%s", p->band != NULL ? " " : "",
		    p->band != NULL ? p->band : "");
		ui_review_change(r->hp, p->hs, (size_t)k, chg, sizeof(chg),
		    &ch);
		if (strcmp(chg, "baseline") == 0)
			buf_puts(&b, ", the baseline");
		else if (chg[0] != '\0')
			buf_printf(&b, ", change %s", chg);
		if (ch.responder == HIST_RESP_YES)
			buf_puts(&b, ", responder");
	} else
		buf_puts(&b, p->hs->sc == NULL ? "cannot be scored" :
		    "NA (no value)");
	ui_text(y, 0, COLS, b.data, A_BOLD);
	buf_free(&b);
}

static void
trend_draw(const struct ui *ui)
{
	const struct ui_review *r = &ui->review;
	const struct hist_group *g = r->tg;
	struct tlayout	 l;
	struct buf	 b;
	char		 v1[64], v2[64], right[64], *title;
	const char	*label;
	int		 rw;
	long		 k;

	layout(r, &l);
	buf_init(&b);
	title = rating_short_title(g->v[0]->sc != NULL ? g->v[0]->sc->title :
	    g->v[0]->s->scale_title != NULL ? g->v[0]->s->scale_title :
	    g->scale_id);
	label = l.def != NULL ? (l.def->label != NULL ? l.def->label :
	    l.def->id) : r->tscore;
	if (strcmp(title, label) == 0)
		buf_printf(&b, "Trend of %s, patient %s", title, r->hp->id);
	else
		buf_printf(&b, "Trend of %s %s, patient %s", title, label,
		    r->hp->id);
	free(title);
	right[0] = '\0';
	if (g->v[0]->sc != NULL && g->v[0]->sc->nscores > 1 &&
	    (k = scale_score_index(g->v[0]->sc, r->tscore)) >= 0)
		snprintf(right, sizeof(right), "score %ld of %zu (Tab)", k + 1,
		    g->v[0]->sc->nscores);
	rw = ui_text_width(right);
	ui_text(0, COLS - rw, rw, right, ui_attr(ui, UI_DIM));
	ui_text(0, 0, COLS - rw - 1, b.data, ui_attr(ui, UI_TITLE));
	buf_reset(&b);
	if (l.def != NULL)
		buf_printf(&b, "%s-%s, higher is %s", fmt_num(v1,
		    sizeof(v1), l.def->min), fmt_num(v2, sizeof(v2),
		    l.def->max), l.def->higher_is_worse ? "worse" : "better");
	buf_printf(&b, "%s%zu session%s", b.len > 0 ? "; " : "", r->npts,
	    r->npts == 1 ? "" : "s");
	if (r->npts > 0)
		buf_printf(&b, " %.10s..%.10s", r->pts[0].hs->s->assessed,
		    r->pts[r->npts - 1].hs->s->assessed);
	buf_printf(&b, "; baseline %.10s", g->baseline->s->assessed);
	ui_text(1, 0, COLS, b.data, ui_attr(ui, UI_DIM));
	buf_free(&b);
	if (l.def == NULL) {
		ui_text(HEAD, 2, COLS - 2, "No session of this scale has a "
		    "value for this score.", ui_attr(ui, UI_DIM));
	} else {
		draw_bands(ui, &l);
		draw_axes(ui, &l);
		draw_columns(ui, &l);
	}
	draw_details(ui, LINES - 2);
	ui_text(LINES - 1, 0, COLS, "j/k session  Tab score  Enter open  "
	    "q back  ? help", ui_attr(ui, UI_DIM));
}

/* Keys. */

/* Keeps the first column shown where the cursor is in sight. */
static void
follow(struct ui *ui)
{
	struct tlayout	 l;

	layout(&ui->review, &l);
	ui->review.tstart = l.start;
}

static void
act_next(struct ui *ui)
{
	if (ui->review.tcur + 1 < ui->review.npts)
		ui->review.tcur++;
	follow(ui);
}

static void
act_prev(struct ui *ui)
{
	if (ui->review.tcur > 0)
		ui->review.tcur--;
	follow(ui);
}

static void
act_first(struct ui *ui)
{
	ui->review.tcur = 0;
	follow(ui);
}

static void
act_last(struct ui *ui)
{
	if (ui->review.npts > 0)
		ui->review.tcur = ui->review.npts - 1;
	follow(ui);
}

static void
act_pgdn(struct ui *ui)
{
	struct tlayout	 l;

	layout(&ui->review, &l);
	ui->review.tcur += (size_t)l.nv;
	if (ui->review.tcur >= ui->review.npts)
		ui->review.tcur = ui->review.npts > 0 ? ui->review.npts - 1 :
		    0;
	follow(ui);
}

static void
act_pgup(struct ui *ui)
{
	struct tlayout	 l;

	layout(&ui->review, &l);
	ui->review.tcur = ui->review.tcur > (size_t)l.nv ?
	    ui->review.tcur - (size_t)l.nv : 0;
	follow(ui);
}

/* The next (dir 1) or previous (-1) score of the newest version. */
static void
act_score(struct ui *ui, int dir)
{
	struct ui_review *r = &ui->review;
	const struct hist_session *hs;
	const struct scale *sc;
	long	 k;
	size_t	 i;

	if (r->npts == 0 || r->tcur >= r->npts)
		return;
	sc = r->tg->v[0]->sc;
	if (sc == NULL || sc->nscores < 2)
		return;
	if ((k = scale_score_index(sc, r->tscore)) < 0)
		k = 0;
	/* The next measure: categories and codes have no trend. */
	for (i = 0; i < sc->nscores; i++) {
		k = (k + dir + (long)sc->nscores) % (long)sc->nscores;
		if (score_is_measure(&sc->scores[k]))
			break;
	}
	hs = r->pts[r->tcur].hs;
	ui_review_trend(ui, r->tg, hs, sc->scores[k].id);
}

static void
act_next_score(struct ui *ui)
{
	enum ui_screen_id back = ui->review.tback;

	act_score(ui, 1);
	ui->review.tback = back;
}

static void
act_prev_score(struct ui *ui)
{
	enum ui_screen_id back = ui->review.tback;

	act_score(ui, -1);
	ui->review.tback = back;
}

static void
act_open(struct ui *ui)
{
	struct ui_review *r = &ui->review;

	if (r->tcur < r->npts)
		ui_review_detail(ui, (struct hist_session *)
		    r->pts[r->tcur].hs);
}

static void
act_back(struct ui *ui)
{
	ui_go(ui, ui->review.tback == UI_SCREEN_DETAIL ? UI_SCREEN_DETAIL :
	    UI_SCREEN_HISTORY);
}

static void
trend_key(struct ui *ui, int key)
{
	ui_bind(ui, bindings, key);
}
