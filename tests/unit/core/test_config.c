/* Bootargs parsing: defaults, every key, and errors that name the offending key. */
#include <criterion/criterion.h>
#include "../../../strategies/strategy.h"
#include <stdio.h>
#include "config.h"
#include "bootargs.h"
#include "guest_image.h"

static struct config cfg;
static struct bootarg_error err;

static int parse(const char *args)
{
	config_defaults(&cfg);
	memset(&err, 0, sizeof(err));
	return config_parse(&cfg, args, &err);
}

Test(config, defaults_when_no_s2b_keys)
{
	cr_assert_eq(parse("console=ttyAMA0 quiet"), 0);
	cr_assert_str_eq(cfg.strategy->name, "unmap");
	cr_assert_str_eq(cfg.guest->name, "hello");
	cr_assert_eq(cfg.mem, 64ULL << 20);
	cr_assert_eq(cfg.boots, 5);
	cr_assert_eq(cfg.block, SZ_4K);
}

Test(config, every_key_is_parsed)
{
	cr_assert_eq(parse("s2b.strategy=fwb s2b.guest=hello s2b.mem=256M s2b.boots=20 s2b.frac=30 "
			   "s2b.stride=0x2000 s2b.write=70 s2b.order=random s2b.seed=9 s2b.block=2m "
			   "s2b.map=premap s2b.icache=all s2b.trace=faults"), 0);
	cr_assert_str_eq(cfg.strategy->name, "fwb");
	cr_assert_eq(cfg.mem, 256ULL << 20);
	cr_assert_eq(cfg.boots, 20);
	cr_assert_eq(cfg.frac_tenths, 300);
	cr_assert_eq(cfg.stride, 0x2000);
	cr_assert_eq(cfg.write_pct, 70);
	cr_assert_eq(cfg.order, 1);
	cr_assert_eq(cfg.seed, 9);
	cr_assert_eq(cfg.inject, 0);
	cr_assert_eq(cfg.block, SZ_2M);
	cr_assert_eq(cfg.premap, 1);
	cr_assert_eq(cfg.icache_all, 1);
	cr_assert_eq(cfg.trace_faults, 1);
}

Test(config, unknown_strategy_names_the_key)
{
	cr_assert_eq(parse("s2b.boots=3 s2b.strategy=bogus"), -1);
	cr_assert_str_eq(err.key, "s2b.strategy");
	cr_assert_str_eq(err.msg, "unknown_strategy");
}

Test(config, bad_number_names_the_key)
{
	cr_assert_eq(parse("s2b.boots=12x"), -1);
	cr_assert_str_eq(err.key, "s2b.boots");
	cr_assert_str_eq(err.msg, "bad_number");
	cr_assert_eq(parse("s2b.boots="), -1);
	cr_assert_str_eq(err.msg, "bad_number");
	cr_assert_eq(parse("s2b.boots=99999999999999999999999"), -1);
	cr_assert_str_eq(err.msg, "bad_number");
}

/* frac takes one decimal, stored in tenths; a whole value is ten times itself as always. */
Test(config, frac_takes_tenths_of_a_percent)
{
	cr_assert_eq(parse("s2b.frac=12.5"), 0);
	cr_assert_eq(cfg.frac_tenths, 125);
	cr_assert_eq(parse("s2b.frac=0x10"), 0);
	cr_assert_eq(cfg.frac_tenths, 160);
	cr_assert_eq(parse("s2b.frac=100.0"), 0);
	cr_assert_eq(cfg.frac_tenths, 1000);
	static const char *const bad[] = { "s2b.frac=12.55", "s2b.frac=.5", "s2b.frac=12.",
					   "s2b.frac=0x1.5", "s2b.frac=1.5.5", "s2b.frac=1e1" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(parse(bad[i]), -1, "%s", bad[i]);
		cr_assert_str_eq(err.msg, "bad_number", "%s", bad[i]);
	}
	cr_assert_eq(parse("s2b.frac=100.1"), -1);
	cr_assert_str_eq(err.msg, "out_of_range");
	char buf[24];
	bootarg_format_tenths(125, buf, sizeof(buf));
	cr_assert_str_eq(buf, "12.5");
	bootarg_format_tenths(120, buf, sizeof(buf));
	cr_assert_str_eq(buf, "12");
}

Test(config, out_of_range_and_alignment)
{
	cr_assert_eq(parse("s2b.frac=101"), -1);
	cr_assert_str_eq(err.key, "s2b.frac");
	cr_assert_str_eq(err.msg, "out_of_range");
	cr_assert_eq(parse("s2b.boots=0"), -1);
	cr_assert_eq(parse("s2b.mem=5M"), -1);
	cr_assert_str_eq(err.msg, "not_2M_aligned");
}

Test(config, unknown_key_and_missing_value)
{
	cr_assert_eq(parse("s2b.colour=blue"), -1);
	cr_assert_str_eq(err.key, "s2b.colour");
	cr_assert_str_eq(err.msg, "unknown_key");
	cr_assert_eq(parse("s2b.boots"), -1);
	cr_assert_str_eq(err.key, "s2b.boots");
	cr_assert_str_eq(err.msg, "missing_value");
}

Test(config, bad_choice)
{
	cr_assert_eq(parse("s2b.block=1g"), -1);
	cr_assert_str_eq(err.key, "s2b.block");
	cr_assert_str_eq(err.msg, "bad_choice");
}

Test(config, every_listed_strategy_can_be_found)
{
	cr_assert_eq(strategy_count, STRATEGY_COUNT, "the registry holds every line of table.h");
	for (unsigned i = 0; i < strategy_count; i++) {
		char args[64];

		snprintf(args, sizeof(args), "s2b.strategy=%s", strategies[i]->name);
		cr_assert_eq(parse(args), 0, "%s", args);
		cr_assert_eq(cfg.strategy, strategies[i]);
		cr_assert_not_null(strategies[i]->summary);
	}
}

Test(config, inject_is_a_bounded_test_parameter)
{
	cr_assert_eq(parse("s2b.inject=1"), 0);
	cr_assert_eq(cfg.inject, 1);
	cr_assert_eq(parse("s2b.inject=256"), -1);
	cr_assert_str_eq(err.key, "s2b.inject");
}

Test(config, a_key_given_twice_is_an_error_naming_it)
{
	cr_assert_eq(parse("s2b.boots=3 s2b.mem=128M s2b.boots=4"), -1);
	cr_assert_str_eq(err.key, "s2b.boots");
	cr_assert_str_eq(err.msg, "duplicate_key");
	cr_assert_eq(parse("s2b.strategy=lazy s2b.strategy=lazy"), -1, "even with the same value");
	cr_assert_str_eq(err.key, "s2b.strategy");
}

Test(config, an_s2b_prefix_in_another_case_is_not_ignored)
{
	cr_assert_eq(parse("console=ttyAMA0 S2B.boots=3"), -1);
	cr_assert_str_eq(err.key, "S2B.boots");
	cr_assert_str_eq(err.msg, "prefix_not_lowercase");
	cr_assert_eq(parse("s2B.mem"), -1);
	cr_assert_str_eq(err.key, "s2B.mem");
	cr_assert_eq(parse("s2bx.mem=1 xs2b.mem=1"), 0, "other words stay someone else's");
}

Test(config, order_scatter_is_accepted)
{
	cr_assert_eq(parse("s2b.order=scatter"), 0);
	cr_assert_eq(cfg.order, 2);
}
