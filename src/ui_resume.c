/*
 * ui_resume.c: leftover drafts, offered one by one before anything
 * else: "Resume PHQ-9 for P017 (6 of 10 items)? y/n".  y resumes at
 * the first unanswered item with every answer in place; n moves the
 * draft to $DATA/trash (never deletes it); Escape leaves it for later.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

static void	 resume_draw(const struct ui *);
static void	 resume_key(struct ui *, int);
static void	 resume_enter(struct ui *);
static void	 act_yes(struct ui *);
static void	 act_no(struct ui *);
static void	 act_later(struct ui *);
static void	 act_all_later(struct ui *);
static void	 next_draft(struct ui *);
static void	 discard_done(struct ui *, int, const char *);

static const struct ui_binding bindings[] = {
	{ 'y', act_yes },
	{ 'Y', act_yes },
	{ 'n', act_no },
	{ 'N', act_no },
	{ UI_ESC, act_later },
	{ 'l', act_later },
	{ 'q', act_all_later },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "y", "resume: every recorded answer and note is back in place, "
	    "at the first unanswered item" },
	{ "n", "do not resume: asks first, naming the patient and the "
	    "scale; y then moves the draft to DATA/trash (it is never "
	    "deleted) and the audit log says so" },
	{ "Escape l", "decide later: the draft stays and is offered again "
	    "next time" },
	{ "q", "decide later for every draft left" },
	{ "? F1", "this help" },
	{ NULL, NULL }
};

const struct screen ui_resume_screen = {
	"resume", resume_draw, resume_key, resume_enter, help
};

/* Loads what the question needs: the scale's title and item count. */
static void
resume_enter(struct ui *ui)
{
	const struct draft *dr = &ui->drafts[ui->draft_cur];
	const struct session *s = dr->session;
	struct scale	*sc;
	struct diag	 d;
	struct buf	 b;

	free(ui->draft_title);
	free(ui->draft_err);
	ui->draft_title = NULL;
	ui->draft_err = NULL;
	ui->draft_nitems = 0;
	diag_init(&d);
	sc = store_load_scale(ui->store, s->scale_id, s->scale_sha256, &d);
	if (sc == NULL && dr->scale_path != NULL &&
	    *dr->scale_path != '\0' && !store_scale_file_is_allowed(
	    ui->store, dr->scale_path, s->scale_id))
		diag_add(&d, DIAG_ERROR, dr->path, 0, "the scale file the "
		    "draft names is not %s.ini in a scale directory: not "
		    "read", s->scale_id);
	else if (sc == NULL && dr->scale_path != NULL &&
	    *dr->scale_path != '\0') {
		diag_free(&d);
		diag_init(&d);
		if ((sc = scale_load(dr->scale_path, &d)) != NULL &&
		    strcmp(sc->sha256, s->scale_sha256) != 0) {
			diag_add(&d, DIAG_ERROR, dr->scale_path, 0, "changed "
			    "since the draft was started");
			scale_free(sc);
			sc = NULL;
		}
	}
	if (sc != NULL) {
		ui->draft_nitems = sc->nitems;
		ui->draft_title = rating_short_title(sc->title);
		scale_free(sc);
	} else {
		buf_init(&b);
		diag_format(&d, &b);
		ui->draft_err = b.len > 0 ? buf_take(&b) :
		    xstrdup("the scale cannot be found");
		buf_free(&b);
		ui->draft_title = rating_short_title(s->scale_title != NULL ?
		    s->scale_title : s->scale_id);
	}
	diag_free(&d);
}

static void
next_draft(struct ui *ui)
{
	ui->draft_cur++;
	if (ui->draft_cur < ui->ndrafts)
		ui_go(ui, UI_SCREEN_RESUME);
	else
		ui_drafts_over(ui);
}

static void
act_yes(struct ui *ui)
{
	const struct draft *dr = &ui->drafts[ui->draft_cur];
	const struct ui_start *st = ui->start;
	struct rating	*r;
	char		*cause = NULL;

	if ((r = rating_resume(ui->store, dr->path, &cause)) == NULL) {
		ui_error_cause(ui, cause);
		return;
	}
	rating_free(ui->rating);
	ui->rating = r;
	ui->rating_is_target = st->mode == UI_MODE_RATE && st->scale != NULL &&
	    strcmp(r->scale->id, st->scale->id) == 0 &&
	    strcmp(r->session->patient, st->patient) == 0;
	ui->draft_cur++;
	ui->from_summary = 0;
	if (r->skipped != NULL)
		ui_error(ui, "%s.", r->skipped);
	else
		ui_clear_status(ui);
	ui_go(ui, UI_SCREEN_ITEM);
}

/* n asks first, naming the patient and the scale: a key meant for
 * something else must not put a rating aside. */
