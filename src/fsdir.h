/*
 * fsdir.h: files inside the data directory are reached without
 * following symbolic links, and only regular files are read.
 *
 * store_open() makes the data directory the root (fsdir_set_root).
 * Every function here takes an ordinary path.  When the path lies below
 * the root, it is resolved one component at a time from a descriptor
 * of the root, each directory opened with openat(O_DIRECTORY |
 * O_NOFOLLOW), and the last component is handled by the *at call that
 * does not follow a link (openat with O_NOFOLLOW, fstatat with
 * AT_SYMLINK_NOFOLLOW, mkdirat, linkat, renameat, unlinkat).  A
 * symbolic link anywhere below the root fails with ELOOP; the root
 * itself may be a symbolic link.  "." and ".." components below the
 * root fail with EINVAL.  Paths outside the root behave as the plain
 * calls do.  There is one root per process: the data directory of the
 * store opened last.
 *
 * The directories a read (open for reading, stat, opendir) passed
 * through are kept open, one per depth, for the next read: reading
 * many files of a few directories then costs about what open(2) did.
 * Any write (create, mkdir, link, rename, unlink) walks afresh and
 * drops them.
 *
 * fsdir_open() of anything but a directory opens with O_NONBLOCK, so
 * that a FIFO cannot block, and refuses what is not a regular file
 * with FSDIR_ENOTREG, wherever the path is.  O_NONBLOCK is then
 * cleared for a write unless asked for (it means nothing to a regular
 * file's reads).
 */
#ifndef RATER_FSDIR_H
#define RATER_FSDIR_H

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>

/* errno of fsdir_open() for a FIFO, device, socket. */
#define FSDIR_ENOTREG	ENODEV

/*
 * Size limits of the readers (util.h read_file, sha256_file): scale,
 * session, draft, memo and configuration files, and score --answers;
 * the audit log, and score --csv.  A larger file fails with EFBIG.
 */
#define FSDIR_MAX_FILE		(16UL << 20)
#define FSDIR_MAX_FILE_TEXT	"16 MiB"
#define FSDIR_MAX_LOG		(1UL << 30)
#define FSDIR_MAX_LOG_TEXT	"1 GiB"

/* Makes dir the root (NULL: none); 0, or -1 with errno when it cannot
 * be opened as a directory (the root is then unset). */
int	 fsdir_set_root(const char *dir);
/* Unsets the root if it is dir. */
void	 fsdir_clear_root(const char *dir);
/* 1 if path lies below the root. */
int	 fsdir_is_below_root(const char *path);

int	 fsdir_open(const char *path, int flags, mode_t mode);
/* The same, with the file's fstat(2) in *sb. */
int	 fsdir_open_st(const char *path, int flags, mode_t mode,
	    struct stat *sb);
DIR	*fsdir_opendir(const char *path);
/* Below the root: fstatat(AT_SYMLINK_NOFOLLOW), so a link reports
 * S_ISLNK; elsewhere stat(2). */
int	 fsdir_stat(const char *path, struct stat *);
int	 fsdir_mkdir(const char *path, mode_t);
int	 fsdir_link(const char *from, const char *to);
int	 fsdir_rename(const char *from, const char *to);
int	 fsdir_unlink(const char *path);
/* mkstemp(3) through fsdir_open: tmpl ends in "XXXXXX", 0600. */
int	 fsdir_mkstemp(char *tmpl);

/*
 * strerror() that explains this module's refusals: ELOOP "is a
 * symbolic link (not followed inside the data directory)",
 * FSDIR_ENOTREG "is not a regular file", EFBIG "is larger than the
 * 16 MiB limit" (FSDIR_MAX_FILE).  A static string.
 */
const char *fsdir_strerror(int);

#endif
