/* kvm/config.c: the s2b.* words s2vmm accepts, refuses, and ignores. */
#include <criterion/criterion.h>
#include <stdio.h>
#include "../../../core/bootargs.h"
#include "../../../kvm/cmdline.h"
#include "../../../kvm/config.h"
#include "../../../kvm/testguest/inject.h"
#include "../../../strategies/table.h"

static struct vmm_config cfg;
static struct bootarg_error err;

static int parse(const char *words)
{
	vmm_config_defaults(&cfg);
	memset(&err, 0, sizeof(err));
	return vmm_config_parse(&cfg, words, &err);
}

Test(kvm_config, defaults_match_s2hv)
{
	cr_assert_eq(parse(""), 0);
	cr_assert_str_eq(cfg.guest, "hello");
	cr_assert_eq(cfg.mem, 64ULL << 20);
	cr_assert_eq(cfg.boots, 5);
	cr_assert_eq(cfg.block, 4096);
}

Test(kvm_config, kernel_command_line_words_are_ignored)
{
	cr_assert_eq(parse("console=ttyAMA0 panic=-1 quiet s2b.guest=touch s2b.boots=3 s2b.mem=256M "
			   "s2b.block=2m s2b.board=kvm-qemu-n1 s2b.strategy=kvm\n"), 0);
	cr_assert_str_eq(cfg.guest, "touch");
	cr_assert_str_eq(cfg.board, "kvm-qemu-n1");
	cr_assert_eq(cfg.boots, 3);
	cr_assert_eq(cfg.mem, 256ULL << 20);
	cr_assert_eq(cfg.block, 2ULL << 20);
}

Test(kvm_config, bad_number_names_the_key)
{
	cr_assert_eq(parse("s2b.guest=touch s2b.boots=12x"), -1);
	cr_assert_str_eq(err.key, "s2b.boots");
	cr_assert_str_eq(err.msg, "bad_number");
}

Test(kvm_config, ranges_and_alignment)
{
	cr_assert_eq(parse("s2b.frac=101"), -1);
	cr_assert_str_eq(err.msg, "out_of_range");
	cr_assert_eq(parse("s2b.mem=3M"), -1);
	cr_assert_str_eq(err.msg, "out_of_range");
	cr_assert_eq(parse("s2b.mem=6M"), 0);
	cr_assert_eq(parse("s2b.mem=7M"), -1);
	cr_assert_str_eq(err.msg, "not_2M_aligned");
}

Test(kvm_config, the_harness_full_word_list_is_accepted)
{
	cr_assert_eq(parse("s2b.strategy=kvm s2b.guest=touch s2b.mem=67108864 s2b.boots=5 "
			   "s2b.block=4k s2b.map=ondemand s2b.icache=exec s2b.frac=50 s2b.stride=4096 "
			   "s2b.write=50 s2b.order=seq s2b.seed=1 s2b.trace=none"), 0);
}

/* The one strategy s2vmm takes (and names in cfg) is strategies/table.h's s2vmm line; every s2hv
 * line is refused. */
#define S2VMM_NAME(id, name, ...) name
#define S2HV_NAME(id, name, ...) name,
Test(kvm_config, its_strategy_is_the_tables_s2vmm_line)
{
	static const char *const s2hv[] = { S2HV_STRATEGIES(S2HV_NAME) };
	char words[64];

	cr_assert_str_eq(s2vmm_strategy, S2VMM_STRATEGIES(S2VMM_NAME));
	snprintf(words, sizeof(words), "s2b.strategy=%s", S2VMM_STRATEGIES(S2VMM_NAME));
	cr_expect_eq(parse(words), 0, "%s", words);
	for (size_t i = 0; i < sizeof(s2hv) / sizeof(s2hv[0]); i++) {
		snprintf(words, sizeof(words), "s2b.strategy=%s", s2hv[i]);
		cr_expect_eq(parse(words), -1, "%s", words);
		cr_expect_str_eq(err.msg, "kvm_strategy_is_fixed");
	}
}

