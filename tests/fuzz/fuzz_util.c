/*
 * fuzz_util.c: helpers shared by the fuzz targets (see fuzz_util.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "score.h"

static char		*tmpdir;
static struct scale	*fixed;

static void	 rm_tmpdir(void);
static void	 rm_dir(const char *);
static void	 sweep(const char *);
static void	 dump_diag(const char *, const struct diag *);
static char	*find_up(const char *, const char *);

void
fuzz_fail(const char *file, int line, const char *cond, const char *fmt,
    ...)
{
	va_list	 ap;

	fprintf(stderr, "fuzz: %s:%d: invariant broken: %s\nfuzz: ", file,
	    line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	rm_tmpdir();
	abort();
}

void
fuzz_init(void)
{
	static int	 done;

	if (done)
		return;
	done = 1;
	setenv("RATER_NOW", FUZZ_NOW, 1);
}

/* Looks for rel in dir and its parents; returns the path or NULL. */
static char *
find_up(const char *start, const char *rel)
{
	char	*dir, *path, *slash;

	dir = xstrdup(start);
	for (;;) {
		path = xasprintf("%s/%s", dir, rel);
		if (access(path, R_OK) == 0) {
			free(dir);
			return path;
		}
		free(path);
		if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
			break;
		*slash = '\0';
	}
	free(dir);
	return NULL;
}

const struct scale *
fuzz_fixed_scale(void)
{
	struct diag	 d;
	struct buf	 b;
	char		 exe[PATH_MAX], cwd[PATH_MAX], *path = NULL, *slash;
	const char	*env;
	ssize_t		 n;

	if (fixed != NULL)
		return fixed;
	fuzz_init();
	if ((env = getenv("RATER_FUZZ_SCALE")) != NULL && *env != '\0')
		path = xstrdup(env);
	if (path == NULL &&
	    (n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL && slash != exe) {
			*slash = '\0';
			path = find_up(exe, "scales/phq9.ini");
		}
	}
	if (path == NULL && getcwd(cwd, sizeof(cwd)) != NULL)
		path = find_up(cwd, "scales/phq9.ini");
	if (path == NULL) {
		fprintf(stderr, "fuzz: cannot find scales/phq9.ini; set "
		    "RATER_FUZZ_SCALE\n");
		exit(2);
	}
	diag_init(&d);
	if ((fixed = scale_load(path, &d)) == NULL) {
		buf_init(&b);
		diag_format(&d, &b);
		fprintf(stderr, "fuzz: cannot load %s:\n%s", path,
		    b.data != NULL ? b.data : "");
		exit(2);
	}
	diag_free(&d);
	free(path);
	return fixed;
}

