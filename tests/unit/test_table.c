/*
 * test_table.c: lookup tables: keys, rows, duplicates, ranges, defaults,
 * coverage, CSV files, lookup() in formulas, and a scale's identity with
 * a table file (a synthetic 5-key, 3125-row value set).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scale.h"
#include "table.h"

static void	 test_rows(void);
static void	 test_csv(void);
static void	 test_scale_file(void);

static void
test_rows(void)
{
	struct table	*t;
	struct diag	 d;
	double		 k[TABLE_KEYS_MAX], v, s0[] = { 1, 2, 3 };
	const double	*sets[1] = { s0 };
	size_t		 n3 = 3;
	char		*cause = NULL, first[64];

	CHECK("tab-1.1", table_parse_key("4", k) == 1 && k[0] == 4);
	CHECK("tab-1.2", table_parse_key("1, 2,5", k) == 3 && k[2] == 5);
	CHECK("tab-1.3", table_parse_key("1,,2", k) == 0);
	CHECK("tab-1.4", table_parse_key("a", k) == 0);
	t = table_new("t", 1);
	k[0] = 2;
	CHECK("tab-1.5", table_add_row(t, k, 1, 20, 2, &cause) == 0);
	k[0] = 1;
	CHECK("tab-1.6", table_add_row(t, k, 1, 10, 3, &cause) == 0);
	k[1] = 1;
	CHECK("tab-1.7", table_add_row(t, k, 2, 10, 4, &cause) == -1 &&
	    cause != NULL);
	free(cause);
	diag_init(&d);
	CHECK("tab-1.8", table_finish(t, "f", NULL, &d) == 0);
	k[0] = 1;
	CHECK("tab-1.9", table_lookup(t, k, 1, &v) == 0 && v == 10);
	k[0] = 3;
	CHECK("tab-1.10", table_lookup(t, k, 1, &v) == -1);
	CHECK("tab-1.11", t->vmin == 10 && t->vmax == 20);
	CHECK("tab-1.12", table_uncovered(t, sets, &n3, first,
	    sizeof(first)) == 1);
	CHECK_STR("tab-1.13", first, "3");
	t->has_default = 1;
	t->def = 0;
	CHECK("tab-1.14", table_lookup(t, k, 1, &v) == 0 && v == 0);
	CHECK("tab-1.15", table_uncovered(t, sets, &n3, first,
	    sizeof(first)) == 0);
	table_free(t);
	/* A duplicate (4 and 4.0) and a value outside min..max. */
	t = table_new("dup", 1);
	k[0] = 4;
	table_add_row(t, k, 1, 1, 2, &cause);
	table_add_row(t, k, 1, 9, 3, &cause);
	t->has_range = 1;
	t->min = 0;
	t->max = 5;
	CHECK("tab-1.16", table_finish(t, "f", NULL, &d) == 2);
	CHECK("tab-1.17", d.n == 2 && strstr(d.v[0].msg, "key 4 is "
	    "already on line 2") != NULL);
	CHECK("tab-1.18", strstr(d.v[1].msg, "outside the declared "
	    "range") != NULL);
	table_free(t);
	diag_free(&d);
}

static void
test_csv(void)
{
	struct table	*t;
	struct diag	 d;
	const char	*ok = "a,b,value\n1,1,0.5\n# comment\n\n1,2,0.25\r\n";
	const char	*bad = "a,value\n1,2,3\nx,1\n";
	double		 k[2] = { 1, 2 }, v;

	diag_init(&d);
	t = table_new("c", 1);
	CHECK("tab-2.1", table_read_csv(t, "c.csv", ok, strlen(ok), &d) ==
	    0 && t->nrows == 2 && t->nkeys == 2);
	CHECK("tab-2.2", table_finish(t, "s", "c.csv", &d) == 0 &&
	    table_lookup(t, k, 2, &v) == 0 && v == 0.25);
	table_free(t);
	t = table_new("b", 1);
	CHECK("tab-2.3", table_read_csv(t, "b.csv", bad, strlen(bad), &d) ==
	    2);
	CHECK("tab-2.4", d.n == 2 && d.v[0].line == 2 && d.v[1].line == 3);
	table_free(t);
	diag_free(&d);
}

