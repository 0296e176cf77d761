/*
 * ui_summary.c: after the last item: every item with its answer
 * (unanswered ones highlighted), every score with all its bands, every
 * raised flag.  Any item can be reopened; `s` saves, asking first when
 * items are missing and naming them and the scores that will be NA.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "ui_screen.h"

static void	 summary_draw(const struct ui *);
static void	 summary_key(struct ui *, int);
static void	 summary_enter(struct ui *);
static void	 act_open(struct ui *);
static void	 act_up(struct ui *);
static void	 act_down(struct ui *);
static void	 act_home(struct ui *);
static void	 act_end(struct ui *);
static void	 act_back(struct ui *);
static void	 act_backspace(struct ui *);
static void	 act_escape(struct ui *);
static void	 act_save(struct ui *);
static void	 act_goto(struct ui *);
static void	 open_item(struct ui *, size_t);
static long	 by_number(const struct ui *, const char *);
static void	 goto_done(struct ui *, int, const char *);
static void	 save(struct ui *);
static void	 save_done(struct ui *, int, const char *);
static void	 answer_text(const struct ui *, size_t, char *, size_t,
		    char *, size_t, enum ui_role *);

static const struct ui_binding bindings[] = {
	{ '\n', act_open },
	{ UI_FN(KEY_ENTER), act_open },
	{ UI_FN(KEY_RIGHT), act_open },
	{ 'l', act_open },
	{ UI_FN(KEY_UP), act_up },
	{ 'k', act_up },
	{ UI_FN(KEY_DOWN), act_down },
	{ 'j', act_down },
	{ UI_FN(KEY_HOME), act_home },
	{ UI_FN(KEY_END), act_end },
	{ UI_FN(KEY_LEFT), act_back },
	{ 'h', act_back },
	{ UI_FN(KEY_BACKSPACE), act_backspace },
	{ 0x7f, act_backspace },
	{ UI_CTRL('h'), act_backspace },
	{ UI_ESC, act_escape },
	{ 'g', act_goto },
	{ 's', act_save },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 'q', ui_ask_leave },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "Up Down k j", "move over the items" },
	{ "Enter Right l", "reopen the item under the cursor (after its "
	    "answer, back here)" },
	{ "1-9 ...", "reopen an item by number (at once when no other "
	    "number starts the same way, else Enter)" },
	{ "g", "reopen an item by number or id" },
	{ "Left h Backspace", "back to the last item" },
	{ "s", "save the session (asks first when items are missing, "
	    "naming them and the scores that will be NA)" },
	{ "? F1", "this help" },
	{ "q", "leave; the draft is kept and offered next time" },
	{ NULL, NULL }
};

const struct screen ui_summary_screen = {
	"summary", summary_draw, summary_key, summary_enter, help
};

static void
summary_enter(struct ui *ui)
{
	size_t	 first = rating_first_unanswered(ui->rating);

	ui->sum_cur = first < ui->rating->scale->nitems ? first : 0;
	ui->sum_entry[0] = '\0';
}

static void
open_item(struct ui *ui, size_t n)
{
	char	*cause = NULL;

	if (rating_goto(ui->rating, n, &cause) == -1) {
		if (ui->rating->cur < ui->rating->scale->nitems &&
		    ui->rating->cur == n - 1) {
			/* Moved; only the journal complained. */
			ui_error_cause(ui, cause);
		} else {
			ui_error_cause(ui, cause);
			return;
		}
	}
	ui->from_summary = 1;
	ui_go(ui, UI_SCREEN_ITEM);
}

/* The item a paper number names, the shown one of 16A/16B first; -1. */
static long
by_number(const struct ui *ui, const char *text)
{
	const struct scale *sc = ui->rating->scale;
	long		 i, j;

	if ((i = scale_item_by_number(sc, text, 0)) == -1)
		return -1;
	for (j = i; j != -1; j = scale_item_by_number(sc, text, (size_t)j + 1))
		if (result_item_shown(ui->rating->result, (size_t)j))
			return j;
	return i;
}

