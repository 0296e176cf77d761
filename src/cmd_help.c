/*
 * cmd_help.c: the text of `rater --help` beyond the usage lines, and of
 * `rater COMMAND --help`: the command's synopsis (its usage string, the
 * same text as in rater(1)), what it does in one line, and one line per
 * option or argument, as the manual has them.
 *
 * The options are read from the usage string itself, so that an option
 * added to the command table is always listed; its line comes from the
 * tables below (a command's own entry first, then the shared ones).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

struct help_line {
	const char	*cmd;		/* NULL: any command */
	const char	*word;		/* "--patient", "ID=VALUE", "FILE" */
	const char	*text;
};

struct help_cmd {
	const char	*name;
	const char	*what;
};

static const struct help_cmd summaries[] = {
	{ "lint", "check scale files: every problem at once, as "
	    "file:line: level: message, and their test cases" },
	{ "new", "write a commented template scale file that passes lint, "
	    "or a draft from a REDCap data dictionary" },
	{ "scales", "list the scales of the scale path" },
	{ "score", "score answers without saving: score, value, band "
	    "lines, then flag lines" },
	{ "record", "save a session from the command line (paper forms, "
	    "scripts); print its id" },
	{ "rate", "rate a patient on the screens; leftover drafts are "
	    "offered first" },
	{ "try", "a dry run of a scale file on the screens: nothing is "
	    "written" },
	{ "review", "the review screens: patients, history, trend, "
	    "sessions, amendments" },
	{ "list", "one line per saved session (latest revisions) with its "
	    "scores and bands" },
	{ "show", "a plain-text report of one session, for the record" },
	{ "export", "sessions as CSV, long or wide, with a codebook; as a "
	    "FHIR R4 Bundle; or a REDCap data import file" },
	{ "describe", "a scale's definition: a summary, its FHIR R4 "
	    "Questionnaire or its REDCap data dictionary" },
	{ "verify", "check the audit chain and re-score every session" },
	{ "amend", "save a corrected revision of a session; the old file "
	    "stays" },
	{ "sync", "several workstations: commit, fetch, merge and push the "
	    "data directory with git" },
	{ NULL, NULL }
};

