/*
 * cmd_show.c: rater show: one session as a plain-text report for the
 * medical record.
 *
 *	rater show SESSION
 *
 * SESSION is an id (P017/20261126T101500-phq9-1) or the path of a file
 * in DATA/sessions.  The session is scored with the scale version it
 * was rated with.  The report, in this order:
 *
 *	a title line, then "Key: value" lines: Site (when configured),
 *	Scale (title), Version (id, version, short sha256 and where the
 *	scale came from when not the archive), Scale status (PROVISIONAL
 *	marked), Session, Revision (and, for an amended one, the latest),
 *	Status, Patient, Visit, Rater, Assessed (said to be the start
 *	time for a format-1 file), Started, Finished;
 *	Items: every item numbered, its short text and id, the answer's
 *	value and label (missing codes spelled out), its note;
 *	Scores: each score, its value and range, its band in every set;
 *	Flags: raised flags, CRITICAL ones in capitals;
 *	Change from baseline: the baseline's id, visit and assessment, and per
 *	score: baseline -> value, change, percent, direction, responder;
 *	Revisions: every revision of the chain with its time, rater and
 *	reason, and what changed from the revision before;
 *	Check: "scores verified", or every disagreement between the
 *	scores stored in the file and those recomputed.
 *
 * No text from a file reaches the terminal unescaped (history_escape).
 * Exit 1 when the session is not found, cannot be scored, or its
 * stored scores disagree with the recomputation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "history.h"
#include "score.h"
#include "session.h"
#include "store.h"

struct report {
	struct buf		 b;
	const struct hist_patient *hp;
	const struct hist_session *hs;
};

static void	 put_kv(struct buf *, const char *, const char *);
static void	 put_esc(struct buf *, const char *);
static void	 put_answer(struct buf *, const struct item *,
		    const struct answer *);
static void	 put_short(struct buf *, const struct answer *, int);
static void	 show_header(struct report *, const struct cli *);
static void	 show_items(struct report *);
static void	 show_scores(struct report *);
static void	 show_flags(struct report *);
static void	 show_change(struct report *);
static void	 show_revisions(struct report *);
static int	 show_check(struct report *);
static void	 show_fork(struct report *);
static const struct hist_session *latest_of(const struct hist_patient *,
		    const struct hist_session *);
static char	*signed_num(char *, size_t, double, int);
static int	 wanted_file(const struct report *, const char *);

static void
put_esc(struct buf *b, const char *s)
{
	history_escape(b, s != NULL ? s : "");
}

static void
put_kv(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, "%-14s", key);
	put_esc(b, v);
	buf_putc(b, '\n');
}

/* The answer in full: "2: More than half the days", "unknown (unk)". */
static void
put_answer(struct buf *b, const struct item *it, const struct answer *a)
{
	const char	*miss, *label;
	char		 v[64];

	if ((miss = history_missing_name(a->kind)) != NULL) {
		buf_puts(b, miss);
		if (a->kind != ANS_NONE && a->kind != ANS_SKIP)
			buf_printf(b, " (%s)", scale_answer_str(a, v,
			    sizeof(v)));
		return;
	}
	if (a->kind == ANS_TEXT) {
		buf_putc(b, '"');
		put_esc(b, a->text);
		buf_putc(b, '"');
		return;
	}
	if (it->type == ITEM_MULTI) {
		struct buf	 lb;

		buf_init(&lb);
		scale_answer_labels(it, a, &lb);
		buf_printf(b, "%s: ", scale_answer_str(a, v, sizeof(v)));
		put_esc(b, lb.data);
		buf_free(&lb);
		return;
	}
	buf_puts(b, fmt_num(v, sizeof(v), a->value));
	if (it->type == ITEM_CHOICE &&
	    (label = scale_option_label(it, a->value)) != NULL) {
		buf_puts(b, ": ");
		put_esc(b, label);
	}
}