static void
act_open(struct ui *ui)
{
	long	 n;

	if (ui->sum_entry[0] != '\0') {
		n = by_number(ui, ui->sum_entry);
		ui->sum_entry[0] = '\0';
		open_item(ui, (size_t)n + 1);
		return;
	}
	open_item(ui, ui->sum_cur + 1);
}

static void
act_up(struct ui *ui)
{
	if (ui->sum_cur > 0)
		ui->sum_cur--;
}

static void
act_down(struct ui *ui)
{
	if (ui->sum_cur + 1 < ui->rating->scale->nitems)
		ui->sum_cur++;
}

static void
act_home(struct ui *ui)
{
	ui->sum_cur = 0;
}

static void
act_end(struct ui *ui)
{
	ui->sum_cur = ui->rating->scale->nitems - 1;
}

static void
act_back(struct ui *ui)
{
	size_t	 i = ui->rating->scale->nitems;

	ui->sum_entry[0] = '\0';
	while (i > 0 && !result_item_shown(ui->rating->result, i - 1))
		i--;
	if (i > 0)
		open_item(ui, i);
	ui->from_summary = 0;
}

static void
act_backspace(struct ui *ui)
{
	size_t	 len = strlen(ui->sum_entry);

	if (len > 0)
		ui->sum_entry[len - 1] = '\0';
	else
		act_back(ui);
}

static void
act_escape(struct ui *ui)
{
	ui->sum_entry[0] = '\0';
}

static void
goto_done(struct ui *ui, int ok, const char *text)
{
	char	*cause = NULL;
	long	 i;

	if (!ok || text == NULL || *text == '\0')
		return;
	if ((i = by_number(ui, text)) != -1 ||
	    (i = scale_item_index(ui->rating->scale, text)) != -1) {
		open_item(ui, (size_t)i + 1);
		return;
	}
	cause = xasprintf("'%.20s' is not an item number (1 to %zu) or id",
	    text, ui->rating->scale->npaper);
	ui_error_cause(ui, cause);
}

static void
act_goto(struct ui *ui)
{
	char	*q;

	q = xasprintf("Reopen item (1-%zu):", ui->rating->scale->npaper);
	ui_ask_line(ui, q, NULL, goto_done);
	free(q);
}

static void
save(struct ui *ui)
{
	char	*cause = NULL;

	if (rating_save(ui->rating, &cause) == -1) {
		ui_error(ui, "Not saved: %s.  The draft is kept; s tries "
		    "again.", cause);
		free(cause);
		return;
	}
	if (cause != NULL)
		ui_error_cause(ui, cause);
	ui_show_saved(ui);
}

static void
save_done(struct ui *ui, int yes, const char *text)
{
	(void)text;
	if (yes)
		save(ui);
}

static void
act_save(struct ui *ui)
{
	char	*missing, *q;

	if (ui->rating->dry_run) {
		ui_status(ui, "A dry run saves nothing; q leaves and prints "
		    "the answers and scores.");
		return;
	}
	if ((missing = rating_incomplete_text(ui->rating)) == NULL) {
		save(ui);
		return;
	}
	q = xasprintf("Save an incomplete session?  %s", missing);
	ui_ask_yesno(ui, q, save_done);
	free(q);
	free(missing);
}


static void
summary_key(struct ui *ui, int key)
{
	size_t	 len = strlen(ui->sum_entry), n = ui->rating->scale->npaper;
	long	 v;

	if (key >= '0' && key <= '9') {
		if (len + 1 >= sizeof(ui->sum_entry) || (len == 0 &&
		    key == '0'))
			return;
		ui->sum_entry[len] = (char)key;
		ui->sum_entry[len + 1] = '\0';
		if (parse_int(ui->sum_entry, 0, 100000, &v) == -1 ||
		    (size_t)v > n) {
			ui->sum_entry[0] = '\0';
			ui_error(ui, "There is no item %ld (items 1 to %zu).",
			    v, n);
			return;
		}
		/* At once unless a longer number could follow. */
		if ((size_t)v * 10 > n)
			act_open(ui);
		return;
	}
	ui_bind(ui, bindings, key);
}