static const struct help_line lines[] = {
	{ "lint", "FILE...", "scale files to check" },
	{ "new", "ID", "the scale id: [a-z0-9_-], the file's name stem" },
	{ "new", "[FILE]", "where to write (named ID.ini; default "
	    "./ID.ini); never overwritten" },
	{ "new", "--from", "draft the scale from a REDCap data dictionary "
	    "(CSV) or a FHIR R4 Questionnaire (JSON), then lint it" },
	{ "new", "--form", "the form of the dictionary to draft (needed when "
	    "it has several)" },
	{ "describe", "SCALE...", "scale ids or scale files (several only "
	    "with redcap: one REDCap form each)" },
	{ "describe", "--format", "text (a summary; the default), fhir (the "
	    "FHIR R4 Questionnaire) or redcap (the data dictionary)" },
	{ "describe", "--record-id", "the record id field (default "
	    "record_id)" },
	{ "export", "--format", "long (one row per answer, score, band, "
	    "flag; the default), wide (one row per session; needs "
	    "--scale), fhir (a FHIR R4 Bundle, JSON) or redcap (a REDCap "
	    "data import file)" },
	{ "export", "--events", "redcap: the file mapping visits to REDCap "
	    "events (default DATA/redcap-events, if there)" },
	{ "export", "--record-id", "redcap: the record id column (default "
	    "record_id)" },
	{ "export", "--verified", "redcap: complete sessions as Complete "
	    "(2), not Unverified (1)" },
	{ "try", "FILE", "the scale file to try" },
	{ "show", "SESSION", "a session id (P017/20261126T101500-phq9-1) or "
	    "the path of a session file" },
	{ "amend", "SESSION", "a session id or the path of a session file" },
	{ "sync", "--remote", "once: make the data directory a git working "
	    "tree of this bare repository (a path or an ssh URL)" },
	{ "sync", "--trial", "the trial id, the same at every workstation; "
	    "a remote of another trial is refused" },
	{ "sync", "--workstation", "this workstation's id, 1 to 16 of a-z "
	    "0-9 (default: from the host name)" },
	{ "amend", "--reason", "why the session is corrected (required)" },
	{ "amend", "--date", "the corrected assessment date" },
	{ "amend", "--rater", "who amends (default: the configured rater, "
	    "else the login name)" },
	{ "amend", "--resolves", "close a fork: the latest revision(s) of "
	    "the other branch(es), joined by commas; SESSION is the one "
	    "that holds" },
	{ "amend", "ID=VALUE", "the corrected answers (a number, a multi "
	    "item's options as 1+3, or na, unk, ref)" },
	{ "score", "ID=VALUE", "answers by item id (a number, a multi "
	    "item's options as 1+3, or na, unk, ref)" },
	{ "record", "ID=VALUE", "answers by item id (a number, a multi "
	    "item's options as 1+3, or na, unk, ref)" },
	{ "score", "--values", "answers as a comma-separated list in item "
	    "order" },
	{ "score", "--answers", "answers from a file of id = value lines (- "
	    "reads standard input)" },
	{ "record", "--answers", "answers from a file of id = value lines (- "
	    "reads standard input)" },
	{ "score", "--csv", "score every row of a CSV file" },
	{ "review", "--patient", "open this patient's history (else the "
	    "patient list)" },
	{ "list", "--patient", "only this patient's sessions" },
	{ "list", "--visit", "only sessions of this visit label" },
	{ "export", "--visit", "only sessions of this visit label" },
	{ "export", "--patient", "only this patient's sessions" },
	{ NULL, "SCALE", "a scale id from the scale path, or the path of a "
	    "scale file" },
	{ NULL, "--patient", "the patient id: 1 to 64 letters, digits, . - "
	    "_" },
	{ NULL, "--rater", "the rater recorded (default: the configured "
	    "rater, else the login name)" },
	{ NULL, "--visit", "the visit label (screening, baseline, week 1, "
	    "...)" },
	{ NULL, "--date", "when the patient was assessed: YYYY-MM-DD or "
	    "YYYY-MM-DDTHH:MM (default: now)" },
	{ NULL, "--scale", "only sessions of this scale id" },
	{ NULL, "--since", "only sessions on or after this date "
	    "(YYYY-MM-DD)" },
	{ NULL, "--until", "only sessions on or before this date "
	    "(YYYY-MM-DD)" },
	{ NULL, "--format", "long (one row per answer, score, band, flag; "
	    "the default) or wide (one row per session; needs --scale)" },
	{ NULL, "--excel", "for a spreadsheet: a UTF-8 byte order mark, "
	    "formula-like cells quoted (see rater(1))" },
	{ NULL, "--codebook", "also write the definitions of every scale "
	    "version exported to this file" },
	{ NULL, NULL, NULL }
};

static const struct help_line globals[] = {
	{ NULL, "--blind", "blind mode: no earlier scores, no review" },
	{ NULL, "--config FILE", "the configuration file" },
	{ NULL, "--data DIR", "the data directory (else $RATER_DATA, the "
	    "configured one, ~/.local/share/rater)" },
	{ NULL, "--scales DIR", "the scale directory (else $RATER_SCALES, "
	    "the configured one, the installed scales)" },
	{ NULL, "--help, -h", "this help; rater COMMAND --help: one "
	    "command's options" },
	{ NULL, "--version", "the version" },
	{ NULL, NULL, NULL }
};

/* "  LABEL  text" with the text wrapped under itself at 79 columns;
 * with no label, a paragraph from column 0. */
