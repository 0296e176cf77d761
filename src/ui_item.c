/*
 * ui_item.c: the item screen: one item of the scale, its anchors, the
 * running scores and flags; one keystroke per item.
 *
 * Typing an option's value selects it and moves on as soon as no other
 * option starts with what was typed ("2" on PHQ-9 at once; "1" waits
 * when "1.5" exists, and "1.5" is then taken without Enter); otherwise
 * the typed text stays on an entry line until Enter.  Number items are
 * typed and confirmed with Enter; text items are edited on a prompt.
 * On a multi item an option's value (or Space on the marked one)
 * toggles it, and Enter records the options ticked (none is an answer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "ui_screen.h"

static void	 item_draw(const struct ui *);
static void	 item_key(struct ui *, int);
static void	 item_enter(struct ui *);
static void	 sync(struct ui *, int);
static void	 typed_char(struct ui *, int);
static int	 starts_entry(const struct item *, int);
static void	 act_select(struct ui *);
static void	 act_up(struct ui *);
static void	 act_down(struct ui *);
static void	 act_back(struct ui *);
static void	 act_backspace(struct ui *);
static void	 act_next(struct ui *);
static void	 act_goto(struct ui *);
static void	 act_missing(struct ui *);
static void	 act_note(struct ui *);
static void	 act_text(struct ui *);
static void	 act_clear(struct ui *);
static void	 act_escape(struct ui *);
static void	 act_summary(struct ui *);
static long	 answer_opt(const struct ui *);
static int	 done(struct ui *, int, char **, int);
static void	 goto_done(struct ui *, int, const char *);
static void	 missing_done(struct ui *, int, const char *);
static void	 note_done(struct ui *, int, const char *);
static void	 text_done(struct ui *, int, const char *);
static const char *missing_name(enum answer_kind);
static int	 key_width(const struct item *);
static void	 draw_options(const struct ui *, const struct item *, int, int,
		    int);
static void	 hint(const struct item *, char *, size_t);
static void	 unused_key(struct ui *, const struct item *, int);
static size_t	 first_shown(const struct rating *);
static void	 act_instructions(struct ui *);
static void	 act_space(struct ui *);
static void	 multi_typed(struct ui *);
static void	 multi_toggle(struct ui *, size_t);
static char	*multi_text(const struct item *, unsigned long long);
static int	 draw_range(const struct ui *, const struct item *,
		    const struct answer *, int, int);

static const struct ui_binding bindings[] = {
	{ '\n', act_select },
	{ UI_FN(KEY_ENTER), act_select },
	{ UI_FN(KEY_UP), act_up },
	{ 'k', act_up },
	{ UI_FN(KEY_DOWN), act_down },
	{ 'j', act_down },
	{ UI_FN(KEY_LEFT), act_back },
	{ 'h', act_back },
	{ UI_FN(KEY_BACKSPACE), act_backspace },
	{ 0x7f, act_backspace },
	{ UI_CTRL('h'), act_backspace },
	{ UI_FN(KEY_RIGHT), act_next },
	{ 'l', act_next },
	{ 'g', act_goto },
	{ 'x', act_missing },
	{ 'n', act_note },
	{ 'e', act_text },
	{ UI_FN(KEY_DC), act_clear },
	{ UI_ESC, act_escape },
	{ '\t', act_summary },
	{ UI_FN(KEY_END), act_summary },
	{ '?', ui_help },
	{ 'i', act_instructions },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 'q', ui_ask_leave },
	{ ' ', act_space },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "0-9 . -", "type the value of an option: it is taken and the "
	    "next item comes up as soon as no other option starts the same "
	    "way (\"2\" at once; \"1\" waits if 1.5 exists, \"1.5\" is "
	    "then taken); otherwise Enter confirms.  Number items: type "
	    "the number, then Enter" },
	{ "Space", "multi items: tick or untick the option under the "
	    "cursor (typing an option's value does the same); Enter "
	    "records the options ticked, none ticked included" },
	{ "Up Down k j", "move the cursor over the options" },
	{ "Enter", "select the option under the cursor (or confirm "
	    "what was typed); on a text item, type its text" },
	{ "e", "type or change the text of a text item" },
	{ "Left h Backspace", "back to the previous item (Backspace first "
	    "erases what was typed)" },
	{ "Right l", "on to the next item without answering" },
	{ "g", "go to an item by number (or id)" },
	{ "x", "record a missing code: n = na (not applicable), u = unk "
	    "(unknown), r = ref (declined)" },
	{ "n", "write or change the note on this item (empty removes it)" },
	{ "Delete", "clear this item's answer" },
	{ "Escape", "erase what was typed" },
	{ "Tab End", "to the summary" },
	{ "? F1 i", "the scale's instructions and this item's help in "
	    "full, then this help" },
	{ "Ctrl-C", "asks: k keeps the draft and leaves, d discards it "
	    "(asks first), Escape goes on; a second Ctrl-C leaves at once, "
	    "the draft kept" },
	{ "q", "leave; the draft is kept and offered next time" },
	{ NULL, NULL }
};

const struct screen ui_item_screen = {
	"item", item_draw, item_key, item_enter, help
};

/* Index of the option holding the current answer, or -1. */
static long
answer_opt(const struct ui *ui)
{
	const struct item *it = rating_item(ui->rating);
	const struct answer *a;
	size_t		 i;

	if (it == NULL)
		return -1;
	a = &ui->rating->session->answers[ui->rating->cur];
	if (a->kind != ANS_VALUE || it->type == ITEM_MULTI)
		return -1;
	for (i = 0; i < it->nopts; i++)
		if (num_eq(it->opts[i].value, a->value))
			return (long)i;
	return -1;
}

