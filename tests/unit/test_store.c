/*
 * test_store.c: the data directory: creation and modes, ids, atomic
 * saves that never overwrite, id collisions, amendments, failures (no
 * space, read-only, not a directory) that leave nothing behind, the
 * audit log and its verification, listing with filters, the trash,
 * and two processes saving at once.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_scale.h"
#include "harness.h"
#include "scale.h"
#include "session.h"
#include "sha256.h"
#include "store.h"

#define NOW	"2026-11-26T10:15:00+01:00"
#define STEM	"20261126T101500-demo-"

static char		 tmp[] = "/tmp/rater-store-XXXXXX";
static struct scale	*sc, *sc2;

static void	 setup(void);
static void	 teardown(void);
static void	 put_file(const char *, const char *);
static char	*slurp(const char *);
static int	 mode_of(const char *);
static int	 count_entries(const char *, const char *, const char *);
static struct session *make(const struct scale *, const char *,
		    const char *, int);
static char	*render(const struct session *, const struct scale *);
static char	*path_in(const char *, const char *);
static void	 test_open(void);
static void	 test_ids(void);
static void	 test_id_parts(void);
static void	 test_save(void);
static void	 test_failures(void);
static void	 test_permissions(void);
static void	 try_saves(struct store *, int);
static void	 try_readonly(const char *, int);
static void	 test_audit(void);
static void	 test_list(void);
static void	 test_trash(void);
static void	 test_concurrent(void);
static void	 test_recover(void);
static void	 test_workstation(void);
static void	 copy_file(const char *, const char *);
static int	 count_cb(struct session *, void *);
static int	 stop_cb(struct session *, void *);

static void
setup(void)
{
	char		*path, *text;
	const char	*p;

	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	path = path_in(tmp, "demo.ini");
	put_file(path, DEMO_SCALE);
	sc = scale_load(path, NULL);
	free(path);
	p = strstr(DEMO_SCALE, "id = demo\n") + 9;
	text = xasprintf("%.*s2%s", (int)(p - DEMO_SCALE), DEMO_SCALE, p);
	path = path_in(tmp, "demo2.ini");
	put_file(path, text);
	sc2 = scale_load(path, NULL);
	free(path);
	free(text);
	if (sc == NULL || sc2 == NULL) {
		fprintf(stderr, "cannot load the demo scales\n");
		exit(1);
	}
	setenv("RATER_NOW", NOW, 1);
	signal(SIGXFSZ, SIG_IGN);
	umask(022);
}

static void
teardown(void)
{
	char	*cmd;

	scale_free(sc);
	scale_free(sc2);
	cmd = xasprintf("chmod -R u+rwx '%s'; rm -rf '%s'", tmp, tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(cmd);
}

static char *
path_in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
put_file(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static char *
slurp(const char *path)
{
	char	*t;

	t = read_file(path, NULL);
	return t != NULL ? t : xstrdup("(unreadable)");
}

static int
mode_of(const char *path)
{
	struct stat	 sb;

	if (stat(path, &sb) == -1)
		return -1;
	return (int)(sb.st_mode & 07777);
}

/* Entries of dir whose names start with pre and end with suf. */
static int
count_entries(const char *dir, const char *pre, const char *suf)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 len;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (strncmp(de->d_name, pre, strlen(pre)) == 0 &&
		    len >= strlen(suf) &&
		    strcmp(de->d_name + len - strlen(suf), suf) == 0)
			n++;
	}
	closedir(d);
	return n;
}

static struct session *
make(const struct scale *s, const char *patient, const char *visit, int q)
{
	struct session	*x;
	struct answer	 a;
	size_t		 i;

	x = session_new(s);
	session_set(&x->patient, patient);
	session_set(&x->rater, "jdoe");
	session_set(&x->visit, visit);
	memset(&a, 0, sizeof(a));
	a.kind = ANS_VALUE;
	a.value = q;
	for (i = Q1; i <= Q4; i++)
		session_set_answer(x, i, &a);
	a.value = 1.5;
	session_set_answer(x, DOSE, &a);
	return x;
}

static char *
render(const struct session *s, const struct scale *scale)
{
	struct buf	 b;
	char		*cause = NULL;

	buf_init(&b);
	if (session_write(s, scale, &b, &cause) == -1) {
		free(cause);
		buf_free(&b);
		return xstrdup("(cannot render)");
	}
	return buf_take(&b);
}

static void
test_open(void)
{
	struct store	*st;
	char		*dir, *p, *cause = NULL, *want;

	dir = xasprintf("%s/a/b/data", tmp);
	st = store_open(dir, &cause);
	CHECK("open-1.1", st != NULL);
	p = path_in(tmp, "a");
	CHECK("open-1.2", mode_of(p) == 0700);
	free(p);
	p = path_in(tmp, "a/b");
	CHECK("open-1.3", mode_of(p) == 0700);
	free(p);
	CHECK("open-1.4", mode_of(dir) == 0700);
	p = path_in(dir, "sessions");
	CHECK("open-1.5", mode_of(p) == 0700);
	free(p);
	p = path_in(dir, "drafts");
	CHECK("open-1.6", mode_of(p) == 0700);
	free(p);
	p = path_in(dir, "trash");
	CHECK("open-1.7", mode_of(p) == 0700);
	free(p);
	p = path_in(dir, "scales");
	CHECK("open-1.8", mode_of(p) == 0700);
	free(p);
	p = path_in(dir, ".lock");
	CHECK("open-1.9", mode_of(p) == 0600);
	free(p);
	CHECK("open-1.10", st->user != NULL && st->user[0] != '\0');
	store_close(st);

	/* Again, with a trailing slash. */
	p = xasprintf("%s/", dir);
	st = store_open(p, &cause);
	CHECK("open-2.1", st != NULL && strcmp(st->dir, dir) == 0);
	store_close(st);
	free(p);
	free(dir);

	/* A path through a regular file. */
	p = path_in(tmp, "plainfile");
	put_file(p, "x");
	dir = path_in(p, "data");
	CHECK("open-3.1", store_open(dir, &cause) == NULL);
	want = xasprintf("cannot create the data directory: Not a directory "
	    "(creating %s)", p);
	CHECK_STR("open-3.2", cause, want);
	free(want);
	free(cause);
	cause = NULL;
	free(dir);
	free(p);
	CHECK("open-3.3", store_open("", &cause) == NULL);
	CHECK_STR("open-3.4", cause, "no data directory given");
	free(cause);
	store_close(NULL);
}

static void
test_id_parts(void)
{
	char	*p, *s;

	store_session_id_parts("P017/20261126T101500-phq9-12", &p, &s);
	CHECK_STR("idparts-1.1", p, "P017");
	CHECK_STR("idparts-1.2", s, "phq9");
	free(p);
	free(s);
	/* A scale id with dashes, a patient id with dots. */
	store_session_id_parts("p.1_x-2/20260101T000000-cgi-i-1", &p, &s);
	CHECK_STR("idparts-1.3", p, "p.1_x-2");
	CHECK_STR("idparts-1.4", s, "cgi-i");
	free(p);
	free(s);
}

