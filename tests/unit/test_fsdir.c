/*
 * test_fsdir.c: no symbolic link followed below the root, whichever
 * call reaches it; the root itself may be a link; "." and ".." below
 * the root refused; FIFOs, devices and directories refused as files,
 * without blocking (alarm: a hang fails); the kept directories of
 * earlier reads never let a link through; size limits of the readers.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsdir.h"
#include "harness.h"
#include "sha256.h"
#include "util.h"

static char	 tmp[] = "/tmp/rater-fsdir-XXXXXX";

static char	*in(const char *);
static void	 put(const char *, const char *);

static char *
in(const char *rel)
{
	return xasprintf("%s/%s", tmp, rel);
}

static void
put(const char *rel, const char *text)
{
	char	*p = in(rel);
	FILE	*f;

	if ((f = fopen(p, "w")) == NULL) {
		perror(p);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	free(p);
}

int
main(void)
{
	struct stat	 sb;
	char		*root, *p, *q, *text, *cmd, name[SHA256_HEX_LEN];
	size_t		 len;
	int		 fd;
	DIR		*dir;

	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	alarm(30);
	p = in("real");
	mkdir(p, 0700);
	free(p);
	p = in("real/sub");
	mkdir(p, 0700);
	free(p);
	p = in("outside");
	mkdir(p, 0700);
	free(p);
	put("outside/secret", "secret\n");
	put("real/sub/a", "a\n");
	/* The root is a link to real/: allowed. */
	p = in("real");
	root = in("data");
	CHECK("root-1.1", symlink(p, root) == 0);
	free(p);
	CHECK("root-1.2", fsdir_set_root(root) == 0);
	p = xasprintf("%s/sub/a", root);
	text = read_file(p, &len);
	CHECK("root-1.3", text != NULL && strcmp(text, "a\n") == 0);
	free(text);

	/* The file a becomes a link, after a read kept its directory. */
	CHECK("link-1.0", unlink(p) == 0);
	q = in("outside/secret");
	CHECK("link-1.1", symlink(q, p) == 0);
	errno = 0;
	CHECK("link-1.2", read_file(p, &len) == NULL && errno == ELOOP);
	CHECK("link-1.3", fsdir_open(p, O_WRONLY | O_APPEND, 0) == -1 &&
	    errno == ELOOP);
	CHECK("link-1.4", fsdir_stat(p, &sb) == 0 && S_ISLNK(sb.st_mode));
	CHECK("link-1.5", sha256_file(p, name) == -1 && errno == ELOOP);
	/* Removing or renaming the link acts on the link. */
	free(q);
	q = xasprintf("%s/sub/b", root);
	CHECK("link-2.1", fsdir_rename(p, q) == 0 && lstat(q, &sb) == 0 &&
	    S_ISLNK(sb.st_mode));
	CHECK("link-2.2", fsdir_link(q, p) == 0 && lstat(p, &sb) == 0 &&
	    S_ISLNK(sb.st_mode));
	CHECK("link-2.3", fsdir_unlink(q) == 0 && fsdir_unlink(p) == 0);
	free(p);
	free(q);
	p = in("outside/secret");
	text = read_file(p, &len);	/* outside the root: plain */
	CHECK("link-2.4", text != NULL && strcmp(text, "secret\n") == 0);
	free(text);
	free(p);

	/* A directory below the root that is a link. */
	p = in("outside");
	q = xasprintf("%s/sub/d", root);
	CHECK("dir-1.0", symlink(p, q) == 0);
	free(p);
	free(q);
	p = xasprintf("%s/sub/d/secret", root);
	CHECK("dir-1.1", read_file(p, &len) == NULL && errno == ELOOP);
	CHECK("dir-1.2", fsdir_stat(p, &sb) == -1 && errno == ELOOP);
	free(p);
	p = xasprintf("%s/sub/d/new", root);
	CHECK("dir-1.3", fsdir_open(p, O_WRONLY | O_CREAT | O_EXCL, 0600) ==
	    -1 && errno == ELOOP);
	free(p);
	p = xasprintf("%s/sub/d/XXXXXX", root);
	CHECK("dir-1.4", fsdir_mkstemp(p) == -1 && errno == ELOOP);
	free(p);
	p = xasprintf("%s/sub/d/x", root);
	CHECK("dir-1.5", fsdir_mkdir(p, 0700) == -1 && errno == ELOOP);
	free(p);
	p = xasprintf("%s/sub/d", root);
	CHECK("dir-1.6", fsdir_opendir(p) == NULL && errno == ELOOP);
	free(p);
	p = in("outside");
	dir = opendir(p);
	len = 0;
	while (dir != NULL && readdir(dir) != NULL)
		len++;
	if (dir != NULL)
		closedir(dir);
	CHECK("dir-1.7", len == 3);	/* ., .. and secret: nothing new */
	free(p);

	/* "." and ".." below the root. */
	p = xasprintf("%s/sub/../../outside/secret", root);
	CHECK("dots-1.1", read_file(p, &len) == NULL && errno == EINVAL);
	free(p);
	p = xasprintf("%s/./sub/a", root);
	CHECK("dots-1.2", fsdir_open(p, O_RDONLY, 0) == -1 &&
	    errno == EINVAL);
	free(p);

	/* New files, and a temporary name. */
	p = xasprintf("%s/sub/XXXXXX", root);
	fd = fsdir_mkstemp(p);
	CHECK("new-1.1", fd != -1 && fstat(fd, &sb) == 0 &&
	    (sb.st_mode & 0777) == 0600 && strstr(p, "XXXXXX") == NULL);
	if (fd != -1)
		close(fd);
	CHECK("new-1.2", fsdir_unlink(p) == 0 && access(p, F_OK) == -1);
	free(p);

	/* Not regular files: refused at once, not waited on. */
	p = xasprintf("%s/sub/fifo", root);
	CHECK("type-1.0", mkfifo(p, 0600) == 0);
	CHECK("type-1.1", read_file(p, &len) == NULL &&
	    errno == FSDIR_ENOTREG);
	CHECK("type-1.2", fsdir_open(p, O_WRONLY | O_APPEND, 0) == -1 &&
	    errno == FSDIR_ENOTREG);
	CHECK("type-1.3", fsdir_open(p, O_RDWR, 0) == -1 &&
	    errno == FSDIR_ENOTREG);
	free(p);
	CHECK("type-1.4", read_file("/dev/zero", &len) == NULL &&
	    errno == FSDIR_ENOTREG);
	CHECK("type-1.5", sha256_file("/dev/zero", name) == -1 &&
	    errno == FSDIR_ENOTREG);
	p = xasprintf("%s/sub", root);
	CHECK("type-1.6", read_file(p, &len) == NULL && errno == EISDIR);
	free(p);

	/* Sizes: a sparse file over the limit; a stream stops at max. */
	p = xasprintf("%s/sub/big", root);
	fd = open(p, O_WRONLY | O_CREAT, 0600);
	CHECK("size-1.0", fd != -1 &&
	    ftruncate(fd, (off_t)FSDIR_MAX_FILE + 1) == 0);
	if (fd != -1)
		close(fd);
	CHECK("size-1.1", read_file(p, &len) == NULL && errno == EFBIG);
	CHECK("size-1.2", sha256_file(p, name) == -1 && errno == EFBIG);
	text = read_file_max(p, FSDIR_MAX_FILE + 1, &len);
	CHECK("size-1.3", text != NULL && len == FSDIR_MAX_FILE + 1);
	free(text);
	free(p);
	CHECK("size-2.1", read_stream("/dev/zero", 1000, &len) == NULL &&
	    errno == EFBIG);
	text = read_stream("/dev/null", 1000, &len);
	CHECK("size-2.2", text != NULL && len == 0);
	free(text);
	CHECK_STR("size-3.1", fsdir_strerror(EFBIG),
	    "it is larger than the 16 MiB limit");

	/* Without a root, nothing is confined. */
	fsdir_clear_root(root);
	CHECK("clear-1.1", !fsdir_is_below_root(root) &&
	    fsdir_stat(root, &sb) == 0 && S_ISDIR(sb.st_mode));
	free(root);

	cmd = xasprintf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(cmd);
	return harness_done("fsdir");
}
