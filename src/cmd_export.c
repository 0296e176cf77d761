/*
 * cmd_export.c: rater export: sessions as CSV for analysis.
 *
 *	rater export [--format wide|long] [--excel] [--codebook FILE]
 *	    [--patient ID] [--scale ID] [--visit LABEL] [--since DATE]
 *	    [--until DATE]
 *
 * CSV: RFC 4180 fields, but every record ends in LF (not CRLF), as the
 * CSV of `rater score --csv` does.  A field is quoted when it holds a
 * comma, a double quote, a CR or an LF, and a double quote inside is
 * doubled.  Text is exported exactly as stored (UTF-8, any character).
 * Numbers use '.' and the score's decimals.  Rows follow the order of
 * rater list: patient, assessed (UTC), id; latest revisions only.
 *
 * --excel (output and codebook): a UTF-8 BOM first; a field that
 * begins with = + - @, a tab or a CR and is not a plain number gets a
 * leading single quote (cli_csv_field_excel); times (assessed, started,
 * finished) as "YYYY-MM-DD HH:MM:SS", the local time recorded.
 *
 * long (the default): one row per answer, then one per score, per
 * further band set and per raised flag, distinguished by `kind`:
 *
 *	session_id,patient,scale,scale_version,scale_sha256,visit,assessed,
 *	started,rater,amended_by,revision,status,kind,item,value,label,
 *	missing_code,note,flag_text
 *
 *	assessed: when the patient was assessed, as stored (a time, or a
 *	  date alone); started: when the rating was entered; amended_by:
 *	  revision 2 and up, who amended it (empty when not recorded);
 *	  flag_text: on a flag's row, its text.
 *
 *	kind answer: item = item id; value = the number (or a text item's
 *	  text), empty when there is none; label = the option's label;
 *	  missing_code = na, unk, ref or empty (not answered), or nothing
 *	  when there is a value; skipped for an item a show-if condition
 *	  hides (no value: scoring sees it as na; whatever a format-2
 *	  file holds there).
 *	kind score: item = score id; value; label = its band in its first
 *	  band set; missing_code = missing when it cannot be computed.
 *	kind band: item = SCORE.band.SET for each further band set; label.
 *	kind basis: item = SCORE.basis, value = how a prorated or partial
 *	  score was made, "prorated 8/9" or "partial 16/18" (items used /
 *	  items expected); no row for a score made of every item.
 *	kind flag: item = flag id; label = its level (info, warning,
 *	  critical).  Only raised flags have a row.
 *
 * wide: one row per session, and --scale is required (the columns are
 * those of one scale):
 *
 *	session_id,patient,scale,scale_version,scale_sha256,visit,assessed,
 *	started,finished,rater,amended_by,revision,status, then per item
 *	ID, ID.missing and ID.note (as value, missing_code and note
 *	above), then per score ID (empty when it cannot be computed),
 *	ID.band, ID.band.SET..., ID.basis (as the long basis row, empty
 *	when made of every item or without a value), then flags (the
 *	raised flag ids, space-separated).
 *
 * When the exported sessions were rated with several versions of the
 * scale, the columns are the union of their items and scores, versions
 * taken in the order of their earliest session; a cell of an item or
 * score that a session's version does not have is empty (so are ID,
 * ID.missing and ID.note: "not in this version").
 *
 * --codebook FILE writes the definitions of every scale version of the
 * exported sessions, by scale id, version and sha256:
 *
 *	scale,scale_version,scale_sha256,kind,id,text,type,value,label,
 *	formula,min,max,step,decimals,bands,direction,responder,missing,
 *	scored,level
 *
 *	kind scale: text = title, label = status (verified, provisional).
 *	kind item: text, type (choice, number, text, multi), min, max, step,
 *	  missing (codes accepted), scored (yes, no), formula = its
 *	  show-if condition.
 *	kind option: id = item id, value (as written), label.
 *	kind score: label, type (number, category, code), formula, min,
 *	  max, decimals, bands (band set ids, the first is ID.band; a
 *	  category's is its choice list, its labels as band rows),
 *	  direction, responder.
 *	kind band: id = band set id, value = lower bound, label.
 *	kind flag: formula = condition, text, level.
 *
 * A session that cannot be scored is not exported: it is named on
 * stderr and the exit status is 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fhir.h"
#include "history.h"
#include "json.h"
#include "score.h"
#include "store.h"

#define UTF8_BOM	"\xef\xbb\xbf"
#define NFIXED		13	/* wide: the columns before the items */

/* Versions used, with their earliest session (wide: column order). */
struct used {
	const struct hist_version **v;
	long long		  *first;
	size_t			   n;
};

