/*
 * ui_patients.c: the patients of the data directory, each with the
 * number of its sessions, its last visit and its scales; typing filters
 * the list by patient id, Enter opens the patient's history.
 *
 * The list is made once per entry from the menu, from the file names
 * alone (<stamp>-<scale>-<n>.ini) and the newest file of each patient
 * (for its visit label): an amendment keeps the stamp and scale of what
 * it amends, so only names that share both are read, to count a chain
 * of revisions as one session.
 *
 * Keys: '/' or any character that is not a command starts the filter;
 * while it is being typed every character goes into it (j, q and ?
 * too), Up and Down move, Enter opens, Escape stops typing.
 */
#include <sys/types.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "fsdir.h"
#include "ui_screen.h"

/* One session file's name, split. */
struct fname {
	char	*name;
	size_t	 plen;	/* "<stamp>-<scale>": to the last '-' */
	long	 n;
	long	 r;	/* the revision of a ".rR" name, else 0 */
};

static void	 patients_draw(const struct ui *);
static void	 patients_key(struct ui *, int);
static void	 patients_enter(struct ui *);
static void	 load(struct ui *);
static void	 scan(const struct ui *, struct ui_patient *);
static int	 split_name(const char *, struct fname *);
static int	 fname_cmp(const void *, const void *);
static int	 str_cmp(const void *, const void *);
static size_t	 count_run(const char *, struct fname *, size_t,
		    size_t *);
static void	 id_entry(const void *, size_t, char *, size_t);
static void	 refilter(struct ui *);
static void	 add_char(struct ui *, int);
static void	 del_char(struct ui *);
static void	 act_open(struct ui *);
static void	 act_back(struct ui *);
static void	 act_escape(struct ui *);
static void	 act_filter(struct ui *);
static int	 list_rows(void);

static const struct ui_binding bindings[] = {
	{ '\n', act_open },
	{ UI_FN(KEY_ENTER), act_open },
	{ UI_FN(KEY_RIGHT), act_open },
	{ 'l', act_open },
	{ '/', act_filter },
	{ UI_ESC, act_escape },
	{ 'q', act_back },
	{ 'h', act_back },
	{ UI_FN(KEY_LEFT), act_back },
	{ '?', ui_help },
	{ UI_FN(KEY_F(1)), ui_help },
	{ 0, NULL }
};

static const struct ui_help help[] = {
	{ "Up Down k j", "move (k and j only while not typing a filter)" },
	{ "PgUp PgDn Home End", "a page up or down, the first or last" },
	{ "characters /", "filter by patient id: / (or any character that "
	    "is not a key here) starts typing; then every character goes "
	    "into the filter" },
	{ "Backspace Ctrl-U", "erase a character, the whole filter" },
	{ "Enter Right l", "open the patient's history" },
	{ "Escape", "stop typing the filter; then clear it; then back" },
	{ "q h Left", "back (to the menu; rater review: quit)" },
	{ "? F1", "this help (F1 while typing a filter)" },
	{ NULL, NULL }
};

const struct screen ui_patients_screen = {
	"patients", patients_draw, patients_key, patients_enter, help
};

/* Loading. */

/* "<YYYYMMDD>T<HHMMSS>-<scale>-<n>[@ws].ini", or
 * "...-<n>[@ws].r<R>[@ws].ini" */
static int
split_name(const char *name, struct fname *f)
{
	const char	*dash;
	size_t		 len = strlen(name), i;
	long		 n, r, *acc;

	if (len < 22 || strcmp(name + len - 4, ".ini") != 0 ||
	    name[8] != 'T' || name[15] != '-')
		return -1;
	for (i = 0; i < 15; i++)
		if (i != 8 && !isdigit((unsigned char)name[i]))
			return -1;
	if ((dash = strrchr(name, '-')) == NULL || dash <= name + 16)
		return -1;
	n = 0;
	r = 0;
	acc = &n;
	for (i = (size_t)(dash - name) + 1; i < len - 4; i++) {
		if (name[i] == '.' && name[i + 1] == 'r' && acc == &n &&
		    i + 2 < len - 4) {
			acc = &r;
			i++;
			continue;
		}
		/* "@WS", the workstation (store.h), does not order. */
		if (name[i] == '@') {
			while (i + 1 < len - 4 && name[i + 1] != '.')
				i++;
			continue;
		}
		if (!isdigit((unsigned char)name[i]) || *acc > 100000)
			return -1;
		*acc = *acc * 10 + (name[i] - '0');
	}
	f->r = r;
	f->name = xstrdup(name);
	f->plen = (size_t)(dash - name);
	f->n = n;
	return 0;
}

