/* A finished LAVA job's log → its run's rows (harness/lava_ingest.c): named as the planned run
 * (the rows a local run writes), the status LAVA gave an unfinished job, and logs that hold
 * another run, two runs or none. The job log is a server log of lava-dispatcher 2023.01. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lava_ingest.h"
#include "matrix.h"
#include "store.h"
#include "support.h"

#define DATA S2B_TEST_DATA
#define UNMAP_HELLO_4 "strategy = unmap\nguest = hello\nboots = 4\n" /* the job log's config */

struct ingested {
	char *dir;
	struct planned_run run;
	const char *status;
	struct csv_rows runs, boots;
};

/* Ingests log file LOG as the job of SUITE's first run, ended as END says. */
static void ingest(struct ingested *g, const char *name, const char *suite, const char *log,
		   const struct lava_job_end *end)
{
	struct planned_run *runs;
	struct store st;
	char err[512];

	cr_assert_geq(expand_suite_text(suite, &runs), 1);
	g->run = runs[0];
	free(runs);
	g->dir = make_tmpdir(name);
	cr_assert_eq(store_open(&st, g->dir, err, sizeof(err)), 0, "%s", err);
	char *text = log ? read_text(log) : strdup("");
	cr_assert_not_null(text, "%s", log);
	cr_assert_eq(lava_ingest(&st, "lab", &g->run, end, text, strlen(text), &g->status, err,
				 sizeof(err)), 0, "%s", err);
	store_close(&st);
	free(text);
	cr_assert_eq(load_csv(g->dir, "runs.csv", &g->runs), 0);
	cr_assert_eq(load_csv(g->dir, "boots.csv", &g->boots), 0);
	cr_assert_eq(g->runs.nrows, 1, "one row per job");
	cr_expect_str_eq(csv_cell(&g->runs, 0, "run_id"), g->run.run_id, "the planned run's id");
	cr_expect_str_eq(csv_cell(&g->runs, 0, "status"), g->status);
}

static void done(struct ingested *g)
{
	free_csv(&g->runs);
	free_csv(&g->boots);
	free(g->dir);
}

static int file_exists(const char *dir, const char *id, const char *suffix)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/logs/%s%s", dir, id, suffix);
	return access(path, F_OK) == 0;
}

Test(lava_ingest, a_complete_job_gives_the_rows_of_its_planned_run)
{
	struct lava_job_end end = { 3, NULL, "" };
	struct ingested g;

	ingest(&g, "ingest-ok", UNMAP_HELLO_4, DATA "/lava-feedback-done.yaml", &end);
	cr_expect_str_eq(g.status, "ok");
	cr_expect_str_eq(csv_cell(&g.runs, 0, "suite"), "lab");
	cr_expect_str_eq(csv_cell(&g.runs, 0, "board"), "qemu-virt");
	cr_expect_str_eq(csv_cell(&g.runs, 0, "boots"), "4");
	cr_expect_str_eq(csv_cell(&g.runs, 0, "error"), "");
	cr_expect_str_eq(csv_cell(&g.runs, 0, "exit_code"), "", "no emulator status from LAVA");
	cr_assert_eq(g.boots.nrows, 4);
	for (size_t i = 0; i < 4; i++)
		cr_expect_str_eq(csv_cell(&g.boots, i, "run_id"), g.run.run_id);
	cr_expect(file_exists(g.dir, g.run.run_id, ".log"), "the console lines, as parse keeps them");
	cr_expect(file_exists(g.dir, g.run.run_id, ".lava.yaml"), "the whole job log");
	done(&g);
}

/* A job LAVA did not complete: its status, LAVA's reason on one line, the records it has. */
Test(lava_ingest, a_job_lava_did_not_complete_says_so_and_keeps_its_records)
{
	static const struct {
		const char *name, *log;
		struct lava_job_end end;
		const char *error;
		size_t boots;
	} cases[] = {
		{ "ingest-incomplete", DATA "/lava-feedback-done.yaml",
		  { 7, "lava_incomplete", "boot\nfailed" }, "lava_job_7:boot failed", 4 },
		/* no failure comment: the job result's error_msg, its newline dropped */
		{ "ingest-dispatcher-error", DATA "/lava-incomplete.yaml", { 35, "lava_incomplete", "" },
		  "lava_job_35:Invalid job data: [\"Image file '/nonexistent/s2hv.img' does not exist or is not readable\"]",
		  0 },
		{ "ingest-canceled", NULL, { 8, "lava_canceled", "" }, "lava_job_8:lava_canceled", 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ingested g;
		ingest(&g, cases[i].name, UNMAP_HELLO_4, cases[i].log, &cases[i].end);
		cr_expect_str_eq(g.status, cases[i].end.status, "%s", cases[i].name);
		cr_expect_str_eq(csv_cell(&g.runs, 0, "error"), cases[i].error, "%s", cases[i].name);
		cr_expect_str_eq(csv_cell(&g.runs, 0, "strategy"), "unmap", "the planned config");
		cr_expect_eq(g.boots.nrows, cases[i].boots, "%s", cases[i].name);
		done(&g);
	}
}

/* A Complete job whose log is not one run of the planned config. */
Test(lava_ingest, a_log_that_is_not_the_planned_run)
{
	static const struct {
		const char *name, *suite, *log, *status, *error;
	} cases[] = {
		/* the job ran boots=4: none of its rows goes under the boots=5 run */
		{ "ingest-other", "strategy = unmap\nguest = hello\nboots = 5\n",
		  DATA "/lava-feedback-done.yaml", "config_mismatch", "config_mismatch:boots:5_vs_4" },
		{ "ingest-two", UNMAP_HELLO_4, DATA "/two-runs.log", "error", "lava_log_holds_2_runs" },
		{ "ingest-empty", UNMAP_HELLO_4, NULL, "crash", "lava_log_has_no_records" },
	};
	struct lava_job_end end = { 3, NULL, "" };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ingested g;
		ingest(&g, cases[i].name, cases[i].suite, cases[i].log, &end);
		cr_expect_str_eq(g.status, cases[i].status, "%s", cases[i].name);
		cr_expect_str_eq(csv_cell(&g.runs, 0, "error"), cases[i].error, "%s", cases[i].name);
		if (strcmp(cases[i].status, "config_mismatch") == 0)
			cr_expect_eq(g.boots.nrows, 0,
				     "%s: no rows under the planned labels", cases[i].name);
		done(&g);
	}
}