static void
print_item(FILE *f, int w, const char *label, const char *text)
{
	int	 in = label != NULL ? 3 + w : 0, avail = 79 - in;
	size_t	 n;

	if (label != NULL && fprintf(f, "  %-*s ", w, label) > in)
		fprintf(f, "\n%*s", in, "");
	while (*text != '\0') {
		n = strlen(text);
		if ((int)n > avail) {
			n = (size_t)avail;
			while (n > 0 && text[n] != ' ')
				n--;
			if (n == 0)
				n = (size_t)avail;
		}
		fprintf(f, "%.*s\n", (int)n, text);
		text += n;
		while (*text == ' ')
			text++;
		if (*text != '\0')
			fprintf(f, "%*s", in, "");
	}
}

static const char *
find_line(const char *cmd, const char *word)
{
	const struct help_line *l;

	for (l = lines; l->word != NULL; l++)
		if (l->cmd != NULL && strcmp(l->cmd, cmd) == 0 &&
		    strcmp(l->word, word) == 0)
			return l->text;
	for (l = lines; l->word != NULL; l++)
		if (l->cmd == NULL && strcmp(l->word, word) == 0)
			return l->text;
	return NULL;
}

/*
 * The words of a usage string, one per option or argument: "--patient
 * ID" for an option with its value, "FILE...", an optional argument as
 * "[FILE]" (its key too), "ID=VALUE" for "[ID=VALUE ...]".
 */
static void
print_words(FILE *f, const struct cmd *c)
{
	const char	*p = c->usage, *text;
	char		 word[64], shown[96], key[96];
	size_t		 n;
	int		 opt;

	while (*p != '\0') {
		opt = 0;
		while (*p == ' ' || *p == '[' || *p == ']')
			opt = *p++ == '[' ? 1 : opt;
		if (*p == '\0')
			break;
		n = strcspn(p, " ]");
		if (n >= sizeof(word))
			n = sizeof(word) - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		if (strcmp(word, "...") == 0)
			continue;
		snprintf(shown, sizeof(shown), "%s", word);
		snprintf(key, sizeof(key), "%s", word);
		if (word[0] == '-' && word[1] == '-') {
			/* "--opt VALUE": the value belongs to it. */
			while (*p == ' ')
				p++;
			n = strcspn(p, " ]");
			if (n > 0 && *p != '-' && *p != '[' &&
			    strchr(word, '=') == NULL) {
				snprintf(shown, sizeof(shown), "%s %.*s", word,
				    (int)n, p);
				p += n;
			}
		} else if (opt && *p == ']') {
			snprintf(shown, sizeof(shown), "[%s]", word);
			snprintf(key, sizeof(key), "%s", shown);
		}
		text = find_line(c->name, key);
		print_item(f, 18, shown, text != NULL ? text :
		    "see rater(1)");
	}
}

int
cmd_help(FILE *f, const struct cmd *c)
{
	const struct help_cmd *h;

	fprintf(f, "usage: rater %s%s%s\n", c->name, c->usage[0] ? " " : "",
	    c->usage);
	for (h = summaries; h->name != NULL; h++)
		if (strcmp(h->name, c->name) == 0)
			print_item(f, 0, NULL, h->what);
	if (c->usage[0] != '\0')
		print_words(f, c);
	fputs("Global options (before or after the command): --blind, "
	    "--data DIR,\n--scales DIR, --config FILE.  See rater(1).\n", f);
	return 0;
}

void
cmd_help_global(FILE *f)
{
	const struct help_line *l;
	const struct help_cmd *h;

	fputs("\nOptions:\n", f);
	for (l = globals; l->word != NULL; l++)
		print_item(f, 14, l->word, l->text);
	fputs("\nCommands (rater COMMAND --help: its options):\n", f);
	for (h = summaries; h->name != NULL; h++)
		if (cli_find_cmd(h->name) != NULL)
			print_item(f, 7, h->name, h->what);
	fputs("\nWith no command, on a terminal: the menu.  See rater(1).\n",
	    f);
}
