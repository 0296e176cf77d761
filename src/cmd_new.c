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
#include "import_fhir.h"
#include "redcap.h"

#define FROM_MAX	(16 << 20)	/* bytes of a dictionary read */

static int	 draft_from(const char *, const char *, const char *,
		    struct buf *);

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

/*
 * The draft of scale id from a dictionary (a REDCap data dictionary
 * CSV, or a FHIR R4 Questionnaire in JSON) into ini; what did not map
 * is said on stderr.  0, or -1 after saying why.
 */
static int
draft_from(const char *from, const char *id, const char *form,
    struct buf *ini)
{
	struct buf	 notes;
	char		*data, *cause = NULL;
	size_t		 len, i = 0;

	if ((data = read_file_max(from, FROM_MAX, &len)) == NULL) {
		cli_warnx("%s: %s", from, strerror(errno));
		return -1;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i < len && (data[i] == '{' || data[i] == '[')) {
		struct diag	 d;
		int		 rc;

		if (form != NULL) {
			cli_warnx("new: %s: --form is for REDCap data "
			    "dictionaries, not a FHIR Questionnaire", from);
			free(data);
			return -1;
		}
		diag_init(&d);
		rc = import_fhir(from, data, len, id, ini, &d);
		cli_print_diag(&d);
		diag_free(&d);
		free(data);
		return rc;
	}
	buf_init(&notes);
	if (redcap_draft(from, data, len, id, form, ini, &notes, &cause) ==
	    -1) {
		cli_warnx("%s", cause);
		free(cause);
		free(data);
		buf_free(&notes);
		return -1;
	}
	if (notes.len > 0)
		fputs(notes.data, stderr);
	buf_free(&notes);
	free(data);
	return 0;
}

int
cmd_new(struct cli *c, int argc, char **argv)
{
	const char	*id = NULL, *file = NULL, *p, *base;
	const char	*from = NULL, *form = NULL;
	struct diag	 d;
	struct buf	 ini, msg;
	struct scale	*sc;
	char		*path;
	FILE		*f;
	int		 fd, a, rc = 0;

	(void)c;
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--from") == 0 && a + 1 < argc)
			from = argv[++a];
		else if (strncmp(argv[a], "--from=", 7) == 0)
			from = argv[a] + 7;
		else if (strcmp(argv[a], "--form") == 0 && a + 1 < argc)
			form = argv[++a];
		else if (strncmp(argv[a], "--form=", 7) == 0)
			form = argv[a] + 7;
		else if (strncmp(argv[a], "--", 2) == 0 && argv[a][2] != '\0')
			return cli_usage(cli_find_cmd("new"));
		else if (id == NULL)
			id = argv[a];
		else if (file == NULL)
			file = argv[a];
		else
			return cli_usage(cli_find_cmd("new"));
	}
	if (id == NULL || (form != NULL && from == NULL))
		return cli_usage(cli_find_cmd("new"));
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
	path = file != NULL ? xstrdup(file) : xasprintf("%s.ini", id);
	/* The loader wants the file named after the id. */
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	if (strncmp(base, id, strlen(id)) != 0 ||
	    strcmp(base + strlen(id), ".ini") != 0) {
		cli_warnx("%s: a scale file must be named after its id: "
		    "%s.ini", path, id);
		free(path);
		return EXIT_DATA;
	}
	buf_init(&ini);
	if (from != NULL && draft_from(from, id, form, &ini) == -1) {
		buf_free(&ini);
		free(path);
		return EXIT_DATA;
	}
	/* Never overwrite: an author's file is precious too. */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		cli_warnx("%s: %s", path, strerror(errno));
		buf_free(&ini);
		free(path);
		return EXIT_DATA;
	}
	if (from != NULL)
		fwrite(ini.data, 1, ini.len, f);
	else
		fprintf(f, template, id, id, id, id, id);
	buf_free(&ini);
	if (fclose(f) == EOF) {
		cli_warnx("%s: %s", path, strerror(errno));
		free(path);
		return EXIT_DATA;
	}
	if (from != NULL) {
		/* Linted at once: the author sees what to fix. */
		diag_init(&d);
		sc = scale_load(path, &d);
		buf_init(&msg);
		diag_format(&d, &msg);
		if (msg.len > 0)
			fputs(msg.data, stderr);
		if (sc == NULL) {
			cli_warnx("%s: drafted, but rater lint finds errors "
			    "to fix", path);
			rc = EXIT_DATA;
		}
		buf_free(&msg);
		diag_free(&d);
		scale_free(sc);
	}
	printf("%s\n", path);
	free(path);
	return rc;
}
