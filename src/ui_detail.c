/*
 * ui_detail.c: one session: every item with its number, text, answer
 * (value and label) and note; the scores with their bands and change
 * from baseline; the raised flags.  c puts the same items of the
 * baseline, then of the previous session, beside it with the change per
 * item; v shows the revisions: every earlier one with its reason and
 * what changed, and Enter opens one.  a amends, t charts the first
 * score.
 *
 * The body is a list of lines made from the loaded session at the
 * current width (wrapped, never cut mid-character) and scrolled; it is
 * made again on each draw, which only touches one session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "ui_screen.h"

#define MAXSEG	6
/* The body's width: the last column is for the scroll marks. */
#define BW	(COLS - 1)

/* A piece of text at a column of a line. */
struct seg {
	int	 x, w;
	char	*text;
	attr_t	 attr;
};

struct dline {
	struct seg	 seg[MAXSEG];
	int		 nseg;
	long		 rev;		/* the heading of revision rev
					   (revisions view), or -1 */
	attr_t		 fill;		/* the whole row, or 0 */
};

struct dtext {
	struct dline	*v;
	size_t		 n, cap;
};

/* A cell of a row whose cells wrap. */
struct cell {
	int		 x, w;
	const char	*text;
	attr_t		 attr;
	int		 right;		/* flush right (one line) */
};

static void	 detail_draw(const struct ui *);
static void	 detail_key(struct ui *, int);
static void	 detail_enter(struct ui *);
static struct dline *line_new(struct dtext *);
static void	 seg_add(struct dline *, int, int, attr_t, const char *);
static void	 dtext_free(struct dtext *);
static void	 para(struct dtext *, int, int, attr_t, const char *);
static void	 row(struct dtext *, const struct cell *, int);
static void	 build(const struct ui *, struct dtext *);
static void	 build_items(const struct ui *, struct dtext *);
static void	 build_compare(const struct ui *, struct dtext *);
static void	 build_scores(const struct ui *, struct dtext *);
static void	 build_revisions(const struct ui *, struct dtext *);
static void	 rev_changes(const struct ui *, struct dtext *,
		    const struct hist_session *, const struct hist_session *);
static void	 answer_text(const struct item *, const struct answer *,
		    int, struct buf *, enum ui_role *);
static const struct hist_session *other(const struct ui *, int);
static const char *other_name(int);
static const char *score_label(const struct score *);
static int	 body_rows(void);
static size_t	 rev_line(const struct dtext *, size_t);
static void	 act_down(struct ui *);
static void	 act_up(struct ui *);
static void	 act_pgdn(struct ui *);
static void	 act_pgup(struct ui *);
static void	 act_home(struct ui *);
static void	 act_end(struct ui *);
static void	 act_compare(struct ui *);
static void	 act_revisions(struct ui *);
static void	 act_open(struct ui *);
static void	 act_amend(struct ui *);
static void	 act_trend(struct ui *);
static void	 act_back(struct ui *);
static void	 scroll_by(struct ui *, long);

static const struct ui_binding bindings[] = {
	{ UI_FN(KEY_DOWN), act_down },
	{ 'j', act_down },
	{ UI_FN(KEY_UP), act_up },
	{ 'k', act_up },
	{ UI_FN(KEY_NPAGE), act_pgdn },
	{ ' ', act_pgdn },
	{ UI_FN(KEY_PPAGE), act_pgup },
	{ UI_FN(KEY_HOME), act_home },
	{ 'g', act_home },
	{ UI_FN(KEY_END), act_end },
	{ 'G', act_end },
	{ 'c', act_compare },
	{ 'v', act_revisions },
	{ '\n', act_open },
	{ UI_FN(KEY_ENTER), act_open },
	{ 'a', act_amend },
	{ 't', act_trend },
	{ UI_ESC, act_back },
	{ 'q', act_back },
	{ 'h', act_back },
	{ UI_FN(KEY_LEFT), act_back },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "Up Down k j", "scroll a line (revisions: move over them)" },
	{ "PgUp PgDn Space", "scroll a page" },
	{ "Home End g G", "the top, the end" },
	{ "c", "compare: the same items of the baseline beside these, with "
	    "the change per item; again: of the previous session; again: "
	    "none" },
	{ "v", "the revisions: every earlier one, its reason and what "
	    "changed (v again: back to the items)" },
	{ "Enter", "in the revisions: open the one marked" },
	{ "a", "amend this session (the latest revision): asks for the "
	    "reason, then the rating screens" },
	{ "t", "the trend of the session's first score" },
	{ "Escape q h Left", "back (from the revisions or an earlier "
	    "revision: to the latest)" },
	{ "? F1", "this help" },
	{ NULL, NULL }
};

const struct screen ui_detail_screen = {
	"session", detail_draw, detail_key, detail_enter, help
};

