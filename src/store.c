/*
 * store.c: the data directory: layout, ids, atomic never-overwriting
 * saves, the lock, listing, the trash.  The hash-chained audit log and
 * the checks of verify are in audit.c.
 *
 * Durability: every file is written under a temporary name in its final
 * directory, fsync'd, then link(2)ed to its final name (link fails with
 * EEXIST instead of replacing), and the directory is fsync'd.  Failure
 * at any step removes what was made.  A save (and a discard) first
 * records its intent in DATA/.pending, which it removes last; a process
 * killed in between leaves it, and the next store_lock finishes the
 * save (recover).  See rater-session(5), "Saving".
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "fsdir.h"
#include "session.h"
#include "sha256.h"
#include "store.h"
#include "table.h"
#include "sync.h"

#define MAX_N		100000	/* highest -<n> tried for one second */
#define PENDING_MAGIC	"rater-pending"
#define PENDING_FIELDS	9
#define TMP_AGE		60	/* seconds before a .tmp-* is a leftover */

/* Listing state. */
struct lister {
	struct store			*st;
	const struct store_filter	*f;
	char				 since[9], until[9];
	int				(*cb)(struct session *, void *);
	void				*arg;
	struct diag			*d;
	int				 stop;
};

/*
 * The intent of a save or discard in progress, DATA/.pending: written
 * and flushed before the file is linked, removed once its audit line is
 * written (and the draft removed).  See store_lock and rater-session(5).
 */
struct pending {
	char		 time[SESSION_TIME_LEN];
	const char	*action;	/* save, amend or discard */
	const char	*id;		/* session id, or trash/NAME */
	const char	*sha256;	/* of the file as written */
	const char	*tmp;		/* .tmp-NAME in the file's directory,
					   or "" */
	const char	*draft;		/* NAME.journal in drafts/, or "" */
	const char	*person;	/* named in the audit line after the
					   login, or NULL/"" */
};

/* Collector of store_list_all. */
struct collect {
	struct session	**v;
	size_t		  n;
};

static int	 mkdir_p(const char *, char **);
static int	 mkdir_one(const char *, int *, char **, const char *);
static int	 create_new(struct store *, const char *, const char *,
		    const char *, size_t, const char *, struct pending *,
		    char **);
static int	 lock_fd(struct store *, int, char **);
static int	 pending_write(struct store *, const struct pending *,
		    char **);
static void	 pending_clear(struct store *);
static int	 pending_read(struct store *, struct pending *, char **);
static int	 pending_is_valid(const struct pending *);
static char	*pending_file(const struct store *, const struct pending *);
static int	 recover(struct store *, char **);
static void	 clean_tmp(const char *, const char *, time_t);
static void	 unlink_draft(struct store *, const char *, const char *);
static int	 move_to_trash(struct store *, const char *, struct pending *,
		    char **, char **);
static char	*sanitize(const char *);
static int	 id_tail(const char *, int *);
static int	 ws_suffix(const char **);
static int	 read_workstation(struct store *, char **);
static void	 commit_saved(struct store *, const char *, const char *,
		    const char *, const char *);
static int	 date_arg(const char *, char[9], char **);
static void	 list_patient(struct lister *, const char *);
static int	 collect_cb(struct session *, void *);

