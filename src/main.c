/*
 * main.c: the command line.  Parses the global options, resolves the
 * data directory and the scale path, and dispatches to a sub-command.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "session.h"

static const struct cmd cmds[] = {
	{ "lint", cmd_lint, "FILE..." },
	{ "new", cmd_new, "ID [FILE] [--from FILE [--form NAME]]" },
	{ "scales", cmd_scales, "" },
	{ "score", cmd_score, "SCALE [ID=VALUE ...] [--values V1,V2,...] "
	    "[--answers FILE|-] [--csv FILE]" },
	{ "record", cmd_record, "SCALE --patient ID [--visit LABEL] "
	    "[--rater NAME] [--date DATE] [--answers FILE|-] "
	    "[ID=VALUE ...]" },
	{ "rate", cmd_rate, "SCALE --patient ID [--rater NAME] "
	    "[--visit LABEL] [--date DATE]" },
	{ "try", cmd_try, "FILE" },
	{ "review", cmd_review, "[--patient ID]" },
	{ "list", cmd_list, "[--patient ID] [--scale ID] [--visit LABEL] "
	    "[--since DATE] [--until DATE]" },
	{ "show", cmd_show, "SESSION" },
	{ "describe", cmd_describe, "SCALE... [--format text|fhir|redcap] "
	    "[--record-id NAME]" },
	{ "export", cmd_export, "[--format wide|long|fhir|redcap] [--excel] "
	    "[--codebook FILE] [--events FILE] [--record-id NAME] "
	    "[--verified] "
	    "[--patient ID] [--scale ID] [--visit LABEL] [--since DATE] "
	    "[--until DATE]" },
	{ "verify", cmd_verify, "" },
	{ "amend", cmd_amend, "SESSION --reason TEXT [--rater NAME] "
	    "[--date DATE] [--resolves OTHER] [ID=VALUE ...]" },
	{ "sync", cmd_sync, "[--remote URL --trial ID [--workstation WS]]" },
};

static void	 usage(FILE *);
static char	*optarg_of(int *, int, char **, const char *);
static void	 resolve_paths(struct cli *, const char *, const char *);

static void
usage(FILE *f)
{
	size_t	 i;

	fputs("usage: rater [--blind] [--data DIR] [--scales DIR] "
	    "[--config FILE] [COMMAND [ARGS]]\n", f);
	for (i = 0; i < nitems(cmds); i++)
		fprintf(f, "       rater %s%s%s\n", cmds[i].name,
		    cmds[i].usage[0] ? " " : "", cmds[i].usage);
	fputs("       rater --help | --version\n", f);
}

const struct cmd *
cli_find_cmd(const char *name)
{
	size_t	 i;

	for (i = 0; i < nitems(cmds); i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

int
cli_usage(const struct cmd *c)
{
	fprintf(stderr, "usage: rater %s %s\n", c->name, c->usage);
	return EXIT_USAGE;
}

/* Messages quote what was given (arguments, --answers, files): they are
 * shown escaped (text_escape), never as raw bytes. */
void
cli_warnx(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	struct buf b;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	buf_init(&b);
	text_escape(&b, msg, 0);
	fprintf(stderr, "rater: %s\n", b.data != NULL ? b.data : "");
	buf_free(&b);
	free(msg);
}

/* "--opt VALUE" or "--opt=VALUE"; advances *i past the value. */
static char *
optarg_of(int *i, int argc, char **argv, const char *opt)
{
	size_t	 n = strlen(opt);

	if (strncmp(argv[*i], opt, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], opt) == 0) {
		if (*i + 1 >= argc)
			return NULL;
		return argv[++*i];
	}
	return NULL;
}

