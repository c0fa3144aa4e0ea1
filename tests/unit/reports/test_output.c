/* The rendered report: numbers against the CSV, charts as real SVG/PNG, compare's table. */
#include "bootstrap.h"
#include "fixture.h"
#include "fmt.h"
#include "report.h"
#include "stats.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64], out[96];

static void render(int qemu)
{
	strcpy(dir, "/tmp/s2b-report-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	struct fixture_opts o = { .qemu = qemu, .reps = 3, .boots = 6, .seed = 3 };
	cr_assert_eq(fixture_write(dir, &o), 0);
	snprintf(out, sizeof(out), "%s/out", dir);
	char *argv[] = { "report", dir, "--out", out, NULL };
	cr_assert_eq(s2b_cmd_report(4, argv), 0);
}
static void render_board(void) { render(0); }
static void render_qemu(void) { render(1); }

static char *slurp(const char *sub)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", out, sub);
	char *s = read_whole_file(p);
	cr_assert_not_null(s, "%s missing", p);
	return s;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (; (s = strstr(s, needle)); s++)
		n++;
	return n;
}

/* The cell's value: the median over the ok runs of one (steady-state) config of each run's
 * median of reinit_cycles + fault_cycles over its warm boots, computed straight from the
 * fixture CSVs with plain string handling (not the report's loader). The run is the unit of
 * replication, never the boot. The fixture never quotes cells. */
static double expected_cost(const char *strategy, const char *guest, const char *mem,
			    const char *frac)
{
	char p[256], line[1024], ids[64][16];
	size_t nids = 0;
	snprintf(p, sizeof(p), "%s/runs.csv", dir);
	FILE *f = fopen(p, "r");
	while (fgets(line, sizeof(line), f)) {
		char *c[26], *s = line;
		for (int k = 0; k < 26; k++)
			c[k] = strsep(&s, ",");
		if (c[25] && !strcmp(c[3], strategy) && !strcmp(c[4], guest) && !strcmp(c[5], mem) &&
		    !strcmp(c[9], frac) && !strcmp(c[16], "ok"))
			snprintf(ids[nids++], 16, "%s", c[0]);
	}
	fclose(f);
	snprintf(p, sizeof(p), "%s/boots.csv", dir);
	f = fopen(p, "r");
	double x[64][64], run_median[64];
	size_t n[64] = { 0 };
	while (fgets(line, sizeof(line), f)) {
		char *c[17], *s = line;
		for (int k = 0; k < 17; k++)
			c[k] = strsep(&s, ",");
		for (size_t i = 0; c[16] && i < nids; i++)
			if (!strcmp(c[0], ids[i]) && atoi(c[1]) >= 1)
				x[i][n[i]++] = atof(c[2]) + atof(c[6]);
	}
	fclose(f);
	cr_assert_gt(nids, 1);
	for (size_t i = 0; i < nids; i++)
		run_median[i] = median(x[i], n[i]);
	return median(run_median, nids);
}

Test(report, table_numbers_match_the_csv, .init = render_board)
{
	char *md = slurp("report.md"), *html = slurp("report.html"), *sum = slurp("summary.csv");
	static const char *const strategies[] = { "unmap", "lazy", "clean", "dirty" };
	for (int i = 0; i < 4; i++) {
		double want = expected_cost(strategies[i], "memsweep", "268435456", "100");
		char cell[32], row[256];
		fmt_count(want, cell, sizeof(cell));
		/* The 256M row of the guest-RAM table shows this median. */
		const char *r = strstr(md, "| 256M ");
		cr_assert_not_null(r);
		snprintf(row, sizeof(row), "%.*s", (int)strcspn(r, "\n"), r);
		cr_assert_not_null(strstr(row, cell), "%s: %s not in row %s", strategies[i], cell, row);
		cr_assert_not_null(strstr(html, cell));
		/* summary.csv holds the exact value. */
		char exact[128];
		snprintf(exact, sizeof(exact), "%s,cost,", strategies[i]);
		int found = 0;
		for (const char *s = sum; (s = strstr(s, exact)); s++) {
			const char *bol = s;
			while (bol > sum && bol[-1] != '\n')
				bol--;
			if (strncmp(bol, "rpi4,memsweep,268435456,", 24) == 0 &&
			    atof(strchr(s + strlen(exact), ',') + 1) == want)
				found = 1;
		}
		cr_assert(found, "summary.csv lacks %s cost median %.17g", strategies[i], want);
	}
	free(md), free(html), free(sum);
}

Test(report, charts_are_svg_and_png, .init = render_board)
{
	static const char *const charts[] = { "cost_vs_mem", "cost_vs_mem_premap", "cost_vs_frac",
					      "cost_vs_boot", "faults_vs_frac", "lines_vs_frac",
					      "ready_box", "fault_cdf" };
	for (int i = 0; i < 8; i++) {
		char p[128];
		snprintf(p, sizeof(p), "charts/%s.svg", charts[i]);
		char *svg = slurp(p);
		cr_assert_not_null(strstr(svg, "<svg"), "%s", p);
		cr_assert_not_null(strstr(svg, "</svg>"), "%s", p);
		cr_assert_gt(count(svg, "<path"), 5, "%s has no drawn paths", p);
		cr_assert_eq(count(svg, "<svg"), 1);
		free(svg);
		snprintf(p, sizeof(p), "charts/%s.png", charts[i]);
		char *png = slurp(p);
		cr_assert(memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0, "%s is not a PNG", p);
		free(png);
	}
}

