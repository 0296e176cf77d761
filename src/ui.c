/*
 * ui.c: curses set-up and teardown, colours, the main loop and the
 * screen table, KEY_RESIZE and the "terminal too small" screen, the
 * status line and prompts, drawing helpers shared by the screens, and
 * the flow from one screen to the next.
 */
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "score.h"
#include "ui_screen.h"

static const struct screen *const screens[UI_NSCREENS] = {
	&ui_menu_screen,
	&ui_new_screen,
	&ui_scales_screen,
	&ui_resume_screen,
	&ui_item_screen,
	&ui_summary_screen,
	&ui_saved_screen,
	&ui_help_screen,
	&ui_patients_screen,
	&ui_history_screen,
	&ui_trend_screen,
	&ui_detail_screen
};

enum {
	PAIR_TITLE = 1,
	PAIR_CRITICAL,
	PAIR_WARNING,
	PAIR_INFO,
	PAIR_ERROR,
	PAIR_ANSWER,
	PAIR_PROVISIONAL,
	PAIR_HEADING
};

static SCREEN	*term;
/* Set by SIGINT (Ctrl-C); the main loop asks what to do. */
static volatile sig_atomic_t interrupted;
static struct sigaction old_sigint;

static void	 fatal_hook(void);
static int	 ui_init(struct ui *, char **);
static void	 ui_end(void);
static void	 draw(struct ui *);
static void	 draw_too_small(void);
static int	 draw_prompt(const struct ui *);
static void	 draw_status(const struct ui *);
static void	 prompt_key(struct ui *, int);
static void	 prompt_clear(struct ui *);
static int	 prompt_add(struct ui *, wchar_t);
static int	 read_key(void);
static size_t	 next_char(const char *, size_t, wchar_t *, int *);
static int	 is_too_small(void);
static void	 ui_free(struct ui *);
static int	 scale_cmp(const void *, const void *);
static void	 prompt_set(struct ui *, enum ui_prompt_kind, const char *,
		    void (*)(struct ui *, int, const char *));
static char	*prompt_text(const struct ui *);
static void	 set_status(struct ui *, int, const char *, va_list);
static const char *score_label(const struct score *);
static void	 bands_text(const struct ui *, size_t, int, struct buf *);
static void	 value_text(const struct ui *, size_t, struct buf *);
static int	 nraised(const struct ui *);
static enum ui_role flag_role(enum flag_level);
static const char *flag_tag(enum flag_level);
static int	 draw_flags(const struct ui *, int, int, int, int);
static void	 report_rating(struct ui *);
static void	 score_entry(const struct ui *, size_t, struct buf *);
static int	 compact_scores(const struct ui *, int, int, int);
static size_t	 form_terms(const struct scale *, struct expr_product *,
		    size_t, size_t *);
static void	 form_text(const struct ui *, const struct expr_product *,
		    size_t, struct buf *);
static const char *form_label(const struct scale *,
		    const struct expr_product *);
static void	 find_drafts(struct ui *);
static void	 on_sigint(int);
static void	 interrupt(struct ui *);
static void	 interrupt_done(struct ui *, int, const char *);
static void	 interrupt_discard_done(struct ui *, int, const char *);
static void	 interrupt_leave_done(struct ui *, int, const char *);
static void	 leave_now(struct ui *);
static void	 offer_done(struct ui *, int, const char *);
static void	 offer_clear(struct ui *);

/* Keys, prompts. */

int
ui_bind(struct ui *ui, const struct ui_binding *b, int key)
{
	for (; b->fn != NULL; b++)
		if (b->key == key) {
			b->fn(ui);
			return 1;
		}
	return 0;
}

static void
prompt_set(struct ui *ui, enum ui_prompt_kind kind, const char *q,
    void (*done)(struct ui *, int, const char *))
{
	prompt_clear(ui);
	ui->prompt.kind = kind;
	ui->prompt.question = xstrdup(q);
	ui->prompt.done = done;
}

void
ui_ask_yesno(struct ui *ui, const char *q,
    void (*done)(struct ui *, int, const char *))
{
	prompt_set(ui, UI_PROMPT_YESNO, q, done);
}

void
ui_ask_key(struct ui *ui, const char *q,
    void (*done)(struct ui *, int, const char *))
{
	prompt_set(ui, UI_PROMPT_KEY, q, done);
}

void
ui_ask_line(struct ui *ui, const char *q, const char *initial,
    void (*done)(struct ui *, int, const char *))
{
	mbstate_t	 ps;
	const char	*p = initial;
	size_t		 k, len;
	wchar_t		 wc;
	int		 w;

	prompt_set(ui, UI_PROMPT_LINE, q, done);
	memset(&ps, 0, sizeof(ps));
	len = initial != NULL ? strlen(initial) : 0;
	while (len > 0) {
		k = next_char(p, len, &wc, &w);
		if (prompt_add(ui, wc) == -1)
			break;
		p += k;
		len -= k;
	}
}

/* Appends a character; -1 (and full set) at UI_LINE_MAX. */
static int
prompt_add(struct ui *ui, wchar_t wc)
{
	struct ui_prompt *p = &ui->prompt;

	if (p->len + 1 >= UI_LINE_MAX) {
		p->full = 1;
		return -1;
	}
	if (p->len + 1 >= p->cap) {
		p->cap = p->cap == 0 ? 256 : p->cap * 2;
		if (p->cap > UI_LINE_MAX)
			p->cap = UI_LINE_MAX;
		p->text = xreallocarray(p->text, p->cap, sizeof(*p->text));
	}
	p->text[p->len++] = wc;
	return 0;
}

static void
prompt_clear(struct ui *ui)
{
	free(ui->prompt.question);
	free(ui->prompt.text);
	memset(&ui->prompt, 0, sizeof(ui->prompt));
}

/* The prompt's text as UTF-8 (or the locale's multibyte form). */
static char *
prompt_text(const struct ui *ui)
{
	struct buf	 b;
	mbstate_t	 ps;
	char		 mb[MB_LEN_MAX];
	size_t		 i, k;

	buf_init(&b);
	buf_add(&b, "", 0);
	memset(&ps, 0, sizeof(ps));
	for (i = 0; i < ui->prompt.len; i++) {
		k = wcrtomb(mb, ui->prompt.text[i], &ps);
		if (k == (size_t)-1) {
			memset(&ps, 0, sizeof(ps));
			buf_putc(&b, '?');
		} else
			buf_add(&b, mb, k);
	}
	return buf_take(&b);
}

