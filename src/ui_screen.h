/*
 * ui_screen.h: what the screens (src/ui_*.c) share: the state of the
 * interface, the screen table entry, keys, prompts, the list widget and
 * the drawing helpers.  Only src/ui*.c include it (it includes curses).
 *
 * Each ui_<screen>.c exports one `const struct screen ui_<screen>_screen`
 * and keeps everything else static.  Draw functions only read the state
 * and can be called at any time (after a resize, under a prompt); key
 * functions change it through the rating actions (rating.h) and the
 * ui_go/ui_ask helpers below.
 */
#ifndef RATER_UI_SCREEN_H
#define RATER_UI_SCREEN_H

#include <curses.h>
#include <stddef.h>
#include <wchar.h>

#include "cmd.h"
#include "history.h"
#include "journal.h"
#include "rating.h"
#include "ui.h"

/* Smallest usable terminal; below it, "terminal too small". */
#define UI_MIN_COLS	50
#define UI_MIN_LINES	14
/* From this width on, scores are in a side panel. */
#define UI_WIDE_COLS	100
#define UI_SIDE_COLS	34
/* From this width on, the side panel is wider (long score labels). */
#define UI_WIDER_COLS	120
#define UI_WIDER_SIDE	46

/* Keys as the screens see them: a character, or UI_FN(KEY_xxx). */
#define UI_FN(k)	(0x40000000 | (k))
#define UI_CTRL(c)	((c) & 0x1f)
#define UI_ESC		0x1b

enum ui_screen_id {
	UI_SCREEN_MENU,
	UI_SCREEN_NEW,
	UI_SCREEN_SCALES,
	UI_SCREEN_RESUME,
	UI_SCREEN_ITEM,
	UI_SCREEN_SUMMARY,
	UI_SCREEN_SAVED,
	UI_SCREEN_HELP,
	UI_SCREEN_PATIENTS,
	UI_SCREEN_HISTORY,
	UI_SCREEN_TREND,
	UI_SCREEN_DETAIL,
	UI_NSCREENS
};

struct ui;

/* One line of a screen's help: the keys and what they do. */
struct ui_help {
	const char	*keys;
	const char	*what;
};

/* A key bound to an action of a screen. */
struct ui_binding {
	int	  key;
	void	(*fn)(struct ui *);
};

struct screen {
	const char		*name;
	void			(*draw)(const struct ui *);
	void			(*key)(struct ui *, int);
	void			(*enter)(struct ui *);	/* on ui_go, or NULL */
	const struct ui_help	*help;		/* ends with { NULL, NULL } */
};

extern const struct screen ui_menu_screen;
extern const struct screen ui_new_screen;
extern const struct screen ui_scales_screen;
extern const struct screen ui_resume_screen;
extern const struct screen ui_item_screen;
extern const struct screen ui_summary_screen;
extern const struct screen ui_saved_screen;
extern const struct screen ui_help_screen;
extern const struct screen ui_patients_screen;
extern const struct screen ui_history_screen;
extern const struct screen ui_trend_screen;
extern const struct screen ui_detail_screen;

/* Looks a key up in a binding table (ends with a NULL fn) and runs it;
 * returns 1 if found. */
int		 ui_bind(struct ui *, const struct ui_binding *, int);

/*
 * A list that never knows what it lists: n source entries, a filter
 * that keeps some of them (view), a cursor and a first visible row.
 */
struct ui_list {
	size_t	 n;		/* source entries */
	size_t	*view;		/* view -> source index */
	size_t	 nview;
	size_t	 cur;		/* in the view */
};
/* Formats source entry i into buf (UTF-8, any length). */
typedef void	 (*ui_list_entry_fn)(const void *, size_t, char *, size_t);
void		 ui_list_init(struct ui_list *, size_t n);
void		 ui_list_free(struct ui_list *);
/* 1 if hay contains needle, case-insensitive for ASCII; "" is in
 * every text, nothing is in NULL. */
int		 ui_contains(const char *hay, const char *needle);
/* Typed text in a fixed buffer of size bytes: ui_edit_add appends the
 * character key (dropped when it does not fit), ui_edit_del removes the
 * last character (all its UTF-8 bytes). */
void		 ui_edit_add(char *, size_t size, int key);
void		 ui_edit_del(char *);
/* Keeps the entries whose text contains filter (ui_contains); "" keeps
 * all.  The cursor goes to the first. */
void		 ui_list_filter(struct ui_list *, const char *filter,
		    ui_list_entry_fn, const void *);