static void
test_ids(void)
{
	static const struct {
		const char	*id, *want;
	} pat[] = {
		{ "P017", NULL },
		{ "p.1_x-2", NULL },
		{ "a/b", "patient id 'a/b' may contain only letters, digits, "
		    "'.', '-' and '_'" },
		{ "", "patient id '' must not be empty" },
		{ ".hidden", "patient id '.hidden' may not start with '.' or "
		    "'-'" },
		{ "-rf", "patient id '-rf' may not start with '.' or '-'" },
		{ "a..b", "patient id 'a..b' may not contain '..'" },
		{ "a b", "patient id 'a b' may contain only letters, digits, "
		    "'.', '-' and '_'" },
		{ "x\ny", "patient id 'x?y' may contain only letters, digits, "
		    "'.', '-' and '_'" },
		{ "Ren\xc3\xa9", "patient id 'Ren\xc3\xa9' may contain only "
		    "letters, digits, '.', '-' and '_'" },
		{ "0123456789012345678901234567890123456789012345678901234567"
		    "890123", NULL },
		{ "0123456789012345678901234567890123456789012345678901234567"
		    "8901234", "patient id '0123456789012345678901234567890123"
		    "456789...' is longer than 64 bytes" },
	};
	char	*cause = NULL, id[32];
	size_t	 i;
	int	 ok;

	for (i = 0; i < nitems(pat); i++) {
		snprintf(id, sizeof(id), "ids-1.%zu", i);
		ok = store_patient_id_is_valid(pat[i].id, &cause);
		if (pat[i].want == NULL)
			CHECK(id, ok && cause == NULL);
		else
			CHECK_STR(id, ok ? "(valid)" : cause, pat[i].want);
		free(cause);
		cause = NULL;
	}
	CHECK("ids-2.1", store_scale_id_is_valid("phq9", NULL));
	CHECK("ids-2.2", store_scale_id_is_valid("bfmdrs-m_2", NULL));
	CHECK("ids-2.3", !store_scale_id_is_valid("PHQ9", &cause));
	CHECK_STR("ids-2.4", cause, "scale id 'PHQ9' may contain only a-z, "
	    "0-9, '-' and '_'");
	free(cause);
	cause = NULL;
	CHECK("ids-2.5", !store_scale_id_is_valid("../x", NULL));
	CHECK("ids-2.6", !store_scale_id_is_valid("", NULL));

	CHECK("ids-3.1", store_session_id_is_valid("P017/20261126T101500-"
	    "phq9-1", NULL));
	CHECK("ids-3.2", store_session_id_is_valid("P017/20261126T101500-"
	    "bfmdrs-m-12", NULL));
	CHECK("ids-3.3", !store_session_id_is_valid("P017/20261126T101500-"
	    "phq9-0", NULL));
	CHECK("ids-3.4", !store_session_id_is_valid("P017/20261126T101500-"
	    "phq9-01", NULL));
	CHECK("ids-3.5", !store_session_id_is_valid("../20261126T101500-"
	    "phq9-1", NULL));
	CHECK("ids-3.6", !store_session_id_is_valid("P017/20261126-101500-"
	    "phq9-1", NULL));
	CHECK("ids-3.7", !store_session_id_is_valid("P017/20261126T101500-"
	    "-1", NULL));
	CHECK("ids-3.8", !store_session_id_is_valid("P017/x/20261126T101500-"
	    "phq9-1", NULL));
	CHECK("ids-3.9", !store_session_id_is_valid("P017/20261126T101500-"
	    "phq9-1/..", &cause));
	CHECK_STR("ids-3.10", cause, "session id 'P017/20261126T101500-phq9-1"
	    "/..' is not PATIENT/YYYYMMDDTHHMMSS-SCALE-N[@WS][.rR[@WS]]");
	free(cause);

	/* Revisions: ".rR", R from 2, no leading zero, nothing after. */
	{
		static const struct {
			const char	*id;
			int		 valid, rev;
		} rv[] = {
			{ "P017/20261126T101500-phq9-1.r2", 1, 2 },
			{ "P017/20261126T101500-phq9-12.r10", 1, 10 },
			{ "P017/20261126T101500-bfmdrs-m-3.r999999", 1,
			    999999 },
			{ "P017/20261126T101500-phq9-2", 1, 0 },
			{ "P017/20261126T101500-phq9-1.r1", 0, 0 },
			{ "P017/20261126T101500-phq9-1.r0", 0, 0 },
			{ "P017/20261126T101500-phq9-1.r02", 0, 0 },
			{ "P017/20261126T101500-phq9-1.r", 0, 0 },
			{ "P017/20261126T101500-phq9-1.r2x", 0, 0 },
			{ "P017/20261126T101500-phq9-1.r2.r3", 0, 0 },
			{ "P017/20261126T101500-phq9-1.2", 0, 0 },
			{ "P017/20261126T101500-phq9-1r2", 0, 0 },
			{ "P017/20261126T101500-phq9-1x.r2", 0, 0 },
			{ "P017/20261126T101500-phq9-.r2", 0, 0 },
			{ "P017/20261126T101500-phq9-1.r1234567", 0, 0 },
			/* Workstations (issue 16). */
			{ "P017/20261126T101500-phq9-1@ws1", 1, 0 },
			{ "P017/20261126T101500-phq9-1@a.r2@b", 1, 2 },
			{ "P017/20261126T101500-phq9-1.r3@b", 1, 3 },
			{ "P017/20261126T101500-phq9-1@a.r2", 1, 2 },
			{ "P017/20261126T101500-bfmdrs-m-3@x9.r12@y", 1, 12 },
			{ "P017/20261126T101500-phq9-1@0123456789abcdef", 1,
			    0 },
			{ "P017/20261126T101500-phq9-1@0123456789abcdefg", 0,
			    0 },
			{ "P017/20261126T101500-phq9-1@", 0, 0 },
			{ "P017/20261126T101500-phq9-1@WS", 0, 0 },
			{ "P017/20261126T101500-phq9-1@a-b", 0, 0 },
			{ "P017/20261126T101500-phq9-1@a@b", 0, 0 },
			{ "P017/20261126T101500-phq9-1@a.r2@", 0, 0 },
			{ "P017/20261126T101500-phq9-1@a.r1@b", 0, 0 },
			{ "P017/20261126T101500-phq9-1.r2@b.r3", 0, 0 },
			{ "P017/20261126T101500-phq9-@a", 0, 0 },
		};

		for (i = 0; i < nitems(rv); i++) {
			snprintf(id, sizeof(id), "ids-4.%zu", i);
			CHECK(id, store_session_id_is_valid(rv[i].id, NULL) ==
			    rv[i].valid && (!rv[i].valid ||
			    store_session_id_revision(rv[i].id) ==
			    rv[i].rev));
		}
	}
}

static char	*ddir;		/* the main data directory */

