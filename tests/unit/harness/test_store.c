/* The result store's open/repair: records read with libcsv (a quoted field may hold newlines),
 * what a repair removes is set aside in DIR/set-aside/ and reported, a file that is not ours is
 * refused untouched, and run ids are parsed strictly. Uses only the store's original API so the
 * same tests run against the line-based repair they replace. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvout.h"
#include "store.h"
#include "support.h"

#define ID_A "0123456789abcdef"
#define ID_B "fedcba9876543210"
#define ID_F "ffffffffffffffff"

/* A row of TABLE: run id first, CELL at column COL (if any), the rest plain numbers. */
static void put_row(FILE *f, enum table_id t, const char *id, int col, const char *cell)
{
	const char *cells[40];
	int n = table_schema[t].ncols;
	for (int i = 0; i < n; i++)
		cells[i] = i == 0 ? id : i == col ? cell : "1";
	csv_write_row(f, cells, n);
}

static char *table_path(const char *dir, enum table_id t)
{
	char *p;
	if (asprintf(&p, "%s/%s", dir, table_schema[t].file) < 0)
		abort();
	return p;
}

/* Starts TABLE in DIR with its header; returns the open file to add rows to. */
static FILE *new_table(const char *dir, enum table_id t)
{
	char *p = table_path(dir, t);
	FILE *f = fopen(p, "w");
	cr_assert(f, "%s", p);
	csv_write_header(f, t);
	free(p);
	return f;
}

/* store_open with stderr captured into *MSG (the error line appended on failure). */
static int open_captured(struct store *st, const char *dir, char **msg)
{
	char path[700], err[512] = "";
	snprintf(path, sizeof(path), "%s.stderr", dir);
	fflush(stderr);
	int saved = dup(2), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 2);
	close(fd);
	int rc = store_open(st, dir, err, sizeof(err));
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	char *text = read_text(path);
	if (asprintf(msg, "%s%s", text ? text : "", err) < 0)
		abort();
	free(text);
	return rc;
}

/* Names of DIR/set-aside/ files ending in -FILE; returns how many (first one in NAME). */
static int set_aside_files(const char *dir, const char *file, char *name, size_t len)
{
	char sdir[700], suffix[64];
	snprintf(sdir, sizeof(sdir), "%s/set-aside", dir);
	snprintf(suffix, sizeof(suffix), "-%s", file);
	DIR *d = opendir(sdir);
	int n = 0;
	if (!d)
		return 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t l = strlen(e->d_name), s = strlen(suffix);
		if (l > s && !strcmp(e->d_name + l - s, suffix) && n++ == 0)
			snprintf(name, len, "%s", e->d_name);
	}
	closedir(d);
	return n;
}

/* The set-aside records of FILE (one set-aside file expected). */
static void load_set_aside(const char *dir, const char *file, struct csv_rows *rows)
{
	char name[256], sdir[700];
	cr_assert_eq(set_aside_files(dir, file, name, sizeof(name)), 1, "one set-aside %s", file);
	snprintf(sdir, sizeof(sdir), "%s/set-aside", dir);
	cr_assert_eq(load_csv(sdir, name, rows), 0);
	cr_assert_eq(rows->bad_rows, 0);
}

