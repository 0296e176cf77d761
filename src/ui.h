/*
 * ui.h: the terminal interface as the command line sees it.  This
 * header does not include curses (cmd_rate.c uses it); the screens
 * share src/ui_screen.h.
 */
#ifndef RATER_UI_H
#define RATER_UI_H

#include "cmd.h"
#include "scale.h"
#include "store.h"

enum ui_mode {
	UI_MODE_MENU,		/* rater: the menu */
	UI_MODE_RATE,		/* rater rate SCALE --patient ID */
	UI_MODE_TRY,		/* rater try FILE: a dry run */
	UI_MODE_REVIEW		/* rater review [--patient ID] */
};

struct ui_start {
	enum ui_mode	 mode;
	struct store	*store;		/* borrowed; NULL for UI_MODE_TRY */
	const struct scale *scale;	/* borrowed; RATE and TRY */
	const char	*patient;	/* RATE; REVIEW: the patient whose
					   history is the first screen, or
					   NULL for the patient list */
	const char	*rater;		/* default rater name, or NULL */
	const char	*visit;		/* RATE, may be NULL */
	const char	*assessed;	/* RATE: the assessment date, or
					   NULL for now */
	/* Filled by ui_run: what to print once the screen is gone
	 * (where a session was saved, the draft kept, the answers of a
	 * dry run); owned by the caller, may be NULL. */
	char		*report;
};

/*
 * Runs the screens until the user leaves (or UI_EXIT_INTERRUPTED after
 * Ctrl-C; a rating's draft is then kept or, if asked, discarded).  The review screens are not
 * for blind mode: the caller refuses UI_MODE_REVIEW then (and the menu
 * refuses its review entry).  Needs a terminal on standard
 * input and output.  Returns an exit status: 0, or 1 when the terminal
 * cannot be used (with *cause, caller frees).  Before anything else,
 * leftover drafts in the store are offered for resumption.  When the
 * environment variable RATER_EXIT_AFTER_DRAW is set, returns 0 right
 * after the first screen is drawn (to time the start-up).
 */
int		 ui_run(struct cli *, struct ui_start *, char **cause);
/* ui_run's status when the user left with Ctrl-C (128 + SIGINT). */
#define UI_EXIT_INTERRUPTED	130

#endif