/* A wide row kept until the columns are known: its version and its
 * cells, NUL-separated, in the version's own layout. */
struct wrow {
	size_t		 ver;		/* index into used */
	size_t		 off;		/* into the cell buffer */
};

/* A union column and, per version, the cell it takes (-1: none). */
struct wcol {
	char		*name;
	long		*cell;		/* per version */
};

struct wide {
	struct buf	 cells;		/* every row's cells */
	size_t		*celloff;	/* start of each cell */
	size_t		 ncells, capcells;
	struct wrow	*rows;
	size_t		 nrows, caprows;
};

static size_t	 use_version(struct used *, const struct hist_version *,
		    long long);
static void	 field(struct buf *, const char *, int);
static void	 long_rows(struct buf *, struct buf *,
		    const struct hist_session *, int);
static void	 wide_keep(struct wide *, size_t,
		    const struct hist_session *, int);
static void	 wide_cell(struct wide *, const char *);
static void	 add_col(struct wcol **, size_t *, size_t, const char *,
		    size_t, long);
static int	 wide_write(struct wide *, struct used *, struct buf *, int);
static int	 codebook_write(const char *, struct used *, int);
static void	 codebook_version(struct buf *, const struct scale *, int);
static void	 cb_row(struct buf *, const struct scale *, const char *,
		    const char *const *, int);
static int	 cmp_version(const void *, const void *);
static const char *answer_value(const struct hist_session *, size_t,
		    char *, size_t);
static const char *answer_missing(const struct hist_session *, size_t);
static const char *num_str(char *, size_t, double);



static size_t
use_version(struct used *u, const struct hist_version *v, long long t)
{
	size_t	 i;

	for (i = u->n; i-- > 0;)
		if (u->v[i] == v) {
			if (t < u->first[i])
				u->first[i] = t;
			return i;
		}
	u->v = xreallocarray(u->v, u->n + 1, sizeof(*u->v));
	u->first = xreallocarray(u->first, u->n + 1, sizeof(*u->first));
	u->v[u->n] = v;
	u->first[u->n] = t;
	return u->n++;
}

/* A CSV field, for a spreadsheet with --excel (cmd.h). */
static void
field(struct buf *b, const char *s, int excel)
{
	if (excel)
		cli_csv_field_excel(b, s);
	else
		cli_csv_field(b, s);
}

/* A number as fmt_num() writes it; whole numbers without snprintf. */
static const char *
num_str(char *buf, size_t len, double v)
{
	char		*p = buf + len;
	unsigned long	 n;
	int		 neg = v < 0;

	if (len < 24 || v > 1e15 || v < -1e15 || v != (double)(long)v)
		return fmt_num(buf, len, v);
	n = (unsigned long)(neg ? -v : v);
	*--p = '\0';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	if (neg)
		*--p = '-';
	return p;
}

/* The value cell of item i: the number or the text, "" if none. */
static const char *
answer_value(const struct hist_session *hs, size_t i, char *buf,
    size_t len)
{
	const struct answer	*a = &hs->s->answers[i];

	if (!result_item_shown(hs->r, i))
		return "";
	if (a->kind == ANS_VALUE && a->text != NULL)
		return a->text;		/* a multi item's "1+3" or "none" */
	if (a->kind == ANS_VALUE)
		return num_str(buf, len, a->value);
	if (a->kind == ANS_TEXT)
		return a->text != NULL ? a->text : "";
	return "";
}

/* The missing-code cell: na, unk, ref, empty, or "" for a value;
 * skipped for an item its show-if hides (whatever the file holds: a
 * format-2 file has na there, or what was entered). */
static const char *
answer_missing(const struct hist_session *hs, size_t i)
{
	if (!result_item_shown(hs->r, i))
		return "skipped";
	switch (hs->s->answers[i].kind) {
	case ANS_VALUE:
	case ANS_TEXT:
		return "";
	case ANS_NA:
		return "na";
	case ANS_UNK:
		return "unk";
	case ANS_REF:
		return "ref";
	default:
		return "empty";
	}
}

