/* Suite files: grammar, errors with file:line:col, matrix expansion, run ids. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "matrix.h"
#include "suite.h"
#include "support.h"
#include "../../../strategies/table.h"

static char err[512];

static size_t expand(const char *text, struct planned_run **runs)
{
	return expand_suite_text(text, runs);
}

static void expect_error(const char *text, const char *want)
{
	struct suite s;
	cr_expect_eq(suite_parse("t.suite", text, &s, err, sizeof(err)), -1, "accepted: %s", text);
	cr_expect(strstr(err, want), "got '%s', want '%s'", err, want);
}

Test(suite, comments_blank_lines_and_defaults)
{
	struct planned_run *r;
	size_t n = expand("# nothing but a comment\n\n   \nstrategy = clean  # trailing\n", &r);
	cr_assert_eq(n, 1);
	cr_expect_str_eq(r[0].cfg.strategy, "clean");
	cr_expect_str_eq(r[0].cfg.guest, "hello");
	cr_expect_eq(r[0].cfg.mem, 64ull << 20);
	cr_expect_str_eq(r[0].cfg.board, "qemu-virt");
}

Test(suite, name_timeout_and_default_name)
{
	struct suite s;
	cr_assert_eq(suite_parse("dir/my.suite", "name = nightly\ntimeout = 30\nboots = 2\n", &s, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(s.name, "nightly");
	cr_expect_eq(s.timeout_s, 30);
	suite_free(&s);
	cr_assert_eq(suite_parse("dir/my.suite", "boots = 2\n", &s, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(s.name, "my");
	cr_expect_eq(s.timeout_s, 120);
	suite_free(&s);
}

Test(suite, errors_name_file_line_and_column)
{
	expect_error("strategy = unmap\nguest = hello nosuch\n", "t.suite:2:15: guest 'nosuch': unknown name");
	expect_error("bogus = 1\n", "t.suite:1:1: unknown key 'bogus'");
	expect_error("  mem 64M\n", "t.suite:1:7: expected '=' after 'mem'");
	expect_error("mem = 5M\n", "t.suite:1:7: mem '5M': not a multiple of 2M");
	expect_error("mem = lots\n", "t.suite:1:7: mem 'lots': not a size");
	expect_error("frac = 101\n", "t.suite:1:8: frac '101': out of range (0..100)");
	expect_error("frac = 12.25\n", "t.suite:1:8: frac '12.25': not a number with at most one decimal");
	expect_error("block = 1g\n", "t.suite:1:9: block '1g': not one of 4k|2m");
	expect_error("strategy =\n", "t.suite:1:11: 'strategy' needs at least one value");
	expect_error("[m\n", "t.suite:1:3: expected ']'");
	expect_error("[m] x\n", "t.suite:1:5: unexpected text after ']'");
	expect_error("[m]\ntimeout = 5\n", "t.suite:2:1: 'timeout' belongs before the first [matrix]");
	expect_error("reps = 0\n", "t.suite:1:8: reps: expected a count");
	expect_error("reps = 2 3\n", "t.suite:1:10: this key takes one value");
	expect_error("guest = hello\nguest = touch\n", "t.suite:2:1: 'guest' is set twice");
}

Test(suite, missing_file_is_one_line)
{
	struct suite s;
	cr_expect_eq(suite_load("/nonexistent/x.suite", &s, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "/nonexistent/x.suite: No such file or directory");
}

Test(matrix, cartesian_product_with_last_key_fastest)
{
	struct planned_run *r;
	size_t n = expand("strategy = unmap clean\nmem = 64M 128M 256M\n", &r);
	cr_assert_eq(n, 6);
	cr_expect_str_eq(r[0].cfg.strategy, "unmap");
	cr_expect_eq(r[0].cfg.mem, 64ull << 20);
	cr_expect_eq(r[1].cfg.mem, 128ull << 20);
	cr_expect_str_eq(r[3].cfg.strategy, "clean");
	cr_expect_eq(r[5].cfg.mem, 256ull << 20);
}

Test(matrix, repetitions_are_the_outer_loop)
{
	struct planned_run *r;
	size_t n = expand("reps = 3\nstrategy = unmap clean\n", &r);
	cr_assert_eq(n, 6);
	unsigned want_rep[] = { 0, 0, 1, 1, 2, 2 };
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(r[i].cfg.rep, want_rep[i], "run %zu", i);
	cr_expect_str_neq(r[0].run_id, r[2].run_id, "repetitions have their own ids");
}

/* rep 0 keeps the suite's seed; rep r >= 1 runs with output r of splitmix64 seeded with it
 * (values from the reference algorithm), in the bootargs the guest gets. */