/* Drawing. */

/* The answer of item i in buf; in tail what must never be cut (the
 * old answer of an amended item, "" otherwise). */
static void
answer_text(const struct ui *ui, size_t i, char *buf, size_t len,
    char *tail, size_t tlen, enum ui_role *role)
{
	const struct rating *r = ui->rating;
	const struct item *it = &r->scale->items[i];
	const struct answer *a = &r->session->answers[i];
	const char	*label;
	char		 v[64];

	*role = UI_NORMAL;
	tail[0] = '\0';
	if (!result_item_shown(r->result, i)) {
		snprintf(buf, len, "skipped  (not asked)");
		*role = UI_DIM;
		return;
	}
	switch (a->kind) {
	case ANS_VALUE:
		if (it->type == ITEM_MULTI) {
			struct buf	 lb;

			buf_init(&lb);
			scale_answer_labels(it, a, &lb);
			snprintf(buf, len, "%s  %s", scale_answer_str(a, v,
			    sizeof(v)), lb.data);
			buf_free(&lb);
			break;
		}
		fmt_num(v, sizeof(v), a->value);
		label = scale_option_label(it, a->value);
		snprintf(buf, len, "%s%s%s", v, label != NULL ? "  " : "",
		    label != NULL ? label : "");
		break;
	case ANS_TEXT:
		snprintf(buf, len, "\"%s\"", a->text);
		break;
	case ANS_NA:
		snprintf(buf, len, "na  (not applicable)");
		break;
	case ANS_UNK:
		snprintf(buf, len, "unk  (unknown)");
		break;
	case ANS_REF:
		snprintf(buf, len, "ref  (declined)");
		break;
	default:
		if (it->type == ITEM_TEXT) {
			snprintf(buf, len, "-  (no text)");
			*role = UI_DIM;
		} else {
			snprintf(buf, len, "--  UNANSWERED");
			*role = UI_MISSING;
		}
		break;
	}
	/* An amendment: what the revision amended held. */
	if (rating_item_is_amended(r, i) && r->orig != NULL) {
		struct buf	 was;

		buf_init(&was);
		session_encode_answer(&r->orig->answers[i], &was);
		snprintf(tail, tlen, "  (was %s)", was.len > 0 ?
		    was.data : "-");
		buf_free(&was);
		if (*role == UI_NORMAL)
			*role = UI_WARNING;
	}
}

