/*
 * sync.c: the data directory as a git working tree (sync.h).
 *
 * Git does the distribution; rater only decides what may be committed
 * and refuses what it cannot merge safely.  Every file rater shares is
 * write-once and named uniquely per workstation (session ids carry
 * "@WS", each workstation appends to its own audit/WS.log), so merges
 * never conflict; the archived scale files are named by their hash, so
 * two workstations that add one add the same bytes.  What must stay on
 * the workstation (drafts, trash, the list memo, caches, locks, the
 * workstation id) is kept out by the .gitignore rater writes, which
 * names what is shared rather than what is not.
 *
 * Locks: the sync lock (DATA/.git/rater-sync.lock, never waited for)
 * keeps two syncs apart; the store lock is held only while git changes
 * the working tree or the index (commit, merge), never while it talks
 * to the remote, so a save waits for a local merge at most.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsdir.h"
#include "git.h"
#include "sha256.h"
#include "sync.h"

#define INCOMING	"refs/rater/incoming"
#define KNOWN		"refs/rater/known"	/* last fetched or pushed (not
					   refs/remotes: fetch moves those) */
#define MAX_ARGS	24

static const char gitignore[] =
    "# Written by rater sync (rater-session(5), \"Several workstations\").\n"
    "# Only what is named here leaves this workstation: drafts, the\n"
    "# trash, the list memo, caches, locks and the workstation id stay.\n"
    "/*\n"
    "!/.gitignore\n"
    "!/.trial\n"
    "!/sessions/\n"
    "!/scales/\n"
    "!/audit/\n"
    ".tmp-*\n";

/* A file git status lists. */
struct change {
	char	 xy[3];
	char	*path;
};

static int	 gitv(struct store *, struct buf *, struct buf *,
		    const char *, size_t, ...);
static int	 git_ok(struct store *, struct buf *, char **, const char *,
		    ...);
static char	*author_of(const struct store *);
static int	 is_shared_new(const struct store *, const char *);
static int	 is_own_append(struct store *, const char *);
static int	 local_changes(struct store *, struct buf *, char **);
static int	 commit_new(struct store *, struct sync_report *, char **);
static int	 clean_locks(struct store *, struct sync_report *, char **);
static int	 fetch(struct store *, const char *, int *, char **);
static int	 check_remote(struct store *, int, char **);
static int	 merge(struct store *, int, struct sync_report *, char **);
static int	 push(struct store *, int *, char **);
static int	 exchange(struct store *, int, struct sync_report *, char **);
static char	*read_trial(const struct store *);
static int	 write_file_new(const char *, const char *, char **);
static int	 rm_entry(const char *, const struct stat *, int,
		    struct FTW *);
static char	*default_ws(void);
static int	 lock_sync(struct store *, char **);
static int	 rev_exists(struct store *, const char *);
static size_t	 unsent(struct store *);

int
sync_is_tree(const struct store *st)
{
	struct stat	 sb;
	char		*p;
	int		 r;

	p = xasprintf("%s/.git", st->dir);
	r = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
	free(p);
	return r;
}

int
sync_trial_is_valid(const char *s, char **cause)
{
	size_t	 len = strlen(s);

	if (len > 0 && len <= 64 && s[0] != '.' && s[0] != '-' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == len)
		return 1;
	if (cause != NULL)
		*cause = xstrdup("a trial id is 1 to 64 letters, digits, '.', "
		    "'-' and '_', not starting with '.' or '-'");
	return 0;
}

static char *
author_of(const struct store *st)
{
	return xasprintf("%s (rater, %s)", st->user, st->ws != NULL ? st->ws :
	    "no workstation id");
}

/* Runs git in DATA with the arguments (NULL-terminated) and stdin in;
 * git's exit status or -1 (could not run: the message goes to err). */
