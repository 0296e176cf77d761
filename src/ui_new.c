/*
 * ui_new.c: a new session in five steps: the scale (a list filtered by
 * typing), the patient id (recent patients offered; the id is checked
 * before it touches a path), the rater (the configured default or the
 * login name), the visit (the configured labels, or a new one) and the
 * assessment date (now, shown, or a date typed).  A date in the future
 * is refused; a date long before the patient's first session, or a
 * visit the patient already has this scale at, is shown as a warning
 * and a second Enter goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "history.h"
#include "ui_screen.h"

#define RECENT_MAX	200

static void	 new_draw(const struct ui *);
static void	 new_key(struct ui *, int);
static void	 new_enter(struct ui *);
static void	 setup_step(struct ui *);
static void	 entry(const void *, size_t, char *, size_t);
static void	 accept(struct ui *);
static void	 step_back(struct ui *);
static void	 refilter(struct ui *);
static const char *default_rater(const struct ui *);
static void	 set_text(struct ui *, const char *);
static int	 check_date(struct ui *, char *);
static void	 draw_warnings(const struct ui *, int);
static void	 draw_takes(const struct ui *);

static const struct ui_help help[] = {
	{ "letters, digits", "type: filters the list (scale, visit) or "
	    "writes the value (patient id, rater)" },
	{ "Up Down", "move in the list; on the patient and visit steps, "
	    "Down goes from the typed text to the list" },
	{ "Enter", "take the entry under the cursor, else what was typed, "
	    "and go to the next step; after the date, the first item" },
	{ "date", "YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time; the "
	    "offered one is now; a warning shown needs Enter again" },
	{ "Backspace", "erase the last character" },
	{ "Ctrl-U", "erase what was typed" },
	{ "Escape", "back one step (from the first: the menu)" },
	{ "F1", "this help (? is a character here)" },
	{ NULL, NULL }
};

const struct screen ui_new_screen = {
	"new session", new_draw, new_key, new_enter, help
};

static const char *const step_names[] = {
	"Scale", "Patient id", "Rater", "Visit", "Assessed"
};

static void
entry(const void *ctx, size_t i, char *buf, size_t len)
{
	const struct ui	*ui = ctx;
	const struct scale *sc;

	switch (ui->new.step) {
	case UI_NEW_SCALE:
		sc = ui->scales[i].scale;
		snprintf(buf, len, "%-10s %3zu items  %s%s", sc->id,
		    sc->nitems, sc->status != NULL && strcmp(sc->status,
		    "provisional") == 0 ? "PROVISIONAL  " : "", sc->title);
		break;
	case UI_NEW_PATIENT:
		snprintf(buf, len, "%s", ui->new.recent[i]);
		break;
	case UI_NEW_VISIT:
		snprintf(buf, len, "%s", ui->cli->cfg->visits[i]);
		break;
	default:
		buf[0] = '\0';
		break;
	}
}

static void
setup_step(struct ui *ui)
{
	struct ui_new	*n = &ui->new;
	size_t		 count = 0;

	switch (n->step) {
	case UI_NEW_SCALE:
		count = ui->nscales;
		break;
	case UI_NEW_PATIENT:
		if (n->recent == NULL)
			rating_recent_patients(ui->store, RECENT_MAX,
			    &n->recent);
		while (n->recent[count] != NULL)
			count++;
		break;
	case UI_NEW_VISIT:
		count = ui->cli->cfg->nvisits;
		break;
	default:
		break;
	}
	ui_list_init(&n->list, count);
	ui_list_filter(&n->list, n->text, entry, ui);
	n->in_list = n->step == UI_NEW_SCALE || (n->step == UI_NEW_VISIT &&
	    n->list.nview > 0 && n->text[0] != '\0');
}

static void
new_enter(struct ui *ui)
{
	struct ui_new	*n = &ui->new;

	ui_load_scales(ui);
	free(n->patient);
	free(n->rater);
	free(n->visit);
	free(n->warn);
	n->patient = n->rater = n->visit = n->warn = NULL;
	n->warned[0] = '\0';
	/* Read again: a session saved since adds its patient. */
	rating_strv_free(n->recent);
	n->recent = NULL;
	n->text[0] = '\0';
	n->scale = n->preset;
	n->preset = -1;
	n->step = n->scale >= 0 ? UI_NEW_PATIENT : UI_NEW_SCALE;
	setup_step(ui);
	if (ui->nscales == 0)
		ui_error(ui, "No scales found in the scale path (see "
		    "rater scales).");
	else if (ui->nbroken > 0)
		ui_status(ui, "%zu scale file%s with errors left out (rater "
		    "lint).", ui->nbroken, ui->nbroken == 1 ? "" : "s");
}