/* Up, Down, j, k, PgUp, PgDn, Home, End; returns 1 if used. */
int		 ui_list_key(struct ui_list *, int key, int rows, int vi);
/* The source index under the cursor, or -1 when the view is empty. */
long		 ui_list_selected(const struct ui_list *);
void		 ui_list_draw(const struct ui_list *, int y, int x, int h,
		    int w, ui_list_entry_fn, const void *, int active);

/* Prompts: a question on the bottom lines that takes the keys. */
enum ui_prompt_kind {
	UI_PROMPT_NONE,
	UI_PROMPT_YESNO,	/* y or n; Escape = n */
	UI_PROMPT_KEY,		/* any one key */
	UI_PROMPT_LINE		/* a line of text; Enter ends, Escape
				   cancels */
};
/* Characters a line prompt takes (a note of several paragraphs); at
 * the limit the prompt says so and takes no more. */
#define UI_LINE_MAX	20000
struct ui_prompt {
	enum ui_prompt_kind kind;
	char		*question;
	wchar_t		*text;		/* owned, grows up to UI_LINE_MAX */
	size_t		 len, cap;
	int		 full;		/* a character was refused */
	/* Called once answered: yes (1/0; for KEY the key, for LINE 1 =
	 * Enter, 0 = Escape) and the text (LINE, UTF-8). */
	void		(*done)(struct ui *, int, const char *);
};
void		 ui_ask_yesno(struct ui *, const char *question,
		    void (*)(struct ui *, int, const char *));
void		 ui_ask_key(struct ui *, const char *question,
		    void (*)(struct ui *, int, const char *));
void		 ui_ask_line(struct ui *, const char *question,
		    const char *initial, void (*)(struct ui *, int,
		    const char *));

/* A scale found in the scale path, loaded for the pickers. */
struct ui_scale {
	struct scale	*scale;		/* owned */
};

/* The new-session screen's state. */
enum ui_new_step {
	UI_NEW_SCALE,
	UI_NEW_PATIENT,
	UI_NEW_RATER,
	UI_NEW_VISIT,
	UI_NEW_DATE
};
struct ui_new {
	enum ui_new_step step;
	struct ui_list	 list;		/* of the step */
	char		 text[256];	/* typed (UTF-8) */
	int		 in_list;	/* Enter takes the list's entry */
	long		 scale;		/* index into ui->scales, or -1 */
	long		 preset;	/* scale chosen before, or -1 */
	char		*patient, *rater, *visit;
	char		**recent;	/* recent patients, NULL-terminated */
	char		 now[32];	/* the clock when the date step came
					   up (SESSION_TIME_LEN) */
	char		 offered[32];	/* the date step's default: now,
					   YYYY-MM-DDTHH:MM */
	char		*warn;		/* warnings about the date typed,
					   lines, or NULL */
	char		 warned[256];	/* the text they were given for:
					   Enter on it again goes on */
};

/*
 * The review screens (patients, history, trend, detail).  Everything is
 * loaded once when a screen is entered, never per key: the patient list
 * from the file names (and the newest file of each patient), a
 * patient's history with history_patient().  Screens borrow hist_session
 * pointers from hp; they are reset whenever hp is reloaded.
 */
struct ui_patient {
	char		*id;
	size_t		 nsessions;	/* latest revisions */
	char		 last[11];	/* YYYY-MM-DD of the newest, or "" */
	char		*last_visit;	/* its visit label, or NULL */
	char		*scales;	/* "mood motor" */
};

/* A row of the history screen: a scale's heading, or one score of one
 * session (score -1: the session cannot be scored, or has no score). */
struct ui_hrow {
	size_t		 group;		/* index into hp->groups */
	struct hist_session *hs;	/* NULL: the group's heading */
	long		 score;
	int		 first;		/* the first row of its session */
};

struct ui_review {
	struct history	*hist;		/* opened on first use; owned */
	int		 root_patient;	/* rater review --patient: the
					   history is the first screen */

	/* Patients. */
	struct ui_patient *patients;	/* owned */
	size_t		 npatients;
	int		 patients_loaded;
	struct ui_list	 plist;
	char		 pfilter[128];	/* typed (UTF-8) */
	int		 ptyping;	/* keys go into the filter */

	/* One patient. */
	struct hist_patient *hp;	/* owned */
	struct ui_hrow	*rows;		/* owned */
	size_t		 nrows;
	size_t		 hcur, htop;	/* row under the cursor, first shown */
	char		 hfilter[128];
	int		 hw[8];		/* natural column widths */