/* The answer in short, for lists of changes: "2", "unk", "(empty)". */
static void
put_short(struct buf *b, const struct answer *a, int shown)
{
	char	 v[64];

	if (a == NULL) {
		buf_puts(b, "(not in this version)");
		return;
	}
	if (a->kind == ANS_NONE)
		buf_puts(b, "(not answered)");
	else if (a->kind == ANS_TEXT) {
		buf_putc(b, '"');
		put_esc(b, a->text);
		buf_putc(b, '"');
	} else
		buf_puts(b, scale_answer_str(a, v, sizeof(v)));
	if (!shown)
		buf_puts(b, " (not asked)");
}

/* "+2", "-0.5", "0" with the given decimals (fmt_fixed never gives
 * "-0"). */
static char *
signed_num(char *buf, size_t len, double v, int decimals)
{
	char	 t[48];

	fmt_fixed(t, sizeof(t), v, decimals);
	if (t[0] != '-' && strspn(t, "0.") != strlen(t))
		snprintf(buf, len, "+%s", t);
	else
		snprintf(buf, len, "%s", t);
	return buf;
}

/* The newest revision that amends hs, directly or not, or hs. */
static const struct hist_session *
latest_of(const struct hist_patient *hp, const struct hist_session *hs)
{
	const struct hist_session *q;
	size_t	 i;

	if (hs->latest)
		return hs;
	for (i = hp->nall; i-- > 0;) {
		if (!hp->all[i]->latest)
			continue;
		for (q = hp->all[i]->prev; q != NULL; q = q->prev)
			if (q == hs)
				return hp->all[i];
	}
	return hs;
}

/*
 * A fork: a revision of this session's chain (it, or one it amends)
 * that two amendments replace, e.g. made at two workstations at once
 * (rater sync).  Both are kept; while more than one branch is open the
 * report says so and names them; an amendment that resolves the fork
 * names the branches it closed.
 */
static void
show_fork(struct report *rp)
{
	const struct hist_session *q;
	const struct session	*s = rp->hs->s;
	struct buf		*b = &rp->b;
	size_t			 i, k = 0;

	if (s->resolves != NULL)
		put_kv(b, "Resolves:", s->resolves);
	if ((q = history_open_fork(rp->hs)) == NULL)
		return;
	buf_printf(b, "%-14sFORK: revision %d, %s, was amended %zu times:",
	    "Fork:", q->s->revision, q->s->id, q->nnext);
	for (i = 0; i < rp->hp->nall; i++)
		if (rp->hp->all[i]->prev == q) {
			buf_puts(b, k++ == 0 ? " " : ", ");
			put_esc(b, rp->hp->all[i]->s->id);
		}
	buf_printf(b, "; %zu branches open, every amendment is kept: "
	    "resolve it with rater amend ID --resolves OTHER\n", q->nopen);
}

