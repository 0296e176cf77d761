/*
 * git.c: running git(1) with an argument vector in a controlled
 * environment (git.h).  fork and exec, not a shell; the child's output
 * is read through pipes with poll, so a large output never blocks it.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git.h"

extern char	**environ;

static char	**child_env(void);
static int	 is_dropped(const char *);
static void	 close_pipe(int[2]);

/* Configuration given on every command line: nothing the user's or
 * the system's git configuration says can run code or change what is
 * committed. */
static const char *const fixed[] = {
	"-c", "core.hooksPath=/dev/null",
	"-c", "core.fsmonitor=false",
	"-c", "core.autocrlf=false",
	"-c", "core.quotePath=false",
	"-c", "commit.gpgSign=false",
	"-c", "gc.autoDetach=false",
	"-c", "gc.auto=0",		/* rater sync runs gc (sync.c) */
	"-c", "maintenance.auto=false",
	"-c", "merge.renames=false",
	"-c", "advice.detachedHead=false",
	"-c", "init.defaultBranch=main",
	"-c", "protocol.file.allow=always",
	NULL
};

/* Variables of the caller's environment not passed on. */
static int
is_dropped(const char *e)
{
	return strncmp(e, "GIT_", 4) == 0 || strncmp(e, "LC_", 3) == 0 ||
	    strncmp(e, "LANG=", 5) == 0 || strncmp(e, "LANGUAGE=", 9) == 0 ||
	    strncmp(e, "SSH_ASKPASS=", 12) == 0 ||
	    strncmp(e, "EMAIL=", 6) == 0;
}

static char **
child_env(void)
{
	static const char *const add[] = {
		"LC_ALL=C",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_OPTIONAL_LOCKS=0",
		"GIT_SSH_VARIANT=ssh",
		NULL
	};
	char		**env;
	const char	 *ssh;
	size_t		  n = 0, k = 0, i;

	while (environ != NULL && environ[n] != NULL)
		n++;
	env = xcalloc(n + nitems(add) + 2, sizeof(*env));
	for (i = 0; i < n; i++)
		if (!is_dropped(environ[i]))
			env[k++] = xstrdup(environ[i]);
	for (i = 0; add[i] != NULL; i++)
		env[k++] = xstrdup(add[i]);
	/* The caller's ssh command (a key or a configuration file of
	 * its own) is kept; never a prompt, never a long wait. */
	ssh = getenv("GIT_SSH_COMMAND");
	if (ssh == NULL || *ssh == '\0')
		ssh = "ssh";
	env[k++] = xasprintf("GIT_SSH_COMMAND=%s -o BatchMode=yes "
	    "-o ConnectTimeout=%d", ssh, GIT_CONNECT_TIMEOUT);
	env[k] = NULL;
	return env;
}

static void
close_pipe(int p[2])
{
	if (p[0] != -1)
		close(p[0]);
	if (p[1] != -1)
		close(p[1]);
	p[0] = p[1] = -1;
}