static void
test_save(void)
{
	struct store	*st;
	struct session	*s[6], *r, *a;
	struct scale	*arch;
	struct diag	 d;
	char		*cause = NULL, *p, *text, *want, *pdir, *log;
	char		 hex[SHA256_HEX_LEN];
	int		 i;

	ddir = path_in(tmp, "data");
	st = store_open(ddir, &cause);
	CHECK("save-1.1", st != NULL);
	s[0] = make(sc, "P017", "baseline", 2);
	CHECK("save-1.2", store_save(st, s[0], sc, "save", &cause) == 0);
	CHECK_STR("save-1.3", s[0]->id, "P017/" STEM "1");
	want = xasprintf("%s/sessions/P017/" STEM "1.ini", ddir);
	CHECK_STR("save-1.4", s[0]->path, want);
	CHECK("save-1.5", mode_of(want) == 0600);
	pdir = xasprintf("%s/sessions/P017", ddir);
	CHECK("save-1.6", mode_of(pdir) == 0700);
	text = slurp(want);
	p = render(s[0], sc);
	CHECK_STR("save-1.7", text, p);
	CHECK("save-1.8", strstr(text, "\nfinished = " NOW "\n") != NULL);
	free(p);
	free(text);
	free(want);
	CHECK_STR("save-1.9", s[0]->status, "complete");
	CHECK("save-1.10", s[0]->nstored == 3 &&
	    strcmp(s[0]->stored_values[0], "8") == 0 && s[0]->nflags == 1);
	/* The scale file is archived, byte for byte. */
	p = store_scale_path(st, "demo", sc->sha256);
	text = slurp(p);
	CHECK_STR("save-1.11", text, DEMO_SCALE);
	CHECK("save-1.12", mode_of(p) == 0600);
	free(text);
	free(p);
	arch = store_load_scale(st, "demo", sc->sha256, NULL);
	CHECK("save-1.13", arch != NULL && strcmp(arch->sha256, sc->sha256) ==
	    0 && arch->nitems == 6);
	scale_free(arch);
	CHECK("save-1.14", store_load_scale(st, "demo", "0123", NULL) == NULL);

	/* The same second: -2, -3. */
	s[1] = make(sc, "P017", "baseline", 1);
	s[2] = make(sc, "P017", "baseline", 0);
	CHECK("save-2.1", store_save(st, s[1], sc, "save", &cause) == 0 &&
	    strcmp(s[1]->id, "P017/" STEM "2") == 0);
	CHECK("save-2.2", store_save(st, s[2], sc, "save", &cause) == 0 &&
	    strcmp(s[2]->id, "P017/" STEM "3") == 0);
	/* Saving again is refused. */
	CHECK("save-2.3", store_save(st, s[0], sc, "save", &cause) == -1);
	CHECK_STR("save-2.4", cause, "cannot save session: it is already "
	    "saved as P017/" STEM "1 (amend it instead)");
	free(cause);
	cause = NULL;

	/* Somebody else's file at -4 is left alone. */
	p = xasprintf("%s/" STEM "4.ini", pdir);
	put_file(p, "not ours\n");
	s[3] = make(sc, "P017", "baseline", 3);
	CHECK("save-3.1", store_save(st, s[3], sc, "save", &cause) == 0 &&
	    strcmp(s[3]->id, "P017/" STEM "5") == 0);
	text = slurp(p);
	CHECK_STR("save-3.2", text, "not ours\n");
	free(text);
	unlink(p);
	free(p);
	CHECK("save-3.3", count_entries(pdir, ".tmp", "") == 0);

	/* Read back, bind, scores agree. */
	diag_init(&d);
	r = store_read(st, "P017/" STEM "2", &d);
	CHECK("save-4.1", r != NULL && session_bind(r, sc, &d) == 0 &&
	    session_check_scores(r, sc, &d) == 0 && d.n == 0);
	CHECK("save-4.2", r != NULL && r->answers[Q1].value == 1 &&
	    strcmp(r->visit, "baseline") == 0);

	/* Amend it. */
	a = session_amend(r, "q2 was misheard", &cause);
	session_free(r);
	CHECK("save-5.1", a != NULL);
	setenv("RATER_NOW", "2026-11-27T09:00:00+01:00", 1);
	CHECK("save-5.2", store_save(st, a, sc, "save", &cause) == -1);
	CHECK_STR("save-5.3", cause, "cannot save session: a first save is "
	    "revision 1 and replaces nothing (use amend)");
	free(cause);
	cause = NULL;
	session_set(&a->amended_by, "asmith");
	CHECK("save-5.4", store_save(st, a, sc, "amend", &cause) == 0);
	/* A revision takes its first revision's id and ".r2", not the
	 * next free number (that is a new session's, STEM "4"). */
	CHECK_STR("save-5.5", a->id, "P017/" STEM "2.r2");
	text = slurp(a->path);
	CHECK("save-5.6", strstr(text, "\nfinished = 2026-11-27T09:00:00+01:00"
	    "\nstatus = complete\nrevision = 2\nreplaces = P017/" STEM "2\n"
	    "reason = q2 was misheard\namended_by = asmith\n") != NULL &&
	    strstr(text, "\nrater = jdoe\n") != NULL);
	free(text);
	CHECK("save-5.7", store_save(st, s[4] = make(sc, "P017", "", 1), sc,
	    "amend", &cause) == -1);
	CHECK_STR("save-5.8", cause, "cannot save session: an amendment needs "
	    "a revision from 2, the id of the session it replaces and a "
	    "reason");
	free(cause);
	cause = NULL;
	s[4]->revision = 2;
	s[4]->replaces = xstrdup("P017/" STEM "99");
	s[4]->reason = xstrdup("x");
	CHECK("save-5.9", store_save(st, s[4], sc, "amend", &cause) == -1);
	CHECK_STR("save-5.10", cause, "cannot amend session P017/" STEM "99: "
	    "No such file or directory");
	CHECK("save-5.11", s[4]->id == NULL && s[4]->finished == NULL);
	free(cause);
	cause = NULL;
	free(s[4]->replaces);
	s[4]->replaces = xstrdup("../../../etc/passwd");
	CHECK("save-5.15", store_save(st, s[4], sc, "amend", &cause) == -1);
	CHECK_STR("save-5.16", cause, "cannot save session: session id "
	    "'../../../etc/passwd' is not PATIENT/YYYYMMDDTHHMMSS-SCALE-N"
	    "[@WS][.rR[@WS]]");
	free(cause);
	cause = NULL;
	CHECK("save-5.17", store_audit_append(st, "delete", "x", sc->sha256,
	    &cause) == -1);
	CHECK_STR("save-5.18", cause, "cannot write the audit log: unknown "
	    "action 'delete'");
	free(cause);
	cause = NULL;
	s[5] = make(sc, "P018", "", 1);
	CHECK("save-5.12", store_save(st, s[5], sc, "save", &cause) == 0);
	free(s[4]->replaces);
	s[4]->replaces = xstrdup(s[5]->id);
	CHECK("save-5.13", store_save(st, s[4], sc, "amend", &cause) == -1);
	CHECK_STR("save-5.14", cause, "cannot amend session P018/20261127T"
	    "090000-demo-1: it is not a session of patient P017");
	free(cause);
	cause = NULL;
	/* Patient ids that differ only in case: refused, naming the
	 * existing one; nothing is made (no directory, no audit line). */
	CHECK("save-5.19", store_patient_id_is_distinct(st, "P017", NULL) &&
	    store_patient_id_is_distinct(st, "P019", NULL));
	CHECK("save-5.20", !store_patient_id_is_distinct(st, "p017", &cause));
	CHECK_STR("save-5.21", cause, "patient id 'p017' differs only in "
	    "case from the existing patient 'P017': use P017 (ids that "
	    "differ only in case are refused)");
	free(cause);
	cause = NULL;
	r = make(sc, "p017", "", 1);
	CHECK("save-5.22", store_save(st, r, sc, "save", &cause) == -1 &&
	    r->id == NULL);
	CHECK_STR("save-5.23", cause, "cannot save session: patient id "
	    "'p017' differs only in case from the existing patient 'P017': "
	    "use P017 (ids that differ only in case are refused)");
	free(cause);
	cause = NULL;
	p = path_in(ddir, "sessions/p017");
	CHECK("save-5.24", access(p, F_OK) == -1);
	/* A store made before the rule, holding P017 and p017 both (a
	 * case-sensitive file system): each patient goes on. */
	CHECK("save-5.25", mkdir(p, 0700) == 0 &&
	    store_patient_id_is_distinct(st, "p017", NULL) &&
	    store_patient_id_is_distinct(st, "P017", NULL));
	rmdir(p);
	free(p);
	session_free(r);
	setenv("RATER_NOW", NOW, 1);

	/* The audit log: one line per save, the file's hash. */
	log = path_in(ddir, "audit.log");
	CHECK("save-6.1", mode_of(log) == 0600);
	text = slurp(log);
	sha256_file(s[0]->path, hex);
	/* The user field: the login, and the person named in the file
	 * (rater for a save, amended_by for an amendment). */
	want = xasprintf("%s\t%s (jdoe)\tsave\tP017/" STEM "1\t%s\t", NOW,
	    st->user, hex);
	CHECK("save-6.2", strncmp(text, want, strlen(want)) == 0);
	free(want);
	sha256_file(a->path, hex);
	want = xasprintf("\n2026-11-27T09:00:00+01:00\t%s (asmith)\tamend\t"
	    "P017/" STEM "2.r2\t%s\t", st->user, hex);
	CHECK("save-6.3", strstr(text, want) != NULL);
	free(want);
	i = 0;
	for (p = text; *p != '\0'; p++)
		i += *p == '\n';
	CHECK("save-6.4", i == 6);
	/* The first chain starts from 64 zeros. */
	{
		char	*tab, chain[SHA256_HEX_LEN], *in;

		tab = strchr(text, '\n') - 65;
		in = xasprintf("%064d\t%.*s", 0, (int)(tab - text), text);
		sha256_data_hex(in, strlen(in), chain);
		CHECK("save-6.5", strncmp(tab + 1, chain, 64) == 0);
		free(in);
	}
	free(text);
	free(log);
	CHECK("save-6.6", store_audit_verify(st, &d) == 0 && d.n == 0);
	diag_free(&d);

	for (i = 0; i < 6; i++)
		session_free(s[i]);
	session_free(a);
	free(pdir);
	store_close(st);
}