Test(matrix, each_repetition_gets_its_own_seed)
{
	struct planned_run *r;
	size_t n = expand("reps = 3\nseed = 1\nguest = touch\n", &r);
	cr_assert_eq(n, 3);
	cr_expect_eq(r[0].cfg.seed, 1);
	cr_expect_eq(r[1].cfg.seed, 10451216379200822465ull);
	cr_expect_eq(r[2].cfg.seed, 13757245211066428519ull);
	cr_expect(strstr(r[1].bootargs, " s2b.seed=10451216379200822465 "), "%s", r[1].bootargs);
	for (size_t i = 0; i < n; i++)
		cr_expect_eq(r[i].suite_seed, 1);
	cr_expect_eq(run_rep_seed(0, 1), 16294208416658607535ull, "seed 0 is a seed like any other");
}

/* A tenth of a percent reaches the guest and the id; a whole frac is written as it always was. */
Test(matrix, frac_tenths_in_bootargs_and_ids)
{
	struct planned_run *r;
	size_t n = expand("guest = touch\nfrac = 12.5 12 12.0\n", &r);
	cr_assert_eq(n, 2, "12 and 12.0 are one point");
	cr_expect_eq(r[0].cfg.frac_tenths, 125);
	cr_expect(strstr(r[0].bootargs, " s2b.frac=12.5 "), "%s", r[0].bootargs);
	cr_expect(strstr(r[1].bootargs, " s2b.frac=12 "), "%s", r[1].bootargs);
	cr_expect_str_eq(r[1].run_id, "2e920080ff6d003e", "the id frac=12 had before tenths");
}

/* The id of rep 0 is the one it always had; a rep >= 1 is found by parse without its rep. */
Test(matrix, rep_ids_hash_the_reps_seed_not_the_rep)
{
	struct planned_run *r;
	char legacy[RUN_ID_LEN + 1], id[RUN_ID_LEN + 1];
	size_t n = expand("reps = 2\nseed = 5\n", &r);
	cr_assert_eq(n, 2);
	run_config_legacy_id(&r[0].cfg, 5, legacy);
	cr_expect_str_eq(r[0].run_id, legacy, "rep 0 keeps its old id");
	run_config_legacy_id(&r[1].cfg, 5, legacy);
	cr_expect_str_neq(r[1].run_id, legacy, "rep 1 had another id before");
	struct run_config c = r[1].cfg;
	c.rep = 0; /* what parse knows: the config and the seed from the log's cfg record */
	run_config_id(&c, id);
	cr_expect_str_eq(r[1].run_id, id);
}

Test(matrix, sections_inherit_top_level_and_override_it)
{
	struct planned_run *r;
	size_t n = expand("boots = 7\nguest = touch\n"
			  "[mem]\nstrategy = unmap\nmem = 64M 128M\n"
			  "[frac]\nstrategy = clean\nfrac = 10 90\nguest = hello\nreps = 2\n", &r);
	cr_assert_eq(n, 6);
	cr_expect_eq(r[0].cfg.boots, 7);
	cr_expect_str_eq(r[0].cfg.guest, "touch");
	cr_expect_str_eq(r[2].cfg.guest, "hello");
	cr_expect_eq(r[3].cfg.frac_tenths, 900);
	cr_expect_eq(r[4].cfg.rep, 1, "only [frac] has a second repetition");
}

Test(matrix, identical_points_of_two_sections_run_once)
{
	struct planned_run *r;
	size_t n = expand("[a]\nstrategy = unmap clean\n[b]\nstrategy = clean fwb\n", &r);
	cr_expect_eq(n, 3);
}

