/* `s2bench parse`: recorded console logs → CSVs; corruption counted; versions refused;
 * CSV round trip through libcsv. */
#include <criterion/criterion.h>
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "support.h"

#define DATA S2B_TEST_DATA

static int parse_logs(const char *out, const char *log1, const char *log2, char **output)
{
	char *args[] = { "parse", (char *)log1, (char *)log2, "--out", (char *)out, NULL };
	if (!log2) {
		args[2] = "--out";
		args[3] = (char *)out;
		args[4] = NULL;
	}
	return run_s2bench(args, NULL, output);
}

Test(parse, real_qemu_log_gives_one_run_with_boots_and_faults)
{
	char *dir = make_tmpdir("parse-real"), *out;
	struct csv_rows runs, boots, faults;
	cr_assert_eq(parse_logs(dir, DATA "/qemu-unmap-bringup.log", NULL, &out), 0, "%s", out);
	load_csv(dir, "runs.csv", &runs);
	load_csv(dir, "boots.csv", &boots);
	load_csv(dir, "faults.csv", &faults);
	cr_assert_eq(runs.nrows, 1);
	cr_expect_str_eq(csv_cell(&runs, 0, "status"), "ok");
	cr_expect_str_eq(csv_cell(&runs, 0, "strategy"), "unmap");
	cr_expect_str_eq(csv_cell(&runs, 0, "mem"), "67108864");
	cr_expect_str_eq(csv_cell(&runs, 0, "boots"), "3");
	cr_expect_str_eq(csv_cell(&runs, 0, "hv_version"), "0.1.0");
	cr_expect_str_eq(csv_cell(&runs, 0, "midr"), "0xf0510");
	cr_expect_eq(boots.nrows, 3);
	cr_expect_eq(faults.nrows, 9);
	cr_expect_str_eq(csv_cell(&boots, 0, "reinit_cycles"), "", "boot 0 has no reinit: absent, not 0");
	cr_expect_str_eq(csv_cell(&boots, 1, "reinit_lines"), "192");
	cr_expect_str_eq(csv_cell(&boots, 1, "run_id"), csv_cell(&runs, 0, "run_id"));
	cr_expect_str_eq(csv_cell(&faults, 0, "kind"), "inst");
	cr_expect_eq(runs.bad_rows + boots.bad_rows + faults.bad_rows, 0);
}

Test(parse, two_runs_in_one_capture_are_split_at_hello)
{
	char *dir = make_tmpdir("parse-two"), *out;
	struct csv_rows runs, boots, metrics;
	cr_assert_eq(parse_logs(dir, DATA "/two-runs.log", NULL, &out), 0, "%s", out);
	load_csv(dir, "runs.csv", &runs);
	load_csv(dir, "boots.csv", &boots);
	load_csv(dir, "metrics.csv", &metrics);
	cr_assert_eq(runs.nrows, 2);
	cr_expect_str_eq(csv_cell(&runs, 0, "strategy"), "clean");
	cr_expect_str_eq(csv_cell(&runs, 1, "strategy"), "lazy");
	cr_expect_eq(boots.nrows, 6);
	cr_expect_eq(metrics.nrows, 6);
	cr_expect_str_eq(csv_cell(&boots, 2, "extra"), "dbm=1", "unknown boot keys are kept in extra");
	cr_expect_str_neq(csv_cell(&runs, 0, "run_id"), csv_cell(&runs, 1, "run_id"));
}

Test(parse, reparsing_the_same_log_adds_nothing)
{
	char *dir = make_tmpdir("parse-idem"), *out;
	struct csv_rows runs, boots;
	cr_assert_eq(parse_logs(dir, DATA "/two-runs.log", NULL, &out), 0);
	cr_assert_eq(parse_logs(dir, DATA "/two-runs.log", NULL, &out), 0);
	cr_expect(strstr(out, "0 runs written") && strstr(out, "2 already there"), "%s", out);
	load_csv(dir, "runs.csv", &runs);
	load_csv(dir, "boots.csv", &boots);
	cr_expect_eq(runs.nrows, 2);
	cr_expect_eq(boots.nrows, 6);
}