	/* Trend of one score. */
	const struct hist_group *tg;
	char		*tscore;	/* score id; owned */
	struct hist_point *pts;		/* oldest first; owned */
	size_t		 npts;
	size_t		 tcur, tstart;	/* selected point, first shown */
	enum ui_screen_id tback;	/* where back goes */

	/* One session. */
	struct hist_session *dhs;	/* shown */
	struct hist_session *dlatest;	/* the latest revision of its chain */
	int		 dcmp;		/* 0, or compared with 1 = baseline,
					   2 = previous session */
	int		 drevs;		/* the revisions view */
	size_t		 dtop;		/* first line shown */
	size_t		 drcur;		/* revisions view: selected one */
	enum ui_screen_id dback;	/* where back goes */

	/* Amending (the rating screens run in amend mode). */
	struct hist_session *amend_of;
	char		*amend_id;	/* the revision amended; owned */
	int		 amending;
};

/* A new rating held back while a draft of the same scale and patient is
 * offered (ui_start_rating_offer). */
struct ui_offer {
	const struct scale *scale;	/* borrowed from ui->scales */
	char		*patient, *rater, *visit, *assessed, *path;
					/* owned */
};

struct ui {
	struct cli	*cli;
	struct ui_start	*start;
	struct store	*store;
	struct rating	*rating;	/* the rating on screen, or NULL */
	int		 rating_is_target; /* the one asked for (rater rate) */
	int		 target_done;
	enum ui_screen_id screen;
	enum ui_screen_id help_of;	/* screen the help is about */
	size_t		 help_top;
	int		 done;
	int		 interrupted;	/* left by Ctrl-C */
	int		 interrupt_asked; /* the Ctrl-C question is up */
	int		 colors;
	char		*status;	/* message on the status line */
	int		 status_err;
	struct ui_prompt prompt;
	struct buf	 report;	/* printed after the screen is gone */

	/* Item screen. */
	char		 entry[64];	/* typed value (ASCII) */
	size_t		 opt_cur;	/* cursor over the options */
	size_t		 opt_item;	/* item opt_cur belongs to */
	int		 from_summary;	/* return there after an answer */
	unsigned long long multi_sel;	/* multi item: options toggled
					   (bit i = option i), recorded
					   on Enter */

	/* Summary. */
	size_t		 sum_cur;
	char		 sum_entry[16];	/* typed item number */

	/* Menu, scales. */
	struct ui_list	 menu;
	struct ui_list	 scale_list;
	struct ui_scale	*scales;
	size_t		 nscales;
	int		 scales_loaded;
	size_t		 nbroken;	/* scale files with errors */

	/* New session. */
	struct ui_new	 new;

	/* Leftover drafts. */
	struct draft	*drafts;
	size_t		 ndrafts;
	size_t		 draft_cur;
	char		*draft_title;	/* of drafts[draft_cur] */
	size_t		 draft_nitems;	/* 0 = scale not found */
	char		*draft_err;

	struct ui_offer	 offer;

	/* Saved. */
	char		*saved_id;
	char		*saved_path;

	/* Review. */
	struct ui_review review;
};

/* Attributes by role; with no colour, reverse and bold stand in. */
enum ui_role {
	UI_NORMAL,
	UI_TITLE,
	UI_DIM,
	UI_CURSOR,
	UI_ANSWER,
	UI_MISSING,
	UI_CRITICAL,
	UI_WARNING,
	UI_INFO,
	UI_ERROR,
	UI_PROVISIONAL,
	UI_HEADING
};
attr_t		 ui_attr(const struct ui *, enum ui_role);

/* Drawing: text is sanitized (control characters and undecodable bytes
 * become '?') and cut by display columns. */
int		 ui_text(int y, int x, int width, const char *, attr_t);
/* Width in columns of the text as ui_text would draw it. */
int		 ui_text_width(const char *);
/* Bytes of the next line of a paragraph wrapped at width (breaking
 * after a blank when one fits); *skip gets the blanks to skip. */
size_t		 ui_wrap_len(const char *, int width, size_t *skip);
/* Word-wrapped paragraph; returns the lines used (at most maxlines; a
 * cut paragraph ends in "..."). */
int		 ui_para(int y, int x, int width, int maxlines, const char *,
		    attr_t);
/* Lines a paragraph needs at this width. */
int		 ui_para_lines(int width, const char *);
/*
 * head then tail on row y from x, within width columns: when both do not
 * fit, head is shortened and ends in an ellipsis so that tail (a value,
 * a band, a mark) stays whole.  Returns the columns drawn.
 */
int		 ui_text_fit(int y, int x, int width, const char *head,
		    attr_t, const char *tail, attr_t);