static void
detail_enter(struct ui *ui)
{
	ui->review.dtop = 0;
}

/* Lines. */

static struct dline *
line_new(struct dtext *t)
{
	struct dline	*l;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 64 : t->cap * 2;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	l = &t->v[t->n++];
	memset(l, 0, sizeof(*l));
	l->rev = -1;
	return l;
}

static void
seg_add(struct dline *l, int x, int w, attr_t a, const char *text)
{
	struct seg	*s;

	if (l->nseg == MAXSEG || w <= 0 || text == NULL)
		return;
	s = &l->seg[l->nseg++];
	s->x = x;
	s->w = w;
	s->attr = a;
	s->text = xstrdup(text);
}

static void
dtext_free(struct dtext *t)
{
	size_t	 i;
	int	 k;

	for (i = 0; i < t->n; i++)
		for (k = 0; k < t->v[i].nseg; k++)
			free(t->v[i].seg[k].text);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* A wrapped paragraph at column x, w wide. */
static void
para(struct dtext *t, int x, int w, attr_t a, const char *text)
{
	struct cell	 c;

	c.x = x;
	c.w = w;
	c.text = text;
	c.attr = a;
	c.right = 0;
	row(t, &c, 1);
}

/* Cells side by side, each wrapped in its column: as many lines as the
 * longest needs. */
static void
row(struct dtext *t, const struct cell *c, int n)
{
	const char	*p[MAXSEG];
	struct dline	*l;
	char		*piece;
	size_t		 k, skip;
	int		 i, more = 1, first = 1;

	for (i = 0; i < n && i < MAXSEG; i++)
		p[i] = c[i].text != NULL ? c[i].text : "";
	while (more) {
		more = 0;
		l = line_new(t);
		for (i = 0; i < n && i < MAXSEG; i++) {
			if (*p[i] == '\0' || c[i].w <= 0)
				continue;
			if (c[i].right) {
				if (first)
					seg_add(l, c[i].x + c[i].w -
					    (ui_text_width(p[i]) < c[i].w ?
					    ui_text_width(p[i]) : c[i].w),
					    c[i].w, c[i].attr, p[i]);
				p[i] = "";
				continue;
			}
			k = ui_wrap_len(p[i], c[i].w, &skip);
			piece = xstrndup(p[i], k);
			seg_add(l, c[i].x, c[i].w, c[i].attr, piece);
			free(piece);
			p[i] += k + skip;
			if (*p[i] != '\0')
				more = 1;
		}
		first = 0;
	}
}

static const char *
score_label(const struct score *sc)
{
	return sc->label != NULL && *sc->label != '\0' ? sc->label : sc->id;
}

/* "2  More than half the days", "na (not applicable)", ... */
static void
answer_text(const struct item *it, const struct answer *a, int shown,
    struct buf *b, enum ui_role *role)
{
	const char	*label;
	char		 v[64];

	*role = UI_NORMAL;
	if (a == NULL || it == NULL) {
		buf_puts(b, "(not in this version)");
		*role = UI_DIM;
		return;
	}
	if (!shown) {
		buf_puts(b, "skipped (not asked)");
		*role = UI_DIM;
		return;
	}
	switch (a->kind) {
	case ANS_VALUE:
		if (it->type == ITEM_MULTI) {
			struct buf	 lb;

			buf_init(&lb);
			scale_answer_labels(it, a, &lb);
			buf_printf(b, "%s  %s", scale_answer_str(a, v,
			    sizeof(v)), lb.data);
			buf_free(&lb);
			break;
		}
		fmt_num(v, sizeof(v), a->value);
		label = scale_option_label(it, a->value);
		buf_printf(b, "%s%s%s", v, label != NULL ? "  " : "",
		    label != NULL ? label : "");
		break;
	case ANS_TEXT:
		buf_printf(b, "\"%s\"", a->text != NULL ? a->text : "");
		break;
	case ANS_NA:
		buf_puts(b, "na (not applicable)");
		break;
	case ANS_UNK:
		buf_puts(b, "unk (unknown)");
		break;
	case ANS_REF:
		buf_puts(b, "ref (declined)");
		break;
	default:
		if (it->type == ITEM_TEXT) {
			buf_puts(b, "-");
			*role = UI_DIM;
		} else {
			buf_puts(b, "-- not answered");
			*role = UI_MISSING;
		}
		break;
	}
}

/* The session put beside this one: 1 the baseline, 2 the previous. */
static const struct hist_session *
other(const struct ui *ui, int which)
{
	const struct ui_review *r = &ui->review;
	const struct hist_group *g;
	size_t	 i;

	g = history_group(r->hp, r->dlatest->s->scale_id);
	if (g == NULL)
		return NULL;
	if (which == 1)
		return g->baseline != r->dlatest ? g->baseline : NULL;
	if (which == 2)
		for (i = 0; i + 1 < g->n; i++)
			if (g->v[i] == r->dlatest)
				return g->v[i + 1];
	return NULL;
}

static const char *
other_name(int which)
{
	return which == 1 ? "baseline" : "previous";
}

static void
build_items(const struct ui *ui, struct dtext *t)
{
	const struct hist_session *hs = ui->review.dhs;
	const struct session *s = hs->s;
	const struct scale *sc = hs->sc;
	struct cell	 c[3];
	struct dline	*l;
	struct buf	 b;
	enum ui_role	 role;
	char		 num[32], *note;
	size_t		 i;
	int		 nw, aw = 10, w, tw;

	buf_init(&b);
	nw = snprintf(num, sizeof(num), "%zu", s->nitems) + 1;
	for (i = 0; sc != NULL && i < sc->nitems; i++)
		if ((int)strlen(sc->items[i].number) + 1 > nw)
			nw = (int)strlen(sc->items[i].number) + 1;
	if (sc == NULL) {
		/* Not bound: the answers as stored. */
		for (i = 0; i < s->nitems; i++) {
			buf_reset(&b);
			buf_printf(&b, "%s = %s", s->item_ids[i],
			    s->raw != NULL && s->raw[i] != NULL ? s->raw[i] :
			    "");
			para(t, 2, BW - 2, A_NORMAL, b.data);
			if (s->notes != NULL && s->notes[i] != NULL) {
				note = xasprintf("Note: %s", s->notes[i]);
				para(t, 6, BW - 6, ui_attr(ui, UI_INFO), note);
				free(note);
			}
		}
		buf_free(&b);
		return;
	}
	for (i = 0; i < sc->nitems; i++) {
		buf_reset(&b);
		answer_text(&sc->items[i], &s->answers[i],
		    result_item_shown(hs->r, i), &b, &role);
		if ((w = ui_text_width(b.data)) > aw)
			aw = w;
	}
	if (aw > (BW - nw) / 2 - 1)
		aw = (BW - nw) / 2 - 1;
	tw = BW - nw - 1 - aw - 2;
	l = line_new(t);
	seg_add(l, 0, nw, ui_attr(ui, UI_HEADING), "#");
	seg_add(l, nw + 1, tw, ui_attr(ui, UI_HEADING), "Item");
	seg_add(l, BW - aw, aw, ui_attr(ui, UI_HEADING), "Answer");
	for (i = 0; i < sc->nitems; i++) {
		if (sc->items[i].group != NULL && (i == 0 ||
		    sc->items[i - 1].group == NULL ||
		    strcmp(sc->items[i].group, sc->items[i - 1].group) != 0))
			para(t, 0, BW, ui_attr(ui, UI_HEADING),
			    sc->items[i].group);
		buf_reset(&b);
		answer_text(&sc->items[i], &s->answers[i],
		    result_item_shown(hs->r, i), &b, &role);
		/* The paper form's number (HAM-D 16A). */
		snprintf(num, sizeof(num), "%s", sc->items[i].number);
		c[0].x = 0;
		c[0].w = nw;
		c[0].text = num;
		c[0].attr = A_BOLD;
		c[0].right = 1;
		c[1].x = nw + 1;
		c[1].w = tw;
		c[1].text = sc->items[i].text;
		c[1].attr = A_NORMAL;
		c[1].right = 0;
		c[2].x = BW - aw;
		c[2].w = aw;
		c[2].text = b.data;
		c[2].attr = ui_attr(ui, role) | (role == UI_NORMAL ? A_BOLD :
		    0);
		c[2].right = 0;
		row(t, c, 3);
		if (s->notes[i] != NULL) {
			note = xasprintf("Note: %s", s->notes[i]);
			para(t, nw + 3, BW - nw - 3, ui_attr(ui, UI_INFO),
			    note);
			free(note);
		}
	}
	buf_free(&b);
}

static void
build_compare(const struct ui *ui, struct dtext *t)
{
	const struct ui_review *r = &ui->review;
	const struct hist_session *hs = r->dhs, *o = other(ui, r->dcmp);
	struct hist_itemcmp *cmp = NULL;
	struct cell	 c[5];
	struct dline	*l;
	struct buf	 ba, bb;
	enum ui_role	 ra, rb;
	char		 num[32], d[64], *note;
	size_t		 n, i, k;
	int		 nw, aw = 8, w, tw, dw = 7;

	if (o == NULL || hs->sc == NULL || o->sc == NULL ||
	    (n = history_compare(o, hs, &cmp)) == 0) {
		para(t, 0, BW, ui_attr(ui, UI_ERROR), "The sessions cannot "
		    "be compared (one of them cannot be scored).");
		free(cmp);
		return;
	}
	buf_init(&ba);
	buf_init(&bb);
	nw = snprintf(num, sizeof(num), "%zu", n) + 1;
	for (i = 0; i < n; i++) {
		buf_reset(&ba);
		answer_text(cmp[i].ia, cmp[i].a, cmp[i].shown_a, &ba, &ra);
		buf_reset(&bb);
		answer_text(cmp[i].ib, cmp[i].b, cmp[i].shown_b, &bb, &rb);
		if ((w = ui_text_width(ba.data)) > aw)
			aw = w;
		if ((w = ui_text_width(bb.data)) > aw)
			aw = w;
	}
	/* The item's text gets a third at least. */
	if (aw > (BW - nw - 1 - dw) / 3 - 1)
		aw = (BW - nw - 1 - dw) / 3 - 1;
	tw = BW - nw - 1 - 2 * (aw + 1) - dw - 1;
	l = line_new(t);
	seg_add(l, 0, nw, ui_attr(ui, UI_HEADING), "#");
	seg_add(l, nw + 1, tw, ui_attr(ui, UI_HEADING), "Item");
	seg_add(l, nw + 1 + tw + 1, aw, ui_attr(ui, UI_HEADING),
	    r->dcmp == 1 ? "Baseline" : "Previous");
	seg_add(l, nw + 1 + tw + 1 + aw + 1, aw, ui_attr(ui, UI_HEADING),
	    "This session");
	seg_add(l, BW - 6, 6, ui_attr(ui, UI_HEADING), "Change");
	for (i = 0; i < n; i++) {
		buf_reset(&ba);
		answer_text(cmp[i].ia, cmp[i].a, cmp[i].shown_a, &ba, &ra);
		buf_reset(&bb);
		answer_text(cmp[i].ib, cmp[i].b, cmp[i].shown_b, &bb, &rb);
		if (cmp[i].has_delta) {
			/* As the values are written (0.25 steps exist). */
			d[0] = '+';
			fmt_num(d + (cmp[i].delta > 0), sizeof(d) - 1,
			    cmp[i].delta);
		} else
			snprintf(d, sizeof(d), "%s", cmp[i].changed ?
			    "changed" : "");
		snprintf(num, sizeof(num), "%zu", i + 1);
		k = 0;
		c[k].x = 0;
		c[k].w = nw;
		c[k].text = num;
		c[k].attr = A_BOLD;
		c[k++].right = 1;
		c[k].x = nw + 1;
		c[k].w = tw;
		c[k].text = cmp[i].text != NULL ? cmp[i].text : cmp[i].id;
		c[k].attr = A_NORMAL;
		c[k++].right = 0;
		c[k].x = nw + 1 + tw + 1;
		c[k].w = aw;
		c[k].text = ba.data;
		c[k].attr = ui_attr(ui, ra);
		c[k++].right = 0;
		c[k].x = nw + 1 + tw + 1 + aw + 1;
		c[k].w = aw;
		c[k].text = bb.data;
		c[k].attr = ui_attr(ui, rb) | (rb == UI_NORMAL ? A_BOLD : 0);
		c[k++].right = 0;
		c[k].x = BW - dw;
		c[k].w = dw;
		c[k].text = d;
		c[k].attr = cmp[i].changed ? A_BOLD : ui_attr(ui, UI_DIM);
		c[k++].right = 1;
		row(t, c, (int)k);
		k = cmp[i].ib != NULL ? (size_t)scale_item_index(hs->sc,
		    cmp[i].id) : (size_t)-1;
		if (k != (size_t)-1 && hs->s->notes[k] != NULL) {
			note = xasprintf("Note: %s", hs->s->notes[k]);
			para(t, nw + 3, BW - nw - 3, ui_attr(ui, UI_INFO),
			    note);
			free(note);
		}
	}
	free(cmp);
	buf_free(&ba);
	buf_free(&bb);
}

static void
build_scores(const struct ui *ui, struct dtext *t)
{
	const struct ui_review *r = &ui->review;
	const struct hist_session *hs = r->dhs, *o = NULL;
	const struct scale *sc = hs->sc;
	const struct flag *f;
	struct hist_change ch;
	struct cell	 c[2];
	struct buf	 b;
	const char	*band;
	char		 v[64], ov[64], chg[128], basis[64];
	size_t		 i;
	long		 k;
	int		 lw = 5, w, n = 0;

	if (sc == NULL)
		return;
	if (r->dcmp != 0)
		o = other(ui, r->dcmp);
	line_new(t);
	para(t, 0, BW, ui_attr(ui, UI_HEADING), "Scores");
	for (i = 0; i < sc->nscores; i++)
		if ((w = ui_text_width(score_label(&sc->scores[i]))) > lw)
			lw = w;
	if (lw > BW / 3)
		lw = BW / 3;
	buf_init(&b);
	for (i = 0; i < sc->nscores; i++) {
		buf_reset(&b);
		score_format(&sc->scores[i], result_score(hs->r, i), v,
		    sizeof(v));
		band = sc->scores[i].nbandsets > 0 ? history_band(hs, i, 0) :
		    NULL;
		buf_puts(&b, v);
		if (result_basis(hs->r, i, basis, sizeof(basis)) >
		    BASIS_COMPLETE)
			buf_printf(&b, " (%s)", basis);
		buf_printf(&b, "%s%s", band != NULL ? "  " : "",
		    band != NULL ? band : "");
		if (o != NULL && o->sc != NULL && (k = scale_score_index(o->sc,
		    sc->scores[i].id)) >= 0) {
			score_format(&o->sc->scores[k], result_score(o->r,
			    (size_t)k), ov, sizeof(ov));
			band = o->sc->scores[k].nbandsets > 0 ?
			    history_band(o, (size_t)k, 0) : NULL;
			buf_printf(&b, "   (%s: %s%s%s", other_name(r->dcmp),
			    ov, band != NULL ? " " : "", band != NULL ? band :
			    "");
			if (score_is_measure(&sc->scores[i]) &&
			    history_value(hs, i, &ch.value) &&
			    history_value(o, (size_t)k, &ch.base))
				buf_printf(&b, "; change %s",
				    ui_review_signed(chg, sizeof(chg),
				    ch.value - ch.base,
				    sc->scores[i].decimals));
			buf_puts(&b, ")");
		}
		ui_review_change(r->hp, hs, i, chg, sizeof(chg), &ch);
		if (chg[0] != '\0' && strcmp(chg, "baseline") == 0)
			buf_puts(&b, "   this is the baseline");
		else if (chg[0] != '\0')
			buf_printf(&b, "   from baseline %s", chg);
		if (ch.responder == HIST_RESP_YES)
			buf_puts(&b, "  responder");
		else if (ch.responder == HIST_RESP_NO)
			buf_puts(&b, "  not a responder");
		c[0].x = 2;
		c[0].w = lw;
		c[0].text = score_label(&sc->scores[i]);
		c[0].attr = A_BOLD;
		c[0].right = 0;
		c[1].x = 2 + lw + 2;
		c[1].w = BW - lw - 4;
		c[1].text = b.data;
		c[1].attr = A_NORMAL;
		c[1].right = 0;
		row(t, c, 2);
	}
	line_new(t);
	para(t, 0, BW, ui_attr(ui, UI_HEADING), "Flags");
	for (i = 0; i < sc->nflags; i++) {
		if (!hs->r->raised[i])
			continue;
		f = &sc->flags[i];
		buf_reset(&b);
		buf_printf(&b, "%s %s: %s", f->level == FLAG_CRITICAL ?
		    "!! CRITICAL" : f->level == FLAG_WARNING ? "! WARNING" :
		    "i", f->id, f->text);
		para(t, 2, BW - 2, ui_attr(ui, f->level == FLAG_CRITICAL ?
		    UI_CRITICAL : f->level == FLAG_WARNING ? UI_WARNING :
		    UI_INFO), b.data);
		n++;
	}
	if (n == 0)
		para(t, 2, BW - 2, ui_attr(ui, UI_DIM), "none raised");
	buf_free(&b);
}

/* What changed from revision a to b, as lines. */
static void
rev_changes(const struct ui *ui, struct dtext *t,
    const struct hist_session *a, const struct hist_session *b)
{
	struct hist_itemcmp *cmp = NULL;
	struct buf	 x, y, line;
	enum ui_role	 ra, rb;
	char		 va[64], vb[64];
	const char	*na, *nb;
	size_t		 n, i, changes = 0;
	long		 ka, kb;

	if (a->sc == NULL || b->sc == NULL || (n = history_compare(a, b,
	    &cmp)) == 0) {
		para(t, 4, BW - 4, ui_attr(ui, UI_DIM), "(cannot be "
		    "compared: not scored)");
		free(cmp);
		return;
	}
	buf_init(&x);
	buf_init(&y);
	buf_init(&line);
	if (strcmp(a->s->visit != NULL ? a->s->visit : "", b->s->visit !=
	    NULL ? b->s->visit : "") != 0) {
		buf_printf(&line, "visit: %s -> %s", a->s->visit, b->s->visit);
		para(t, 4, BW - 4, A_NORMAL, line.data);
		changes++;
	}
	for (i = 0; i < n; i++) {
		ka = cmp[i].ia != NULL ? scale_item_index(a->sc, cmp[i].id) :
		    -1;
		kb = cmp[i].ib != NULL ? scale_item_index(b->sc, cmp[i].id) :
		    -1;
		if (cmp[i].changed) {
			buf_reset(&x);
			buf_reset(&y);
			answer_text(cmp[i].ia, cmp[i].a, cmp[i].shown_a,
			    &x, &ra);
			answer_text(cmp[i].ib, cmp[i].b, cmp[i].shown_b,
			    &y, &rb);
			buf_reset(&line);
			buf_printf(&line, "%s: %s -> %s", cmp[i].id, x.data,
			    y.data);
			para(t, 4, BW - 4, A_BOLD, line.data);
			changes++;
		}
		na = ka >= 0 ? a->s->notes[ka] : NULL;
		nb = kb >= 0 ? b->s->notes[kb] : NULL;
		if (strcmp(na != NULL ? na : "", nb != NULL ? nb : "") != 0) {
			buf_reset(&line);
			buf_printf(&line, "note on %s: %s%s%s -> %s%s%s",
			    cmp[i].id, na != NULL ? "\"" : "", na != NULL ?
			    na : "none", na != NULL ? "\"" : "", nb != NULL ?
			    "\"" : "", nb != NULL ? nb : "none", nb != NULL ?
			    "\"" : "");
			para(t, 4, BW - 4, A_NORMAL, line.data);
			changes++;
		}
	}
	for (i = 0; i < b->sc->nscores; i++) {
		ka = scale_score_index(a->sc, b->sc->scores[i].id);
		if (ka < 0)
			continue;
		score_format(&a->sc->scores[ka], result_score(a->r,
		    (size_t)ka), va, sizeof(va));
		score_format(&b->sc->scores[i], result_score(b->r, i), vb,
		    sizeof(vb));
		if (strcmp(va, vb) == 0)
			continue;
		buf_reset(&line);
		buf_printf(&line, "%s: %s -> %s", score_label(
		    &b->sc->scores[i]), va, vb);
		para(t, 4, BW - 4, ui_attr(ui, UI_HEADING), line.data);
	}
	if (changes == 0)
		para(t, 4, BW - 4, ui_attr(ui, UI_DIM), "no answer, note "
		    "or visit changed");
	free(cmp);
	buf_free(&x);
	buf_free(&y);
	buf_free(&line);
}

static void
build_revisions(const struct ui *ui, struct dtext *t)
{
	const struct ui_review *r = &ui->review;
	const struct hist_session **v;
	struct dline	*l;
	struct buf	 b;
	size_t		 n, i;

	n = history_revisions(r->dlatest, &v);
	buf_init(&b);
	para(t, 0, BW, ui_attr(ui, UI_HEADING), n > 1 ? "Revisions, oldest "
	    "first: Enter opens the one marked" : "Revisions: this session "
	    "has not been amended");
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		buf_printf(&b, "Revision %d%s%s  %s  saved %s",
		    v[i]->s->revision, v[i] == r->dlatest ? " (latest)" : "",
		    v[i] == r->dhs ? " (shown)" : "", v[i]->s->id,
		    v[i]->s->finished != NULL ? v[i]->s->finished : "?");
		line_new(t);
		l = line_new(t);
		l->rev = (long)i;
		seg_add(l, 0, 2, A_BOLD, i == r->drcur ? ">" : " ");
		seg_add(l, 2, BW - 2, A_BOLD, b.data);
		if (i == r->drcur)
			l->fill = A_REVERSE;
		buf_reset(&b);
		if (i == 0) {
			buf_printf(&b, "The first save: rater %s, visit %s.",
			    v[i]->s->rater, v[i]->s->visit);
			para(t, 4, BW - 4, ui_attr(ui, UI_DIM), b.data);
			continue;
		}
		buf_printf(&b, "Reason: %s", v[i]->s->reason != NULL ?
		    v[i]->s->reason : "");
		para(t, 4, BW - 4, ui_attr(ui, UI_WARNING), b.data);
		rev_changes(ui, t, v[i - 1], v[i]);
	}
	free(v);
	buf_free(&b);
}

