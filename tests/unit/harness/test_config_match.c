/* A run's cfg record against the config the harness asked for (harness/config_match.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "collect.h"
#include "config_match.h"
#include "csvout.h"
#include "fake_board.h"

/* What the harness asks for in these tests: every key away from its default where it can be. */
static struct run_config asked(void)
{
	struct run_config c;

	run_config_defaults(&c);
	snprintf(c.board, sizeof(c.board), "qemu-virt");
	snprintf(c.strategy, sizeof(c.strategy), "unmap");
	snprintf(c.guest, sizeof(c.guest), "hello");
	c.boots = 4;
	return c;
}

static const char *why_of(const struct run_config *got, unsigned absent)
{
	static char why[256];
	struct run_config a = asked();

	why[0] = '\0';
	return config_mismatch(&a, got, absent, why, sizeof(why)) ? why : NULL;
}

Test(config_match, the_same_config_matches)
{
	struct run_config got = asked();

	cr_expect_null(why_of(&got, 0));
}

#define NKEYS 14
static const char *const keys[NKEYS] = { "strategy", "guest", "mem", "boots", "block", "map",
					 "icache", "frac", "stride", "write", "order", "seed",
					 "trace", "vcpus" };

/* Changes key I of C to another value s2hv accepts. */
static void change_key(struct run_config *c, size_t i)
{
	switch (i) {
	case 0: snprintf(c->strategy, sizeof(c->strategy), "none"); break;
	case 1: snprintf(c->guest, sizeof(c->guest), "touch"); break;
	case 2: c->mem *= 2; break;
	case 3: c->boots = 5; break;
	case 4: snprintf(c->block, sizeof(c->block), "%s", strcmp(c->block, "2m") ? "2m" : "4k"); break;
	case 5: snprintf(c->map, sizeof(c->map), "%s", strcmp(c->map, "premap") ? "premap" : "ondemand"); break;
	case 6: snprintf(c->icache, sizeof(c->icache), "%s", strcmp(c->icache, "all") ? "all" : "exec"); break;
	case 7: c->frac_tenths += 5; break;
	case 8: c->stride *= 2; break;
	case 9: c->write = c->write ? 0 : 50; break;
	case 10: snprintf(c->order, sizeof(c->order), "%s", strcmp(c->order, "scatter") ? "scatter" : "seq"); break;
	case 11: c->seed += 1; break;
	case 12: snprintf(c->trace, sizeof(c->trace), "%s", strcmp(c->trace, "faults") ? "faults" : "none"); break;
	case 13: c->vcpus = 2; break;
	}
}

/* Every key s2hv is sent, changed alone, is named with both values. */
Test(config_match, each_key_that_differs_is_named_with_both_values)
{
	for (size_t i = 0; i < NKEYS; i++) {
		struct run_config got = asked();
		char prefix[64];
		change_key(&got, i);
		const char *why = why_of(&got, 0);
		cr_assert_not_null(why, "%s changed: a mismatch", keys[i]);
		snprintf(prefix, sizeof(prefix), "config_mismatch:%s:", keys[i]);
		cr_expect_eq(strncmp(why, prefix, strlen(prefix)), 0, "%s: %s", keys[i], why);
	}
	struct run_config got = asked();
	change_key(&got, 3);
	cr_expect_str_eq(why_of(&got, 0), "config_mismatch:boots:4_vs_5");
	got = asked();
	change_key(&got, 13);
	cr_expect_str_eq(why_of(&got, 0), "config_mismatch:vcpus:1_vs_2", "vcpus=1 is compared too");
}

/* The first differing key is the one named: the wrong strategy and guest of issue 21. */
Test(config_match, the_first_key_that_differs_is_named)
{
	struct run_config got = asked();

	snprintf(got.strategy, sizeof(got.strategy), "none");
	snprintf(got.guest, sizeof(got.guest), "touch");
	cr_expect_str_eq(why_of(&got, 0), "config_mismatch:strategy:unmap_vs_none");
}

/* Keys that are the harness's own (board, oracle, rep, copy) are not the board's to say. */
Test(config_match, the_harness_own_keys_do_not_count)
{
	struct run_config got = asked();

	snprintf(got.board, sizeof(got.board), "serial");
	snprintf(got.oracle, sizeof(got.oracle), "on");
	got.rep = 3;
	got.copy = 2;
	cr_expect_null(why_of(&got, 0));
}

/* A key the board leaves out of its cfg (s2vmm says no map) cannot differ; one it says can. */
Test(config_match, a_key_the_board_leaves_out_does_not_count)
{
	struct run_config got = asked();
	unsigned map_icache = 1u << table_col(TAB_RUNS, "map") | 1u << table_col(TAB_RUNS, "icache");

	snprintf(got.map, sizeof(got.map), "premap"); /* what run_config_defaults() would not give */
	snprintf(got.icache, sizeof(got.icache), "all");
	cr_expect_null(why_of(&got, map_icache));
	cr_expect_not_null(why_of(&got, 0));
}

/* A cfg record that leaves out keys the hypervisor has defaults for (trace, vcpus): the collector
 * reads them as the hypervisor's documented defaults, which match a run that asked for those
 * defaults and not one that asked for something else. */
Test(config_match, a_key_the_record_leaves_out_is_the_hypervisor_default)
{
	static struct collector c;
	char line[512], why[256];
	FILE *f = fopen("/dev/null", "w");

	cr_assert_not_null(f);
	collector_init(&c, "0123456789abcdef", f, f, f);
	fake_record(line, sizeof(line), "hello proto=1.0 hv=0.1.0 board=qemu-virt midr=0xf0510 fwb=1");
	collector_line(&c, line, strlen(line));
	struct run_config a = asked();
	snprintf(line, sizeof(line), "cfg strategy=unmap guest=hello mem=%llu boots=4 block=%s map=%s "
		 "icache=%s frac=%llu stride=%llu write=%llu order=%s seed=%llu",
		 (unsigned long long)a.mem, a.block, a.map, a.icache,
		 (unsigned long long)a.frac_tenths / 10, (unsigned long long)a.stride,
		 (unsigned long long)a.write, a.order, (unsigned long long)a.seed);
	char body[512];
	snprintf(body, sizeof(body), "%s", line);
	fake_record(line, sizeof(line), body);
	collector_line(&c, line, strlen(line));
	cr_assert(c.sum.have_cfg, "the cfg record was accepted");
	cr_expect_eq(config_mismatch(&a, &c.sum.cfg, c.sum.cfg_absent, why, sizeof(why)), 0, "%s", why);
	snprintf(a.trace, sizeof(a.trace), "faults");
	cr_expect_eq(config_mismatch(&a, &c.sum.cfg, c.sum.cfg_absent, why, sizeof(why)), 1);
	cr_expect_str_eq(why, "config_mismatch:trace:faults_vs_none");
	fclose(f);
}
