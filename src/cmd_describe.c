/*
 * cmd_describe.c: rater describe: a scale's definition for people or
 * for another system, on standard output.
 *
 *	rater describe SCALE... [--format text|fhir|redcap]
 *	    [--record-id NAME]
 *
 * text (the default): a summary: title, version and hash, respondent,
 * items with their options or range, scores with their formulas and
 * bands, flags.  fhir: the scale's FHIR R4 Questionnaire (JSON), the
 * one that `rater export --format fhir` puts beside the responses
 * (rater-interop(7)).  text and fhir take one scale.  redcap: the
 * REDCap data dictionary (redcap.h) of one or several scales: the
 * record id field (--record-id NAME, default record_id), then a form
 * per scale, in the order given.
 *
 * A format is one case of the switch in cmd_describe: add one there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fhir.h"
#include "json.h"
#include "redcap.h"

static void	 describe_text(const struct scale *, struct buf *);

static void
describe_text(const struct scale *sc, struct buf *b)
{
	static const char *const types[] = { "choice", "number", "text",
	    "multi" };
	const struct item *it;
	const struct score *score;
	const struct bandset *bs;
	char		 lo[64], hi[64], *allowed;
	size_t		 i, k;

	buf_printf(b, "%s: %s\n", sc->id, sc->title != NULL ? sc->title :
	    "");
	buf_printf(b, "version %s, sha256 %s\n", sc->version != NULL ?
	    sc->version : "-", sc->sha256);
	if (sc->respondent != NULL)
		buf_printf(b, "respondent: %s\n", sc->respondent);
	if (sc->status != NULL)
		buf_printf(b, "status: %s\n", sc->status);
	if (sc->loinc != NULL)
		buf_printf(b, "LOINC: %s\n", sc->loinc);
	buf_printf(b, "\nitems (%zu):\n", sc->nitems);
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		allowed = scale_allowed_str(it);
		buf_printf(b, "  %s\t%s\t%s\t%s%s%s%s%s\n", it->id,
		    (size_t)it->type < nitems(types) ? types[it->type] : "?",
		    it->text != NULL ? it->text : "", allowed != NULL ?
		    allowed : "", it->required ? "\trequired" : "",
		    it->scored ? "" : "\tnot scored", it->when_src != NULL ?
		    "\twhen " : "", it->when_src != NULL ? it->when_src : "");
		free(allowed);
		for (k = 0; k < it->nopts; k++)
			buf_printf(b, "    %s = %s\n", it->opts[k].key != NULL ?
			    it->opts[k].key : fmt_num(lo, sizeof(lo),
			    it->opts[k].value), it->opts[k].label);
	}
	buf_printf(b, "\nscores (%zu):\n", sc->nscores);
	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		buf_printf(b, "  %s\t%s\t%s\t%s to %s\n", score->id,
		    score->label != NULL ? score->label : "",
		    score->formula_src != NULL ? score->formula_src : "",
		    fmt_trim(lo, sizeof(lo), score->min, 6),
		    fmt_trim(hi, sizeof(hi), score->max, 6));
		for (k = 0; k < score->nbandsets; k++) {
			size_t	 n;

			bs = &sc->bandsets[score->bandsets[k]];
			buf_printf(b, "    bands %s:", bandset_name(bs));
			for (n = 0; n < bs->nbands; n++)
				buf_printf(b, " %s%s %s", n ? "| " : "",
				    fmt_num(lo, sizeof(lo),
				    bs->bands[n].lower), bs->bands[n].label);
			buf_putc(b, '\n');
		}
	}
	if (sc->nflags > 0)
		buf_printf(b, "\nflags (%zu):\n", sc->nflags);
	for (i = 0; i < sc->nflags; i++)
		buf_printf(b, "  %s\t%s\t%s\t%s\n", sc->flags[i].id,
		    flag_level_name(sc->flags[i].level),
		    sc->flags[i].when_src != NULL ? sc->flags[i].when_src :
		    "", sc->flags[i].text != NULL ? sc->flags[i].text : "");
}

/* The REDCap dictionary of the n scales sc[]; returns the exit status. */
static int
describe_redcap(struct scale **sc, size_t n, const char *record_id)
{
	struct buf	 b, warn;
	const char	*p, *e;
	char		*cause = NULL;
	int		 rc = 0;

	buf_init(&b);
	buf_init(&warn);
	if (redcap_dictionary(&b, record_id,
	    (const struct scale *const *)sc, n, &warn, &cause) == -1) {
		cli_warnx("describe: %s", cause);
		free(cause);
		rc = EXIT_DATA;
	} else if (cli_flush(&b, 1) == -1 || fflush(stdout) == EOF) {
		cli_warnx("describe: cannot write the output");
		rc = EXIT_DATA;
	}
	/* Warnings do not change the exit status. */
	for (p = warn.data; p != NULL && *p != '\0'; p = e + 1) {
		e = strchr(p, '\n');
		cli_warnx("describe: warning: %.*s", (int)(e - p), p);
	}
	buf_free(&warn);
	buf_free(&b);
	return rc;
}