static void
prompt_key(struct ui *ui, int key)
{
	void	(*done)(struct ui *, int, const char *) = ui->prompt.done;
	char	*text;

	switch (ui->prompt.kind) {
	case UI_PROMPT_YESNO:
		if (key == 'y' || key == 'Y') {
			prompt_clear(ui);
			done(ui, 1, NULL);
		} else if (key == 'n' || key == 'N' || key == UI_ESC ||
		    key == 'q') {
			prompt_clear(ui);
			done(ui, 0, NULL);
		}
		break;
	case UI_PROMPT_KEY:
		prompt_clear(ui);
		done(ui, key, NULL);
		break;
	case UI_PROMPT_LINE:
		if (key == '\n' || key == '\r' || key == UI_FN(KEY_ENTER)) {
			text = prompt_text(ui);
			prompt_clear(ui);
			done(ui, 1, text);
			free(text);
		} else if (key == UI_ESC) {
			prompt_clear(ui);
			done(ui, 0, NULL);
		} else if (key == UI_FN(KEY_BACKSPACE) || key == 0x7f ||
		    key == UI_CTRL('h')) {
			ui->prompt.full = 0;
			if (ui->prompt.len > 0)
				ui->prompt.len--;
		} else if (key == UI_CTRL('u')) {
			ui->prompt.full = 0;
			ui->prompt.len = 0;
		} else if (key == UI_CTRL('w')) {
			ui->prompt.full = 0;
			while (ui->prompt.len > 0 &&
			    ui->prompt.text[ui->prompt.len - 1] == ' ')
				ui->prompt.len--;
			while (ui->prompt.len > 0 &&
			    ui->prompt.text[ui->prompt.len - 1] != ' ')
				ui->prompt.len--;
		} else if (!(key & UI_FN(0)) && key >= 0x20 && key != 0x7f &&
		    iswprint((wint_t)key))
			prompt_add(ui, (wchar_t)key);
		break;
	default:
		break;
	}
}

/* Status line. */

static void
set_status(struct ui *ui, int err, const char *fmt, va_list ap)
{
	free(ui->status);
	ui->status = xvasprintf(fmt, ap);
	ui->status_err = err;
}

void
ui_status(struct ui *ui, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	set_status(ui, 0, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	set_status(ui, 1, fmt, ap);
	va_end(ap);
}

void
ui_error_cause(struct ui *ui, char *cause)
{
	ui_error(ui, "%s", cause != NULL ? cause : "error");
	free(cause);
}

void
ui_clear_status(struct ui *ui)
{
	free(ui->status);
	ui->status = NULL;
	ui->status_err = 0;
}

/* Text. */

/*
 * Decodes one character of s (len bytes left) for display: *wc is what
 * to draw ('?' for control characters, undecodable bytes and anything
 * not printable), *w its width.  Returns the bytes used (>= 1).
 */
static size_t
next_char(const char *s, size_t len, wchar_t *wc, int *w)
{
	mbstate_t	 ps;
	size_t		 k;
	unsigned char	 c = (unsigned char)*s;

	*w = 1;
	if (c < 0x80 || MB_CUR_MAX == 1) {
		*wc = (c >= 0x20 && c < 0x7f) ? (wchar_t)c : L'?';
		return 1;
	}
	memset(&ps, 0, sizeof(ps));
	k = mbrtowc(wc, s, len, &ps);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*wc = L'?';
		return 1;
	}
	if (!iswprint((wint_t)*wc) || text_char_is_unsafe((unsigned long)*wc) ||
	    (*w = wcwidth(*wc)) < 0) {
		*wc = L'?';
		*w = 1;
	}
	return k;
}

int
ui_text(int y, int x, int width, const char *s, attr_t attr)
{
	wchar_t	 buf[512], wc;
	size_t	 len, n = 0, k;
	int	 cols = 0, w;

	/* Never past the right edge: curses would wrap to the next row. */
	if (x + width > COLS)
		width = COLS - x;
	if (s == NULL || width <= 0 || y < 0 || y >= LINES || x < 0)
		return 0;
	len = strlen(s);
	while (len > 0 && n + 1 < nitems(buf)) {
		k = next_char(s, len, &wc, &w);
		if (cols + w > width)
			break;
		buf[n++] = wc;
		cols += w;
		s += k;
		len -= k;
	}
	buf[n] = L'\0';
	if (n == 0)
		return 0;
	attron(attr);
	mvaddnwstr(y, x, buf, (int)n);
	attroff(attr);
	return cols;
}

int
ui_text_width(const char *s)
{
	size_t	 len, k;
	wchar_t	 wc;
	int	 cols = 0, w;

	len = strlen(s);
	while (len > 0) {
		k = next_char(s, len, &wc, &w);
		cols += w;
		s += k;
		len -= k;
	}
	return cols;
}

const char *
ui_ellipsis(void)
{
	return MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : "~";
}

int
ui_text_fit(int y, int x, int width, const char *head, attr_t ahead,
    const char *tail, attr_t atail)
{
	int	 hw = ui_text_width(head), tw = ui_text_width(tail), w;

	if (hw + tw <= width) {
		w = ui_text(y, x, width, head, ahead);
		return w + ui_text(y, x + w, width - w, tail, atail);
	}
	if (tw + 1 >= width)
		return ui_text(y, x, width, tail, atail);
	w = ui_text(y, x, width - tw - 1, head, ahead);
	w += ui_text(y, x + w, 1, ui_ellipsis(), ahead);
	return w + ui_text(y, x + w, width - w, tail, atail);
}

void
ui_fill(int y, int x, int width, attr_t attr)
{
	if (width <= 0)
		return;
	attron(attr);
	mvhline(y, x, ' ', width);
	attroff(attr);
}

void
ui_text_right(int y, int width, const char *s, attr_t attr)
{
	int	 w = ui_text_width(s);

	if (w > width)
		w = width;
	ui_text(y, COLS - w, w, s, attr);
}

/*
 * The bytes of the next line of a paragraph at this width, breaking
 * after the last blank that fits (or anywhere in a long word); *skip
 * gets the blanks to skip before the line after.
 */
size_t
ui_wrap_len(const char *s, int width, size_t *skip)
{
	size_t	 len = strlen(s), off = 0, k, brk = 0;
	wchar_t	 wc;
	int	 cols = 0, w;

	*skip = 0;
	while (off < len) {
		k = next_char(s + off, len - off, &wc, &w);
		if (s[off] == '\n') {
			*skip = 1;
			return off;
		}
		if (cols + w > width)
			break;
		if (s[off] == ' ')
			brk = off;
		cols += w;
		off += k;
	}
	if (off >= len)
		return len;
	if (brk > 0) {
		*skip = 1;
		return brk;
	}
	return off > 0 ? off : 1;
}

