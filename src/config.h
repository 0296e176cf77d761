/*
 * config.h: the site configuration, an INI file read from --config FILE,
 * else $XDG_CONFIG_HOME/rater/config.ini (~/.config/rater/config.ini),
 * else /etc/rater/config.ini.  Only the first file found is read.
 *
 *	[rater]
 *	site = "Movement Disorders Clinic"
 *	rater = jdoe			; default rater name
 *	visits = screening, baseline, dosing, week 1, week 4, week 12
 *	data = /srv/rater		; data directory
 *	scales = /srv/rater/scales	; scale directory
 *	blind = no			; yes: no earlier results while rating
 *
 * The parser is this module's own: key = value lines, ';' or '#'
 * comments, values optionally in double quotes.  Unknown keys are
 * errors, reported as "file:line: message".
 */
#ifndef RATER_CONFIG_H
#define RATER_CONFIG_H

#include "util.h"

struct config {
	char	*path;		/* file read, NULL if none */
	char	*site;
	char	*rater;
	char	**visits;	/* NULL-terminated, never NULL */
	size_t	 nvisits;
	char	*data;
	char	*scales;
	int	 blind;
};

/*
 * Reads the configuration: path if not NULL (it must exist), else the
 * first of the default places that exists.  Returns NULL with the
 * problems in d when the file is malformed or unreadable; a missing
 * default file is not an error (the defaults are returned).
 */
struct config	*config_load(const char *path, struct diag *d);
void		 config_free(struct config *);

#endif
