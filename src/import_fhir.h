/*
 * import_fhir.h: a scale file drafted from an HL7 FHIR R4 Questionnaire
 * (JSON), for `rater new ID --from FILE`.
 */
#ifndef RATER_IMPORT_FHIR_H
#define RATER_IMPORT_FHIR_H

#include <stddef.h>

#include "util.h"

/*
 * Drafts the INI text of scale id from the Questionnaire in text (a
 * Questionnaire, or a Bundle holding exactly one), appended to out.
 * What maps is written (items, options and their values, required,
 * enableWhen as `when`, LOINC codes, groups); what does not gets a
 * "; TODO:" comment where it stood.  An item rater cannot rate (its
 * type, or several answers) and malformed input are errors in d as
 * "name:line: message" (line of the JSON text); then nothing is
 * appended and -1 is returned.  Nothing here prints.
 */
int	 import_fhir(const char *name, const char *text, size_t len,
	    const char *id, struct buf *out, struct diag *d);

#endif