Test(matrix, run_ids_are_deterministic_and_config_sensitive)
{
	struct planned_run *a, *b;
	expand("strategy = unmap\nmem = 64M\n", &a);
	expand("mem = 64M\nstrategy = unmap # same config, other order\n", &b);
	cr_expect_str_eq(a[0].run_id, b[0].run_id);
	cr_expect_eq(strlen(a[0].run_id), 16);
	expand("strategy = unmap\nmem = 64M\nseed = 2\n", &b);
	cr_expect_str_neq(a[0].run_id, b[0].run_id);
}

Test(matrix, bootargs_name_every_key)
{
	struct planned_run *r;
	expand("strategy = lazy\nguest = touch\nmem = 128M\nblock = 2m\n", &r);
	cr_expect_str_eq(r[0].bootargs,
			 "s2b.strategy=lazy s2b.guest=touch s2b.mem=134217728 s2b.boots=5 s2b.block=2m "
			 "s2b.map=ondemand s2b.icache=exec s2b.frac=50 s2b.stride=4096 s2b.write=50 "
			 "s2b.order=seq s2b.seed=1 s2b.trace=none");
}

Test(suite, shipped_suites_parse)
{
	struct suite s;
	const char *files[] = { "suites/default.suite", "suites/quick.suite", "suites/smp.suite" };
	for (int i = 0; i < 3; i++) {
		cr_expect_eq(suite_load(files[i], &s, err, sizeof(err)), 0, "%s", err);
		suite_free(&s);
	}
}

/* Item 8: the hypervisor's number syntax, so a suite means what the bootarg would. */
Test(suite, numbers_are_decimal_or_hex_never_octal)
{
	struct planned_run *r;
	cr_assert_eq(expand("boots = 010\n", &r), 1);
	cr_expect_eq(r[0].cfg.boots, 10, "010 is ten, not octal eight");
	cr_assert_eq(expand("boots = 09\nreps = 010\n", &r), 10);
	cr_expect_eq(r[0].cfg.boots, 9);
	cr_assert_eq(expand("stride = 0x2000\nmem = 0x8000000\n", &r), 1);
	cr_expect_eq(r[0].cfg.stride, 0x2000);
	cr_expect_eq(r[0].cfg.mem, 128ull << 20);
	expect_error("boots = 1e3\n", "t.suite:1:9: boots '1e3': not a number");
	expect_error("seed = -1\n", "t.suite:1:8: seed '-1': not a number");
	expect_error("reps = 0x\n", "t.suite:1:8: reps: expected a count");
}

/* Item 9: the count is known before anything is allocated for the runs. */
static char *values(const char *key, int first, int n)
{
	size_t cap = (size_t)n * 12 + 32, len;
	char *t = malloc(cap);
	len = (size_t)snprintf(t, cap, "%s =", key);
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(t + len, cap - len, " %d", first + i);
	snprintf(t + len, cap - len, "\n");
	return t;
}

Test(suite, expansion_over_the_limit_is_refused_with_the_count)
{
	char want[128];
	snprintf(want, sizeof(want), "t.suite: expands to %d runs (points x reps); the limit is %d",
		 2 * SUITE_MAX_RUNS, SUITE_MAX_RUNS);
	char *text;
	cr_assert(asprintf(&text, "reps = %d\nboots = 2 3\n", SUITE_MAX_RUNS) > 0);
	expect_error(text, want);
	free(text);
	char *seed = values("seed", 0, 1000), *boots = values("boots", 1, 1000), *stride = values("stride", 8, 1000);
	cr_assert(asprintf(&text, "%s%s%s", seed, boots, stride) > 0);
	expect_error(text, "t.suite: expands to 1000000000 runs");
	free(text);
	cr_assert(asprintf(&text, "reps = 1000000\n%s%s%s", seed, boots, stride) > 0);
	expect_error(text, "t.suite: expands to 1000000000000000 runs");
	free(text);
	cr_assert(asprintf(&text, "[a]\n%s%s%s[b]\n%s%s%sreps = 1000000\n", seed, boots, stride, seed, boots, stride) > 0);
	snprintf(want, sizeof(want), "runs (points x reps); the limit is %d", SUITE_MAX_RUNS);
	expect_error(text, want);
	free(text);
	free(seed);
	free(boots);
	free(stride);
	seed = values("seed", 0, 10000), boots = values("boots", 1, 10000), stride = values("stride", 8, 10000);
	char *frac = values("frac", 0, 101);
	cr_assert(asprintf(&text, "reps = 1000000\n%s%s%s%s", seed, boots, stride, frac) > 0);
	snprintf(want, sizeof(want), "t.suite: expands to more than 18446744073709551615 runs; the "
		 "limit is %d", SUITE_MAX_RUNS);
	expect_error(text, want);
	free(text);
	free(seed);
	free(boots);
	free(stride);
	free(frac);
}

