/*
 * ui_help.c: the keys of the screen it was called from (each screen's
 * help table, the same text as in rater(1), KEYS).  Called from the
 * item screen (? F1 i), the scale's instructions and the item's help
 * come first, in full.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

static void	 help_draw(const struct ui *);
static void	 help_key(struct ui *, int);
static const struct screen *of(const struct ui *);
static int	 rows_of(const struct ui *, int);
static int	 render(const struct ui *, int, int, int);

static const struct ui_help help[] = {
	{ "Up Down k j", "scroll" },
	{ "any other key", "back" },
	{ NULL, NULL }
};

const struct screen ui_help_screen = {
	"help", help_draw, help_key, NULL, help
};

/* The screen the help is about. */
static const struct screen *
of(const struct ui *ui)
{
	static const struct screen *const all[UI_NSCREENS] = {
		&ui_menu_screen, &ui_new_screen, &ui_scales_screen,
		&ui_resume_screen, &ui_item_screen, &ui_summary_screen,
		&ui_saved_screen, &ui_help_screen, &ui_patients_screen,
		&ui_history_screen, &ui_trend_screen, &ui_detail_screen
	};

	return all[ui->help_of];
}

/* Rows the help takes at this width. */
static int
rows_of(const struct ui *ui, int kw)
{
	return render(ui, kw, 0, 0);
}

/*
 * Draws (draw 1) or counts the help's lines, skipping the first skip:
 * for the item screen, the instructions and the item's help (headed,
 * wrapped, in full), then one entry per key.  Returns the lines.
 */
static int
render(const struct ui *ui, int kw, int skip, int draw)
{
	const struct screen *s = of(ui);
	const struct ui_help *h;
	const struct item *it = NULL;
	const char	*para[4], *head[4];
	char		*ititle = NULL;
	int		 n = 0, k, lines, total = 0, y = 2, avail = LINES - 1;
	size_t		 off, nb, sk;

	if (ui->help_of == UI_SCREEN_ITEM && ui->rating != NULL)
		it = rating_item(ui->rating);
	if (it != NULL && ui->rating->scale->instructions != NULL) {
		head[n] = "Instructions";
		para[n++] = ui->rating->scale->instructions;
	}
	if (it != NULL && it->help != NULL) {
		ititle = xasprintf("Item %s: %s", it->number, it->text);
		head[n] = ititle;
		para[n++] = it->help;
	}
	if (n > 0) {
		head[n] = "Keys";
		para[n++] = NULL;
	}
	for (k = 0; k < n; k++) {
		/* A heading line, the paragraph, a blank line. */
		lines = 1 + (para[k] != NULL ? ui_para_lines(COLS, para[k]) +
		    1 : 0);
		total += lines;
		if (!draw)
			continue;
		if (skip-- <= 0 && y < avail)
			ui_text(y++, 0, COLS, head[k], ui_attr(ui, UI_HEADING));
		for (off = 0; para[k] != NULL && para[k][off] != '\0';
		    off += nb + sk) {
			nb = ui_wrap_len(para[k] + off, COLS, &sk);
			if (skip-- <= 0 && y < avail) {
				char *line = xstrndup(para[k] + off, nb);

				ui_text(y++, 0, COLS, line, A_NORMAL);
				free(line);
			}
		}
		if (para[k] != NULL && skip-- <= 0 && y < avail)
			y++;
	}
	free(ititle);
	for (h = s->help; h->keys != NULL; h++) {
		lines = ui_para_lines(COLS - kw - 2, h->what);
		total += lines;
		if (!draw || y >= avail)
			continue;
		if (skip >= lines) {
			skip -= lines;
			continue;
		}
		/* An entry partly scrolled off shows from its start. */
		skip = skip > 0 ? 0 : skip;
		ui_text(y, 0, kw, h->keys, A_BOLD);
		y += ui_para(y, kw + 2, COLS - kw - 2, avail - y, h->what,
		    A_NORMAL);
	}
	return total;
}

static void
help_draw(const struct ui *ui)
{
	const struct screen *s = of(ui);
	char		 title[64];

	snprintf(title, sizeof(title), "Keys: %s screen", s->name);
	ui_text(0, 0, COLS, title, ui_attr(ui, UI_TITLE));
	render(ui, 18, (int)ui->help_top, 1);
	ui_text(LINES - 1, 0, COLS, "Any key returns; Up/Down scroll.  "
	    "Every key is also in rater(1), KEYS.", ui_attr(ui, UI_DIM));
}

static void
help_key(struct ui *ui, int key)
{
	int	 total = rows_of(ui, 18);

	if (key == UI_FN(KEY_DOWN) || key == 'j') {
		if ((int)ui->help_top + LINES - 3 < total)
			ui->help_top++;
		return;
	}
	if (key == UI_FN(KEY_UP) || key == 'k') {
		if (ui->help_top > 0)
			ui->help_top--;
		return;
	}
	ui->screen = ui->help_of;
}
