/* `s2bench parse`, issue 13: runs delimited robustly, ids independent of how parse is called,
 * statuses that say what happened, CRC-valid records that break the grammar rejected and
 * counted, inputs and names checked before anything is written. Logs: data/make-logs.py. */
#include <criterion/criterion.h>
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logpack.h"
#include "support.h"

#define DATA S2B_TEST_DATA

static int parse(const char *out, const char *log, char **output)
{
	char *args[] = { "parse", (char *)log, "--out", (char *)out, NULL };
	return run_s2bench(args, NULL, output);
}

/* Parses DATA/LOG into a fresh directory and loads runs.csv and boots.csv. */
static void parse_one(const char *log, struct csv_rows *runs, struct csv_rows *boots, char **out)
{
	char *dir = make_tmpdir(log), path[512];
	snprintf(path, sizeof(path), DATA "/%s", log);
	cr_assert_eq(parse(dir, path, out), 0, "%s", *out);
	cr_assert_eq(load_csv(dir, "runs.csv", runs), 0);
	if (boots)
		cr_assert_eq(load_csv(dir, "boots.csv", boots), 0);
}

/* Item 2: a hello with a bad CRC between two runs must not merge them. */
Test(parse_runs, lost_hello_does_not_merge_two_runs)
{
	struct csv_rows runs, boots;
	char *out;
	parse_one("lost-hello.log", &runs, &boots, &out);
	cr_assert_eq(runs.nrows, 2, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "2");
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_str_eq(csv_cell(&runs, 1, "boots"), "2");
	cr_expect_str_eq(csv_cell(&runs, 1, "strategy"), "lazy", "the cfg after done starts run 2");
	cr_expect_str_eq(csv_cell(&runs, 1, "status"), "no_hello");
	cr_expect_str_eq(csv_cell(&runs, 1, "bad_crc"), "1", "the lost hello counts in its run");
	cr_assert_eq(boots.nrows, 4);
	for (size_t i = 0; i < 4; i++) /* no orphan: every boot row belongs to a runs.csv row */
		cr_expect_str_eq(csv_cell(&boots, i, "run_id"), csv_cell(&runs, i / 2, "run_id"), "row %zu", i);
}

/* Item 2: a boot after done (hello and cfg both lost) starts a new run with unknown config. */
Test(parse_runs, boot_after_done_starts_a_new_run)
{
	struct csv_rows runs, boots;
	char *out;
	parse_one("lost-hello-and-cfg.log", &runs, &boots, &out);
	cr_assert_eq(runs.nrows, 2, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "2");
	cr_expect_str_eq(csv_cell(&runs, 1, "boots"), "2");
	cr_expect_str_eq(csv_cell(&runs, 1, "status"), "no_hello");
	cr_expect_str_eq(csv_cell(&runs, 1, "strategy"), "", "no cfg: config unknown, not guessed");
	cr_expect_str_eq(csv_cell(&runs, 1, "bad_crc"), "2", "the two cut records");
}

/* A calibration run (a real QEMU log of s2b.guest=calib): calib records are body records, one
 * run, none rejected; the program boots no guest, so the run is `short`. */
Test(parse_runs, calib_records_make_one_run)
{
	struct csv_rows runs;
	char *out;
	parse_one("qemu-calib.log", &runs, NULL, &out);
	cr_assert_eq(runs.nrows, 1, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "guest"), "calib");
	cr_expect_str_eq(csv_cell(&runs, 0, "bad_crc"), "0");
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "short");
}

/* calib records after a run's done (the calibration run's hello and cfg lost) belong to the next
 * run, as a boot would: data/calib-after-done.log is qemu-unmap-bringup.log, then
 * qemu-calib.log without its hello and cfg. */
/* How many lines of run RUN_ID's log (its bytes in DIR's log pack) start with PREFIX. */
static int log_lines(const char *dir, const char *run_id, const char *prefix)
{
	char line[4096];
	int n = 0;
	FILE *f = log_open(dir, run_id, NULL);
	cr_assert_not_null(f, "%s: no log for %s", dir, run_id);
	while (fgets(line, sizeof(line), f))
		n += strncmp(line, prefix, strlen(prefix)) == 0;
	fclose(f);
	return n;
}