static void
test_failures(void)
{
	struct store	*st;
	struct session	*s;
	struct rlimit	 old, lim;
	struct stat	 sb;
	char		*cause = NULL, *p, *want, *log, *before, *after;
	char		*d2, *pdir;
	int		 i;

	st = store_open(ddir, &cause);
	log = path_in(ddir, "audit.log");
	before = slurp(log);

	/* The patient's directory is a regular file. */
	p = xasprintf("%s/sessions/P099", ddir);
	put_file(p, "");
	chmod(p, 0600);
	s = make(sc, "P099", "", 1);
	CHECK("fail-1.1", store_save(st, s, sc, "save", &cause) == -1);
	want = xasprintf("cannot save session: Not a directory (creating %s)",
	    p);
	CHECK_STR("fail-1.2", cause, want);
	CHECK("fail-1.3", s->id == NULL && s->path == NULL &&
	    s->finished == NULL && s->nstored == 0);
	free(want);
	free(cause);
	cause = NULL;
	session_free(s);
	free(p);

	/* No space: the file size limit stops the write half-way. */
	s = make(sc, "P017", "", 1);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 300;
	setrlimit(RLIMIT_FSIZE, &lim);
	i = store_save(st, s, sc, "save", &cause);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK("fail-2.1", i == -1);
	want = xasprintf("cannot save session: File too large (writing "
	    "%s/sessions/P017/" STEM "4.ini)", ddir);
	CHECK_STR("fail-2.2", cause, want);
	free(want);
	free(cause);
	cause = NULL;
	pdir = xasprintf("%s/sessions/P017", ddir);
	CHECK("fail-2.3", count_entries(pdir, ".tmp", "") == 0);
	p = xasprintf("%s/" STEM "4.ini", pdir);
	CHECK("fail-2.4", stat(p, &sb) == -1 && errno == ENOENT);
	free(p);
	CHECK("fail-2.5", s->id == NULL && s->finished == NULL);
	after = slurp(log);
	CHECK_STR("fail-2.6", after, before);
	free(after);
	/* Space again: the same session saves. */
	CHECK("fail-2.7", store_save(st, s, sc, "save", &cause) == 0 &&
	    strcmp(s->id, "P017/" STEM "4") == 0);
	session_free(s);
	free(pdir);
	store_close(st);
	free(before);
	free(log);

	/* The audit log cannot grow: the saved file is taken back. */
	d2 = path_in(tmp, "data2");
	st = store_open(d2, &cause);
	for (i = 0; i < 20; i++)
		store_audit_append(st, "save", "P001/20260101T000000-demo-1",
		    sc->sha256, &cause);
	log = path_in(d2, "audit.log");
	before = slurp(log);
	s = make(sc, "P017", "", 1);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = strlen(before);
	setrlimit(RLIMIT_FSIZE, &lim);
	i = store_save(st, s, sc, "save", &cause);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK("fail-3.1", i == -1 && strlen(before) > 2000);
	want = xasprintf("cannot save session: cannot write the audit log: "
	    "File too large (writing %s)", log);
	CHECK_STR("fail-3.2", cause, want);
	free(want);
	free(cause);
	cause = NULL;
	pdir = xasprintf("%s/sessions/P017", d2);
	CHECK("fail-3.3", count_entries(pdir, "", ".ini") == 0 &&
	    count_entries(pdir, ".tmp", "") == 0);
	after = slurp(log);
	CHECK_STR("fail-3.4", after, before);
	free(after);
	free(before);
	free(pdir);
	free(log);
	session_free(s);
	store_close(st);
	free(d2);
}

/* Two saves, their outcomes written to fd one per line. */
static void
try_saves(struct store *st, int fd)
{
	struct session	*s;
	struct buf	 b;
	char		*cause = NULL;
	int		 i;

	buf_init(&b);
	for (i = 0; i < 2; i++) {
		s = make(sc, i == 0 ? "P017" : "P018", "", 1);
		if (store_save(st, s, sc, "save", &cause) == 0)
			buf_printf(&b, "saved %s\n", s->id);
		else
			buf_printf(&b, "%s\n", cause);
		free(cause);
		cause = NULL;
		session_free(s);
	}
	if (write(fd, b.data, b.len) != (ssize_t)b.len)
		perror("write");
	buf_free(&b);
}

/* As another user: open, list and save in a directory not ours. */
static void
try_readonly(const char *dir, int fd)
{
	struct store	*st;
	struct session	**v, *s;
	struct diag	 d;
	struct buf	 b;
	char		*cause = NULL;
	size_t		 n;

	buf_init(&b);
	diag_init(&d);
	if ((st = store_open(dir, &cause)) == NULL) {
		buf_printf(&b, "%s\n", cause);
		goto out;
	}
	v = store_list_all(st, NULL, &n, &d, &cause);
	buf_printf(&b, "listed %zu\n", n);
	store_list_free(v, n);
	diag_format(&d, &b);
	s = make(sc, "P017", "", 1);
	if (store_save(st, s, sc, "save", &cause) == -1)
		buf_printf(&b, "%s\n", cause);
	session_free(s);
	store_close(st);
out:
	free(cause);
	if (write(fd, b.data, b.len) != (ssize_t)b.len)
		perror("write");
	diag_free(&d);
	buf_free(&b);
}