Test(store, quoted_fields_with_newlines_commas_quotes_survive_open)
{
	char *dir = make_tmpdir("store-multiline"), *msg;
	FILE *f = new_table(dir, TAB_RUNS);
	put_row(f, TAB_RUNS, ID_A, table_col(TAB_RUNS, "suite"), "two\nlines, \"quoted\"");
	put_row(f, TAB_RUNS, ID_B, table_col(TAB_RUNS, "error"), "lava:\r\nescaped");
	fclose(f);
	f = new_table(dir, TAB_BOOTS);
	put_row(f, TAB_BOOTS, ID_A, table_col(TAB_BOOTS, "extra"), "msg=a\nb;x=\"1,2\"");
	put_row(f, TAB_BOOTS, ID_B, -1, NULL);
	fclose(f);
	char *runs_path = table_path(dir, TAB_RUNS), *boots_path = table_path(dir, TAB_BOOTS);
	char *runs_before = read_text(runs_path), *boots_before = read_text(boots_path);

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	cr_expect(store_is_finished(&st, ID_A), "the run with a multi-line suite is finished");
	cr_expect(store_is_finished(&st, ID_B));
	cr_expect_eq(st.repaired_rows, 0);
	store_close(&st);
	cr_expect_str_eq(msg, "", "no repair, no message");
	cr_expect_str_eq(read_text(runs_path), runs_before, "runs.csv untouched");
	cr_expect_str_eq(read_text(boots_path), boots_before, "boots.csv untouched");
	char name[256];
	cr_expect_eq(set_aside_files(dir, "runs.csv", name, sizeof(name)), 0);
	cr_expect_eq(set_aside_files(dir, "boots.csv", name, sizeof(name)), 0);
}

Test(store, crlf_tables_survive_open)
{
	char *dir = make_tmpdir("store-crlf"), *msg, path[700];
	char runs[2048] = "", boots[2048] = "";
	strcat(runs, "run_id");
	for (int i = 1; i < table_schema[TAB_RUNS].ncols; i++)
		strcat(strcat(runs, ","), table_schema[TAB_RUNS].cols[i]);
	strcat(runs, "\r\n" ID_A);
	for (int i = 1; i < table_schema[TAB_RUNS].ncols; i++)
		strcat(runs, ",\"x\r\ny\"");
	strcat(runs, "\r\n");
	strcat(boots, "run_id");
	for (int i = 1; i < table_schema[TAB_BOOTS].ncols; i++)
		strcat(strcat(boots, ","), table_schema[TAB_BOOTS].cols[i]);
	strcat(boots, "\r\n" ID_A);
	for (int i = 1; i < table_schema[TAB_BOOTS].ncols; i++)
		strcat(boots, ",2");
	strcat(boots, "\r\n");
	snprintf(path, sizeof(path), "%s/runs.csv", dir);
	write_text(path, runs);
	snprintf(path, sizeof(path), "%s/boots.csv", dir);
	write_text(path, boots);

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	cr_expect(store_is_finished(&st, ID_A));
	store_close(&st);
	cr_expect_str_eq(msg, "");
	cr_expect_str_eq(read_text(path), boots, "the CRLF boot row is kept");
}

Test(store, torn_last_record_is_set_aside_and_reported)
{
	char *dir = make_tmpdir("store-torn"), *msg;
	FILE *f = new_table(dir, TAB_RUNS);
	put_row(f, TAB_RUNS, ID_A, -1, NULL);
	fputs(ID_B ",\"cut inside\na quoted field", f); /* killed mid-append */
	fclose(f);
	f = new_table(dir, TAB_BOOTS);
	put_row(f, TAB_BOOTS, ID_A, -1, NULL);
	fputs(ID_A ",2,3", f); /* no end of record */
	fclose(f);

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	cr_expect(store_is_finished(&st, ID_A));
	cr_expect_not(store_is_finished(&st, ID_B));
	cr_expect_eq(st.repaired_rows, 2);
	store_close(&st);
	cr_expect(strstr(msg, "runs.csv: set aside 1 of 2 records"), "%s", msg);
	cr_expect(strstr(msg, "1 torn"), "%s", msg);
	cr_expect(strstr(msg, "/set-aside/"), "says where: %s", msg);

	struct csv_rows runs, aside;
	load_csv(dir, "runs.csv", &runs);
	cr_expect_eq(runs.nrows, 1);
	cr_expect_eq(runs.bad_rows, 0);
	load_set_aside(dir, "runs.csv", &aside);
	cr_assert_eq(aside.nrows, 1);
	cr_expect_str_eq(csv_cell(&aside, 0, "reason"), "torn");
	cr_expect_str_eq(csv_cell(&aside, 0, "line"), "3");
	cr_expect_str_eq(csv_cell(&aside, 0, "record"), ID_B ",\"cut inside\na quoted field",
			 "the exact bytes");
	free_csv(&aside);
	load_set_aside(dir, "boots.csv", &aside);
	cr_assert_eq(aside.nrows, 1);
	cr_expect_str_eq(csv_cell(&aside, 0, "record"), ID_A ",2,3");
}

