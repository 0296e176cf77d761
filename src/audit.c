/*
 * audit.c: the hash-chained audit log of the data directory, and the
 * checks of rater verify that read it (orphans, trash, modes, the files
 * of the tree).  The save protocol that writes the lines is store.c's.
 * See rater-session(5), "Audit log".
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "fsdir.h"
#include "session.h"
#include "sha256.h"
#include "store.h"

#define AUDIT_FIELDS	6
#define AUDIT_TAIL	65536	/* bytes read to find the last chain */

static const char zero_chain[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* The ids the chains name: sessions, and discarded drafts in trash/. */
struct idset {
	char	**ids;
	size_t	  nids;
	char	**dids;
	size_t	  ndids;
};

static int	 last_chain(int, char[65], off_t *, char **, char **);
static void	 chain_of(const char *, const char *, size_t, char[65]);
static int	 audit_split(char *, char **);
static void	 audit_user(struct buf *, const char *, const char *);
static int	 strcmp_p(const void *, const void *);
static void	 verify_orphans(struct store *, char **, size_t,
		    const char *, struct diag *, int *);
static void	 verify_tree(int, const char *, int, struct diag *, int *);
static void	 verify_trash(struct store *, char **, size_t,
		    const char *, struct diag *, int *);
static void	 verify_modes(const char *, int, struct diag *, int *);
static int	 verify_chain(struct store *, const char *, int,
		    struct idset *, struct diag *);

/* chain = sha256 hex of prev, a tab and the five fields (len bytes). */
static void
chain_of(const char *prev, const char *fields, size_t len, char out[65])
{
	struct sha256	 c;
	unsigned char	 dig[SHA256_DIGEST_LEN];

	sha256_init(&c);
	sha256_update(&c, prev, 64);
	sha256_update(&c, "\t", 1);
	sha256_update(&c, fields, len);
	sha256_final(&c, dig);
	sha256_hex(dig, out);
}

/* Splits a line (no newline) in place at tabs.  Returns the count;
 * fields beyond AUDIT_FIELDS are not stored. */
static int
audit_split(char *line, char **f)
{
	int	 n = 0;
	char	*p = line, *tab;

	for (;;) {
		if (n < AUDIT_FIELDS)
			f[n] = p;
		n++;
		if ((tab = strchr(p, '\t')) == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

/*
 * The chain of the last well-formed line of the log open on fd (64
 * zeros when there is none), and in *whole the length of the log up to
 * the end of its last complete line.  With last, *last gets a copy of
 * that line (NULL when there is none; the caller frees it).  Returns 0
 * when the log ends in a newline (or is empty), 1 when it does not (a
 * torn last line), -1 on a read error (with *cause).
 */
static int
last_chain(int fd, char out[65], off_t *whole, char **last, char **cause)
{
	struct stat	 sb;
	char		*buf, *line, *end, *f[AUDIT_FIELDS];
	off_t		 off;
	size_t		 len;
	ssize_t		 n;
	int		 torn;

	memcpy(out, zero_chain, 65);
	*whole = 0;
	if (last != NULL)
		*last = NULL;
	if (fstat(fd, &sb) == -1)
		goto fail;
	if (sb.st_size == 0)
		return 0;
	off = sb.st_size > AUDIT_TAIL ? sb.st_size - AUDIT_TAIL : 0;
	for (;;) {
		len = (size_t)(sb.st_size - off);
		buf = xmalloc(len + 1);
		n = pread(fd, buf, len, off);
		if (n != (ssize_t)len) {
			free(buf);
			if (n >= 0)
				errno = EIO;
			goto fail;
		}
		buf[len] = '\0';
		torn = buf[len - 1] != '\n';
		/* The complete lines end at the last newline. */
		for (end = buf + len; end > buf && end[-1] != '\n'; end--)
			;
		if (end == buf && off != 0) {
			free(buf);
			off = 0;
			continue;
		}
		*whole = off + (end - buf);
		if (end == buf) {
			free(buf);
			return torn;
		}
		/* Walk the lines backwards; the first may be partial unless
		 * off is 0. */
		*--end = '\0';
		for (;;) {
			line = end;
			while (line > buf && line[-1] != '\n')
				line--;
			if (line == buf && off != 0)
				break;
			if (last != NULL)
				*last = xstrdup(line);
			if (audit_split(line, f) == AUDIT_FIELDS &&
			    sha256_hex_is_valid(f[5])) {
				memcpy(out, f[5], 65);
				free(buf);
				return torn;
			}
			if (last != NULL) {
				free(*last);
				*last = NULL;
			}
			if (line == buf)
				break;
			end = line - 1;
			*end = '\0';
		}
		free(buf);
		if (off == 0)
			return torn;
		off = 0;	/* nothing valid in the tail: read it all */
	}
fail:
	*cause = xasprintf("cannot read the audit log: %s", strerror(errno));
	return -1;
}

/* Whether the last good line of the log records pd: 1, 0, -1 (with
 * *cause) when the log cannot be read. */
int
audit_names(struct store *st, const char *action, const char *id,
    const char *sha256, char **cause)
{
	char	*last = NULL, *f[AUDIT_FIELDS], prev[65];
	off_t	 whole;
	int	 fd, r = 0;

	fd = fsdir_open(st->audit, O_RDONLY | O_CLOEXEC, 0);
	if (fd == -1)
		return errno == ENOENT ? 0 : (*cause = xasprintf("cannot "
		    "read the audit log: %s", fsdir_strerror(errno)), -1);
	if (last_chain(fd, prev, &whole, &last, cause) == -1)
		r = -1;
	else if (last != NULL && audit_split(last, f) == AUDIT_FIELDS &&
	    strcmp(f[2], action) == 0 && strcmp(f[3], id) == 0 &&
	    strcmp(f[4], sha256) == 0)
		r = 1;
	free(last);
	close(fd);
	return r;
}

int
store_audit_append(struct store *st, const char *action, const char *id,
    const char *sha256, char **cause)
{
	char	 now[SESSION_TIME_LEN], *c = NULL;
	int	 rc;

	if (store_lock(st, cause) == -1)
		return -1;
	session_time_now(now, &c);
	free(c);
	rc = audit_append(st, now, action, id, sha256, NULL, cause);
	store_unlock(st);
	return rc;
}

/* The user field: the login, then " (person)" when a person is named
 * and it is not the login itself. */
static void
audit_user(struct buf *b, const char *login, const char *person)
{
	buf_puts(b, login);
	if (person == NULL || *person == '\0' || strcmp(person, login) == 0)
		return;
	buf_puts(b, " (");
	buf_puts(b, person);
	buf_putc(b, ')');
}

/*
 * Appends one line, under the lock (the caller holds it).  A torn last
 * line (a write cut short by a crash) is cut off first: it was never a
 * link of the chain, and the line appended chains from the last whole
 * one.  person (may be NULL) is named after the login.
 */
int
audit_append(struct store *st, const char *now, const char *action,
    const char *id, const char *sha256, const char *person, char **cause)
{
	struct buf	 user;
	struct buf	 line;
	char		*path, *dir, prev[65], chain[65];
	int		 fd, torn, saved, rc = -1;
	off_t		 whole;

	if (strcmp(action, "save") != 0 && strcmp(action, "amend") != 0 &&
	    strcmp(action, "discard") != 0) {
		*cause = xasprintf("cannot write the audit log: unknown "
		    "action '%.20s'", action);
		return -1;
	}
	if (!sha256_hex_is_valid(sha256)) {
		*cause = xstrdup("cannot write the audit log: not a sha256");
		return -1;
	}
	path = xstrdup(st->audit);
	buf_init(&line);
	fd = fsdir_open(path, O_RDWR | O_CREAT | O_APPEND, 0600);
	if (fd == -1) {
		*cause = xasprintf("cannot write the audit log: %s (%s)",
		    fsdir_strerror(errno), path);
		goto out;
	}
	if ((torn = last_chain(fd, prev, &whole, NULL, cause)) == -1)
		goto out;
	if (torn && (ftruncate(fd, whole) == -1 || fsync(fd) == -1)) {
		*cause = xasprintf("cannot write the audit log: %s (cutting "
		    "off its incomplete last line, %s)", strerror(errno),
		    path);
		goto out;
	}
	buf_puts(&line, now);
	buf_putc(&line, '\t');
	buf_init(&user);
	audit_user(&user, st->user, person);
	session_escape(&line, user.data);
	buf_free(&user);
	buf_printf(&line, "\t%s\t", action);
	session_escape(&line, id);
	buf_printf(&line, "\t%s", sha256);
	chain_of(prev, line.data, line.len, chain);
	buf_printf(&line, "\t%s\n", chain);
	if (store_write_all(fd, line.data, line.len) == -1 ||
	    fsync(fd) == -1) {
		saved = errno;
		/* Cut back to where it was. */
		if (ftruncate(fd, whole) == 0)
			fsync(fd);
		*cause = xasprintf("cannot write the audit log: %s (writing "
		    "%s)", strerror(saved), path);
		goto out;
	}
	if (whole == 0) {
		dir = xstrndup(path, (size_t)(strrchr(path, '/') - path));
		store_fsync_dir(dir);
		free(dir);
	}
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	buf_free(&line);
	free(path);
	return rc;
}

static int
strcmp_p(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reports session files that no audit line names (pending: the id of
 * an interrupted save, or NULL). */
static void
verify_orphans(struct store *st, char **ids, size_t nids,
    const char *pending, struct diag *d, int *problems)
{
	DIR		*sd, *pd;
	struct dirent	*de, *fe;
	char		*sdir, *pdir, *id, *path;
	size_t		 len;

	if (nids > 0)
		qsort(ids, nids, sizeof(*ids), strcmp_p);
	sdir = xasprintf("%s/sessions", st->dir);
	if ((sd = fsdir_opendir(sdir)) == NULL) {
		free(sdir);
		return;
	}
	while ((de = readdir(sd)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		pdir = xasprintf("%s/%s", sdir, de->d_name);
		if ((pd = fsdir_opendir(pdir)) == NULL) {
			free(pdir);
			continue;
		}
		while ((fe = readdir(pd)) != NULL) {
			len = strlen(fe->d_name);
			if (fe->d_name[0] == '.' || len < 5 ||
			    strcmp(fe->d_name + len - 4, ".ini") != 0)
				continue;
			id = xasprintf("%s/%.*s", de->d_name, (int)(len - 4),
			    fe->d_name);
			if (nids == 0 || bsearch(&id, ids, nids,
			    sizeof(*ids), strcmp_p) == NULL) {
				path = xasprintf("%s/%s", pdir, fe->d_name);
				if (pending != NULL &&
				    strcmp(id, pending) == 0)
					diag_add(d, DIAG_ERROR, path, 0,
					    "session %s is not in the audit "
					    "log: its save was interrupted "
					    "(see .pending); the next save "
					    "completes it", id);
				else
					diag_add(d, DIAG_ERROR, path, 0,
					    "session %s is not in the audit "
					    "log", id);
				free(path);
				(*problems)++;
			}
			free(id);
		}
		closedir(pd);
		free(pdir);
	}
	closedir(sd);
	free(sdir);
}

/* Reports files in trash/ that no discard line names. */
static void
verify_trash(struct store *st, char **ids, size_t nids,
    const char *pending, struct diag *d, int *problems)
{
	DIR		*td;
	struct dirent	*de;
	char		*tdir, *id, *path;

	if (nids > 0)
		qsort(ids, nids, sizeof(*ids), strcmp_p);
	tdir = xasprintf("%s/trash", st->dir);
	if ((td = fsdir_opendir(tdir)) == NULL) {
		free(tdir);
		return;
	}
	while ((de = readdir(td)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		id = xasprintf("trash/%s", de->d_name);
		if (nids == 0 || bsearch(&id, ids, nids, sizeof(*ids),
		    strcmp_p) == NULL) {
			path = xasprintf("%s/%s", st->dir, id);
			diag_add(d, DIAG_ERROR, path, 0, "a discarded draft "
			    "that no discard line of the audit log names%s",
			    pending != NULL && strcmp(id, pending) == 0 ?
			    " (an interrupted discard, see .pending; the next "
			    "save completes it)" : "");
			free(path);
			(*problems)++;
		}
		free(id);
	}
	closedir(td);
	free(tdir);
}

/*
 * Walks the data directory (depth levels down): warns about modes that
 * let the group or others in (directories should be 0700, files 0600)
 * and reports the temporary files of interrupted writes.
 */
static void
verify_modes(const char *dir, int depth, struct diag *d, int *n)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 sb;
	char		*path;

	if (fsdir_stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return;
	if ((sb.st_mode & 0777) != 0700) {
		diag_add(d, DIAG_WARNING, dir, 0, "directory mode %04o: "
		    "should be 0700 (the files hold health data: chmod 700)",
		    (unsigned)(sb.st_mode & 07777));
		(*n)++;
	}
	if (depth == 0 || (dp = fsdir_opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (strcmp(de->d_name, ".git") == 0)
			continue;	/* git's, and made 0700 by sync */
		path = xasprintf("%s/%s", dir, de->d_name);
		if (fsdir_stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			verify_modes(path, depth - 1, d, n);
		else if (S_ISREG(sb.st_mode)) {
			if (sb.st_mode & 077) {
				diag_add(d, DIAG_WARNING, path, 0, "file mode "
				    "%04o: should be 0600 (the file holds "
				    "health data: chmod 600)",
				    (unsigned)(sb.st_mode & 07777));
				(*n)++;
			}
			if (strncmp(de->d_name, ".tmp-", 5) == 0) {
				diag_add(d, DIAG_WARNING, path, 0, "a "
				    "temporary file left by an interrupted "
				    "write; the next save here removes it");
				(*n)++;
			}
		}
		free(path);
	}
	closedir(dp);
}

/*
 * Checks one chain, the log at path, alone: the form of each line, the
 * chain from 64 zeros, and the hash of each file a line names (for a
 * discard, only in this workstation's own chain: the trash is never
 * synchronised).  The ids of save and amend lines are added to *ids,
 * those of discard lines to *dids.  Returns the problems, or -1 when
 * the log cannot be read.
 */
static int
verify_chain(struct store *st, const char *path, int own, struct idset *is,
    struct diag *d)
{
	char		*text, *line, *nl, *end, *f[AUDIT_FIELDS];
	char		 prev[65], want[65], hex[SHA256_HEX_LEN];
	char		*file, *chainp, *cause = NULL;
	size_t		 len, flen;
	int		 ln = 0, problems = 0, nf;

	if ((text = read_file_max(path, FSDIR_MAX_LOG, &len)) == NULL) {
		if (errno != ENOENT) {
			diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s",
			    errno == EFBIG ? "it is larger than the "
			    FSDIR_MAX_LOG_TEXT " limit" :
			    fsdir_strerror(errno));
			return -1;
		}
		text = xstrdup("");
		len = 0;
	}
	memcpy(prev, zero_chain, 65);
	end = text + len;
	for (line = text; line < end; line = nl + 1) {
		ln++;
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL) {
			diag_add(d, DIAG_ERROR, path, ln, "incomplete last "
			    "line (an interrupted write); the next save cuts "
			    "it off");
			problems++;
			break;
		}
		*nl = '\0';
		nf = 0;
		if (memchr(line, '\0', (size_t)(nl - line)) == NULL)
			nf = audit_split(line, f);
		if (nf != AUDIT_FIELDS || !session_time_is_valid(f[0]) ||
		    !sha256_hex_is_valid(f[4]) || !sha256_hex_is_valid(f[5])) {
			diag_add(d, DIAG_ERROR, path, ln, "malformed line "
			    "(want time, user, action, id, sha256 and chain, "
			    "separated by tabs)");
			problems++;
			continue;
		}
		/* Hash the first five fields as written: put back the four
		 * tabs between them, then split again. */
		chainp = f[5];
		flen = (size_t)(chainp - 1 - line);
		for (nf = 0; nf < 4; nf++)
			f[nf][strlen(f[nf])] = '\t';
		chain_of(prev, line, flen, want);
		audit_split(line, f);
		if (strcmp(want, chainp) != 0) {
			diag_add(d, DIAG_ERROR, path, ln, "hash chain broken: "
			    "this line was changed, or a line before it was "
			    "removed or inserted");
			problems++;
		}
		memcpy(prev, chainp, 65);
		if (strcmp(f[2], "save") == 0 || strcmp(f[2], "amend") == 0) {
			if (!store_session_id_is_valid(f[3], &cause)) {
				diag_add(d, DIAG_ERROR, path, ln, "%s", cause);
				free(cause);
				cause = NULL;
				problems++;
				continue;
			}
			is->ids = xreallocarray(is->ids, is->nids + 1,
			    sizeof(*is->ids));
			is->ids[is->nids++] = xstrdup(f[3]);
			file = store_session_path(st, f[3]);
		} else if (strcmp(f[2], "discard") == 0) {
			if (strncmp(f[3], "trash/", 6) != 0 ||
			    strchr(f[3] + 6, '/') != NULL ||
			    strstr(f[3], "..") != NULL) {
				diag_add(d, DIAG_ERROR, path, ln, "discard of "
				    "'%s': not a file in trash/", f[3]);
				problems++;
				continue;
			}
			is->dids = xreallocarray(is->dids, is->ndids + 1,
			    sizeof(*is->dids));
			is->dids[is->ndids++] = xstrdup(f[3]);
			if (!own)
				continue;
			file = xasprintf("%s/%s", st->dir, f[3]);
		} else {
			diag_add(d, DIAG_ERROR, path, ln, "unknown action "
			    "'%s'", f[2]);
			problems++;
			continue;
		}
		if (sha256_file(file, hex) == -1) {
			diag_add(d, DIAG_ERROR, path, ln, "%s: %s", f[3],
			    errno == ENOENT ? "the file is missing" :
			    fsdir_strerror(errno));
			problems++;
		} else if (strcmp(hex, f[4]) != 0) {
			diag_add(d, DIAG_ERROR, path, ln, "%s: the file was "
			    "changed after it was written (sha256 %.12s..., "
			    "logged %.12s...)", f[3], hex, f[4]);
			problems++;
		}
		free(file);
	}
	free(text);
	return problems;
}

int
store_audit_verify(struct store *st, struct diag *d)
{
	struct idset	 is;
	char		**logs, *pid = NULL, *path;
	size_t		 nlogs, i;
	int		 problems = 0, r;

	memset(&is, 0, sizeof(is));
	path = xasprintf("%s/.pending", st->dir);
	if (store_pending_id(st, &pid) == -1)
		diag_add(d, DIAG_WARNING, path, 0, "a damaged record of an "
		    "interrupted save; the next save removes it");
	free(path);
	logs = store_audit_logs(st, &nlogs);
	for (i = 0; i < nlogs; i++) {
		r = verify_chain(st, logs[i], strcmp(logs[i], st->audit) ==
		    0, &is, d);
		if (r == -1)
			problems = -1;
		else if (problems != -1)
			problems += r;
	}
	if (problems != -1) {
		verify_orphans(st, is.ids, is.nids, pid, d, &problems);
		verify_trash(st, is.dids, is.ndids, pid, d, &problems);
	}
	while (is.nids > 0)
		free(is.ids[--is.nids]);
	free(is.ids);
	while (is.ndids > 0)
		free(is.dids[--is.ndids]);
	free(is.dids);
	store_audit_logs_free(logs, nlogs);
	free(pid);
	return problems;
}

char **
store_audit_logs(struct store *st, size_t *n)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 sb;
	char		**v = NULL, *dir, *path;
	size_t		 len, k = 0, first = 0;

	*n = 0;
	path = xasprintf("%s/audit.log", st->dir);
	if (fsdir_stat(path, &sb) == 0 || strcmp(path, st->audit) == 0) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		v[k++] = path;
		first = 1;
	} else
		free(path);
	dir = xasprintf("%s/audit", st->dir);
	if ((dp = fsdir_opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 5 ||
			    strcmp(de->d_name + len - 4, ".log") != 0)
				continue;
			v = xreallocarray(v, k + 1, sizeof(*v));
			v[k++] = xasprintf("%s/%s", dir, de->d_name);
		}
		closedir(dp);
	}
	free(dir);
	/* The own chain even before its first line. */
	for (len = 0; len < k && strcmp(v[len], st->audit) != 0; len++)
		;
	if (len == k) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		v[k++] = xstrdup(st->audit);
	}
	if (k > first + 1)
		qsort(v + first, k - first, sizeof(*v), strcmp_p);
	*n = k;
	return v;
}

void
store_audit_logs_free(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* Every entry below the directory open on dfd (closed here). */
static void
verify_tree(int dfd, const char *path, int depth, struct diag *d,
    int *problems)
{
	DIR		*dir;
	struct dirent	*de;
	struct stat	 sb;
	char		*p;
	int		 fd;

	if ((dir = fdopendir(dfd)) == NULL) {
		close(dfd);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    (depth == 0 && strcmp(de->d_name, ".git") == 0))
			continue;
#ifdef DT_REG
		if (de->d_type == DT_REG)	/* saves a stat per file */
			continue;
#endif
		if (fstatat(dirfd(dir), de->d_name, &sb,
		    AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (S_ISREG(sb.st_mode))
			continue;
		p = xasprintf("%s/%s", path, de->d_name);
		if (S_ISLNK(sb.st_mode) || !S_ISDIR(sb.st_mode)) {
			diag_add(d, DIAG_ERROR, p, 0, "%s", fsdir_strerror(
			    S_ISLNK(sb.st_mode) ? ELOOP : FSDIR_ENOTREG));
			(*problems)++;
		} else if (depth < 8 && (fd = openat(dirfd(dir), de->d_name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) != -1)
			verify_tree(fd, p, depth + 1, d, problems);
		free(p);
	}
	closedir(dir);
}

int
store_verify_files(struct store *st, struct diag *d)
{
	int	 fd, problems = 0;

	if ((fd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return 0;
	verify_tree(fd, st->dir, 0, d, &problems);
	return problems;
}


int
store_verify_modes(struct store *st, struct diag *d)
{
	int	 n = 0;

	verify_modes(st->dir, 3, d, &n);
	return n;
}

int
store_audit_has(struct store *st, const char *id)
{
	char	**logs, *text, *save, *amend;
	size_t	 nlogs, i, len;
	int	 r = 0;

	logs = store_audit_logs(st, &nlogs);
	save = xasprintf("\tsave\t%s\t", id);
	amend = xasprintf("\tamend\t%s\t", id);
	for (i = 0; i < nlogs && r == 0; i++) {
		if ((text = read_file_max(logs[i], FSDIR_MAX_LOG, &len)) ==
		    NULL) {
			if (errno != ENOENT)
				r = -1;
			continue;
		}
		r = strstr(text, save) != NULL || strstr(text, amend) != NULL;
		free(text);
	}
	free(save);
	free(amend);
	store_audit_logs_free(logs, nlogs);
	return r;
}