Test(parse_runs, calib_after_done_starts_a_new_run)
{
	struct csv_rows runs;
	char *out, *dir = make_tmpdir("calib-after-done");
	cr_assert_eq(parse(dir, DATA "/calib-after-done.log", &out), 0, "%s", out);
	cr_assert_eq(load_csv(dir, "runs.csv", &runs), 0);
	cr_assert_eq(runs.nrows, 2, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_str_eq(csv_cell(&runs, 1, "status"), "no_hello");
	cr_expect_str_eq(csv_cell(&runs, 1, "strategy"), "", "no cfg: config unknown, not guessed");
	cr_expect_eq(log_lines(dir, csv_cell(&runs, 0, "run_id"), "@s2b calib "), 0, "not glued to run 1");
	cr_expect_eq(log_lines(dir, csv_cell(&runs, 1, "run_id"), "@s2b calib "), 46, "every calib record");
}

/* Item 5: fewer boots than requested (CPU_OFF at boot 0), never READY (a panicking guest), and
 * a boot record behind a NUL byte. */
Test(parse_runs, status_says_what_happened)
{
	struct csv_rows runs, boots;
	char *out;
	parse_one("cpu-off.log", &runs, NULL, &out);
	cr_assert_eq(runs.nrows, 1, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "short");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "short:1_of_2_boots:last_exit_off");
	/* recorded from s2hv under QEMU: a raw guest (s2b.guest=image) calling CPU_OFF at boot 0 */
	parse_one("qemu-cpu-off.log", &runs, NULL, &out);
	cr_assert_eq(runs.nrows, 1, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "short");
	/* recorded from s2hv under QEMU (record lines and the panic): a Linux guest whose root fs
	 * cannot mount panics and, with panic=-1, resets before READY on every boot */
	parse_one("qemu-linux-panic.log", &runs, NULL, &out);
	cr_assert_eq(runs.nrows, 1, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "not_ready");
	parse_one("never-ready.log", &runs, NULL, &out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "not_ready");
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "not_ready:2_boots_first_0");
	parse_one("nul-before-record.log", &runs, &boots, &out);
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "2", "NUL before a record is noise: %s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_eq(boots.nrows, 2);
}

/* Item 18: "\r\r\n" line ends. */
Test(parse_runs, crcrlf_line_ends_are_accepted)
{
	struct csv_rows runs;
	char *out;
	parse_one("crcrlf.log", &runs, NULL, &out);
	cr_assert_eq(runs.nrows, 1, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "2", "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_str_eq(csv_cell(&runs, 0, "bad_crc"), "0");
}

/* Item 6: CRC-valid records that break the grammar are rejected and counted, not stored. */
Test(parse_runs, grammar_breaking_records_are_rejected_and_counted)
{
	struct csv_rows runs, boots;
	char *out;
	parse_one("grammar.log", &runs, &boots, &out);
	cr_assert_eq(runs.nrows, 1, "a partial cfg does not start a run: %s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "2");
	cr_expect_str_eq(csv_cell(&runs, 0, "strategy"), "unmap");
	cr_expect_str_eq(csv_cell(&runs, 0, "bad_crc"), "8", "every rejected record is counted");
	cr_expect(strstr(out, "7 malformed") && strstr(out, "1 over-long"), "%s", out);
	cr_assert_eq(boots.nrows, 2);
	cr_expect_str_eq(csv_cell(&boots, 1, "check"), "pass");
	cr_expect_str_eq(csv_cell(&boots, 1, "faults"), "2");
}

/* Item 6: a line past the line reader's limit is not a record, even if its first 65535 bytes are. */
Test(parse_runs, overlong_line_with_a_valid_prefix_is_rejected)
{
	struct csv_rows runs, boots;
	char *out;
	parse_one("overlong-prefix.log", &runs, &boots, &out);
	cr_expect_eq(boots.nrows, 1, "%s", out);
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "1");
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "short");
	cr_expect(strstr(out, "1 over-long"), "%s", out);
}

/* Item 6: unknown keys of metric and fault records are kept; a long extra cell is not cut. */
Test(parse_runs, unknown_keys_are_kept_whole)
{
	char *dir = make_tmpdir("parse-unknown"), *out;
	struct csv_rows faults, metrics, boots;
	cr_assert_eq(parse(dir, DATA "/unknown-keys.log", &out), 0, "%s", out);
	load_csv(dir, "faults.csv", &faults);
	load_csv(dir, "metrics.csv", &metrics);
	load_csv(dir, "boots.csv", &boots);
	cr_assert_eq(faults.nrows, 1);
	cr_expect_str_eq(csv_cell(&faults, 0, "extra"), "vmid=3");
	cr_expect_str_eq(csv_cell(&metrics, 0, "extra"), "unit=ns");
	cr_expect_eq(strlen(csv_cell(&boots, 0, "extra")), strlen("big=") + 1500);
}

/* Item 4: two different runs with one config, parsed in two invocations, are both kept; the same
 * log by two paths is one run. */