Test(store, orphan_rows_are_set_aside_with_their_run_id_and_reported)
{
	char *dir = make_tmpdir("store-orphan"), *msg;
	FILE *f = new_table(dir, TAB_RUNS);
	put_row(f, TAB_RUNS, ID_A, -1, NULL);
	fclose(f);
	f = new_table(dir, TAB_BOOTS);
	put_row(f, TAB_BOOTS, ID_B, -1, NULL); /* e.g. boots of a run named only by its log */
	put_row(f, TAB_BOOTS, ID_A, -1, NULL);
	put_row(f, TAB_BOOTS, ID_B, table_col(TAB_BOOTS, "extra"), "k=multi\nline");
	fclose(f);
	f = new_table(dir, TAB_METRICS);
	put_row(f, TAB_METRICS, ID_B, -1, NULL);
	fclose(f);

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	cr_expect_eq(st.repaired_rows, 3);
	store_close(&st);
	cr_expect(strstr(msg, "boots.csv: set aside 2 of 3 records"), "%s", msg);
	cr_expect(strstr(msg, "2 orphaned"), "%s", msg);
	cr_expect(strstr(msg, "metrics.csv: set aside 1 of 1 records"), "%s", msg);

	struct csv_rows boots, aside;
	load_csv(dir, "boots.csv", &boots);
	cr_assert_eq(boots.nrows, 1);
	cr_expect_str_eq(boots.cell[0][0], ID_A);
	load_set_aside(dir, "boots.csv", &aside);
	cr_assert_eq(aside.nrows, 2);
	for (size_t i = 0; i < 2; i++) {
		cr_expect_str_eq(csv_cell(&aside, i, "reason"), "orphan");
		cr_expect_str_eq(csv_cell(&aside, i, "run_id"), ID_B);
	}
	cr_expect_str_eq(csv_cell(&aside, 0, "line"), "2");
	cr_expect_str_eq(csv_cell(&aside, 1, "line"), "4");
	cr_expect(strstr(csv_cell(&aside, 1, "record"), "\"k=multi\nline\""), "the multi-line row whole");
}

Test(store, duplicate_run_rows_are_set_aside)
{
	char *dir = make_tmpdir("store-dup"), *msg;
	FILE *f = new_table(dir, TAB_RUNS);
	put_row(f, TAB_RUNS, ID_A, -1, NULL);
	put_row(f, TAB_RUNS, ID_A, table_col(TAB_RUNS, "status"), "crash");
	fclose(f);

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	store_close(&st);
	cr_expect(strstr(msg, "1 duplicate"), "%s", msg);
	struct csv_rows aside;
	load_set_aside(dir, "runs.csv", &aside);
	cr_assert_eq(aside.nrows, 1);
	cr_expect(strstr(csv_cell(&aside, 0, "record"), ",crash,"), "the second row is the one set aside");
}

Test(store, a_second_repair_never_overwrites_the_first_set_aside_file)
{
	char *dir = make_tmpdir("store-twice"), *msg, *runs_path = table_path(dir, TAB_RUNS);
	char name[256];
	struct store st;
	for (int round = 0; round < 2; round++) {
		FILE *f = round ? fopen(runs_path, "a") : new_table(dir, TAB_RUNS);
		fprintf(f, "%s,torn", round ? ID_B : ID_A);
		fclose(f);
		cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
		store_close(&st);
	}
	cr_expect_eq(set_aside_files(dir, "runs.csv", name, sizeof(name)), 2, "one file per repair");
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	store_close(&st);
	cr_expect_str_eq(msg, "", "a repaired directory needs no repair");
	cr_expect_eq(set_aside_files(dir, "runs.csv", name, sizeof(name)), 2);
}