int
ui_para(int y, int x, int width, int maxlines, const char *s, attr_t attr)
{
	size_t	 n, skip;
	char	*line;
	int	 lines = 0, w;

	if (s == NULL || width <= 0)
		return 0;
	while (*s != '\0' && lines < maxlines) {
		n = ui_wrap_len(s, width, &skip);
		line = xstrndup(s, n);
		if (lines == maxlines - 1 && s[n + skip] != '\0') {
			free(line);
			n = ui_wrap_len(s, width - 3 > 0 ? width - 3 : 1,
			    &skip);
			line = xstrndup(s, n);
			w = ui_text(y + lines, x, width - 3, line, attr);
			ui_text(y + lines, x + w, 3, "...", attr);
		} else
			ui_text(y + lines, x, width, line, attr);
		free(line);
		lines++;
		s += n + skip;
	}
	return lines;
}

int
ui_para_lines(int width, const char *s)
{
	size_t	 n, skip;
	int	 lines = 0;

	if (s == NULL || width <= 0)
		return 0;
	while (*s != '\0' && lines < 1000) {
		n = ui_wrap_len(s, width, &skip);
		lines++;
		s += n + skip;
	}
	return lines;
}

/* Colours. */

attr_t
ui_attr(const struct ui *ui, enum ui_role role)
{
	int	 c = ui->colors;

	switch (role) {
	case UI_TITLE:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_TITLE) : 0);
	case UI_DIM:
		return c ? A_DIM : A_NORMAL;
	case UI_CURSOR:
		return A_REVERSE;
	case UI_ANSWER:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_ANSWER) : A_UNDERLINE);
	case UI_MISSING:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_WARNING) : A_REVERSE);
	case UI_CRITICAL:
		return A_BOLD | A_REVERSE |
		    (c ? COLOR_PAIR(PAIR_CRITICAL) : 0);
	case UI_WARNING:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_WARNING) : 0);
	case UI_INFO:
		return c ? COLOR_PAIR(PAIR_INFO) : A_NORMAL;
	case UI_ERROR:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_ERROR) : A_REVERSE);
	case UI_PROVISIONAL:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_PROVISIONAL) : A_REVERSE);
	case UI_HEADING:
		return A_BOLD | (c ? COLOR_PAIR(PAIR_HEADING) : 0);
	default:
		return A_NORMAL;
	}
}

int
ui_is_wide(void)
{
	return COLS >= UI_WIDE_COLS;
}

int
ui_side_cols(void)
{
	return COLS >= UI_WIDER_COLS ? UI_WIDER_SIDE : UI_SIDE_COLS;
}

/* Scores. */

static const char *
score_label(const struct score *sc)
{
	return sc->label != NULL && *sc->label != '\0' ? sc->label : sc->id;
}

/* Score i's value, marked when it is not made of every item it expects:
 * "10 (prorated 8/9)", "104.0 (partial 16/18)". */
static void
value_text(const struct ui *ui, size_t i, struct buf *b)
{
	const struct scale *sc = ui->rating->scale;
	const struct result *r = ui->rating->result;
	char		 v[64], basis[64];

	buf_puts(b, score_format(&sc->scores[i], result_score(r, i), v,
	    sizeof(v)));
	if (result_basis(r, i, basis, sizeof(basis)) > BASIS_COMPLETE)
		buf_printf(b, " (%s)", basis);
}

/* "Moderate" (the primary band set), or with all every band set by its
 * name: "Mild (Zimmerman 2013); CamCOPS (Guy 1976): Moderate". */
static void
bands_text(const struct ui *ui, size_t i, int all, struct buf *b)
{
	const struct scale *sc = ui->rating->scale;
	const struct result *r = ui->rating->result;
	const char	*band;

	if (all) {
		score_bands_text(sc, r, i, b);
		return;
	}
	if (sc->scores[i].nbandsets == 0 ||
	    result_score(r, i)->kind != VAL_NUM)
		return;
	band = result_band(sc, r, i, 0);
	buf_puts(b, band != NULL ? band : "NA");
}

static int
nraised(const struct ui *ui)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < ui->rating->scale->nflags; i++)
		n += rating_flag_is_due(ui->rating, i);
	return n;
}

static enum ui_role
flag_role(enum flag_level l)
{
	return l == FLAG_CRITICAL ? UI_CRITICAL : l == FLAG_WARNING ?
	    UI_WARNING : UI_INFO;
}

static const char *
flag_tag(enum flag_level l)
{
	return l == FLAG_CRITICAL ? "!! CRITICAL" : l == FLAG_WARNING ?
	    "! WARNING" : "i";
}

/* Draws the raised flags from row y, at most maxrows; returns rows. */
static int
draw_flags(const struct ui *ui, int y, int x, int w, int maxrows)
{
	const struct scale *sc = ui->rating->scale;
	const struct flag *f;
	char		*line;
	size_t		 i;
	int		 rows = 0;

	for (i = 0; i < sc->nflags && rows < maxrows; i++) {
		if (!rating_flag_is_due(ui->rating, i))
			continue;
		f = &sc->flags[i];
		line = xasprintf("%s: %s", flag_tag(f->level), f->text);
		if (f->level == FLAG_CRITICAL)
			ui_fill(y + rows, x, w, ui_attr(ui, UI_CRITICAL));
		ui_text(y + rows, x, w, line,
		    ui_attr(ui, flag_role(f->level)));
		free(line);
		rows++;
	}
	return rows;
}

int
ui_scores_panel(const struct ui *ui, int y, int x, int h, int w,
    int all_bands)
{
	const struct scale *sc = ui->rating->scale;
	struct buf	 b;
	char		 v[64];
	size_t		 i;
	int		 row = 0, lines;

	if (h <= 0)
		return 0;
	ui_text(y + row++, x, w, "Scores", ui_attr(ui, UI_HEADING));
	buf_init(&b);
	for (i = 0; i < sc->nscores && row < h; i++) {
		/* The value is never cut: the label gives way. */
		buf_reset(&b);
		buf_puts(&b, "  ");
		value_text(ui, i, &b);
		ui_text_fit(y + row++, x, w, score_label(&sc->scores[i]),
		    A_BOLD, b.data, A_BOLD);
		buf_reset(&b);
		bands_text(ui, i, all_bands, &b);
		if (b.len > 0 && row < h) {
			lines = ui_para(y + row, x + 2, w - 2, h - row, b.data,
			    A_NORMAL);
			row += lines;
		}
	}
	buf_free(&b);
	if (row + 1 < h) {
		row++;
		snprintf(v, sizeof(v), "Answered %zu, missing %zu",
		    ui->rating->result->nanswered,
		    rating_nmissing(ui->rating));
		ui_text(y + row++, x, w, v, ui_attr(ui, UI_DIM));
	}
	if (row + 2 < h) {
		lines = ui_form_lines(ui, y + row + 1, x, h - row - 1, w);
		row += lines > 0 ? lines + 1 : 0;
	}
	if (nraised(ui) > 0 && row + 1 < h) {
		row++;
		for (i = 0; i < sc->nflags && row < h; i++) {
			const struct flag *f = &sc->flags[i];
			char *line;

			if (!rating_flag_is_due(ui->rating, i))
				continue;
			line = xasprintf("%s: %s", flag_tag(f->level),
			    f->text);
			lines = ui_para(y + row, x, w, h - row, line,
			    ui_attr(ui, flag_role(f->level)));
			free(line);
			row += lines;
		}
	}
	return row;
}