/* The limit itself (1 M points, 500 k distinct: far past the old 10 k) is accepted and walked in
 * order with identical points merged; what the walk keeps is its id set alone, one slot per 8
 * bytes, at most 4 slots per run given (matrix.h), so memory does not hold the runs. */
Test(suite, the_limit_itself_is_walked_and_identical_points_still_merge, .timeout = 120)
{
	char *seed = values("seed", 0, SUITE_MAX_RUNS / 2), *text, e[512];
	cr_assert(asprintf(&text, "[a]\n%s[b]\n%s", seed, seed) > 0);
	struct suite s;
	cr_assert_eq(suite_parse("t.suite", text, &s, e, sizeof(e)), 0, "%s", e);
	cr_assert_eq(s.nruns, SUITE_MAX_RUNS);
	struct matrix_iter it;
	struct planned_run r;
	size_t n = 0;
	matrix_iter_start(&it, &s, NULL);
	for (; matrix_iter_next(&it, &r); n++)
		cr_assert_eq(r.cfg.seed, n, "first places kept, in order");
	cr_expect_eq(n, SUITE_MAX_RUNS / 2, "every point twice, given once");
	cr_expect_eq(it.seen.count, n);
	cr_expect_leq(it.seen.cap, 4 * n, "the id set is all that grew with the runs");
	matrix_iter_end(&it);
	suite_free(&s);
	free(text);
	free(seed);
	seed = values("seed", 0, SUITE_MAX_RUNS + 1);
	char want[64];
	snprintf(want, sizeof(want), "t.suite: expands to %d runs", SUITE_MAX_RUNS + 1);
	expect_error(seed, want);
	free(seed);
}

Test(matrix, merged_points_keep_their_first_place)
{
	struct planned_run *r;
	size_t n = expand("[a]\nstrategy = unmap clean\n[b]\nstrategy = fwb clean unmap lazy\n", &r);
	cr_assert_eq(n, 4);
	const char *want[] = { "unmap", "clean", "fwb", "lazy" };
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(r[i].cfg.strategy, want[i]);
}

/* Item 10: the hypervisor's limits and the board's hypervisor, not a copy of them. */
Test(suite, values_are_checked_by_the_hypervisors_table)
{
	expect_error("boots = 2000000\n", "t.suite:1:9: boots '2000000': out of range (1..1000000)");
	expect_error("mem = 16383G\n", "t.suite:1:7: mem '16383G': out of range (4M..16G)");
	expect_error("mem = 18G\n", "out of range (4M..16G)");
	expect_error("stride = 2G\n", "t.suite:1:10: stride '2G': out of range (8..1G)");
	expect_error("stride = 4\n", "out of range (8..1G)");
	struct planned_run *r;
	cr_assert_eq(expand("mem = 16G\nstride = 1G\nboots = 1000000\n", &r), 1, "the limits themselves pass");
}

