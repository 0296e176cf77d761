/*
 * json.h: writing JSON text (RFC 8259) into a struct buf, indented two
 * spaces a level, members in the order written (so the same calls give
 * the same bytes).
 *
 * Strings must be valid UTF-8: a string that is not makes the writer
 * bad (json_w.bad, with the first offence in json_w.why) and is
 * written as "" so the text stays well-formed; the caller checks bad
 * and throws the text away.  Control characters are escaped (\n, \t,
 * \u001b).  Nothing here prints or exits.
 */
#ifndef RATER_JSON_H
#define RATER_JSON_H

#include "util.h"

#define JSON_MAX_DEPTH	32

struct json_w {
	struct buf	*b;		/* borrowed */
	int		 depth;
	int		 n[JSON_MAX_DEPTH]; /* members written per level */
	int		 pending;	/* json_key written: the next value
					   follows it */
	int		 user;		/* the caller's (fhir.c: the state
					   of a Bundle) */
	int		 bad;		/* a string was not UTF-8 */
	char		*why;		/* what the first bad string was
					   (owned), or NULL */
	const char	*what;		/* set by the caller: what is being
					   written, for why */
};

void	 json_w_init(struct json_w *, struct buf *, int depth);
void	 json_w_free(struct json_w *);
/* { or [ as a member key (NULL inside an array or at the top). */
void	 json_obj(struct json_w *, const char *key);
void	 json_arr(struct json_w *, const char *key);
/* A member's key alone: the next json_obj/json_arr (with key NULL)
 * is its value. */
void	 json_key(struct json_w *, const char *key);
/* Closes the innermost object or array. */
void	 json_end(struct json_w *, int closer);
/* A string member; NULL or "" writes nothing (FHIR has no empty
 * strings: the property is left out). */
void	 json_str(struct json_w *, const char *key, const char *);
/* A number member, its text as given ("10", "0.5"). */
void	 json_num(struct json_w *, const char *key, const char *);
void	 json_int(struct json_w *, const char *key, long);
void	 json_bool(struct json_w *, const char *key, int);
/* A JSON string (with its quotes) appended to b; -1 if s is not valid
 * UTF-8 (then nothing is appended). */
int	 json_quote(struct buf *, const char *s);

/*
 * Reading: a strict RFC 8259 parser.  Refused, each with "line N:
 * message": anything after the value, a byte order mark, duplicate
 * keys, strings that are not UTF-8 or hold \u0000 or a lone
 * surrogate, raw control characters in strings, numbers longer than
 * JSON_MAX_NUMBER characters or out of double's range, nesting deeper
 * than JSON_MAX_DEPTH, texts over JSON_MAX_TEXT bytes.
 */
#define JSON_MAX_TEXT	(16 * 1024 * 1024)
#define JSON_MAX_NUMBER	64

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
};

struct json_val {
	enum json_type	 type;
	int		 boolean;
	double		 number;
	char		*text;		/* STRING: the string; NUMBER: as
					   written */
	struct json_val	*elems;		/* ARRAY and OBJECT: n values */
	char		**keys;		/* OBJECT: n keys */
	size_t		 n;
	int		 line;
};

/* The value of text, or NULL with *cause (caller frees).  Free it with
 * json_free. */
struct json_val	*json_parse(const char *text, size_t len, char **cause);
void		 json_free(struct json_val *);
/* The member key of an object, or NULL (also when v is not one). */
const struct json_val *json_get(const struct json_val *v, const char *key);
/* The string member key, or NULL when absent or not a string. */
const char	*json_get_str(const struct json_val *v, const char *key);

#endif