/* "Label value band" of score i for the compact line; the label apart. */
static void
score_entry(const struct ui *ui, size_t i, struct buf *b)
{
	const struct scale *sc = ui->rating->scale;

	/* The value with its prorated/partial mark, whole. */
	buf_puts(b, " ");
	value_text(ui, i, b);
	if (sc->scores[i].nbandsets > 0) {
		buf_puts(b, " ");
		bands_text(ui, i, 0, b);
	}
}

/*
 * The compact score rows of the item screen: entries "Label value band"
 * separated by " | ", never split across rows.  When they do not fit in
 * maxrows rows, the labels are shortened (ellipsis) until they do: a
 * value and its band are never cut.  Returns the rows drawn (or, with
 * draw 0, the rows needed).
 */
static int
compact_scores(const struct ui *ui, int y, int maxrows, int draw_them)
{
	const struct scale *sc = ui->rating->scale;
	struct buf	 b;
	size_t		 i;
	int		 lw, rows, x, ew, tw, need, maxlw = 0;

	if (sc->nscores == 0 || maxrows <= 0)
		return 0;
	for (i = 0; i < sc->nscores; i++)
		if (ui_text_width(score_label(&sc->scores[i])) > maxlw)
			maxlw = ui_text_width(score_label(&sc->scores[i]));
	buf_init(&b);
	for (lw = maxlw; ; lw--) {
		rows = 1;
		x = 0;
		for (i = 0; i < sc->nscores; i++) {
			buf_reset(&b);
			score_entry(ui, i, &b);
			tw = ui_text_width(b.data);
			ew = ui_text_width(score_label(&sc->scores[i]));
			if (ew > lw)
				ew = lw + 1;
			need = ew + tw + (x > 0 ? 3 : 0);
			if (x > 0 && x + need > COLS) {
				rows++;
				x = 0;
				need = ew + tw;
			}
			if (draw_them && rows <= maxrows) {
				if (x > 0)
					x += ui_text(y + rows - 1, x, 3, " | ",
					    A_BOLD);
				x += ui_text_fit(y + rows - 1, x, COLS - x > ew +
				    tw ? ew + tw : COLS - x,
				    score_label(&sc->scores[i]), A_BOLD,
				    b.data, A_BOLD);
			} else
				x += need;
		}
		if (rows <= maxrows || lw <= 4)
			break;
	}
	buf_free(&b);
	return rows < maxrows ? rows : maxrows;
}

/*
 * The terms of the first score that is a sum of products of items
 * (BFMDRS: provoking factor x severity x weight per region), for the
 * paper form's layout; 0 when no score is.
 */
static size_t
form_terms(const struct scale *sc, struct expr_product *t, size_t max,
    size_t *score)
{
	size_t	 i, j, k, n;

	for (i = 0; i < sc->nscores; i++) {
		n = expr_products(sc->scores[i].formula, t, max);
		for (j = 0; j < n; j++)
			for (k = 0; k < t[j].nsym; k++)
				if (t[j].sym[k] >= sc->nitems)
					n = 0;
		if (n > 0) {
			*score = i;
			return n;
		}
	}
	return 0;
}

/* "2 x 3 x 0.5 = 3.0" for a term ("_" for an item without a value, the
 * result "-" until every factor has one). */
static void
form_text(const struct ui *ui, const struct expr_product *t, size_t score,
    struct buf *b)
{
	const struct session *s = ui->rating->session;
	const struct answer *a;
	char		 v[64];
	double		 p = t->weight;
	size_t		 k;
	int		 all = 1;

	for (k = 0; k < t->nsym; k++) {
		a = &s->answers[t->sym[k]];
		if (k > 0)
			buf_puts(b, " x ");
		if (a->kind == ANS_VALUE &&
		    result_item_shown(ui->rating->result, t->sym[k])) {
			buf_puts(b, fmt_num(v, sizeof(v), a->value));
			p *= a->value;
		} else {
			buf_puts(b, a->kind == ANS_NA ? "na" : a->kind ==
			    ANS_UNK ? "unk" : a->kind == ANS_REF ? "ref" :
			    "_");
			all = 0;
		}
	}
	if (t->weight != 1)
		buf_printf(b, " x %s", fmt_num(v, sizeof(v), t->weight));
	buf_printf(b, " = %s", all ? fmt_fixed(v, sizeof(v), p,
	    ui->rating->scale->scores[score].decimals) : "-");
}

/* The heading of a term: the group of its first item, else its id. */
static const char *
form_label(const struct scale *sc, const struct expr_product *t)
{
	const struct item *it = &sc->items[t->sym[0]];

	return it->group != NULL ? it->group : it->id;
}

int
ui_form_lines(const struct ui *ui, int y, int x, int h, int w)
{
	const struct scale *sc = ui->rating->scale;
	struct expr_product t[32];
	struct buf	 b;
	size_t		 n, i, score;
	int		 row = 0, tw;

	if ((n = form_terms(sc, t, nitems(t), &score)) == 0 || h < 2)
		return 0;
	ui_text(y + row++, x, w, "As on the form", ui_attr(ui, UI_HEADING));
	buf_init(&b);
	for (i = 0; i < n && row < h; i++) {
		buf_reset(&b);
		buf_puts(&b, "  ");
		form_text(ui, &t[i], score, &b);
		/* The products flush right, in a column. */
		tw = ui_text_width(b.data);
		if (ui_text_width(form_label(sc, &t[i])) + tw <= w) {
			ui_text(y + row, x, w - tw, form_label(sc, &t[i]),
			    A_NORMAL);
			ui_text(y + row++, x + w - tw, tw, b.data, A_BOLD);
		} else
			ui_text_fit(y + row++, x, w, form_label(sc, &t[i]),
			    A_NORMAL, b.data, A_BOLD);
	}
	buf_free(&b);
	return row;
}

int
ui_form_current(const struct ui *ui, int y, int x, int w)
{
	const struct scale *sc = ui->rating->scale;
	struct expr_product t[32];
	struct buf	 b;
	size_t		 n, i, k, score;

	n = form_terms(sc, t, nitems(t), &score);
	for (i = 0; i < n; i++)
		for (k = 0; k < t[i].nsym; k++)
			if (t[i].sym[k] == ui->rating->cur) {
				buf_init(&b);
				buf_puts(&b, ": ");
				form_text(ui, &t[i], score, &b);
				ui_text_fit(y, x, w, form_label(sc, &t[i]),
				    A_BOLD, b.data, A_BOLD);
				buf_free(&b);
				return 1;
			}
	return 0;
}