/* Long: every row of one session.  pre is scratch for the prefix. */
static void
long_rows(struct buf *b, struct buf *pre, const struct hist_session *hs,
    int excel)
{
	const struct session	*s = hs->s;
	const struct scale	*sc = hs->sc;
	const struct item	*it;
	const struct score	*score;
	const struct val	*val;
	const char		*label;
	char			 v[64], t[20];
	size_t			 i, j;

	buf_reset(pre);
	field(pre, s->id, excel);
	buf_putc(pre, ',');
	field(pre, s->patient, excel);
	buf_putc(pre, ',');
	field(pre, s->scale_id, excel);
	buf_putc(pre, ',');
	field(pre, s->scale_version, excel);
	buf_putc(pre, ',');
	buf_puts(pre, s->scale_sha256);
	buf_putc(pre, ',');
	field(pre, s->visit, excel);
	buf_putc(pre, ',');
	buf_puts(pre, excel ? cli_excel_time(s->assessed, t) : s->assessed);
	buf_putc(pre, ',');
	buf_puts(pre, excel ? cli_excel_time(s->started, t) : s->started);
	buf_putc(pre, ',');
	field(pre, s->rater, excel);
	buf_putc(pre, ',');
	field(pre, s->amended_by, excel);
	buf_printf(pre, ",%d,", s->revision);
	field(pre, s->status, excel);
	buf_putc(pre, ',');
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		buf_add(b, pre->data, pre->len);
		buf_puts(b, "answer,");
		buf_puts(b, it->id);
		buf_putc(b, ',');
		field(b, answer_value(hs, i, v, sizeof(v)), excel);
		buf_putc(b, ',');
		if (it->type == ITEM_CHOICE && result_item_shown(hs->r, i) &&
		    s->answers[i].kind == ANS_VALUE &&
		    (label = scale_option_label(it, s->answers[i].value)) !=
		    NULL)
			field(b, label, excel);
		else if (it->type == ITEM_MULTI &&
		    result_item_shown(hs->r, i) &&
		    s->answers[i].kind == ANS_VALUE) {
			struct buf	 lb;

			buf_init(&lb);
			scale_answer_labels(it, &s->answers[i], &lb);
			field(b, lb.data, excel);
			buf_free(&lb);
		}
		buf_putc(b, ',');
		buf_puts(b, answer_missing(hs, i));
		buf_putc(b, ',');
		field(b, s->notes[i], excel);
		buf_puts(b, ",\n");
	}
	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		val = result_score(hs->r, i);
		buf_add(b, pre->data, pre->len);
		buf_puts(b, "score,");
		buf_puts(b, score->id);
		buf_putc(b, ',');
		if (val->kind == VAL_NUM)
			buf_puts(b, score_format(score, val, v, sizeof(v)));
		buf_putc(b, ',');
		if (score->nbandsets > 0)
			field(b, result_band(sc, hs->r, i, 0), excel);
		buf_puts(b, val->kind == VAL_NUM ? ",,,\n" : ",missing,,\n");
		for (j = 1; j < score->nbandsets; j++) {
			buf_add(b, pre->data, pre->len);
			buf_printf(b, "band,%s.band.%s,,", score->id,
			    sc->bandsets[score->bandsets[j]].id);
			field(b, result_band(sc, hs->r, i, j), excel);
			buf_puts(b, val->kind == VAL_NUM ? ",,,\n" :
			    ",missing,,\n");
		}
		if (result_basis(hs->r, i, v, sizeof(v)) > BASIS_COMPLETE) {
			buf_add(b, pre->data, pre->len);
			buf_printf(b, "basis,%s.basis,%s,,,,\n", score->id, v);
		}
	}
	for (i = 0; i < sc->nflags; i++) {
		if (!hs->r->raised[i])
			continue;
		buf_add(b, pre->data, pre->len);
		buf_printf(b, "flag,%s,,%s,,,", sc->flags[i].id,
		    flag_level_name(sc->flags[i].level));
		field(b, sc->flags[i].text, excel);
		buf_putc(b, '\n');
	}
}

/* Wide. */

static void
wide_cell(struct wide *w, const char *s)
{
	if (w->ncells == w->capcells) {
		w->capcells = w->capcells ? w->capcells * 2 : 1024;
		w->celloff = xreallocarray(w->celloff, w->capcells,
		    sizeof(*w->celloff));
	}
	w->celloff[w->ncells++] = w->cells.len;
	buf_add(&w->cells, s != NULL ? s : "", strlen(s != NULL ? s : "") +
	    1);
}

/*
 * Keeps a session's cells in its version's layout: the NFIXED fixed
 * ones, ID, ID.missing and ID.note per item, per score its value, one
 * per band set and its basis, then flags.
 */