static void
show_header(struct report *rp, const struct cli *c)
{
	const struct hist_session *hs = rp->hs, *last;
	const struct session	*s = hs->s;
	const struct scale	*sc = hs->sc;
	struct buf		*b = &rp->b;
	char			 t[256];

	buf_puts(b, "Rating session report\n");
	if (c->cfg != NULL && c->cfg->site != NULL && *c->cfg->site != '\0')
		put_kv(b, "Site:", c->cfg->site);
	put_kv(b, "Scale:", sc->title);
	buf_printf(b, "%-14s", "Version:");
	put_esc(b, sc->id);
	buf_puts(b, " version ");
	put_esc(b, sc->version);
	buf_printf(b, ", sha256 %.12s\n", sc->sha256);
	if (!hs->ver->archived && hs->ver->note != NULL)
		put_kv(b, "Version note:", hs->ver->note);
	if (sc->status != NULL && strcmp(sc->status, "provisional") == 0) {
		buf_printf(b, "%-14sPROVISIONAL: not fully checked against "
		    "the published instrument", "Scale status:");
		if (sc->status_note != NULL) {
			buf_puts(b, "; ");
			put_esc(b, sc->status_note);
		}
		buf_putc(b, '\n');
	} else
		put_kv(b, "Scale status:", sc->status != NULL ? sc->status :
		    "not stated");
	put_kv(b, "Session:", s->id);
	last = latest_of(rp->hp, hs);
	if (hs->resolved_by != NULL) {
		last = latest_of(rp->hp, hs->resolved_by);
		snprintf(t, sizeof(t), "%d, CLOSED: a branch of a fork that "
		    "%s resolved; the latest revision is %s (revision %d)",
		    s->revision, hs->resolved_by->s->id, last->s->id,
		    last->s->revision);
		put_kv(b, "Revision:", t);
	} else if (last != hs) {
		snprintf(t, sizeof(t), "%d, AMENDED: the latest revision is "
		    "%s (revision %d)", s->revision, last->s->id,
		    last->s->revision);
		put_kv(b, "Revision:", t);
	} else {
		snprintf(t, sizeof(t), "%d", s->revision);
		put_kv(b, "Revision:", t);
	}
	show_fork(rp);
	put_kv(b, "Status:", s->status);
	put_kv(b, "Patient:", s->patient);
	put_kv(b, "Visit:", s->visit);
	put_kv(b, "Rater:", s->rater);
	if (s->revision > 1)
		put_kv(b, "Amended by:", s->amended_by != NULL ?
		    s->amended_by : "(not recorded)");
	put_kv(b, "Assessed:", s->assessed);
	if (s->format == 1)
		put_kv(b, "", "(a format-1 file: the time it was started)");
	put_kv(b, "Started:", s->started);
	put_kv(b, "Finished:", s->finished);
}

static void
show_items(struct report *rp)
{
	const struct hist_session *hs = rp->hs;
	const struct scale	*sc = hs->sc;
	const struct item	*it;
	const struct answer	*a;
	const char		*group = NULL;
	struct buf		*b = &rp->b;
	size_t			 i;
	int			 shown;

	buf_puts(b, "Items:\n");
	for (i = 0; i < sc->nitems; i++) {
		it = &sc->items[i];
		a = &hs->s->answers[i];
		shown = result_item_shown(hs->r, i);
		if (it->group != NULL && (group == NULL ||
		    strcmp(group, it->group) != 0)) {
			buf_puts(b, "  ");
			put_esc(b, it->group);
			buf_putc(b, '\n');
		}
		group = it->group;
		buf_printf(b, "%4s. ", it->number);
		put_esc(b, it->text);
		buf_puts(b, " [");
		put_esc(b, it->id);
		buf_puts(b, "]\n      ");
		if (!shown) {
			buf_puts(b, "not asked (shown only when ");
			put_esc(b, it->when_src);
			buf_puts(b, "): skipped");
			if (a->kind != ANS_NONE && a->kind != ANS_NA &&
			    a->kind != ANS_SKIP) {
				buf_puts(b, "; entered before it was "
				    "hidden: ");
				put_answer(b, it, a);
			}
		} else {
			put_answer(b, it, a);
			if (!it->scored)
				buf_puts(b, " (not scored)");
		}
		buf_putc(b, '\n');
		if (hs->s->notes[i] != NULL) {
			buf_puts(b, "      Note: ");
			put_esc(b, hs->s->notes[i]);
			buf_putc(b, '\n');
		}
	}
}

