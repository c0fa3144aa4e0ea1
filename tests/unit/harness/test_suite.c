/* Suite files: grammar, errors with file:line:col, matrix expansion, run ids. */
#include <criterion/criterion.h>
#include <string.h>

#include "matrix.h"
#include "suite.h"
#include "support.h"

static char err[512];

static size_t expand(const char *text, struct planned_run **runs)
{
	struct suite s;
	cr_assert_eq(suite_parse("t.suite", text, &s, err, sizeof(err)), 0, "%s", err);
	size_t n = matrix_expand(&s, runs);
	suite_free(&s);
	return n;
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
	cr_assert_eq(suite_parse("dir/my.suite", "name = nightly\ntimeout = 30\n", &s, err, sizeof(err)), 0);
	cr_expect_str_eq(s.name, "nightly");
	cr_expect_eq(s.timeout_s, 30);
	suite_free(&s);
	cr_assert_eq(suite_parse("dir/my.suite", "", &s, err, sizeof(err)), 0);
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
	expect_error("frac = 101\n", "t.suite:1:8: frac '101': out of range");
	expect_error("block = 1g\n", "t.suite:1:9: block '1g': not one of the choices");
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
	cr_expect_eq(r[3].cfg.frac, 90);
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
	const char *files[] = { "suites/default.suite", "suites/quick.suite" };
	for (int i = 0; i < 2; i++) {
		cr_expect_eq(suite_load(files[i], &s, err, sizeof(err)), 0, "%s", err);
		suite_free(&s);
	}
}