static void
item_enter(struct ui *ui)
{
	long	 o;

	if (rating_at_end(ui->rating)) {
		ui_go(ui, UI_SCREEN_SUMMARY);
		return;
	}
	const struct item *it = rating_item(ui->rating);
	const struct answer *a;
	size_t	 i;

	ui->entry[0] = '\0';
	ui->opt_item = ui->rating->cur;
	o = answer_opt(ui);
	ui->opt_cur = o >= 0 ? (size_t)o : 0;
	/* A multi item: the ticks start as recorded. */
	ui->multi_sel = 0;
	a = &ui->rating->session->answers[ui->rating->cur];
	if (it->type == ITEM_MULTI && a->kind == ANS_VALUE &&
	    a->text != NULL)
		for (i = 0; i < it->nopts; i++)
			if (expr_set_has(a->text, it->opts[i].value))
				ui->multi_sel |= 1ULL << i;
}

/* Ticks or unticks option i of the multi item. */
static void
multi_toggle(struct ui *ui, size_t i)
{
	ui->multi_sel ^= 1ULL << i;
	ui->opt_cur = i;
}

/* The ticks as an answer: "1+3", or "none"; caller frees. */
static char *
multi_text(const struct item *it, unsigned long long sel)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < it->nopts; i++)
		if (sel & (1ULL << i))
			buf_printf(&b, "%s%s", b.len > 0 ? "+" : "",
			    it->opts[i].key);
	if (b.len == 0)
		buf_puts(&b, "none");
	return buf_take(&b);
}

static void
act_space(struct ui *ui)
{
	const struct item *it = rating_item(ui->rating);

	if (it == NULL)
		return;
	if (it->type != ITEM_MULTI || it->nopts == 0) {
		unused_key(ui, it, ' ');
		return;
	}
	ui->entry[0] = '\0';
	multi_toggle(ui, ui->opt_cur);
}