static void
build(const struct ui *ui, struct dtext *t)
{
	const struct ui_review *r = &ui->review;
	const struct hist_session *hs = r->dhs;
	struct buf	 b;

	if (r->drevs) {
		build_revisions(ui, t);
		return;
	}
	if (hs->sc == NULL) {
		buf_init(&b);
		buf_printf(&b, "Cannot be scored: %s", hs->why);
		para(t, 0, BW, ui_attr(ui, UI_ERROR), b.data);
		buf_free(&b);
	} else if (hs->nmismatch > 0)
		para(t, 0, BW, ui_attr(ui, UI_ERROR), "The scores stored in "
		    "the file disagree with its answers (rater verify); the "
		    "scores below are recomputed.");
	if (r->dcmp != 0 && hs->sc != NULL)
		build_compare(ui, t);
	else
		build_items(ui, t);
	build_scores(ui, t);
	line_new(t);
	buf_init(&b);
	/* The assessment is in the header; here too when it is not the
	 * start (a form entered later). */
	if (strcmp(hs->s->assessed, hs->s->started) != 0)
		buf_printf(&b, "Assessed %s; ", hs->s->assessed);
	buf_printf(&b, "Id %s; started %s, saved %s; scale %s version %s "
	    "(sha256 %.12s); file %s", hs->s->id, hs->s->started,
	    hs->s->finished != NULL ? hs->s->finished : "?",
	    hs->s->scale_id, hs->s->scale_version != NULL ?
	    hs->s->scale_version : "?", hs->s->scale_sha256,
	    hs->s->path != NULL ? hs->s->path : "?");
	para(t, 0, BW, ui_attr(ui, UI_DIM), b.data);
	buf_free(&b);
}