static void
show_scores(struct report *rp)
{
	const struct hist_session *hs = rp->hs;
	const struct scale	*sc = hs->sc;
	const struct score	*score;
	const struct val	*val;
	const char		*band;
	struct buf		*b = &rp->b;
	const struct bandset	*bs;
	char			 v[64], lo[64], hi[64], basis[64];
	size_t			 i, j;

	buf_puts(b, "Scores:\n");
	for (i = 0; i < sc->nscores; i++) {
		score = &sc->scores[i];
		val = result_score(hs->r, i);
		buf_puts(b, "  ");
		put_esc(b, score->label != NULL ? score->label : score->id);
		buf_puts(b, " [");
		put_esc(b, score->id);
		buf_printf(b, "]: %s", score_format(score, val, v,
		    sizeof(v)));
		if (val->kind != VAL_NUM)
			buf_printf(b, " (cannot be computed%s%s)",
			    hs->r->errs[i] != EXPR_OK ? ": " : " from these "
			    "answers", hs->r->errs[i] != EXPR_OK ?
			    expr_strerror(hs->r->errs[i]) : "");
		else if (result_basis(hs->r, i, basis, sizeof(basis)) >
		    BASIS_COMPLETE)
			buf_printf(b, " (%s: from %u of %u items)", basis,
			    val->nused, val->nexpect);
		buf_printf(b, ", range %s to %s\n",
		    fmt_trim(lo, sizeof(lo), score->min, score->decimals),
		    fmt_trim(hi, sizeof(hi), score->max, score->decimals));
		/* A category's label, from [choices.NAME]. */
		if (score->type == SCORE_CATEGORY && score->nbandsets > 0) {
			band = result_band(sc, hs->r, i, 0);
			buf_puts(b, "      category: ");
			put_esc(b, band != NULL ? band : "none (no value)");
			buf_putc(b, '\n');
			continue;
		}
		for (j = 0; j < score->nbandsets; j++) {
			band = result_band(sc, hs->r, i, j);
			buf_puts(b, "      band ");
			bs = &sc->bandsets[score->bandsets[j]];
			put_esc(b, bandset_name(bs));
			if (bs->label != NULL) {
				buf_puts(b, " [");
				put_esc(b, bs->id);
				buf_putc(b, ']');
			}
			if (score->nbandsets > 1)
				buf_puts(b, j == 0 ? " (primary)" :
				    " (secondary)");
			buf_puts(b, ": ");
			put_esc(b, band != NULL ? band : "none (no value)");
			buf_putc(b, '\n');
		}
	}
}