int
ui_scores_nlines(const struct ui *ui, int all_bands)
{
	const struct scale *sc = ui->rating->scale;

	if (all_bands)
		return (int)sc->nscores + nraised(ui);
	return compact_scores(ui, 0, 3, 0) + nraised(ui);
}

int
ui_scores_lines(const struct ui *ui, int y, int maxrows, int all_bands)
{
	const struct scale *sc = ui->rating->scale;
	struct buf	 b;
	size_t		 i;
	int		 rows = 0;

	buf_init(&b);
	if (all_bands) {
		for (i = 0; i < sc->nscores && rows < maxrows; i++) {
			buf_reset(&b);
			buf_puts(&b, "  ");
			value_text(ui, i, &b);
			buf_puts(&b, "  ");
			bands_text(ui, i, 1, &b);
			ui_text_fit(y + rows, 0, COLS,
			    score_label(&sc->scores[i]), A_BOLD, b.data,
			    A_BOLD);
			rows++;
		}
	} else {
		/* As many rows as the scores need, within maxrows. */
		rows = compact_scores(ui, 0, 3, 0);
		if (rows > maxrows)
			rows = maxrows;
		rows = compact_scores(ui, y, rows, 1);
	}
	buf_free(&b);
	rows += draw_flags(ui, y + rows, 0, COLS, maxrows - rows);
	return rows;
}

void
ui_rating_header(const struct ui *ui, int y, int width)
{
	const struct session *s = ui->rating->session;
	struct buf	 b;

	buf_init(&b);
	if (ui->rating->dry_run)
		buf_puts(&b, "Dry run: nothing is saved");
	else {
		if (s->replaces != NULL)
			buf_printf(&b, "AMENDING %s (revision %d) | ",
			    s->replaces, s->revision);
		buf_printf(&b, "Patient %s", s->patient);
		if (s->visit != NULL && *s->visit != '\0')
			buf_printf(&b, " | %s", s->visit);
		if (s->rater != NULL && *s->rater != '\0')
			buf_printf(&b, " | rater %s", s->rater);
	}
	if (ui->rating->scale->timeframe != NULL)
		buf_printf(&b, " | %s", ui->rating->scale->timeframe);
	ui_text(y, 0, width, b.data, ui_attr(ui, UI_DIM));
	buf_free(&b);
}

/* Drawing. */

static int
is_too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
}

static void
draw_too_small(void)
{
	char	 msg[64];
	int	 y = LINES / 2 - 1;

	if (y < 0)
		y = 0;
	ui_text(y, 0, COLS, "Terminal too small", A_BOLD);
	snprintf(msg, sizeof(msg), "need %dx%d, have %dx%d", UI_MIN_COLS,
	    UI_MIN_LINES, COLS, LINES);
	ui_text(y + 1, 0, COLS, msg, A_NORMAL);
	ui_text(y + 2, 0, COLS, "Nothing is lost: enlarge the window.",
	    A_NORMAL);
}

/* The prompt on the bottom rows; returns the rows it took.  A text
 * longer than half the screen shows its end, where the typing is. */
static int
draw_prompt(const struct ui *ui)
{
	char		*text, *line;
	const char	*hint = "", *s;
	size_t		 n, skip;
	int		 rows, y, w, all;

	if (ui->prompt.kind == UI_PROMPT_NONE)
		return 0;
	if (ui->prompt.kind == UI_PROMPT_YESNO)
		hint = " (y/n)";
	text = ui->prompt.kind == UI_PROMPT_LINE ? prompt_text(ui) :
	    xstrdup("");
	if (ui->prompt.full)
		line = xasprintf("%s%s %s  [full: at most %d characters]",
		    ui->prompt.question, hint, text, UI_LINE_MAX - 1);
	else
		line = xasprintf("%s%s %s", ui->prompt.question, hint, text);
	all = rows = ui_para_lines(COLS - 1, line);
	if (rows > LINES / 2)
		rows = LINES / 2;
	s = line;
	for (w = 0; w < all - rows; w++) {
		n = ui_wrap_len(s, COLS - 1, &skip);
		s += n + skip;
	}
	y = LINES - rows;
	for (w = 0; w < rows; w++)
		ui_fill(y + w, 0, COLS, A_REVERSE);
	ui_para(y, 0, COLS - 1, rows, s, A_REVERSE | A_BOLD);
	if (ui->prompt.kind == UI_PROMPT_LINE) {
		int	 cy, cx;

		getyx(stdscr, cy, cx);
		(void)cy;
		/* The cursor sits after the text when it fits. */
		if (cx < COLS - 1)
			move(LINES - 1, cx);
		else
			move(LINES - 1, COLS - 1);
	}
	free(line);
	free(text);
	return rows;
}

static void
draw_status(const struct ui *ui)
{
	int	 y = LINES - 1;
	int	 rows, i;
	attr_t	 a;

	/* With no message, the screen's own hint stays. */
	if (ui->status == NULL)
		return;
	/* A long message takes up to three lines: a cause must be read
	 * whole. */
	rows = ui_para_lines(COLS, ui->status);
	if (rows > 3)
		rows = 3;
	y -= rows - 1;
	a = ui->status_err ? ui_attr(ui, UI_ERROR) : A_BOLD;
	for (i = 0; i < rows; i++)
		ui_fill(y + i, 0, COLS, A_NORMAL);
	ui_para(y, 0, COLS, rows, ui->status, a);
}

static void
draw(struct ui *ui)
{
	erase();
	if (is_too_small()) {
		curs_set(0);
		draw_too_small();
	} else {
		screens[ui->screen]->draw(ui);
		if (ui->prompt.kind != UI_PROMPT_NONE) {
			draw_prompt(ui);
			curs_set(ui->prompt.kind == UI_PROMPT_LINE ? 1 : 0);
		} else {
			draw_status(ui);
			curs_set(0);
		}
	}
	refresh();
}

/* Set-up. */

static void
fatal_hook(void)
{
	if (term != NULL && !isendwin())
		endwin();
}