/* Drawing. */

static int
body_rows(void)
{
	int	 h = LINES - 5;

	return h > 1 ? h : 1;
}

/* The line of revision i's heading. */
static size_t
rev_line(const struct dtext *t, size_t i)
{
	size_t	 k;

	for (k = 0; k < t->n; k++)
		if (t->v[k].rev == (long)i)
			return k;
	return 0;
}

static void
detail_draw(const struct ui *ui)
{
	const struct ui_review *r = &ui->review;
	const struct hist_session *hs = r->dhs, *o;
	const struct dline *l;
	struct dtext	 t;
	struct buf	 b;
	char		 right[64];
	size_t		 top, i, at;
	int		 h = body_rows(), y = 4, k, rw;

	memset(&t, 0, sizeof(t));
	build(ui, &t);
	buf_init(&b);
	if (hs != r->dlatest)
		snprintf(right, sizeof(right), "EARLIER REVISION %d",
		    hs->s->revision);
	else
		snprintf(right, sizeof(right), "Session, revision %d",
		    hs->s->revision);
	rw = ui_text_width(right);
	ui_text(0, COLS - rw, rw, right, hs != r->dlatest ?
	    ui_attr(ui, UI_WARNING) : A_BOLD);
	ui_text(0, 0, COLS - rw - 1, hs->sc != NULL ? hs->sc->title :
	    hs->s->scale_title, ui_attr(ui, UI_TITLE));
	/* The assessment: its date, and its time when it has one. */
	buf_printf(&b, "Patient %s | %.10s%s%.5s | %s | rater %s | %s",
	    hs->s->patient, hs->s->assessed,
	    strlen(hs->s->assessed) > 10 ? " " : "",
	    strlen(hs->s->assessed) > 10 ? hs->s->assessed + 11 : "",
	    hs->s->visit != NULL && *hs->s->visit != '\0' ? hs->s->visit :
	    "(no visit)", hs->s->rater, hs->s->status != NULL ?
	    hs->s->status : "");
	ui_text(1, 0, COLS, b.data, ui_attr(ui, UI_DIM));
	buf_reset(&b);
	if (hs != r->dlatest)
		buf_printf(&b, "Replaced: the latest is %s (revision %d). "
		    "Escape returns to it.", r->dlatest->s->id,
		    r->dlatest->s->revision);
	else if (hs->s->revision > 1)
		buf_printf(&b, "Amends %s: %s", hs->s->replaces,
		    hs->s->reason);
	ui_text(2, 0, COLS, b.data, ui_attr(ui, UI_WARNING));
	buf_reset(&b);
	if (r->drevs)
		buf_puts(&b, "Revisions (v: back to the items)");
	else if (r->dcmp != 0 && (o = other(ui, r->dcmp)) != NULL)
		buf_printf(&b, "Beside it: the %s session, %.10s %s (c: "
		    "next)", other_name(r->dcmp), o->s->assessed,
		    o->s->visit != NULL ? o->s->visit : "");
	ui_text(3, 0, COLS, b.data, ui_attr(ui, UI_HEADING));
	buf_free(&b);

	top = r->dtop;
	if (r->drevs) {
		at = rev_line(&t, r->drcur);
		if (at < top)
			top = at > 0 ? at - 1 : 0;
		if (at >= top + (size_t)h)
			top = at - (size_t)h + 2;
	}
	if (t.n <= (size_t)h)
		top = 0;
	else if (top > t.n - (size_t)h)
		top = t.n - (size_t)h;
	for (i = top; i < t.n && (int)(i - top) < h; i++) {
		l = &t.v[i];
		if (l->fill)
			ui_fill(y + (int)(i - top), 0, COLS, l->fill);
		for (k = 0; k < l->nseg; k++)
			ui_text(y + (int)(i - top), l->seg[k].x, l->seg[k].w,
			    l->seg[k].text, l->seg[k].attr | l->fill);
	}
	if (top > 0)
		ui_text(y, COLS - 1, 1, "^", A_BOLD);
	if (top + (size_t)h < t.n)
		ui_text(y + h - 1, COLS - 1, 1, "v", A_BOLD);
	dtext_free(&t);
	ui_text(LINES - 1, 0, COLS, r->drevs ? "Up/Down choose  Enter open  "
	    "v items  q back  ? help" : "j/k scroll  c compare  v revisions  "
	    "a amend  t trend  q back  ? help", ui_attr(ui, UI_DIM));
}