static void
show_flags(struct report *rp)
{
	const struct hist_session *hs = rp->hs;
	const struct scale	*sc = hs->sc;
	struct buf		*b = &rp->b;
	size_t			 i, n = 0;
	int			 pass;

	buf_puts(b, "Flags:\n");
	/* Critical ones first. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < sc->nflags; i++) {
			if (!hs->r->raised[i] || (pass == 0) !=
			    (sc->flags[i].level == FLAG_CRITICAL))
				continue;
			buf_printf(b, "  %s: ", sc->flags[i].level ==
			    FLAG_CRITICAL ? "CRITICAL" :
			    flag_level_name(sc->flags[i].level));
			put_esc(b, sc->flags[i].text);
			buf_puts(b, " [");
			put_esc(b, sc->flags[i].id);
			buf_puts(b, "]\n");
			n++;
		}
	if (n == 0)
		buf_puts(b, "  none raised\n");
}

static void
show_change(struct report *rp)
{
	const struct hist_session *hs = rp->hs, *base;
	const struct hist_group	*g;
	const struct score	*score;
	struct hist_change	 ch;
	struct buf		*b = &rp->b;
	char			 v1[64], v2[64], d[64], p[64];
	size_t			 i;

	buf_puts(b, "Change from baseline:\n");
	g = history_group(rp->hp, hs->s->scale_id);
	base = g != NULL ? g->baseline : NULL;
	if (base == NULL) {
		buf_puts(b, "  no baseline\n");
		return;
	}
	if (base == hs || base == latest_of(rp->hp, hs)) {
		buf_printf(b, "  This session is the baseline%s.\n",
		    base->s->visit != NULL && strcmp(base->s->visit,
		    "baseline") == 0 ? " (visit baseline)" : " (the "
		    "earliest; no visit is labelled baseline)");
		return;
	}
	buf_printf(b, "  Baseline: %s, visit ", base->s->id);
	put_esc(b, base->s->visit);
	buf_printf(b, ", assessed %s%s\n", base->s->assessed,
	    strcmp(base->s->visit, "baseline") == 0 ? "" : " (the earliest "
	    "session; no visit is labelled baseline)");
	if (hs->t < base->t || (hs->t == base->t &&
	    strcmp(hs->s->id, base->s->id) < 0)) {
		buf_puts(b, "  This session precedes the baseline: no change "
		    "from baseline is given.\n");
		return;
	}
	if (base->sc == NULL) {
		buf_puts(b, "  The baseline cannot be scored: no change "
		    "can be given.\n");
		return;
	}
	if (strcmp(base->sc->sha256, hs->sc->sha256) != 0)
		buf_printf(b, "  The baseline was rated with another version "
		    "of the scale (sha256 %.12s).\n", base->sc->sha256);
	if (scale_first_measure(hs->sc) < 0)
		buf_puts(b, "  Its scores are categories or codes: they have "
		    "no change.\n");
	for (i = 0; i < hs->sc->nscores; i++) {
		score = &hs->sc->scores[i];
		/* A category or a code has no change (issue 14.6). */
		if (!score_is_measure(score))
			continue;
		history_change(hs, base, i, &ch);
		buf_puts(b, "  ");
		put_esc(b, score->label != NULL ? score->label : score->id);
		buf_puts(b, " [");
		put_esc(b, score->id);
		buf_puts(b, "]: ");
		if (!ch.base_has_score) {
			buf_puts(b, "not in the baseline's version\n");
			continue;
		}
		buf_printf(b, "%s -> %s", ch.has_base ? fmt_fixed(v1,
		    sizeof(v1), ch.base, score->decimals) : "NA",
		    ch.has_value ? fmt_fixed(v2, sizeof(v2), ch.value,
		    score->decimals) : "NA");
		if (!ch.has_change)
			buf_puts(b, ", change not available");
		else {
			buf_printf(b, ", change %s", signed_num(d, sizeof(d),
			    ch.change, score->decimals));
			if (ch.has_pct)
				buf_printf(b, " (%s%%)", signed_num(p,
				    sizeof(p), ch.pct, 1));
			else
				buf_puts(b, " (percent not available: "
				    "baseline 0)");
			buf_printf(b, ", %s", ch.better > 0 ? "improved" :
			    ch.better < 0 ? "worsened" : "unchanged");
		}
		switch (score->responder) {
		case RESP_PERCENT:
			buf_printf(b, "; responder (improvement >= %s%%): ",
			    fmt_num(v1, sizeof(v1), score->responder_value));
			break;
		case RESP_CHANGE:
			buf_printf(b, "; responder (improvement >= %s): ",
			    fmt_num(v1, sizeof(v1), score->responder_value));
			break;
		case RESP_THRESHOLD:
			buf_printf(b, "; responder (value %s %s): ",
			    history_threshold_is_le(score) ? "<=" : ">=",
			    fmt_num(v1, sizeof(v1), score->responder_value));
			break;
		default:
			break;
		}
		if (score->responder != RESP_NONE)
			buf_puts(b, ch.responder == HIST_RESP_YES ? "yes" :
			    ch.responder == HIST_RESP_NO ? "no" :
			    "not known");
		buf_putc(b, '\n');
	}
}