static int
fname_cmp(const void *a, const void *b)
{
	const struct fname *x = a, *y = b;
	size_t	 m = x->plen < y->plen ? x->plen : y->plen;
	int	 c;

	if ((c = strncmp(x->name, y->name, m)) != 0)
		return c;
	if (x->plen != y->plen)
		return x->plen < y->plen ? -1 : 1;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->r < y->r ? -1 : x->r > y->r;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Sessions (latest revisions) among the k files of one stamp and scale
 * in directory dir; *latest gets the index of the newest latest one.
 */
static size_t
count_run(const char *dir, struct fname *v, size_t k, size_t *latest)
{
	struct session	**s;
	char		*path;
	size_t		 i, j, n = 0;
	int		 replaced;

	*latest = k - 1;
	if (k == 1)
		return 1;
	s = xcalloc(k, sizeof(*s));
	for (i = 0; i < k; i++) {
		path = xasprintf("%s/%s", dir, v[i].name);
		s[i] = session_read(path, NULL);
		free(path);
	}
	for (i = 0; i < k; i++) {
		if (s[i] == NULL || s[i]->id == NULL) {
			n++;	/* unreadable: counted as it stands */
			continue;
		}
		replaced = 0;
		for (j = 0; j < k && !replaced; j++)
			replaced = j != i && s[j] != NULL &&
			    s[j]->replaces != NULL &&
			    strcmp(s[j]->replaces, s[i]->id) == 0;
		if (!replaced) {
			n++;
			*latest = i;
		}
	}
	for (i = 0; i < k; i++)
		session_free(s[i]);
	free(s);
	return n > 0 ? n : 1;
}

static void
scan(const struct ui *ui, struct ui_patient *p)
{
	DIR		*dir;
	struct dirent	*de;
	struct fname	*v = NULL;
	struct session	*s;
	struct buf	 sc;
	char		*path, *file, **ids = NULL;
	size_t		 n = 0, cap = 0, i, j, best = 0, lat, nids = 0;
	int		 have = 0;

	path = xasprintf("%s/sessions/%s", ui->store->dir, p->id);
	if ((dir = fsdir_opendir(path)) == NULL) {
		free(path);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		if (de->d_name[0] != '.' && split_name(de->d_name, &v[n]) == 0)
			n++;
	}
	closedir(dir);
	if (n > 1)
		qsort(v, n, sizeof(*v), fname_cmp);
	ids = xcalloc(n + 1, sizeof(*ids));
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j].plen == v[i].plen &&
		    strncmp(v[j].name, v[i].name, v[i].plen) == 0; j++)
			;
		p->nsessions += count_run(path, v + i, j - i, &lat);
		/* The newest stamp; its latest revision. */
		if (!have || strncmp(v[i].name, v[best].name, 15) > 0) {
			best = i + lat;
			have = 1;
		}
		ids[nids++] = xstrndup(v[i].name + 16, v[i].plen - 16);
	}
	if (have) {
		snprintf(p->last, sizeof(p->last), "%.4s-%.2s-%.2s",
		    v[best].name, v[best].name + 4, v[best].name + 6);
		file = xasprintf("%s/%s", path, v[best].name);
		if ((s = session_read(file, NULL)) != NULL) {
			p->last_visit = s->visit != NULL ?
			    xstrdup(s->visit) : NULL;
			session_free(s);
		}
		free(file);
	}
	/* The scales, once each. */
	if (nids > 1)
		qsort(ids, nids, sizeof(*ids), str_cmp);
	buf_init(&sc);
	buf_puts(&sc, "");
	for (i = 0; i < nids; i++)
		if (i == 0 || strcmp(ids[i], ids[i - 1]) != 0)
			buf_printf(&sc, "%s%s", sc.len > 0 ? " " : "", ids[i]);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	p->scales = buf_take(&sc);
	buf_free(&sc);
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	free(path);
}