/* Keys. */

static void
scroll_by(struct ui *ui, long by)
{
	struct ui_review *r = &ui->review;
	struct dtext	 t;
	long		 top = (long)r->dtop + by, max;

	memset(&t, 0, sizeof(t));
	build(ui, &t);
	max = (long)t.n - body_rows();
	dtext_free(&t);
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	r->dtop = (size_t)top;
}

static void
act_down(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	const struct hist_session **v;
	size_t	 n;

	if (r->drevs) {
		n = history_revisions(r->dlatest, &v);
		free(v);
		if (r->drcur + 1 < n)
			r->drcur++;
		return;
	}
	scroll_by(ui, 1);
}

static void
act_up(struct ui *ui)
{
	struct ui_review *r = &ui->review;

	if (r->drevs) {
		if (r->drcur > 0)
			r->drcur--;
		return;
	}
	scroll_by(ui, -1);
}

static void
act_pgdn(struct ui *ui)
{
	scroll_by(ui, body_rows() - 1);
}

static void
act_pgup(struct ui *ui)
{
	scroll_by(ui, -(body_rows() - 1));
}

static void
act_home(struct ui *ui)
{
	ui->review.dtop = 0;
	if (ui->review.drevs)
		ui->review.drcur = 0;
}

static void
act_end(struct ui *ui)
{
	const struct hist_session **v;
	size_t	 n;

	if (ui->review.drevs) {
		n = history_revisions(ui->review.dlatest, &v);
		free(v);
		ui->review.drcur = n > 0 ? n - 1 : 0;
		return;
	}
	scroll_by(ui, 1000000);
}

