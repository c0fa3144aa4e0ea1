/* Replicates as they are (issue 15 items 2, 3, 5): exact cells carry no CI or test; seeded
 * reps are replicates; the run, not the boot, is the unit; a cost that trends with the reboot
 * index is stated by reboot, never pooled; crossovers are bracketed by grid points; every
 * board gets its own answer. Expected values are recomputed from summary.csv or the CSVs. */
#include "fixture.h"
#include "replicates.h"
#include "report.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64], out[96];

static void render(struct fixture_opts o)
{
	strcpy(dir, "/tmp/s2b-repl-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(fixture_write(dir, &o), 0);
	snprintf(out, sizeof(out), "%s/out", dir);
	char *argv[] = { "report", dir, "--out", out, NULL };
	cr_assert_eq(s2b_cmd_report(4, argv), 0);
}
static void render_exact(void) { render((struct fixture_opts){ .qemu = 1, .reps = 3, .boots = 8 }); }
static void render_seeded(void)
{
	render((struct fixture_opts){ .qemu = 1, .reps = 3, .boots = 8, .seeded = 1 });
}
static void render_board(void) { render((struct fixture_opts){ .reps = 3, .boots = 6, .seed = 3 }); }
static void render_two_boards(void)
{
	render((struct fixture_opts){ .qemu = 1, .reps = 2, .boots = 6, .two_boards = 1 });
}

static char *slurp(const char *sub)
{
	char *s = read_dir_file(out, sub);
	cr_assert_not_null(s, "%s/%s missing", out, sub);
	return s;
}

/* A summary.csv row, split (the report never quotes the fixture's cells). */
struct row {
	char *f[20];
};
#define F_BOARD 0
#define F_GUEST 1
#define F_MEM 2
#define F_MAP 4
#define F_FRAC 6
#define F_ORDER 9
#define F_STRATEGY 10
#define F_MEASURE 11
#define F_N 12
#define F_MEDIAN 13
#define F_LO 14
#define F_HI 15
#define F_RUNS 16
#define F_SPREAD 18
#define F_AT 19

static size_t cost_rows(char *csv, struct row *rows, size_t max)
{
	size_t n = 0;
	for (char *line = strtok(csv, "\n"); line && n < max; line = strtok(NULL, "\n")) {
		struct row r;
		char *s = line;
		for (int k = 0; k < 20; k++)
			r.f[k] = strsep(&s, ",");
		if (r.f[19] && !strcmp(r.f[F_MEASURE], "cost"))
			rows[n++] = r;
	}
	return n;
}

/* The section of report.md between "## Answer" and "## Machine". */
static char *answer(char *md)
{
	char *a = strstr(md, "## Answer"), *e = strstr(md, "## Machine");
	cr_assert(a && e);
	*e = '\0';
	return a;
}

Test(exact, bit_identical_runs_are_exact_without_ci_or_test, .init = render_exact)
{
	char *sum = slurp("summary.csv"), *md = slurp("report.md"), *html = slurp("report.html");
	static struct row rows[1024];
	size_t n = cost_rows(sum, rows, 1024);
	cr_assert_gt(n, 100);
	for (size_t i = 0; i < n; i++) {
		cr_assert_str_eq(rows[i].f[F_SPREAD], "exact", "%s %s", rows[i].f[F_GUEST],
				 rows[i].f[F_STRATEGY]);
		cr_assert_str_eq(rows[i].f[F_LO], rows[i].f[F_MEDIAN]);
		cr_assert_str_eq(rows[i].f[F_HI], rows[i].f[F_MEDIAN]);
	}
	for (const char *l = md; (l = strstr(l, "\n|")); l++)
		cr_assert(!memchr(l, 0xb1, strcspn(l + 1, "\n")), "no CI (±) on exact cells");
	cr_assert_null(strstr(md, "Mann"), "no test over copies");
	cr_assert_null(strstr(md, " p="));
	cr_assert_null(strstr(md, "p<"));
	cr_assert_not_null(strstr(md, " exact"));
	cr_assert_not_null(strstr(md, "n = 2–3 runs per cell"), "every table states unit and n");
	cr_assert_not_null(strstr(html, "Unit of replication: the run"));
	free(sum), free(md), free(html);
}

Test(exact, seeded_reps_are_replicates_where_they_differ, .init = render_seeded)
{
	char *sum = slurp("summary.csv"), *md = slurp("report.md");
	static struct row rows[1024];
	size_t n = cost_rows(sum, rows, 1024), ranges = 0, exact = 0;
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		/* the fixture's seeds move only the mapped set of random-order runs that keep
		 * mappings: those differ between reps, everything else is still bit-identical */
		int differs = !strcmp(r->f[F_ORDER], "random") &&
			      (!strcmp(r->f[F_STRATEGY], "clean") || !strcmp(r->f[F_STRATEGY], "fwb") ||
			       !strcmp(r->f[F_STRATEGY], "dirty"));
		if (differs && atoi(r->f[F_RUNS]) == 3) {
			cr_assert_str_eq(r->f[F_SPREAD], "range", "%s %s %s", r->f[F_MEM], r->f[F_FRAC],
					 r->f[F_STRATEGY]);
			cr_assert_lt(atof(r->f[F_LO]), atof(r->f[F_HI]));
			cr_assert_eq(atoi(r->f[F_N]), 3, "n counts runs, not boots");
			ranges++;
		} else if (!differs && atoi(r->f[F_RUNS]) >= 2) {
			cr_assert_str_eq(r->f[F_SPREAD], "exact");
			exact++;
		}
	}
	cr_assert_gt(ranges, 10);
	cr_assert_gt(exact, 10);
	cr_assert_not_null(strstr(md, ", 3 runs)"), "a range names its runs");
	cr_assert_not_null(strstr(md, "over runs"), "tests are over runs");
	free(sum), free(md);
}