Test(suite, strategies_and_keys_are_checked_against_the_boards_hypervisor)
{
	expect_error("strategy = kvm\n", "t.suite:1:12: strategy 'kvm' cannot run on board 'qemu-virt' (not_an_s2hv_strategy)");
	expect_error("board = qemu-virt-a72\n[k]\nstrategy = unmap kvm\n",
		     "t.suite:3:18: strategy 'kvm' cannot run on board 'qemu-virt-a72' in [k]");
	expect_error("board = kvm-qemu-n1\nguest = touch\n",
		     "t.suite:1:9: board 'kvm-qemu-n1' cannot run the default strategy 'unmap' (kvm_strategy_is_fixed): set strategy");
	expect_error("board = kvm-qemu-max\nstrategy = kvm\nmap = ondemand premap\n",
		     "t.suite:3:16: map 'premap' cannot run on board 'kvm-qemu-max' (not_supported_by_kvm)");
	expect_error("board = kvm-qemu-n1 qemu-virt\nstrategy = kvm\n", "strategy 'kvm' cannot run on board 'qemu-virt'");
	struct planned_run *r;
	cr_assert_eq(expand("guest = touch\n[kvm]\nboard = kvm-qemu-n1 kvm-qemu-max\nstrategy = kvm\n"
			    "[hv]\nboard = qemu-virt serial\nstrategy = unmap fwb\n", &r), 6);
	cr_expect_str_eq(r[0].cfg.strategy, "kvm");
	cr_expect_str_eq(r[0].cfg.map, "ondemand");
}

/* The s2hv lines of strategies/table.h, read here from the table itself, not from the catalog. */
#define S2HV_NAME(id, name, ...) name,
static const char *const s2hv_names[] = { S2HV_STRATEGIES(S2HV_NAME) };

Test(suite, strategy_all_is_every_s2hv_line_of_the_table)
{
	struct planned_run *r;
	size_t n = expand("strategy = all\n", &r), want = sizeof(s2hv_names) / sizeof(s2hv_names[0]);

	cr_assert_eq(n, want, "all expanded to %zu runs, the table has %zu s2hv strategies", n, want);
	for (size_t i = 0; i < n; i++)
		cr_expect_str_eq(r[i].cfg.strategy, s2hv_names[i], "run %zu, in table order", i);
	free(r);
	cr_assert_eq(expand("strategy = all\n[a72]\nboard = qemu-virt-a72\n", &r), want,
		     "negative controls and fwb included on every s2hv board");
	free(r);
	cr_expect_null(catalog_find(catalog_strategies, SUITE_ALL_STRATEGIES), "a strategy named all");
}

Test(suite, strategy_all_mixes_with_names_and_is_refused_on_s2vmm_boards)
{
	struct planned_run *r;
	size_t n = expand("strategy = all none\n", &r), want = sizeof(s2hv_names) / sizeof(s2hv_names[0]);

	cr_expect_eq(n, want, "an identical point runs once");
	free(r);
	expect_error("board = kvm-qemu-n1\nstrategy = all\n",
		     "t.suite:2:12: strategy 'unmap' cannot run on board 'kvm-qemu-n1'");
	expect_error("strategy = All\n", "t.suite:1:12: strategy 'All': unknown name");
}

/* Item 18: nothing to run is an error, and nothing is cut to fit. */
Test(suite, an_empty_suite_is_an_error)
{
	expect_error("", "t.suite: empty suite: it sets no run key");
	expect_error("# just a comment\n\n", "t.suite: empty suite");
	expect_error("name = x\ntimeout = 5\nreps = 3\n", "t.suite: empty suite");
	expect_error("[a]\n[b]\n", "t.suite: empty suite");
}

