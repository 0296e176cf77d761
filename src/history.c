/*
 * history.c: a patient's sessions over time: revision chains, scoring
 * with each session's own scale version, baseline, change from
 * baseline, responders, trends and item comparison.  See history.h.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsdir.h"
#include "history.h"
#include "sha256.h"

struct history {
	struct store		 *st;		/* borrowed */
	char *const		 *dirs;		/* borrowed */
	struct hist_version	**v;		/* owned */
	size_t			  n;
	size_t			  last;		/* the last hit */
};

/* Collector for store_list. */
struct collect {
	struct session	**v;
	size_t		  n, cap;
};

static struct hist_version *version_load(struct history *, const char *,
		    const char *);
static int	 collect_cb(struct session *, void *);
static int	 cmp_time(const void *, const void *);
static int	 cmp_id(const void *, const void *);
static int	 cmp_group(const void *, const void *);
static int	 cmp_diag(const void *, const void *);
static int	 cmp_str(const void *, const void *);
static void	 link_chains(struct hist_patient *, struct diag *);
static void	 link_resolves(struct hist_patient *,
		    struct hist_session **, struct diag *);
static int	 descends(const struct hist_session *,
		    const struct hist_session *);
static void	 score_one(struct history *, struct hist_session *, int,
		    struct diag *);
static void	 make_groups(struct hist_patient *);
static long long days_from_civil(long long, unsigned, unsigned);
static int	 two(const char *);

struct history *
history_open(struct store *st, char *const *dirs)
{
	struct history	*h;

	h = xcalloc(1, sizeof(*h));
	h->st = st;
	h->dirs = dirs;
	return h;
}

void
history_close(struct history *h)
{
	size_t	 i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++) {
		scale_free(h->v[i]->sc);
		free(h->v[i]->scale_id);
		free(h->v[i]->note);
		free(h->v[i]);
	}
	free(h->v);
	free(h);
}

/* Scale versions. */

static struct hist_version *
version_load(struct history *h, const char *id, const char *sha)
{
	struct hist_version	*ver;
	struct diag		 d;
	struct stat		 sb;
	struct scale		*sc;
	struct buf		 seen;
	char			*path, *note, hex[SHA256_HEX_LEN];
	size_t			 i;

	ver = xcalloc(1, sizeof(*ver));
	ver->scale_id = xstrdup(id);
	snprintf(ver->sha256, sizeof(ver->sha256), "%s", sha);
	diag_init(&d);
	if (!store_scale_id_is_valid(id, NULL) || !sha256_hex_is_valid(sha)) {
		ver->note = xstrdup("the session names no valid scale id and "
		    "sha256");
		return ver;
	}
	ver->sc = store_load_scale(h->st, id, sha, &d);
	if (ver->sc != NULL) {
		ver->archived = 1;
		diag_free(&d);
		return ver;
	}
	path = store_scale_path(h->st, id, sha);
	if (fsdir_stat(path, &sb) == -1 && errno == ENOENT)
		ver->note = xasprintf("the version of scale %s with sha256 "
		    "%.12s is not archived (no %s)", id, sha, path);
	else
		ver->note = xasprintf("the archived copy %s cannot be used: "
		    "%s", path, d.n > 0 ? d.v[0].msg : "unreadable");
	free(path);
	diag_free(&d);

	/* The current scale file, if it is byte for byte the same. */
	buf_init(&seen);
	for (i = 0; h->dirs != NULL && h->dirs[i] != NULL; i++) {
		path = xasprintf("%s/%s.ini", h->dirs[i], id);
		if (sha256_file(path, hex) == -1) {
			free(path);
			continue;
		}
		if (strcmp(hex, sha) != 0) {
			buf_printf(&seen, "%s%s has sha256 %.12s",
			    seen.len > 0 ? ", " : "", path, hex);
			free(path);
			continue;
		}
		diag_init(&d);
		sc = scale_load(path, &d);
		diag_free(&d);
		if (sc != NULL && strcmp(sc->sha256, sha) == 0) {
			ver->sc = sc;
			note = xasprintf("%s; scored with %s, which has the "
			    "same sha256", ver->note, path);
			free(ver->note);
			ver->note = note;
			free(path);
			buf_free(&seen);
			return ver;
		}
		scale_free(sc);
		free(path);
	}
	note = xasprintf("%s, and no current scale file has that sha256%s%s%s",
	    ver->note, seen.len > 0 ? " (" : "", seen.len > 0 ? seen.data : "",
	    seen.len > 0 ? ")" : "");
	free(ver->note);
	ver->note = note;
	buf_free(&seen);
	return ver;
}