static const char *
default_rater(const struct ui *ui)
{
	if (ui->start->rater != NULL && *ui->start->rater != '\0')
		return ui->start->rater;
	return cli_default_rater(ui->cli);
}

static void
set_text(struct ui *ui, const char *s)
{
	snprintf(ui->new.text, sizeof(ui->new.text), "%s", s != NULL ? s :
	    "");
}

static void
accept(struct ui *ui)
{
	struct ui_new	*n = &ui->new;
	long		 sel = n->in_list ? ui_list_selected(&n->list) : -1;
	char		*cause = NULL, *visit, assessed[SESSION_TIME_LEN];

	switch (n->step) {
	case UI_NEW_SCALE:
		if (sel < 0) {
			ui_error(ui, "No scale matches '%s'.", n->text);
			return;
		}
		n->scale = sel;
		n->step = UI_NEW_PATIENT;
		set_text(ui, NULL);
		break;
	case UI_NEW_PATIENT:
		if (sel >= 0)
			set_text(ui, n->recent[sel]);
		if (!store_patient_id_is_valid(n->text, &cause) ||
		    !store_patient_id_is_distinct(ui->store, n->text,
		    &cause)) {
			ui_error(ui, "%s.", cause);
			free(cause);
			return;
		}
		session_set(&n->patient, n->text);
		n->step = UI_NEW_RATER;
		set_text(ui, n->rater != NULL ? n->rater : default_rater(ui));
		break;
	case UI_NEW_RATER:
		/* Who rated is part of the record: never blank. */
		if (n->text[strspn(n->text, " ")] == '\0') {
			ui_error(ui, "Type the rater's name: it is recorded "
			    "with the session.");
			return;
		}
		session_set(&n->rater, n->text);
		n->step = UI_NEW_VISIT;
		set_text(ui, NULL);
		break;
	case UI_NEW_VISIT:
		visit = xstrdup(sel >= 0 ? ui->cli->cfg->visits[sel] :
		    n->text);
		session_set(&n->visit, visit);
		free(visit);
		n->step = UI_NEW_DATE;
		session_time_now(n->now, &cause);
		free(cause);
		snprintf(n->offered, sizeof(n->offered), "%.16s", n->now);
		set_text(ui, n->offered);
		free(n->warn);
		n->warn = NULL;
		n->warned[0] = '\0';
		break;
	case UI_NEW_DATE:
		if (check_date(ui, assessed) == 0)
			ui_start_rating_offer(ui, ui->scales[n->scale].scale,
			    n->patient, n->rater, n->visit, assessed);
		return;
	}
	setup_step(ui);
}

/*
 * The date typed: 0 when the rating may start with it (in assessed);
 * -1 when it is refused (said on the status line) or has warnings not
 * yet seen (shown, for a second Enter).
 */
static int
check_date(struct ui *ui, char *assessed)
{
	struct ui_new	*n = &ui->new;
	struct history	*h;
	struct diag	 d;
	struct buf	 b;
	char		*cause = NULL;
	size_t		 i;
	int		 nerr;

	/* The offered text stands for the clock's time, offset and all. */
	if (strcmp(n->text, n->offered) == 0)
		memcpy(assessed, n->now, SESSION_TIME_LEN);
	else if (session_assessed_parse(n->text, assessed, &cause) == -1) {
		ui_error_cause(ui, cause);
		return -1;
	}
	h = history_open(ui->store, NULL);
	diag_init(&d);
	nerr = history_check_new(h, n->patient,
	    ui->scales[n->scale].scale->id, n->visit, assessed, n->now,
	    ui->cli->cfg->max_backdate_days, &d, &cause);
	history_close(h);
	if (nerr != 0) {
		for (i = 0; nerr > 0 && i < d.n; i++)
			if (d.v[i].level == DIAG_ERROR) {
				ui_error(ui, "%s.", d.v[i].msg);
				break;
			}
		if (nerr < 0)
			ui_error_cause(ui, cause);
		diag_free(&d);
		return -1;
	}
	if (d.n == 0 || strcmp(n->warned, n->text) == 0) {
		diag_free(&d);
		return 0;
	}
	buf_init(&b);
	for (i = 0; i < d.n; i++)
		buf_printf(&b, "Warning: %s.\n", d.v[i].msg);
	free(n->warn);
	n->warn = buf_take(&b);
	buf_free(&b);
	snprintf(n->warned, sizeof(n->warned), "%s", n->text);
	ui_status(ui, "Enter again to go on with this date, or change it.");
	diag_free(&d);
	return -1;
}