static void
show_revisions(struct report *rp)
{
	const struct hist_session **v, *r, *last;
	struct hist_itemcmp	*cmp;
	struct buf		*b = &rp->b;
	size_t			 n, i, k, nc, nchanged;

	buf_puts(b, "Revisions:\n");
	last = latest_of(rp->hp, rp->hs);
	n = history_revisions(last, &v);
	if (v[0]->s->replaces != NULL)
		buf_printf(b, "  (revision %d, %s, is missing)\n",
		    v[0]->s->revision - 1, v[0]->s->replaces);
	for (i = 0; i < n; i++) {
		r = v[i];
		buf_printf(b, "  %d. %s: finished %s, rater ", r->s->revision,
		    r->s->id, r->s->finished);
		put_esc(b, r->s->rater);
		if (r->s->revision > 1) {
			buf_puts(b, ", amended by ");
			put_esc(b, r->s->amended_by != NULL ?
			    r->s->amended_by : "(not recorded)");
		}
		buf_puts(b, r == rp->hs ? " (this report)\n" : "\n");
		if (r->s->reason != NULL) {
			buf_puts(b, "     Reason: ");
			put_esc(b, r->s->reason);
			buf_putc(b, '\n');
		}
		if (i == 0)
			continue;
		if (strcmp(v[i - 1]->s->visit, r->s->visit) != 0) {
			buf_puts(b, "     Changed: visit ");
			put_esc(b, v[i - 1]->s->visit);
			buf_puts(b, " -> ");
			put_esc(b, r->s->visit);
			buf_putc(b, '\n');
		}
		if (strcmp(v[i - 1]->s->assessed, r->s->assessed) != 0)
			buf_printf(b, "     Changed: assessed %s -> %s\n",
			    v[i - 1]->s->assessed, r->s->assessed);
		if (strcmp(v[i - 1]->s->rater, r->s->rater) != 0) {
			buf_puts(b, "     Changed: rater ");
			put_esc(b, v[i - 1]->s->rater);
			buf_puts(b, " -> ");
			put_esc(b, r->s->rater);
			buf_putc(b, '\n');
		}
		if (v[i - 1]->sc == NULL || r->sc == NULL) {
			buf_puts(b, "     Changes cannot be shown: a revision "
			    "cannot be scored\n");
			continue;
		}
		nc = history_compare(v[i - 1], r, &cmp);
		nchanged = 0;
		for (k = 0; k < nc; k++) {
			if (!cmp[k].changed)
				continue;
			nchanged++;
			buf_puts(b, "     Changed: ");
			put_esc(b, cmp[k].id);
			buf_putc(b, ' ');
			put_short(b, cmp[k].a, cmp[k].shown_a);
			buf_puts(b, " -> ");
			put_short(b, cmp[k].b, cmp[k].shown_b);
			buf_putc(b, '\n');
		}
		for (k = 0; k < r->sc->nitems; k++) {
			long	 j;
			const char *na, *nb;

			j = scale_item_index(v[i - 1]->sc, r->sc->items[k].id);
			na = j >= 0 ? v[i - 1]->s->notes[j] : NULL;
			nb = r->s->notes[k];
			if ((na == NULL) != (nb == NULL) || (na != NULL &&
			    strcmp(na, nb) != 0)) {
				nchanged++;
				buf_puts(b, "     Changed: note on ");
				put_esc(b, r->sc->items[k].id);
				buf_putc(b, '\n');
			}
		}
		if (nchanged == 0)
			buf_puts(b, "     No answer or note changed\n");
		free(cmp);
	}
	free(v);
}

static int
show_check(struct report *rp)
{
	const struct hist_session *hs = rp->hs;
	struct buf		*b = &rp->b;
	struct diag		 d;
	size_t			 i, n;

	buf_puts(b, "Check:\n");
	diag_init(&d);
	n = session_check_scores(hs->s, hs->sc, &d);
	if (n == 0)
		buf_printf(b, "  Scores verified: recomputed with the scale "
		    "version rated (sha256 %.12s), equal to those stored.\n",
		    hs->sc->sha256);
	else {
		buf_printf(b, "  SCORES DISAGREE: the file's stored scores "
		    "differ from those recomputed with the scale version "
		    "rated (sha256 %.12s):\n", hs->sc->sha256);
		for (i = 0; i < d.n; i++) {
			buf_puts(b, "  ");
			put_esc(b, d.v[i].msg);
			buf_putc(b, '\n');
		}
	}
	diag_free(&d);
	return n == 0 ? 0 : -1;
}

/* Diagnostics worth printing with the report: about its files. */
static int
wanted_file(const struct report *rp, const char *file)
{
	const struct hist_session **v;
	const struct hist_group	*g;
	size_t			 n, i;
	int			 hit = 0;

	if (strcmp(file, rp->hs->s->path) == 0)
		return 1;
	g = history_group(rp->hp, rp->hs->s->scale_id);
	if (g != NULL && g->baseline != NULL &&
	    strcmp(file, g->baseline->s->path) == 0)
		return 1;
	n = history_revisions(latest_of(rp->hp, rp->hs), &v);
	for (i = 0; i < n && !hit; i++)
		hit = strcmp(file, v[i]->s->path) == 0;
	free(v);
	return hit;
}