/* After an action: follow the rating to the summary or a new item. */
static void
sync(struct ui *ui, int answered)
{
	if (answered && ui->from_summary) {
		/* An answer that brings items back asks them first, then
		 * returns to the summary (issue 14.4). */
		size_t	 k = rating_next_revealed(ui->rating);
		char	*cause = NULL;

		if (k < ui->rating->scale->nitems) {
			/* A failed position event is only reported. */
			if (rating_goto(ui->rating, k + 1, &cause) == -1)
				ui_error_cause(ui, cause);
			item_enter(ui);
			return;
		}
		ui->from_summary = 0;
		rating_to_end(ui->rating);
	}
	if (rating_at_end(ui->rating)) {
		ui->from_summary = 0;
		ui_go(ui, UI_SCREEN_SUMMARY);
		return;
	}
	if (ui->opt_item != ui->rating->cur)
		item_enter(ui);
}

/* Runs a rating action that may fail; shows the cause. */
static int
done(struct ui *ui, int rc, char **cause, int answered)
{
	if (rc == -1)
		ui_error_cause(ui, *cause);
	else
		free(*cause);
	*cause = NULL;
	sync(ui, rc == 0 && answered);
	return rc;
}

static int
starts_entry(const struct item *it, int key)
{
	size_t	 i;

	if (key >= '0' && key <= '9')
		return it->type != ITEM_TEXT;
	if (key != '.' && key != '-')
		return 0;
	if (it->type == ITEM_NUMBER)
		return 1;
	for (i = 0; i < it->nopts; i++)
		if (strchr(it->opts[i].key, key) != NULL)
			return 1;
	return 0;
}

/* On a multi item: the option typed is ticked or unticked. */
static void
multi_typed(struct ui *ui)
{
	const struct item *it = rating_item(ui->rating);
	size_t		 i;
	double		 v;

	for (i = 0; i < it->nopts; i++)
		if (strcmp(it->opts[i].key, ui->entry) == 0 ||
		    (parse_number(ui->entry, &v) == 0 &&
		    num_eq(it->opts[i].value, v)))
			break;
	if (i == it->nopts)
		ui_error(ui, "%s is not one of the options.", ui->entry);
	else
		multi_toggle(ui, i);
	ui->entry[0] = '\0';
}

static void
typed_char(struct ui *ui, int key)
{
	char	*cause = NULL, text[64];
	size_t	 len = strlen(ui->entry);

	if (len + 2 >= sizeof(ui->entry))
		return;
	ui->entry[len] = (char)key;
	ui->entry[len + 1] = '\0';
	if (rating_item(ui->rating)->type == ITEM_MULTI &&
	    rating_typed(ui->rating, ui->entry) != RATING_TYPED_PREFIX) {
		multi_typed(ui);
		return;
	}
	switch (rating_typed(ui->rating, ui->entry)) {
	case RATING_TYPED_COMPLETE:
		snprintf(text, sizeof(text), "%s", ui->entry);
		ui->entry[0] = '\0';
		done(ui, rating_enter(ui->rating, text, &cause), &cause, 1);
		break;
	case RATING_TYPED_INVALID:
		/* Not an option as written ("00"): the scale decides. */
		if (rating_enter(ui->rating, ui->entry, &cause) == 0) {
			ui->entry[0] = '\0';
			sync(ui, 1);
		} else {
			ui->entry[0] = '\0';
			ui_error_cause(ui, cause);
		}
		break;
	case RATING_TYPED_PREFIX:
		break;
	}
}

static void
act_select(struct ui *ui)
{
	const struct item *it = rating_item(ui->rating);
	char		*cause = NULL, text[64];

	if (it == NULL)
		return;
	if (ui->entry[0] != '\0' && it->type == ITEM_MULTI) {
		multi_typed(ui);	/* "1" waiting for "10": take it */
		return;
	}
	if (ui->entry[0] != '\0') {
		snprintf(text, sizeof(text), "%s", ui->entry);
		ui->entry[0] = '\0';
		done(ui, rating_enter(ui->rating, text, &cause), &cause, 1);
		return;
	}
	if (it->type == ITEM_MULTI) {
		char	*t = multi_text(it, ui->multi_sel);

		done(ui, rating_enter(ui->rating, t, &cause), &cause, 1);
		free(t);
		return;
	}
	if (it->type == ITEM_TEXT) {
		act_text(ui);
		return;
	}
	if (it->nopts == 0) {
		ui_error(ui, "Type a number (%g to %g), then Enter.", it->min,
		    it->max);
		return;
	}
	done(ui, rating_enter(ui->rating, it->opts[ui->opt_cur].key,
	    &cause), &cause, 1);
}