static void
step_back(struct ui *ui)
{
	struct ui_new	*n = &ui->new;

	switch (n->step) {
	case UI_NEW_SCALE:
		ui_go(ui, UI_SCREEN_MENU);
		return;
	case UI_NEW_PATIENT:
		n->step = UI_NEW_SCALE;
		set_text(ui, NULL);
		break;
	case UI_NEW_RATER:
		n->step = UI_NEW_PATIENT;
		set_text(ui, n->patient);
		break;
	case UI_NEW_VISIT:
		n->step = UI_NEW_RATER;
		set_text(ui, n->rater);
		break;
	case UI_NEW_DATE:
		n->step = UI_NEW_VISIT;
		set_text(ui, NULL);
		free(n->warn);
		n->warn = NULL;
		n->warned[0] = '\0';
		break;
	}
	setup_step(ui);
	if (n->step == UI_NEW_PATIENT)
		n->in_list = 0;
}

static void
refilter(struct ui *ui)
{
	struct ui_new	*n = &ui->new;

	if (n->step == UI_NEW_RATER || n->step == UI_NEW_DATE)
		return;
	ui_list_filter(&n->list, n->text, entry, ui);
	n->in_list = n->step == UI_NEW_SCALE || (n->step == UI_NEW_VISIT &&
	    n->list.nview > 0 && n->text[0] != '\0');
}

static void
new_key(struct ui *ui, int key)
{
	struct ui_new	*n = &ui->new;

	if (key == '\n' || key == UI_FN(KEY_ENTER)) {
		accept(ui);
		return;
	}
	if (key == UI_ESC) {
		step_back(ui);
		return;
	}
	if (key == UI_FN(KEY_F(1))) {
		ui_help(ui);
		return;
	}
	if (key == UI_FN(KEY_BACKSPACE) || key == 0x7f ||
	    key == UI_CTRL('h')) {
		ui_edit_del(ui->new.text);
		refilter(ui);
		return;
	}
	if (key == UI_CTRL('u')) {
		n->text[0] = '\0';
		refilter(ui);
		return;
	}
	if ((n->step == UI_NEW_PATIENT || n->step == UI_NEW_VISIT) &&
	    !n->in_list) {
		if (key == UI_FN(KEY_DOWN) && n->list.nview > 0) {
			n->in_list = 1;
			n->list.cur = 0;
			return;
		}
	} else if ((n->step == UI_NEW_PATIENT || n->step == UI_NEW_VISIT) &&
	    key == UI_FN(KEY_UP) && n->list.cur == 0) {
		n->in_list = 0;
		return;
	}
	if (n->step != UI_NEW_RATER && n->step != UI_NEW_DATE &&
	    n->in_list && ui_list_key(&n->list, key, LINES - 8, 0))
		return;
	if (!(key & UI_FN(0)) && key >= 0x20 && key != 0x7f &&
	    iswprint((wint_t)key)) {
		ui_edit_add(ui->new.text, sizeof(ui->new.text), key);
		refilter(ui);
	}
}

/* The warnings of the date step, one to a line, from row y. */
static void
draw_warnings(const struct ui *ui, int y)
{
	const char	*p, *nl;
	char		 line[512];

	for (p = ui->new.warn; p != NULL && *p != '\0' && y < LINES - 1;
	    p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		snprintf(line, sizeof(line), "%.*s", (int)(nl - p), p);
		y += ui_para(y, 0, COLS, LINES - 1 - y, line,
		    ui_attr(ui, UI_WARNING));
	}
}