/* "\u2026" in a UTF-8 locale, else "~". */
const char	*ui_ellipsis(void);
/* Fills a row segment with blanks in attr. */
void		 ui_fill(int y, int x, int width, attr_t);
/* The right part of row y: text flush right. */
void		 ui_text_right(int y, int width, const char *, attr_t);

/* Whether scores go to a side panel at this size, and its width. */
int		 ui_is_wide(void);
int		 ui_side_cols(void);
/*
 * The running scores and flags.  Panel: from row y down, h rows, w
 * columns (returns rows used).  Lines: as compact rows from y (returns
 * rows used, at most maxrows).  all_bands shows every band set.
 */
int		 ui_scores_panel(const struct ui *, int y, int x, int h, int w,
		    int all_bands);
int		 ui_scores_lines(const struct ui *, int y, int maxrows,
		    int all_bands);
/*
 * A scale whose score is a sum of products of items (BFMDRS), as the
 * paper form lays it out: per term ("Eyes (weight 0.5)  2 x 3 x 0.5 =
 * 3.0"), live.  ui_form_lines draws every term from row y (at most h
 * rows, with a heading; returns the rows, 0 for other scales);
 * ui_form_current the term of the current item on row y (returns 1, or
 * 0 when the item is in none).
 */
int		 ui_form_lines(const struct ui *, int y, int x, int h, int w);
int		 ui_form_current(const struct ui *, int y, int x, int w);
/* Rows ui_scores_lines needs. */
int		 ui_scores_nlines(const struct ui *, int all_bands);
/* "P017 · baseline · jdoe" header of a rating. */
void		 ui_rating_header(const struct ui *, int y, int width);

/* Status line. */
void		 ui_status(struct ui *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
void		 ui_error(struct ui *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Takes ownership of an error cause (frees it). */
void		 ui_error_cause(struct ui *, char *);
void		 ui_clear_status(struct ui *);

/* Flow between screens. */
/* Puts a screen up (running its enter hook). */
void		 ui_go(struct ui *, enum ui_screen_id);
void		 ui_help(struct ui *);
/* Starts rating with a new session, puts the item screen up. */
int		 ui_start_rating(struct ui *, const struct scale *,
		    const char *patient, const char *rater,
		    const char *visit, const char *assessed);
/* The same, but a leftover draft of that scale and patient is offered
 * first (r resumes it, n starts the new rating, Escape cancels). */
int		 ui_start_rating_offer(struct ui *, const struct scale *,
		    const char *patient, const char *rater,
		    const char *visit, const char *assessed);
/* The rating on screen is over (saved or left): on to what comes
 * next (more drafts, the menu, or the end). */
void		 ui_rating_over(struct ui *);
/* "Leave? The draft is kept (y/n)" (or the dry-run and amend forms);
 * y ends the rating. */
void		 ui_ask_leave(struct ui *);
/* The drafts are dealt with: on to the menu or the rating asked for. */
void		 ui_drafts_over(struct ui *);
/* Loads the scales of the scale path (once). */
void		 ui_load_scales(struct ui *);
/* The saved screen for the rating just saved. */
void		 ui_show_saved(struct ui *);

/*
 * Review flow (ui_history.c).  ui_review_start puts the patient list
 * up (refused in blind mode); ui_review_open loads a patient's history
 * and puts it up (as the first screen when root).  ui_review_amend asks
 * for the reason (required) and starts the rating screens in amend mode
 * on a latest revision; ui_review_amend_over, once that rating is over
 * (saved or left), reloads the history and puts it back up.
 * ui_review_free frees everything the review screens hold.
 */
void		 ui_review_start(struct ui *);
int		 ui_review_open(struct ui *, const char *patient, int root);
void		 ui_review_amend(struct ui *, struct hist_session *);
void		 ui_review_amend_over(struct ui *);
void		 ui_review_free(struct ui *);
/* Text for the review screens: a signed number with decimals, and the
 * change of score i of hs from baseline ("-10 (-50%)", "baseline",
 * "" before the baseline). */
char		*ui_review_signed(char *, size_t, double, int decimals);
void		 ui_review_change(const struct hist_patient *,
		    const struct hist_session *, size_t i, char *, size_t,
		    struct hist_change *);
/* Opens a session (its latest revision's chain) on the detail screen,
 * or a score's trend; back returns to the screen it was opened from
 * (the history when that would go round in circles). */
void		 ui_review_detail(struct ui *, struct hist_session *);
void		 ui_review_trend(struct ui *, const struct hist_group *,
		    const struct hist_session *, const char *score_id);

#endif
