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
 *	max_backdate_days = 90		; warn of an assessment date more
 *					; days before the patient's first
 *	fhir_base = https://clinic.example.org/rater  ; FHIR names (fhir.h)
 *
 * The parser is this module's own: key = value lines, ';' or '#'
 * comments, values optionally in double quotes.  Unknown keys are
 * errors, reported as "file:line: message".
 */
#ifndef RATER_CONFIG_H
#define RATER_CONFIG_H

#include "util.h"

/* Days an assessment may lie before the patient's first session (or
 * today) without a warning, unless the file says otherwise. */
#define CONFIG_BACKDATE_DAYS	90

struct config {
	char	*path;		/* file read, NULL if none */
	char	*site;
	char	*rater;
	char	**visits;	/* NULL-terminated, never NULL */
	size_t	 nvisits;
	char	*data;
	char	*scales;
	int	 blind;
	char	*fhir_base;	/* base of FHIR canonicals, or NULL */
	long	 max_backdate_days;	/* CONFIG_BACKDATE_DAYS unless
					   set */
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
