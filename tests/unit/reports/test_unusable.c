/* A result directory with one run that has no configuration (a `bad_arg` run: its log had no
 * cfg record, so parse left its config cells empty): the report covers the other runs exactly as
 * without it, and names the left-out run in report.html, report.md and on stderr. */
#include "fixture.h"
#include "report.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The runs.csv row `s2bench parse` writes for a run refused with error bad_arg (from
 * tests/unit/harness/data/qemu-bad-guest.log's kind of log), and a boot row of the same run. */
#define BAD_ID "99ab17ffba01417d"
static const char bad_run[] = BAD_ID ",parse,qemu-virt,,,,,,,,,,,,,,error,,,0,0,"
				  "bad_arg:unknown_key:s2b.bogus,0.1.0,,1,0xf0510\n";
static const char bad_boot[] = BAD_ID ",0,,,,3,900,400,64,1,1,3,5000,5000,pass,reset,\n";

static char dir[64];

static char *slurp(const char *path)
{
	char *s = read_whole_file(path);
	cr_assert_not_null(s, "%s missing", path);
	return s;
}

static void append(const char *file, const char *text)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, file);
	FILE *f = fopen(p, "a");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

/* s2bench report DIR --out DIR/OUT with stderr captured into DIR/OUT.stderr; the exit status. */
static int report(const char *out)
{
	char o[128], errpath[160];
	snprintf(o, sizeof(o), "%s/%s", dir, out);
	snprintf(errpath, sizeof(errpath), "%s.stderr", o);
	fflush(stderr);
	int saved = dup(2), fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	cr_assert(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	char *argv[] = { "report", dir, "--out", o, NULL };
	int rc = s2b_cmd_report(4, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return rc;
}

static char *out_file(const char *out, const char *name)
{
	char p[192];
	snprintf(p, sizeof(p), "%s/%s%s%s", dir, out, *name == '.' ? "" : "/", name);
	return slurp(p);
}

/* DIR = a new directory made from TEMPLATE (mkdtemp) holding the fixture's results. */
static void fixture_dir(const char *template)
{
	strcpy(dir, template);
	cr_assert_not_null(mkdtemp(dir));
	struct fixture_opts o = { .qemu = 1, .reps = 3, .boots = 6, .seed = 5 };
	cr_assert_eq(fixture_write(dir, &o), 0);
}

Test(report, cfg_less_run_is_listed_and_the_rest_reported)
{
	fixture_dir("/tmp/s2b-unusable-XXXXXX");
	cr_assert_eq(report("clean"), 0);

	append("runs.csv", bad_run);
	append("boots.csv", bad_boot);
	cr_assert_eq(report("mixed"), 0, "%s", out_file("mixed", ".stderr"));

	char *err = out_file("mixed", ".stderr");
	cr_expect(strstr(err, "left out run " BAD_ID " (") && strstr(err, "bad_arg:unknown_key") &&
			  strstr(err, "no cfg record"),
		  "stderr names the run: %s", err);
	cr_expect_eq(strchr(err, '\n'), err + strlen(err) - 1, "one line: %s", err);
	char *html = out_file("mixed", "report.html"), *md = out_file("mixed", "report.md");
	cr_expect(strstr(html, "Runs left out") && strstr(html, BAD_ID), "HTML lists the run");
	cr_expect(strstr(md, "Runs left out") && strstr(md, BAD_ID), "Markdown lists the run");
	cr_expect(strstr(md, "1 run without a configuration"), "the answer says so");

	/* the rest is reported exactly as without the left-out run */
	char *before = out_file("clean", "summary.csv"), *after = out_file("mixed", "summary.csv");
	cr_expect_str_eq(after, before);
	cr_expect_null(strstr(out_file("clean", "report.md"), "Runs left out"));
	free(err), free(html), free(md), free(before), free(after);
}

/* A copy of runs.csv's first data row under another id and STATUS (the run has no boots). */
static void append_run_with_status(const char *id, const char *status)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/runs.csv", dir);
	char *runs = slurp(p), *row = strchr(runs, '\n') + 1, *end = strchr(row, '\n');
	*end = '\0';
	char *ok = strstr(row, ",ok,");
	cr_assert_not_null(ok, "%s", row);
	char line[1024];
	snprintf(line, sizeof(line), "%s%.*s,%s,%s\n", id, (int)(ok - strchr(row, ',')),
		 strchr(row, ','), status, ok + 4);
	append("runs.csv", line);
	free(runs);
}

/* Statuses the harness added after the report was written (short, log_full, ...) are counted in
 * the status matrix and named in the answer, never silently dropped from both. */
Test(report, runs_of_every_status_are_counted)
{
	fixture_dir("/tmp/s2b-statuses-XXXXXX");
	append_run_with_status("00000000000000a1", "short");
	append_run_with_status("00000000000000a2", "log_full");
	cr_assert_eq(report("statuses"), 0, "%s", out_file("statuses", ".stderr"));
	char *md = out_file("statuses", "report.md");
	cr_expect(strstr(md, "1 short") && strstr(md, "1 log_full"), "the answer counts them: %s", md);
	char *html = out_file("statuses", "report.html");
	cr_expect(strstr(html, "<th class=\"num\">short</th>"), "the status matrix has a short column");
	cr_expect(strstr(html, "<th class=\"num\">other</th>"), "and one for statuses it does not know");
	cr_expect(strstr(html, "00000000000000a1") && strstr(html, "00000000000000a2"),
		  "both are listed under failures");
	/* The answer says where they are listed; the mail has that section too, with both. */
	cr_expect(strstr(md, "listed under Failures and refusals"), "%s", md);
	const char *failures = strstr(md, "### Failures and refusals");
	cr_expect(failures && strstr(failures, "00000000000000a1") &&
			  strstr(failures, "00000000000000a2"),
		  "report.md lists both under Failures and refusals: %s", md);
	free(html);
	free(md);
}

/* The count report.html's status matrix gives strategy S under column COL, or -1 when the table,
 * the column or the row is not there. */
static long matrix_count(const char *html, const char *s, const char *col)
{
	char th[96], tr[96];
	snprintf(th, sizeof(th), "<th class=\"num\">%s</th>", col);
	snprintf(tr, sizeof(tr), "<tr><td><code>%s</code></td>", s);
	const char *head = strstr(html, "<thead><tr><th>strategy</th>"), *at, *row;
	if (!head || !(at = strstr(head, th)) || at > strstr(head, "</tr>") || !(row = strstr(head, tr)))
		return -1;
	for (const char *p = strstr(head, "<th>strategy"); p && p <= at; p = strstr(p + 1, "<th"))
		row = strstr(row + 1, "<td"); /* one cell along per column before COL */
	return strtol(strchr(row, '>') + 1, NULL, 10);
}

/* A run whose board ran another configuration than asked (config_mismatch, issue 21) is counted
 * in a column of its own, not under `other`, with a sentence saying what it means in both
 * report.html and report.md; a report without one has neither. */
Test(report, config_mismatch_runs_have_their_own_status_column)
{
	fixture_dir("/tmp/s2b-mismatch-XXXXXX");
	cr_assert_eq(report("clean"), 0);
	append_run_with_status("00000000000000b1", "config_mismatch");
	append_run_with_status("00000000000000b2", "config_mismatch");
	cr_assert_eq(report("mismatch"), 0, "%s", out_file("mismatch", ".stderr"));

	/* the run copied is runs.csv's first: fixture.c writes unmap first */
	char *html = out_file("mismatch", "report.html"), *clean = out_file("clean", "report.html");
	cr_expect_eq(matrix_count(html, "unmap", "config_mismatch"), 2, "their own column");
	cr_expect_eq(matrix_count(html, "unmap", "other"), matrix_count(clean, "unmap", "other"),
		     "not counted as other");
	cr_expect_eq(matrix_count(clean, "unmap", "config_mismatch"), 0);
	cr_expect(strstr(html, "2 runs are <code>config_mismatch</code>: the board ran another"),
		  "the page says what the column means");
	cr_expect_null(strstr(clean, "runs are <code>config_mismatch"));

	char *md = out_file("mismatch", "report.md"), *clean_md = out_file("clean", "report.md");
	char *table = strstr(md, "### Runs by status");
	cr_expect(table && strstr(table, "| config_mismatch |"), "the mail has the table: %s", md);
	cr_expect(strstr(md, "2 runs are `config_mismatch`: the board ran another"),
		  "and the sentence: %s", md);
	cr_expect_null(strstr(clean_md, "Runs by status"), "only when there are such runs");
	free(html), free(clean), free(md), free(clean_md);
}