const struct hist_version *
history_version(struct history *h, const char *id, const char *sha)
{
	struct hist_version	*v;
	size_t			 i;

	if (h->last < h->n) {
		v = h->v[h->last];
		if (strcmp(v->sha256, sha) == 0 &&
		    strcmp(v->scale_id, id) == 0)
			return v;
	}
	for (i = 0; i < h->n; i++) {
		v = h->v[i];
		if (strcmp(v->sha256, sha) == 0 &&
		    strcmp(v->scale_id, id) == 0) {
			h->last = i;
			return v;
		}
	}
	h->v = xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	h->v[h->n] = version_load(h, id, sha);
	h->last = h->n;
	return h->v[h->n++];
}

const struct hist_version *const *
history_versions(const struct history *h, size_t *n)
{
	*n = h->n;
	return (const struct hist_version *const *)h->v;
}

/* Patients. */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
history_patients(struct history *h, char ***ids, size_t *n, struct diag *d,
    char **cause)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 sb;
	char		*sdir, *p, **v = NULL;
	size_t		 nv = 0;

	*ids = NULL;
	*n = 0;
	sdir = xasprintf("%s/sessions", h->st->dir);
	if ((dir = fsdir_opendir(sdir)) == NULL) {
		if (errno == ENOENT) {
			free(sdir);
			*ids = xcalloc(1, sizeof(**ids));
			return 0;
		}
		*cause = xasprintf("cannot list sessions: %s (%s)",
		    fsdir_strerror(errno), sdir);
		free(sdir);
		return -1;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(dir)) == NULL) {
			if (errno != 0) {
				*cause = xasprintf("cannot list sessions: %s "
				    "(%s)", strerror(errno), sdir);
				closedir(dir);
				free(sdir);
				history_patients_free(v, nv);
				return -1;
			}
			break;
		}
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", sdir, de->d_name);
		if (!store_patient_id_is_valid(de->d_name, NULL))
			diag_add(d, DIAG_WARNING, p, 0, "skipped: not a "
			    "patient id");
		else if (fsdir_stat(p, &sb) == 0 && S_ISLNK(sb.st_mode))
			diag_add(d, DIAG_WARNING, p, 0, "skipped: %s",
			    fsdir_strerror(ELOOP));
		else if (!S_ISDIR(sb.st_mode))
			diag_add(d, DIAG_WARNING, p, 0, "skipped: not a "
			    "directory");
		else {
			v = xreallocarray(v, nv + 1, sizeof(*v));
			v[nv++] = xstrdup(de->d_name);
		}
		free(p);
	}
	closedir(dir);
	free(sdir);
	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_str);
	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	*ids = v;
	*n = nv;
	return 0;
}

void
history_patients_free(char **v, size_t n)
{
	strv_free(v, n);
}

int
history_date_is_valid(const char *s)
{
	return session_date_is_valid(s);
}

/* Loading a patient. */

static int
collect_cb(struct session *s, void *arg)
{
	struct collect	*c = arg;

	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 16 : c->cap * 2;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n++] = s;
	return 0;
}

static int
cmp_time(const void *a, const void *b)
{
	const struct hist_session *x = *(struct hist_session *const *)a;
	const struct hist_session *y = *(struct hist_session *const *)b;
	int	 c;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if ((c = strcmp(x->s->id, y->s->id)) != 0)
		return c;
	/* Only a copied file shares an id: order by file name. */
	return strcmp(x->s->path, y->s->path);
}

