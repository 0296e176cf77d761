/*
 * cmd_scales.c: rater scales: the scales found on the scale path.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
cmd_scales(struct cli *c, int argc, char **argv)
{
	DIR		*dir;
	struct dirent	*de;
	char		**names = NULL, *path, **seen = NULL;
	size_t		 n, cap, i, j, nseen = 0;
	struct scale	*s;
	struct diag	 d;
	int		 rc = 0, dup;

	if (argc != 1)
		return cli_usage(cli_find_cmd("scales"));
	(void)argv;
	printf("id\ttitle\titems\tstatus\tfile\n");
	for (i = 0; c->scale_dirs[i] != NULL; i++) {
		if ((dir = opendir(c->scale_dirs[i])) == NULL)
			continue;
		n = cap = 0;
		names = NULL;
		while ((de = readdir(dir)) != NULL) {
			size_t len = strlen(de->d_name);

			if (len < 5 ||
			    strcmp(de->d_name + len - 4, ".ini") != 0 ||
			    de->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				names = xreallocarray(names, cap,
				    sizeof(*names));
			}
			names[n++] = xstrdup(de->d_name);
		}
		closedir(dir);
		qsort(names, n, sizeof(*names), name_cmp);
		for (j = 0; j < n; j++) {
			size_t k;

			/* An id found earlier on the path wins. */
			for (dup = 0, k = 0; k < nseen; k++)
				if (strcmp(seen[k], names[j]) == 0)
					dup = 1;
			if (dup) {
				free(names[j]);
				continue;
			}
			seen = xreallocarray(seen, nseen + 1, sizeof(*seen));
			seen[nseen++] = names[j];
			path = xasprintf("%s/%s", c->scale_dirs[i], names[j]);
			diag_init(&d);
			if ((s = scale_load(path, &d)) == NULL) {
				cli_warnx("%s: has errors; run 'rater lint "
				    "%s'", path, path);
				rc = EXIT_DATA;
			} else
				printf("%s\t%s\t%zu\t%s\t%s\n", s->id,
				    s->title, s->nitems, s->status ?
				    s->status : "verified", path);
			scale_free(s);
			diag_free(&d);
			free(path);
		}
		free(names);
	}
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	return rc;
}
