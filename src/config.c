/*
 * config.c: the site configuration file (see config.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fsdir.h"

static const char *const default_visits[] = {
	"screening", "baseline", "dosing", "week 1", "week 4", "week 12",
	NULL
};

static void
set_visits(struct config *c, const char *list)
{
	char	*copy, *tok, *save;
	size_t	 i;

	for (i = 0; i < c->nvisits; i++)
		free(c->visits[i]);
	free(c->visits);
	c->visits = xcalloc(strlen(list) + 2, sizeof(*c->visits));
	c->nvisits = 0;
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		if (*str_trim(tok) != '\0')
			c->visits[c->nvisits++] = xstrdup(str_trim(tok));
	free(copy);
}

/* fhir_base: http(s)://, no space, control, '|', '#', '?' and no
 * trailing '/'. */
static int
fhir_base_is_valid(const char *v)
{
	const char	*p;

	if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
		return 0;
	if (strlen(v) <= 8 || strlen(v) > 200 || v[strlen(v) - 1] == '/')
		return 0;
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    *p == '|' || *p == '#' || *p == '?')
			return 0;
	return 1;
}

static int
parse(struct config *c, const char *path, char *text, struct diag *d)
{
	char	*line, *next, *eq, *key, *val, *e;
	long	 n;
	int	 lineno = 0, insec = 0, bad = 0;

	for (line = text; line != NULL; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line = str_trim(line);
		if (*line == '\0' || *line == ';' || *line == '#')
			continue;
		if (*line == '[') {
			insec = strcmp(line, "[rater]") == 0;
			if (!insec) {
				diag_add(d, DIAG_ERROR, path, lineno,
				    "unknown section %s; the section is "
				    "[rater]", line);
				bad = 1;
			}
			continue;
		}
		if ((eq = strchr(line, '=')) == NULL || !insec) {
			diag_add(d, DIAG_ERROR, path, lineno, "expected "
			    "key = value in section [rater]");
			bad = 1;
			continue;
		}
		*eq = '\0';
		key = str_trim(line);
		val = str_trim(eq + 1);
		if (*val == '"' && (e = strchr(val + 1, '"')) != NULL) {
			*e = '\0';
			val++;
		} else {
			val[strcspn(val, ";#")] = '\0';
			val = str_trim(val);
		}
		if (strcmp(key, "site") == 0) {
			free(c->site);
			c->site = xstrdup(val);
		} else if (strcmp(key, "rater") == 0) {
			free(c->rater);
			c->rater = xstrdup(val);
		} else if (strcmp(key, "visits") == 0)
			set_visits(c, val);
		else if (strcmp(key, "data") == 0) {
			free(c->data);
			c->data = xstrdup(val);
		} else if (strcmp(key, "scales") == 0) {
			free(c->scales);
			c->scales = xstrdup(val);
		} else if (strcmp(key, "blind") == 0) {
			if (strcmp(val, "yes") == 0)
				c->blind = 1;
			else if (strcmp(val, "no") == 0)
				c->blind = 0;
			else {
				diag_add(d, DIAG_ERROR, path, lineno, "blind "
				    "must be yes or no");
				bad = 1;
			}
		} else if (strcmp(key, "fhir_base") == 0) {
			if (!fhir_base_is_valid(val)) {
				diag_add(d, DIAG_ERROR, path, lineno,
				    "fhir_base must be an http or https URL "
				    "without a trailing '/', spaces, '|' or "
				    "'#'");
				bad = 1;
			} else {
				free(c->fhir_base);
				c->fhir_base = xstrdup(val);
			}
		} else if (strcmp(key, "max_backdate_days") == 0) {
			if (parse_int(val, 0, 36500, &n) == -1) {
				diag_add(d, DIAG_ERROR, path, lineno,
				    "max_backdate_days must be a whole "
				    "number of days from 0 to 36500");
				bad = 1;
			} else
				c->max_backdate_days = n;
		} else {
			diag_add(d, DIAG_ERROR, path, lineno, "unknown key "
			    "'%s' (known: site, rater, visits, data, scales, "
			    "blind, max_backdate_days, fhir_base)", key);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

struct config *
config_load(const char *path, struct diag *d)
{
	struct config	*c;
	const char	*e;
	char		*p = NULL, *text;
	size_t		 i;

	c = xcalloc(1, sizeof(*c));
	c->max_backdate_days = CONFIG_BACKDATE_DAYS;
	c->visits = xcalloc(nitems(default_visits), sizeof(*c->visits));
	for (i = 0; default_visits[i] != NULL; i++)
		c->visits[c->nvisits++] = xstrdup(default_visits[i]);
	if (path != NULL)
		p = xstrdup(path);
	else {
		if ((e = getenv("XDG_CONFIG_HOME")) != NULL && *e != '\0')
			p = xasprintf("%s/rater/config.ini", e);
		else if ((e = getenv("HOME")) != NULL && *e != '\0')
			p = xasprintf("%s/.config/rater/config.ini", e);
		if (p == NULL || access(p, F_OK) != 0) {
			free(p);
			p = xstrdup("/etc/rater/config.ini");
			if (access(p, F_OK) != 0) {
				free(p);
				return c;
			}
		}
	}
	if ((text = read_file(p, NULL)) == NULL) {
		diag_add(d, DIAG_ERROR, p, 0, "cannot read: %s",
		    fsdir_strerror(errno));
		free(p);
		config_free(c);
		return NULL;
	}
	c->path = p;
	if (parse(c, p, text, d) == -1) {
		free(text);
		config_free(c);
		return NULL;
	}
	free(text);
	return c;
}

void
config_free(struct config *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nvisits; i++)
		free(c->visits[i]);
	free(c->visits);
	free(c->path);
	free(c->site);
	free(c->rater);
	free(c->data);
	free(c->scales);
	free(c->fhir_base);
	free(c);
}
