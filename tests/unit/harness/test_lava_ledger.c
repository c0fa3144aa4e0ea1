/* DIR/lava-jobs.csv (harness/lava_ledger.c): the job ids `lava submit --resume` picks up. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lava_ledger.h"
#include "support.h"

#define A "00000000000000a1"
#define B "00000000000000b2"

static char *ledger_path(const char *dir)
{
	char *p;
	cr_assert_geq(asprintf(&p, "%s/lava-jobs.csv", dir), 0);
	return p;
}

Test(lava_ledger, jobs_read_back_after_reopening)
{
	char *dir = make_tmpdir("ledger-reopen"), err[512];
	struct lava_ledger l;

	cr_assert_eq(lava_ledger_open(&l, dir, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(lava_ledger_job(&l, A), 0, "a new ledger knows no job");
	cr_assert_eq(lava_ledger_add(&l, A, 12, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(lava_ledger_add(&l, B, 13, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(lava_ledger_add(&l, A, 14, err, sizeof(err)), 0, "%s", err);
	lava_ledger_close(&l);

	char *p = ledger_path(dir), *text = read_text(p);
	cr_expect_str_eq(text, "run_id,job_id\n" A ",12\n" B ",13\n" A ",14\n");
	cr_assert_eq(lava_ledger_open(&l, dir, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(lava_ledger_job(&l, A), 14, "the last submission of a run counts");
	cr_expect_eq(lava_ledger_job(&l, B), 13);
	cr_expect_eq(lava_ledger_job(&l, "00000000000000c3"), 0);
	cr_expect_eq(lava_ledger_job(&l, "not a run id"), 0);
	lava_ledger_close(&l);
	free(text);
	free(p);
	free(dir);
}

Test(lava_ledger, a_torn_last_line_is_dropped)
{
	char *dir = make_tmpdir("ledger-torn"), err[512];
	char *p = ledger_path(dir);
	struct lava_ledger l;

	write_text(p, "run_id,job_id\n" A ",12\n" B ",1");
	cr_assert_eq(lava_ledger_open(&l, dir, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(lava_ledger_job(&l, A), 12);
	cr_expect_eq(lava_ledger_job(&l, B), 0, "its job id was never written whole");
	cr_assert_eq(lava_ledger_add(&l, B, 15, err, sizeof(err)), 0, "%s", err);
	lava_ledger_close(&l);
	char *text = read_text(p);
	cr_expect_str_eq(text, "run_id,job_id\n" A ",12\n" B ",15\n");
	free(text);
	free(p);
	free(dir);
}

Test(lava_ledger, a_bad_line_is_refused_and_left_alone)
{
	static const char *const bad[] = {
		"run_id,job_id\n" A ",x\n",
		"run_id,job_id\n" A ",0\n",
		"run_id,job_id\n" A ",\n",
		"run_id,job_id\n00000000000000A1,3\n",
		"run_id,job_id\n" A ";3\n",
		"run_id,job_id\n" A ",99999999999999999999\n",
		"run,job\n",
	};
	char *dir = make_tmpdir("ledger-bad"), err[512];
	char *p = ledger_path(dir);
	struct lava_ledger l;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_text(p, bad[i]);
		cr_expect_eq(lava_ledger_open(&l, dir, err, sizeof(err)), -1, "%s", bad[i]);
		cr_expect(strstr(err, i == 6 ? "line 1:" : "line 2:"), "%s", err);
		cr_expect(strstr(err, "nothing changed"), "%s", err);
		char *text = read_text(p);
		cr_expect_str_eq(text, bad[i]);
		free(text);
	}
	free(p);
	free(dir);
}

Test(lava_ledger, an_unwritable_directory_is_one_line)
{
	char err[512];
	struct lava_ledger l;

	cr_expect_eq(lava_ledger_open(&l, "/nonexistent/dir", err, sizeof(err)), -1);
	cr_expect(strstr(err, "/nonexistent/dir/lava-jobs.csv: No such file"), "%s", err);
}

/* A ledger of many jobs, runs submitted several times in any order: after reopening, each run's
 * job is its last line's, a run submitted again since gets its newest, and the count of jobs
 * (what `lava submit` without --resume refuses) is every line. */
Test(lava_ledger, the_last_submission_of_each_run_counts_among_many)
{
	enum { RUNS = 500, LINES = 1500 };
	char *dir = make_tmpdir("ledger-many"), err[512], id[32];
	struct lava_ledger l;

	cr_assert_eq(lava_ledger_open(&l, dir, err, sizeof(err)), 0, "%s", err);
	for (unsigned i = 0; i < LINES; i++) { /* run (i * 7) % RUNS: each thrice, interleaved */
		snprintf(id, sizeof(id), "%016x", (i * 7) % RUNS * 0x9e3779b1u);
		cr_assert_eq(lava_ledger_add(&l, id, i + 1, err, sizeof(err)), 0, "%s", err);
	}
	lava_ledger_close(&l);
	cr_assert_eq(lava_ledger_open(&l, dir, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(l.jobs, LINES);
	for (unsigned r = 0; r < RUNS; r++) {
		unsigned last = 0;
		for (unsigned i = 0; i < LINES; i++)
			if ((i * 7) % RUNS == r)
				last = i + 1;
		snprintf(id, sizeof(id), "%016x", r * 0x9e3779b1u);
		cr_expect_eq(lava_ledger_job(&l, id), last, "run %u", r);
	}
	snprintf(id, sizeof(id), "%016x", 5 * 0x9e3779b1u);
	cr_assert_eq(lava_ledger_add(&l, id, 99999, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(lava_ledger_job(&l, id), 99999, "submitted again after the open");
	cr_expect_eq(l.jobs, LINES + 1);
	lava_ledger_close(&l);
	free(dir);
}