/* Not CSV in the middle of a table, or not our header: refuse, change nothing. */
Test(store, a_table_that_is_not_ours_is_refused_untouched)
{
	char *dir = make_tmpdir("store-refuse"), *msg, *runs_path = table_path(dir, TAB_RUNS);
	FILE *f = new_table(dir, TAB_RUNS);
	put_row(f, TAB_RUNS, ID_A, table_col(TAB_RUNS, "suite"), "ok");
	fputs(ID_B ",a\"b", f); /* a stray quote: where would this record end? */
	for (int i = 2; i < table_schema[TAB_RUNS].ncols; i++)
		fputs(",1", f);
	fputs("\n", f);
	put_row(f, TAB_RUNS, "1111111111111111", -1, NULL);
	fclose(f);
	char *before = read_text(runs_path);
	struct store st;
	cr_expect_eq(open_captured(&st, dir, &msg), -1);
	cr_expect(strstr(msg, "runs.csv: line 3: not CSV"), "%s", msg);
	cr_expect_str_eq(read_text(runs_path), before);

	dir = make_tmpdir("store-header");
	runs_path = table_path(dir, TAB_RUNS);
	f = fopen(runs_path, "w");
	for (int i = 0; i < table_schema[TAB_RUNS].ncols; i++) /* right width, one name wrong */
		fprintf(f, "%s%s", i ? "," : "", i == 5 ? "memory" : table_schema[TAB_RUNS].cols[i]);
	fputs("\n", f);
	put_row(f, TAB_RUNS, ID_A, -1, NULL);
	fclose(f);
	before = read_text(runs_path);
	cr_expect_eq(open_captured(&st, dir, &msg), -1);
	cr_expect(strstr(msg, "line 1: not an s2bench runs.csv header"), "%s", msg);
	cr_expect_str_eq(read_text(runs_path), before);
}

Test(store, ids_that_are_not_run_ids_are_set_aside_not_collided)
{
	char *dir = make_tmpdir("store-badid"), *msg;
	FILE *f = new_table(dir, TAB_RUNS);
	put_row(f, TAB_RUNS, "not-a-run", -1, NULL);
	put_row(f, TAB_RUNS, ID_F, -1, NULL);
	fclose(f);
	f = new_table(dir, TAB_BOOTS);
	put_row(f, TAB_BOOTS, "garbage", -1, NULL); /* strtoull made both of these key 1 */
	put_row(f, TAB_BOOTS, ID_F, -1, NULL);
	fclose(f);

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	cr_expect(store_is_finished(&st, ID_F), "the all-f id is a run id like any other");
	cr_expect_not(store_is_finished(&st, "not-a-run"));
	cr_expect_not(store_is_finished(&st, "other"));
	store_close(&st);
	cr_expect(strstr(msg, "runs.csv: set aside 1 of 2"), "%s", msg);
	cr_expect(strstr(msg, "boots.csv: set aside 1 of 2"), "%s", msg);
	struct csv_rows boots;
	load_csv(dir, "boots.csv", &boots);
	cr_assert_eq(boots.nrows, 1, "the all-f run's boot is kept, the garbage one set aside");
	cr_expect_str_eq(boots.cell[0][0], ID_F);
}