int
git_run(const char *dir, const char *author, const char *const *argv,
    const char *in, size_t inlen, struct buf *out, struct buf *err,
    char **cause)
{
	struct pollfd	 pfd[3];
	struct buf	*sink[3] = { NULL, NULL, NULL }, own;
	const char	**av;
	char		**env, *name = NULL, *mail = NULL, chunk[8192];
	int		 po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	int		 pi[2] = { -1, -1 };
	int		 status, saved, open_fds, i;
	size_t		 n = 0, k = 0, done = 0;
	ssize_t		 r;
	pid_t		 pid;
	void		(*old)(int);

	buf_init(&own);
	if (err == NULL)
		err = &own;
	while (argv[n] != NULL)
		n++;
	av = xcalloc(n + nitems(fixed) + 8, sizeof(*av));
	av[k++] = "git";
	av[k++] = "-C";
	av[k++] = dir;
	for (i = 0; fixed[i] != NULL; i++)
		av[k++] = fixed[i];
	if (author != NULL) {
		name = xasprintf("user.name=%s", author);
		mail = xstrdup("user.email=rater@localhost");
		av[k++] = "-c";
		av[k++] = name;
		av[k++] = "-c";
		av[k++] = mail;
	}
	for (i = 0; (size_t)i < n; i++)
		av[k++] = argv[i];
	av[k] = NULL;
	if (pipe(po) == -1 || pipe(pe) == -1 || pipe(pi) == -1) {
		saved = errno;
		close_pipe(po);
		close_pipe(pe);
		close_pipe(pi);
		*cause = xasprintf("cannot run git: %s", strerror(saved));
		buf_free(&own);
		free(av);
		free(name);
		free(mail);
		return -1;
	}
	env = child_env();
	/* A remote that closes early must not kill rater with SIGPIPE. */
	old = signal(SIGPIPE, SIG_IGN);
	if ((pid = fork()) == -1) {
		saved = errno;
		signal(SIGPIPE, old);
		close_pipe(po);
		close_pipe(pe);
		close_pipe(pi);
		*cause = xasprintf("cannot run git: %s", strerror(saved));
		status = -1;
		goto out;
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		if (dup2(pi[0], 0) == -1 || dup2(po[1], 1) == -1 ||
		    dup2(pe[1], 2) == -1)
			_exit(127);
		close_pipe(po);
		close_pipe(pe);
		close_pipe(pi);
		environ = env;
		execvp("git", (char *const *)av);
		dprintf(2, "cannot run git: %s\n", strerror(errno));
		_exit(127);
	}
	close(pi[0]);
	close(po[1]);
	close(pe[1]);
	pi[0] = po[1] = pe[1] = -1;
	if (in == NULL || inlen == 0) {
		close(pi[1]);
		pi[1] = -1;
	} else
		fcntl(pi[1], F_SETFL, fcntl(pi[1], F_GETFL) | O_NONBLOCK);
	pfd[0].fd = po[0];
	pfd[1].fd = pe[0];
	pfd[2].fd = pi[1];
	pfd[0].events = pfd[1].events = POLLIN;
	pfd[2].events = POLLOUT;
	sink[0] = out;
	sink[1] = err;
	for (;;) {
		open_fds = 0;
		for (i = 0; i < 3; i++)
			if (pfd[i].fd != -1)
				open_fds++;
		if (open_fds == 0)
			break;
		if (poll(pfd, 3, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			r = read(pfd[i].fd, chunk, sizeof(chunk));
			if (r > 0 && sink[i] != NULL)
				buf_add(sink[i], chunk, (size_t)r);
			if (r == 0 || (r == -1 && errno != EINTR &&
			    errno != EAGAIN)) {
				close(pfd[i].fd);
				pfd[i].fd = -1;
			}
		}
		if (pfd[2].fd != -1 && pfd[2].revents != 0) {
			r = write(pfd[2].fd, in + done, inlen - done);
			if (r > 0)
				done += (size_t)r;
			if (done == inlen || (r == -1 && errno != EINTR &&
			    errno != EAGAIN)) {
				close(pfd[2].fd);
				pfd[2].fd = -1;
			}
		}
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	signal(SIGPIPE, old);
	if (WIFEXITED(status)) {
		status = WEXITSTATUS(status);
		if (status == 127 && err != NULL && err->len > 0 &&
		    strstr(err->data, "cannot run git") != NULL) {
			*cause = git_message(err);
			status = -1;
		}
	} else {
		*cause = xasprintf("git was killed (signal %d)",
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		status = -1;
	}
out:
	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
	buf_free(&own);
	free(av);
	free(name);
	free(mail);
	return status;
}

char *
git_message(const struct buf *err)
{
	const char	*p, *e, *b;
	size_t		 len;

	if (err == NULL || err->len == 0 || err->data == NULL)
		return xstrdup("git failed without a message");
	p = err->data;
	/* The last "fatal:" or "error:" line says the most. */
	if ((e = strstr(p, "fatal: ")) != NULL)
		p = e + 7;
	else if ((e = strstr(p, "error: ")) != NULL)
		p = e + 7;
	/* Git's "Could not read from remote repository" says nothing of
	 * why; ssh said it on the line before ("Permission denied
	 * (publickey).", "Host key verification failed.", "ssh: connect to
	 * host ...: Connection refused"). */
	if (e != NULL && e > err->data && strncmp(p, "Could not read from "
	    "remote", 24) == 0) {
		b = e - 1;		/* the newline ending that line */
		while (b > err->data && b[-1] != '\n')
			b--;
		if (strncmp(b, "error: ", 7) == 0)
			b += 7;
		if (b < e - 1 && strncmp(b, "fatal: ", 7) != 0)
			p = b;
	}
	for (len = 0; p[len] != '\0' && p[len] != '\n' && len < 200; len++)
		;
	return xstrndup(p, len);
}