static void
load(struct ui *ui)
{
	struct ui_review *r = &ui->review;
	struct diag	 d;
	char		**ids = NULL, *cause = NULL;
	size_t		 n = 0, i;

	for (i = 0; i < r->npatients; i++) {
		free(r->patients[i].id);
		free(r->patients[i].last_visit);
		free(r->patients[i].scales);
	}
	free(r->patients);
	r->patients = NULL;
	r->npatients = 0;
	r->patients_loaded = 1;
	if (r->hist == NULL)
		r->hist = history_open(ui->store, ui->cli->scale_dirs);
	diag_init(&d);
	if (history_patients(r->hist, &ids, &n, &d, &cause) == -1) {
		ui_error_cause(ui, cause);
		n = 0;
	} else if (d.n > 0)
		ui_error(ui, "%zu entr%s of %s/sessions skipped: %s", d.n,
		    d.n == 1 ? "y" : "ies", ui->store->dir, d.v[0].msg);
	diag_free(&d);
	r->patients = xcalloc(n + 1, sizeof(*r->patients));
	for (i = 0; i < n; i++) {
		r->patients[i].id = ids[i];
		scan(ui, &r->patients[i]);
	}
	free(ids);
	r->npatients = n;
	ui_list_init(&r->plist, n);
	r->pfilter[0] = '\0';
	ui->review.ptyping = 0;
}

static void
patients_enter(struct ui *ui)
{
	if (!ui->review.patients_loaded)
		load(ui);
}

/* Filtering. */

static void
id_entry(const void *ctx, size_t i, char *buf, size_t len)
{
	const struct ui_review *r = ctx;

	snprintf(buf, len, "%s", r->patients[i].id);
}

static void
refilter(struct ui *ui)
{
	struct ui_review *r = &ui->review;

	ui_list_filter(&r->plist, r->pfilter, id_entry, r);
}

static void
add_char(struct ui *ui, int key)
{
	ui_edit_add(ui->review.pfilter, sizeof(ui->review.pfilter), key);
	refilter(ui);
}

static void
del_char(struct ui *ui)
{
	ui_edit_del(ui->review.pfilter);
	refilter(ui);
}

/* Actions. */

static void
act_open(struct ui *ui)
{
	long	 sel = ui_list_selected(&ui->review.plist);

	if (sel < 0) {
		ui_error(ui, "No patient matches '%s'.", ui->review.pfilter);
		return;
	}
	ui->review.ptyping = 0;
	ui_review_open(ui, ui->review.patients[sel].id, 0);
}

static void
act_back(struct ui *ui)
{
	ui->review.ptyping = 0;
	ui->review.patients_loaded = 0;
	if (ui->start->mode == UI_MODE_REVIEW)
		ui->done = 1;
	else
		ui_go(ui, UI_SCREEN_MENU);
}

static void
act_escape(struct ui *ui)
{
	if (ui->review.ptyping)
		ui->review.ptyping = 0;
	else if (ui->review.pfilter[0] != '\0') {
		ui->review.pfilter[0] = '\0';
		refilter(ui);
	} else
		act_back(ui);
}

static void
act_filter(struct ui *ui)
{
	ui->review.ptyping = 1;
}

static int
list_rows(void)
{
	int	 h = LINES - 6;

	return h > 1 ? h : 1;
}

static void
patients_key(struct ui *ui, int key)
{
	struct ui_review *r = &ui->review;

	if (ui_list_key(&r->plist, key, list_rows(), !r->ptyping))
		return;
	if (key == UI_FN(KEY_BACKSPACE) || key == 0x7f ||
	    key == UI_CTRL('h')) {
		if (r->pfilter[0] == '\0')
			ui->review.ptyping = 0;
		del_char(ui);
		return;
	}
	if (key == UI_CTRL('u')) {
		r->pfilter[0] = '\0';
		refilter(ui);
		return;
	}
	if (r->ptyping && key == '\n') {
		act_open(ui);
		return;
	}
	if (!(key & UI_FN(0)) && key >= 0x20 && key != 0x7f &&
	    iswprint((wint_t)key) && (r->ptyping || (key != '/' &&
	    strchr("jklhq?", key) == NULL))) {
		ui->review.ptyping = 1;
		add_char(ui, key);
		return;
	}
	ui_bind(ui, bindings, key);
}