Test(store, id_set_takes_every_16_hex_id_and_no_garbage)
{
	struct id_set s = { 0 };
	id_set_add_id(&s, ID_F);
	id_set_add_id(&s, "0000000000000000");
	cr_expect(id_set_has_id(&s, ID_F));
	cr_expect(id_set_has_id(&s, "0000000000000000"));
	id_set_add_id(&s, "garbage");
	id_set_add_id(&s, "00000000000000ab");
	cr_expect_not(id_set_has_id(&s, "garbage"), "a non-id is never a member");
	cr_expect_not(id_set_has_id(&s, "rubbish"), "two non-ids do not collide");
	cr_expect_not(id_set_has_id(&s, "ab"), "only the canonical 16 digits");
	cr_expect_not(id_set_has_id(&s, "00000000000000AB"));
	cr_expect_not(id_set_has_id(&s, "00000000000000ab0"), "17 digits is not an id");
	cr_expect_not(id_set_has_id(&s, "0x000000000000ab"));
	cr_expect_not(id_set_has_id(&s, " 00000000000000ab"));
	for (unsigned i = 0; i < 5000; i++) { /* growth keeps every member */
		char id[17];
		snprintf(id, sizeof(id), "%016x", i * 4096u);
		id_set_add_id(&s, id);
	}
	for (unsigned i = 0; i < 5000; i++) {
		char id[17];
		snprintf(id, sizeof(id), "%016x", i * 4096u);
		cr_expect(id_set_has_id(&s, id), "%s", id);
		snprintf(id, sizeof(id), "%016x", i * 4096u + 1);
		cr_expect_not(id_set_has_id(&s, id), "%s", id);
	}
	cr_expect(id_set_has_id(&s, ID_F));
	free(s.slots);
}

/* The case end to end: a runs.csv cell holding a newline (written by an older s2bench or a
 * LAVA escape before parse refused control bytes) survives the next open and parse untouched. */
Test(store, parse_over_a_multiline_cell_keeps_the_run)
{
	char *dir = make_tmpdir("store-parse"), *out;
	char *args[] = { "parse", S2B_TEST_DATA "/qemu-unmap-bringup.log", "--out", dir, "--suite",
			 "twolines", NULL };
	cr_assert_eq(run_s2bench(args, NULL, &out), 0, "%s", out);
	char *runs_path = table_path(dir, TAB_RUNS), *boots_path = table_path(dir, TAB_BOOTS);
	char *runs = read_text(runs_path), *cell = strstr(runs, ",twolines,");
	cr_assert(cell, "%s", runs);
	char *multiline = NULL;
	cr_assert(asprintf(&multiline, "%.*s,\"two\nlines\",%s", (int)(cell - runs), runs,
			   cell + strlen(",twolines,")) > 0);
	write_text(runs_path, multiline);
	char *boots_before = read_text(boots_path);
	cr_assert_eq(run_s2bench(args, NULL, &out), 0, "%s", out);
	cr_expect(strstr(out, "0 runs written"), "%s", out);
	cr_expect(strstr(out, "1 already there"), "%s", out);
	cr_expect_not(strstr(out, "set aside"), "%s", out);
	cr_expect_str_eq(read_text(runs_path), multiline);
	cr_expect_str_eq(read_text(boots_path), boots_before);
}