static void
act_up(struct ui *ui)
{
	if (ui->opt_cur > 0)
		ui->opt_cur--;
}

static void
act_down(struct ui *ui)
{
	const struct item *it = rating_item(ui->rating);

	if (it != NULL && ui->opt_cur + 1 < it->nopts)
		ui->opt_cur++;
}

static void
act_back(struct ui *ui)
{
	char	*cause = NULL;

	ui->entry[0] = '\0';
	ui->from_summary = 0;
	done(ui, rating_back(ui->rating, &cause), &cause, 0);
}

static void
act_backspace(struct ui *ui)
{
	size_t	 len = strlen(ui->entry);

	if (len > 0)
		ui->entry[len - 1] = '\0';
	else
		act_back(ui);
}

static void
act_next(struct ui *ui)
{
	char	*cause = NULL;

	ui->entry[0] = '\0';
	ui->from_summary = 0;
	done(ui, rating_next(ui->rating, &cause), &cause, 0);
}

static void
goto_done(struct ui *ui, int ok, const char *text)
{
	char	*cause = NULL;

	if (!ok || text == NULL || *text == '\0')
		return;
	ui->from_summary = 0;
	done(ui, rating_goto_text(ui->rating, text, &cause), &cause, 0);
}

static void
act_goto(struct ui *ui)
{
	char	*q;

	q = xasprintf("Go to item (1-%zu):", ui->rating->scale->npaper);
	ui_ask_line(ui, q, NULL, goto_done);
	free(q);
}

static void
missing_done(struct ui *ui, int key, const char *text)
{
	char			*cause = NULL;
	enum answer_kind	 kind;

	(void)text;
	switch (key) {
	case 'n':
	case 'a':
		kind = ANS_NA;
		break;
	case 'u':
		kind = ANS_UNK;
		break;
	case 'r':
		kind = ANS_REF;
		break;
	default:
		return;
	}
	done(ui, rating_missing(ui->rating, kind, &cause), &cause, 1);
}

static void
act_missing(struct ui *ui)
{
	const struct item *it = rating_item(ui->rating);
	struct buf	 b;

	ui->entry[0] = '\0';
	if (it->type == ITEM_TEXT || (it->missing & MISSING_ALL) == 0) {
		ui_error(ui, "%s takes no missing code.", it->id);
		return;
	}
	buf_init(&b);
	buf_puts(&b, "Missing code:");
	if (it->missing & MISSING_NA)
		buf_puts(&b, " n = na (not applicable),");
	if (it->missing & MISSING_UNK)
		buf_puts(&b, " u = unk (unknown),");
	if (it->missing & MISSING_REF)
		buf_puts(&b, " r = ref (declined),");
	buf_puts(&b, " Escape = cancel");
	ui_ask_key(ui, b.data, missing_done);
	buf_free(&b);
}

static void
note_done(struct ui *ui, int ok, const char *text)
{
	char	*cause = NULL;

	if (!ok)
		return;
	if (rating_note(ui->rating, text, &cause) == -1)
		ui_error_cause(ui, cause);
	else
		ui_status(ui, text != NULL && *text != '\0' ? "Note saved." :
		    "Note removed.");
}

static void
act_note(struct ui *ui)
{
	const char	*old = ui->rating->session->notes[ui->rating->cur];
	char		*q;

	q = xasprintf("Note on item %s (Enter keeps, Escape cancels):",
	    ui->rating->scale->items[ui->rating->cur].number);
	ui_ask_line(ui, q, old, note_done);
	free(q);
}

