/*
 * fhir.h: a scale as an HL7 FHIR R4 Questionnaire, a session as a
 * QuestionnaireResponse and an Observation per score (JSON).  The names
 * and codes written are described in rater-interop(7).
 *
 * base is the clinic's URL for rater's resources ("https://clinic.
 * example.org/rater", no trailing slash; FHIR_BASE by default): the
 * Questionnaire's canonical is BASE/Questionnaire/ID, its version the
 * scale's version and the SHA-256 of its file, and every code that is
 * not a LOINC code named in the scale file is in a code system under
 * BASE/CodeSystem/.
 *
 * Every function appends to a json_w; on failure it takes back what it
 * wrote, returns -1 and sets *cause (caller frees).  Nothing here
 * prints.
 */
#ifndef RATER_FHIR_H
#define RATER_FHIR_H

#include "json.h"
#include "scale.h"
#include "score.h"
#include "session.h"

#define FHIR_BASE	"https://rater.invalid/fhir"

/* "urn:uuid:..." of a resource, made from what names it (a
 * name-based UUID of version 8 from SHA-256), so that the same
 * export gives the same bytes. */
#define FHIR_URN_LEN	46
void	 fhir_urn(char out[FHIR_URN_LEN], const char *kind, const char *a,
	    const char *b);

/* A Bundle of type collection: opened, then entries, then closed
 * (its "entry" array is written at the first entry: a Bundle without
 * entries has none, as FHIR has no empty arrays). */
void	 fhir_bundle_open(struct json_w *);
void	 fhir_bundle_close(struct json_w *);

/* The Questionnaire resource itself (an object, as a top-level value
 * or an array element). */
int	 fhir_questionnaire(struct json_w *, const struct scale *,
	    const char *base, char **cause);
/* Bundle entries (array elements): the Questionnaire, and the
 * QuestionnaireResponse of a bound, scored session followed by an
 * Observation per score. */
int	 fhir_questionnaire_entry(struct json_w *, const struct scale *,
	    const char *base, char **cause);
int	 fhir_session_entries(struct json_w *, const struct session *,
	    const struct scale *, const struct result *, const char *base,
	    char **cause);

#endif