int
history_assessed_utc(const struct session *s, long long *out)
{
	char	 t[SESSION_TIME_LEN];

	if (s->assessed != NULL && session_time_is_valid(s->assessed))
		return history_time_utc(s->assessed, out);
	if (s->assessed != NULL && session_date_is_valid(s->assessed) &&
	    s->started != NULL && session_time_is_valid(s->started)) {
		snprintf(t, sizeof(t), "%sT00:00:00%s", s->assessed,
		    s->started + 19);
		return history_time_utc(t, out);
	}
	*out = 0;
	return -1;
}

int
history_check_new(struct history *h, const char *patient,
    const char *scale, const char *visit, const char *assessed,
    const char *now, long max_backdate, struct diag *d, char **cause)
{
	struct store_filter	 sf;
	struct session		**v, *s;
	struct session		 probe;
	long long		 ta, tnow, tfirst, t;
	size_t			 n, i, j;
	int			 nerr = 0, latest, first = 0;

	memset(&probe, 0, sizeof(probe));
	probe.assessed = (char *)assessed;
	probe.started = (char *)now;
	if (history_assessed_utc(&probe, &ta) == -1 ||
	    history_time_utc(now, &tnow) == -1) {
		diag_add(d, DIAG_ERROR, patient, 0, "assessment date '%.40s' "
		    "is not a date or a time", assessed);
		return 1;
	}
	if (session_date_is_valid(assessed) ? strncmp(assessed, now, 10) > 0 :
	    ta > tnow + HISTORY_SKEW) {
		diag_add(d, DIAG_ERROR, patient, 0, "the assessment date %s "
		    "is in the future (now is %s)", assessed, now);
		nerr++;
	}
	memset(&sf, 0, sizeof(sf));
	sf.patient = patient;
	if ((v = store_list_all(h->st, &sf, &n, NULL, cause)) == NULL)
		return -1;
	tfirst = tnow;
	for (i = 0; i < n; i++) {
		s = v[i];
		if (history_assessed_utc(s, &t) == 0 && t < tfirst) {
			tfirst = t;
			first = 1;
		}
		if (*visit == '\0' || strcmp(s->scale_id, scale) != 0 ||
		    s->visit == NULL || strcmp(s->visit, visit) != 0)
			continue;
		/* Only latest revisions: none replaces it. */
		latest = 1;
		for (j = 0; j < n; j++)
			if (v[j]->replaces != NULL &&
			    strcmp(v[j]->replaces, s->id) == 0)
				latest = 0;
		if (latest)
			diag_add(d, DIAG_WARNING, patient, 0, "%s at visit "
			    "'%s' is already recorded: %s, assessed %s",
			    scale, visit, s->id, s->assessed);
	}
	/* A date alone counts to the end of its day here: "more than N
	 * days" means whole days. */
	if (session_date_is_valid(assessed))
		ta += 86400 - 1;
	if (max_backdate >= 0 && ta < tfirst - max_backdate * 86400LL)
		diag_add(d, DIAG_WARNING, patient, 0, "the assessment date %s "
		    "is more than %ld days before %s", assessed, max_backdate,
		    first ? "the patient's first session" : "today");
	store_list_free(v, n);
	return nerr;
}

static int
cmp_id(const void *a, const void *b)
{
	const struct hist_session *x = *(struct hist_session *const *)a;
	const struct hist_session *y = *(struct hist_session *const *)b;

	return strcmp(x->s->id, y->s->id);
}

/* By scale id, then newest first. */
static int
cmp_group(const void *a, const void *b)
{
	const struct hist_session *x = *(struct hist_session *const *)a;
	const struct hist_session *y = *(struct hist_session *const *)b;
	int	 c;

	if ((c = strcmp(x->s->scale_id, y->s->scale_id)) != 0)
		return c;
	return -cmp_time(a, b);
}

