/*
 * fsdir.c: no symbolic link followed below the data directory, no
 * non-regular file opened as a file.  See fsdir.h.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsdir.h"
#include "util.h"

#ifndef NAME_MAX
#define NAME_MAX	255
#endif

/* The root: its path as given (less trailing slashes) and a descriptor
 * of the directory it named when it was set. */
static char	*root_path;
static size_t	 root_len;
static int	 root_fd = -1;

/*
 * The directories of the last read below the root, one per depth, kept
 * open: listing or verifying opens one file after another in the same
 * few directories.  Writes never use them, and drop them.
 */
#define CACHE_DEPTH	4
static struct cached {
	char	*path;		/* root/a/b: the directory's whole path */
	size_t	 len;
	int	 fd;		/* -1: empty */
} cache[CACHE_DEPTH] = {
	{ NULL, 0, -1 }, { NULL, 0, -1 }, { NULL, 0, -1 }, { NULL, 0, -1 }
};

static int	 parent_open(const char *, const char **, int);
static void	 cache_drop(int);
static int	 is_cached(int);
static void	 parent_close(int);
static int	 name_is_plain(const char *);
static int	 two_paths(const char *, const char *, int);

int
fsdir_set_root(const char *dir)
{
	int	 fd, saved;
	size_t	 len;

	cache_drop(0);
	if (root_fd != -1)
		close(root_fd);
	free(root_path);
	root_path = NULL;
	root_len = 0;
	root_fd = -1;
	if (dir == NULL)
		return 0;
	/* The root itself may be a symbolic link: follow it here. */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	for (len = strlen(dir); len > 1 && dir[len - 1] == '/'; len--)
		;
	if (len == 0) {
		saved = EINVAL;
		close(fd);
		errno = saved;
		return -1;
	}
	root_fd = fd;
	root_path = xstrndup(dir, len);
	root_len = len;
	return 0;
}

void
fsdir_clear_root(const char *dir)
{
	size_t	 len;

	if (root_path == NULL || dir == NULL)
		return;
	for (len = strlen(dir); len > 1 && dir[len - 1] == '/'; len--)
		;
	if (len == root_len && strncmp(dir, root_path, len) == 0)
		fsdir_set_root(NULL);
}

int
fsdir_is_below_root(const char *path)
{
	return root_path != NULL && strncmp(path, root_path, root_len) == 0 &&
	    path[root_len] == '/' && path[root_len + 1] != '\0';
}

/* 1 unless name is empty, "." or "..". */
static int
name_is_plain(const char *name)
{
	return name[0] != '\0' && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0;
}

/* Empties the cache from depth from down. */
static void
cache_drop(int from)
{
	int	 i;

	for (i = from; i < CACHE_DEPTH; i++) {
		if (cache[i].fd != -1)
			close(cache[i].fd);
		cache[i].fd = -1;
		free(cache[i].path);
		cache[i].path = NULL;
		cache[i].len = 0;
	}
}

static int
is_cached(int fd)
{
	int	 i;

	for (i = 0; i < CACHE_DEPTH; i++)
		if (cache[i].fd == fd)
			return 1;
	return 0;
}

/*
 * The directory that holds the last component of path, and (in *base)
 * that component.  Outside the root: AT_FDCWD and the whole path.
 * Below it: a descriptor reached from the root without following a
 * link (ELOOP for one); for a read (reading set) through the
 * directories kept from earlier reads.  Returns -1 with errno on
 * failure; release with parent_close().
 */