Test(suite, overlong_names_and_values_are_refused_not_truncated)
{
	char long_name[80], text[200];
	memset(long_name, 'n', 64);
	long_name[64] = 0;
	snprintf(text, sizeof(text), "name = %s\nboots = 2\n", long_name);
	expect_error(text, "t.suite:1:8: value longer than 63 characters");
	snprintf(text, sizeof(text), "[%s]\nboots = 2\n", long_name);
	expect_error(text, "t.suite:1:2: matrix name longer than 63 characters");
	snprintf(text, sizeof(text), "boots = 00000000000000000000000000000000000000000000000000000000000000003\n");
	expect_error(text, "t.suite:1:9: boots: value longer than 63 characters");
	snprintf(text, sizeof(text), "%s = 1\n", long_name);
	expect_error(text, "t.suite:1:1: unknown key (64 characters long");
	struct suite s;
	snprintf(text, sizeof(text), "dir/%s.suite", long_name);
	cr_expect_eq(suite_parse(text, "boots = 2\n", &s, err, sizeof(err)), -1, "name from a long file name");
	cr_expect(strstr(err, "cannot name the suite after this file"), "%s", err);
	long_name[63] = 0; /* 63 fits */
	snprintf(text, sizeof(text), "name = %s\n[%s]\nboots = 2\n", long_name, long_name);
	cr_assert_eq(suite_parse("t.suite", text, &s, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(s.name, long_name);
	cr_expect_str_eq(s.matrices[0].name, long_name);
	suite_free(&s);
}

Test(suite, names_are_words_and_matrices_unique)
{
	expect_error("name = ../up\nboots = 2\n", "t.suite:1:8: name: letters, digits");
	expect_error("name = a/b\nboots = 2\n", "t.suite:1:8: name: letters, digits");
	expect_error("[a]\nboots = 2\n[a]\nboots = 3\n", "t.suite:3:2: matrix [a] is already defined on line 1");
}

Test(suite, a_nul_byte_is_refused_not_the_end_of_the_file)
{
	char *dir = make_tmpdir("suite-nul"), path[600];
	struct suite s;
	snprintf(path, sizeof(path), "%s/nul.suite", dir);
	FILE *f = fopen(path, "w");
	cr_assert(f);
	fwrite("boots = 2\n\0boots = 3\n", 1, 21, f);
	fclose(f);
	cr_expect_eq(suite_load(path, &s, err, sizeof(err)), -1);
	cr_expect(strstr(err, "contains a NUL byte"), "%s", err);
}

Test(list, shows_every_choice_and_the_hypervisors_limits)
{
	char *out, *args[] = { "list", NULL };
	cr_assert_eq(run_s2bench(args, NULL, &out), 0, "%s", out);
	cr_expect(strstr(out, "(seq|random|scatter)"), "%s", out);
	cr_expect(strstr(out, "(size 4M..16G, multiple of 2M)"), "%s", out);
	cr_expect(strstr(out, "(1..1000000)"), "%s", out);
	cr_expect(strstr(out, "(names above, or all: every s2hv one)"), "%s", out);
	free(out);
}

/* vcpus (issue 18): written into bootargs and run ids only above one, so every older id and
 * command line stands; boards whose hypervisor or firmware cannot start more are refused. */
Test(matrix, vcpus_above_one_in_bootargs_and_ids_only)
{
	struct planned_run *r, *plain;
	cr_assert_eq(expand("guest = touch\nvcpus = 1 2 8\n", &r), 3);
	cr_assert_eq(expand("guest = touch\n", &plain), 1);
	cr_expect_eq(r[0].cfg.vcpus, 1);
	cr_expect_str_eq(r[0].bootargs, plain[0].bootargs, "one vCPU: the command line as before");
	cr_expect_str_eq(r[0].run_id, plain[0].run_id, "one vCPU: the id as before");
	cr_expect(strstr(r[1].bootargs, " s2b.vcpus=2") && !strstr(r[0].bootargs, "vcpus"), "%s",
		  r[1].bootargs);
	cr_expect_str_neq(r[1].run_id, r[0].run_id);
	cr_expect_str_neq(r[2].run_id, r[1].run_id);
}

Test(suite, vcpus_checked_against_limits_and_boards)
{
	expect_error("vcpus = 9\n", "t.suite:1:9: vcpus '9': out of range (1..8)");
	expect_error("vcpus = 0\n", "t.suite:1:9: vcpus '0': out of range (1..8)");
	expect_error("board = qemu-raspi3b\nvcpus = 2\n",
		     "vcpus '2' cannot run on board 'qemu-raspi3b' (more than one vCPU needs PSCI, which qemu-raspi3b has not)");
	struct planned_run *r;
	cr_expect_eq(expand("board = kvm-qemu-max\nstrategy = kvm\nvcpus = 1 2 8\n", &r), 3,
		     "s2vmm takes s2b.vcpus (kvm/config.c)");
	cr_expect(strstr(r[2].bootargs, " s2b.vcpus=8") != NULL, "%s", r[2].bootargs);
	cr_expect_eq(expand("board = qemu-virt-a72 serial\nvcpus = 4\n", &r), 2);
	cr_expect_eq(expand("board = qemu-raspi3b kvm-qemu-n1\n[hv]\nboard = qemu-raspi3b\n[k]\nboard = kvm-qemu-n1\nstrategy = kvm\n", &r), 2,
		     "the default of one vCPU runs everywhere");
}