static void
wide_keep(struct wide *w, size_t ver, const struct hist_session *hs,
    int excel)
{
	const struct session	*s = hs->s;
	const struct scale	*sc = hs->sc;
	const struct val	*val;
	struct buf		 fl;
	char			 v[64], t[20];
	size_t			 i, j;

	if (w->nrows == w->caprows) {
		w->caprows = w->caprows ? w->caprows * 2 : 256;
		w->rows = xreallocarray(w->rows, w->caprows,
		    sizeof(*w->rows));
	}
	w->rows[w->nrows].ver = ver;
	w->rows[w->nrows++].off = w->ncells;
	wide_cell(w, s->id);
	wide_cell(w, s->patient);
	wide_cell(w, s->scale_id);
	wide_cell(w, s->scale_version);
	wide_cell(w, s->scale_sha256);
	wide_cell(w, s->visit);
	wide_cell(w, excel ? cli_excel_time(s->assessed, t) : s->assessed);
	wide_cell(w, excel ? cli_excel_time(s->started, t) : s->started);
	wide_cell(w, excel ? cli_excel_time(s->finished, t) : s->finished);
	wide_cell(w, s->rater);
	wide_cell(w, s->amended_by);
	snprintf(v, sizeof(v), "%d", s->revision);
	wide_cell(w, v);
	wide_cell(w, s->status);
	for (i = 0; i < sc->nitems; i++) {
		wide_cell(w, answer_value(hs, i, v, sizeof(v)));
		wide_cell(w, answer_missing(hs, i));
		wide_cell(w, s->notes[i]);
	}
	for (i = 0; i < sc->nscores; i++) {
		val = result_score(hs->r, i);
		wide_cell(w, val->kind == VAL_NUM ? score_format(
		    &sc->scores[i], val, v, sizeof(v)) : "");
		for (j = 0; j < sc->scores[i].nbandsets; j++)
			wide_cell(w, result_band(sc, hs->r, i, j));
		if (result_basis(hs->r, i, v, sizeof(v)) <= BASIS_COMPLETE)
			v[0] = '\0';
		wide_cell(w, v);
	}
	buf_init(&fl);
	for (i = 0; i < sc->nflags; i++)
		if (hs->r->raised[i])
			buf_printf(&fl, "%s%s", fl.len > 0 ? " " : "",
			    sc->flags[i].id);
	wide_cell(w, fl.data != NULL ? fl.data : "");
	buf_free(&fl);
}

/* Adds column name (or finds it) and sets its cell for version k. */
static void
add_col(struct wcol **cols, size_t *n, size_t nver, const char *name,
    size_t k, long cell)
{
	size_t	 i, j;

	for (i = 0; i < *n; i++)
		if (strcmp((*cols)[i].name, name) == 0)
			break;
	if (i == *n) {
		*cols = xreallocarray(*cols, *n + 1, sizeof(**cols));
		(*cols)[i].name = xstrdup(name);
		(*cols)[i].cell = xcalloc(nver, sizeof(long));
		for (j = 0; j < nver; j++)
			(*cols)[i].cell[j] = -1;
		(*n)++;
	}
	(*cols)[i].cell[k] = cell;
}