static void
text_done(struct ui *ui, int ok, const char *text)
{
	char	*cause = NULL;

	if (!ok)
		return;
	done(ui, rating_enter(ui->rating, text, &cause), &cause, 1);
}

static void
act_text(struct ui *ui)
{
	const struct item *it = rating_item(ui->rating);
	const struct answer *a;
	char		*q;

	if (it == NULL || it->type != ITEM_TEXT) {
		ui_error(ui, "This is not a text item.");
		return;
	}
	a = &ui->rating->session->answers[ui->rating->cur];
	q = xasprintf("Text for item %s (Enter keeps, Escape cancels):",
	    it->number);
	ui_ask_line(ui, q, a->kind == ANS_TEXT ? a->text : NULL, text_done);
	free(q);
}

static void
act_clear(struct ui *ui)
{
	char	*cause = NULL;

	ui->entry[0] = '\0';
	if (rating_clear(ui->rating, &cause) == -1)
		ui_error_cause(ui, cause);
	else {
		ui->multi_sel = 0;	/* nothing ticked either */
		ui_status(ui, "Answer cleared.");
	}
}

static void
act_escape(struct ui *ui)
{
	ui->entry[0] = '\0';
}

static void
act_summary(struct ui *ui)
{
	ui->entry[0] = '\0';
	ui->from_summary = 0;
	rating_to_end(ui->rating);
	ui_go(ui, UI_SCREEN_SUMMARY);
}

/* The first item shown (show-if), where the instructions go. */
static size_t
first_shown(const struct rating *r)
{
	size_t	 i;

	for (i = 0; i < r->scale->nitems; i++)
		if (result_item_shown(r->result, i))
			return i;
	return 0;
}

static void
act_instructions(struct ui *ui)
{
	ui->entry[0] = '\0';
	ui_help(ui);
}

/*
 * A key with no meaning here records nothing (a space or a word typed
 * by mistake must never become an answer): it says what does.
 */
static void
unused_key(struct ui *ui, const struct item *it, int key)
{
	char	 k[16];

	ui->entry[0] = '\0';
	if (key == ' ')
		snprintf(k, sizeof(k), "Space");
	else if (!(key & UI_FN(0)) && key > 0x20 && key < 0x7f)
		snprintf(k, sizeof(k), "'%c'", key);
	else
		snprintf(k, sizeof(k), "That key");
	if (it->type == ITEM_TEXT)
		ui_status(ui, "%s records nothing: Enter or e types the "
		    "text, ? lists the keys.", k);
	else if (it->type == ITEM_NUMBER || it->nopts == 0)
		ui_status(ui, "%s records nothing: type the number, then "
		    "Enter; ? lists the keys.", k);
	else if (it->type == ITEM_MULTI)
		ui_status(ui, "%s records nothing: type an option's value "
		    "(%s-%s) or Space to tick it, Enter to record; ? lists "
		    "the keys.", k, it->opts[0].key,
		    it->opts[it->nopts - 1].key);
	else
		ui_status(ui, "%s records nothing: type an option's value "
		    "(%s-%s) or Enter on the marked one; ? lists the keys.",
		    k, it->opts[0].key, it->opts[it->nopts - 1].key);
}

static void
item_key(struct ui *ui, int key)
{
	const struct item *it = rating_item(ui->rating);

	if (it == NULL)
		return;
	if (!(key & UI_FN(0)) && starts_entry(it, key)) {
		typed_char(ui, key);
		return;
	}
	if (!ui_bind(ui, bindings, key))
		unused_key(ui, it, key);
}

/* Drawing. */

static const char *
missing_name(enum answer_kind k)
{
	switch (k) {
	case ANS_NA:
		return "na (not applicable)";
	case ANS_UNK:
		return "unk (unknown)";
	case ANS_REF:
		return "ref (declined)";
	default:
		return "";
	}
}