static int
ui_init(struct ui *ui, char **cause)
{
	const char	*nc, *type = NULL, *e;
	int		 timing = getenv("RATER_EXIT_AFTER_DRAW") != NULL;

	/* The start-up timing aid also runs without a terminal (output
	 * to a file or /dev/null, as vt100 when TERM is unset). */
	if (!timing && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		*cause = xstrdup("the screens need a terminal (standard input "
		    "and output are not one)");
		return -1;
	}
	if (timing && ((e = getenv("TERM")) == NULL || *e == '\0'))
		type = "vt100";
	setlocale(LC_CTYPE, "");
	if ((term = newterm(type, stdout, stdin)) == NULL) {
		*cause = xasprintf("cannot use the terminal '%s'",
		    getenv("TERM") != NULL ? getenv("TERM") : "(TERM unset)");
		return -1;
	}
	set_term(term);
	util_fatal_hook = fatal_hook;
	{
		struct sigaction sa;

		/* No SA_RESTART: Ctrl-C ends the wait for a key. */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigint;
		sigemptyset(&sa.sa_mask);
		interrupted = 0;
		sigaction(SIGINT, &sa, &old_sigint);
	}
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	nc = getenv("NO_COLOR");
	ui->colors = 0;
	if (has_colors() && (nc == NULL || *nc == '\0') &&
	    start_color() == OK) {
		use_default_colors();
		init_pair(PAIR_TITLE, COLOR_CYAN, -1);
		init_pair(PAIR_CRITICAL, COLOR_RED, -1);
		init_pair(PAIR_WARNING, COLOR_YELLOW, -1);
		init_pair(PAIR_INFO, COLOR_CYAN, -1);
		init_pair(PAIR_ERROR, COLOR_RED, -1);
		init_pair(PAIR_ANSWER, COLOR_GREEN, -1);
		init_pair(PAIR_PROVISIONAL, COLOR_MAGENTA, -1);
		init_pair(PAIR_HEADING, COLOR_BLUE, -1);
		ui->colors = 1;
	}
	return 0;
}

static void
ui_end(void)
{
	if (term == NULL)
		return;
	if (!isendwin())
		endwin();
	delscreen(term);
	term = NULL;
	util_fatal_hook = NULL;
	sigaction(SIGINT, &old_sigint, NULL);
}

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* One key: a character, UI_FN(code), or -1. */
static int
read_key(void)
{
	wint_t	 wc;
	int	 r;

	r = get_wch(&wc);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES)
		return UI_FN((int)wc);
	if (wc == '\r')
		return '\n';
	return (int)wc;
}

/* Flow. */

void
ui_go(struct ui *ui, enum ui_screen_id id)
{
	ui->screen = id;
	if (screens[id]->enter != NULL)
		screens[id]->enter(ui);
}

void
ui_help(struct ui *ui)
{
	if (ui->screen == UI_SCREEN_HELP)
		return;
	ui->help_of = ui->screen;
	ui->help_top = 0;
	ui->screen = UI_SCREEN_HELP;
}

int
ui_start_rating(struct ui *ui, const struct scale *sc, const char *patient,
    const char *rater, const char *visit, const char *assessed)
{
	char	*cause = NULL;

	rating_free(ui->rating);
	ui->rating = NULL;
	if (ui->start->mode == UI_MODE_TRY)
		ui->rating = rating_dry_run(sc);
	else if ((ui->rating = rating_new(ui->store, sc, patient, rater,
	    visit, assessed, &cause)) == NULL) {
		ui_error_cause(ui, cause);
		return -1;
	}
	ui->from_summary = 0;
	ui_go(ui, UI_SCREEN_ITEM);
	return 0;
}

static void
offer_clear(struct ui *ui)
{
	struct ui_offer	*o = &ui->offer;

	free(o->patient);
	free(o->rater);
	free(o->visit);
	free(o->assessed);
	free(o->path);
	memset(o, 0, sizeof(*o));
}

/*
 * Before a new rating from the new-session screen: a leftover draft of
 * the same scale and patient (one this process left a moment ago, or
 * one put off at start) is offered instead of starting a second one.
 */
int
ui_start_rating_offer(struct ui *ui, const struct scale *sc,
    const char *patient, const char *rater, const char *visit,
    const char *assessed)
{
	struct draft	*v = NULL;
	struct diag	 d;
	size_t		 n = 0, i;
	char		*cause = NULL, *title, *q;
	long		 found = -1;

	if (ui->start->mode == UI_MODE_TRY || ui->store == NULL)
		return ui_start_rating(ui, sc, patient, rater, visit,
		    assessed);
	diag_init(&d);
	if (journal_list(ui->store, &v, &n, &d, &cause) == -1)
		free(cause);
	diag_free(&d);
	for (i = 0; i < n && found < 0; i++)
		if (v[i].session != NULL && v[i].session->replaces == NULL &&
		    strcmp(v[i].session->scale_id, sc->id) == 0 &&
		    strcmp(v[i].session->patient, patient) == 0 &&
		    !rating_draft_is_busy(v[i].path))
			found = (long)i;
	if (found < 0) {
		journal_list_free(v, n);
		return ui_start_rating(ui, sc, patient, rater, visit,
		    assessed);
	}
	offer_clear(ui);
	ui->offer.scale = sc;
	ui->offer.patient = xstrdup(patient);
	ui->offer.rater = rater != NULL ? xstrdup(rater) : NULL;
	ui->offer.visit = visit != NULL ? xstrdup(visit) : NULL;
	ui->offer.assessed = assessed != NULL ? xstrdup(assessed) : NULL;
	ui->offer.path = xstrdup(v[found].path);
	title = rating_short_title(sc->title);
	q = xasprintf("A draft of %s for patient %s is waiting (%zu "
	    "answer%s, started %s): r resumes it, n starts a new rating "
	    "(the draft stays), Escape cancels.", title, patient,
	    v[found].nanswered, v[found].nanswered == 1 ? "" : "s",
	    v[found].session->started);
	ui_ask_key(ui, q, offer_done);
	free(q);
	free(title);
	journal_list_free(v, n);
	return 0;
}

static void
offer_done(struct ui *ui, int key, const char *text)
{
	struct ui_offer	*o = &ui->offer;
	struct rating	*r;
	char		*cause = NULL;

	(void)text;
	if (key == 'r' || key == 'R' || key == 'y') {
		if ((r = rating_resume(ui->store, o->path, &cause)) == NULL)
			ui_error_cause(ui, cause);
		else {
			rating_free(ui->rating);
			ui->rating = r;
			ui->from_summary = 0;
			ui_go(ui, UI_SCREEN_ITEM);
		}
	} else if (key == 'n' || key == 'N')
		ui_start_rating(ui, o->scale, o->patient, o->rater, o->visit,
		    o->assessed);
	else
		ui_status(ui, "Nothing started; the draft stays.");
	offer_clear(ui);
}