static void
summary_draw(const struct ui *ui)
{
	const struct rating *r = ui->rating;
	const struct scale *sc = r->scale;
	char		 buf[512], line[64], tail[128];
	size_t		 i, top = 0, nmiss;
	int		 w, h, y, bottom, srows, nw, aw, right, prov, wide;
	int		 row;
	enum ui_role	 role;
	attr_t		 at;

	wide = ui_is_wide();
	w = wide ? COLS - ui_side_cols() - 1 : COLS;
	right = 7;
	ui_text(0, w - right, right, "Summary", A_BOLD);
	prov = sc->status != NULL && strcmp(sc->status, "provisional") == 0 ?
	    13 : 0;
	if (prov)
		ui_text(0, w - right - prov, 12, " PROVISIONAL",
		    ui_attr(ui, UI_PROVISIONAL));
	ui_text(0, 0, w - right - prov - 1, sc->title, ui_attr(ui, UI_TITLE));
	ui_rating_header(ui, 1, w);
	nmiss = rating_nmissing(r);
	if (r->amend)
		snprintf(buf, sizeof(buf), "Amendment: %zu item%s changed "
		    "(\"was\" shows the old answer; a note counts too).  s "
		    "saves revision %d.", rating_amend_changes(r),
		    rating_amend_changes(r) == 1 ? "" : "s",
		    r->session->revision);
	else if (nmiss == 0)
		snprintf(buf, sizeof(buf), "Complete: every item has an "
		    "answer or a missing code.  s saves.");
	else
		snprintf(buf, sizeof(buf), "%zu item%s unanswered.  s saves "
		    "(after asking).", nmiss, nmiss == 1 ? "" : "s");
	ui_text(2, 0, w, buf, nmiss && !r->amend ? ui_attr(ui, UI_MISSING) :
	    A_BOLD);

	bottom = LINES - 1;
	if (!wide) {
		/* Every score, if need be at the cost of item rows (two
		 * are kept). */
		srows = ui_scores_nlines(ui, 1);
		if (srows > LINES / 3 && srows > LINES - 7)
			srows = LINES / 3 > LINES - 7 ? LINES / 3 :
			    LINES - 7;
		bottom -= srows;
		ui_scores_lines(ui, bottom, srows, 1);
		bottom--;
	}
	y = 3;
	h = bottom - y;
	nw = 1;
	for (i = 0; i < sc->nitems; i++)
		if ((int)strlen(sc->items[i].number) > nw)
			nw = (int)strlen(sc->items[i].number);
	/* The answer column: as wide as the widest answer, within
	 * limits. */
	aw = 14;
	for (i = 0; i < sc->nitems; i++) {
		answer_text(ui, i, buf, sizeof(buf), tail, sizeof(tail),
		    &role);
		if (ui_text_width(buf) + ui_text_width(tail) + 1 > aw)
			aw = ui_text_width(buf) + ui_text_width(tail) + 1;
	}
	if (aw > w / 2)
		aw = w / 2;
	if (h > 0 && ui->sum_cur >= (size_t)h)
		top = ui->sum_cur - (size_t)h + 1;
	for (row = 0, i = top; i < sc->nitems && row < h; i++, row++) {
		at = i == ui->sum_cur ? A_REVERSE : A_NORMAL;
		if (i == ui->sum_cur)
			ui_fill(y + row, 0, w, at);
		snprintf(line, sizeof(line), "%c%*s%c ", i == ui->sum_cur ?
		    '>' : ' ', nw, sc->items[i].number,
		    r->session->notes[i] != NULL ? '+' : ' ');
		ui_text(y + row, 0, w, line, at);
		/* Up to the column before the scroll marks. */
		ui_text(y + row, nw + 3, w - nw - 6 - aw, sc->items[i].text,
		    at);
		answer_text(ui, i, buf, sizeof(buf), tail, sizeof(tail),
		    &role);
		ui_text_fit(y + row, w - aw, aw, buf, at | ui_attr(ui, role),
		    tail, at | ui_attr(ui, role));
	}
	if (top > 0)
		ui_text(y, w - aw - 2, 1, "^", A_BOLD);
	if (top + (size_t)h < sc->nitems)
		ui_text(y + h - 1, w - aw - 2, 1, "v", A_BOLD);

	if (wide) {
		mvvline(0, w, ACS_VLINE, LINES - 1);
		ui_scores_panel(ui, 0, w + 2, LINES - 1, ui_side_cols() - 2,
		    1);
	}
	if (ui->sum_entry[0] != '\0')
		snprintf(buf, sizeof(buf), "Item %s_  (Enter opens it, Escape "
		    "erases)", ui->sum_entry);
	else
		snprintf(buf, sizeof(buf), "Enter/number reopen  s save  "
		    "Left last item  ? help  q leave  (+ = note)");
	if (ui->status == NULL)
		ui_text(LINES - 1, 0, COLS, buf, ui->sum_entry[0] ? A_BOLD :
		    ui_attr(ui, UI_DIM));
}
