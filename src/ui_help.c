/*
 * ui_help.c: the keys of the screen it was called from (each screen's
 * help table, the same text as in rater(1), KEYS).
 */
#include <stdio.h>
#include <string.h>

#include "ui_screen.h"

static void	 help_draw(const struct ui *);
static void	 help_key(struct ui *, int);
static const struct screen *of(const struct ui *);
static int	 rows_of(const struct ui_help *, int);

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

/* Rows the help of a screen takes at this width. */
static int
rows_of(const struct ui_help *h, int kw)
{
	int	 n = 0;

	for (; h->keys != NULL; h++)
		n += ui_para_lines(COLS - kw - 2, h->what);
	return n;
}

static void
help_draw(const struct ui *ui)
{
	const struct screen *s = of(ui);
	const struct ui_help *h;
	char		 title[64];
	int		 y, kw = 18, skip, lines, avail;

	snprintf(title, sizeof(title), "Keys: %s screen", s->name);
	ui_text(0, 0, COLS, title, ui_attr(ui, UI_TITLE));
	y = 2;
	skip = (int)ui->help_top;
	avail = LINES - 1;
	for (h = s->help; h->keys != NULL && y < avail; h++) {
		lines = ui_para_lines(COLS - kw - 2, h->what);
		if (skip >= lines) {
			skip -= lines;
			continue;
		}
		skip = 0;
		ui_text(y, 0, kw, h->keys, A_BOLD);
		y += ui_para(y, kw + 2, COLS - kw - 2, avail - y, h->what,
		    A_NORMAL);
	}
	ui_text(LINES - 1, 0, COLS, "Any key returns; Up/Down scroll.  "
	    "Every key is also in rater(1), KEYS.", ui_attr(ui, UI_DIM));
}

static void
help_key(struct ui *ui, int key)
{
	int	 total = rows_of(of(ui)->help, 18);

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
