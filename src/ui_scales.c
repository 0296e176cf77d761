/*
 * ui_scales.c: the scales of the scale path, with the details of the
 * one under the cursor; Enter starts a new session with it.
 */
#include <stdio.h>
#include <string.h>

#include "ui_screen.h"

static void	 scales_draw(const struct ui *);
static void	 scales_key(struct ui *, int);
static void	 scales_enter(struct ui *);
static void	 entry(const void *, size_t, char *, size_t);
static void	 act_new(struct ui *);
static void	 act_menu(struct ui *);

static const struct ui_binding bindings[] = {
	{ '\n', act_new },
	{ UI_FN(KEY_ENTER), act_new },
	{ 'n', act_new },
	{ 'q', act_menu },
	{ UI_ESC, act_menu },
	{ UI_FN(KEY_LEFT), act_menu },
	{ 'h', act_menu },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "Up Down k j", "move" },
	{ "Enter n", "new session with this scale" },
	{ "q Escape Left h", "back to the menu" },
	{ "? F1", "this help" },
	{ NULL, NULL }
};

const struct screen ui_scales_screen = {
	"scales", scales_draw, scales_key, scales_enter, help
};

static void
entry(const void *ctx, size_t i, char *buf, size_t len)
{
	const struct ui	*ui = ctx;
	const struct scale *sc = ui->scales[i].scale;

	snprintf(buf, len, "%-10s %3zu items  %s", sc->id, sc->nitems,
	    sc->title);
}

static void
scales_enter(struct ui *ui)
{
	ui_load_scales(ui);
	ui_list_init(&ui->scale_list, ui->nscales);
}

static void
act_new(struct ui *ui)
{
	long	 sel = ui_list_selected(&ui->scale_list);

	if (sel < 0)
		return;
	ui->new.preset = sel;
	ui_go(ui, UI_SCREEN_NEW);
}

static void
act_menu(struct ui *ui)
{
	ui_go(ui, UI_SCREEN_MENU);
}

static void
scales_key(struct ui *ui, int key)
{
	if (ui_list_key(&ui->scale_list, key, LINES - 10, 1))
		return;
	ui_bind(ui, bindings, key);
}

static void
scales_draw(const struct ui *ui)
{
	const struct scale *sc;
	char		 buf[256];
	long		 sel = ui_list_selected(&ui->scale_list);
	int		 h, y;

	ui_text(0, 0, COLS, "Scales", ui_attr(ui, UI_TITLE));
	snprintf(buf, sizeof(buf), "%zu scales", ui->nscales);
	ui_text_right(0, COLS / 2, buf, ui_attr(ui, UI_DIM));
	h = LINES - 10;
	ui_list_draw(&ui->scale_list, 2, 0, h, COLS, entry, ui, 1);
	y = 3 + h;
	if (sel >= 0) {
		sc = ui->scales[sel].scale;
		ui_text(y, 0, COLS, sc->path, ui_attr(ui, UI_DIM));
		snprintf(buf, sizeof(buf), "status: %s", sc->status != NULL ?
		    sc->status : "verified");
		ui_text(y + 1, 0, COLS, buf, sc->status != NULL &&
		    strcmp(sc->status, "provisional") == 0 ?
		    ui_attr(ui, UI_PROVISIONAL) : A_BOLD);
		ui_para(y + 2, 0, COLS, 3, sc->status_note != NULL ?
		    sc->status_note : (sc->citation != NULL ? sc->citation :
		    ""), A_NORMAL);
	}
	ui_text(LINES - 1, 0, COLS, "Enter new session  q menu  ? help",
	    ui_attr(ui, UI_DIM));
}