/* Links each file to the revision it replaces; finds the latest. */
static void
link_chains(struct hist_patient *p, struct diag *d)
{
	struct hist_session	**byid, key, *kp, **hit, *hs, *q;
	struct session		 ks;
	size_t			 i, k;

	if (p->nall == 0)
		return;
	byid = xcalloc(p->nall, sizeof(*byid));
	memcpy(byid, p->all, p->nall * sizeof(*byid));
	qsort(byid, p->nall, sizeof(*byid), cmp_id);
	memset(&ks, 0, sizeof(ks));
	key.s = &ks;
	kp = &key;
	for (i = 0; i < p->nall; i++) {
		hs = p->all[i];
		if (hs->s->replaces == NULL)
			continue;
		ks.id = hs->s->replaces;
		hit = bsearch(&kp, byid, p->nall, sizeof(*byid), cmp_id);
		if (hit == NULL) {
			diag_add(d, DIAG_ERROR, hs->s->path, 0, "revision %d "
			    "amends %s, which is missing", hs->s->revision,
			    hs->s->replaces);
			continue;
		}
		if (*hit == hs) {
			diag_add(d, DIAG_ERROR, hs->s->path, 0, "the session "
			    "claims to amend itself");
			continue;
		}
		if ((*hit)->s->revision + 1 != hs->s->revision ||
		    strcmp((*hit)->s->scale_id, hs->s->scale_id) != 0)
			diag_add(d, DIAG_WARNING, hs->s->path, 0,
			    "revision %d of scale %s amends %s, which is "
			    "revision %d of scale %s", hs->s->revision,
			    hs->s->scale_id, hs->s->replaces,
			    (*hit)->s->revision, (*hit)->s->scale_id);
		hs->prev = *hit;
		(*hit)->nnext++;
	}
	/* A loop (only a hand-made file can make one) is cut where found. */
	for (i = 0; i < p->nall; i++) {
		hs = p->all[i];
		for (q = hs->prev, k = 0; q != NULL && q != hs &&
		    k < p->nall; q = q->prev, k++)
			;
		if (q == hs) {
			diag_add(d, DIAG_ERROR, hs->s->path, 0,
			    "the revisions amend each other in a loop");
			hs->prev->nnext--;
			hs->prev = NULL;
		}
	}
	link_resolves(p, byid, d);
	for (i = 0; i < p->nall; i++) {
		hs = p->all[i];
		hs->latest = hs->nnext == 0 && hs->resolved_by == NULL;
	}
	/* Each latest revision is open in every revision it descends
	 * from: a fork is resolved when one branch is left open. */
	for (i = 0; i < p->nall; i++)
		if (p->all[i]->latest)
			for (q = p->all[i], k = 0; q != NULL && k < p->nall;
			    q = q->prev, k++)
				q->nopen++;
	for (i = 0; i < p->nall; i++) {
		hs = p->all[i];
		if (hs->nnext > 1 && hs->nopen > 1)
			diag_add(d, DIAG_NOTE, hs->s->path, 0, "fork: "
			    "amended %zu times (at different workstations, "
			    "or before ids took .rR), %zu branches open: "
			    "every amendment is kept and listed as a latest "
			    "revision; resolve it with rater amend ID "
			    "--resolves OTHER", hs->nnext, hs->nopen);
	}
	free(byid);
}

/* A bound on a walk back along a chain: loops were cut (link_chains),
 * so it only guards. */
#define CHAIN_MAX	100000

/* 1 if a descends from b (or is b). */
static int
descends(const struct hist_session *a, const struct hist_session *b)
{
	size_t	 k;

	for (k = 0; a != NULL && k < CHAIN_MAX; a = a->prev, k++)
		if (a == b)
			return 1;
	return 0;
}

int
history_fork_branches(const struct hist_session *a,
    const struct hist_session *b)
{
	const struct hist_session *q;
	size_t	 k;

	if (descends(a, b) || descends(b, a))
		return 0;
	for (q = a->prev, k = 0; q != NULL && k < CHAIN_MAX; q = q->prev, k++)
		if (q->nnext > 1 && descends(b, q))
			return 1;
	return 0;
}