/* A scale whose table lives in a 3125-row CSV file. */
static void
test_scale_file(void)
{
	char		 dir[] = "/tmp/rater-table-XXXXXX", path[256], csv[256];
	char		 id1[65];
	FILE		*f;
	struct scale	*s;
	struct diag	 d;
	struct timespec	 t0, t1;
	double		 ms;
	int		 a, b, c, e, g, i;

	if (mkdtemp(dir) == NULL) {
		CHECK("tab-3.0", 0);
		return;
	}
	snprintf(csv, sizeof(csv), "%s/vs.csv", dir);
	f = fopen(csv, "w");
	fprintf(f, "mo,sc,ua,pd,ad,index\n");
	/* Synthetic, not a country's value set: 1 - 0.01 * (sum - 5)
	 * - 0.001 * mo * ad, which is not additive. */
	for (a = 1; a <= 5; a++)
		for (b = 1; b <= 5; b++)
			for (c = 1; c <= 5; c++)
				for (e = 1; e <= 5; e++)
					for (g = 1; g <= 5; g++)
						fprintf(f, "%d,%d,%d,%d,%d,"
						    "%.3f\n", a, b, c, e, g,
						    1 - 0.01 * (a + b + c +
						    e + g - 5) -
						    0.001 * a * g);
	fclose(f);
	snprintf(path, sizeof(path), "%s/t5.ini", dir);
	f = fopen(path, "w");
	fprintf(f, "[scale]\nid = t5\ntitle = T\nversion = 1\ncitation = none\n"
	    "license = none\nrespondent = patient\nstatus = provisional\nstatus_note = synthetic\n"
	    "[choices.l]\n1 = a\n2 = b\n3 = c\n4 = d\n5 = e\n");
	for (i = 1; i <= 5; i++)
		fprintf(f, "[item.d%d]\ntext = D%d\nchoices = l\n", i, i);
	fprintf(f, "[table.vs]\nfile = vs.csv\n"
	    "[score.index]\nlabel = I\n"
	    "formula = lookup(vs, d1, d2, d3, d4, d5)\n"
	    "min = 0.775\nmax = 0.999\ndecimals = 3\n"
	    "[test.one]\nanswers = 1 1 1 1 1\nindex = 0.999\n"
	    "[test.five]\nanswers = 5 5 5 5 5\nindex = 0.775\n"
	    "[test.mixed]\nanswers = 2 1 3 1 4\nindex = 0.932\n");
	fclose(f);
	diag_init(&d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	s = scale_load(path, &d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("table: 3125-row 5-key CSV scale loaded in %.1f ms\n", ms);
	CHECK("tab-3.1", s != NULL && d.nerrors == 0);
	if (d.nerrors > 0)
		printf("  %s:%d: %s\n", d.v[0].file, d.v[0].line,
		    d.v[0].msg);
	CHECK("tab-3.2", s != NULL && s->ntables == 1 &&
	    s->tables[0]->nrows == 3125);
	/* The identity covers the table: not the file's own hash. */
	CHECK("tab-3.3", s != NULL && strcmp(s->sha256,
	    s->file_sha256) != 0);
	if (s != NULL)
		memcpy(id1, s->sha256, sizeof(id1));
	scale_free(s);
	diag_free(&d);
	/* Another value in the table file: another identity. */
	f = fopen(csv, "a");
	fprintf(f, "# edited\n");
	fclose(f);
	diag_init(&d);
	s = scale_load(path, &d);
	CHECK("tab-3.4", s != NULL && strcmp(s->sha256, id1) != 0);
	scale_free(s);
	diag_free(&d);
	/* A row missing: lint names the key. */
	f = fopen(csv, "w");
	fprintf(f, "mo,sc,ua,pd,ad,index\n1,1,1,1,1,1\n");
	fclose(f);
	diag_init(&d);
	s = scale_load(path, &d);
	CHECK("tab-3.5", s == NULL && d.nerrors > 0 &&
	    strstr(d.v[0].msg, "table 'vs' has no row for 3124 keys, the "
	    "first 1,1,1,1,2") != NULL);
	diag_free(&d);
	unlink(csv);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	test_rows();
	test_csv();
	test_scale_file();
	return harness_done("table");
}