static int
parent_open(const char *path, const char **base, int reading)
{
	const char	*p, *slash;
	char		 name[NAME_MAX + 1];
	struct stat	 sb;
	size_t		 len, plen;
	int		 fd, nfd, saved, depth = 0;

	if (!fsdir_is_below_root(path)) {
		*base = path;
		return AT_FDCWD;
	}
	if (!reading)
		cache_drop(0);
	fd = root_fd;
	p = path + root_len + 1;
	for (; (slash = strchr(p, '/')) != NULL; depth++) {
		len = (size_t)(slash - p);
		if (len > NAME_MAX) {
			saved = ENAMETOOLONG;
			goto fail;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (!name_is_plain(name)) {
			saved = EINVAL;
			goto fail;
		}
		plen = (size_t)(slash - path);
		if (reading && depth < CACHE_DEPTH && cache[depth].fd != -1 &&
		    cache[depth].len == plen &&
		    strncmp(cache[depth].path, path, plen) == 0) {
			fd = cache[depth].fd;	/* the one before is cached
						   or the root */
			p = slash + 1;
			continue;
		}
		nfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (nfd == -1) {
			saved = errno;
			/* Some systems say ENOTDIR for a link to a
			 * directory: say what it is. */
			if (saved == ENOTDIR && fstatat(fd, name, &sb,
			    AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(sb.st_mode))
				saved = ELOOP;
			goto fail;
		}
		parent_close(fd);
		fd = nfd;
		p = slash + 1;
		if (reading && depth < CACHE_DEPTH) {
			cache_drop(depth);
			cache[depth].fd = fd;
			cache[depth].len = plen;
			cache[depth].path = xstrndup(path, plen);
		}
	}
	if (!name_is_plain(p)) {
		saved = EINVAL;
		goto fail;
	}
	*base = p;
	return fd;
fail:
	parent_close(fd);
	errno = saved;
	return -1;
}

static void
parent_close(int fd)
{
	if (fd != AT_FDCWD && fd != root_fd && fd != -1 && !is_cached(fd))
		close(fd);
}

int
fsdir_open(const char *path, int flags, mode_t mode)
{
	struct stat	 sb;

	return fsdir_open_st(path, flags, mode, &sb);
}

int
fsdir_open_st(const char *path, int flags, mode_t mode, struct stat *st)
{
	const char	*base;
	struct stat	 sb;
	int		 dfd, fd, fl, saved, reading;

	reading = (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) == 0;
	if ((dfd = parent_open(path, &base, reading)) == -1)
		return -1;
	if (dfd != AT_FDCWD)
		flags |= O_NOFOLLOW;
	if (flags & O_DIRECTORY) {
		fd = openat(dfd, base, flags | O_CLOEXEC, mode);
		saved = errno;
		if (fd == -1 && saved == ENOTDIR && dfd != AT_FDCWD &&
		    fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(sb.st_mode))
			saved = ELOOP;
		parent_close(dfd);
		errno = saved;
		return fd;
	}
	/* A FIFO must not block the open: O_NONBLOCK until it is known
	 * to be a regular file. */
	fd = openat(dfd, base, flags | O_NONBLOCK | O_CLOEXEC, mode);
	saved = errno;
	parent_close(dfd);
	if (fd == -1) {
		/* O_WRONLY | O_NONBLOCK on a FIFO with no reader. */
		errno = saved == ENXIO ? FSDIR_ENOTREG : saved;
		return -1;
	}
	if (fstat(fd, st) == -1) {
		saved = errno;
		goto fail;
	}
	if (!S_ISREG(st->st_mode)) {
		saved = S_ISDIR(st->st_mode) ? EISDIR : FSDIR_ENOTREG;
		goto fail;
	}
	/* O_NONBLOCK means nothing to a regular file's reads; writers
	 * get the flags they asked for. */
	if (!reading && !(flags & O_NONBLOCK) &&
	    ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1)) {
		saved = errno;
		goto fail;
	}
	return fd;
fail:
	close(fd);
	errno = saved;
	return -1;
}

DIR *
fsdir_opendir(const char *path)
{
	DIR	*dir;
	int	 fd, saved;

	if ((fd = fsdir_open(path, O_RDONLY | O_DIRECTORY, 0)) == -1)
		return NULL;
	if ((dir = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return dir;
}

int
fsdir_stat(const char *path, struct stat *sb)
{
	const char	*base;
	int		 dfd, rc, saved;

	if ((dfd = parent_open(path, &base, 1)) == -1)
		return -1;
	if (dfd == AT_FDCWD)
		return stat(path, sb);
	rc = fstatat(dfd, base, sb, AT_SYMLINK_NOFOLLOW);
	saved = errno;
	parent_close(dfd);
	errno = saved;
	return rc;
}

int
fsdir_mkdir(const char *path, mode_t mode)
{
	const char	*base;
	int		 dfd, rc, saved;

	if ((dfd = parent_open(path, &base, 0)) == -1)
		return -1;
	rc = mkdirat(dfd, base, mode);
	saved = errno;
	parent_close(dfd);
	errno = saved;
	return rc;
}

/* linkat (is_rename 0) or renameat (is_rename 1) of from to to. */
static int
two_paths(const char *from, const char *to, int is_rename)
{
	const char	*b1, *b2;
	int		 d1, d2, rc, saved;

	if ((d1 = parent_open(from, &b1, 0)) == -1)
		return -1;
	if ((d2 = parent_open(to, &b2, 0)) == -1) {
		saved = errno;
		parent_close(d1);
		errno = saved;
		return -1;
	}
	/* linkat without AT_SYMLINK_FOLLOW links a link, not its
	 * target. */
	rc = is_rename ? renameat(d1, b1, d2, b2) : linkat(d1, b1, d2, b2, 0);
	saved = errno;
	parent_close(d1);
	parent_close(d2);
	errno = saved;
	return rc;
}

int
fsdir_link(const char *from, const char *to)
{
	return two_paths(from, to, 0);
}

int
fsdir_rename(const char *from, const char *to)
{
	return two_paths(from, to, 1);
}

int
fsdir_unlink(const char *path)
{
	const char	*base;
	int		 dfd, rc, saved;

	if ((dfd = parent_open(path, &base, 0)) == -1)
		return -1;
	rc = unlinkat(dfd, base, 0);
	saved = errno;
	parent_close(dfd);
	errno = saved;
	return rc;
}

int
fsdir_mkstemp(char *tmpl)
{
	static const char chars[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long counter;
	struct timespec	 ts;
	unsigned long	 r;
	size_t		 len;
	char		*x;
	int		 tries, i, fd;

	len = strlen(tmpl);
	if (len < 6 || strcmp(tmpl + len - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return -1;
	}
	x = tmpl + len - 6;
	for (tries = 0; tries < 1000; tries++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		r = (unsigned long)ts.tv_nsec ^ ((unsigned long)ts.tv_sec <<
		    7) ^ ((unsigned long)getpid() << 13) ^ (++counter * 7919);
		for (i = 0; i < 6; i++) {
			x[i] = chars[r % (sizeof(chars) - 1)];
			r /= sizeof(chars) - 1;
			r ^= counter * 2654435761UL + (unsigned long)tries;
		}
		fd = fsdir_open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd != -1 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

const char *
fsdir_strerror(int e)
{
	switch (e) {
	case ELOOP:
		return "it is a symbolic link (not followed inside the data "
		    "directory)";
	case FSDIR_ENOTREG:
		return "it is not a regular file";
	case EFBIG:
		return "it is larger than the " FSDIR_MAX_FILE_TEXT " limit";
	default:
		return strerror(e);
	}
}
