/*
 * ui_saved.c: where the session was saved, its id and its scores; for
 * an amendment, also the id of the revision it replaces and the reason.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ui_screen.h"

static void	 saved_draw(const struct ui *);
static void	 saved_key(struct ui *, int);

static const struct ui_help help[] = {
	{ "Enter q Escape", "done: back to the menu (rater rate: quit; an "
	    "amendment: back to the history)" },
	{ NULL, NULL }
};

const struct screen ui_saved_screen = {
	"saved", saved_draw, saved_key, NULL, help
};

static void
saved_draw(const struct ui *ui)
{
	const struct session *ss = ui->rating->session;
	char	*s;
	int	 y = 4, n;

	ui_text(0, 0, COLS, ui->rating->scale->title, ui_attr(ui, UI_TITLE));
	ui_rating_header(ui, 1, COLS);
	if (ss->replaces != NULL) {
		s = xasprintf("Amendment saved: revision %d.  The revision it "
		    "replaces is kept as it was.", ss->revision);
		ui_para(3, 0, COLS, 1, s, ui_attr(ui, UI_ANSWER));
		free(s);
	} else
		ui_text(3, 0, COLS, "Session saved.", ui_attr(ui, UI_ANSWER));
	s = xasprintf("Id:    %s", ui->saved_id);
	y += ui_para(y, 0, COLS, 2, s, A_BOLD);
	free(s);
	if (ss->replaces != NULL) {
		s = xasprintf("Replaces: %s", ss->replaces);
		y += ui_para(y, 0, COLS, 2, s, A_BOLD);
		free(s);
		s = xasprintf("Reason: %s", ss->reason);
		y += ui_para(y, 0, COLS, 2, s, A_NORMAL);
		free(s);
	}
	s = xasprintf("File:  %s", ui->saved_path);
	y += ui_para(y, 0, COLS, 3, s, A_NORMAL);
	free(s);
	ui_text(y++, 0, COLS, "The draft journal is removed.", ui_attr(ui,
	    UI_DIM));
	y++;
	n = ui_scores_nlines(ui, 1);
	if (n > LINES - 2 - y)
		n = LINES - 2 - y;
	ui_scores_lines(ui, y, n, 1);
	ui_text(LINES - 1, 0, COLS, ui->review.amending ? "Enter: back to "
	    "the history" : ui->start->mode == UI_MODE_REVIEW ? "Enter: back "
	    "to the review" : ui->start->mode == UI_MODE_MENU ?
	    "Enter: back to the menu" : "Enter: quit", ui_attr(ui, UI_DIM));
}

static void
saved_key(struct ui *ui, int key)
{
	if (key == '\n' || key == UI_FN(KEY_ENTER) || key == 'q' ||
	    key == UI_ESC || key == ' ')
		ui_rating_over(ui);
	else if (key == '?' || key == UI_FN(KEY_F(1)))
		ui_help(ui);
}
