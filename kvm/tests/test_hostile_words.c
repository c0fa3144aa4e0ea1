/* s2vmm's refusals of words that would otherwise do nothing or too little (issue 22): an inject
 * value no guest knows, a per-boot limit out of range, a kernel command line that lost its end. */
#include <criterion/criterion.h>
#include "../../core/bootargs.h"
#include "../cmdline.h"
#include "../config.h"
#include "../testguest/inject.h"

static struct vmm_config cfg;
static struct bootarg_error err;

static int parse(const char *words)
{
	vmm_config_defaults(&cfg);
	memset(&err, 0, sizeof(err));
	return vmm_config_parse(&cfg, words, &err);
}

Test(kvm_hostile_words, an_inject_value_no_guest_knows_is_refused)
{
	cr_assert_eq(parse("s2b.inject=255"), -1);
	cr_assert_str_eq(err.key, "s2b.inject");
	cr_assert_str_eq(err.msg, "unknown_inject");
	cr_assert_eq(parse("s2b.inject=11"), -1);
	cr_assert_eq(parse("s2b.inject=10"), 0);
	cr_assert_eq(cfg.inject, INJECT_LOAD_HIGH_IPA);
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