int
cmd_describe(struct cli *c, int argc, char **argv)
{
	const struct cmd *cmd = cli_find_cmd("describe");
	struct scale	**sc = NULL;
	struct buf	 out;
	struct json_w	 j;
	const char	*format = "text", *record_id = "record_id";
	char		*cause = NULL;
	size_t		 n = 0, i;
	int		 a, rc = 0, names = 0;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--format") == 0 && a + 1 < argc)
			format = argv[++a];
		else if (strncmp(argv[a], "--format=", 9) == 0)
			format = argv[a] + 9;
		else if (strcmp(argv[a], "--record-id") == 0 && a + 1 < argc)
			record_id = argv[++a];
		else if (strncmp(argv[a], "--record-id=", 12) == 0)
			record_id = argv[a] + 12;
		else if (argv[a][0] == '-' && argv[a][1] != '\0') {
			cli_warnx("describe: unknown option '%.80s'",
			    argv[a]);
			return cli_usage(cmd);
		} else
			names++;
	}
	if (names == 0)
		return cli_usage(cmd);
	if (strcmp(format, "text") != 0 && strcmp(format, "fhir") != 0 &&
	    strcmp(format, "redcap") != 0) {
		cli_warnx("describe: --format is text, fhir or redcap, not "
		    "'%.40s'", format);
		return cli_usage(cmd);
	}
	if (names > 1 && strcmp(format, "redcap") != 0) {
		cli_warnx("describe: one scale at a time with --format %s "
		    "(several only with redcap)", format);
		return cli_usage(cmd);
	}
	if (!cli_redcap_name_is_valid(record_id)) {
		cli_warnx("describe: --record-id '%.80s' is not a REDCap "
		    "variable name (a-z, then a-z, 0-9, _)", record_id);
		return cli_usage(cmd);
	}
	sc = xcalloc((size_t)names, sizeof(*sc));
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--format") == 0 ||
		    strcmp(argv[a], "--record-id") == 0) {
			a++;
			continue;
		}
		if (argv[a][0] == '-' && argv[a][1] != '\0')
			continue;
		if ((sc[n] = cli_load_scale(c, argv[a])) == NULL) {
			rc = EXIT_DATA;
			goto out;
		}
		n++;
	}
	if (strcmp(format, "redcap") == 0) {
		rc = describe_redcap(sc, n, record_id);
		goto out;
	}
	buf_init(&out);
	switch (format[0]) {
	case 'f':
		json_w_init(&j, &out, 0);
		if (fhir_questionnaire(&j, sc[0], cli_fhir_base(c),
		    &cause) == -1) {
			cli_warnx("describe: %s: %s", sc[0]->id, cause);
			free(cause);
			rc = EXIT_DATA;
		} else
			buf_putc(&out, '\n');
		json_w_free(&j);
		break;
	default:
		describe_text(sc[0], &out);
		break;
	}
	if (rc == 0 && cli_flush(&out, 1) == -1) {
		cli_warnx("describe: cannot write the output");
		rc = EXIT_DATA;
	}
	buf_free(&out);
out:
	for (i = 0; i < n; i++)
		scale_free(sc[i]);
	free(sc);
	return rc;
}