static int
wide_write(struct wide *w, struct used *u, struct buf *out, int excel)
{
	static const char *const fixed[NFIXED] = {
		"session_id", "patient", "scale", "scale_version",
		"scale_sha256", "visit", "assessed", "started", "finished",
		"rater", "amended_by", "revision", "status"
	};
	struct wcol	*items = NULL, *scores = NULL;
	size_t		 nitem = 0, nscore = 0, *order, i, j, k, r, t;
	long		 cell, flagcell;
	const struct scale *sc;
	const struct bandset *bs;
	char		*name;
	long		*flags;

	/* Versions by their earliest session. */
	order = xcalloc(u->n + 1, sizeof(*order));
	for (i = 0; i < u->n; i++)
		order[i] = i;
	for (i = 1; i < u->n; i++)
		for (j = i; j > 0 && (u->first[order[j - 1]] >
		    u->first[order[j]] || (u->first[order[j - 1]] ==
		    u->first[order[j]] && strcmp(u->v[order[j - 1]]->sha256,
		    u->v[order[j]]->sha256) > 0)); j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	flags = xcalloc(u->n + 1, sizeof(*flags));
	for (t = 0; t < u->n; t++) {
		k = order[t];
		sc = u->v[k]->sc;
		cell = NFIXED;
		for (i = 0; i < sc->nitems; i++, cell += 3)
			add_col(&items, &nitem, u->n, sc->items[i].id, k,
			    cell);
		for (i = 0; i < sc->nscores; i++) {
			add_col(&scores, &nscore, u->n, sc->scores[i].id, k,
			    cell++);
			for (j = 0; j < sc->scores[i].nbandsets; j++) {
				bs = &sc->bandsets[sc->scores[i].bandsets[j]];
				name = j == 0 ? xasprintf("%s.band",
				    sc->scores[i].id) : xasprintf(
				    "%s.band.%s", sc->scores[i].id, bs->id);
				add_col(&scores, &nscore, u->n, name, k,
				    cell++);
				free(name);
			}
			name = xasprintf("%s.basis", sc->scores[i].id);
			add_col(&scores, &nscore, u->n, name, k, cell++);
			free(name);
		}
		flags[k] = cell;
	}
	for (i = 0; i < nitems(fixed); i++)
		buf_printf(out, "%s%s", i ? "," : "", fixed[i]);
	for (i = 0; i < nitem; i++) {
		buf_putc(out, ',');
		cli_csv_field(out, items[i].name);
		buf_putc(out, ',');
		name = xasprintf("%s.missing", items[i].name);
		cli_csv_field(out, name);
		free(name);
		buf_putc(out, ',');
		name = xasprintf("%s.note", items[i].name);
		cli_csv_field(out, name);
		free(name);
	}
	for (i = 0; i < nscore; i++) {
		buf_putc(out, ',');
		cli_csv_field(out, scores[i].name);
	}
	buf_puts(out, ",flags\n");
	for (r = 0; r < w->nrows; r++) {
		k = w->rows[r].ver;
		for (i = 0; i < nitems(fixed); i++) {
			if (i > 0)
				buf_putc(out, ',');
			field(out, w->cells.data +
			    w->celloff[w->rows[r].off + i], excel);
		}
		for (i = 0; i < nitem; i++) {
			cell = items[i].cell[k];
			for (j = 0; j < 3; j++) {
				buf_putc(out, ',');
				if (cell >= 0)
					field(out, w->cells.data +
					    w->celloff[w->rows[r].off +
					    (size_t)cell + j], excel);
			}
		}
		for (i = 0; i < nscore; i++) {
			cell = scores[i].cell[k];
			buf_putc(out, ',');
			if (cell >= 0)
				field(out, w->cells.data +
				    w->celloff[w->rows[r].off + cell], excel);
		}
		flagcell = flags[k];
		buf_putc(out, ',');
		field(out, w->cells.data +
		    w->celloff[w->rows[r].off + flagcell], excel);
		buf_putc(out, '\n');
		if (cli_flush(out, 0) == -1)
			break;
	}
	for (i = 0; i < nitem; i++) {
		free(items[i].name);
		free(items[i].cell);
	}
	for (i = 0; i < nscore; i++) {
		free(scores[i].name);
		free(scores[i].cell);
	}
	free(items);
	free(scores);
	free(flags);
	free(order);
	return cli_flush(out, 1);
}

/* Codebook. */

static int
cmp_version(const void *a, const void *b)
{
	const struct hist_version *x = *(const struct hist_version *const *)a;
	const struct hist_version *y = *(const struct hist_version *const *)b;
	int	 c;

	if ((c = strcmp(x->scale_id, y->scale_id)) != 0)
		return c;
	if ((c = strcmp(x->sc->version != NULL ? x->sc->version : "",
	    y->sc->version != NULL ? y->sc->version : "")) != 0)
		return c;
	return strcmp(x->sha256, y->sha256);
}

/* One row: the three key fields, kind, then the rest as given. */
static void
cb_row(struct buf *b, const struct scale *sc, const char *kind,
    const char *const *f, int excel)
{
	size_t	 i;

	field(b, sc->id, excel);
	buf_putc(b, ',');
	field(b, sc->version, excel);
	buf_putc(b, ',');
	buf_puts(b, sc->sha256);
	buf_putc(b, ',');
	buf_puts(b, kind);
	for (i = 0; i < 16; i++) {
		buf_putc(b, ',');
		field(b, f[i], excel);
	}
	buf_putc(b, '\n');
}

enum {
	CB_ID, CB_TEXT, CB_TYPE, CB_VALUE, CB_LABEL, CB_FORMULA, CB_MIN,
	CB_MAX, CB_STEP, CB_DECIMALS, CB_BANDS, CB_DIRECTION, CB_RESPONDER,
	CB_MISSING, CB_SCORED, CB_LEVEL, CB_N
};

static void
codebook_version(struct buf *b, const struct scale *sc, int excel)
{
	static const char *const types[] = { "choice", "number", "text",
	    "multi" };
	const char	*f[CB_N];
	const struct item *it;
	const struct score *score;
	const struct bandset *bs;
	char		 lo[64], hi[64], st[64], dec[16], miss[32];
	char		 resp[64];
	struct buf	 bands;
	size_t		 i, j;

	memset(f, 0, sizeof(f));
	f[CB_ID] = sc->id;
	f[CB_TEXT] = sc->title;
	f[CB_LABEL] = sc->status;
	cb_row(b, sc, "scale", f, excel);
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		memset(f, 0, sizeof(f));
		f[CB_ID] = it->id;
		f[CB_TEXT] = it->text;
		f[CB_TYPE] = types[it->type];
		f[CB_FORMULA] = it->when_src;
		if (it->type != ITEM_TEXT) {
			f[CB_MIN] = fmt_num(lo, sizeof(lo), it->min);
			f[CB_MAX] = fmt_num(hi, sizeof(hi), it->max);
		}
		if (it->type == ITEM_NUMBER && it->step > 0)
			f[CB_STEP] = fmt_num(st, sizeof(st), it->step);
		f[CB_MISSING] = scale_missing_str(it->missing, miss,
		    sizeof(miss));
		f[CB_SCORED] = it->scored ? "yes" : "no";
		cb_row(b, sc, "item", f, excel);
		for (j = 0; j < it->nopts; j++) {
			memset(f, 0, sizeof(f));
			f[CB_ID] = it->id;
			f[CB_VALUE] = it->opts[j].key != NULL ?
			    it->opts[j].key : fmt_num(lo, sizeof(lo),
			    it->opts[j].value);
			f[CB_LABEL] = it->opts[j].label;
			cb_row(b, sc, "option", f, excel);
		}
	}
	buf_init(&bands);
	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		memset(f, 0, sizeof(f));
		f[CB_ID] = score->id;
		f[CB_LABEL] = score->label;
		f[CB_TYPE] = score->type == SCORE_CATEGORY ? "category" :
		    score->type == SCORE_CODE ? "code" : "number";
		f[CB_FORMULA] = score->formula_src;
		f[CB_MIN] = fmt_trim(lo, sizeof(lo), score->min, 6);
		f[CB_MAX] = fmt_trim(hi, sizeof(hi), score->max, 6);
		snprintf(dec, sizeof(dec), "%d", score->decimals);
		f[CB_DECIMALS] = dec;
		buf_reset(&bands);
		for (j = 0; j < score->nbandsets; j++)
			buf_printf(&bands, "%s%s", j ? " " : "",
			    sc->bandsets[score->bandsets[j]].id);
		f[CB_BANDS] = bands.data;
		f[CB_DIRECTION] = score->higher_is_worse ? "higher-is-worse" :
		    "higher-is-better";
		switch (score->responder) {
		case RESP_PERCENT:
			snprintf(resp, sizeof(resp), "%s%%", fmt_num(st,
			    sizeof(st), score->responder_value));
			f[CB_RESPONDER] = resp;
			break;
		case RESP_CHANGE:
			f[CB_RESPONDER] = fmt_num(resp, sizeof(resp),
			    score->responder_value);
			break;
		case RESP_THRESHOLD:
			snprintf(resp, sizeof(resp), "%s %s",
			    history_threshold_is_le(score) ? "<=" : ">=",
			    fmt_num(st, sizeof(st), score->responder_value));
			f[CB_RESPONDER] = resp;
			break;
		default:
			break;
		}
		cb_row(b, sc, "score", f, excel);
	}
	buf_free(&bands);
	for (i = 0; i < sc->nbandsets; i++) {
		bs = &sc->bandsets[i];
		for (j = 0; j < bs->nbands; j++) {
			memset(f, 0, sizeof(f));
			f[CB_ID] = bs->id;
			f[CB_VALUE] = fmt_num(lo, sizeof(lo),
			    bs->bands[j].lower);
			f[CB_LABEL] = bs->bands[j].label;
			cb_row(b, sc, "band", f, excel);
		}
	}
	for (i = 0; i < sc->nflags; i++) {
		memset(f, 0, sizeof(f));
		f[CB_ID] = sc->flags[i].id;
		f[CB_FORMULA] = sc->flags[i].when_src;
		f[CB_TEXT] = sc->flags[i].text;
		f[CB_LEVEL] = flag_level_name(sc->flags[i].level);
		cb_row(b, sc, "flag", f, excel);
	}
}

