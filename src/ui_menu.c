/*
 * ui_menu.c: the menu of `rater` with no command: new session, review,
 * scales, quit.
 */
#include <stdio.h>
#include <string.h>

#include "ui_screen.h"

static const char *const entries[] = {
	"New session",
	"Review sessions",
	"Scales",
	"Quit"
};

static void	 menu_draw(const struct ui *);
static void	 menu_key(struct ui *, int);
static void	 entry(const void *, size_t, char *, size_t);
static void	 act_new(struct ui *);
static void	 act_review(struct ui *);
static void	 act_scales(struct ui *);
static void	 act_quit(struct ui *);
static void	 act_enter(struct ui *);

static const struct ui_binding bindings[] = {
	{ '\n', act_enter },
	{ UI_FN(KEY_ENTER), act_enter },
	{ UI_FN(KEY_RIGHT), act_enter },
	{ 'l', act_enter },
	{ '1', act_new },
	{ 'n', act_new },
	{ '2', act_review },
	{ 'r', act_review },
	{ '3', act_scales },
	{ 's', act_scales },
	{ '4', act_quit },
	{ 'q', act_quit },
	{ UI_ESC, act_quit },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "Up Down j k", "move" },
	{ "Enter Right l", "open the entry under the cursor" },
	{ "n 1", "new session" },
	{ "r 2", "review sessions" },
	{ "s 3", "scales" },
	{ "q 4 Escape", "quit" },
	{ "? F1", "this help" },
	{ NULL, NULL }
};

const struct screen ui_menu_screen = {
	"menu", menu_draw, menu_key, NULL, help
};

static void
entry(const void *ctx, size_t i, char *buf, size_t len)
{
	(void)ctx;
	snprintf(buf, len, "%zu  %s", i + 1, entries[i]);
}

static void
menu_draw(const struct ui *ui)
{
	const char	*site = ui->cli->cfg->site;

	ui_text(0, 0, COLS, "rater", ui_attr(ui, UI_TITLE));
	if (site != NULL && *site != '\0')
		ui_text_right(0, COLS - 8, site, ui_attr(ui, UI_DIM));
	ui_text(1, 0, COLS, ui->store != NULL ? ui->store->dir : "",
	    ui_attr(ui, UI_DIM));
	ui_list_draw(&ui->menu, 3, 0, (int)nitems(entries), COLS < 40 ? COLS :
	    40, entry, NULL, 1);
	ui_text(LINES - 2, 0, COLS, "Enter opens, q quits, ? shows the keys.",
	    ui_attr(ui, UI_DIM));
}

static void
act_new(struct ui *ui)
{
	ui->new.preset = -1;
	ui_go(ui, UI_SCREEN_NEW);
}

static void
act_review(struct ui *ui)
{
	/* Refused in blind mode, with a message. */
	ui_review_start(ui);
}

static void
act_scales(struct ui *ui)
{
	ui_go(ui, UI_SCREEN_SCALES);
}

static void
act_quit(struct ui *ui)
{
	ui->done = 1;
}

static void
act_enter(struct ui *ui)
{
	switch (ui_list_selected(&ui->menu)) {
	case 0:
		act_new(ui);
		break;
	case 1:
		act_review(ui);
		break;
	case 2:
		act_scales(ui);
		break;
	default:
		act_quit(ui);
		break;
	}
}

static void
menu_key(struct ui *ui, int key)
{
	if (ui_list_key(&ui->menu, key, 4, 1))
		return;
	ui_bind(ui, bindings, key);
}
