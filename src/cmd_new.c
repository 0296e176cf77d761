/*
 * cmd_new.c: rater new ID [FILE] [--from FILE]: a commented template
 * scale file that passes `rater lint`, for a scale author to fill in;
 * with --from, a draft made from another system's definition of the
 * scale (a FHIR R4 Questionnaire in JSON: import_fhir.c), then linted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "fsdir.h"
#include "import_fhir.h"

static const char template[] =
"; %s: a new rating scale.  Replace every value below with the real\n"
"; instrument's.  Write item and option labels in your own words and\n"
"; cite the source: do not paste a copyrighted instrument's text.\n"
"; The format is described in rater-scale(5); check the file with\n"
";	rater lint %s.ini\n"
"; and try it as a rater would with\n"
";	rater try %s.ini\n"
"\n"
"[scale]\n"
"id          = %s\n"
"title       = \"%s: title of the instrument\"\n"
"version     = 1\n"
"respondent  = clinician\n"
"timeframe   = \"past week\"\n"
"instructions = \"What the rater or patient is asked to do.\"\n"
"citation    = \"Author A, Author B. Title. Journal Year;Vol:Pages.\"\n"
"license     = \"Terms of use of the instrument.\"\n"
"; provisional until every rule is checked against the source\n"
"status      = provisional\n"
"status_note = \"Nothing checked yet against the published instrument.\"\n"
"\n"
"; A list of options that several items share: value = \"label\".\n"
"[choices.severity]\n"
"0 = \"Absent\"\n"
"1 = \"Mild\"\n"
"2 = \"Moderate\"\n"
"3 = \"Severe\"\n"
"\n"
"; Items in the order they are rated.  Ids: a letter or '_', then\n"
"; letters, digits or '_'.\n"
"[item.q1]\n"
"text    = \"First symptom\"\n"
"help    = \"What to look for; shown under the item.\"\n"
"choices = severity\n"
"\n"
"[item.q2]\n"
"text    = \"Second symptom\"\n"
"choices = severity\n"
"\n"
"; An item can carry its own options; values need not be contiguous.\n"
"; A safety item (suicidal thoughts, say) can be required, and raise a\n"
"; flag of its own when it has no value:\n"
";   required     = yes\n"
";   missing_flag = critical\n"
";   missing_text = \"Item 3 not assessed: risk unknown\"\n"
"[item.q3]\n"
"text = \"Third symptom\"\n"
"0 = \"Absent\"\n"
"2 = \"Present\"\n"
"4 = \"Marked\"\n"
"\n"
"; A score: min and max must be what the formula can reach.\n"
"[score.total]\n"
"label   = \"Total\"\n"
"formula = sum(q1..q3)\n"
"min     = 0\n"
"max     = 10\n"
"bands   = severity\n"
"\n"
"; Bands: inclusive lower bound = label, ascending.\n"
"[bands.severity]\n"
"0 = \"None\"\n"
"3 = \"Mild\"\n"
"6 = \"Severe\"\n"
"\n"
"; A flag raised whatever the total.\n"
"[flag.q3_marked]\n"
"when  = q3 == 4\n"
"level = warning\n"
"text  = \"Third symptom marked: follow up\"\n"
"\n"
"; Test cases prove the scoring; rater lint runs them.  Add one for\n"
"; every band boundary and every rule that is easy to get wrong.\n"
"[test.all_absent]\n"
"answers    = 0 0 0\n"
"total      = 0\n"
"total.band = None\n"
"flags      = none\n"
"\n"
"[test.boundary_3]\n"
"answers    = 1 0 2\n"
"total      = 3\n"
"total.band = Mild\n"
"\n"
"[test.maximum]\n"
"answers    = 3 3 4\n"
"total      = 10\n"
"total.band = Severe\n"
"flags      = q3_marked\n"
"\n"
"[test.missing_item_no_total]\n"
"answers    = 1 - 2\n"
"total      = NA\n"
"\n"
"[test.invalid_value_refused]\n"
"answers    = q3=1\n"
"reject     = q3\n";

/* The draft of id from the file at from, into out; 0, or -1 after
 * saying why. */