/* Drawing. */

static void
patients_draw(const struct ui *ui)
{
	const struct ui_review *r = &ui->review;
	const struct ui_list *l = &r->plist;
	const struct ui_patient *p;
	char		 buf[256];
	size_t		 top = 0, i, total = 0;
	int		 h = list_rows(), row, y = 3, idw = 8, w, x;
	int		 xs, xl, xsc;
	attr_t		 a;

	for (i = 0; i < r->npatients; i++) {
		total += r->patients[i].nsessions;
		if ((w = ui_text_width(r->patients[i].id)) > idw)
			idw = w;
	}
	if (idw > 24)
		idw = 24;
	ui_text(0, 0, COLS, "Review: patients", ui_attr(ui, UI_TITLE));
	snprintf(buf, sizeof(buf), "%zu patient%s, %zu session%s",
	    r->npatients, r->npatients == 1 ? "" : "s", total,
	    total == 1 ? "" : "s");
	ui_text_right(0, COLS / 2, buf, ui_attr(ui, UI_DIM));
	x = ui_text(1, 0, COLS, "Filter: ", A_BOLD);
	x += ui_text(1, x, COLS - x - 1, r->pfilter, A_BOLD);
	if (r->ptyping)
		ui_text(1, x, 1, "_", A_BOLD);
	else if (r->pfilter[0] == '\0')
		ui_text(1, x, COLS - x, "type a patient id (or /)",
		    ui_attr(ui, UI_DIM));
	if (r->pfilter[0] != '\0') {
		snprintf(buf, sizeof(buf), "%zu of %zu", l->nview,
		    r->npatients);
		ui_text_right(1, COLS / 2, buf, ui_attr(ui, UI_DIM));
	}
	xs = 2 + idw + 1;
	xl = xs + 10;
	xsc = xl + 30 < COLS - 10 ? xl + 30 : COLS - 10;
	ui_text(2, 2, idw, "Patient", ui_attr(ui, UI_HEADING));
	ui_text(2, xs, 8, "Sessions", ui_attr(ui, UI_HEADING));
	ui_text(2, xl, xsc - xl - 1, "Last visit", ui_attr(ui, UI_HEADING));
	ui_text(2, xsc, COLS - xsc, "Scales", ui_attr(ui, UI_HEADING));
	if (r->npatients == 0)
		ui_text(y, 2, COLS - 2, "No saved sessions in this data "
		    "directory.", ui_attr(ui, UI_DIM));
	else if (l->nview == 0)
		ui_text(y, 2, COLS - 2, "No patient id matches the filter.",
		    ui_attr(ui, UI_DIM));
	if (l->cur >= (size_t)h)
		top = l->cur - (size_t)h + 1;
	for (row = 0, i = top; row < h && i < l->nview; row++, i++) {
		p = &r->patients[l->view[i]];
		a = i == l->cur ? A_REVERSE : A_NORMAL;
		if (i == l->cur) {
			ui_fill(y + row, 0, COLS, a);
			ui_text(y + row, 0, 2, ">", a | A_BOLD);
		}
		ui_text(y + row, 2, idw, p->id, a | A_BOLD);
		snprintf(buf, sizeof(buf), "%8zu", p->nsessions);
		ui_text(y + row, xs, 8, buf, a);
		snprintf(buf, sizeof(buf), "%s  %s", p->last, p->last_visit !=
		    NULL ? p->last_visit : "");
		ui_text(y + row, xl, xsc - xl - 1, buf, a);
		ui_text(y + row, xsc, COLS - xsc, p->scales, a |
		    ui_attr(ui, UI_DIM));
	}
	if (top > 0)
		ui_text(y, COLS - 1, 1, "^", A_BOLD);
	if (top + (size_t)h < l->nview)
		ui_text(y + h - 1, COLS - 1, 1, "v", A_BOLD);
	ui_text(LINES - 1, 0, COLS, r->ptyping ? "Typing a filter: Enter "
	    "opens  Up/Down move  Escape stops  F1 help" : "Enter open  type "
	    "or / filter  q back  ? help", ui_attr(ui, UI_DIM));
}
