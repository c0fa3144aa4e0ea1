/* Log packs (harness/logpack.h): a packed run's log is found again by log_open with or without a
 * loaded index; a run's own DIR/logs/RUN_ID.log comes first; of two entries for one run the later
 * pack's wins; a torn index line and an entry past the pack's end find nothing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "idset.h"
#include "logpack.h"
#include "support.h"

#define ID_A "0123456789abcdef"
#define ID_B "fedcba9876543210"

static uint64_t id_of(const char *run_id)
{
	uint64_t id;
	cr_assert_eq(run_id_parse(run_id, strlen(run_id), &id), 0);
	return id;
}

/* A result directory's logs/ with one pack holding TEXT_A for ID_A and TEXT_B for ID_B. */
static char *dir_with_pack(const char *name, const char *text_a, const char *text_b)
{
	char *dir = make_tmpdir(name), logs[600], err[256];
	struct logpack p;
	snprintf(logs, sizeof(logs), "%s/logs", dir);
	cr_assert_eq(mkdir(logs, 0755), 0);
	cr_assert_eq(logpack_create(&p, dir, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(logpack_add(&p, id_of(ID_A), text_a, strlen(text_a)), 0);
	cr_assert_eq(logpack_add(&p, id_of(ID_B), text_b, strlen(text_b)), 0);
	cr_assert_eq(logpack_sync(&p, err, sizeof(err)), 0, "%s", err);
	logpack_close(&p);
	return dir;
}

/* The whole log of RUN_ID in DIR ("" when it has none), malloc'd. */
static char *read_log(const char *dir, const char *run_id, const struct log_index *ix)
{
	FILE *f = log_open(dir, run_id, ix);
	char *text = calloc(1, 4096);
	if (f) {
		size_t n = fread(text, 1, 4095, f);
		text[n] = '\0';
		fclose(f);
	}
	return text;
}

Test(logpack, packed_logs_are_found_with_and_without_an_index)
{
	char *dir = dir_with_pack("logpack-found", "run a\n", "run b, longer\n");
	struct log_index ix;
	cr_assert_eq(log_index_load(&ix, dir), 0);
	cr_expect_eq(ix.n, 2);
	cr_expect_str_eq(read_log(dir, ID_A, &ix), "run a\n");
	cr_expect_str_eq(read_log(dir, ID_B, &ix), "run b, longer\n");
	cr_expect_str_eq(read_log(dir, ID_B, NULL), "run b, longer\n");
	cr_expect_null(log_open(dir, "1111111111111111", &ix), "a run with no log");
	cr_expect_null(log_open(dir, "not-an-id", NULL));
	log_index_free(&ix);
}

Test(logpack, own_file_comes_first_and_a_later_pack_wins)
{
	char *dir = dir_with_pack("logpack-order", "old a\n", "old b\n"), path[600], err[256];
	struct logpack p;
	cr_assert_eq(logpack_create(&p, dir, err, sizeof(err)), 0, "%s", err);
	cr_expect(strstr(p.log_path, "pack-000002.log"), "%s: the next free number", p.log_path);
	cr_assert_eq(logpack_add(&p, id_of(ID_A), "new a\n", 6), 0);
	cr_assert_eq(logpack_sync(&p, err, sizeof(err)), 0, "%s", err);
	logpack_close(&p);
	cr_expect_str_eq(read_log(dir, ID_A, NULL), "new a\n");
	cr_expect_str_eq(read_log(dir, ID_B, NULL), "old b\n");
	snprintf(path, sizeof(path), "%s/logs/%s.log", dir, ID_B);
	write_text(path, "own b\n");
	cr_expect_str_eq(read_log(dir, ID_B, NULL), "own b\n", "run's own file (`run`) first");
	struct id_set own = { 0 };
	cr_assert_eq(log_own_files(dir, &own), 0);
	cr_expect(id_set_has_id(&own, ID_B));
	cr_expect(!id_set_has_id(&own, ID_A), "a packed log is not an own file");
	id_set_free(&own);
}

Test(logpack, torn_entry_and_entry_past_the_end_find_nothing)
{
	char *dir = dir_with_pack("logpack-torn", "a\n", "b\n"), path[600];
	/* a killed parse: an entry cut before its newline, and one past what reached the pack */
	snprintf(path, sizeof(path), "%s/logs/pack-000002.idx", dir);
	write_text(path, ID_B " 0 100\n" ID_A " 0 1");
	snprintf(path, sizeof(path), "%s/logs/pack-000002.log", dir);
	write_text(path, "xyz");
	cr_expect_str_eq(read_log(dir, ID_A, NULL), "a\n", "the torn line is no entry");
	cr_expect_null(log_open(dir, ID_B, NULL), "an entry past the pack's end is not a log");
}