static int
draft_from(const char *from, const char *id, struct buf *out)
{
	struct diag	 d;
	char		*text;
	const char	*p;
	size_t		 len;
	int		 rc;

	if ((text = read_stream(from, FSDIR_MAX_FILE, &len)) == NULL) {
		cli_warnx("new: %s: %s", from, fsdir_strerror(errno));
		return -1;
	}
	for (p = text; p < text + len && (*p == ' ' || *p == '\t' ||
	    *p == '\n' || *p == '\r'); p++)
		;
	if (p == text + len || *p != '{') {
		cli_warnx("new: %s: not a FHIR Questionnaire (JSON); --from "
		    "reads a FHIR R4 Questionnaire", from);
		free(text);
		return -1;
	}
	diag_init(&d);
	rc = import_fhir(from, text, len, id, out, &d);
	cli_print_diag(&d);
	diag_free(&d);
	free(text);
	return rc;
}

int
cmd_new(struct cli *c, int argc, char **argv)
{
	const char	*id, *p, *base, *from = NULL, *args[2];
	char		*path;
	struct buf	 draft;
	struct diag	 d;
	struct scale	*sc;
	FILE		*f;
	int		 fd, a, n = 0, rc = 0;

	(void)c;
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--from") == 0 && a + 1 < argc)
			from = argv[++a];
		else if (strncmp(argv[a], "--from=", 7) == 0)
			from = argv[a] + 7;
		else if (n < 2 && (argv[a][0] != '-' || argv[a][1] == '\0'))
			args[n++] = argv[a];
		else
			return cli_usage(cli_find_cmd("new"));
	}
	if (n < 1)
		return cli_usage(cli_find_cmd("new"));
	id = args[0];
	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-'))
			break;
	if (*p != '\0' || *id == '\0' || *id == '-' || strlen(id) > 64) {
		cli_warnx("scale id '%s' may contain only a-z, 0-9, '_' and "
		    "'-', not start with '-', and have at most 64 of "
		    "them", id);
		return EXIT_DATA;
	}
	buf_init(&draft);
	if (from != NULL && draft_from(from, id, &draft) == -1) {
		buf_free(&draft);
		return EXIT_DATA;
	}
	path = n == 2 ? xstrdup(args[1]) : xasprintf("%s.ini", id);
	/* The loader wants the file named after the id. */
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	if (strncmp(base, id, strlen(id)) != 0 ||
	    strcmp(base + strlen(id), ".ini") != 0) {
		cli_warnx("%s: a scale file must be named after its id: "
		    "%s.ini", path, id);
		free(path);
		buf_free(&draft);
		return EXIT_DATA;
	}
	/* Never overwrite: an author's file is precious too. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		cli_warnx("%s: %s", path, strerror(errno));
		free(path);
		buf_free(&draft);
		return EXIT_DATA;
	}
	if (from != NULL)
		fwrite(draft.data, 1, draft.len, f);
	else
		fprintf(f, template, id, id, id, id, id);
	buf_free(&draft);
	if (fclose(f) == EOF) {
		cli_warnx("%s: %s", path, strerror(errno));
		free(path);
		return EXIT_DATA;
	}
	printf("%s\n", path);
	if (from != NULL) {
		/* The draft is linted as rater lint would: its problems
		 * (the TODOs that need a hand) are shown now. */
		diag_init(&d);
		sc = scale_load(path, &d);
		cli_print_diag(&d);
		if (sc == NULL) {
			cli_warnx("new: %s: the draft needs work before it "
			    "loads: see above, and its TODO comments", path);
			rc = EXIT_DATA;
		}
		scale_free(sc);
		diag_free(&d);
	}
	free(path);
	return rc;
}
