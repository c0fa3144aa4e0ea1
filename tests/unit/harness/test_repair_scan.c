/* Opening a result directory checks its tables a chunk at a time (tablerepair.h repair_scan,
 * issue 20): the same decisions and errors as the whole-buffer plan on tables of several chunks
 * whose records (quoted newlines included) straddle the chunks' ends, and an open of a directory
 * whose tables need no repair holds far less than the tables' bytes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "columns.h"
#include "csvout.h"
#include "support.h"
#include "tablerepair.h"

/* Row I of TABLE: run id I (16 hex digits); every 7th row's last cell holds a comma, a quote and
 * a newline, so the record is quoted over two lines. */
static void put_row(FILE *f, enum table_id t, unsigned i)
{
	const char *cells[40];
	char id[17];
	int n = table_schema[t].ncols;
	snprintf(id, sizeof(id), "%016x", i);
	for (int c = 0; c < n; c++)
		cells[c] = c == 0 ? id : c == n - 1 && i % 7 == 0 ? "a, \"b\"\nc" : "12345";
	csv_write_row(f, cells, n);
}

/* TABLE with ROWS rows (as put_row), then TAIL, in memory (*LEN bytes, malloc'd). */
static char *make_table(enum table_id t, unsigned rows, const char *tail, size_t *len)
{
	char *buf;
	FILE *f = open_memstream(&buf, len);
	csv_write_header(f, t);
	for (unsigned i = 0; i < rows; i++)
		put_row(f, t, i);
	fputs(tail, f);
	fclose(f);
	return buf;
}

/* Plans BUF whole and scans it from a file; the two must agree on every count and error. */
static void expect_same(enum table_id t, const char *buf, size_t len, struct id_set *finished)
{
	struct repair_plan whole, scan;
	struct id_set fin_whole = { 0 }, fin_scan = { 0 };
	char err_whole[256] = "", err_scan[256] = "";
	if (t != TAB_RUNS) /* only runs.csv fills the set; the others read it */
		fin_whole = fin_scan = *finished;
	int rc_whole = repair_plan(t, buf, len, &fin_whole, &whole, err_whole, sizeof(err_whole));
	FILE *f = fmemopen((void *)buf, len, "rb");
	cr_assert_not_null(f);
	int rc_scan = repair_scan(t, f, REPAIR_SCAN_CHUNK, &fin_scan, &scan, err_scan,
				  sizeof(err_scan));
	fclose(f);
	cr_assert_eq(rc_scan, rc_whole, "%s / %s", err_scan, err_whole);
	cr_expect_str_eq(err_scan, err_whole);
	if (rc_whole)
		return;
	cr_expect_eq(len > (3u << 20), 1, "the table spans several chunks");
	for (int r = 0; r < REPAIR_REASONS; r++) {
		cr_expect_eq(scan.count[r], whole.count[r], "%s", repair_reason_name[r]);
		cr_expect_eq(scan.bytes[r], whole.bytes[r], "%s", repair_reason_name[r]);
	}
	cr_expect_eq(scan.nrec, 0, "a scan keeps no record");
	if (t == TAB_RUNS) {
		cr_expect_eq(fin_scan.count, fin_whole.count);
		*finished = fin_scan;
		id_set_free(&fin_whole);
	}
	repair_plan_free(&whole);
	repair_plan_free(&scan);
}

Test(repair_scan, runs_table_of_many_chunks_with_a_torn_tail)
{
	size_t len;
	struct id_set finished = { 0 };
	char *buf = make_table(TAB_RUNS, 40000, "0000000000000001,cut", &len); /* a duplicate, torn */
	expect_same(TAB_RUNS, buf, len, &finished);
	cr_expect_eq(finished.count + (size_t)finished.has_zero, 40000);
	free(buf);
	id_set_free(&finished);
}

Test(repair_scan, orphans_past_the_first_chunk_are_counted)
{
	size_t len;
	struct id_set finished = { 0 };
	char *runs = make_table(TAB_RUNS, 30000, "", &len);
	expect_same(TAB_RUNS, runs, len, &finished);
	char *boots = make_table(TAB_BOOTS, 60000, "", &len); /* rows 30000.. have no run */
	expect_same(TAB_BOOTS, boots, len, &finished);
	free(runs);
	free(boots);
	id_set_free(&finished);
}

Test(repair_scan, an_error_far_in_the_table_gives_the_same_line)
{
	size_t len;
	struct id_set finished = { 0 };
	char *buf = make_table(TAB_RUNS, 40000, "0000000000000001,\"a\"b\n", &len); /* not CSV */
	expect_same(TAB_RUNS, buf, len, &finished);
	free(buf);
	id_set_free(&finished);
}

/* The point of the scan: opening DIR (what a resume does first) reads ~50 MB of tables that need
 * no repair while holding a few MB. Before, the open read each table whole. */
Test(repair_scan, opening_a_large_directory_holds_a_chunk_not_the_tables)
{
	char *dir = make_tmpdir("repair-scan-rss"), path[600], *out;
	const unsigned runs = 100000;
	for (int t = 0; t < TAB_COUNT; t++) {
		snprintf(path, sizeof(path), "%s/%s", dir, table_schema[t].file);
		FILE *f = fopen(path, "w");
		cr_assert_not_null(f);
		csv_write_header(f, t);
		for (unsigned i = 0; i < runs && (t == TAB_RUNS || t == TAB_BOOTS); i++)
			for (int copy = 0; copy < (t == TAB_BOOTS ? 3 : 1); copy++)
				put_row(f, t, i);
		cr_assert_eq(fclose(f), 0);
	}
	char *args[] = { "parse", "/dev/null", "--out", dir, NULL };
	cr_assert_eq(run_s2bench(args, NULL, &out), 0, "%s", out);
	cr_expect(!strstr(out, "set aside"), "nothing to repair: %s", out);
	struct rusage ru;
	cr_assert_eq(getrusage(RUSAGE_CHILDREN, &ru), 0);
	snprintf(path, sizeof(path), "%s/boots.csv", dir);
	FILE *f = fopen(path, "r");
	fseek(f, 0, SEEK_END);
	long boots_bytes = ftell(f);
	fclose(f);
	cr_assert_gt(boots_bytes, 32l << 20, "the test's table is large: %ld bytes", boots_bytes);
	/* the id set of 100,000 runs (a few MB) and one chunk, not the tables */
	cr_expect_lt(ru.ru_maxrss, 24 << 10, "max RSS %ld KB", ru.ru_maxrss);
	fprintf(stderr, "repair_scan: opening %ld bytes of boots.csv: max RSS %ld KB\n", boots_bytes,
		ru.ru_maxrss);
}