Test(report, page_is_self_contained_with_conclusion, .init = render_board)
{
	char *html = slurp("report.html");
	cr_assert_eq(count(html, "<svg"), 8, "every chart inlined");
	cr_assert_eq(count(html, "<script"), 0);
	cr_assert_eq(count(html, "src=\"http"), 0);
	cr_assert_eq(count(html, "href=\"http"), 0);
	cr_assert_not_null(strstr(html, "Cortex-A72"));
	cr_assert_not_null(strstr(html, "cost the same between"));
	cr_assert_not_null(strstr(html, "<code>fwb</code> did not run"));
	cr_assert_not_null(strstr(html, "negative control <code>none</code> failed"));
	cr_assert_not_null(strstr(html, "timeout"));
	cr_assert_null(strstr(html, "TCG"), "no QEMU caveat for board data");
	free(html);
}

Test(report, qemu_data_is_labelled_instructions, .init = render_qemu)
{
	char *html = slurp("report.html"), *md = slurp("report.md");
	cr_assert_not_null(strstr(html, "icount shift=0"));
	cr_assert_not_null(strstr(md, "TCG models no caches"));
	cr_assert_not_null(strstr(md, "instructions per warm reboot"));
	cr_assert_not_null(strstr(html, "expected on QEMU"), "none passes on QEMU and we say why");
	free(html), free(md);
}

Test(report, errors_are_one_line_and_nonzero)
{
	char *missing[] = { "report", "/nonexistent/dir", NULL };
	cr_assert_eq(s2b_cmd_report(2, missing), 1);
	char *noargs[] = { "report", NULL };
	cr_assert_eq(s2b_cmd_report(1, noargs), 2);
	char *bad[] = { "compare", "a", NULL };
	cr_assert_eq(s2b_cmd_compare(2, bad), 2);
	char *nodir[] = { "compare", "/nonexistent/a", "/nonexistent/b", NULL };
	cr_assert_eq(s2b_cmd_compare(3, nodir), 1);
}

Test(compare, strategies_in_one_dir, .init = render_board)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/compare.txt", out);
	cr_assert_not_null(freopen(path, "w", stdout));
	char *argv[] = { "compare", dir, "--strategy", "unmap", "--vs", "clean", NULL };
	cr_assert_eq(s2b_cmd_compare(6, argv), 0);
	fflush(stdout);
	char *txt = slurp("compare.txt");
	cr_assert_not_null(strstr(txt, "measure"));
	cr_assert_not_null(strstr(txt, "cost"));
	/* three runs a side: the smallest two-sided Mann–Whitney p there is, not a p over boots */
	cr_assert_not_null(strstr(txt, "p=0.081 n=3+3 runs"));
	cr_assert_not_null(strstr(txt, "-"), "clean is cheaper: negative delta");
	char *unknown[] = { "compare", dir, "--strategy", "unmap", "--vs", "nosuch", NULL };
	cr_assert_eq(s2b_cmd_compare(6, unknown), 1);
	free(txt);
}

Test(compare, two_dirs_same_data_shows_no_difference, .init = render_board)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/compare.txt", out);
	cr_assert_not_null(freopen(path, "w", stdout));
	char *argv[] = { "compare", dir, dir, NULL };
	cr_assert_eq(s2b_cmd_compare(3, argv), 0);
	fflush(stdout);
	char *txt = slurp("compare.txt");
	cr_assert_not_null(strstr(txt, "  ~  "), "identical data: no significant delta");
	cr_assert_null(strstr(txt, "p<0.001"));
	free(txt);
}

/* The report states the bootstrap's rule and the B its intervals used (the tally of the render),
 * and the same data give the same report, byte for byte. */
Test(report, states_the_resample_count_it_used)
{
	strcpy(dir, "/tmp/s2b-report-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	struct fixture_opts o = { .reps = 6, .boots = 6, .seed = 3 };
	cr_assert_eq(fixture_write(dir, &o), 0);
	char *md[2];
	for (int k = 0; k < 2; k++) {
		snprintf(out, sizeof(out), "%s/out%d", dir, k);
		char *argv[] = { "report", dir, "--out", out, NULL };
		cr_assert_eq(s2b_cmd_report(4, argv), 0);
		md[k] = slurp("report.md");
	}
	cr_assert_str_eq(md[0], md[1], "same data, same report.md");
	size_t lo, hi;
	cr_assert(bootstrap_tally(&lo, &hi), "the fixture's noisy cells were bootstrapped");
	char want[64];
	if (lo == hi)
		snprintf(want, sizeof(want), "B = %zu for every interval", lo);
	else
		snprintf(want, sizeof(want), "B = %zu to %zu across", lo, hi);
	char *html = slurp("report.html"), *flat = strdup(md[0]);
	for (char *p = flat; *p; p++) /* report.md wraps its lines */
		*p = *p == '\n' ? ' ' : *p;
	cr_assert_not_null(strstr(flat, "Bootstrap resamples: 1000, doubled until"), "%s", flat);
	cr_assert_not_null(strstr(flat, want), "%s not in report.md", want);
	cr_assert_not_null(strstr(html, want), "%s not in report.html", want);
	free(md[0]), free(md[1]), free(html), free(flat);
}