/* Empties a directory (one level) and removes it. */
static void
rm_dir(const char *dirpath)
{
	DIR		*dir;
	struct dirent	*de;
	char		*path;

	if ((dir = opendir(dirpath)) != NULL) {
		while ((de = readdir(dir)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			path = xasprintf("%s/%s", dirpath, de->d_name);
			unlink(path);
			free(path);
		}
		closedir(dir);
	}
	rmdir(dirpath);
}

/* At exit, and when a broken invariant ends the process. */
static void
rm_tmpdir(void)
{
	if (tmpdir != NULL)
		rm_dir(tmpdir);
}

/* Removes the directories of earlier runs that died (a crash found by a
 * sanitizer ends the process without running atexit). */
static void
sweep(const char *base)
{
	DIR		*dir;
	struct dirent	*de;
	char		*end, *path;
	long		 pid;

	if ((dir = opendir(base)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, "rater-fuzz-", 11) != 0)
			continue;
		pid = strtol(de->d_name + 11, &end, 10);
		if (*end != '-' || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		path = xasprintf("%s/%s", base, de->d_name);
		rm_dir(path);
		free(path);
	}
	closedir(dir);
}

const char *
fuzz_tmpdir(void)
{
	const char	*base;

	if (tmpdir != NULL)
		return tmpdir;
	if ((base = getenv("TMPDIR")) == NULL || *base == '\0')
		base = "/tmp";
	sweep(base);
	tmpdir = xasprintf("%s/rater-fuzz-%ld-XXXXXX", base, (long)getpid());
	if (mkdtemp(tmpdir) == NULL) {
		fprintf(stderr, "fuzz: mkdtemp %s: %s\n", tmpdir,
		    strerror(errno));
		exit(2);
	}
	atexit(rm_tmpdir);
	return tmpdir;
}

void
fuzz_write_file(const char *path, const void *data, size_t len)
{
	const char	*p = data;
	ssize_t		 w;
	int		 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1) {
		fprintf(stderr, "fuzz: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (len > 0) {
		if ((w = write(fd, p, len)) <= 0) {
			fprintf(stderr, "fuzz: %s: %s\n", path,
			    strerror(errno));
			exit(2);
		}
		p += w;
		len -= (size_t)w;
	}
	close(fd);
}

int
fuzz_nlines(const void *data, size_t len)
{
	const char	*p = data, *end;
	int		 n = 0;

	if (len == 0)
		return 0;
	for (end = p + len; p < end; p++)
		if (*p == '\n')
			n++;
	if (end[-1] != '\n')
		n++;
	return n;
}

void
fuzz_check_diag(const struct diag *d, int maxline)
{
	const char	*p;
	size_t		 i, nerr = 0, nwarn = 0;

	if (maxline == 0)
		maxline = 1;	/* "line 1" of an empty file is fine */
	for (i = 0; i < d->n; i++) {
		FUZZ_ASSERT(d->v[i].msg != NULL && d->v[i].msg[0] != '\0',
		    "diagnostic %zu has no message", i);
		for (p = d->v[i].msg; *p != '\0'; p++)
			FUZZ_ASSERT((unsigned char)*p >= 0x20 &&
			    *p != 0x7f, "diagnostic holds byte 0x%02x: %s",
			    (unsigned char)*p, d->v[i].msg);
		FUZZ_ASSERT(d->v[i].line >= 0 && (maxline == -1 ||
		    d->v[i].line <= maxline), "line %d of %d: %s",
		    d->v[i].line, maxline, d->v[i].msg);
		if (d->v[i].level == DIAG_ERROR)
			nerr++;
		else
			nwarn++;
	}
	FUZZ_ASSERT(nerr == d->nerrors && nwarn == d->nwarnings,
	    "counted %zu/%zu, diag says %zu/%zu", nerr, nwarn, d->nerrors,
	    d->nwarnings);
}

static void
dump_diag(const char *what, const struct diag *d)
{
	struct buf	 b;

	buf_init(&b);
	diag_format(d, &b);
	fprintf(stderr, "fuzz: %s:\n%s", what, b.data != NULL ? b.data :
	    "(no diagnostics)\n");
	buf_free(&b);
}

void
fuzz_roundtrip(struct session *s, const struct scale *sc)
{
	struct session	*s2;
	struct diag	 d;
	struct buf	 out, again;
	char		*cause = NULL, stamp[16], *id;
	size_t		 nbad;

	if (!s->bound)
		return;
	if (s->patient == NULL)
		session_set(&s->patient, "P1");
	if (s->started == NULL)
		session_set(&s->started, FUZZ_NOW);
	if (s->finished == NULL)
		session_set(&s->finished, s->started);
	if (s->id == NULL && session_time_is_valid(s->started)) {
		session_time_stamp(s->started, stamp);
		id = xasprintf("%s/%s-%s-1", s->patient, stamp, sc->id);
		session_set(&s->id, id);
		free(id);
	}
	buf_init(&out);
	if (session_write(s, sc, &out, &cause) == -1) {
		FUZZ_ASSERT(cause != NULL && *cause != '\0',
		    "session_write failed without a cause");
		free(cause);
		buf_free(&out);
		return;
	}
	FUZZ_ASSERT(cause == NULL, "session_write succeeded with cause %s",
	    cause);
	FUZZ_ASSERT(out.data != NULL && strlen(out.data) == out.len,
	    "session_write output holds a NUL byte");

	diag_init(&d);
	s2 = session_parse("roundtrip", out.data, out.len, &d);
	if (s2 == NULL) {
		dump_diag("written session does not read back", &d);
		fprintf(stderr, "%s", out.data);
		FUZZ_ASSERT(0, "session_write wrote what session_parse "
		    "rejects");
	}
	if (session_bind(s2, sc, &d) == -1) {
		dump_diag("written session does not bind", &d);
		fprintf(stderr, "%s", out.data);
		FUZZ_ASSERT(0, "session_write wrote what session_bind "
		    "rejects");
	}
	if ((nbad = session_check_scores(s2, sc, &d)) != 0) {
		dump_diag("written scores do not check", &d);
		fprintf(stderr, "%s", out.data);
		FUZZ_ASSERT(0, "%zu stored scores disagree", nbad);
	}
	buf_init(&again);
	if (session_write(s2, sc, &again, &cause) == -1) {
		fprintf(stderr, "fuzz: %s\n", cause);
		FUZZ_ASSERT(0, "a session read back cannot be written");
	}
	if (again.len != out.len || memcmp(again.data, out.data,
	    out.len) != 0) {
		fprintf(stderr, "--- first\n%s--- second\n%s", out.data,
		    again.data);
		FUZZ_ASSERT(0, "writing a session read back changes it");
	}
	buf_free(&again);
	session_free(s2);
	diag_free(&d);
	buf_free(&out);
}