/*
 * A read-only data directory.  Root ignores permission bits, so as root
 * the save runs in a child that has become "nobody" (uid 65534); as
 * anyone else, in this process.
 */
static void
test_permissions(void)
{
	struct store	*st;
	struct session	*s;
	char		*d3, *cause = NULL, *p, *want, got[1024];
	int		 fds[2], status;
	ssize_t		 n;
	pid_t		 pid;

	d3 = path_in(tmp, "data3");
	st = store_open(d3, &cause);
	s = make(sc, "P017", "", 1);
	store_save(st, s, sc, "save", &cause);
	session_free(s);
	/* Readable and searchable for all, writable for none. */
	p = xasprintf("chmod 0755 '%s' '%s' '%s/scales' '%s/scales/%s' && "
	    "chmod 0644 '%s/scales/%s/demo.ini' && chmod 0555 '%s/sessions' "
	    "'%s/sessions/P017'", tmp, d3, d3, d3, sc->sha256, d3,
	    sc->sha256, d3, d3);
	CHECK("perm-1.1", system(p) == 0);
	free(p);

	if (pipe(fds) == -1)
		return;
	if (geteuid() == 0) {
		if ((pid = fork()) == 0) {
			if (setgid(65534) == -1 || setuid(65534) == -1)
				_exit(3);
			try_saves(st, fds[1]);
			try_readonly(d3, fds[1]);
			store_close(st);
			free(d3);
			_exit(0);
		}
		close(fds[1]);
		waitpid(pid, &status, 0);
		CHECK("perm-1.2", WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0);
	} else {
		try_saves(st, fds[1]);
		close(fds[1]);
	}
	n = read(fds[0], got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	want = xasprintf("cannot save session: Permission denied (writing "
	    "%s/.pending)\n"
	    "cannot save session: Permission denied (creating "
	    "%s/sessions/P018)\n", d3, d3);
	if (geteuid() == 0) {
		p = want;
		want = xasprintf("%slisted 0\n"
		    "%s/sessions/P017/" STEM "1.ini: error: cannot read: "
		    "Permission denied\n"
		    "cannot save session: cannot lock %s/.lock: Permission "
		    "denied\n", p, d3, d3);
		free(p);
	}
	CHECK_STR("perm-1.3", got, want);
	free(want);
	p = xasprintf("%s/sessions/P017", d3);
	CHECK("perm-1.4", count_entries(p, "", ".ini") == 1 &&
	    count_entries(p, ".tmp", "") == 0);
	free(p);
	p = xasprintf("chmod 0700 '%s' '%s/sessions' '%s/sessions/P017'", d3,
	    d3, d3);
	CHECK("perm-1.5", system(p) == 0);
	free(p);
	store_close(st);
	free(d3);
}

static void
copy_file(const char *from, const char *to)
{
	char	*t;

	t = slurp(from);
	put_file(to, t);
	free(t);
}

/*
 * Two workstations' data directories, a and b: ids with "@ws", one
 * chain each in audit/<ws>.log, and a store that holds both (as after
 * a merge) verifies each chain alone.
 */
static void
test_workstation(void)
{
	struct store	*a, *b;
	struct session	*sa, *sb, *am;
	struct diag	 d;
	struct buf	 f;
	char		*da, *db, *cause = NULL, *p, *q, *text, **logs;
	size_t		 n;

	da = path_in(tmp, "ws-a");
	db = path_in(tmp, "ws-b");
	b = store_open(db, &cause);
	CHECK("ws-1.1", b != NULL && b->ws == NULL &&
	    store_set_workstation(b, "wsb", &cause) == 0);
	sb = make(sc, "P017", "baseline", 1);
	CHECK("ws-1.2", store_save(b, sb, sc, "save", &cause) == 0);
	/* One data directory at a time (fsdir's root). */
	store_close(b);
	a = store_open(da, &cause);
	CHECK("ws-1.7", store_set_workstation(a, "Bad", &cause) == -1 &&
	    strcmp(cause, "workstation id 'Bad' is not 1 to 16 letters a-z "
	    "and digits") == 0);
	free(cause);
	cause = NULL;
	CHECK("ws-1.3", store_set_workstation(a, "wsa", &cause) == 0 &&
	    strcmp(a->ws, "wsa") == 0);
	CHECK("ws-1.4", store_set_workstation(a, "wsa", &cause) == 0);
	CHECK("ws-1.5", store_set_workstation(a, "other", &cause) == -1 &&
	    strstr(cause, "is workstation wsa already") != NULL);
	free(cause);
	cause = NULL;
	p = path_in(da, ".workstation");
	text = slurp(p);
	CHECK_STR("ws-1.6", text, "wsa\n");
	free(text);
	free(p);

	/* The same patient, scale and second at both: two sessions. */
	sa = make(sc, "P017", "baseline", 2);
	CHECK("ws-2.1", store_save(a, sa, sc, "save", &cause) == 0);
	CHECK_STR("ws-2.2", sa->id, "P017/" STEM "1@wsa");
	CHECK_STR("ws-2.3", sb->id, "P017/" STEM "1@wsb");
	q = path_in(da, "audit/wsa.log");
	text = slurp(q);
	CHECK("ws-2.4", strstr(text, "\tsave\tP017/" STEM "1@wsa\t") !=
	    NULL);
	free(text);
	free(q);
	q = path_in(da, "audit.log");
	CHECK("ws-2.5", access(q, F_OK) == -1);
	free(q);

	/* Merge b into a, as git does: its session and its chain. */
	q = path_in(db, "sessions/P017/" STEM "1@wsb.ini");
	p = path_in(da, "sessions/P017/" STEM "1@wsb.ini");
	copy_file(q, p);
	free(p);
	free(q);
	q = path_in(db, "audit/wsb.log");
	p = path_in(da, "audit/wsb.log");
	copy_file(q, p);
	free(q);
	diag_init(&d);
	CHECK("ws-3.1", store_audit_verify(a, &d) == 0 && d.n == 0);
	CHECK("ws-3.2", store_audit_has(a, sb->id) == 1 &&
	    store_audit_has(a, sa->id) == 1 &&
	    store_audit_has(a, "P017/" STEM "9@wsb") == 0);
	logs = store_audit_logs(a, &n);
	CHECK("ws-3.3", n == 2 && strstr(logs[0], "/audit/wsa.log") &&
	    strstr(logs[1], "/audit/wsb.log"));
	store_audit_logs_free(logs, n);

	/* Amending at a the session saved at b. */
	am = session_amend(sb, "typo", &cause);
	CHECK("ws-4.1", am != NULL && store_save(a, am, sc, "amend",
	    &cause) == 0);
	CHECK_STR("ws-4.2", am != NULL ? am->id : "", "P017/" STEM
	    "1@wsb.r2@wsa");
	CHECK("ws-4.3", store_audit_verify(a, &d) == 0 && d.n == 0);

	/* b's chain is checked alone: a changed line is found there. */
	text = slurp(p);
	q = strstr(text, "\tsave\t");
	q[1] = 'S';
	put_file(p, text);
	free(text);
	buf_init(&f);
	CHECK("ws-5.1", store_audit_verify(a, &d) == 3);
	diag_format(&d, &f);
	CHECK("ws-5.2", strstr(f.data, "audit/wsb.log:1: error: unknown "
	    "action 'Save'") != NULL && strstr(f.data, "1@wsb is not in "
	    "the audit log") != NULL && strstr(f.data, "wsa.log") == NULL);
	buf_free(&f);
	diag_free(&d);
	free(p);

	/* A damaged .workstation: the store does not open. */
	store_close(a);
	p = path_in(db, ".workstation");
	put_file(p, "ws b\n");
	free(p);
	CHECK("ws-6.1", store_open(db, &cause) == NULL && strstr(cause,
	    "workstation id 'ws b' is not") != NULL);
	free(cause);
	session_free(sa);
	session_free(sb);
	session_free(am);
	free(da);
	free(db);
}

static void
test_audit(void)
{
	struct store	*st;
	struct diag	 d;
	struct buf	 b;
	struct session	*s;
	char		*log, *orig, *text, *p, *q, *want, *cause = NULL;
	char		*file, *moved;
	int		 fd;

	st = store_open(ddir, &cause);
	log = path_in(ddir, "audit.log");
	orig = slurp(log);
	diag_init(&d);
	buf_init(&b);
	CHECK("audit-1.1", store_audit_verify(st, &d) == 0 && d.n == 0);

	/* One byte of the user name on line 2. */
	text = xstrdup(orig);
	p = strchr(text, '\n') + 1;
	p = strchr(p, '\t') + 1;
	*p = *p == 'X' ? 'Y' : 'X';
	put_file(log, text);
	free(text);
	CHECK("audit-2.1", store_audit_verify(st, &d) == 1);
	diag_format(&d, &b);
	want = xasprintf("%s:2: error: hash chain broken: this line was "
	    "changed, or a line before it was removed or inserted\n", log);
	CHECK_STR("audit-2.2", b.data, want);
	free(want);
	diag_free(&d);
	buf_reset(&b);

	/* Line 2 removed. */
	text = xstrdup(orig);
	p = strchr(text, '\n') + 1;
	q = strchr(p, '\n') + 1;
	memmove(p, q, strlen(q) + 1);
	put_file(log, text);
	free(text);
	diag_init(&d);
	CHECK("audit-3.1", store_audit_verify(st, &d) == 2);
	diag_format(&d, &b);
	want = xasprintf("%s:2: error: hash chain broken: this line was "
	    "changed, or a line before it was removed or inserted\n"
	    "%s/sessions/P017/" STEM "2.ini: error: session P017/" STEM "2 "
	    "is not in the audit log\n", log, ddir);
	CHECK_STR("audit-3.2", b.data, want);
	free(want);
	diag_free(&d);
	buf_reset(&b);
	put_file(log, orig);

	/* A session file changed, then missing. */
	file = xasprintf("%s/sessions/P017/" STEM "1.ini", ddir);
	fd = open(file, O_WRONLY | O_APPEND);
	CHECK("audit-4.1", fd != -1 && write(fd, "#\n", 2) == 2);
	close(fd);
	diag_init(&d);
	CHECK("audit-4.2", store_audit_verify(st, &d) == 1);
	diag_format(&d, &b);
	CHECK("audit-4.3", strncmp(b.data, log, strlen(log)) == 0 &&
	    strstr(b.data, ":1: error: P017/" STEM "1: the file was changed "
	    "after it was written (sha256 ") != NULL);
	diag_free(&d);
	buf_reset(&b);
	moved = xasprintf("%s.moved", file);
	rename(file, moved);
	diag_init(&d);
	CHECK("audit-4.4", store_audit_verify(st, &d) == 1);
	diag_format(&d, &b);
	want = xasprintf("%s:1: error: P017/" STEM "1: the file is missing\n",
	    log);
	CHECK_STR("audit-4.5", b.data, want);
	free(want);
	diag_free(&d);
	buf_reset(&b);
	rename(moved, file);
	text = slurp(file);
	text[strlen(text) - 2] = '\0';
	put_file(file, text);
	free(text);
	free(moved);
	free(file);

	/* A torn last line; the next save goes on from the last good one. */
	fd = open(log, O_WRONLY | O_APPEND);
	CHECK("audit-5.1", fd != -1 && write(fd, NOW "\troot\tsa", 30) == 30);
	close(fd);
	diag_init(&d);
	CHECK("audit-5.2", store_audit_verify(st, &d) == 1);
	diag_format(&d, &b);
	want = xasprintf("%s:8: error: incomplete last line (an interrupted "
	    "write); the next save cuts it off\n", log);
	CHECK_STR("audit-5.3", b.data, want);
	free(want);
	diag_free(&d);
	buf_reset(&b);
	/* The next save cuts it off and chains from line 7 (issue 12,
	 * item 5: it used to stay, and verify failed for ever after). */
	s = make(sc, "P017", "", 1);
	CHECK("audit-5.4", store_save(st, s, sc, "save", &cause) == 0);
	diag_init(&d);
	CHECK("audit-5.5", store_audit_verify(st, &d) == 0 && d.n == 0);
	text = slurp(log);
	q = xasprintf("\tsave\t%s\t", s->id);
	CHECK("audit-5.6", strlen(text) > strlen(orig) &&
	    memcmp(text, orig, strlen(orig)) == 0 &&
	    strchr(text + strlen(orig), '\n') ==
	    text + strlen(text) - 1 && strstr(text + strlen(orig), q) !=
	    NULL);
	free(q);
	free(text);
	session_free(s);
	diag_free(&d);
	buf_free(&b);
	free(orig);
	free(log);
	store_close(st);
}

static int
count_cb(struct session *s, void *arg)
{
	(*(int *)arg)++;
	session_free(s);
	return 0;
}

static int
stop_cb(struct session *s, void *arg)
{
	(*(int *)arg)++;
	session_free(s);
	return 1;
}

static void
test_list(void)
{
	static const struct {
		const char	*id;
		struct store_filter f;
		int		 want;
	} t[] = {
		{ "list-2.1", { NULL, NULL, NULL, NULL, NULL }, 5 },
		{ "list-2.2", { "P1", NULL, NULL, NULL, NULL }, 3 },
		{ "list-2.3", { NULL, "demo", NULL, NULL, NULL }, 4 },
		{ "list-2.4", { NULL, "demo2", NULL, NULL, NULL }, 1 },
		{ "list-2.5", { NULL, NULL, "week 4", NULL, NULL }, 1 },
		{ "list-2.6", { NULL, NULL, NULL, "2026-02-10", NULL }, 4 },
		{ "list-2.7", { NULL, NULL, NULL, NULL, "2026-02-09" }, 1 },
		{ "list-2.8", { NULL, NULL, NULL, "2026-02-10", "2026-02-10" },
		    2 },
		{ "list-2.9", { "P1", "demo", NULL, "2026-02-01", NULL }, 1 },
		{ "list-2.10", { "P3", NULL, NULL, NULL, NULL }, 0 },
		{ "list-2.11", { NULL, NULL, "", NULL, NULL }, 1 },
	};
	static const struct {
		const char	*patient, *visit, *now;
		int		 two;
	} mk[] = {
		{ "P1", "baseline", "2026-01-10T09:00:00+01:00", 0 },
		{ "P1", "week 4", "2026-02-10T23:59:59+01:00", 0 },
		{ "P1", "baseline", "2026-02-10T08:00:00+01:00", 1 },
		{ "P2", "baseline", "2026-03-01T12:00:00+01:00", 0 },
		{ "P2", "", "2026-03-02T12:00:00+01:00", 0 },
	};
	struct store	*st;
	struct session	*s, **v;
	struct diag	 d;
	struct buf	 b;
	char		*d4, *cause = NULL, *p, *want, id[16];
	size_t		 i, n;
	int		 count;

	d4 = path_in(tmp, "data4");
	st = store_open(d4, &cause);
	for (i = 0; i < nitems(mk); i++) {
		setenv("RATER_NOW", mk[i].now, 1);
		s = make(mk[i].two ? sc2 : sc, mk[i].patient, mk[i].visit, 1);
		snprintf(id, sizeof(id), "list-1.%zu", i);
		CHECK(id, store_save(st, s, mk[i].two ? sc2 : sc, "save",
		    &cause) == 0);
		session_free(s);
	}
	setenv("RATER_NOW", NOW, 1);
	/* Junk the listing must survive. */
	p = xasprintf("%s/sessions/P2/20260305T000000-demo-1.ini", d4);
	put_file(p, "hello\n");
	free(p);
	p = xasprintf("%s/sessions/P2/20260306T000000-demo-1.ini", d4);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/sessions/P2/notes.txt", d4);
	put_file(p, "hello\n");
	free(p);
	p = xasprintf("%s/sessions/P2/.tmp-abcdef", d4);
	put_file(p, "hello\n");
	free(p);
	p = xasprintf("%s/sessions/bad..dir", d4);
	mkdir(p, 0700);
	free(p);

	diag_init(&d);
	buf_init(&b);
	v = store_list_all(st, NULL, &n, &d, &cause);
	CHECK("list-1.9", v != NULL && n == 5);
	diag_sort(&d);
	diag_format(&d, &b);
	CHECK("list-1.10", d.nerrors == 4 && d.nwarnings == 1);
	want = xasprintf("%s/sessions/P2/20260305T000000-demo-1.ini:1: error: "
	    "expected 'key = value' or a [section], not 'hello'\n", d4);
	CHECK("list-1.11", strstr(b.data, want) != NULL);
	free(want);
	want = xasprintf("%s/sessions/P2/20260306T000000-demo-1.ini: error: "
	    "cannot read: Is a directory\n", d4);
	CHECK("list-1.12", strstr(b.data, want) != NULL);
	free(want);
	want = xasprintf("%s/sessions: warning: skipping 'bad..dir': not a "
	    "patient id\n", d4);
	CHECK("list-1.13", strstr(b.data, want) != NULL);
	free(want);
	store_list_free(v, n);
	diag_free(&d);
	buf_free(&b);

	for (i = 0; i < nitems(t); i++) {
		count = 0;
		CHECK(t[i].id, store_list(st, &t[i].f, count_cb, &count, NULL,
		    &cause) == 0 && count == t[i].want);
	}
	count = 0;
	CHECK("list-3.1", store_list(st, NULL, stop_cb, &count, NULL,
	    &cause) == 0 && count == 1);
	{
		struct store_filter f = {
			NULL, NULL, NULL, "2026-13-01", NULL
		};

		CHECK("list-3.2", store_list(st, &f, count_cb, &count, NULL,
		    &cause) == -1);
		CHECK_STR("list-3.3", cause, "date '2026-13-01' is not "
		    "YYYY-MM-DD");
		free(cause);
		cause = NULL;
		f.since = NULL;
		f.patient = "../P1";
		CHECK("list-3.4", store_list(st, &f, count_cb, &count, NULL,
		    &cause) == -1);
		CHECK_STR("list-3.5", cause, "patient id '../P1' may contain "
		    "only letters, digits, '.', '-' and '_'");
		free(cause);
		cause = NULL;
	}

	/* A copied file is listed, with a warning. */
	p = xasprintf("cp '%s/sessions/P1/20260110T090000-demo-1.ini' "
	    "'%s/sessions/P1/20260110T090000-demo-9.ini'", d4, d4);
	CHECK("list-4.1", system(p) == 0);
	free(p);
	diag_init(&d);
	buf_init(&b);
	{
		struct store_filter f = {
			"P1", NULL, NULL, NULL, "2026-01-10"
		};

		v = store_list_all(st, &f, &n, &d, &cause);
	}
	diag_format(&d, &b);
	want = xasprintf("%s/sessions/P1/20260110T090000-demo-9.ini: warning: "
	    "the file name does not match the session id "
	    "P1/20260110T090000-demo-1\n", d4);
	CHECK("list-4.2", n == 2);
	CHECK_STR("list-4.3", b.data, want);
	free(want);
	store_list_free(v, n);
	diag_free(&d);
	buf_free(&b);
	store_close(st);
	free(d4);
}

static void
test_trash(void)
{
	struct store	*st;
	struct diag	 d;
	struct buf	 b;
	char		*cause = NULL, *p, *t = NULL, *text, *log, *orig;
	char		*want;

	st = store_open(ddir, &cause);
	p = xasprintf("%s/drafts/x.journal", ddir);
	put_file(p, "one\n");
	CHECK("trash-1.1", store_trash(st, p, &t, &cause) == 0);
	CHECK_STR("trash-1.2", t, "trash/x.journal");
	free(t);
	put_file(p, "two\n");
	CHECK("trash-1.3", store_trash(st, p, &t, &cause) == 0);
	CHECK_STR("trash-1.4", t, "trash/x.journal.1");
	free(t);
	CHECK("trash-1.5", access(p, F_OK) == -1);
	free(p);
	p = xasprintf("%s/trash/x.journal", ddir);
	text = slurp(p);
	CHECK_STR("trash-1.6", text, "one\n");
	free(text);
	free(p);
	p = xasprintf("%s/drafts/none.journal", ddir);
	CHECK("trash-1.7", store_trash(st, p, NULL, &cause) == -1);
	free(cause);
	cause = NULL;
	free(p);

	/* verify checks trash/ against the discard lines (issue 12, item
	 * 9): store_trash wrote none for the two above. */
	log = path_in(ddir, "audit.log");
	orig = slurp(log);
	diag_init(&d);
	buf_init(&b);
	CHECK("trash-2.1", store_audit_verify(st, &d) == 2);
	diag_format(&d, &b);
	want = xasprintf("%s/trash/x.journal: error: a discarded draft that "
	    "no discard line of the audit log names\n", ddir);
	CHECK("trash-2.2", strstr(b.data, want) != NULL &&
	    strstr(b.data, "/trash/x.journal.1: error: a discarded") != NULL);
	diag_free(&d);
	buf_reset(&b);
	/* A discard writes its line, and leaves no .pending. */
	p = xasprintf("%s/drafts/y.journal", ddir);
	put_file(p, "three\n");
	CHECK("trash-2.3", store_discard(st, p, &cause) == 0);
	free(p);
	text = slurp(log);
	CHECK("trash-2.4", strlen(text) > strlen(orig) &&
	    strstr(text + strlen(orig), "\tdiscard\ttrash/y.journal\t") !=
	    NULL);
	p = path_in(ddir, ".pending");
	CHECK("trash-2.5", access(p, F_OK) == -1);
	free(p);
	diag_init(&d);
	CHECK("trash-2.6", store_audit_verify(st, &d) == 2);
	diag_format(&d, &b);
	CHECK("trash-2.7", strstr(b.data, want) != NULL &&
	    strstr(b.data, "y.journal") == NULL);
	diag_free(&d);
	buf_reset(&b);
	/* Its line deleted (the last line: the chain cannot tell). */
	put_file(log, orig);
	diag_init(&d);
	CHECK("trash-2.8", store_audit_verify(st, &d) == 3);
	diag_format(&d, &b);
	CHECK("trash-2.9", strstr(b.data, "/trash/y.journal: error: a "
	    "discarded draft that no discard line of the audit log names\n") !=
	    NULL);
	diag_free(&d);
	buf_free(&b);
	free(want);
	/* Put back as it was for the tests after this one. */
	put_file(log, text);
	free(text);
	free(orig);
	free(log);
	p = xasprintf("rm -f '%s/trash/x.journal' '%s/trash/x.journal.1'",
	    ddir, ddir);
	CHECK("trash-2.10", system(p) == 0);
	free(p);
	store_close(st);
}

/* Four processes save ten sessions each in the same second. */
/*
 * What a writer killed in the middle of a save leaves (DATA/.pending,
 * written here by hand as store_save writes it) is finished by the next
 * store_lock (issue 12, items 1 and 2).
 */
static void
test_recover(void)
{
	struct store	*st;
	struct session	*s;
	struct diag	 d;
	struct buf	 b;
	char		*d4, *cause = NULL, *log, *full, *cut, *pend, *pfile;
	char		*file, *tmpf, *draft, *text, *p, hex[SHA256_HEX_LEN];
	const char	*name;

	d4 = path_in(tmp, "data-recover");
	st = store_open(d4, &cause);
	s = make(sc, "P050", "", 1);
	CHECK("recover-1.1", store_save(st, s, sc, "save", &cause) == 0);
	log = path_in(d4, "audit.log");
	pfile = path_in(d4, ".pending");
	full = slurp(log);
	cut = xstrdup(full);
	*cut = '\0';		/* the only line */
	file = store_session_path(st, s->id);
	sha256_file(file, hex);
	name = strrchr(file, '/') + 1;
	tmpf = xasprintf("%s/sessions/P050/.tmp-%s", d4, name);
	draft = xasprintf("%s/drafts/z.journal", d4);
	CHECK("recover-1.2", access(pfile, F_OK) == -1);

	/* Killed after the link: no audit line, the temporary file and
	 * the draft still there. */
	pend = xasprintf("rater-pending\t1\t%s\tsave\t%s\t%s\t.tmp-%s\t"
	    "z.journal\t%s\n", NOW, s->id, hex, name, s->rater);
	put_file(log, cut);
	put_file(pfile, pend);
	put_file(tmpf, "half");
	put_file(draft, "draft\n");
	diag_init(&d);
	buf_init(&b);
	CHECK("recover-2.1", store_audit_verify(st, &d) == 1);
	diag_format(&d, &b);
	p = xasprintf("%s: error: session %s is not in the audit log: its "
	    "save was interrupted (see .pending); the next save completes "
	    "it\n", file, s->id);
	CHECK_STR("recover-2.2", b.data, p);
	free(p);
	diag_free(&d);
	buf_reset(&b);
	CHECK("recover-2.3", store_lock(st, &cause) == 0);
	store_unlock(st);
	text = slurp(log);
	/* The same line, its time too. */
	CHECK_STR("recover-2.4", text, full);
	free(text);
	CHECK("recover-2.5", access(pfile, F_OK) == -1 &&
	    access(tmpf, F_OK) == -1 && access(draft, F_OK) == -1);
	diag_init(&d);
	CHECK("recover-2.6", store_audit_verify(st, &d) == 0);
	diag_free(&d);

	/* Killed after the audit line: nothing is added. */
	put_file(pfile, pend);
	put_file(draft, "draft\n");
	CHECK("recover-3.1", store_recover(st, &cause) == 0);
	text = slurp(log);
	CHECK_STR("recover-3.2", text, full);
	free(text);
	CHECK("recover-3.3", access(pfile, F_OK) == -1 &&
	    access(draft, F_OK) == -1);

	/* Killed before the link: the draft stays, to be resumed. */
	free(pend);
	pend = xasprintf("rater-pending\t1\t%s\tsave\tP050/" STEM "9\t%s\t"
	    ".tmp-" STEM "9.ini\tz.journal\t\n", NOW, hex);
	put_file(pfile, pend);
	put_file(draft, "draft\n");
	p = xasprintf("%s/sessions/P050/.tmp-" STEM "9.ini", d4);
	put_file(p, "half");
	CHECK("recover-4.1", store_recover(st, &cause) == 0);
	text = slurp(log);
	CHECK_STR("recover-4.2", text, full);
	free(text);
	CHECK("recover-4.3", access(pfile, F_OK) == -1 &&
	    access(p, F_OK) == -1 && access(draft, F_OK) == 0);
	free(p);

	/* A damaged intent is removed; a hostile one touches nothing. */
	put_file(pfile, "rater-pending\t1\tgarb");
	CHECK("recover-5.1", store_recover(st, &cause) == 0 &&
	    access(pfile, F_OK) == -1);
	free(pend);
	pend = xasprintf("rater-pending\t1\t%s\tsave\t%s\t%s\t\t"
	    "../../audit.log\t\n", NOW, s->id, hex);
	put_file(pfile, pend);
	CHECK("recover-5.2", store_recover(st, &cause) == 0 &&
	    access(pfile, F_OK) == -1 && access(log, F_OK) == 0);
	diag_init(&d);
	CHECK("recover-5.3", store_audit_verify(st, &d) == 0);
	diag_free(&d);
	buf_free(&b);

	free(pend);
	free(draft);
	free(tmpf);
	free(file);
	free(cut);
	free(full);
	free(pfile);
	free(log);
	session_free(s);
	store_close(st);
	free(d4);
}

static void
test_concurrent(void)
{
	struct store	*st;
	struct session	*s;
	struct diag	 d;
	char		*d5, *cause = NULL, *p, name[64];
	pid_t		 pids[4];
	int		 i, k, status, ok = 1, all = 1;

	d5 = path_in(tmp, "data5");
	st = store_open(d5, &cause);
	store_close(st);
	for (i = 0; i < 4; i++) {
		if ((pids[i] = fork()) == 0) {
			st = store_open(d5, &cause);
			for (k = 0; k < 10; k++) {
				s = make(sc, "P017", "", 1);
				if (store_save(st, s, sc, "save",
				    &cause) == -1)
					_exit(1);
				session_free(s);
			}
			store_close(st);
			_exit(0);
		}
	}
	for (i = 0; i < 4; i++) {
		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			ok = 0;
	}
	CHECK("conc-1.1", ok);
	p = xasprintf("%s/sessions/P017", d5);
	CHECK("conc-1.2", count_entries(p, "", ".ini") == 40);
	for (i = 1; i <= 40; i++) {
		char *f;

		snprintf(name, sizeof(name), STEM "%d.ini", i);
		f = path_in(p, name);
		if (access(f, F_OK) == -1)
			all = 0;
		free(f);
	}
	CHECK("conc-1.3", all);
	free(p);
	st = store_open(d5, &cause);
	diag_init(&d);
	CHECK("conc-1.4", store_audit_verify(st, &d) == 0 && d.n == 0);
	diag_free(&d);
	store_close(st);
	free(d5);
}

int
main(void)
{
	setup();
	test_open();
	test_ids();
	test_id_parts();
	test_save();
	test_failures();
	test_permissions();
	test_audit();
	test_list();
	test_trash();
	test_recover();
	test_workstation();
	test_concurrent();
	free(ddir);
	teardown();
	return harness_done("store");
}
