/*
 * cmd_util.c: output helpers shared by the sub-commands that write a
 * lot of text (score --csv, list, export), the spreadsheet forms of
 * export --excel, and the checks of a new session's assessment date
 * shared by rate and record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fhir.h"
#include "history.h"
#include "redcap.h"
#include "session.h"
#include "store.h"

void
cli_csv_field(struct buf *b, const char *s)
{
	const char	*p, *q;
	struct buf	 esc;

	if (s == NULL)
		return;
	if (!text_is_safe(s, NULL)) {
		/* Never a raw control in an export (rater(1)). */
		buf_init(&esc);
		text_escape(&esc, s, 0);
		cli_csv_field(b, esc.data);
		buf_free(&esc);
		return;
	}
	if (strpbrk(s, ",\"") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; (q = strchr(p, '"')) != NULL; p = q + 1) {
		buf_add(b, p, (size_t)(q - p) + 1);
		buf_putc(b, '"');
	}
	buf_puts(b, p);
	buf_putc(b, '"');
}

/* A number as rater writes one: -?digits(.digits)? */
static int
is_plain_number(const char *s)
{
	size_t	 n;

	if (*s == '-')
		s++;
	if ((n = strspn(s, "0123456789")) == 0)
		return 0;
	s += n;
	if (*s == '.') {
		s++;
		if ((n = strspn(s, "0123456789")) == 0)
			return 0;
		s += n;
	}
	return *s == '\0';
}

void
cli_csv_field_excel(struct buf *b, const char *s)
{
	char	*t;

	if (s == NULL || s[0] == '\0' || strchr("=+-@\t\r", s[0]) == NULL ||
	    is_plain_number(s)) {
		cli_csv_field(b, s);
		return;
	}
	t = xasprintf("'%s", s);
	cli_csv_field(b, t);
	free(t);
}

const char *
cli_excel_time(const char *t, char out[20])
{
	size_t	 i;

	if (t == NULL || strlen(t) < 19 || t[4] != '-' || t[7] != '-' ||
	    t[10] != 'T' || t[13] != ':' || t[16] != ':')
		return t;
	for (i = 0; i < 19; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 &&
		    (t[i] < '0' || t[i] > '9'))
			return t;
	memcpy(out, t, 19);
	out[10] = ' ';
	out[19] = '\0';
	return out;
}

int
cli_flush(struct buf *b, int force)
{
	if (b->len < (1 << 17) && !force)
		return 0;
	if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		return -1;
	buf_reset(b);
	return 0;
}

int
cli_new_session_date(const struct cli *c, struct store *st,
    const char *patient, const char *scale, const char *visit,
    const char *arg, char *out)
{
	struct history	*h;
	struct diag	 d;
	char		 now[SESSION_TIME_LEN], *cause = NULL;
	size_t		 i;
	int		 nerr;

	session_time_now(now, &cause);
	free(cause);
	cause = NULL;
	if (arg == NULL)
		memcpy(out, now, SESSION_TIME_LEN);
	else if (session_assessed_parse(arg, out, &cause) == -1) {
		cli_warnx("--date: %s", cause);
		free(cause);
		return -1;
	}
	h = history_open(st, NULL);
	diag_init(&d);
	nerr = history_check_new(h, patient, scale, visit, out, now,
	    c->cfg != NULL ? c->cfg->max_backdate_days :
	    CONFIG_BACKDATE_DAYS, &d, &cause);
	history_close(h);
	if (nerr == -1) {
		cli_warnx("%s", cause);
		free(cause);
		diag_free(&d);
		return -1;
	}
	for (i = 0; i < d.n; i++)
		cli_warnx("%s: %s%s", d.v[i].file, d.v[i].level ==
		    DIAG_WARNING ? "warning: " : "", d.v[i].msg);
	diag_free(&d);
	return nerr > 0 ? -1 : 0;
}

/* Whether name is a REDCap variable name: a-z, then a-z 0-9 _. */
int
cli_redcap_name_is_valid(const char *name)
{
	const char	*p;

	if (!(*name >= 'a' && *name <= 'z') || strlen(name) > REDCAP_NAME_MAX)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			return 0;
	return 1;
}

const char *
cli_fhir_base(const struct cli *c)
{
	if (c->cfg != NULL && c->cfg->fhir_base != NULL)
		return c->cfg->fhir_base;
	return FHIR_BASE;
}

size_t
cli_hidden_answers(const struct scale *s, const struct answer *ans,
    const struct result *r, const char *tail)
{
	size_t	 k, n = 0;

	for (k = 0; k < s->nitems; k++) {
		if (result_item_shown(r, k) || ans[k].kind == ANS_NONE ||
		    ans[k].kind == ANS_NA || ans[k].kind == ANS_SKIP)
			continue;
		cli_warnx("%s: not asked when its condition '%s' is false; %s",
		    s->items[k].id, s->items[k].when_src, tail);
		n++;
	}
	return n;
}
