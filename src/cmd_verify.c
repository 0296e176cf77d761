/*
 * cmd_verify.c: rater verify: is every record what was saved?
 *
 *	rater verify
 *
 * Checks the audit log (store_audit_verify: the form of every line, the
 * hash chain, that every file a line names exists with the hash
 * recorded, that every session file is named by a line), then reads
 * every session file, every revision, and re-scores it with the scale
 * version it was rated with, comparing the scores stored in the file
 * (session_check_scores); a scale version that is not archived is a
 * problem too, even when the current scale file matches it.  The memo
 * of rater list is checked against those scores (cli_memo_verify): one
 * that disagrees, or whose lines fail their check, is a problem, and
 * is removed.
 *
 * The audit log is checked against the files under a shared lock, so a
 * save beside it (file linked, line not yet written) is never reported.
 * Modes open to the group or others and .tmp-* leftovers
 * (store_verify_modes) are warnings, not problems.
 *
 * Output, on standard output: one line per problem or warning, sorted
 * by file and line, as "FILE:LINE: error: MESSAGE" (or "FILE: error:
 * MESSAGE"), naming the session file, the audit log line or the
 * archived scale concerned; then the summary line
 *
 *	verify: N sessions read, N audit lines, N problems[, N warnings]
 *
 * Exit 0 when there is no problem, else 1.  Blind mode does not stop
 * it: it shows no results.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fsdir.h"
#include "history.h"
#include "store.h"

static size_t	 count_lines(const char *);

static size_t
count_lines(const char *path)
{
	char	*text, *p;
	size_t	 len, n = 0;

	if ((text = read_file_max(path, FSDIR_MAX_LOG, &len)) == NULL)
		return 0;
	for (p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) !=
	    NULL; p++)
		n++;
	if (len > 0 && text[len - 1] != '\n')
		n++;
	free(text);
	return n;
}

int
cmd_verify(struct cli *c, int argc, char **argv)
{
	const struct hist_version *const *vers;
	struct hist_patient	*hp;
	struct history		*h = NULL;
	struct store		*st = NULL;
	struct diag		 d;
	struct buf		 b;
	char			**ids = NULL, *cause = NULL, *path;
	size_t			 nids = 0, nfiles = 0, nlines = 0, nv, i;
	size_t			 nprob, nwarn, nlogs, k, nforks;
	struct buf		 chains;
	char			**logs;
	int			 rc = 0;

	if (argc != 1) {
		cli_warnx("verify: unexpected argument '%.80s'", argv[1]);
		return cli_usage(cli_find_cmd("verify"));
	}
	if ((st = cli_open_store(c)) == NULL)
		return EXIT_DATA;
	diag_init(&d);
	buf_init(&b);
	buf_init(&chains);
	/* The audit log and the files it names as of one moment: no save
	 * may come in between (a session linked, its line not yet
	 * written).  Sessions saved after it are re-scored below but
	 * checked against the log by the next verify. */
	if (store_lock_shared(st, &cause) == -1) {
		cli_warnx("verify: %s", cause);
		free(cause);
		cause = NULL;
		rc = EXIT_DATA;
		goto out;
	}
	/* Each chain alone (several workstations: audit/WS.log each). */
	logs = store_audit_logs(st, &nlogs);
	for (i = 0; i < nlogs; i++) {
		k = count_lines(logs[i]);
		nlines += k;
		if (nlogs > 1 || st->ws != NULL)
			buf_printf(&chains, "chain %s: %zu line%s\n",
			    logs[i], k, k == 1 ? "" : "s");
	}
	store_audit_logs_free(logs, nlogs);
	if (store_audit_verify(st, &d) == -1)
		rc = EXIT_DATA;
	store_verify_files(st, &d);
	store_unlock(st);
	h = history_open(st, c->scale_dirs);
	if (history_patients(h, &ids, &nids, &d, &cause) == -1) {
		cli_warnx("%s", cause);
		free(cause);
		rc = EXIT_DATA;
		goto out;
	}
	for (i = 0; i < nids; i++) {
		hp = history_patient(h, ids[i], NULL, HIST_ALL_REVISIONS, &d,
		    &cause);
		if (hp == NULL) {
			diag_add(&d, DIAG_ERROR, ids[i], 0, "%s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		nfiles += hp->nall;
		cli_memo_verify(c, hp, &d);
		history_patient_free(hp);
	}
	vers = history_versions(h, &nv);
	for (i = 0; i < nv; i++) {
		if (vers[i]->sc == NULL || vers[i]->archived)
			continue;	/* unscorable sessions are reported */
		path = store_scale_path(st, vers[i]->scale_id,
		    vers[i]->sha256);
		diag_add(&d, DIAG_ERROR, path, 0, "%s", vers[i]->note);
		free(path);
	}
out:
	/* Modes and leftovers are warnings: a monitor may have been let in
	 * on purpose. */
	nprob = d.n - d.nnotes;		/* forks are reported, not problems */
	nforks = d.nnotes;
	nwarn = (size_t)store_verify_modes(st, &d);
	history_sort_diag(&d);
	diag_format(&d, &b);
	if (chains.len > 0)
		buf_add(&b, chains.data, chains.len);
	buf_free(&chains);
	buf_printf(&b, "verify: %zu session%s read, %zu audit line%s, %zu "
	    "problem%s", nfiles, nfiles == 1 ? "" : "s", nlines,
	    nlines == 1 ? "" : "s", nprob, nprob == 1 ? "" : "s");
	if (nwarn > 0)
		buf_printf(&b, ", %zu warning%s", nwarn, nwarn == 1 ? "" :
		    "s");
	if (nforks > 0)
		buf_printf(&b, ", %zu fork%s to resolve", nforks,
		    nforks == 1 ? "" : "s");
	buf_putc(&b, '\n');
	if (fwrite(b.data, 1, b.len, stdout) != b.len ||
	    fflush(stdout) == EOF) {
		cli_warnx("verify: cannot write the output: %s",
		    strerror(errno));
		rc = EXIT_DATA;
	}
	if (nprob > 0)
		rc = EXIT_DATA;
	buf_free(&b);
	diag_free(&d);
	history_patients_free(ids, nids);
	history_close(h);
	store_close(st);
	return rc;
}