static int
codebook_write(const char *path, struct used *u, int excel)
{
	const struct hist_version **v;
	struct buf	 b;
	FILE		*fp;
	size_t		 i;
	int		 rc = 0;

	if ((fp = fopen(path, "w")) == NULL) {
		cli_warnx("export: cannot write the codebook: %s (%s)",
		    strerror(errno), path);
		return -1;
	}
	v = xcalloc(u->n + 1, sizeof(*v));
	if (u->n > 0)
		memcpy(v, u->v, u->n * sizeof(*v));
	if (u->n > 1)
		qsort(v, u->n, sizeof(*v), cmp_version);
	buf_init(&b);
	if (excel)
		buf_puts(&b, UTF8_BOM);
	buf_puts(&b, "scale,scale_version,scale_sha256,kind,id,text,type,"
	    "value,label,formula,min,max,step,decimals,bands,direction,"
	    "responder,missing,scored,level\n");
	for (i = 0; i < u->n; i++)
		codebook_version(&b, v[i]->sc, excel);
	if (fwrite(b.data, 1, b.len, fp) != b.len)
		rc = -1;
	if (fclose(fp) == EOF)
		rc = -1;
	if (rc == -1)
		cli_warnx("export: cannot write the codebook: %s (%s)",
		    strerror(errno), path);
	buf_free(&b);
	free(v);
	return rc;
}