static void
act_no(struct ui *ui)
{
	const struct draft *dr = &ui->drafts[ui->draft_cur];
	char		*q;

	q = xasprintf("Put the draft of %s for patient %s (%zu answer%s) in "
	    "the trash?  It is not offered again.", ui->draft_title,
	    dr->session->patient, dr->nanswered,
	    dr->nanswered == 1 ? "" : "s");
	ui_ask_yesno(ui, q, discard_done);
	free(q);
}

static void
discard_done(struct ui *ui, int yes, const char *text)
{
	const struct draft *dr = &ui->drafts[ui->draft_cur];
	char		*cause = NULL;

	(void)text;
	if (!yes) {
		ui_status(ui, "The draft stays.");
		return;
	}
	if (journal_discard(ui->store, dr->path, &cause) == -1) {
		ui_error_cause(ui, cause);
		return;
	}
	ui_status(ui, "Draft moved to %s/trash.", ui->store->dir);
	next_draft(ui);
}

static void
act_later(struct ui *ui)
{
	next_draft(ui);
}

static void
act_all_later(struct ui *ui)
{
	ui->draft_cur = ui->ndrafts;
	ui_drafts_over(ui);
}

static void
resume_key(struct ui *ui, int key)
{
	if (!ui_bind(ui, bindings, key))
		ui_status(ui, "y resumes, n puts the draft in the trash (asks "
		    "first), Escape decides later.");
}

static void
resume_draw(const struct ui *ui)
{
	const struct draft *dr = &ui->drafts[ui->draft_cur];
	const struct session *s = dr->session;
	char		 buf[512];
	int		 y = 2;

	ui_text(0, 0, COLS, "Leftover drafts", ui_attr(ui, UI_TITLE));
	snprintf(buf, sizeof(buf), "%zu of %zu", ui->draft_cur + 1,
	    ui->ndrafts);
	ui_text_right(0, COLS / 2, buf, A_BOLD);
	if (ui->draft_nitems > 0 && s->replaces != NULL)
		snprintf(buf, sizeof(buf), "Resume the amendment of %s "
		    "(revision %d: %s)? y/n", s->replaces, s->revision,
		    s->reason != NULL ? s->reason : "");
	else if (ui->draft_nitems > 0)
		snprintf(buf, sizeof(buf), "Resume %s for %s (%zu of %zu "
		    "items)? y/n", ui->draft_title, s->patient, dr->nanswered,
		    ui->draft_nitems);
	else
		snprintf(buf, sizeof(buf), "Draft of %s for %s (%zu "
		    "answers): its scale cannot be loaded.", ui->draft_title,
		    s->patient, dr->nanswered);
	y += ui_para(y, 0, COLS, 3, buf, A_BOLD);
	y++;
	snprintf(buf, sizeof(buf), "Started      %s", s->started);
	ui_text(y++, 2, COLS - 2, buf, A_NORMAL);
	snprintf(buf, sizeof(buf), "Last change  %s", dr->updated != NULL ?
	    dr->updated : s->started);
	ui_text(y++, 2, COLS - 2, buf, A_NORMAL);
	snprintf(buf, sizeof(buf), "Rater        %s", s->rater);
	ui_text(y++, 2, COLS - 2, buf, A_NORMAL);
	snprintf(buf, sizeof(buf), "Visit        %s", s->visit);
	ui_text(y++, 2, COLS - 2, buf, A_NORMAL);
	snprintf(buf, sizeof(buf), "Assessed     %s", s->assessed != NULL ?
	    s->assessed : s->started);
	ui_text(y++, 2, COLS - 2, buf, A_NORMAL);
	snprintf(buf, sizeof(buf), "Draft        %s", dr->path);
	y += ui_para(y, 2, COLS - 2, 2, buf, ui_attr(ui, UI_DIM));
	if (dr->nbad > 0) {
		snprintf(buf, sizeof(buf), "%zu damaged line%s skipped.",
		    dr->nbad, dr->nbad == 1 ? "" : "s");
		ui_text(y++, 2, COLS - 2, buf, ui_attr(ui, UI_WARNING));
	}
	if (ui->draft_err != NULL)
		y += ui_para(y, 2, COLS - 2, 3, ui->draft_err,
		    ui_attr(ui, UI_ERROR));
	y++;
	y += ui_para(y, 0, COLS, LINES - 2 - y, "y resumes at the first "
	    "unanswered item with every answer in place.  n puts the draft "
	    "in the trash (asks first; never deleted).  Escape decides later.",
	    ui_attr(ui, UI_DIM));
	ui_text(LINES - 1, 0, COLS, "y resume  n to trash  Escape later  "
	    "q later for all  ? help", ui_attr(ui, UI_DIM));
}