Test(parse_runs, identity_does_not_depend_on_the_invocation)
{
	char *dir = make_tmpdir("parse-ident"), *out, cwd[512], rel[600];
	struct csv_rows runs;
	cr_assert_eq(parse(dir, DATA "/same-cfg-a.log", &out), 0, "%s", out);
	cr_assert_eq(parse(dir, DATA "/same-cfg-b.log", &out), 0, "%s", out);
	cr_expect(strstr(out, "1 runs written"), "the second run is not 'already there': %s", out);
	cr_assert_neq(getcwd(cwd, sizeof(cwd)), NULL);
	snprintf(rel, sizeof(rel), "./%s/../data/same-cfg-a.log", DATA);
	cr_assert_eq(parse(dir, rel, &out), 0, "%s", out);
	cr_expect(strstr(out, "0 runs written") && strstr(out, "1 already there"), "%s", out);
	load_csv(dir, "runs.csv", &runs);
	cr_assert_eq(runs.nrows, 2);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_str_eq(csv_cell(&runs, 1, "status"), "check_failed");
	/* a log without cfg is named by its content too, not by its path */
	char *dir2 = make_tmpdir("parse-ident-nocfg");
	cr_assert_eq(parse(dir2, DATA "/qemu-bad-guest.log", &out), 0, "%s", out);
	cr_assert_eq(parse(dir2, "./" DATA "/qemu-bad-guest.log", &out), 0, "%s", out);
	load_csv(dir2, "runs.csv", &runs);
	cr_expect_eq(runs.nrows, 1);
}

/* Item 18: a bad or missing log fails before --out is created. */
Test(parse_runs, bad_log_creates_nothing)
{
	char *base = make_tmpdir("parse-nothing"), dir[600], *out;
	struct stat st;
	const char *bad[] = { DATA "/no-such.log", DATA }; /* missing; a directory */
	for (int i = 0; i < 2; i++) {
		snprintf(dir, sizeof(dir), "%s/out%d", base, i);
		char *args[] = { "parse", DATA "/two-runs.log", (char *)bad[i], "--out", dir, NULL };
		cr_expect_eq(run_s2bench(args, NULL, &out), 1, "%s", out);
		cr_expect_neq(stat(dir, &st), 0, "%s was created: %s", dir, out);
		cr_expect_eq(strchr(out, '\n'), out + strlen(out) - 1, "one line: %s", out);
	}
}

/* Item 18: --suite/--board that a cell cannot hold are refused, not cut or written. */
Test(parse_runs, bad_suite_and_board_are_refused)
{
	char *base = make_tmpdir("parse-names"), dir[600], *out, long_name[200];
	struct stat st;
	memset(long_name, 'b', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	const char *opt[] = { "--suite", "--suite", "--board", "--board" };
	const char *val[] = { "two\nlines", long_name, "qemu\rvirt", long_name };
	for (int i = 0; i < 4; i++) {
		snprintf(dir, sizeof(dir), "%s/out%d", base, i);
		char *args[] = { "parse", DATA "/two-runs.log", "--out", dir, (char *)opt[i],
				 (char *)val[i], NULL };
		cr_expect_eq(run_s2bench(args, NULL, &out), 1, "%s %d: %s", opt[i], i, out);
		cr_expect(strstr(out, opt[i]), "the message names the option: %s", out);
		cr_expect_neq(stat(dir, &st), 0, "%s was created", dir);
	}
}

/* Issue 20: parse packs its logs; a DIR/logs/ID.log that a killed `run` left for a run that never
 * finished would be found before the packed one (logpack.h), so parse removes it, and the next
 * parse finds the packed log (its digest) and adds nothing. */
Test(parse_runs, packed_log_replaces_the_stale_log_of_an_unfinished_run)
{
	struct csv_rows runs;
	char *out, *first = make_tmpdir("stale-first"), *dir = make_tmpdir("stale-log"), path[600];
	cr_assert_eq(parse(first, DATA "/qemu-unmap-bringup.log", &out), 0, "%s", out);
	cr_assert_eq(load_csv(first, "runs.csv", &runs), 0);
	const char *id = csv_cell(&runs, 0, "run_id");
	snprintf(path, sizeof(path), "%s/logs", dir);
	cr_assert_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/logs/%s.log", dir, id);
	write_text(path, "@s2b hello proto=1.0 (a run killed here)\n");
	cr_assert_eq(parse(dir, DATA "/qemu-unmap-bringup.log", &out), 0, "%s", out);
	cr_expect(strstr(out, "parse: 1 runs written"), "%s", out);
	cr_expect_eq(access(path, F_OK), -1, "the stale log is removed");
	cr_expect_eq(log_lines(dir, id, "@s2b boot "), 3, "the run's own log, from the pack");
	cr_assert_eq(parse(dir, DATA "/qemu-unmap-bringup.log", &out), 0, "%s", out);
	cr_expect(strstr(out, "parse: 0 runs written") && strstr(out, "(1 already there"), "%s", out);
}