/* FHIR: the Questionnaire of every scale version exported (by id,
 * version, sha256), then the end of the Bundle. */
static int
fhir_close(struct json_w *j, struct used *u, const char *base)
{
	const struct hist_version **v;
	char		*cause = NULL;
	size_t		 i;
	int		 rc = 0;

	v = xcalloc(u->n + 1, sizeof(*v));
	if (u->n > 0)
		memcpy(v, u->v, u->n * sizeof(*v));
	if (u->n > 1)
		qsort(v, u->n, sizeof(*v), cmp_version);
	for (i = 0; i < u->n; i++)
		if (fhir_questionnaire_entry(j, v[i]->sc, base, &cause) ==
		    -1) {
			cli_warnx("export: %s: %s", v[i]->sc->id, cause);
			free(cause);
			cause = NULL;
			rc = -1;
		}
	free(v);
	fhir_bundle_close(j);
	return rc;
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	struct history_filter	 f;
	struct hist_patient	*hp;
	struct hist_session	*hs;
	struct history		*h = NULL;
	struct store		*st = NULL;
	struct diag		 d;
	struct buf		 out, pre;
	struct used		 u;
	struct wide		 w;
	const char		*patient = NULL, *format = "long";
	const char		*codebook = NULL, *events = NULL;
	const char		*record_id = "record_id";
	char			**ids = NULL, *cause = NULL;
	size_t			 nids = 0, i, e, k;
	struct json_w		 j;
	int			 a, r, rc = 0, wide, fhir, failed = 0;
	int			 excel = 0, redcap, verified = 0;

	memset(&f, 0, sizeof(f));
	for (a = 1; a < argc; a++) {
		if ((r = cli_filter_arg("export", &a, argc, argv, &patient,
		    &f)) == 1)
			continue;
		if (r == -1)
			return cli_usage(cli_find_cmd("export"));
		if (strcmp(argv[a], "--format") == 0 && a + 1 < argc)
			format = argv[++a];
		else if (strncmp(argv[a], "--format=", 9) == 0)
			format = argv[a] + 9;
		else if (strcmp(argv[a], "--codebook") == 0 && a + 1 < argc)
			codebook = argv[++a];
		else if (strncmp(argv[a], "--codebook=", 11) == 0)
			codebook = argv[a] + 11;
		else if (strcmp(argv[a], "--excel") == 0)
			excel = 1;
		else if (strcmp(argv[a], "--events") == 0 && a + 1 < argc)
			events = argv[++a];
		else if (strncmp(argv[a], "--events=", 9) == 0)
			events = argv[a] + 9;
		else if (strcmp(argv[a], "--record-id") == 0 && a + 1 < argc)
			record_id = argv[++a];
		else if (strncmp(argv[a], "--record-id=", 12) == 0)
			record_id = argv[a] + 12;
		else if (strcmp(argv[a], "--verified") == 0)
			verified = 1;
		else {
			cli_warnx("export: unexpected argument '%.80s'",
			    argv[a]);
			return cli_usage(cli_find_cmd("export"));
		}
	}
	if (strcmp(format, "wide") != 0 && strcmp(format, "long") != 0 &&
	    strcmp(format, "fhir") != 0 && strcmp(format, "redcap") != 0) {
		cli_warnx("export: --format is wide, long, fhir or redcap, not "
		    "'%.40s'", format);
		return cli_usage(cli_find_cmd("export"));
	}
	wide = format[0] == 'w';
	redcap = format[0] == 'r';
	if (!redcap && (events != NULL || verified ||
	    strcmp(record_id, "record_id") != 0)) {
		cli_warnx("export: --events, --record-id and --verified are "
		    "for --format redcap");
		return cli_usage(cli_find_cmd("export"));
	}
	if (redcap && (excel || codebook != NULL)) {
		cli_warnx("export: --format redcap takes no --excel or "
		    "--codebook (its codebook is rater describe --format "
		    "redcap)");
		return cli_usage(cli_find_cmd("export"));
	}
	if (redcap && !cli_redcap_name_is_valid(record_id)) {
		cli_warnx("export: --record-id '%.80s' is not a REDCap "
		    "variable name (a-z, then a-z, 0-9, _)", record_id);
		return cli_usage(cli_find_cmd("export"));
	}
	fhir = format[0] == 'f';
	if (fhir && (excel || codebook != NULL)) {
		cli_warnx("export: --format fhir takes no --excel or "
		    "--codebook (the Questionnaires are in the Bundle)");
		return cli_usage(cli_find_cmd("export"));
	}
	if (wide && f.scale == NULL) {
		cli_warnx("export: --format wide needs --scale ID (its "
		    "columns are those of one scale)");
		return cli_usage(cli_find_cmd("export"));
	}
	if (codebook != NULL && *codebook == '\0') {
		cli_warnx("export: --codebook needs a file name");
		return cli_usage(cli_find_cmd("export"));
	}
	if (cli_is_blind(c, "export"))
		return EXIT_DATA;
	if ((st = cli_review_store(c)) == NULL)
		return EXIT_DATA;
	h = history_open(st, c->scale_dirs);
	diag_init(&d);
	buf_init(&out);
	/* Before any goto out, which frees it. */
	json_w_init(&j, &out, 0);
	buf_init(&pre);
	memset(&u, 0, sizeof(u));
	memset(&w, 0, sizeof(w));
	buf_init(&w.cells);
	if (cli_patient_ids(h, patient, &ids, &nids, &d) == -1) {
		rc = EXIT_DATA;
		goto out;
	}
	if (redcap) {
		rc = cli_export_redcap(c, h, ids, nids, &f, events, record_id,
		    verified, &d);
		goto out;
	}
	if (excel)
		buf_puts(&out, UTF8_BOM);
	if (fhir)
		fhir_bundle_open(&j);
	else if (!wide)
		buf_puts(&out, "session_id,patient,scale,scale_version,"
		    "scale_sha256,visit,assessed,started,rater,amended_by,"
		    "revision,status,kind,item,value,label,missing_code,note,"
		    "flag_text\n");
	for (i = 0; i < nids && !failed; i++) {
		hp = history_patient(h, ids[i], &f, HIST_NO_CHECK, &d,
		    &cause);
		if (hp == NULL) {
			cli_warnx("%s", cause);
			free(cause);
			cause = NULL;
			rc = EXIT_DATA;
			continue;
		}
		for (e = 0; e < hp->nlatest; e++) {
			hs = hp->latest[e];
			if (hs->sc == NULL)
				continue;	/* reported in d */
			if (fhir) {
				if (fhir_session_entries(&j, hs->s, hs->sc,
				    hs->r, cli_fhir_base(c), &cause) == -1) {
					cli_warnx("export: %s (not exported)",
					    cause);
					free(cause);
					cause = NULL;
					rc = EXIT_DATA;
					continue;
				}
				use_version(&u, hs->ver, hs->t);
			} else if ((k = use_version(&u, hs->ver, hs->t)),
			    wide)
				wide_keep(&w, k, hs, excel);
			else
				long_rows(&out, &pre, hs, excel);
		}
		history_patient_free(hp);
		if (cli_flush(&out, 0) == -1)
			failed = 1;
	}
	if (!failed && wide && wide_write(&w, &u, &out, excel) == -1)
		failed = 1;
	if (!failed && fhir && fhir_close(&j, &u, cli_fhir_base(c)) == -1)
		rc = EXIT_DATA;
	if (failed || cli_flush(&out, 1) == -1 || fflush(stdout) == EOF) {
		cli_warnx("export: cannot write the output: %s",
		    strerror(errno));
		rc = EXIT_DATA;
	}
	if (codebook != NULL && codebook_write(codebook, &u, excel) == -1)
		rc = EXIT_DATA;
out:
	if (cli_print_diag(&d) > 0)
		rc = EXIT_DATA;
	diag_free(&d);
	json_w_free(&j);
	buf_free(&out);
	buf_free(&pre);
	buf_free(&w.cells);
	free(w.celloff);
	free(w.rows);
	free(u.v);
	free(u.first);
	history_patients_free(ids, nids);
	history_close(h);
	store_close(st);
	return rc;
}