static int
is_dir(const char *p)
{
	struct stat	 st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
resolve_paths(struct cli *c, const char *data, const char *scales)
{
	const struct config *cfg = c->cfg;
	const char	*e;
	char		*dirs[8];
	size_t		 n = 0, i;

	if (data != NULL)
		c->data_dir = xstrdup(data);
	else if ((e = getenv("RATER_DATA")) != NULL && *e != '\0')
		c->data_dir = xstrdup(e);
	else if (cfg->data != NULL && *cfg->data != '\0')
		c->data_dir = xstrdup(cfg->data);
	else if ((e = getenv("XDG_DATA_HOME")) != NULL && *e != '\0')
		c->data_dir = xasprintf("%s/rater", e);
	else if ((e = getenv("HOME")) != NULL && *e != '\0')
		c->data_dir = xasprintf("%s/.local/share/rater", e);
	else
		c->data_dir = xstrdup("rater-data");

	if (scales != NULL)
		dirs[n++] = xstrdup(scales);
	else if ((e = getenv("RATER_SCALES")) != NULL && *e != '\0')
		dirs[n++] = xstrdup(e);
	else if (cfg->scales != NULL && *cfg->scales != '\0')
		dirs[n++] = xstrdup(cfg->scales);
	else {
		dirs[n++] = xstrdup(RATER_DATADIR "/scales");
		if (is_dir("scales"))
			dirs[n++] = xstrdup("scales");
	}
	c->scale_dirs = xcalloc(n + 1, sizeof(*c->scale_dirs));
	for (i = 0; i < n; i++)
		c->scale_dirs[i] = dirs[i];
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t	 a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

char *
cli_scale_path(const struct cli *c, const char *name)
{
	char	*p;
	size_t	 i;

	if (strchr(name, '/') != NULL || ends_with(name, ".ini"))
		return xstrdup(name);
	for (i = 0; c->scale_dirs[i] != NULL; i++) {
		p = xasprintf("%s/%s.ini", c->scale_dirs[i], name);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return NULL;
}

struct scale *
cli_load_scale(const struct cli *c, const char *name)
{
	struct scale	*s;
	struct diag	 d;
	struct buf	 b;
	char		*path;

	if ((path = cli_scale_path(c, name)) == NULL) {
		struct buf	 dirs;
		size_t		 i;

		buf_init(&dirs);
		for (i = 0; c->scale_dirs[i] != NULL; i++)
			buf_printf(&dirs, "%s%s", i ? ", " : "",
			    c->scale_dirs[i]);
		cli_warnx("no scale '%s' in %s", name, dirs.data);
		buf_free(&dirs);
		return NULL;
	}
	diag_init(&d);
	s = scale_load(path, &d);
	if (s == NULL) {
		buf_init(&b);
		diag_format(&d, &b);
		fputs(b.data != NULL ? b.data : "", stderr);
		buf_free(&b);
		cli_warnx("%s: the scale file has errors; run 'rater lint "
		    "%s'", name, path);
	}
	diag_free(&d);
	free(path);
	return s;
}

int
main(int argc, char **argv)
{
	struct cli	 c;
	struct diag	 d;
	struct buf	 b;
	const char	*data = NULL, *scales = NULL, *v;
	char		**rest, *cause = NULL, now[SESSION_TIME_LEN];
	int		 i, n = 0, rc;
	const struct cmd *cmd;

	memset(&c, 0, sizeof(c));
	c.progname = "rater";
	/* Past a file size limit (ulimit -f) a write fails with EFBIG,
	 * handled like a full disk, instead of killing us half-way. */
	signal(SIGXFSZ, SIG_IGN);
	rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				rest[n++] = argv[i++];
			break;
		}
		if ((strcmp(argv[i], "--data") == 0 ||
		    strcmp(argv[i], "--scales") == 0 ||
		    strcmp(argv[i], "--config") == 0) && i + 1 >= argc) {
			cli_warnx("%s needs a value", argv[i]);
			usage(stderr);
			free(rest);
			free(c.config_path);
			return EXIT_USAGE;
		}
		if ((v = optarg_of(&i, argc, argv, "--data")) != NULL)
			data = v;
		else if ((v = optarg_of(&i, argc, argv, "--scales")) != NULL)
			scales = v;
		else if ((v = optarg_of(&i, argc, argv, "--config")) != NULL) {
			free(c.config_path);
			c.config_path = xstrdup(v);
		} else if (strcmp(argv[i], "--blind") == 0)
			c.blind = 1;
		else if (n == 0 && (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)) {
			usage(stdout);
			cmd_help_global(stdout);
			free(rest);
			free(c.config_path);
			return 0;
		} else if (n == 0 && strcmp(argv[i], "--version") == 0) {
			printf("rater %s\n", RATER_VERSION);
			free(rest);
			free(c.config_path);
			return 0;
		} else
			rest[n++] = argv[i];
	}
	/* rater COMMAND ... --help: that command's options, nothing run. */
	if (n > 0 && (cmd = cli_find_cmd(rest[0])) != NULL)
		for (i = 1; i < n && strcmp(rest[i], "--") != 0; i++)
			if (strcmp(rest[i], "--help") == 0 ||
			    strcmp(rest[i], "-h") == 0) {
				rc = cmd_help(stdout, cmd);
				free(rest);
				free(c.config_path);
				return rc;
			}
	diag_init(&d);
	if ((c.cfg = config_load(c.config_path, &d)) == NULL) {
		buf_init(&b);
		diag_format(&d, &b);
		fputs(b.data != NULL ? b.data : "", stderr);
		buf_free(&b);
		diag_free(&d);
		free(rest);
		free(c.config_path);
		return EXIT_DATA;
	}
	diag_free(&d);
	c.blind |= c.cfg->blind;
	resolve_paths(&c, data, scales);
	/* rater-session(5): a malformed RATER_NOW is reported once, here,
	 * and every later reading of the time uses the clock. */
	if (session_time_now(now, &cause) == -1) {
		cli_warnx("%s", cause);
		free(cause);
	}
	if (n == 0 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		rc = cmd_menu(&c, 0, rest);
	else if (n == 0) {
		usage(stderr);
		rc = EXIT_USAGE;
	} else if ((cmd = cli_find_cmd(rest[0])) == NULL) {
		cli_warnx("unknown command '%s'", rest[0]);
		usage(stderr);
		rc = EXIT_USAGE;
	} else
		rc = cmd->run(&c, n, rest);
	free(rest);
	free(c.data_dir);
	for (i = 0; c.scale_dirs[i] != NULL; i++)
		free(c.scale_dirs[i]);
	free(c.scale_dirs);
	free(c.config_path);
	config_free(c.cfg);
	return rc;
}