Test(kvm_config, variants_kvm_cannot_run_and_unknown_keys_are_refused_by_name)
{
	cr_assert_eq(parse("s2b.map=premap"), -1);
	cr_assert_str_eq(err.key, "s2b.map");
	cr_assert_str_eq(err.msg, "not_supported_by_kvm");
	cr_assert_eq(parse("s2b.strategy=unmap"), -1);
	cr_assert_str_eq(err.msg, "kvm_strategy_is_fixed");
	cr_assert_eq(parse("s2b.bogus=1"), -1);
	cr_assert_str_eq(err.key, "s2b.bogus");
	cr_assert_str_eq(err.msg, "unknown_key");
	cr_assert_eq(parse("s2b.boots"), -1);
	cr_assert_str_eq(err.msg, "missing_value");
}

Test(kvm_config, names_cannot_escape_the_guest_dir)
{
	cr_assert_eq(parse("s2b.guest=../etc/passwd"), -1);
	cr_assert_str_eq(err.msg, "bad_name");
	cr_assert_eq(parse("s2b.guest=boot-reloc"), 0);
}

Test(kvm_config, a_key_given_twice_is_an_error_naming_it)
{
	cr_assert_eq(parse("s2b.mem=64M s2b.guest=touch s2b.mem=128M"), -1);
	cr_assert_str_eq(err.key, "s2b.mem");
	cr_assert_str_eq(err.msg, "duplicate_key");
}

Test(kvm_config, an_s2b_prefix_in_another_case_is_not_ignored)
{
	cr_assert_eq(parse("quiet S2b.boots=3"), -1);
	cr_assert_str_eq(err.key, "S2b.boots");
	cr_assert_str_eq(err.msg, "prefix_not_lowercase");
}

/* Below: s2vmm's refusals of words that would otherwise do nothing or too little (issue 22): an inject
 * value no guest knows, a per-boot limit out of range, a kernel command line that lost its end. */

Test(kvm_hostile_words, an_inject_value_no_guest_knows_is_refused)
{
	cr_assert_eq(parse("s2b.inject=255"), -1);
	cr_assert_str_eq(err.key, "s2b.inject");
	cr_assert_str_eq(err.msg, "unknown_inject");
	cr_assert_eq(parse("s2b.inject=13"), -1);
	cr_assert_eq(parse("s2b.inject=12"), 0);
	cr_assert_eq(cfg.inject, INJECT_UART_LDP);
	cr_assert_eq(parse("s2b.inject=0"), 0);
}

Test(kvm_hostile_words, boot_timeout_has_a_default_and_limits)
{
	cr_assert_eq(parse(""), 0);
	cr_assert_eq(cfg.boot_timeout, BOOT_TIMEOUT_DEFAULT_S);
	cr_assert_eq(parse("s2b.boot_timeout=3"), 0);
	cr_assert_eq(cfg.boot_timeout, 3);
	cr_assert_eq(parse("s2b.boot_timeout=0"), -1);
	cr_assert_str_eq(err.key, "s2b.boot_timeout");
	cr_assert_eq(parse("s2b.boot_timeout=86401"), -1);
}

Test(kvm_hostile_words, a_command_line_must_end_with_the_end_word)
{
	cr_assert(cmdline_complete("console=ttyAMA0 s2b.boots=3 " CMDLINE_END "\n"));
	cr_assert(cmdline_complete(CMDLINE_END));
	/* What the kernel leaves of a line cut short: the end word gone, or only part of it. */
	cr_assert_not(cmdline_complete("console=ttyAMA0 s2b.boots=3\n"));
	cr_assert_not(cmdline_complete("console=ttyAMA0 s2b.boots=3 s2vmm.en"));
	cr_assert_not(cmdline_complete("console=ttyAMA0 xs2vmm.end"));
	cr_assert_not(cmdline_complete(CMDLINE_END " s2b.boots=3"));
	cr_assert_not(cmdline_complete(""));
}

Test(kvm_config, vcpus_default_one_and_range_1_to_8)
{
	cr_assert_eq(parse(""), 0);
	cr_assert_eq(cfg.vcpus, 1);
	cr_assert_eq(parse("s2b.vcpus=8"), 0);
	cr_assert_eq(cfg.vcpus, 8);
	cr_assert_eq(parse("s2b.vcpus=9"), -1);
	cr_assert_str_eq(err.key, "s2b.vcpus");
	cr_assert_str_eq(err.msg, "out_of_range");
	cr_assert_eq(parse("s2b.vcpus=0"), -1);
	cr_assert_str_eq(err.msg, "out_of_range");
}