Test(exact, the_run_is_the_unit_not_the_boot, .init = render_board)
{
	char *sum = slurp("summary.csv");
	static struct row rows[1024];
	size_t n = cost_rows(sum, rows, 1024);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(atoi(rows[i].f[F_N]), atoi(rows[i].f[F_RUNS]),
			     "n must be runs (%s), not warm boots", rows[i].f[F_RUNS]);
	free(sum);
}

Test(trend, rule_separates_drift_from_noise_and_flat)
{
	double flat[19], ramp[19], noise[19], settle[19];
	unsigned x = 12345;
	for (int i = 0; i < 19; i++) {
		flat[i] = 3723104;
		ramp[i] = 1.2e6 + 1.2e5 * i;                       /* scatter clean, 10% */
		x = x * 1103515245 + 12345;                          /* +-2% deterministic jitter */
		noise[i] = 1e6 * (1 + 0.04 * ((double)(x >> 16 & 0x7fff) / 32767 - 0.5));
		settle[i] = i < 5 ? 3.93e6 - 4e4 * i : 3.723e6;      /* scatter clean, 50% */
	}
	cr_assert(!series_trends(flat, 19));
	cr_assert(series_trends(ramp, 19));
	cr_assert(series_trends(ramp, 9), "boots=10 sees the same trend");
	cr_assert(!series_trends(noise, 19), "jitter is not a trend");
	cr_assert(!series_trends(settle, 19), "a short warm-up that settles is steady");
	cr_assert(!series_trends(ramp, 3), "too short to tell");
}

Test(trend, trending_cells_are_stated_at_a_reboot_index, .init = render_exact)
{
	char *sum = slurp("summary.csv"), *md = slurp("report.md");
	static struct row rows[1024];
	size_t n = cost_rows(sum, rows, 1024), trends = 0;
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		/* the fixture's clean under random order at 1% of 256M: its mapped set grows every boot */
		if (!strcmp(r->f[F_ORDER], "random") && !strcmp(r->f[F_FRAC], "1") &&
		    !strcmp(r->f[F_STRATEGY], "clean"))
			cr_assert_str_eq(r->f[F_AT], "7", "8 boots: the last warm boot is reboot 7");
		if (!strcmp(r->f[F_ORDER], "seq") || !strcmp(r->f[F_STRATEGY], "lazy"))
			cr_assert_str_eq(r->f[F_AT], "0", "steady cells pool their warm boots");
		trends += strcmp(r->f[F_AT], "0") != 0;
	}
	cr_assert_gt(trends, 0);
	cr_assert_not_null(strstr(md, "at reboot 7 ("), "the table says which reboot");
	cr_assert_not_null(strstr(answer(md), "depends on how many times the guest has rebooted"));
	cr_assert_null(strstr(md, "too noisy"), "a trend is never called noise");
	free(sum), free(md);
}

