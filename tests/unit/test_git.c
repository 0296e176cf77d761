/*
 * test_git.c: git(1) run as rater runs it (git.h): an argument vector,
 * never a shell; none of the caller's GIT_* variables; no hooks of the
 * repository; no global configuration; no prompt (no terminal, no
 * askpass); standard input given; a missing program reported.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git.h"
#include "harness.h"

static char	 tmp[] = "/tmp/rater-git-XXXXXX";

static void	 put(const char *, const char *, int);
static int	 run(const char *, struct buf *, const char *, ...);

static void
put(const char *path, const char *text, int mode)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	chmod(path, (mode_t)mode);
}

/* git in dir with the arguments (NULL-terminated); stdout into out. */
static int
run(const char *dir, struct buf *out, const char *in, ...)
{
	const char	*argv[16];
	char		*cause = NULL;
	va_list		 ap;
	int		 n = 0, r;

	va_start(ap, in);
	while (n < 15 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	r = git_run(dir, "tester", argv, in, in != NULL ? strlen(in) : 0,
	    out, NULL, &cause);
	free(cause);
	return r;
}

int
main(void)
{
	struct buf	 out, err;
	const char	*argv[4];
	char		*repo, *p, *home, *cause = NULL, *oldpath;

	if (mkdtemp(tmp) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	buf_init(&out);
	repo = xasprintf("%s/repo", tmp);
	home = xasprintf("%s/home", tmp);
	mkdir(repo, 0700);
	mkdir(home, 0700);
	CHECK("git-1.1", run(repo, NULL, NULL, "init", "-q", NULL) == 0);

	/* The caller's GIT_DIR would send git elsewhere: dropped. */
	setenv("GIT_DIR", "/nonexistent", 1);
	setenv("GIT_WORK_TREE", "/", 1);
	CHECK("git-2.1", run(repo, &out, NULL, "rev-parse", "--git-dir",
	    NULL) == 0 && strcmp(out.data, ".git\n") == 0);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	buf_reset(&out);

	/* A global configuration (an alias, a hooks path) is not read. */
	setenv("HOME", home, 1);
	p = xasprintf("%s/.gitconfig", home);
	put(p, "[alias]\n\tstatus = !touch pwned\n[user]\n\tname = other\n",
	    0600);
	free(p);
	CHECK("git-3.1", run(repo, &out, NULL, "config", "--get",
	    "alias.status", NULL) == 1);

	/* A hook of the repository does not run. */
	p = xasprintf("%s/.git/hooks/pre-commit", repo);
	put(p, "#!/bin/sh\ntouch \"$GIT_DIR/../hooked\"\nexit 1\n", 0755);
	free(p);
	p = xasprintf("%s/f", repo);
	put(p, "x\n", 0600);
	free(p);
	CHECK("git-4.1", run(repo, NULL, NULL, "add", "f", NULL) == 0 &&
	    run(repo, NULL, NULL, "commit", "-q", "-m", "m", NULL) == 0);
	p = xasprintf("%s/hooked", repo);
	CHECK("git-4.2", access(p, F_OK) == -1);
	free(p);
	/* The committer is who rater names. */
	CHECK("git-4.3", run(repo, &out, NULL, "log", "-1", "--format=%an",
	    NULL) == 0 && strcmp(out.data, "tester\n") == 0);
	buf_reset(&out);

	/* Standard input reaches git; messages are in English (LC_ALL). */
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	CHECK("git-5.1", run(repo, &out, "hello\n", "hash-object", "--stdin",
	    NULL) == 0 && strcmp(out.data,
	    "ce013625030ba8dba906f756967f9e9ca394464a\n") == 0);
	buf_reset(&out);
	buf_init(&err);
	argv[0] = "no-such-command";
	argv[1] = NULL;
	CHECK("git-5.2", git_run(repo, NULL, argv, NULL, 0, NULL, &err,
	    &cause) == 1 && strstr(err.data, "is not a git command") !=
	    NULL);
	buf_free(&err);

	/* An ssh remote never prompts: BatchMode, no terminal. */
	argv[0] = "ls-remote";
	argv[1] = "ssh://nobody@127.0.0.1:1/none.git";
	argv[2] = NULL;
	buf_init(&err);
	CHECK("git-6.1", git_run(repo, NULL, argv, NULL, 0, NULL, &err,
	    &cause) > 0 && err.data != NULL);
	p = git_message(&err);
	CHECK("git-6.2", strstr(p, "Could not read from remote") != NULL ||
	    strstr(p, "Connection refused") != NULL);
	free(p);
	buf_free(&err);

	/* Why an ssh remote failed is ssh's line, not git's. */
	buf_init(&err);
	buf_puts(&err, "Host key for [x]:22 has changed.\n"
	    "Host key verification failed.\n"
	    "fatal: Could not read from remote repository.\n\n"
	    "Please make sure you have the correct access rights\n");
	p = git_message(&err);
	CHECK("git-6.3", strcmp(p, "Host key verification failed.") == 0);
	free(p);
	buf_reset(&err);
	buf_puts(&err, "fatal: Could not read from remote repository.\n");
	p = git_message(&err);
	CHECK("git-6.4", strcmp(p, "Could not read from remote "
	    "repository.") == 0);
	free(p);
	buf_reset(&err);
	buf_puts(&err, "\nfatal: Could not read from remote repository.\n");
	p = git_message(&err);
	CHECK("git-6.5", strcmp(p, "Could not read from remote "
	    "repository.") == 0);
	free(p);
	buf_reset(&err);
	buf_puts(&err, "error: x\nfatal: Could not read from remote "
	    "repository.\n");
	p = git_message(&err);
	CHECK("git-6.6", strcmp(p, "x") == 0);
	free(p);
	buf_free(&err);

	/* No git on PATH: -1 and why. */
	oldpath = xstrdup(getenv("PATH"));
	setenv("PATH", "/nonexistent", 1);
	argv[0] = "status";
	argv[1] = NULL;
	CHECK("git-7.1", git_run(repo, NULL, argv, NULL, 0, NULL, NULL,
	    &cause) == -1 && cause != NULL && strstr(cause,
	    "cannot run git") != NULL);
	free(cause);
	setenv("PATH", oldpath, 1);
	free(oldpath);

	buf_free(&out);
	p = xasprintf("rm -rf '%s'", tmp);
	if (system(p) != 0)
		fprintf(stderr, "cannot remove %s\n", tmp);
	free(p);
	free(repo);
	free(home);
	return harness_done("git");
}