static void
act_compare(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	int	 next;

	if (r->drevs)
		return;
	if (r->dhs->sc == NULL) {
		ui_error(ui, "This session cannot be scored: nothing to "
		    "compare.");
		return;
	}
	for (next = r->dcmp + 1; next <= 2; next++)
		if (other(ui, next) != NULL)
			break;
	if (next > 2) {
		if (r->dcmp == 0)
			ui_error(ui, "No baseline or previous session to "
			    "compare with: this is the first session of the "
			    "scale.");
		r->dcmp = 0;
	} else
		r->dcmp = next;
	r->dtop = 0;
}

static void
act_revisions(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	const struct hist_session **v;
	size_t	 n, i;

	r->drevs = !r->drevs;
	r->dtop = 0;
	if (r->drevs) {
		n = history_revisions(r->dlatest, &v);
		r->drcur = n > 0 ? n - 1 : 0;
		for (i = 0; i < n; i++)
			if (v[i] == r->dhs)
				r->drcur = i;
		free(v);
	}
}

static void
act_open(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	const struct hist_session **v;
	size_t	 n;

	if (!r->drevs)
		return;
	n = history_revisions(r->dlatest, &v);
	if (r->drcur < n) {
		r->dhs = (struct hist_session *)v[r->drcur];
		r->drevs = 0;
		r->dcmp = 0;
		r->dtop = 0;
	}
	free(v);
}