int
store_write_all(int fd, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
store_fsync_dir(const char *dir)
{
	int	 fd, saved;

	if ((fd = fsdir_open(dir, O_RDONLY | O_DIRECTORY, 0)) == -1)
		return -1;
	if (fsync(fd) == -1 && errno != EINVAL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return 0;
}

/* A copy of s for messages: at most 40 characters, UTF-8 kept, control
 * characters and bytes that are not UTF-8 as '?' (str_shown). */
static char *
sanitize(const char *s)
{
	char	 t[40 * 4 + 8];

	return xstrdup(str_shown(t, sizeof(t), s, strlen(s), 40));
}

/* Ids. */

int
store_patient_id_is_valid(const char *id, char **cause)
{
	const char	*p, *why = NULL;
	char		*shown;
	size_t		 len = strlen(id);

	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_'))
			break;
	if (len == 0)
		why = "must not be empty";
	else if (len > 64)
		why = "is longer than 64 bytes";
	else if (*p != '\0')
		why = "may contain only letters, digits, '.', '-' and '_'";
	else if (id[0] == '.' || id[0] == '-')
		why = "may not start with '.' or '-'";
	else if (strstr(id, "..") != NULL)
		why = "may not contain '..'";
	if (why == NULL)
		return 1;
	if (cause != NULL) {
		shown = sanitize(id);
		*cause = xasprintf("patient id '%s' %s", shown, why);
		free(shown);
	}
	return 0;
}

int
store_scale_id_is_valid(const char *id, char **cause)
{
	const char	*p, *why = NULL;
	char		*shown;
	size_t		 len = strlen(id);

	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_'))
			break;
	if (len == 0)
		why = "must not be empty";
	else if (len > 64)
		why = "is longer than 64 bytes";
	else if (*p != '\0')
		why = "may contain only a-z, 0-9, '-' and '_'";
	if (why == NULL)
		return 1;
	if (cause != NULL) {
		shown = sanitize(id);
		*cause = xasprintf("scale id '%s' %s", shown, why);
		free(shown);
	}
	return 0;
}

/*
 * What follows the last '-' of a session id: N (1.., no leading zero,
 * at most 6 digits), then "@WS" (the workstation that saved it), then,
 * for a revision from 2, ".rR" and "@WS" (the workstation that amended
 * it), each optional.  Returns 1 with *rev (R, or 0 without ".rR"), or
 * 0.
 */
/* Skips "@WS" at *p, if there: 1, or 0 when it is not a valid one. */
static int
ws_suffix(const char **p)
{
	size_t	 len;

	if (**p != '@')
		return 1;
	len = strspn(*p + 1, "abcdefghijklmnopqrstuvwxyz0123456789");
	if (len == 0 || len > STORE_WS_MAX)
		return 0;
	*p += 1 + len;
	return 1;
}

static int
id_tail(const char *p, int *rev)
{
	size_t	 len;

	*rev = 0;
	len = strspn(p, "0123456789");
	if (p[0] < '1' || p[0] > '9' || len > 6)
		return 0;
	p += len;
	if (!ws_suffix(&p))
		return 0;
	if (*p == '\0')
		return 1;
	if (p[0] != '.' || p[1] != 'r' || p[2] < '1' || p[2] > '9')
		return 0;
	p += 2;
	len = strspn(p, "0123456789");
	if (len > 6)
		return 0;
	*rev = (int)strtol(p, NULL, 10);
	p += len;
	return ws_suffix(&p) && *p == '\0' && *rev >= 2;
}

int
store_workstation_is_valid(const char *ws, char **cause)
{
	size_t	 len = strlen(ws);
	char	*shown;

	if (len > 0 && len <= STORE_WS_MAX && strspn(ws,
	    "abcdefghijklmnopqrstuvwxyz0123456789") == len)
		return 1;
	if (cause != NULL) {
		shown = sanitize(ws);
		*cause = xasprintf("workstation id '%s' is not 1 to %d "
		    "letters a-z and digits", shown, STORE_WS_MAX);
		free(shown);
	}
	return 0;
}

int
store_session_id_is_valid(const char *id, char **cause)
{
	const char	*slash, *rest, *dash;
	char		*patient, *scale, *shown;
	int		 ok = 0, i, rev;

	if ((slash = strchr(id, '/')) == NULL)
		goto out;
	patient = xstrndup(id, (size_t)(slash - id));
	ok = store_patient_id_is_valid(patient, NULL);
	free(patient);
	rest = slash + 1;
	for (i = 0; ok && i < 15; i++)
		if (i == 8 ? rest[i] != 'T' : (rest[i] < '0' || rest[i] > '9'))
			ok = 0;
	if (!ok || rest[15] != '-' || (dash = strrchr(rest, '-')) ==
	    rest + 15) {
		ok = 0;
		goto out;
	}
	/* The number, the workstation, the revision (id_tail). */
	if (!id_tail(dash + 1, &rev)) {
		ok = 0;
		goto out;
	}
	scale = xstrndup(rest + 16, (size_t)(dash - rest - 16));
	ok = store_scale_id_is_valid(scale, NULL);
	free(scale);
out:
	if (!ok && cause != NULL) {
		shown = sanitize(id);
		*cause = xasprintf("session id '%s' is not PATIENT/"
		    "YYYYMMDDTHHMMSS-SCALE-N[@WS][.rR[@WS]]", shown);
		free(shown);
	}
	return ok;
}

/* Directories. */

/* Makes one directory (0700); *made says whether it was new. */
static int
mkdir_one(const char *path, int *made, char **cause, const char *what)
{
	struct stat	 sb;
	int		 saved;

	if (made != NULL)
		*made = 0;
	if (fsdir_mkdir(path, 0700) == 0) {
		if (made != NULL)
			*made = 1;
		return 0;
	}
	if (errno == EEXIST && fsdir_stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return 0;
		errno = S_ISLNK(sb.st_mode) ? ELOOP : ENOTDIR;
	}
	saved = errno;
	*cause = xasprintf("%s: %s (creating %s)", what,
	    fsdir_strerror(saved), path);
	errno = saved;
	return -1;
}

static int
mkdir_p(const char *path, char **cause)
{
	char	*t, *p;
	int	 rc = 0;

	t = xstrdup(path);
	for (p = t + 1; *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = mkdir_one(t, NULL, cause, "cannot create the data "
		    "directory");
		*p = '/';
	}
	if (rc == 0)
		rc = mkdir_one(t, NULL, cause, "cannot create the data "
		    "directory");
	free(t);
	return rc;
}

struct store *
store_open(const char *dir, char **cause)
{
	static const char *const subdirs[] = {
		"sessions", "drafts", "trash", "scales"
	};
	struct store	*st;
	struct passwd	*pw;
	char		*path, *d;
	size_t		 i, len;

	if (dir == NULL || *dir == '\0') {
		*cause = xstrdup("no data directory given");
		return NULL;
	}
	d = xstrdup(dir);
	for (len = strlen(d); len > 1 && d[len - 1] == '/'; len--)
		d[len - 1] = '\0';
	if (mkdir_p(d, cause) == -1) {
		free(d);
		return NULL;
	}
	/* From here on no symbolic link below d is followed. */
	if (fsdir_set_root(d) == -1) {
		*cause = xasprintf("cannot open the data directory %s: %s", d,
		    strerror(errno));
		free(d);
		return NULL;
	}
	/* A data directory we may not write (a read-only copy) can still
	 * be read: writing then fails with its own precise error. */
	for (i = 0; i < nitems(subdirs); i++) {
		path = xasprintf("%s/%s", d, subdirs[i]);
		if (mkdir_one(path, NULL, cause, "cannot create the data "
		    "directory") == -1) {
			if (errno != EROFS && errno != EACCES) {
				free(path);
				fsdir_clear_root(d);
				free(d);
				return NULL;
			}
			free(*cause);
			*cause = NULL;
		}
		free(path);
	}
	st = xcalloc(1, sizeof(*st));
	st->dir = d;
	path = xasprintf("%s/.lock", d);
	st->lockfd = fsdir_open(path, O_RDWR | O_CREAT, 0600);
	if (st->lockfd == -1 && (errno == EROFS || errno == EACCES))
		st->lockfd = fsdir_open(path, O_RDONLY, 0);
	st->lockerr = st->lockfd == -1 ? errno : 0;
	free(path);
	if ((pw = getpwuid(geteuid())) != NULL && pw->pw_name != NULL)
		st->user = xstrdup(pw->pw_name);
	else
		st->user = xasprintf("uid %ld", (long)geteuid());
	if (read_workstation(st, cause) == -1) {
		store_close(st);
		return NULL;
	}
	return st;
}

/*
 * Reads $DATA/.workstation (one id and a newline) into st->ws and sets
 * st->audit.  No file: no workstation (audit.log).  A damaged one is an
 * error: saving with another id would split the workstation's chain.
 */
static int
read_workstation(struct store *st, char **cause)
{
	char	*path, *text, *c = NULL;
	size_t	 len;

	free(st->ws);
	st->ws = NULL;
	free(st->audit);
	st->audit = NULL;
	path = xasprintf("%s/.workstation", st->dir);
	text = read_file_max(path, 64, &len);
	if (text == NULL && errno != ENOENT) {
		*cause = xasprintf("cannot read %s: %s", path,
		    fsdir_strerror(errno));
		free(path);
		return -1;
	}
	if (text != NULL) {
		if (len > 0 && text[len - 1] == '\n')
			text[--len] = '\0';
		if (strlen(text) != len ||
		    !store_workstation_is_valid(text, &c)) {
			*cause = xasprintf("%s: %s", path, c != NULL ? c :
			    "not a workstation id");
			free(c);
			free(text);
			free(path);
			return -1;
		}
		st->ws = text;
	}
	free(path);
	st->audit = st->ws != NULL ? xasprintf("%s/audit/%s.log", st->dir,
	    st->ws) : xasprintf("%s/audit.log", st->dir);
	return 0;
}

int
store_set_workstation(struct store *st, const char *ws, char **cause)
{
	char	*path, *tmp, *text, *dir;
	int	 fd, saved, rc = -1;

	if (!store_workstation_is_valid(ws, cause))
		return -1;
	if (st->ws != NULL) {
		if (strcmp(st->ws, ws) == 0)
			return 0;
		*cause = xasprintf("this data directory is workstation %s "
		    "already (%s/.workstation)", st->ws, st->dir);
		return -1;
	}
	path = xasprintf("%s/.workstation", st->dir);
	tmp = xasprintf("%s/.tmp-workstation", st->dir);
	dir = xasprintf("%s/audit", st->dir);
	text = xasprintf("%s\n", ws);
	fsdir_unlink(tmp);
	if (mkdir_one(dir, NULL, cause, "cannot create") == -1)
		goto out;
	if ((fd = fsdir_open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		goto fail;
	if (store_write_all(fd, text, strlen(text)) == -1 ||
	    fsync(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) == -1 || fsdir_link(tmp, path) == -1)
		goto fail;
	fsdir_unlink(tmp);
	store_fsync_dir(st->dir);
	rc = read_workstation(st, cause);
	goto out;
fail:
	saved = errno;
	fsdir_unlink(tmp);
	*cause = xasprintf("cannot write %s: %s", path, saved == EEXIST ?
	    "another process set the workstation id" :
	    fsdir_strerror(saved));
out:
	free(text);
	free(dir);
	free(tmp);
	free(path);
	return rc;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->lockfd != -1)
		close(st->lockfd);
	fsdir_clear_root(st->dir);
	free(st->dir);
	free(st->user);
	free(st->ws);
	free(st->audit);
	free(st);
}

/* Takes the lock (LOCK_EX or LOCK_SH), waiting up to STORE_LOCK_WAIT
 * seconds. */
static int
lock_fd(struct store *st, int op, char **cause)
{
	struct timespec	 ts = { 0, 50 * 1000 * 1000 };
	int		 tries;

	if (st->lockfd == -1) {
		*cause = xasprintf("cannot lock %s/.lock: %s", st->dir,
		    fsdir_strerror(st->lockerr));
		return -1;
	}
	for (tries = 0; tries < STORE_LOCK_WAIT * 20; tries++) {
		if (flock(st->lockfd, op | LOCK_NB) == 0) {
			st->locked = 1;
			return 0;
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			*cause = xasprintf("cannot lock %s/.lock: %s", st->dir,
			    strerror(errno));
			return -1;
		}
		nanosleep(&ts, NULL);
	}
	*cause = xasprintf("the data directory %s is busy: another rater "
	    "process has held its lock for %d seconds", st->dir,
	    STORE_LOCK_WAIT);
	return -1;
}

int
store_lock(struct store *st, char **cause)
{
	char	*c = NULL;

	if (st->locked > 0) {
		st->locked++;
		return 0;
	}
	if (lock_fd(st, LOCK_EX, cause) == -1)
		return -1;
	/* Whatever a killed writer left half done is finished first. */
	if (recover(st, &c) == -1) {
		store_unlock(st);
		*cause = xasprintf("cannot complete an interrupted save: %s",
		    c);
		free(c);
		return -1;
	}
	return 0;
}

int
store_lock_shared(struct store *st, char **cause)
{
	if (st->locked > 0) {
		st->locked++;
		return 0;
	}
	if (st->lockfd == -1)
		return 0;	/* no lock file, none can be made: a read-only
				   copy that nobody writes */
	return lock_fd(st, LOCK_SH, cause);
}

int
store_recover(struct store *st, char **cause)
{
	struct stat	 sb;
	char		*path;
	int		 r;

	path = xasprintf("%s/.pending", st->dir);
	r = fsdir_stat(path, &sb);
	free(path);
	if (r == -1 && errno == ENOENT)
		return 0;
	if (store_lock(st, cause) == -1)
		return -1;
	store_unlock(st);
	return 0;
}

void
store_unlock(struct store *st)
{
	if (st->locked == 0)
		return;
	if (--st->locked == 0)
		flock(st->lockfd, LOCK_UN);
}

int
store_patient_id_is_distinct(struct store *st, const char *id,
    char **cause)
{
	DIR		*dir;
	struct dirent	*de;
	char		*sdir, *other = NULL, *shown;
	int		 exact = 0;

	sdir = xasprintf("%s/sessions", st->dir);
	if ((dir = fsdir_opendir(sdir)) != NULL) {
		while (!exact && (de = readdir(dir)) != NULL) {
			if (strcmp(de->d_name, id) == 0)
				exact = 1;
			else if (other == NULL &&
			    strcasecmp(de->d_name, id) == 0)
				other = xstrdup(de->d_name);
		}
		closedir(dir);
	}
	free(sdir);
	/* A patient whose directory has exactly this name goes on (a
	 * store made before the rule may hold P017 and p017 both). */
	if (other == NULL || exact) {
		free(other);
		return 1;
	}
	if (cause != NULL) {
		shown = sanitize(other);
		*cause = xasprintf("patient id '%s' differs only in case from "
		    "the existing patient '%s': use %s (ids that differ only "
		    "in case are refused)", id, shown, shown);
		free(shown);
	}
	free(other);
	return 0;
}

int
store_session_id_revision(const char *id)
{
	const char	*dash;
	int		 rev;

	if ((dash = strrchr(id, '-')) == NULL || !id_tail(dash + 1, &rev))
		return 0;
	return rev;
}

void
store_session_id_parts(const char *id, char **patient, char **scale)
{
	const char	*slash = strchr(id, '/'), *dash = strrchr(id, '-');

	/* PATIENT/YYYYMMDDTHHMMSS-SCALE-N: the scale starts 17 bytes
	 * after the slash. */
	*patient = xstrndup(id, (size_t)(slash - id));
	*scale = xstrndup(slash + 17, (size_t)(dash - (slash + 17)));
}

char *
store_session_path(const struct store *st, const char *id)
{
	return xasprintf("%s/sessions/%s.ini", st->dir, id);
}

char *
store_scale_path(const struct store *st, const char *scale_id,
    const char *sha256)
{
	return xasprintf("%s/scales/%s/%s.ini", st->dir, sha256, scale_id);
}

/*
 * Creates dir/name holding data, never replacing a file: temporary
 * file, write, fsync, link, unlink the temporary, fsync the directory.
 * With pd (under the lock), the temporary file is .tmp-NAME, and the
 * intent pd (its tmp set here) is written to DATA/.pending before the
 * temporary file is made; the caller clears it.  Without pd, the
 * temporary name is random (.tmp-XXXXXX).  Returns 0, 1 when the name
 * is taken (nothing left behind), or -1 with *cause "cannot WHAT:
 * ERROR (writing PATH)".
 */
static int
create_new(struct store *st, const char *dir, const char *name,
    const char *data, size_t len, const char *what, struct pending *pd,
    char **cause)
{
	char	*tmp, *final, *c = NULL;
	int	 fd, saved, rc = -1;

	final = xasprintf("%s/%s", dir, name);
	if (pd != NULL) {
		tmp = xasprintf("%s/.tmp-%s", dir, name);
		pd->tmp = strrchr(tmp, '/') + 1;
		if (pending_write(st, pd, &c) == -1) {
			*cause = xasprintf("cannot %s: %s", what, c);
			free(c);
			goto out;
		}
		/* A leftover of a killed save (ours: we hold the lock). */
		if (fsdir_unlink(tmp) == -1 && errno != ENOENT) {
			*cause = xasprintf("cannot %s: %s (removing %s)", what,
			    fsdir_strerror(errno), tmp);
			goto out;
		}
		fd = fsdir_open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
	} else {
		tmp = xasprintf("%s/.tmp-XXXXXX", dir);
		fd = fsdir_mkstemp(tmp);
	}
	if (fd == -1) {
		*cause = xasprintf("cannot %s: %s (creating a temporary file "
		    "in %s)", what, strerror(errno), dir);
		goto out;
	}
	if (store_write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		fsdir_unlink(tmp);
		*cause = xasprintf("cannot %s: %s (writing %s)", what,
		    strerror(saved), final);
		goto out;
	}
	if (close(fd) == -1) {
		saved = errno;
		fsdir_unlink(tmp);
		*cause = xasprintf("cannot %s: %s (writing %s)", what,
		    strerror(saved), final);
		goto out;
	}
	if (fsdir_link(tmp, final) == -1) {
		saved = errno;
		fsdir_unlink(tmp);
		if (saved == EEXIST)
			rc = 1;
		else
			*cause = xasprintf("cannot %s: %s (linking %s)", what,
			    strerror(saved), final);
		goto out;
	}
	fsdir_unlink(tmp);
	if (store_fsync_dir(dir) == -1) {
		saved = errno;
		fsdir_unlink(final);
		*cause = xasprintf("cannot %s: %s (syncing directory %s)",
		    what, strerror(saved), dir);
		goto out;
	}
	rc = 0;
out:
	if (pd != NULL)
		pd->tmp = "";
	free(tmp);
	free(final);
	return rc;
}

/* The intent of a save. */

/* Writes DATA/.pending (replacing it), flushed with its directory. */
static int
pending_write(struct store *st, const struct pending *pd, char **cause)
{
	struct buf	 b;
	char		*path, *tmp;
	int		 fd, saved, rc = -1;

	path = xasprintf("%s/.pending", st->dir);
	tmp = xasprintf("%s/.tmp-pending", st->dir);
	buf_init(&b);
	buf_printf(&b, PENDING_MAGIC "\t1\t%s\t%s\t%s\t%s\t%s\t%s\t",
	    pd->time, pd->action, pd->id, pd->sha256, pd->tmp, pd->draft);
	session_escape(&b, pd->person != NULL ? pd->person : "");
	buf_putc(&b, '\n');
	fsdir_unlink(tmp);
	if ((fd = fsdir_open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		goto fail;
	if (store_write_all(fd, b.data, b.len) == -1 || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) == -1 || fsdir_rename(tmp, path) == -1 ||
	    store_fsync_dir(st->dir) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	saved = errno;
	fsdir_unlink(tmp);
	*cause = xasprintf("%s (writing %s)", fsdir_strerror(saved), path);
out:
	buf_free(&b);
	free(tmp);
	free(path);
	return rc;
}

/* Removes DATA/.pending, durably: a stale intent must not come back. */
static void
pending_clear(struct store *st)
{
	char	*path;

	path = xasprintf("%s/.pending", st->dir);
	if (fsdir_unlink(path) == 0)
		store_fsync_dir(st->dir);
	free(path);
}

static int
pending_is_valid(const struct pending *pd)
{
	const char	*d = pd->draft;
	size_t		 len;

	if (!session_time_is_valid(pd->time) ||
	    !sha256_hex_is_valid(pd->sha256))
		return 0;
	if (strcmp(pd->action, "discard") == 0) {
		if (strncmp(pd->id, "trash/", 6) != 0 || pd->id[6] == '\0' ||
		    pd->id[6] == '.' || strchr(pd->id + 6, '/') != NULL ||
		    *pd->tmp != '\0')
			return 0;
	} else if (strcmp(pd->action, "save") != 0 &&
	    strcmp(pd->action, "amend") != 0)
		return 0;
	else if (!store_session_id_is_valid(pd->id, NULL) ||
	    (*pd->tmp != '\0' && (strncmp(pd->tmp, ".tmp-", 5) != 0 ||
	    strchr(pd->tmp, '/') != NULL)))
		return 0;
	len = strlen(d);
	if (len > 0 && (d[0] == '.' || strchr(d, '/') != NULL || len <= 8 ||
	    strcmp(d + len - 8, ".journal") != 0))
		return 0;
	return 1;
}

/*
 * Reads DATA/.pending into pd, whose strings point into *text (the
 * caller frees it).  Returns 1, 0 when there is none, -1 when it cannot
 * be read or is damaged (*text NULL).
 */
static int
pending_read(struct store *st, struct pending *pd, char **text)
{
	struct buf	 u;
	char		*path, *f[PENDING_FIELDS], *p, *tab, *c = NULL;
	size_t		 len;
	int		 n = 0;

	*text = NULL;
	path = xasprintf("%s/.pending", st->dir);
	p = read_file(path, &len);
	free(path);
	if (p == NULL)
		return errno == ENOENT ? 0 : -1;
	if (len == 0 || p[len - 1] != '\n' || memchr(p, '\0', len) != NULL ||
	    memchr(p, '\n', len) != p + len - 1) {
		free(p);
		return -1;
	}
	p[len - 1] = '\0';
	for (tab = p; n < PENDING_FIELDS && tab != NULL; n++) {
		f[n] = tab;
		if ((tab = strchr(tab, '\t')) != NULL)
			*tab++ = '\0';
	}
	if (n != PENDING_FIELDS || tab != NULL ||
	    strcmp(f[0], PENDING_MAGIC) != 0 || strcmp(f[1], "1") != 0 ||
	    strlen(f[2]) >= SESSION_TIME_LEN) {
		free(p);
		return -1;
	}
	memcpy(pd->time, f[2], strlen(f[2]) + 1);
	pd->action = f[3];
	pd->id = f[4];
	pd->sha256 = f[5];
	pd->tmp = f[6];
	pd->draft = f[7];
	/* The person, unescaped in place (never longer). */
	buf_init(&u);
	if (session_unescape(f[8], strlen(f[8]), &u, &c) == -1) {
		free(c);
		buf_free(&u);
		free(p);
		return -1;
	}
	memcpy(f[8], u.data != NULL ? u.data : "", u.len);
	f[8][u.len] = '\0';
	buf_free(&u);
	pd->person = f[8];
	if (!pending_is_valid(pd)) {
		free(p);
		return -1;
	}
	*text = p;
	return 1;
}

int
store_pending_id(struct store *st, char **id)
{
	struct pending	 pd;
	char		*text = NULL;
	int		 r;

	*id = NULL;
	if ((r = pending_read(st, &pd, &text)) == 1)
		*id = xstrdup(pd.id);
	free(text);
	return r;
}

/* The file an intent makes: the session file, or the draft in trash/. */
static char *
pending_file(const struct store *st, const struct pending *pd)
{
	if (strcmp(pd->action, "discard") == 0)
		return xasprintf("%s/%s", st->dir, pd->id);
	return store_session_path(st, pd->id);
}

/* Removes drafts/NAME; with sha256, only if it still has that hash. */
static void
unlink_draft(struct store *st, const char *name, const char *sha256)
{
	char	*path, *ddir, hex[SHA256_HEX_LEN];

	if (*name == '\0')
		return;
	ddir = xasprintf("%s/drafts", st->dir);
	path = xasprintf("%s/%s", ddir, name);
	if ((sha256 == NULL || (sha256_file(path, hex) == 0 &&
	    strcmp(hex, sha256) == 0)) && fsdir_unlink(path) == 0)
		store_fsync_dir(ddir);
	free(path);
	free(ddir);
}

/*
 * Under the lock: finishes what a killed writer left in DATA/.pending.
 * If the file it names was linked with the hash named, its audit line
 * is appended (with the time of the save) unless it is the last line
 * already, and the draft is removed; if not, the save never happened
 * and only its temporary file is removed.  A damaged intent (a power
 * cut while it was written, before anything was linked) is removed.
 */
static int
recover(struct store *st, char **cause)
{
	struct pending	 pd;
	char		*text = NULL, *file, *tmp, *dir, hex[SHA256_HEX_LEN];
	char		*c = NULL;
	int		 r, rc = 0;

	if ((r = pending_read(st, &pd, &text)) == 0)
		return 0;
	if (r == -1) {
		pending_clear(st);
		return 0;
	}
	file = pending_file(st, &pd);
	if (*pd.tmp != '\0') {
		dir = xstrndup(file, (size_t)(strrchr(file, '/') - file));
		tmp = xasprintf("%s/%s", dir, pd.tmp);
		if (fsdir_unlink(tmp) == 0)
			store_fsync_dir(dir);
		free(tmp);
		free(dir);
	}
	if (sha256_file(file, hex) == 0 && strcmp(hex, pd.sha256) == 0) {
		if ((r = audit_names(st, pd.action, pd.id, pd.sha256,
		    &c)) == -1 || (r == 0 && audit_append(st, pd.time,
		    pd.action, pd.id, pd.sha256, pd.person, &c) == -1)) {
			*cause = xasprintf("%s of %s: %s", pd.action, pd.id,
			    c);
			free(c);
			rc = -1;
			goto out;
		}
		unlink_draft(st, pd.draft, strcmp(pd.action, "discard") == 0 ?
		    pd.sha256 : NULL);
	}
	pending_clear(st);
out:
	free(file);
	free(text);
	return rc;
}

/*
 * Removes the files named PREFIX* in dir that were last changed more
 * than age seconds ago: temporary files left by a killed writer.
 */
static void
clean_tmp(const char *dir, const char *prefix, time_t age)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 sb;
	char		*path;
	time_t		 now = time(NULL);
	int		 n = 0;

	if ((dp = fsdir_opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (fsdir_stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_mtime + age < now && fsdir_unlink(path) == 0)
			n++;
		free(path);
	}
	closedir(dp);
	if (n > 0)
		store_fsync_dir(dir);
}

/* Scale archive. */

static int	 archive_tables(struct store *, const struct scale *,
		    const char *, char **);

/*
 * Archives the table files of a scale into dir, beside its file, each
 * under its own name, checked against the sha256 read at load time (a
 * file already there must have it).  Done before the scale file, whose
 * presence marks a complete archive.
 */
static int
archive_tables(struct store *st, const struct scale *sc, const char *dir,
    char **cause)
{
	const struct table	*t;
	const char		*slash;
	char			*src, *dst, *data, hex[SHA256_HEX_LEN];
	size_t			 i, len;
	int			 r;

	slash = strrchr(sc->path, '/');
	for (i = 0; i < sc->ntables; i++) {
		t = sc->tables[i];
		if (t->file == NULL)
			continue;
		src = slash == NULL ? xstrdup(t->file) : xasprintf("%.*s/%s",
		    (int)(slash - sc->path), sc->path, t->file);
		data = read_file_max(src, TABLE_FILE_MAX, &len);
		if (data == NULL) {
			*cause = xasprintf("cannot archive table file: %s "
			    "(reading %s)", fsdir_strerror(errno), src);
			free(src);
			return -1;
		}
		sha256_data_hex(data, len, hex);
		if (strcmp(hex, t->sha256) != 0) {
			*cause = xasprintf("cannot archive table file: %s "
			    "changed since the scale was loaded; load it "
			    "again", src);
			free(data);
			free(src);
			return -1;
		}
		free(src);
		r = create_new(st, dir, t->file, data, len,
		    "archive table file", NULL, cause);
		free(data);
		if (r == -1)
			return -1;
		if (r == 1) {
			dst = xasprintf("%s/%s", dir, t->file);
			if (sha256_file(dst, hex) == -1 ||
			    strcmp(hex, t->sha256) != 0) {
				*cause = xasprintf("cannot archive table "
				    "file: %s is there with other bytes",
				    dst);
				free(dst);
				return -1;
			}
			free(dst);
		}
	}
	return 0;
}

int
store_archive_scale(struct store *st, const struct scale *sc,
    char **cause)
{
	struct stat	 sb;
	char		*dir, *path, *name, *data, hex[SHA256_HEX_LEN];
	size_t		 len;
	int		 rc = -1, r;

	if (!store_scale_id_is_valid(sc->id, cause))
		return -1;
	path = store_scale_path(st, sc->id, sc->sha256);
	dir = xasprintf("%s/scales/%s", st->dir, sc->sha256);
	name = xasprintf("%s.ini", sc->id);
	data = NULL;
	/* A killed writer's leftover (another's, in use, is younger). */
	clean_tmp(dir, ".tmp-", TMP_AGE);
	if (fsdir_stat(path, &sb) == 0) {
		if (S_ISREG(sb.st_mode))
			rc = 0;
		else
			*cause = xasprintf("cannot archive scale file: %s (%s)",
			    fsdir_strerror(S_ISLNK(sb.st_mode) ? ELOOP :
			    FSDIR_ENOTREG), path);
		goto out;
	}
	if (errno == ELOOP || errno == ENOTDIR) {
		*cause = xasprintf("cannot archive scale file: %s (%s)",
		    fsdir_strerror(errno), path);
		goto out;
	}
	if (sc->path == NULL || (data = read_file(sc->path, &len)) == NULL) {
		*cause = xasprintf("cannot archive scale file: %s (reading "
		    "%s)", fsdir_strerror(sc->path != NULL ? errno : ENOENT),
		    sc->path != NULL ? sc->path : "(no path)");
		goto out;
	}
	sha256_data_hex(data, len, hex);
	if (strcmp(hex, sc->file_sha256) != 0) {
		*cause = xasprintf("cannot archive scale file: %s changed "
		    "since it was loaded (sha256 %.12s..., loaded %.12s...); "
		    "load it again", sc->path, hex, sc->file_sha256);
		goto out;
	}
	if (mkdir_one(dir, NULL, cause, "cannot archive scale file") == -1)
		goto out;
	if (archive_tables(st, sc, dir, cause) == -1)
		goto out;
	r = create_new(st, dir, name, data, len, "archive scale file", NULL,
	    cause);
	if (r == -1)
		goto out;
	rc = 0;
out:
	free(data);
	free(dir);
	free(name);
	free(path);
	return rc;
}

int
store_scale_file_is_allowed(const struct store *st, const char *path,
    const char *scale_id)
{
	const char	*base;
	char		*dir, *real, *r;
	size_t		 i, len;
	int		 ok = 0;

	base = strrchr(path, '/');
	if (base == NULL || st->scale_dirs == NULL ||
	    !store_scale_id_is_valid(scale_id, NULL))
		return 0;
	len = strlen(scale_id);
	if (strncmp(base + 1, scale_id, len) != 0 ||
	    strcmp(base + 1 + len, ".ini") != 0)
		return 0;
	dir = base == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(base - path));
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return 0;
	for (i = 0; !ok && st->scale_dirs[i] != NULL; i++) {
		if ((r = realpath(st->scale_dirs[i], NULL)) == NULL)
			continue;
		ok = strcmp(r, real) == 0;
		free(r);
	}
	free(real);
	return ok;
}

struct scale *
store_load_scale(struct store *st, const char *scale_id, const char *sha256,
    struct diag *d)
{
	struct scale	*sc;
	char		*path;

	if (!store_scale_id_is_valid(scale_id, NULL) ||
	    !sha256_hex_is_valid(sha256)) {
		diag_add(d, DIAG_ERROR, st->dir, 0, "no archived scale for "
		    "an invalid id or hash");
		return NULL;
	}
	path = store_scale_path(st, scale_id, sha256);
	if ((sc = scale_load(path, d)) != NULL &&
	    strcmp(sc->sha256, sha256) != 0) {
		diag_add(d, DIAG_ERROR, path, 0, "archived scale file is "
		    "damaged: its sha256 is %s", sc->sha256);
		scale_free(sc);
		sc = NULL;
	}
	free(path);
	return sc;
}

/* Saving. */

/*
 * The id of the first revision of the chain an amendment continues,
 * which names the new revision: the replaced id without its ".rR", or,
 * for a revision saved with an id of its own (format 1 before ".rR"),
 * found by following "replaces" back to revision 1.  It must repeat
 * the patient, start stamp and scale of s.  NULL with *cause.
 */
static char *
amend_base(struct store *st, const struct session *s, const char *stamp,
    char **cause)
{
	struct session	*o;
	struct diag	 d;
	char		*id, *want, *next;
	int		 steps;

	id = xstrdup(s->replaces);
	for (steps = 0; store_session_id_revision(id) == 0; steps++) {
		diag_init(&d);
		o = store_read(st, id, &d);
		diag_free(&d);
		if (o == NULL || steps > 100000) {
			*cause = xasprintf("cannot amend session %s: %s %s "
			    "cannot be read", s->replaces, steps == 0 ?
			    "it" : "its earlier revision", id);
			session_free(o);
			free(id);
			return NULL;
		}
		next = o->revision > 1 && o->replaces != NULL ?
		    xstrdup(o->replaces) : NULL;
		session_free(o);
		if (next == NULL)
			break;
		free(id);
		id = next;
	}
	if (store_session_id_revision(id) != 0)
		*strrchr(id, '.') = '\0';
	want = xasprintf("%s/%s-%s-", s->patient, stamp, s->scale_id);
	if (strncmp(id, want, strlen(want)) != 0) {
		*cause = xasprintf("cannot amend session %s: its first "
		    "revision %s is not of patient %s, scale %s, started %s",
		    s->replaces, id, s->patient, s->scale_id, s->started);
		free(id);
		id = NULL;
	}
	free(want);
	return id;
}

int
store_save(struct store *st, struct session *s, const struct scale *sc,
    const char *action, char **cause)
{
	return store_save_draft(st, s, sc, action, NULL, cause);
}

int
store_save_draft(struct store *st, struct session *s,
    const struct scale *sc, const char *action, const char *draft,
    char **cause)
{
	struct buf	 b;
	struct stat	 sb;
	struct pending	 pd;
	char		 now[SESSION_TIME_LEN], stamp[16], sha[SHA256_HEX_LEN];
	char		*pdir = NULL, *sdir = NULL, *name = NULL;
	char		*final = NULL, *why = NULL, *c = NULL, *base = NULL;
	const char	*dbase = "";
	int		 amend, set_finished = 0, rc = -1, r, n, made, e;

	if (strcmp(action, "save") == 0)
		amend = 0;
	else if (strcmp(action, "amend") == 0)
		amend = 1;
	else {
		*cause = xasprintf("cannot save session: unknown action '%s'",
		    action);
		return -1;
	}
	if (s->id != NULL)
		why = xasprintf("it is already saved as %s (amend it "
		    "instead)", s->id);
	else if (!s->bound)
		why = xstrdup("it is not bound to its scale");
	else if (!amend && (s->revision != 1 || s->replaces != NULL))
		why = xstrdup("a first save is revision 1 and replaces "
		    "nothing (use amend)");
	else if (amend && (s->revision < 2 || s->replaces == NULL ||
	    s->reason == NULL || *s->reason == '\0'))
		why = xstrdup("an amendment needs a revision from 2, the id "
		    "of the session it replaces and a reason");
	else if (amend && !store_session_id_is_valid(s->replaces, &c))
		why = c != NULL ? c : xstrdup("invalid id");
	else if (s->patient == NULL)
		why = xstrdup("no patient id");
	else if (!store_patient_id_is_valid(s->patient, &c) ||
	    !store_scale_id_is_valid(s->scale_id, &c))
		why = c != NULL ? c : xstrdup("invalid id");
	else if (s->started == NULL || !session_time_is_valid(s->started))
		why = xstrdup("no valid start time");
	if (draft != NULL) {
		dbase = strrchr(draft, '/') != NULL ? strrchr(draft, '/') + 1 :
		    draft;
		if (strlen(dbase) <= 8 || dbase[0] == '.' ||
		    strcmp(dbase + strlen(dbase) - 8, ".journal") != 0)
			why = xstrdup("the draft is not a .journal file");
	}
	if (why != NULL) {
		*cause = xasprintf("cannot save session: %s", why);
		free(why);
		return -1;
	}
	if (s->finished == NULL) {
		session_time_now(now, &c);
		free(c);
		s->finished = xstrdup(now);
		set_finished = 1;
	}
	if (store_lock(st, &c) == -1) {
		*cause = xasprintf("cannot save session: %s", c);
		free(c);
		goto fail;
	}
	if (amend) {
		final = store_session_path(st, s->replaces);
		if (fsdir_stat(final, &sb) == -1)
			e = errno;
		else if (!S_ISREG(sb.st_mode))
			e = S_ISLNK(sb.st_mode) ? ELOOP : FSDIR_ENOTREG;
		else
			e = 0;
		if (e != 0) {
			*cause = xasprintf("cannot amend session %s: %s",
			    s->replaces, fsdir_strerror(e));
			goto unlock;
		}
		free(final);
		final = NULL;
		if (strncmp(s->replaces, s->patient,
		    strlen(s->patient)) != 0 ||
		    s->replaces[strlen(s->patient)] != '/') {
			*cause = xasprintf("cannot amend session %s: it is "
			    "not a session of patient %s", s->replaces,
			    s->patient);
			goto unlock;
		}
	}
	if (!store_patient_id_is_distinct(st, s->patient, &c)) {
		*cause = xasprintf("cannot save session: %s", c);
		free(c);
		goto unlock;
	}
	if (store_archive_scale(st, sc, cause) == -1)
		goto unlock;
	sdir = xasprintf("%s/sessions", st->dir);
	pdir = xasprintf("%s/%s", sdir, s->patient);
	if (mkdir_one(pdir, &made, cause, "cannot save session") == -1)
		goto unlock;
	if (made && store_fsync_dir(sdir) == -1) {
		*cause = xasprintf("cannot save session: %s (syncing "
		    "directory %s)", strerror(errno), sdir);
		goto unlock;
	}
	clean_tmp(pdir, ".tmp-", TMP_AGE);
	session_time_stamp(s->started, stamp);
	if (amend && (base = amend_base(st, s, stamp, cause)) == NULL)
		goto unlock;
	memset(&pd, 0, sizeof(pd));
	session_time_now(pd.time, &c);
	free(c);
	c = NULL;
	pd.action = action;
	pd.sha256 = sha;
	pd.tmp = "";
	pd.draft = dbase;
	pd.person = amend ? s->amended_by : s->rater;
	buf_init(&b);
	for (n = 1; n <= MAX_N; n++) {
		free(name);
		free(final);
		free(s->id);
		/* A revision from 2 is "<first revision's id>.rR": no new
		 * session can take that name (rater-session(5)). */
		if (amend)
			s->id = xasprintf("%s.r%d%s%s", base, s->revision,
			    st->ws != NULL ? "@" : "",
			    st->ws != NULL ? st->ws : "");
		else
			s->id = xasprintf("%s/%s-%s-%d%s%s", s->patient,
			    stamp, s->scale_id, n, st->ws != NULL ? "@" : "",
			    st->ws != NULL ? st->ws : "");
		name = xasprintf("%s.ini", strchr(s->id, '/') + 1);
		final = xasprintf("%s/%s", pdir, name);
		if (fsdir_stat(final, &sb) == 0) {
			if (!amend)
				continue;
			*cause = xasprintf("cannot amend session %s: "
			    "revision %d of %s exists already (%s)",
			    s->replaces, s->revision, base, name);
			break;
		}
		buf_reset(&b);
		if (session_write(s, sc, &b, cause) == -1)
			break;
		/* The intent first (DATA/.pending): a writer killed from
		 * here on is completed by the next one (recover). */
		sha256_data_hex(b.data, b.len, sha);
		pd.id = s->id;
		r = create_new(st, pdir, name, b.data, b.len, "save session",
		    &pd, cause);
		if (r == 1 && amend) {
			*cause = xasprintf("cannot amend session %s: "
			    "revision %d of %s exists already (%s)",
			    s->replaces, s->revision, base, name);
			break;
		}
		if (r == 1)
			continue;
		if (r == -1)
			break;
		if (audit_append(st, pd.time, action, s->id, sha, pd.person,
		    &c) == -1) {
			/* No session without its audit line. */
			fsdir_unlink(final);
			store_fsync_dir(pdir);
			*cause = xasprintf("cannot save session: %s", c);
			free(c);
			break;
		}
		/* Saved: the draft must not be offered again. */
		unlink_draft(st, dbase, NULL);
		rc = 0;
		break;
	}
	pending_clear(st);
	if (rc == 0)
		commit_saved(st, action, s->id, sc->id, sc->sha256);
	buf_free(&b);
	if (n > MAX_N)
		*cause = xasprintf("cannot save session: names up to -%d are "
		    "all taken in %s", MAX_N, pdir);
	if (rc == 0) {
		session_set(&s->path, final);
		session_set(&s->status, session_is_complete(s, sc) ?
		    "complete" : "incomplete");
		session_record_scores(s, sc);
	} else {
		free(s->id);
		s->id = NULL;
	}
unlock:
	store_unlock(st);
fail:
	if (rc == -1 && set_finished) {
		free(s->finished);
		s->finished = NULL;
	}
	free(name);
	free(final);
	free(pdir);
	free(sdir);
	free(base);
	return rc;
}

struct session *
store_read(struct store *st, const char *id, struct diag *d)
{
	struct session	*s;
	char		*path, *cause = NULL;

	if (!store_session_id_is_valid(id, &cause)) {
		diag_add(d, DIAG_ERROR, st->dir, 0, "%s", cause);
		free(cause);
		return NULL;
	}
	path = store_session_path(st, id);
	s = session_read(path, d);
	free(path);
	return s;
}

/* Listing. */

/* Checks YYYY-MM-DD and turns it into YYYYMMDD. */
static int
date_arg(const char *s, char out[9], char **cause)
{
	char	 t[32];

	if (s == NULL) {
		out[0] = '\0';
		return 0;
	}
	if (strlen(s) != 10) {
		*cause = xasprintf("date '%.20s' is not YYYY-MM-DD", s);
		return -1;
	}
	snprintf(t, sizeof(t), "%sT00:00:00+00:00", s);
	if (!session_time_is_valid(t)) {
		*cause = xasprintf("date '%s' is not YYYY-MM-DD", s);
		return -1;
	}
	memcpy(out, s, 4);
	memcpy(out + 4, s + 5, 2);
	memcpy(out + 6, s + 8, 2);
	out[8] = '\0';
	return 0;
}

static void
list_patient(struct lister *l, const char *patient)
{
	const struct store_filter *f = l->f;
	DIR		*dir;
	struct dirent	*de;
	struct session	*s;
	char		*pdir, *path, *want, date[16];
	const char	*name, *dash;
	size_t		 len;
	int		 byname;

	pdir = xasprintf("%s/sessions/%s", l->st->dir, patient);
	if ((dir = fsdir_opendir(pdir)) == NULL) {
		if (errno != ENOENT)
			diag_add(l->d, errno == ENOTDIR ? DIAG_WARNING :
			    DIAG_ERROR, pdir, 0, "cannot list: %s",
			    fsdir_strerror(errno));
		free(pdir);
		return;
	}
	while (!l->stop) {
		errno = 0;
		if ((de = readdir(dir)) == NULL) {
			if (errno != 0)
				diag_add(l->d, DIAG_ERROR, pdir, 0, "cannot "
				    "list: %s", strerror(errno));
			break;
		}
		name = de->d_name;
		len = strlen(name);
		if (name[0] == '.' || len < 5 ||
		    strcmp(name + len - 4, ".ini") != 0)
			continue;
		/* Filter on the name before reading the file: the scale.
		 * Not the dates: the name has the entry time, the filter
		 * is on the assessment date, only in the file. */
		byname = len > 20 && name[8] == 'T' && name[15] == '-' &&
		    strrchr(name, '-') > name + 16;
		if (byname) {
			dash = strrchr(name, '-');
			if (f->scale != NULL && (strlen(f->scale) !=
			    (size_t)(dash - name - 16) || strncmp(name + 16,
			    f->scale, strlen(f->scale)) != 0))
				continue;
		}
		path = xasprintf("%s/%s", pdir, name);
		s = session_read(path, l->d);
		free(path);
		if (s == NULL)
			continue;
		want = xasprintf("%s/%.*s", patient, (int)(len - 4), name);
		if (strcmp(s->id, want) != 0)
			diag_add(l->d, DIAG_WARNING, s->path, 0, "the file "
			    "name does not match the session id %s", s->id);
		free(want);
		/* The local date of the assessment (a date alone, or the
		 * date of its time). */
		memcpy(date, s->assessed, 4);
		memcpy(date + 4, s->assessed + 5, 2);
		memcpy(date + 6, s->assessed + 8, 2);
		date[8] = '\0';
		if ((f->scale != NULL && strcmp(s->scale_id, f->scale) != 0) ||
		    (f->visit != NULL && strcmp(s->visit, f->visit) != 0) ||
		    (l->since[0] != '\0' && strcmp(date, l->since) < 0) ||
		    (l->until[0] != '\0' && strcmp(date, l->until) > 0)) {
			session_free(s);
			continue;
		}
		if (l->cb(s, l->arg) != 0)
			l->stop = 1;
	}
	closedir(dir);
	free(pdir);
}

int
store_list(struct store *st, const struct store_filter *f,
    int (*cb)(struct session *, void *), void *arg, struct diag *d,
    char **cause)
{
	static const struct store_filter none;
	struct lister	 l;
	DIR		*dir;
	struct dirent	*de;
	char		*sdir;
	int		 rc = 0;

	memset(&l, 0, sizeof(l));
	l.st = st;
	l.f = f != NULL ? f : &none;
	l.cb = cb;
	l.arg = arg;
	l.d = d;
	if ((l.f->patient != NULL &&
	    !store_patient_id_is_valid(l.f->patient, cause)) ||
	    (l.f->scale != NULL && !store_scale_id_is_valid(l.f->scale,
	    cause)) || date_arg(l.f->since, l.since, cause) == -1 ||
	    date_arg(l.f->until, l.until, cause) == -1)
		return -1;
	if (l.f->patient != NULL) {
		list_patient(&l, l.f->patient);
		return 0;
	}
	sdir = xasprintf("%s/sessions", st->dir);
	if ((dir = fsdir_opendir(sdir)) == NULL) {
		if (errno == ENOENT) {
			free(sdir);
			return 0;
		}
		*cause = xasprintf("cannot list sessions: %s (%s)",
		    fsdir_strerror(errno), sdir);
		free(sdir);
		return -1;
	}
	while (!l.stop) {
		errno = 0;
		if ((de = readdir(dir)) == NULL) {
			if (errno != 0) {
				*cause = xasprintf("cannot list sessions: %s "
				    "(%s)", strerror(errno), sdir);
				rc = -1;
			}
			break;
		}
		if (de->d_name[0] == '.')
			continue;
		if (!store_patient_id_is_valid(de->d_name, NULL)) {
			diag_add(d, DIAG_WARNING, sdir, 0, "skipping '%s': "
			    "not a patient id", de->d_name);
			continue;
		}
		list_patient(&l, de->d_name);
	}
	closedir(dir);
	free(sdir);
	return rc;
}

static int
collect_cb(struct session *s, void *arg)
{
	struct collect	*c = arg;

	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = s;
	return 0;
}

struct session **
store_list_all(struct store *st, const struct store_filter *f, size_t *n,
    struct diag *d, char **cause)
{
	struct collect	 c;

	c.v = NULL;
	c.n = 0;
	*n = 0;
	if (store_list(st, f, collect_cb, &c, d, cause) == -1) {
		store_list_free(c.v, c.n);
		return NULL;
	}
	*n = c.n;
	if (c.v == NULL)
		c.v = xcalloc(1, sizeof(*c.v));
	return c.v;
}

void
store_list_free(struct session **v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		session_free(v[i]);
	free(v);
}

/*
 * When DATA is a git working tree (sync.h), commits what a completed
 * save or discard added: the session file (none for a discard: the
 * trash stays here), the archived scale, the audit log.  Under the
 * lock, after the save is complete: a commit that fails changes nothing
 * of it, and the next rater sync commits what is left.
 */
static void
commit_saved(struct store *st, const char *action, const char *id,
    const char *scale_id, const char *sha256)
{
	const char	*paths[4];
	char		*sp = NULL, *cp = NULL, *msg, *cause = NULL;
	int		 n = 0;

	if (st->ws == NULL || !sync_is_tree(st))
		return;
	if (strcmp(action, "discard") != 0) {
		sp = xasprintf("sessions/%s.ini", id);
		cp = xasprintf("scales/%s/%s.ini", sha256, scale_id);
		paths[n++] = sp;
		paths[n++] = cp;
	}
	paths[n++] = st->audit + strlen(st->dir) + 1;
	paths[n] = NULL;
	msg = xasprintf("rater %s %s at %s", action, id, st->ws);
	sync_commit_saved(st, paths, msg, &cause);
	free(cause);
	free(msg);
	free(sp);
	free(cp);
}

/* Trash. */

/*
 * Moves path into trash/ as store_trash says.  With pd (under the lock),
 * the intent naming each name tried is written before the link.
 */
static int
move_to_trash(struct store *st, const char *path, struct pending *pd,
    char **trashed, char **cause)
{
	const char	*base;
	char		*tdir, *dst = NULL, *name = NULL, *sdir, *id = NULL;
	char		*c = NULL;
	int		 k, saved, rc = -1;

	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	tdir = xasprintf("%s/trash", st->dir);
	for (k = 0; k < 1000; k++) {
		free(name);
		free(dst);
		free(id);
		name = k == 0 ? xstrdup(base) : xasprintf("%s.%d", base, k);
		dst = xasprintf("%s/%s", tdir, name);
		id = xasprintf("trash/%s", name);
		if (pd != NULL) {
			pd->id = id;
			if (pending_write(st, pd, &c) == -1) {
				*cause = xasprintf("cannot move %s to the "
				    "trash: %s", path, c);
				free(c);
				goto out;
			}
		}
		if (fsdir_link(path, dst) == 0)
			break;
		if (errno != EEXIST) {
			*cause = xasprintf("cannot move %s to the trash: %s",
			    path, fsdir_strerror(errno));
			goto out;
		}
	}
	if (k == 1000) {
		*cause = xasprintf("cannot move %s to the trash: too many "
		    "files named %s", path, base);
		goto out;
	}
	if (fsdir_unlink(path) == -1) {
		saved = errno;
		fsdir_unlink(dst);
		*cause = xasprintf("cannot move %s to the trash: %s", path,
		    strerror(saved));
		goto out;
	}
	store_fsync_dir(tdir);
	sdir = base > path ? xstrndup(path, (size_t)(base - path)) :
	    xstrdup(".");
	store_fsync_dir(sdir);
	free(sdir);
	if (trashed != NULL) {
		*trashed = id;
		id = NULL;
	}
	rc = 0;
out:
	if (pd != NULL)
		pd->id = "";
	free(id);
	free(name);
	free(dst);
	free(tdir);
	return rc;
}

int
store_trash(struct store *st, const char *path, char **trashed,
    char **cause)
{
	return move_to_trash(st, path, NULL, trashed, cause);
}

int
store_discard(struct store *st, const char *path, char **cause)
{
	struct pending	 pd;
	const char	*base;
	char		 hex[SHA256_HEX_LEN], *trashed = NULL, *c = NULL;
	int		 rc = -1;

	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	if (store_lock(st, cause) == -1)
		return -1;
	if (sha256_file(path, hex) == -1) {
		*cause = xasprintf("cannot discard draft %s: %s", path,
		    fsdir_strerror(errno));
		goto out;
	}
	memset(&pd, 0, sizeof(pd));
	session_time_now(pd.time, &c);
	free(c);
	c = NULL;
	pd.action = "discard";
	pd.sha256 = hex;
	pd.tmp = "";
	pd.draft = base;
	if (move_to_trash(st, path, &pd, &trashed, cause) == -1)
		goto out;
	if (audit_append(st, pd.time, "discard", trashed, hex, NULL,
	    &c) == -1) {
		*cause = xasprintf("draft moved to %s/%s, but %s", st->dir,
		    trashed, c);
		free(c);
		goto out;
	}
	pending_clear(st);
	commit_saved(st, "discard", trashed, NULL, NULL);
	rc = 0;
out:
	pending_clear(st);
	free(trashed);
	store_unlock(st);
	return rc;
}
