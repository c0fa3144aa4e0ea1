/* The text `parse` puts together by hand for speed (harness/strput.c, run ids, a cfg record's
 * fields, number checks, rows copied under their run id): each writes what the printf or the
 * record_get it replaced did, edge cases included. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logsplit.h"
#include "protocol.h"
#include "runconfig.h"
#include "strput.h"

static const uint64_t edge_numbers[] = {
	0, 1, 9, 10, 99, 100, 4096, 67108864, 1000000000000000000ull, 9999999999999999999ull,
	10000000000000000000ull, UINT64_MAX,
};
#define N_EDGES (sizeof(edge_numbers) / sizeof(edge_numbers[0]))

Test(strput, numbers_as_printf_writes_them)
{
	for (size_t i = 0; i < N_EDGES; i++) {
		char want[32], got[21], hex[17];
		snprintf(want, sizeof(want), "%" PRIu64, edge_numbers[i]);
		cr_expect_str_eq(str_u64(got, edge_numbers[i]), want);
		snprintf(want, sizeof(want), "%016" PRIx64, edge_numbers[i]);
		str_hex16(hex, edge_numbers[i]);
		cr_expect_str_eq(hex, want);
	}
}

Test(strput, copy_cuts_as_snprintf_does)
{
	const char *src[] = { "", "ab", "abc", "abcd", "abcdefgh", NULL };
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		char got[4], want[4];
		snprintf(want, sizeof(want), "%s", src[i] ? src[i] : "");
		memset(got, 'x', sizeof(got));
		str_copy(got, sizeof(got), src[i]);
		cr_expect_str_eq(got, want, "'%s'", src[i] ? src[i] : "(null)");
	}
}

Test(strput, str_eq_is_strcmp_equality)
{
	const char *pairs[][2] = { { "", "" }, { "a", "" }, { "", "a" }, { "ab", "abc" },
				   { "abc", "ab" }, { "abc", "abc" }, { "abc", "abd" } };
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		cr_expect_eq(str_eq(pairs[i][0], pairs[i][1]), strcmp(pairs[i][0], pairs[i][1]) == 0,
			     "'%s' '%s'", pairs[i][0], pairs[i][1]);
}

/* The run id as run_config_id computed it with one snprintf of the canonical text: ids are
 * stored in result directories, so the hand-built text must hash to the same id. */
static void id_by_snprintf(const struct run_config *c, char id[RUN_ID_LEN + 1])
{
	char frac[24], vcpus[32] = "", text[512];
	uint64_t t = c->frac_tenths;

	if (t % 10)
		snprintf(frac, sizeof(frac), "%" PRIu64 ".%" PRIu64, t / 10, t % 10);
	else
		snprintf(frac, sizeof(frac), "%" PRIu64, t / 10);
	if (c->vcpus > 1)
		snprintf(vcpus, sizeof(vcpus), " vcpus=%" PRIu64, c->vcpus);
	int n = snprintf(text, sizeof(text),
			 "board=%s strategy=%s guest=%s mem=%" PRIu64 " boots=%" PRIu64
			 " block=%s map=%s icache=%s frac=%s stride=%" PRIu64 " write=%" PRIu64
			 " order=%s seed=%" PRIu64 " trace=%s rep=%u%s%s",
			 c->board, c->strategy, c->guest, c->mem, c->boots, c->block, c->map,
			 c->icache, frac, c->stride, c->write, c->order, c->seed, c->trace, c->copy,
			 strcmp(c->oracle, "on") == 0 ? " oracle=on" : "", vcpus);
	hash_id(text, (size_t)n, id);
}

static void expect_same_id(const struct run_config *c, const char *what)
{
	char got[RUN_ID_LEN + 1], want[RUN_ID_LEN + 1];
	run_config_id(c, got);
	id_by_snprintf(c, want);
	cr_expect_str_eq(got, want, "%s", what);
}

Test(runconfig, id_is_the_hash_of_the_canonical_text)
{
	struct run_config c;
	run_config_defaults(&c);
	snprintf(c.board, sizeof(c.board), "qemu-virt");
	expect_same_id(&c, "defaults");

	const uint64_t tenths[] = { 0, 5, 10, 125, 500, 1000 };
	for (size_t i = 0; i < sizeof(tenths) / sizeof(tenths[0]); i++) {
		c.frac_tenths = tenths[i];
		expect_same_id(&c, "frac");
	}
	const uint64_t vcpus[] = { 0, 1, 2, 64 };
	for (size_t i = 0; i < sizeof(vcpus) / sizeof(vcpus[0]); i++) {
		c.vcpus = vcpus[i];
		expect_same_id(&c, "vcpus");
	}
	snprintf(c.oracle, sizeof(c.oracle), "on");
	expect_same_id(&c, "oracle on, vcpus 64");
	for (size_t i = 0; i < N_EDGES; i++) { /* every number at its widest */
		c.mem = c.boots = c.stride = c.write = c.seed = edge_numbers[i];
		c.copy = (unsigned)edge_numbers[i];
		expect_same_id(&c, "numbers");
	}
	memset(c.board, 'b', sizeof(c.board) - 1); /* every word at its longest */
	memset(c.strategy, 's', sizeof(c.strategy) - 1);
	memset(c.guest, 'g', sizeof(c.guest) - 1);
	snprintf(c.map, sizeof(c.map), "ondemand");
	expect_same_id(&c, "long words");
}