static void
act_amend(struct ui *ui)
{
	ui_review_amend(ui, ui->review.dhs);
}

static void
act_trend(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	const struct hist_group *g;

	long	 k;

	g = history_group(r->hp, r->dlatest->s->scale_id);
	if (g == NULL || r->dlatest->sc == NULL ||
	    r->dlatest->sc->nscores == 0) {
		ui_error(ui, "This session has no score to chart.");
		return;
	}
	/* Categories and codes have no trend (issue 14.6). */
	if ((k = scale_first_measure(r->dlatest->sc)) < 0) {
		ui_error(ui, "This scale's scores are categories or codes: "
		    "nothing to chart.");
		return;
	}
	ui_review_trend(ui, g, r->dlatest,
	    r->dlatest->sc->scores[k].id);
}

static void
act_back(struct ui *ui)
{
	struct ui_review *r = &ui->review;

	if (r->drevs) {
		r->drevs = 0;
		r->dtop = 0;
	} else if (r->dhs != r->dlatest) {
		r->dhs = r->dlatest;
		r->dtop = 0;
	} else
		ui_go(ui, r->dback == UI_SCREEN_TREND ? UI_SCREEN_TREND :
		    UI_SCREEN_HISTORY);
}

static void
detail_key(struct ui *ui, int key)
{
	ui_bind(ui, bindings, key);
}