/* Widest option key, for alignment. */
static int
key_width(const struct item *it)
{
	size_t	 i;
	int	 w = 1, k;

	for (i = 0; i < it->nopts; i++)
		if ((k = ui_text_width(it->opts[i].key)) > w)
			w = k;
	return w;
}

static void
draw_options(const struct ui *ui, const struct item *it, int y, int h,
    int w)
{
	long		 ans = answer_opt(ui);
	size_t		 i, top = 0;
	int		 kw = key_width(it), row;
	char		 line[64];
	attr_t		 a;

	if (h <= 0)
		return;
	if (ui->opt_cur >= (size_t)h)
		top = ui->opt_cur - (size_t)h + 1;
	for (row = 0, i = top; i < it->nopts && row < h; i++, row++) {
		a = (long)i == ans ? ui_attr(ui, UI_ANSWER) : A_NORMAL;
		if (i == ui->opt_cur)
			a |= A_REVERSE;
		if (i == ui->opt_cur)
			ui_fill(y + row, 0, w, a);
		if (it->type == ITEM_MULTI) {
			snprintf(line, sizeof(line), "%c[%c] %*s  ",
			    i == ui->opt_cur ? '>' : ' ',
			    ui->multi_sel & (1ULL << i) ? 'x' : ' ', kw,
			    it->opts[i].key);
			ui_text(y + row, 0, w, line, a);
			ui_text(y + row, 7 + kw, w - 7 - kw,
			    it->opts[i].label, a);
			continue;
		}
		snprintf(line, sizeof(line), "%c%c %*s  ", i == ui->opt_cur ?
		    '>' : ' ', (long)i == ans ? '*' : ' ', kw,
		    it->opts[i].key);
		ui_text(y + row, 0, w, line, a);
		ui_text(y + row, 5 + kw, w - 5 - kw, it->opts[i].label, a);
	}
	if (top > 0)
		ui_text(y, w - 1, 1, "^", A_BOLD);
	if (top + (size_t)h < it->nopts)
		ui_text(y + h - 1, w - 1, 1, "v", A_BOLD);
}

/*
 * A number item's range as a line, the answer marked on it, and the
 * labels of its ends (options at min and max) below:
 *	0 [-----------------------#-------] 100
 *	  No pain                  Worst pain
 * Returns the rows drawn.
 */
static int
draw_range(const struct ui *ui, const struct item *it,
    const struct answer *a, int y, int w)
{
	const char	*llo, *lhi;
	char		 lo[32], hi[32], *bar;
	int		 bw, x, pos, rows = 1, n;

	fmt_num(lo, sizeof(lo), it->min);
	fmt_num(hi, sizeof(hi), it->max);
	bw = w - (int)strlen(lo) - (int)strlen(hi) - 5;
	if (bw < 10)
		return 0;
	if (bw > 60)
		bw = 60;
	bar = xmalloc((size_t)bw + 1);
	memset(bar, '-', (size_t)bw);
	bar[bw] = '\0';
	x = (int)strlen(lo) + 1;
	ui_text(y, 0, w, lo, A_NORMAL);
	ui_text(y, x, 1, "[", A_NORMAL);
	ui_text(y, x + 1, bw, bar, A_NORMAL);
	ui_text(y, x + 1 + bw, 1, "]", A_NORMAL);
	ui_text(y, x + 3 + bw, w - x - 3 - bw, hi, A_NORMAL);
	if (a->kind == ANS_VALUE) {
		pos = (int)((a->value - it->min) / (it->max - it->min) *
		    (bw - 1) + 0.5);
		if (pos < 0)
			pos = 0;
		if (pos > bw - 1)
			pos = bw - 1;
		ui_text(y, x + 1 + pos, 1, "#", ui_attr(ui, UI_ANSWER) |
		    A_BOLD);
	}
	free(bar);
	llo = scale_option_label(it, it->min);
	lhi = scale_option_label(it, it->max);
	if (llo != NULL || lhi != NULL) {
		if (llo != NULL)
			ui_text(y + 1, x, bw / 2, llo, ui_attr(ui, UI_DIM));
		if (lhi != NULL) {
			n = ui_text_width(lhi);
			if (n > bw / 2)
				n = bw / 2;
			ui_text(y + 1, x + 2 + bw - n, n, lhi,
			    ui_attr(ui, UI_DIM));
		}
		rows++;
	}
	return rows;
}