int
cmd_show(struct cli *c, int argc, char **argv)
{
	struct history_filter	 f;
	struct report		 rp;
	struct store		*st = NULL;
	struct history		*h = NULL;
	struct hist_patient	*hp = NULL;
	struct diag		 d, keep;
	char			*id = NULL, *patient = NULL, *scale = NULL;
	char			*cause = NULL, *want;
	size_t			 i, n;
	int			 rc = EXIT_DATA;

	if (argc != 2 || argv[1][0] == '-') {
		if (argc > 1 && argv[1][0] == '-')
			cli_warnx("show: unexpected argument '%.80s'",
			    argv[1]);
		return cli_usage(cli_find_cmd("show"));
	}
	if (cli_is_blind(c, "show"))
		return EXIT_DATA;
	if ((st = cli_review_store(c)) == NULL)
		return EXIT_DATA;
	diag_init(&d);
	diag_init(&keep);
	buf_init(&rp.b);
	if ((id = cli_session_id(st, argv[1])) == NULL)
		goto out;
	/* id = PATIENT/YYYYMMDDTHHMMSS-SCALE-N (checked). */
	store_session_id_parts(id, &patient, &scale);
	memset(&f, 0, sizeof(f));
	f.scale = scale;
	h = history_open(st, c->scale_dirs);
	hp = history_patient(h, patient, &f, HIST_ALL_REVISIONS |
	    HIST_NO_CHECK, &d, &cause);
	if (hp == NULL) {
		cli_warnx("%s", cause);
		free(cause);
		goto out;
	}
	rp.hp = hp;
	if ((rp.hs = history_find(hp, id)) == NULL) {
		/* Its file may be there but unreadable: say why. */
		want = xasprintf("/%s.ini", id);
		for (i = 0; i < d.n; i++)
			if ((n = strlen(d.v[i].file)) >= strlen(want) &&
			    strcmp(d.v[i].file + n - strlen(want), want) == 0)
				diag_add(&keep, d.v[i].level, d.v[i].file,
				    d.v[i].line, "%s", d.v[i].msg);
		free(want);
		if (keep.n == 0)
			cli_warnx("show: no session %s", id);
		else
			cli_warnx("show: %s cannot be read", id);
		goto out;
	}
	for (i = 0; i < d.n; i++)
		if (wanted_file(&rp, d.v[i].file))
			diag_add(&keep, d.v[i].level, d.v[i].file,
			    d.v[i].line, "%s", d.v[i].msg);
	/* A session no audit line names (a save interrupted and not yet
	 * finished, or a line removed) is shown, marked. */
	if (store_audit_has(st, id) == 0)
		diag_add(&keep, DIAG_WARNING, rp.hs->s->path, 0, "session %s "
		    "is not in the audit log (an interrupted save, or a "
		    "removed line): run rater verify", id);
	if (rp.hs->sc == NULL) {
		cli_warnx("show: %s cannot be scored; no report is given",
		    id);
		goto out;
	}
	show_header(&rp, c);
	show_items(&rp);
	show_scores(&rp);
	show_flags(&rp);
	show_change(&rp);
	show_revisions(&rp);
	rc = show_check(&rp) == 0 ? 0 : EXIT_DATA;
	if (fwrite(rp.b.data, 1, rp.b.len, stdout) != rp.b.len ||
	    fflush(stdout) == EOF) {
		cli_warnx("show: cannot write the report");
		rc = EXIT_DATA;
	}
out:
	cli_print_diag(&keep);
	diag_free(&keep);
	diag_free(&d);
	buf_free(&rp.b);
	history_patient_free(hp);
	history_close(h);
	store_close(st);
	free(id);
	free(patient);
	free(scale);
	return rc;
}