/*
 * An amendment that resolves a fork names the latest revisions of the
 * other branches (resolves = ID,...): each is closed (not latest), and
 * must share a forked revision with it.
 */
static void
link_resolves(struct hist_patient *p, struct hist_session **byid,
    struct diag *d)
{
	struct hist_session	 key, *kp, **hit, *hs;
	struct session		 ks;
	char			**ids;
	size_t			 i, j, n;

	memset(&ks, 0, sizeof(ks));
	key.s = &ks;
	kp = &key;
	for (i = 0; i < p->nall; i++) {
		hs = p->all[i];
		if (hs->s->resolves == NULL)
			continue;
		ids = session_resolves_list(hs->s->resolves, &n);
		for (j = 0; j < n; j++) {
			ks.id = ids[j];
			hit = bsearch(&kp, byid, p->nall, sizeof(*byid),
			    cmp_id);
			if (hit == NULL) {
				diag_add(d, DIAG_WARNING, hs->s->path, 0,
				    "resolves %s, which is missing", ids[j]);
				continue;
			}
			if (!history_fork_branches(hs, *hit)) {
				diag_add(d, DIAG_WARNING, hs->s->path, 0,
				    "resolves %s, which is not another "
				    "branch of a fork it amends", ids[j]);
				continue;
			}
			if ((*hit)->resolved_by == NULL)
				(*hit)->resolved_by = hs;
		}
		strv_free(ids, n);
	}
}

static void
score_one(struct history *h, struct hist_session *hs, int flags,
    struct diag *d)
{
	const struct hist_version *ver;
	struct diag	 bd;
	size_t		 i;

	if (hs->r != NULL || hs->why != NULL)
		return;
	ver = history_version(h, hs->s->scale_id, hs->s->scale_sha256);
	hs->ver = ver;
	if (ver->sc == NULL) {
		hs->why = xstrdup(ver->note);
		diag_add(d, DIAG_ERROR, hs->s->path, 0, "cannot be scored: %s",
		    hs->why);
		return;
	}
	diag_init(&bd);
	if (session_bind(hs->s, ver->sc, &bd) == -1) {
		hs->why = xasprintf("its answers do not fit scale %s version "
		    "sha256 %.12s: %s", ver->scale_id, ver->sha256,
		    bd.n > 0 ? bd.v[0].msg : "bind failed");
		diag_add(d, DIAG_ERROR, hs->s->path, 0, "cannot be scored: "
		    "its answers do not fit the scale version it names");
	}
	for (i = 0; i < bd.n; i++)
		diag_add(d, bd.v[i].level, bd.v[i].file, bd.v[i].line, "%s",
		    bd.v[i].msg);
	diag_free(&bd);
	if (hs->why != NULL)
		return;
	hs->sc = ver->sc;
	hs->r = result_new(hs->sc);
	score_compute(hs->sc, hs->s->answers, hs->r);
	if (!(flags & HIST_NO_CHECK))
		hs->nmismatch = session_check_scores(hs->s, hs->sc, d);
}

static void
make_groups(struct hist_patient *p)
{
	struct hist_session	**v;
	struct hist_group	*g;
	size_t			  i, n = 0, j, k;

	v = xcalloc(p->nall + 1, sizeof(*v));
	for (i = 0; i < p->nall; i++)
		if (p->all[i]->latest)
			v[n++] = p->all[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_group);
	p->groups = xcalloc(n + 1, sizeof(*p->groups));
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j]->s->scale_id,
		    v[i]->s->scale_id) == 0; j++)
			;
		g = &p->groups[p->ngroups++];
		g->scale_id = v[i]->s->scale_id;
		g->n = j - i;
		g->v = xcalloc(g->n, sizeof(*g->v));
		memcpy(g->v, v + i, g->n * sizeof(*g->v));
		/* v is newest first: walk from the oldest to find the
		 * earliest "baseline" visit, else take the oldest. */
		g->baseline = g->v[g->n - 1];
		for (k = g->n; k-- > 0;)
			if (g->v[k]->s->visit != NULL &&
			    strcmp(g->v[k]->s->visit, "baseline") == 0) {
				g->baseline = g->v[k];
				break;
			}
	}
	free(v);
}