static void
report_rating(struct ui *ui)
{
	struct rating	*r = ui->rating;
	const char	*kept;
	size_t		 i;

	if (r->dry_run) {
		/* A test case to paste: text items are left out (they
		 * score nothing, and a test's answers split at blanks). */
		struct buf	 all, a;

		buf_init(&all);
		for (i = 0; i < r->scale->nitems; i++) {
			if (r->scale->items[i].type == ITEM_TEXT)
				continue;
			buf_init(&a);
			session_encode_answer(&r->session->answers[i], &a);
			buf_printf(&all, "%s%s=%s", all.len > 0 ? " " : "",
			    r->scale->items[i].id, a.len > 0 ? a.data : "-");
			buf_free(&a);
		}
		score_report_test(r->scale, r->result, "try",
		    all.len > 0 ? all.data : "", &ui->report);
		buf_free(&all);
		return;
	}
	if (r->saved && r->session->replaces != NULL)
		buf_printf(&ui->report, "rater: saved %s (amends %s) in %s\n",
		    r->session->id, r->session->replaces, r->session->path);
	else if (r->saved)
		buf_printf(&ui->report, "rater: saved %s in %s\n",
		    r->session->id, r->session->path);
	else if ((kept = rating_leave(r)) != NULL) {
		buf_printf(&ui->report, "rater: draft kept: %s\n", kept);
		if (r->session->replaces != NULL)
			buf_printf(&ui->report, "rater: to resume the "
			    "amendment, run rater: drafts are offered "
			    "first\n");
		else
			buf_printf(&ui->report, "rater: to resume, run: rater "
			    "rate %s --patient %s\n", r->scale->id,
			    r->session->patient);
	}
}

void
ui_rating_over(struct ui *ui)
{
	if (ui->rating != NULL) {
		report_rating(ui);
		if (ui->rating_is_target)
			ui->target_done = 1;
		rating_free(ui->rating);
		ui->rating = NULL;
	}
	ui->rating_is_target = 0;
	ui_clear_status(ui);
	if (ui->review.amending) {
		ui_review_amend_over(ui);
		return;
	}
	if (ui->draft_cur < ui->ndrafts) {
		ui_go(ui, UI_SCREEN_RESUME);
		return;
	}
	ui_drafts_over(ui);
}

void
ui_drafts_over(struct ui *ui)
{
	switch (ui->start->mode) {
	case UI_MODE_MENU:
		ui_go(ui, UI_SCREEN_MENU);
		break;
	case UI_MODE_REVIEW:
		if (ui->start->patient == NULL)
			ui_review_start(ui);
		else if (ui_review_open(ui, ui->start->patient, 1) == -1) {
			ui->done = 1;
			buf_printf(&ui->report, "rater: %s\n", ui->status);
		}
		break;
	case UI_MODE_RATE:
	case UI_MODE_TRY:
		if (ui->target_done) {
			ui->done = 1;
			break;
		}
		if (ui_start_rating(ui, ui->start->scale, ui->start->patient,
		    ui->start->rater, ui->start->visit,
		    ui->start->assessed) == -1) {
			ui->done = 1;
			buf_printf(&ui->report, "rater: %s\n", ui->status);
			break;
		}
		ui->rating_is_target = 1;
		break;
	}
}

void
ui_show_saved(struct ui *ui)
{
	free(ui->saved_id);
	free(ui->saved_path);
	ui->saved_id = xstrdup(ui->rating->session->id);
	ui->saved_path = xstrdup(ui->rating->session->path);
	ui_go(ui, UI_SCREEN_SAVED);
}

static int
scale_cmp(const void *a, const void *b)
{
	const struct ui_scale *x = a, *y = b;

	return strcmp(x->scale->id, y->scale->id);
}

void
ui_load_scales(struct ui *ui)
{
	DIR		*dir;
	struct dirent	*de;
	struct diag	 d;
	struct scale	*sc;
	char		*path;
	size_t		 i, j, len;
	int		 dup;

	if (ui->scales_loaded)
		return;
	ui->scales_loaded = 1;
	for (i = 0; ui->cli->scale_dirs[i] != NULL; i++) {
		if ((dir = opendir(ui->cli->scale_dirs[i])) == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 5 ||
			    strcmp(de->d_name + len - 4, ".ini") != 0)
				continue;
			dup = 0;
			for (j = 0; j < ui->nscales; j++)
				if (strncmp(ui->scales[j].scale->id,
				    de->d_name, len - 4) == 0 &&
				    ui->scales[j].scale->id[len - 4] == '\0')
					dup = 1;
			if (dup)
				continue;
			path = xasprintf("%s/%s", ui->cli->scale_dirs[i],
			    de->d_name);
			diag_init(&d);
			if ((sc = scale_load(path, &d)) != NULL) {
				ui->scales = xreallocarray(ui->scales,
				    ui->nscales + 1, sizeof(*ui->scales));
				ui->scales[ui->nscales++].scale = sc;
			} else
				ui->nbroken++;
			diag_free(&d);
			free(path);
		}
		closedir(dir);
	}
	if (ui->nscales > 0)
		qsort(ui->scales, ui->nscales, sizeof(*ui->scales), scale_cmp);
}

/* Main loop. */

static void
ui_free(struct ui *ui)
{
	size_t	 i;

	rating_free(ui->rating);
	prompt_clear(ui);
	free(ui->status);
	ui_list_free(&ui->menu);
	ui_list_free(&ui->scale_list);
	ui_list_free(&ui->new.list);
	free(ui->new.patient);
	free(ui->new.rater);
	free(ui->new.visit);
	free(ui->new.warn);
	rating_strv_free(ui->new.recent);
	for (i = 0; i < ui->nscales; i++)
		scale_free(ui->scales[i].scale);
	free(ui->scales);
	journal_list_free(ui->drafts, ui->ndrafts);
	free(ui->draft_title);
	free(ui->draft_err);
	free(ui->saved_id);
	free(ui->saved_path);
	offer_clear(ui);
	ui_review_free(ui);
	buf_free(&ui->report);
}