Test(parse, bad_crc_truncated_and_malformed_lines_are_counted_not_accepted)
{
	char *dir = make_tmpdir("parse-corrupt"), *out;
	struct csv_rows runs, boots, faults;
	cr_assert_eq(parse_logs(dir, DATA "/corrupt.log", NULL, &out), 0, "%s", out);
	cr_expect(strstr(out, "1 bad CRC, 1 truncated, 1 malformed"), "%s", out);
	load_csv(dir, "runs.csv", &runs);
	load_csv(dir, "boots.csv", &boots);
	load_csv(dir, "faults.csv", &faults);
	cr_expect_str_eq(csv_cell(&runs, 0, "bad_crc"), "3", "bad CRC + truncated + malformed");
	cr_expect_eq(boots.nrows, 2, "the truncated boot 0 record is not a row");
	cr_expect_eq(faults.nrows, 2, "the fault record with a bad CRC is not a row");
	cr_expect_str_eq(csv_cell(&boots, 0, "idx"), "1");
}

Test(parse, unknown_major_version_is_refused_with_a_message)
{
	char *dir = make_tmpdir("parse-proto2"), *out;
	struct csv_rows runs, boots;
	cr_expect_neq(parse_logs(dir, DATA "/proto2.log", NULL, &out), 0);
	cr_expect(strstr(out, "protocol version 2.0 is not supported"), "%s", out);
	load_csv(dir, "runs.csv", &runs);
	load_csv(dir, "boots.csv", &boots);
	cr_expect_eq(runs.nrows, 0);
	cr_expect_eq(boots.nrows, 0);
}

Test(parse, statuses_from_records)
{
	char *dir = make_tmpdir("parse-status"), *out;
	struct csv_rows runs;
	const char *logs[] = { "check-fail.log", "crash.log", "qemu-a72-fwb-unsupported.log",
			       "qemu-bad-guest.log" };
	const char *want[] = { "check_failed", "crash", "unsupported", "error" };
	for (int i = 0; i < 4; i++) {
		char path[256];
		snprintf(path, sizeof(path), DATA "/%s", logs[i]);
		cr_assert_eq(parse_logs(dir, path, NULL, &out), 0, "%s", out);
	}
	load_csv(dir, "runs.csv", &runs);
	cr_assert_eq(runs.nrows, 4);
	for (int i = 0; i < 4; i++)
		cr_expect_str_eq(csv_cell(&runs, (size_t)i, "status"), want[i], "%s", logs[i]);
	cr_expect_str_eq(csv_cell(&runs, 0, "error"), "guest_check:stale_data");
	cr_expect_str_eq(csv_cell(&runs, 2, "error"), "unsupported:needs_FEAT_S2FWB");
	cr_expect_str_eq(csv_cell(&runs, 3, "strategy"), "", "no cfg record: config unknown, not guessed");
}

Test(parse, missing_log_is_one_line_and_writes_nothing)
{
	char *dir = make_tmpdir("parse-missing"), *out, path[512];
	cr_expect_eq(parse_logs(dir, DATA "/two-runs.log", DATA "/no-such.log", &out), 1);
	cr_expect(strstr(out, "no-such.log: No such file or directory"), "%s", out);
	cr_expect_eq(strchr(out, '\n'), out + strlen(out) - 1, "one line: %s", out);
	snprintf(path, sizeof(path), "%s/runs.csv", dir);
	cr_expect_null(read_text(path));
}

/* Values that need quoting survive a write with csv_write_row and a read with libcsv. */
Test(csv, round_trip_through_libcsv)
{
	const char *cells[] = { "plain", "a,b", "say \"hi\"", NULL, " lead", "x;y=z" };
	char *dir = make_tmpdir("csv-rt"), path[512];
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	FILE *f = fopen(path, "w");
	const char *hdr[] = { "c0", "c1", "c2", "c3", "c4", "c5" };
	csv_write_row(f, hdr, 6);
	csv_write_row(f, cells, 6);
	fclose(f);
	struct csv_rows t;
	cr_assert_eq(load_csv(dir, "t.csv", &t), 0);
	cr_assert_eq(t.nrows, 1);
	cr_expect_eq(t.bad_rows, 0);
	for (int i = 0; i < 6; i++)
		cr_expect_str_eq(t.cell[0][i], cells[i] ? cells[i] : "", "cell %d", i);
	char *text = read_text(path);
	cr_expect(strstr(text, "\nplain,\"a,b\""), "plain cells stay unquoted: %s", text);
}

Test(csv, headers_follow_protocol_md)
{
	cr_expect_eq(table_schema[TAB_RUNS].ncols, 26);
	cr_expect_eq(table_schema[TAB_BOOTS].ncols, 20);
	cr_expect_eq(table_schema[TAB_FAULTS].ncols, 8);
	cr_expect_eq(table_schema[TAB_METRICS].ncols, 5);
	cr_expect_eq(table_col(TAB_FAULTS, "extra"), 7);
	cr_expect_eq(table_col(TAB_METRICS, "extra"), 4);
	cr_expect_eq(table_col(TAB_BOOTS, "extra"), 19);
}