struct hist_patient *
history_patient(struct history *h, const char *patient,
    const struct history_filter *f, int flags, struct diag *d, char **cause)
{
	static const struct history_filter none;
	struct store_filter	 sf;
	struct collect		 c;
	struct hist_patient	*p;
	struct hist_session	*hs;
	size_t			 i;

	if (f == NULL)
		f = &none;
	memset(&sf, 0, sizeof(sf));
	sf.patient = patient;
	sf.scale = f->scale;
	/* The dates are matched here, on latest revisions, not by the
	 * store on every file: an amendment may correct the date. */
	if ((f->since != NULL && !session_date_is_valid(f->since)) ||
	    (f->until != NULL && !session_date_is_valid(f->until))) {
		*cause = xasprintf("date '%.20s' is not YYYY-MM-DD",
		    f->since != NULL && !session_date_is_valid(f->since) ?
		    f->since : f->until);
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	if (store_list(h->st, &sf, collect_cb, &c, d, cause) == -1) {
		store_list_free(c.v, c.n);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->id = xstrdup(patient);
	p->nall = c.n;
	p->all = xcalloc(c.n + 1, sizeof(*p->all));
	for (i = 0; i < c.n; i++) {
		hs = xcalloc(1, sizeof(*hs));
		hs->s = c.v[i];
		/* session_parse has checked the times. */
		history_assessed_utc(hs->s, &hs->t);
		p->all[i] = hs;
	}
	free(c.v);
	if (p->nall > 1)
		qsort(p->all, p->nall, sizeof(*p->all), cmp_time);
	link_chains(p, d);
	p->latest = xcalloc(p->nall + 1, sizeof(*p->latest));
	for (i = 0; i < p->nall; i++) {
		hs = p->all[i];
		hs->match = (f->visit == NULL || (hs->s->visit != NULL &&
		    strcmp(hs->s->visit, f->visit) == 0)) &&
		    (f->since == NULL ||
		    strncmp(hs->s->assessed, f->since, 10) >= 0) &&
		    (f->until == NULL ||
		    strncmp(hs->s->assessed, f->until, 10) <= 0);
		if ((hs->latest || (flags & HIST_ALL_REVISIONS)) &&
		    !(flags & HIST_NO_SCORE))
			score_one(h, hs, flags, d);
		if (hs->latest && hs->match)
			p->latest[p->nlatest++] = hs;
	}
	make_groups(p);
	return p;
}

void
history_score(struct history *h, struct hist_session *hs, int flags,
    struct diag *d)
{
	score_one(h, hs, flags, d);
}

void
history_patient_free(struct hist_patient *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nall; i++) {
		session_free(p->all[i]->s);
		result_free(p->all[i]->r);
		free(p->all[i]->why);
		free(p->all[i]);
	}
	for (i = 0; i < p->ngroups; i++)
		free(p->groups[i].v);
	free(p->groups);
	free(p->all);
	free(p->latest);
	free(p->id);
	free(p);
}

const struct hist_group *
history_group(const struct hist_patient *p, const char *scale_id)
{
	size_t	 i;

	for (i = 0; i < p->ngroups; i++)
		if (strcmp(p->groups[i].scale_id, scale_id) == 0)
			return &p->groups[i];
	return NULL;
}

const struct hist_session *
history_open_fork(const struct hist_session *hs)
{
	const struct hist_session *q;
	size_t	 k;

	for (q = hs, k = 0; q != NULL && k < CHAIN_MAX; q = q->prev, k++)
		if (q->nnext > 1)
			return q->nopen > 1 ? q : NULL;
	return NULL;
}

struct hist_session *
history_find(const struct hist_patient *p, const char *id)
{
	size_t	 i;

	for (i = 0; i < p->nall; i++)
		if (strcmp(p->all[i]->s->id, id) == 0)
			return p->all[i];
	return NULL;
}

size_t
history_revisions(const struct hist_session *hs,
    const struct hist_session ***out)
{
	const struct hist_session *q;
	size_t	 n = 0, i;

	for (q = hs; q != NULL; q = q->prev)
		n++;
	*out = xcalloc(n, sizeof(**out));
	for (q = hs, i = n; q != NULL; q = q->prev)
		(*out)[--i] = q;
	return n;
}

/* Scores and change. */

int
history_value(const struct hist_session *hs, size_t i, double *v)
{
	const struct val	*val;
	char			 buf[64];

	if (hs->r == NULL || hs->sc == NULL || i >= hs->sc->nscores)
		return 0;
	val = result_score(hs->r, i);
	if (val->kind != VAL_NUM)
		return 0;
	fmt_fixed(buf, sizeof(buf), val->num, hs->sc->scores[i].decimals);
	if (parse_number(buf, v) == -1)
		*v = val->num;
	return 1;
}

const char *
history_band(const struct hist_session *hs, size_t i, size_t j)
{
	if (hs->r == NULL || hs->sc == NULL || i >= hs->sc->nscores)
		return NULL;
	return result_band(hs->sc, hs->r, i, j);
}

int
history_threshold_is_le(const struct score *sc)
{
	return sc->responder_le;
}

void
history_change(const struct hist_session *hs,
    const struct hist_session *base, size_t i, struct hist_change *c)
{
	const struct score	*sc;
	double			 ipct, n;
	long			 bi;

	memset(c, 0, sizeof(*c));
	c->responder = HIST_RESP_NA;
	if (hs->sc == NULL || i >= hs->sc->nscores)
		return;
	/* A category or a code has no change (issue 14.6). */
	if (!score_is_measure(&hs->sc->scores[i])) {
		c->responder = HIST_RESP_NONE;
		return;
	}
	sc = &hs->sc->scores[i];
	c->has_value = history_value(hs, i, &c->value);
	if (base != NULL && base->sc != NULL) {
		c->same_version = strcmp(base->sc->sha256, hs->sc->sha256) ==
		    0;
		bi = scale_score_index(base->sc, sc->id);
		c->base_has_score = bi >= 0;
		if (bi >= 0)
			c->has_base = history_value(base, (size_t)bi,
			    &c->base);
	}
	if (c->has_value && c->has_base) {
		c->has_change = 1;
		c->change = c->value - c->base;
		if (num_eq(c->change, 0))
			c->change = 0;
		c->improvement = sc->higher_is_worse ? -c->change : c->change;
		c->better = c->improvement > 0 ? 1 : c->improvement < 0 ? -1 :
		    0;
		if (c->base != 0) {
			c->has_pct = 1;
			c->pct = c->change / c->base * 100;
		}
	}
	n = sc->responder_value;
	switch (sc->responder) {
	case RESP_NONE:
		c->responder = HIST_RESP_NONE;
		break;
	case RESP_PERCENT:
		if (c->has_pct) {
			ipct = sc->higher_is_worse ? -c->pct : c->pct;
			c->responder = num_ge(ipct, n) ? HIST_RESP_YES :
			    HIST_RESP_NO;
		}
		break;
	case RESP_CHANGE:
		if (c->has_change)
			c->responder = num_ge(c->improvement, n) ?
			    HIST_RESP_YES : HIST_RESP_NO;
		break;
	case RESP_THRESHOLD:
		if (c->has_value) {
			if (history_threshold_is_le(sc))
				c->responder = num_ge(n, c->value) ?
				    HIST_RESP_YES : HIST_RESP_NO;
			else
				c->responder = num_ge(c->value, n) ?
				    HIST_RESP_YES : HIST_RESP_NO;
		}
		break;
	}
}

size_t
history_trend(const struct hist_group *g, const char *score_id,
    struct hist_point **out)
{
	struct hist_point	*v;
	const struct hist_session *hs;
	size_t			 i, k;
	long			 si;

	v = xcalloc(g->n + 1, sizeof(*v));
	for (i = 0; i < g->n; i++) {
		hs = g->v[g->n - 1 - i];
		v[i].hs = hs;
		if (hs->sc == NULL ||
		    (si = scale_score_index(hs->sc, score_id)) < 0)
			continue;
		k = (size_t)si;
		v[i].has_value = history_value(hs, k, &v[i].value);
		v[i].band = history_band(hs, k, 0);
	}
	*out = v;
	return g->n;
}

/* Item comparison. */

size_t
history_compare(const struct hist_session *a, const struct hist_session *b,
    struct hist_itemcmp **out)
{
	struct hist_itemcmp	*v, *e;
	size_t			 n = 0, i;
	long			 k;

	*out = NULL;
	if (a->sc == NULL || b->sc == NULL || a->r == NULL || b->r == NULL)
		return 0;
	v = xcalloc(a->sc->nitems + b->sc->nitems + 1, sizeof(*v));
	for (i = 0; i < b->sc->nitems; i++) {
		e = &v[n++];
		e->id = b->sc->items[i].id;
		e->text = b->sc->items[i].text;
		e->ib = &b->sc->items[i];
		e->b = &b->s->answers[i];
		e->shown_b = result_item_shown(b->r, i);
		if ((k = scale_item_index(a->sc, e->id)) >= 0) {
			e->ia = &a->sc->items[k];
			e->a = &a->s->answers[k];
			e->shown_a = result_item_shown(a->r, (size_t)k);
		}
	}
	for (i = 0; i < a->sc->nitems; i++) {
		if (scale_item_index(b->sc, a->sc->items[i].id) >= 0)
			continue;
		e = &v[n++];
		e->id = a->sc->items[i].id;
		e->text = a->sc->items[i].text;
		e->ia = &a->sc->items[i];
		e->a = &a->s->answers[i];
		e->shown_a = result_item_shown(a->r, i);
	}
	for (i = 0; i < n; i++) {
		e = &v[i];
		if (e->a == NULL || e->b == NULL) {
			e->changed = 1;
			continue;
		}
		e->changed = !answer_equal(e->a, e->b) ||
		    e->shown_a != e->shown_b;
		if (e->a->kind == ANS_VALUE && e->b->kind == ANS_VALUE &&
		    e->shown_a && e->shown_b) {
			e->has_delta = 1;
			e->delta = e->b->value - e->a->value;
			if (num_eq(e->delta, 0))
				e->delta = 0;
		}
	}
	*out = v;
	return n;
}

const char *
history_missing_name(enum answer_kind k)
{
	switch (k) {
	case ANS_NONE:
		return "not answered";
	case ANS_NA:
		return "not applicable";
	case ANS_UNK:
		return "unknown";
	case ANS_REF:
		return "declined";
	case ANS_SKIP:
		return "skipped";
	default:
		return NULL;
	}
}

/* Text. */

void
history_escape(struct buf *b, const char *s)
{
	text_escape(b, s, TEXT_ESC_BACKSLASH);
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long	 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

int
history_time_utc(const char *s, long long *out)
{
	long long	 days, secs, off;

	if (s == NULL || !session_time_is_valid(s)) {
		*out = 0;
		return -1;
	}
	days = days_from_civil(two(s) * 100 + two(s + 2),
	    (unsigned)two(s + 5), (unsigned)two(s + 8));
	secs = days * 86400 + two(s + 11) * 3600 + two(s + 14) * 60 +
	    two(s + 17);
	off = two(s + 20) * 3600 + two(s + 23) * 60;
	*out = s[19] == '+' ? secs - off : secs + off;
	return 0;
}

static int
cmp_diag(const void *a, const void *b)
{
	const struct diag_entry *x = a, *y = b;
	int	 c;

	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void
history_sort_diag(struct diag *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp_diag);
}