static void
hint(const struct item *it, char *buf, size_t len)
{
	const char	*what;

	if (it->type == ITEM_TEXT)
		what = "Enter: text";
	else if (it->type == ITEM_NUMBER)
		what = "number+Enter";
	else if (it->type == ITEM_MULTI)
		what = "value/Space tick  Enter record";
	else
		what = "type a value";
	snprintf(buf, len, "%s  Left back  Right skip  x missing  n note  "
	    "g go to  ? help  q leave", what);
}

static void
item_draw(const struct ui *ui)
{
	const struct rating *r = ui->rating;
	const struct scale *sc = r->scale;
	const struct item *it = rating_item(r);
	const struct answer *a;
	const char	*note;
	char		 buf[256], *s;
	int		 w, y, bottom, srows = 0, extra, right, prov, wide, hl;

	if (it == NULL)
		return;
	wide = ui_is_wide();
	w = wide ? COLS - ui_side_cols() - 1 : COLS;
	a = &r->session->answers[r->cur];
	note = r->session->notes[r->cur];

	/* Title, PROVISIONAL, progress. */
	/* Numbered as on paper: HAM-D's 16A and 16B are "of 17". */
	/* Show-if: "Item 6 of 6, 3 skipped" (issue 14.4). */
	if (rating_nskipped(r) > 0)
		snprintf(buf, sizeof(buf), "Item %s of %zu, %zu skipped",
		    it->number, sc->npaper, rating_nskipped(r));
	else
		snprintf(buf, sizeof(buf), "Item %s of %zu", it->number,
		    sc->npaper);
	right = (int)strlen(buf);
	ui_text(0, w - right, right, buf, A_BOLD);
	prov = sc->status != NULL && strcmp(sc->status, "provisional") == 0 ?
	    13 : 0;
	if (prov)
		ui_text(0, w - right - prov, 12, " PROVISIONAL",
		    ui_attr(ui, UI_PROVISIONAL));
	ui_text(0, 0, w - right - prov - 1, sc->title, ui_attr(ui, UI_TITLE));
	ui_rating_header(ui, 1, w);
	if (it->group != NULL)
		ui_text(2, 0, w, it->group, ui_attr(ui, UI_HEADING));

	/* Bottom: scores (narrow), status. */
	bottom = LINES - 1;
	if (!wide) {
		srows = ui_scores_nlines(ui, 0);
		if (srows > 3)
			srows = 3;
		bottom -= srows;
		ui_scores_lines(ui, bottom, srows, 0);
	}

	y = 3;
	/* The scale's instructions come before the first item (i and ?
	 * show them in full at any item). */
	if (sc->instructions != NULL && r->cur == first_shown(r)) {
		/* 4 lines at 24 rows, 1 at the minimum: the options first
		 * (i shows the rest). */
		hl = (LINES - UI_MIN_LINES) / 3 + 1;
		s = xasprintf("Instructions: %s", sc->instructions);
		y += ui_para(y, 0, w, hl < 4 ? hl : 4, s,
		    ui_attr(ui, UI_INFO));
		free(s);
		y++;
	}
	s = xasprintf("%s. %s", it->number, it->text);
	y += ui_para(y, 0, w, 3, s, A_BOLD);
	free(s);
	if (it->help != NULL) {
		/* In full when the options still fit below; else as much
		 * as leaves them room (i shows it all). */
		hl = bottom - y - 1 - (int)it->nopts - 3;
		if (hl < 2)
			hl = 2;
		y += ui_para(y, 2, w - 2, hl, it->help, ui_attr(ui, UI_DIM));
	}
	/* A factor of a product (BFMDRS): its region's line, live. */
	y += ui_form_current(ui, y, 2, w - 2);
	y++;

	extra = (a->kind >= ANS_NA && a->kind <= ANS_REF) + (note != NULL) +
	    (ui->entry[0] != '\0');
	if (it->type == ITEM_TEXT) {
		y += ui_para(y, 0, w, 2, "Free text, optional: Enter or e "
		    "types it; Right skips.", A_NORMAL);
		if (a->kind == ANS_TEXT && y < bottom - 1) {
			ui_text(y, 0, w, "Answer:", A_BOLD);
			y += ui_para(y, 8, w - 8, bottom - y - 1 - extra,
			    a->text, ui_attr(ui, UI_ANSWER));
		}
	} else {
		if (it->type == ITEM_NUMBER) {
			s = scale_allowed_str(it);
			snprintf(buf, sizeof(buf), "Type a number, %s, then "
			    "Enter.", s);
			free(s);
			ui_text(y++, 0, w, buf, A_NORMAL);
			if (bottom - y - extra > 4)
				y += draw_range(ui, it, a, y, w);
			if (a->kind == ANS_VALUE) {
				char	 v[64];

				snprintf(buf, sizeof(buf), "Answer: %s",
				    fmt_num(v, sizeof(v), a->value));
				ui_text(y++, 0, w, buf, ui_attr(ui,
				    UI_ANSWER));
			}
		}
		if (it->type == ITEM_MULTI) {
			char	*t = multi_text(it, ui->multi_sel);
			int	 same;

			same = a->kind == ANS_VALUE && a->text != NULL &&
			    strcmp(a->text, t) == 0;
			if (same)
				snprintf(buf, sizeof(buf), "Answer: %s", t);
			else
				snprintf(buf, sizeof(buf), "Ticked: %s   "
				    "(Enter records it)", t);
			free(t);
			ui_text(y++, 0, w, buf, same ? ui_attr(ui,
			    UI_ANSWER) : A_BOLD);
		}
		draw_options(ui, it, y, bottom - y - extra, w);
		y += (int)it->nopts < bottom - y - extra ? (int)it->nopts :
		    bottom - y - extra;
	}
	if (a->kind >= ANS_NA && a->kind <= ANS_REF && y < bottom) {
		snprintf(buf, sizeof(buf), "Answer: %s",
		    missing_name(a->kind));
		ui_text(y++, 0, w, buf, ui_attr(ui, UI_ANSWER));
	}
	if (note != NULL && y < bottom) {
		/* Two lines at most here; the whole note is on n. */
		s = xasprintf("Note: %s", note);
		y += ui_para(y, 0, w, bottom - y > 1 && ui->entry[0] == '\0' ?
		    2 : 1, s, ui_attr(ui, UI_INFO));
		free(s);
	}
	if (ui->entry[0] != '\0' && y < bottom) {
		snprintf(buf, sizeof(buf), "Typed: %s_   (Enter confirms, "
		    "Escape erases)", ui->entry);
		ui_text(y++, 0, w, buf, A_BOLD);
	}

	if (wide) {
		mvvline(0, w, ACS_VLINE, LINES - 1);
		ui_scores_panel(ui, 0, w + 2, LINES - 1, ui_side_cols() - 2,
		    0);
	}
	if (ui->status == NULL && ui->prompt.kind == UI_PROMPT_NONE) {
		hint(it, buf, sizeof(buf));
		/* The status line is drawn after this; leave the hint for
		 * it in the last row. */
		ui_text(LINES - 1, 0, COLS, buf, ui_attr(ui, UI_DIM));
	}
}
