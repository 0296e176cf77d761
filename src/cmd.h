/*
 * cmd.h: the command line's sub-commands (one per cmd_*.c file) and the
 * context they share.  Sub-commands print and return an exit status:
 * 0 success, 1 invalid data or findings, 2 usage error, 3 saved
 * incomplete with a required item missing (record).
 */
#ifndef RATER_CMD_H
#define RATER_CMD_H

#include "config.h"
#include "scale.h"

struct result;

#define EXIT_DATA	1
#define EXIT_USAGE	2
#define EXIT_INCOMPLETE	3	/* saved, but a required item has no
				   value */

struct cli {
	const char	*progname;
	char		*data_dir;	/* resolved data directory */
	char		**scale_dirs;	/* search path, NULL-terminated */
	char		*config_path;	/* --config FILE, or NULL */
	struct config	*cfg;		/* the configuration (never NULL
					   once main has read it) */
	int		 blind;		/* --blind or blind = yes */
};

struct cmd {
	const char	*name;
	int		(*run)(struct cli *, int, char **);
	const char	*usage;		/* after "rater NAME " */
};

/* rater COMMAND --help: the synopsis, what the command does, a line per
 * option (cmd_help.c); cmd_help_global: the rest of rater --help after
 * the usage lines. */
int		 cmd_help(FILE *, const struct cmd *);
void		 cmd_help_global(FILE *);

/* Loads a scale by id (searched in the scale path) or by file path;
 * prints diagnostics to stderr on failure and returns NULL. */
struct scale	*cli_load_scale(const struct cli *, const char *);
/* Path of the scale file for an id, or NULL; caller frees. */
char		*cli_scale_path(const struct cli *, const char *);
/* Prints "rater NAME: msg" to stderr. */
void		 cli_warnx(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
/* Prints the usage line of a command to stderr and returns 2. */
int		 cli_usage(const struct cmd *);
const struct cmd *cli_find_cmd(const char *);

/* Answers from "ID=VALUE" text or an answers file (cmd_score.c);
 * print why on failure and return -1.  Ids match whatever their case;
 * given (one flag per item, or NULL) makes an item given twice, in any
 * of the calls that share it, an error. */
int		 cli_set_answer(const struct scale *, struct answer *,
		    const char *id, const char *value, const char *where,
		    unsigned char *given);
int		 cli_read_answers(const struct scale *, struct answer *,
		    const char *path, unsigned char *given);
/* cmd_util.c: answers (values, unk, ref) given to items that their
 * show-if hides in r: each named on stderr, "ID: not asked when its
 * condition 'COND' is false; TAIL", and counted (issue 14.4). */
size_t		 cli_hidden_answers(const struct scale *,
		    const struct answer *, const struct result *,
		    const char *tail);
/* cmd_record.c: the default rater name, a check of free text from the
 * command line (no control characters, at most 200 bytes), and the
 * checks rate and record make of a new session's patient, rater (set to
 * the default when NULL) and visit: 0, or -1 after saying why. */
const char	*cli_default_rater(const struct cli *);
int		 cli_text_is_clean(const char *what, const char *);
int		 cli_new_session_args(const struct cli *, const char *patient,
		    const char **rater, const char *visit);

/* cmd_list.c: shared by the review commands (list, show, export,
 * verify, amend); see there. */
struct diag;
struct history;
struct history_filter;
struct store;
int		 cli_is_blind(const struct cli *, const char *cmd);
int		 cli_filter_arg(const char *cmd, int *i, int argc, char **argv,
		    const char **patient, struct history_filter *);
struct store	*cli_review_store(const struct cli *);
struct store	*cli_open_store(const struct cli *);
size_t		 cli_print_diag(struct diag *);
char		*cli_session_id(const struct store *, const char *arg);
int		 cli_patient_ids(struct history *, const char *patient,
		    char ***ids, size_t *n, struct diag *);
/* verify: checks a patient's list memo against the scores of hp (every
 * latest revision scored); a memo that disagrees, or whose lines fail
 * their check, is reported in d and removed. */
struct hist_patient;
void		 cli_memo_verify(const struct cli *, const struct hist_patient *,
		    struct diag *);

int	cmd_amend(struct cli *, int, char **);
/* cmd_export_redcap.c: export --format redcap of the patients ids
 * (filtered by f); problems go to stderr or d; returns the exit
 * status. */
int		 cli_export_redcap(const struct cli *, struct history *,
		    char **ids, size_t nids, const struct history_filter *,
		    const char *events, const char *record_id, int verified,
		    struct diag *);
int	cmd_describe(struct cli *, int, char **);
/* cmd_util.c: the base of FHIR names: the configured fhir_base, else
 * FHIR_BASE (fhir.h). */
const char	*cli_fhir_base(const struct cli *);
int	cmd_export(struct cli *, int, char **);
/* cmd_util.c: an RFC 4180 field (quoted when it holds a comma, quote,
 * CR or LF; NULL is empty), and writing a buffer to stdout once it is
 * large (or always with force), then emptying it; -1 on a write error. */
void		 cli_csv_field(struct buf *, const char *);
int		 cli_flush(struct buf *, int force);
/*
 * cmd_util.c: the assessment date of a new session (rate, record): arg
 * as given to --date, or NULL for now, parsed into out (26 bytes, a
 * SESSION_TIME_LEN), then checked with history_check_new against the
 * clock and the patient's sessions in st, with the configuration's
 * max_backdate_days.  Warnings are printed ("rater: P017: warning:
 * ...") and do not stop; returns 0, or -1 after saying why not (a bad
 * or future date, an unreadable store).
 */
int		 cli_new_session_date(const struct cli *, struct store *,
		    const char *patient, const char *scale,
		    const char *visit, const char *arg, char *out);
/* For a spreadsheet (export --excel): a field that begins with = + - @,
 * a tab or a CR, and is not a plain number (-?digits[.digits]), gets a
 * leading single quote, so that it cannot run as a formula (OWASP, CSV
 * injection); then it is written as by cli_csv_field.  And a time
 * "2026-11-26T10:15:00+01:00" as the local "2026-11-26 10:15:00" in
 * out (anything else is returned as it is). */
void		 cli_csv_field_excel(struct buf *, const char *);
const char	*cli_excel_time(const char *, char out[20]);
/* cmd_util.c: whether a name is a REDCap variable name (a-z, then a-z,
 * 0-9, _; at most 100): --record-id of describe and export. */
int		 cli_redcap_name_is_valid(const char *);

int	cmd_lint(struct cli *, int, char **);
int	cmd_new(struct cli *, int, char **);
int	cmd_list(struct cli *, int, char **);
int	cmd_menu(struct cli *, int, char **);	/* cmd_rate.c: no command */
int	cmd_rate(struct cli *, int, char **);
int	cmd_review(struct cli *, int, char **);
int	cmd_try(struct cli *, int, char **);
int	cmd_record(struct cli *, int, char **);
int	cmd_scales(struct cli *, int, char **);
int	cmd_score(struct cli *, int, char **);
int	cmd_show(struct cli *, int, char **);
int	cmd_sync(struct cli *, int, char **);
int	cmd_verify(struct cli *, int, char **);

#endif