/* Leftover drafts that no other process is rating right now. */
static void
find_drafts(struct ui *ui)
{
	struct diag	 d;
	struct draft	*v = NULL;
	size_t		 n = 0, i, k = 0;
	char		*cause = NULL;

	diag_init(&d);
	if (journal_list(ui->store, &v, &n, &d, &cause) == -1) {
		ui_error_cause(ui, cause);
		diag_free(&d);
		return;
	}
	if (d.nerrors > 0)
		ui_error(ui, "%zu draft%s could not be read (see %s/drafts)",
		    d.nerrors, d.nerrors == 1 ? "" : "s", ui->store->dir);
	diag_free(&d);
	for (i = 0; i < n; i++) {
		if (rating_draft_is_busy(v[i].path)) {
			draft_clear(&v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	ui->drafts = v;
	ui->ndrafts = k;
}

int
ui_run(struct cli *cli, struct ui_start *start, char **cause)
{
	struct ui	 ui;
	int		 key, first = 1;

	memset(&ui, 0, sizeof(ui));
	ui.cli = cli;
	ui.start = start;
	ui.store = start->store;
	buf_init(&ui.report);
	ui_list_init(&ui.menu, 4);
	if (ui_init(&ui, cause) == -1) {
		ui_free(&ui);
		return 1;
	}
	if (ui.store != NULL && start->mode != UI_MODE_TRY)
		find_drafts(&ui);
	if (ui.ndrafts > 0)
		ui_go(&ui, UI_SCREEN_RESUME);
	else
		ui_drafts_over(&ui);

	while (!ui.done) {
		draw(&ui);
		if (first) {
			first = 0;
			if (getenv("RATER_EXIT_AFTER_DRAW") != NULL)
				break;
		}
		/* Once the item is on screen, the draft is created before
		 * the first answer is typed, so that a data directory that
		 * cannot take it shows now. */
		if (ui.rating != NULL && !ui.rating->begun) {
			char	*c = NULL;

			if (rating_begin(ui.rating, &c) == -1) {
				ui_error_cause(&ui, c);
				continue;
			}
		}
		key = read_key();
		if (interrupted) {
			/* Ctrl-C came before any key read with it. */
			interrupted = 0;
			interrupt(&ui);
			if (ui.done)
				break;
			if (key != -1)
				draw(&ui);
		}
		if (key == -1)
			continue;
		if (key == UI_FN(KEY_RESIZE))
			continue;
		if (is_too_small())
			continue;	/* Keys typed blind are ignored. */
		if (key == UI_CTRL('l')) {
			clearok(curscr, TRUE);
			continue;
		}
		if (ui.prompt.kind != UI_PROMPT_NONE)
			prompt_key(&ui, key);
		else {
			if (ui.status != NULL)
				ui_clear_status(&ui);
			screens[ui.screen]->key(&ui, key);
		}
	}
	if (ui.rating != NULL && !ui.done) {
		/* Left by RATER_EXIT_AFTER_DRAW. */
		rating_leave(ui.rating);
	} else if (ui.rating != NULL)
		ui_rating_over(&ui);
	ui_end();
	if (ui.report.len > 0)
		start->report = buf_take(&ui.report);
	ui_free(&ui);
	return ui.interrupted ? UI_EXIT_INTERRUPTED : 0;
}

/* Ctrl-C. */

/*
 * The first Ctrl-C asks (keep the draft and leave, discard it, go on);
 * a second one while the question is up leaves at once, the draft kept.
 */
static void
interrupt(struct ui *ui)
{
	const struct rating *r = ui->rating;
	char		*q;

	if (ui->interrupt_asked) {
		leave_now(ui);
		return;
	}
	ui->interrupt_asked = 1;
	if (r == NULL || r->saved)
		ui_ask_yesno(ui, "Ctrl-C: leave rater?  (Ctrl-C again "
		    "leaves)", interrupt_leave_done);
	else if (r->dry_run)
		ui_ask_yesno(ui, "Ctrl-C: leave?  Nothing is saved (a dry "
		    "run).  (Ctrl-C again leaves)", interrupt_leave_done);
	else {
		q = xasprintf("Ctrl-C: k keeps the draft of %s for patient %s "
		    "and leaves (resume later), d discards it, Escape goes "
		    "on.  Ctrl-C again leaves, the draft kept.",
		    r->scale->id, r->session->patient);
		ui_ask_key(ui, q, interrupt_done);
		free(q);
	}
}

/* Leaves the program now; a rating on screen keeps its draft. */
static void
leave_now(struct ui *ui)
{
	prompt_clear(ui);
	ui->interrupt_asked = 0;
	ui->interrupted = 1;
	if (ui->rating != NULL)
		ui_rating_over(ui);
	ui->done = 1;
}

static void
interrupt_leave_done(struct ui *ui, int yes, const char *text)
{
	(void)text;
	ui->interrupt_asked = 0;
	if (yes)
		leave_now(ui);
}

static void
interrupt_done(struct ui *ui, int key, const char *text)
{
	const struct rating *r = ui->rating;
	char		*q;

	(void)text;
	ui->interrupt_asked = 0;
	switch (key) {
	case 'k':
	case 'K':
	case 'y':
		leave_now(ui);
		break;
	case 'd':
	case 'D':
		ui->interrupt_asked = 1;
		q = xasprintf("Put the draft of %s for patient %s (%zu "
		    "answer%s) in the trash and leave?", r->scale->id,
		    r->session->patient, r->result->nanswered,
		    r->result->nanswered == 1 ? "" : "s");
		ui_ask_yesno(ui, q, interrupt_discard_done);
		free(q);
		break;
	case UI_ESC:
	case 'q':
	case 'n':
		ui_status(ui, "Going on.");
		break;
	default:
		/* Anything else goes on too, but says how to leave. */
		ui_status(ui, "Going on (Ctrl-C asks again).");
		break;
	}
}

static void
interrupt_discard_done(struct ui *ui, int yes, const char *text)
{
	const char	*kept;
	char		*path, *cause = NULL;

	(void)text;
	ui->interrupt_asked = 0;
	if (!yes) {
		ui_status(ui, "Going on; the draft stays.");
		return;
	}
	ui->interrupted = 1;
	kept = rating_leave(ui->rating);
	path = kept != NULL ? xstrdup(kept) : NULL;
	rating_free(ui->rating);
	ui->rating = NULL;
	if (path != NULL && journal_discard(ui->store, path, &cause) == -1) {
		buf_printf(&ui->report, "rater: the draft could not be put in "
		    "the trash (%s); it stays: %s\n", cause, path);
		free(cause);
	} else if (path != NULL)
		buf_printf(&ui->report, "rater: draft put in %s/trash\n",
		    ui->store->dir);
	free(path);
	ui->done = 1;
}

static void
leave_done(struct ui *ui, int yes, const char *text)
{
	(void)text;
	if (yes)
		ui_rating_over(ui);
}

void
ui_ask_leave(struct ui *ui)
{
	const struct rating *r = ui->rating;

	ui_ask_yesno(ui, r->dry_run ? "Leave? Nothing is saved (a dry run)" :
	    r->amend && r->orig != NULL && rating_amend_changes(r) == 0 ?
	    "Leave? Nothing was changed: nothing is amended" :
	    "Leave? The draft is kept", leave_done);
}

void
ui_edit_add(char *t, size_t size, int key)
{
	char		 mb[MB_LEN_MAX];
	mbstate_t	 ps;
	size_t		 k, len = strlen(t);

	memset(&ps, 0, sizeof(ps));
	k = wcrtomb(mb, (wchar_t)key, &ps);
	if (k == (size_t)-1 || len + k + 1 >= size)
		return;
	memcpy(t + len, mb, k);
	t[len + k] = '\0';
}

void
ui_edit_del(char *t)
{
	size_t	 len = strlen(t);

	while (len > 0 && ((unsigned char)t[len - 1] & 0xc0) == 0x80)
		len--;
	if (len > 0)
		len--;
	t[len] = '\0';
}