/* The grid bracket of lazy vs clean along frac, recomputed from summary.csv's values. */
Test(crossover, bracketed_by_the_grid_points_either_side, .init = render_exact)
{
	char *sum = slurp("summary.csv"), *md = slurp("report.md");
	static struct row rows[1024];
	size_t n = cost_rows(sum, rows, 1024);
	double frac[16], lazy[16], clean[16];
	size_t nf = 0;
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		if (strcmp(r->f[F_GUEST], "touch") || strcmp(r->f[F_MEM], "268435456") ||
		    strcmp(r->f[F_STRATEGY], "lazy"))
			continue;
		for (size_t j = 0; j < n; j++)
			if (!strcmp(rows[j].f[F_GUEST], "touch") && !strcmp(rows[j].f[F_MEM], "268435456") &&
			    !strcmp(rows[j].f[F_FRAC], r->f[F_FRAC]) &&
			    !strcmp(rows[j].f[F_STRATEGY], "clean"))
				frac[nf] = atof(r->f[F_FRAC]), lazy[nf] = atof(r->f[F_MEDIAN]),
				clean[nf++] = atof(rows[j].f[F_MEDIAN]);
	}
	cr_assert_geq(nf, 5);
	size_t k = 1;
	while (k < nf && (lazy[k] < clean[k]) == (lazy[0] < clean[0]))
		k++;
	cr_assert_lt(k, nf, "the fixture's lazy and clean cross");
	char want[96];
	snprintf(want, sizeof(want), "`lazy` and `clean` cost the same between %g%% and %g%% touched",
		 frac[k - 1], frac[k]);
	char *a = answer(md);
	cr_assert_not_null(strstr(a, want), "%s not in the answer", want);
	const char *interp = strstr(strstr(a, want), "medians says ");
	cr_assert_not_null(interp);
	double x = atof(interp + strlen("medians says "));
	cr_assert(frac[k - 1] <= x && x <= frac[k], "the interpolation lies inside its bracket");
	cr_assert_null(strstr(a, "95% CI"), "no CI narrower than the grid");
	free(sum), free(md);
}

Test(boards, every_board_gets_its_own_answer, .init = render_two_boards)
{
	char *sum = slurp("summary.csv"), *md = slurp("report.md"), *html = slurp("report.html");
	static struct row rows[1024];
	size_t n = cost_rows(sum, rows, 1024);
	/* the cheapest correct strategy of the a72's touch config, from summary.csv */
	const char *best = NULL;
	double best_cost = INFINITY;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].f[F_BOARD], "qemu-virt-a72") && !strcmp(rows[i].f[F_GUEST], "touch") &&
		    strcmp(rows[i].f[F_STRATEGY], "none") && atof(rows[i].f[F_MEDIAN]) < best_cost)
			best = rows[i].f[F_STRATEGY], best_cost = atof(rows[i].f[F_MEDIAN]);
	cr_assert_not_null(best);
	cr_assert_not_null(strstr(md, "### Reinit + fault cost per config (qemu-virt-a72)"));
	char want[128];
	snprintf(want, sizeof(want), "On `qemu-virt-a72`: At guest=touch mem=64M");
	char *a = answer(md);
	const char *line = strstr(a, want);
	cr_assert_not_null(line, "a72's ranking is in the answer");
	snprintf(want, sizeof(want), "`%s` is cheapest", best);
	cr_assert_not_null(strstr(line, want), "a72's cheapest is %s", best);
	cr_assert_not_null(strstr(a, "On `qemu-virt-a72`: `fwb` did not run"), "a72's refusals");
	cr_assert_null(strstr(a, "On `qemu-virt`: `fwb` did not run"), "qemu-virt has FWB");
	cr_assert_not_null(strstr(a, "On `qemu-virt`: At touched fraction"));
	cr_assert_not_null(strstr(html, "<h3>Reinit + fault cost per config (qemu-virt-a72)</h3>"));
	cr_assert_not_null(strstr(html, "On <code>qemu-virt-a72</code>: <code>fwb</code> did not run"));
	free(sum), free(md), free(html);
}

Test(premap, the_premap_sweep_has_its_own_chart, .init = render_exact)
{
	char *svg = slurp("charts/cost_vs_mem_premap.svg"), *dat = slurp("charts/cost_vs_mem_premap.dat");
	char *html = slurp("report.html");
	cr_assert_not_null(strstr(svg, "premapped"));
	cr_assert_not_null(strstr(html, "<figure id=\"fig-cost_vs_mem_premap\">"));
	cr_assert_not_null(strstr(html, "map=premap"), "the caption names its slice");
	/* 32M, 128M and 512M: the three premapped sizes the fixture runs */
	cr_assert_not_null(strstr(dat, "512"));
	cr_assert_not_null(strstr(dat, "32"));
	free(svg), free(dat), free(html);
}