static int
gitv(struct store *st, struct buf *out, struct buf *err, const char *in,
    size_t inlen, ...)
{
	const char	*argv[MAX_ARGS + 1];
	char		*author, *cause = NULL;
	va_list		 ap;
	int		 n = 0, r;

	va_start(ap, inlen);
	while (n < MAX_ARGS && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	author = author_of(st);
	r = git_run(st->dir, author, argv, in, inlen, out, err, &cause);
	free(author);
	if (r == -1 && err != NULL) {
		buf_puts(err, "fatal: ");
		buf_puts(err, cause);
		buf_putc(err, '\n');
	}
	free(cause);
	return r;
}

/* The same, for a command that must succeed: 0, or -1 with *cause
 * "WHAT: git's message". */
static int
git_ok(struct store *st, struct buf *out, char **cause, const char *what,
    ...)
{
	const char	*argv[MAX_ARGS + 1];
	struct buf	 err;
	char		*author, *c = NULL, *m;
	va_list		 ap;
	int		 n = 0, r;

	va_start(ap, what);
	while (n < MAX_ARGS && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	buf_init(&err);
	author = author_of(st);
	r = git_run(st->dir, author, argv, NULL, 0, out, &err, &c);
	free(author);
	if (r != 0) {
		m = c != NULL ? c : git_message(&err);
		*cause = xasprintf("%s: %s", what, m);
		free(m);
		r = -1;
	}
	buf_free(&err);
	return r;
}

static int
rev_exists(struct store *st, const char *ref)
{
	return gitv(st, NULL, NULL, NULL, 0, "rev-parse", "-q", "--verify",
	    ref, NULL) == 0;
}

/* Whether path (relative to DATA) is a file rater writes once and
 * shares: a session, an archived scale, this workstation's chain. */
static int
is_shared_new(const struct store *st, const char *path)
{
	const char	*p;
	char		*id, *ws;
	size_t		 len = strlen(path);
	int		 ok;

	if (strncmp(path, "sessions/", 9) == 0) {
		if (len < 14 || strcmp(path + len - 4, ".ini") != 0)
			return 0;
		id = xstrndup(path + 9, len - 13);
		ok = strchr(id, '/') == strrchr(id, '/') &&
		    store_session_id_is_valid(id, NULL);
		free(id);
		return ok;
	}
	if (strncmp(path, "scales/", 7) == 0) {
		p = path + 7;
		if (strlen(p) < 66 || p[64] != '/')
			return 0;
		id = xstrndup(p, 64);
		ok = sha256_hex_is_valid(id);
		free(id);
		len = strlen(p + 65);
		if (!ok || len < 5 || strcmp(p + 65 + len - 4, ".ini") != 0)
			return 0;
		id = xstrndup(p + 65, len - 4);
		ok = store_scale_id_is_valid(id, NULL);
		free(id);
		return ok;
	}
	if (strcmp(path, ".gitignore") == 0 || strcmp(path, ".trial") == 0)
		return 1;	/* untracked: written by sync --remote */
	if (st->ws == NULL)
		return 0;
	ws = xasprintf("audit/%s.log", st->ws);
	ok = strcmp(path, ws) == 0;
	free(ws);
	return ok;
}

/* Whether the tracked file path is this workstation's chain, grown
 * only at its end since the last commit. */
static int
is_own_append(struct store *st, const char *path)
{
	struct buf	 old;
	char		*ws, *rev, *text;
	size_t		 len;
	int		 ok = 0;

	ws = st->ws != NULL ? xasprintf("audit/%s.log", st->ws) : NULL;
	if (ws == NULL || strcmp(path, ws) != 0) {
		free(ws);
		return 0;
	}
	buf_init(&old);
	rev = xasprintf("HEAD:%s", path);
	text = xasprintf("%s/%s", st->dir, path);
	if (gitv(st, &old, NULL, NULL, 0, "cat-file", "blob", rev,
	    NULL) == 0) {
		free(rev);
		rev = read_file_max(text, FSDIR_MAX_LOG, &len);
		ok = rev != NULL && len >= old.len && (old.len == 0 ||
		    memcmp(rev, old.data, old.len) == 0);
	}
	free(rev);
	free(text);
	free(ws);
	buf_free(&old);
	return ok;
}

/*
 * git status: the paths rater may commit (NUL-separated, into add);
 * any other change is refused, naming the files.  0, or -1 with *cause.
 */
static int
local_changes(struct store *st, struct buf *add, char **cause)
{
	struct buf	 out, bad;
	char		*p, *end, *path, *c = NULL;
	size_t		 nbad = 0;
	int		 rc = 0, ok;

	buf_init(&out);
	buf_init(&bad);
	if (git_ok(st, &out, &c, "cannot read the state of the data "
	    "directory", "status", "--porcelain=v1", "-z", "--no-renames",
	    "--untracked-files=all", NULL) == -1) {
		*cause = c;
		buf_free(&out);
		return -1;
	}
	p = out.data;
	end = p != NULL ? p + out.len : p;
	for (; p != NULL && p + 3 < end; p = path + strlen(path) + 1) {
		path = p + 3;
		if (p[0] == '?' && p[1] == '?')
			ok = is_shared_new(st, path);
		else if (p[0] == 'A' && (p[1] == ' ' || p[1] == 'M'))
			ok = is_shared_new(st, path);
		else if ((p[0] == ' ' || p[0] == 'M') &&
		    (p[1] == 'M' || p[1] == ' '))
			ok = is_own_append(st, path);
		else
			ok = 0;
		if (ok) {
			buf_puts(add, path);
			buf_putc(add, '\0');
			continue;
		}
		if (nbad++ < 10)
			buf_printf(&bad, "%s%s (%s)", nbad > 1 ? ", " : "",
			    path, p[0] == '?' ? "not a file rater writes" :
			    p[0] == 'D' || p[1] == 'D' ? "deleted" :
			    "changed");
	}
	if (nbad > 0) {
		*cause = xasprintf("the data directory has changes rater did "
		    "not make: %s%s; nothing was committed or exchanged (see "
		    "git -C %s status; restore or remove them)", bad.data,
		    nbad > 10 ? ", ..." : "", st->dir);
		rc = -1;
	}
	buf_free(&bad);
	buf_free(&out);
	return rc;
}

/* Under the store lock: commits what rater added since the last commit.
 * Stale git lock files of a killed git are removed first. */
static int
commit_new(struct store *st, struct sync_report *r, char **cause)
{
	struct buf	 add;
	char		*msg, *p;
	size_t		 n = 0;
	int		 rc = -1;

	if (clean_locks(st, r, cause) == -1)
		return -1;
	buf_init(&add);
	if (local_changes(st, &add, cause) == -1)
		goto out;
	for (p = add.data; p != NULL && p < add.data + add.len;
	    p += strlen(p) + 1)
		n++;
	if (n == 0) {
		rc = 0;
		goto out;
	}
	if (gitv(st, NULL, NULL, add.data, add.len, "add",
	    "--pathspec-from-file=-", "--pathspec-file-nul", NULL) != 0) {
		*cause = xstrdup("cannot commit the new files: git add "
		    "failed");
		goto out;
	}
	msg = xasprintf("rater sync at %s: %zu file%s", st->ws, n, n == 1 ?
	    "" : "s");
	rc = git_ok(st, NULL, cause, "cannot commit the new files", "commit",
	    "-q", "--no-verify", "-m", msg, NULL);
	free(msg);
	if (rc == 0)
		r->committed = n;
out:
	buf_free(&add);
	return rc;
}

int
sync_commit_saved(struct store *st, const char *const *paths,
    const char *msg, char **cause)
{
	const char	*argv[16];
	char		*author;
	int		 n = 0, i, r;

	argv[n++] = "add";
	argv[n++] = "--";
	for (i = 0; paths[i] != NULL && n < 12; i++)
		argv[n++] = paths[i];
	argv[n] = NULL;
	author = author_of(st);
	r = git_run(st->dir, author, argv, NULL, 0, NULL, NULL, cause);
	if (r == 0) {
		n = 0;
		argv[n++] = "commit";
		argv[n++] = "-q";
		argv[n++] = "--no-verify";
		argv[n++] = "-m";
		argv[n++] = msg;
		argv[n++] = "--";
		for (i = 0; paths[i] != NULL && n < 15; i++)
			argv[n++] = paths[i];
		argv[n] = NULL;
		r = git_run(st->dir, author, argv, NULL, 0, NULL, NULL,
		    cause);
	}
	free(author);
	if (r > 0)
		*cause = xasprintf("git exited with status %d", r);
	return r == 0 ? 0 : -1;
}

/*
 * Git's lock files in DATA/.git: under the store lock and the sync lock
 * no git of rater's runs there, so one older than SYNC_STALE_LOCK
 * seconds was left by a killed git and is removed; a younger one is
 * some other git at work, and the sync stops.
 */
static int
clean_locks(struct store *st, struct sync_report *r, char **cause)
{
	static const char *const locks[] = {
		"index.lock", "HEAD.lock", "ORIG_HEAD.lock",
		"refs/heads/main.lock", "refs/remotes/origin/main.lock",
		"refs/rater/known.lock",
		"refs/rater/incoming.lock", "packed-refs.lock", "config.lock"
	};
	struct stat	 sb;
	char		*p;
	size_t		 i;
	time_t		 now = time(NULL);

	for (i = 0; i < nitems(locks); i++) {
		p = xasprintf("%s/.git/%s", st->dir, locks[i]);
		if (lstat(p, &sb) == 0) {
			if (now - sb.st_mtime < SYNC_STALE_LOCK) {
				*cause = xasprintf("git is at work in the "
				    "data directory (%s is %lds old); try "
				    "again in a minute", p,
				    (long)(now - sb.st_mtime));
				free(p);
				return -1;
			}
			if (unlink(p) == 0)
				r->stale++;
		}
		free(p);
	}
	return 0;
}

/* Fetches the remote's main into INCOMING; *empty when it has none.
 * -1 with *cause when the remote cannot be reached. */
static int
fetch(struct store *st, const char *url, int *empty, char **cause)
{
	struct buf	 err;
	char		*m;
	int		 r;

	*empty = 0;
	buf_init(&err);
	r = gitv(st, NULL, &err, NULL, 0, "fetch", "-q", "--no-tags",
	    "--no-write-fetch-head", "origin",
	    "+refs/heads/main:" INCOMING, NULL);
	if (r != 0 && err.data != NULL &&
	    strstr(err.data, "couldn't find remote ref") != NULL) {
		*empty = 1;
		gitv(st, NULL, NULL, NULL, 0, "update-ref", "-d", INCOMING,
		    NULL);
		r = 0;
	} else if (r != 0) {
		m = git_message(&err);
		*cause = xasprintf("cannot reach the remote %s: %s", url, m);
		free(m);
		r = -1;
	}
	buf_free(&err);
	return r;
}

static char *
read_trial(const struct store *st)
{
	char	*p, *t;
	size_t	 len;

	p = xasprintf("%s/.trial", st->dir);
	t = read_file_max(p, 256, &len);
	free(p);
	if (t != NULL && len > 0 && t[len - 1] == '\n')
		t[len - 1] = '\0';
	return t;
}

/*
 * What was fetched: of this trial, and containing what this
 * workstation last fetched or pushed (KNOWN): a remote whose history
 * was rewritten is refused.
 */
static int
check_remote(struct store *st, int empty, char **cause)
{
	struct buf	 out;
	char		*trial, *url = NULL;
	int		 r, rc = -1;

	buf_init(&out);
	gitv(st, &out, NULL, NULL, 0, "config", "--get", "remote.origin.url",
	    NULL);
	if (out.data != NULL) {
		out.data[strcspn(out.data, "\n")] = '\0';
		url = xstrdup(out.data);
	}
	buf_reset(&out);
	if (empty) {
		if (rev_exists(st, KNOWN)) {
			*cause = xasprintf("the remote %s is empty, but this "
			    "workstation has fetched from it before: its "
			    "history was removed; nothing was exchanged "
			    "(restore the repository from a backup)", url);
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (rev_exists(st, KNOWN)) {
		r = gitv(st, NULL, NULL, NULL, 0, "merge-base",
		    "--is-ancestor", KNOWN, INCOMING, NULL);
		if (r != 0) {
			*cause = xasprintf("the history of the remote %s was "
			    "rewritten: it no longer contains the commit "
			    "this workstation last exchanged with it; "
			    "nothing was merged or pushed (restore the "
			    "repository from a backup, or ask the data "
			    "manager)", url);
			goto out;
		}
	}
	trial = read_trial(st);
	r = gitv(st, &out, NULL, NULL, 0, "cat-file", "blob",
	    INCOMING ":.trial", NULL);
	if (out.data != NULL)
		out.data[strcspn(out.data, "\n")] = '\0';
	if (r != 0 || trial == NULL) {
		*cause = xasprintf("the remote %s holds no trial id (.trial): "
		    "it is not a rater data repository; nothing was "
		    "exchanged", url);
	} else if (strcmp(out.data, trial) != 0) {
		*cause = xasprintf("the remote %s holds the data of trial "
		    "'%.64s', this data directory is of trial '%s'; "
		    "nothing was exchanged", url, out.data, trial);
	} else
		rc = 0;
	free(trial);
out:
	free(url);
	buf_free(&out);
	return rc;
}

/* Under the store lock: merges INCOMING.  A conflict (only a change
 * made outside rater can cause one) is undone and reported. */
static int
merge(struct store *st, int unrelated, struct sync_report *r, char **cause)
{
	struct buf	 out, err;
	char		*msg, *old, *m, *p;
	int		 rc = -1, s;

	if (gitv(st, NULL, NULL, NULL, 0, "merge-base", "--is-ancestor",
	    INCOMING, "HEAD", NULL) == 0)
		return 0;
	buf_init(&out);
	buf_init(&err);
	gitv(st, &out, NULL, NULL, 0, "rev-parse", "-q", "--verify", "HEAD",
	    NULL);
	old = out.data != NULL ? xstrndup(out.data, strcspn(out.data,
	    "\n")) : NULL;
	buf_reset(&out);
	msg = xasprintf("rater sync at %s: merge", st->ws);
	if (old == NULL)
		s = gitv(st, NULL, &err, NULL, 0, "reset", "-q", "--keep",
		    INCOMING, NULL);
	else
		s = gitv(st, &out, &err, NULL, 0, "merge", "-q", "--no-edit",
		    "--no-verify", unrelated ? "--allow-unrelated-histories" :
		    "--ff", "-m", msg, INCOMING, NULL);
	if (s != 0) {
		if (old != NULL)
			gitv(st, NULL, NULL, NULL, 0, "merge", "--abort",
			    NULL);
		m = out.data != NULL && strstr(out.data, "CONFLICT") ?
		    xstrndup(strstr(out.data, "CONFLICT"), strcspn(strstr(
		    out.data, "CONFLICT"), "\n")) : git_message(&err);
		*cause = xasprintf("cannot merge the remote's data: %s; "
		    "the merge was undone, nothing was pushed", m);
		free(m);
		goto out;
	}
	buf_reset(&out);
	if (old != NULL)
		gitv(st, &out, NULL, NULL, 0, "diff", "--name-only", "-z",
		    "--diff-filter=A", "--no-renames", old, "HEAD", "--",
		    "sessions", NULL);
	else
		gitv(st, &out, NULL, NULL, 0, "ls-files", "-z", "--",
		    "sessions", NULL);
	for (p = out.data; p != NULL && p < out.data + out.len;
	    p += strlen(p) + 1)
		r->received++;
	rc = 0;
out:
	free(msg);
	free(old);
	buf_free(&out);
	buf_free(&err);
	return rc;
}

/* Pushes HEAD to the remote's main: 0, 1 when refused because the
 * remote moved on (fetch and try again), -1 with *cause. */
static int
push(struct store *st, int *nothing, char **cause)
{
	struct buf	 err;
	char		*m;
	int		 r;

	*nothing = 0;
	if (rev_exists(st, INCOMING) && gitv(st, NULL, NULL, NULL, 0,
	    "merge-base", "--is-ancestor", "HEAD", INCOMING, NULL) == 0) {
		*nothing = 1;
		return 0;
	}
	buf_init(&err);
	r = gitv(st, NULL, &err, NULL, 0, "push", "-q", "--no-verify",
	    "origin", "HEAD:refs/heads/main", NULL);
	if (r != 0 && err.data != NULL && (strstr(err.data, "[rejected]") ||
	    strstr(err.data, "non-fast-forward") ||
	    strstr(err.data, "fetch first") ||
	    strstr(err.data, "cannot lock ref"))) {
		buf_free(&err);
		return 1;
	}
	if (r != 0) {
		m = git_message(&err);
		*cause = xasprintf("cannot push to the remote: %s", m);
		free(m);
		r = -1;
	}
	buf_free(&err);
	return r;
}

/* Fetch, check, merge, push; again while the push is refused. */
static int
exchange(struct store *st, int unrelated, struct sync_report *r,
    char **cause)
{
	struct buf	 out;
	char		*url, *c = NULL;
	int		 empty, tries, p, nothing;

	buf_init(&out);
	gitv(st, &out, NULL, NULL, 0, "config", "--get", "remote.origin.url",
	    NULL);
	url = out.data != NULL ? xstrndup(out.data, strcspn(out.data, "\n")) :
	    xstrdup("(none)");
	buf_free(&out);
	for (tries = 0; tries < SYNC_TRIES; tries++) {
		if (fetch(st, url, &empty, cause) == -1) {
			r->offline = 1;
			goto fail;
		}
		if (check_remote(st, empty, cause) == -1)
			goto fail;
		if (!empty) {
			if (store_lock(st, &c) == -1) {
				*cause = xasprintf("cannot merge: %s", c);
				free(c);
				goto fail;
			}
			p = merge(st, unrelated, r, cause);
			store_unlock(st);
			if (p == -1)
				goto fail;
			gitv(st, NULL, NULL, NULL, 0, "update-ref", KNOWN,
			    INCOMING, NULL);
		}
		if ((p = push(st, &nothing, cause)) == -1) {
			r->offline = 1;
			goto fail;
		}
		if (p == 0) {
			if (!nothing)
				r->sent++;
			gitv(st, NULL, NULL, NULL, 0, "update-ref", KNOWN,
			    "HEAD", NULL);
			r->pushed = 1;
			free(url);
			return 0;
		}
		r->retries++;
	}
	*cause = xasprintf("the remote %s refused the push %d times (other "
	    "workstations kept pushing first); run rater sync again", url,
	    SYNC_TRIES);
fail:
	free(url);
	return -1;
}

/* Commits of HEAD the remote did not have when last seen. */
static size_t
unsent(struct store *st)
{
	struct buf	 out;
	size_t		 n = 0;

	buf_init(&out);
	if (gitv(st, &out, NULL, NULL, 0, "rev-list", "--count", "HEAD",
	    rev_exists(st, KNOWN) ? "^" KNOWN : "--", NULL) == 0 &&
	    out.data != NULL)
		n = (size_t)strtoul(out.data, NULL, 10);
	buf_free(&out);
	return n;
}

/* The sync lock: one sync at a time in a data directory. */
static int
lock_sync(struct store *st, char **cause)
{
	char	*p;
	int	 fd;

	p = xasprintf("%s/.git/rater-sync.lock", st->dir);
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(p);
	if (fd == -1) {
		*cause = xasprintf("cannot lock the data directory for sync: "
		    "%s", strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		close(fd);
		*cause = xstrdup("another rater sync is running in this data "
		    "directory");
		return -1;
	}
	return fd;
}

int
sync_run(struct store *st, struct sync_report *r, char **cause)
{
	char	*c = NULL;
	int	 fd, rc = -1;

	memset(r, 0, sizeof(*r));
	if (!sync_is_tree(st)) {
		*cause = xasprintf("%s is not synchronised: run rater sync "
		    "--remote URL --trial ID first", st->dir);
		return -1;
	}
	if (st->ws == NULL) {
		*cause = xasprintf("%s is a git working tree without a "
		    "workstation id (.workstation): run rater sync --remote "
		    "URL", st->dir);
		return -1;
	}
	if ((fd = lock_sync(st, cause)) == -1)
		return -1;
	if (store_lock(st, &c) == -1) {
		*cause = xasprintf("cannot commit: %s", c);
		free(c);
		goto out;
	}
	rc = commit_new(st, r, cause);
	store_unlock(st);
	if (rc == 0)
		rc = exchange(st, 0, r, cause);
	/* Saves commit without git's automatic housekeeping (it would
	 * double their time); a sync packs the loose objects when git's
	 * default threshold says so. */
	if (rc == 0)
		gitv(st, NULL, NULL, NULL, 0, "-c", "gc.auto=6700", "gc",
		    "--auto", "--quiet", NULL);
	if (rc == -1 && r->offline)
		r->unsent = unsent(st);
out:
	close(fd);
	return rc;
}

static int
rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	return remove(path);
}

/* Writes path with text, 0600, unless it exists with that text. */
static int
write_file_new(const char *path, const char *text, char **cause)
{
	char	*old, *tmp;
	int	 fd, rc = -1;

	old = read_file_max(path, 65536, NULL);
	if (old != NULL && strcmp(old, text) == 0) {
		free(old);
		return 0;
	}
	free(old);
	tmp = xasprintf("%s.tmp-sync", path);
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd != -1 && store_write_all(fd, text, strlen(text)) == 0 &&
	    fsync(fd) == 0 && close(fd) == 0 && rename(tmp, path) == 0)
		rc = 0;
	else {
		*cause = xasprintf("cannot write %s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

/* This host's name in [a-z0-9], at most STORE_WS_MAX bytes. */
static char *
default_ws(void)
{
	char	 host[256], ws[STORE_WS_MAX + 1];
	size_t	 i, k = 0;

	if (gethostname(host, sizeof(host)) == -1)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	for (i = 0; host[i] != '\0' && host[i] != '.' && k < STORE_WS_MAX;
	    i++)
		if ((host[i] >= 'a' && host[i] <= 'z') ||
		    (host[i] >= '0' && host[i] <= '9'))
			ws[k++] = host[i];
		else if (host[i] >= 'A' && host[i] <= 'Z')
			ws[k++] = (char)(host[i] - 'A' + 'a');
	ws[k] = '\0';
	return xstrdup(k > 0 ? ws : "ws");
}

int
sync_setup(struct store *st, const char *url, const char *trial,
    const char *ws, struct sync_report *r, char **cause)
{
	struct buf	 out;
	char		*have, *want_ws, *gitdir, *p, *q, *c = NULL;
	int		 fd = -1, empty, rc = -1, made = 0;

	memset(r, 0, sizeof(*r));
	if (*url == '\0' || *url == '-') {
		*cause = xstrdup("the remote must be a path or an ssh URL");
		return -1;
	}
	if (trial != NULL && !sync_trial_is_valid(trial, cause))
		return -1;
	if (ws != NULL && !store_workstation_is_valid(ws, cause))
		return -1;
	have = read_trial(st);
	if (trial != NULL && have != NULL && strcmp(trial, have) != 0) {
		*cause = xasprintf("this data directory is of trial '%s', not "
		    "'%s'", have, trial);
		free(have);
		return -1;
	}
	if (trial == NULL && have == NULL) {
		*cause = xstrdup("a data directory without a trial id needs "
		    "--trial ID (the same at every workstation of the "
		    "trial)");
		return -1;
	}
	if (ws != NULL && st->ws != NULL && strcmp(ws, st->ws) != 0) {
		*cause = xasprintf("this data directory is workstation %s "
		    "already", st->ws);
		free(have);
		return -1;
	}
	want_ws = ws != NULL ? xstrdup(ws) : st->ws != NULL ?
	    xstrdup(st->ws) : default_ws();
	gitdir = xasprintf("%s/.git", st->dir);
	buf_init(&out);
	if (sync_is_tree(st)) {
		gitv(st, &out, NULL, NULL, 0, "config", "--get",
		    "remote.origin.url", NULL);
		p = out.data != NULL ? xstrndup(out.data, strcspn(out.data,
		    "\n")) : xstrdup("");
		if (strcmp(p, url) != 0) {
			*cause = xasprintf("this data directory synchronises "
			    "with %s already", *p != '\0' ? p : "(no remote)");
			free(p);
			goto out;
		}
		free(p);
		if (st->ws == NULL && store_set_workstation(st, want_ws,
		    cause) == -1)
			goto out;
		rc = sync_run(st, r, cause);
		goto out;
	}
	/* A new working tree: nothing in DATA but .git changes until the
	 * remote is known to be of this trial. */
	if (git_ok(st, NULL, cause, "cannot make the data directory a git "
	    "working tree", "init", "-q", "--shared=0600", "-b", "main",
	    NULL) == -1)
		goto out;
	made = 1;
	if ((fd = lock_sync(st, cause)) == -1 ||
	    git_ok(st, NULL, cause, "cannot set the remote", "remote", "add",
	    "origin", url, NULL) == -1)
		goto out;
	if (fetch(st, url, &empty, cause) == -1) {
		r->offline = 1;
		goto out;
	}
	if (!empty) {
		/* Its trial, before this one's is written. */
		buf_reset(&out);
		gitv(st, &out, NULL, NULL, 0, "cat-file", "blob",
		    INCOMING ":.trial", NULL);
		p = out.data != NULL ? xstrndup(out.data, strcspn(out.data,
		    "\n")) : NULL;
		q = have != NULL ? have : (char *)trial;
		if (p == NULL || strcmp(p, q) != 0) {
			*cause = p == NULL ? xasprintf("the remote %s holds "
			    "no trial id (.trial): it is not a rater data "
			    "repository; nothing was changed", url) :
			    xasprintf("the remote %s holds the data of trial "
			    "'%.64s', not '%s'; nothing was changed", url, p,
			    q);
			free(p);
			goto out;
		}
		free(p);
		p = xasprintf(INCOMING ":audit/%s.log", want_ws);
		empty = gitv(st, NULL, NULL, NULL, 0, "cat-file", "-e", p,
		    NULL);
		free(p);
		if (empty == 0 && st->ws == NULL) {
			*cause = xasprintf("the remote %s has a workstation "
			    "%s already: choose another id with "
			    "--workstation; nothing was changed", url,
			    want_ws);
			goto out;
		}
	}
	/* Ours: the workstation id, the trial id, what is shared; an
	 * audit.log made before becomes this workstation's chain, as it
	 * is (renamed, not rewritten). */
	if (store_lock(st, &c) == -1) {
		*cause = c;
		goto out;
	}
	p = xasprintf("%s/audit.log", st->dir);
	q = xasprintf("%s/audit/%s.log", st->dir, want_ws);
	if ((st->ws != NULL || store_set_workstation(st, want_ws,
	    &c) == 0) && access(p, F_OK) == 0 && access(q, F_OK) == -1 &&
	    rename(p, q) == -1)
		c = xasprintf("cannot move %s to %s: %s", p, q,
		    strerror(errno));
	free(p);
	free(q);
	/* The chain, empty until the first save: it claims the
	 * workstation id in the repository. */
	if (c == NULL && access(st->audit, F_OK) == -1)
		write_file_new(st->audit, "", &c);
	if (c == NULL) {
		p = xasprintf("%s/.gitignore", st->dir);
		q = xasprintf("%s/.trial", st->dir);
		if (write_file_new(p, gitignore, &c) == 0 && have == NULL) {
			have = xasprintf("%s\n", trial);
			write_file_new(q, have, &c);
		}
		free(p);
		free(q);
	}
	if (c != NULL)
		*cause = c;
	else {
		made = 0;
		rc = commit_new(st, r, cause);
	}
	store_unlock(st);
	if (rc == 0)
		rc = exchange(st, 1, r, cause);
out:
	/* A refused remote: DATA as it was (nftw's failure leaves a .git
	 * that the next sync --remote reports). */
	if (made && rc == -1)
		nftw(gitdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (fd != -1)
		close(fd);
	buf_free(&out);
	free(gitdir);
	free(want_ws);
	free(have);
	return rc;
}