/* Row 5: what Enter will record, so that no default goes unseen. */
static void
draw_takes(const struct ui *ui)
{
	const struct ui_new *n = &ui->new;
	long		 sel = n->in_list ? ui_list_selected(&n->list) : -1;
	const char	*from = NULL;
	char		*s;

	if (n->step == UI_NEW_RATER) {
		if (n->text[strspn(n->text, " ")] == '\0') {
			ui_text(5, 2, COLS - 2, "Type the rater's name "
			    "(required).", ui_attr(ui, UI_WARNING));
			return;
		}
		if (strcmp(n->text, default_rater(ui)) == 0 &&
		    (n->rater == NULL || strcmp(n->rater, n->text) != 0))
			from = ui->start->rater != NULL &&
			    *ui->start->rater != '\0' ? " (from --rater)" :
			    ui->cli->cfg->rater != NULL &&
			    *ui->cli->cfg->rater != '\0' ?
			    " (the configured rater)" : " (the login name; "
			    "Ctrl-U and type to change)";
		s = xasprintf("Enter records: %s%s", n->text, from != NULL ?
		    from : "");
	} else if (n->step == UI_NEW_VISIT) {
		if (sel >= 0)
			s = xasprintf("Enter records: %s",
			    ui->cli->cfg->visits[sel]);
		else if (n->text[0] != '\0')
			s = xasprintf("Enter records: %s (a new label)",
			    n->text);
		else
			s = xstrdup("Enter records no visit label; type or "
			    "Down to choose one.");
	} else
		return;
	ui_text(5, 2, COLS - 2, s, A_BOLD);
	free(s);
}

static void
new_draw(const struct ui *ui)
{
	const struct ui_new *n = &ui->new;
	struct buf	 b;
	const char	*label, *hint;
	int		 y, x;

	ui_text(0, 0, COLS, "New session", ui_attr(ui, UI_TITLE));
	buf_init(&b);
	if (n->scale >= 0)
		buf_printf(&b, "Scale %s", ui->scales[n->scale].scale->id);
	if (n->patient != NULL && n->step > UI_NEW_PATIENT)
		buf_printf(&b, " | patient %s", n->patient);
	if (n->rater != NULL && n->step > UI_NEW_RATER)
		buf_printf(&b, " | rater %s", n->rater);
	if (n->visit != NULL && n->step > UI_NEW_VISIT)
		buf_printf(&b, " | visit %s", n->visit);
	ui_text(1, 0, COLS, b.len > 0 ? b.data : "", ui_attr(ui, UI_DIM));
	buf_free(&b);

	switch (n->step) {
	case UI_NEW_SCALE:
		label = "type to filter, Enter takes the one marked";
		break;
	case UI_NEW_PATIENT:
		label = "letters, digits, . - _; Down: recent patients";
		break;
	case UI_NEW_RATER:
		label = "the name recorded with the session";
		break;
	case UI_NEW_DATE:
		label = "when the patient was assessed: YYYY-MM-DD[THH:MM]";
		break;
	default:
		label = "type to filter, or a new label; Down: the list";
		break;
	}
	ui_text(3, 0, COLS, step_names[n->step], ui_attr(ui, UI_HEADING));
	ui_text(3, 12, COLS - 12, label, A_NORMAL);
	x = ui_text(4, 0, 2, "> ", A_BOLD);
	x += ui_text(4, 2, COLS - 3, n->text, n->in_list ? A_NORMAL : A_BOLD);
	if (!n->in_list)
		ui_text(4, x, 1, "_", A_BOLD);
	draw_takes(ui);
	y = 6;
	if (n->step == UI_NEW_PATIENT && n->list.n > 0)
		ui_text(y++, 0, COLS, "Recent patients:", ui_attr(ui, UI_DIM));
	if (n->step == UI_NEW_DATE) {
		ui_text(y++, 0, COLS, "Enter takes the date shown (now); "
		    "type another for a rating done earlier.",
		    ui_attr(ui, UI_DIM));
		draw_warnings(ui, y + 1);
	} else if (n->step != UI_NEW_RATER)
		ui_list_draw(&n->list, y, 0, LINES - 1 - y, COLS, entry, ui,
		    n->in_list);
	hint = n->step == UI_NEW_SCALE ? "Enter choose  Escape menu  F1 help" :
	    "Enter next  Escape back  F1 help";
	ui_text(LINES - 1, 0, COLS, hint, ui_attr(ui, UI_DIM));
}