static struct record cfg_record(const char *const *kv, int n)
{
	struct record rec = { .kind = "cfg", .nkv = n / 2 };
	for (int i = 0; i < n / 2; i++) {
		rec.kv[i].key = kv[2 * i];
		rec.kv[i].val = kv[2 * i + 1];
	}
	return rec;
}

Test(runconfig, cfg_record_sets_its_fields_whatever_their_order)
{
	const char *kv[] = { "seed", "7", "strategy", "clean", "frac", "12.5", "x_unknown", "1",
			     "mem", "64M", "guest", "a_guest_name_longer_than_its_field_of_32",
			     "vcpus", "2", "trace", "faults" };
	struct record rec = cfg_record(kv, sizeof(kv) / sizeof(kv[0]));
	struct run_config c;
	run_config_defaults(&c);
	struct run_config before = c;

	cr_assert_eq(run_config_from_record(&c, &rec), 0);
	cr_expect_eq(c.seed, 7);
	cr_expect_str_eq(c.strategy, "clean");
	cr_expect_eq(c.frac_tenths, 125);
	cr_expect_eq(c.mem, 64ull << 20);
	cr_expect_str_eq(c.guest, "a_guest_name_longer_than_its_fi", "cut as snprintf cuts");
	cr_expect_eq(c.vcpus, 2);
	cr_expect_str_eq(c.trace, "faults");
	cr_expect_eq(c.boots, before.boots, "absent keys keep their values");
	cr_expect_eq(c.stride, before.stride);
	cr_expect_str_eq(c.order, before.order);
}

Test(runconfig, cfg_record_with_a_bad_number_fails)
{
	const char *bad[][2] = { { "mem", "lots" }, { "frac", "1.25" }, { "seed", "010x" } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *kv[] = { "strategy", "clean", bad[i][0], bad[i][1] };
		struct record rec = cfg_record(kv, 4);
		struct run_config c;
		run_config_defaults(&c);
		cr_expect_eq(run_config_from_record(&c, &rec), -1, "%s=%s", bad[i][0], bad[i][1]);
		cr_expect_str_eq(c.strategy, "clean", "the record's other fields are set");
	}
}

Test(protocol, numbers_fit_in_64_bits_and_are_never_octal)
{
	const char *yes[] = { "0", "7", "9999999999999999999", "10000000000000000000",
			      "18446744073709551615", "0x0", "0xffffffffffffffff", "0x0123456789abcdef" };
	const char *no[] = { "", "00", "010", "18446744073709551616", "18446744073709551620",
			     "99999999999999999999", "100000000000000000000", "1a", "a1", "-1",
			     "0x", "0xABC", "0x10000000000000000", "0x1g", "1 " };
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		cr_expect(proto_is_number(yes[i]), "'%s'", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		cr_expect_not(proto_is_number(no[i]), "'%s'", no[i]);
}

Test(logsplit, rows_get_their_run_id_even_longer_than_a_chunk)
{
	const char *id = "0123456789abcdef";
	size_t long_len = 20000; /* over the 8 KiB the rows are put together in */
	char *rows = malloc(long_len + 16), *want = malloc(long_len + 64), *out = NULL;
	size_t out_len = 0;
	FILE *f = open_memstream(&out, &out_len);

	cr_assert(rows && want && f);
	char *p = stpcpy(rows, ",a\n,"), *w = stpcpy(stpcpy(stpcpy(want, id), ",a\n"), id);
	w = stpcpy(w, ",");
	memset(p, 'x', long_len);
	memset(w, 'x', long_len);
	strcpy(p + long_len, "\n,b"); /* the last row without its newline */
	strcpy(stpcpy(w + long_len, "\n"), id);
	strcat(want, ",b");
	logsplit_copy_rows(rows, strlen(rows), id, f);
	fclose(f);
	cr_expect_eq(out_len, strlen(want));
	cr_expect(out_len == strlen(want) && memcmp(out, want, out_len) == 0);
	free(rows);
	free(want);
	free(out);
}

Test(protocol, enum_values_are_whole_words_of_their_list)
{
	const char *yes[] = { "pass", "fail", "none" }; /* first, middle, last of "pass fail none " */
	const char *no[] = { "pas", "passx", "p", "nonee", "ail", "PASS", "fail_" };
	struct record rec = { .kind = "boot", .nkv = 3 };
	rec.kv[0] = (struct kv){ "idx", "1" };
	rec.kv[2] = (struct kv){ "exit", "reset" };
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		rec.kv[1] = (struct kv){ "check", yes[i] };
		cr_expect_null(proto_check_record(&rec), "check=%s", yes[i]);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		rec.kv[1] = (struct kv){ "check", no[i] };
		const char *bad = proto_check_record(&rec);
		cr_expect(bad && strcmp(bad, "check") == 0, "check=%s", no[i]);
	}
}