/* Temp files a killed writer left: rows of runs that never committed. Kept aside, not deleted. */
Test(store, stale_temp_files_are_set_aside_and_reported)
{
	char *dir = make_tmpdir("store-tmp"), *msg, path[700];
	snprintf(path, sizeof(path), "%s/tmp", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/tmp/3.boots.csv", dir);
	write_text(path, ID_A ",0,1\n");
	snprintf(path, sizeof(path), "%s/tmp/3.runs.csv", dir);
	write_text(path, "");

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	store_close(&st);
	cr_expect(strstr(msg, "set aside 1 temp files"), "%s", msg);
	cr_expect_eq(access(path, F_OK), -1, "the temp directory is cleared");
	char *kept = NULL, *p = strstr(msg, " into ");
	cr_assert(p, "%s", msg);
	cr_assert(asprintf(&kept, "%.*s3.boots.csv", (int)(strcspn(p + 6, "\n")), p + 6) > 0);
	cr_expect_str_eq(read_text(kept), ID_A ",0,1\n", "%s", kept);
}

/* faults.csv from before its `extra` column: refused untouched, and the message says what to do. */
Test(store, a_table_of_an_older_layout_is_refused_with_the_way_forward)
{
	char *dir = make_tmpdir("store-old-layout"), *msg, *faults_path = table_path(dir, TAB_FAULTS);
	FILE *f = fopen(faults_path, "w");
	int n = table_schema[TAB_FAULTS].ncols;
	cr_assert_str_eq(table_schema[TAB_FAULTS].cols[n - 1], "extra");
	for (int i = 0; i < n - 1; i++)
		fprintf(f, "%s%s", i ? "," : "", table_schema[TAB_FAULTS].cols[i]);
	fputs("\n", f);
	fclose(f);
	char *before = read_text(faults_path);
	struct store st;
	cr_expect_eq(open_captured(&st, dir, &msg), -1);
	cr_expect(strstr(msg, "faults.csv has the columns of an older s2bench"), "%s", msg);
	cr_expect(strstr(msg, "into a new directory"), "%s", msg);
	cr_expect_str_eq(read_text(faults_path), before);
}

/* Entries of DIR/tmp (issue 20: temp files are reused, not created and deleted per run). */
static int tmp_entries(const char *dir)
{
	char path[700];
	snprintf(path, sizeof(path), "%s/tmp", dir);
	DIR *d = opendir(path);
	int n = 0;
	cr_assert(d, "%s", path);
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

Test(store, temp_files_are_reused_run_after_run_and_removed_at_close)
{
	char *dir = make_tmpdir("store-reuse"), err[512], first[700];
	struct store st;
	struct pending p;
	cr_assert_eq(store_open(&st, dir, err, sizeof(err)), 0, "%s", err);
	for (int run = 0; run < 3; run++) {
		cr_assert_eq(store_begin(&st, &p, err, sizeof(err)), 0, "%s", err);
		if (run == 0)
			snprintf(first, sizeof(first), "%s", p.path[TAB_RUNS]);
		cr_expect_str_eq(p.path[TAB_RUNS], first, "run %d writes the first run's temp file", run);
		cr_expect_eq(ftell(p.f[TAB_RUNS]), 0, "run %d starts on an emptied file", run);
		put_row(p.f[TAB_RUNS], TAB_RUNS, run == 1 ? ID_B : ID_A, -1, NULL);
		if (run == 2)
			store_abort(&st, &p); /* an interrupted run empties it too */
		else
			cr_assert_eq(store_commit(&st, &p, run == 1 ? ID_B : ID_A, err, sizeof(err)), 0,
				     "%s", err);
		cr_expect_eq(tmp_entries(dir), TAB_COUNT, "one set of temp files, after run %d", run);
	}
	store_close(&st);
	cr_expect_eq(tmp_entries(dir), 0, "closing removes the temp files");
}

/* A run whose board never started (error start_failed: a serial board's --reset-cmd failed) has
 * no result: its row is set aside as not_started and the run is not finished, so it is redone;
 * a crash with any other error stays finished. */
Test(store, start_failed_rows_are_set_aside_and_redone)
{
	char *dir = make_tmpdir("store-not-started"), *msg;
	FILE *f = new_table(dir, TAB_RUNS);
	put_row(f, TAB_RUNS, ID_A, table_col(TAB_RUNS, "error"), "start_failed");
	put_row(f, TAB_RUNS, ID_B, table_col(TAB_RUNS, "error"), "no_done_record_exit_1");
	fclose(f);

	struct store st;
	cr_assert_eq(open_captured(&st, dir, &msg), 0, "%s", msg);
	cr_expect_not(store_is_finished(&st, ID_A), "a run that never started is redone");
	cr_expect(store_is_finished(&st, ID_B), "a crash is a result");
	cr_expect_eq(st.repaired_rows, 1);
	store_close(&st);
	cr_expect(strstr(msg, "1 of runs whose board never started"), "%s", msg);
	struct csv_rows aside, runs;
	load_set_aside(dir, "runs.csv", &aside);
	cr_assert_eq(aside.nrows, 1);
	cr_expect_str_eq(csv_cell(&aside, 0, "reason"), "not_started");
	cr_expect_str_eq(csv_cell(&aside, 0, "run_id"), ID_A);
	cr_assert_eq(load_csv(dir, "runs.csv", &runs), 0);
	cr_assert_eq(runs.nrows, 1);
	cr_expect_str_eq(runs.cell[0][0], ID_B);
}
