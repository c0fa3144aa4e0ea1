/*
 * The real reboot loop (reboot.c), run loop (run.c), fault handler (fault.c) and guest-call
 * dispatch (hypercall.c, psci.c) driving a scripted guest on the simulator's vCPU: each exit the
 * guest takes must reach its handler and show in the `boot` records the harness reads.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include "arch.h"
#include "arch/sim/sim.h"
#include "../../../strategies/strategy.h"
#include "cache_ops.h"
#include "config.h"
#include "console_capture.h"
#include "guest_image.h"
#include "hypercall.h"
#include "palloc.h"
#include "psci_ids.h"
#include "reboot.h"
#include "vcpu.h"
#include "vm.h"

#define RAM_PA (16ULL << 20)
#define RAM_SIZE (2ULL << 20)
#define DATA_IPA (GUEST_RAM_IPA + 8 * PAGE_SIZE) /* outside the image: faults on first touch */
#define GIVE_UP 64 /* a guest retrying a fault this often: nothing handled it */


static const u8 image[3 * PAGE_SIZE] = {0x11, 0x22};
static struct guest_image img = {"runloop", image, sizeof(image)};
static struct config cfg;
static struct cpu_features cpu;
static struct vm vm;

/* What the scripted guest saw. */
static u64 version_seen[4], gave_up;

static void world(const char *strategy, u64 boots)
{
	sim_mem_init(RAM_PA + RAM_SIZE);
	palloc_init(1ULL << 20, 8ULL << 20);
	sim_counts_reset();
	memset(&maint_counts, 0, sizeof(maint_counts));
	capture_console();
	memset(version_seen, 0, sizeof(version_seen));
	gave_up = 0;
	config_defaults(&cfg);
	cfg.strategy = strategy_find(strategy, strlen(strategy));
	cr_assert_not_null(cfg.strategy);
	cfg.guest = &img;
	cfg.mem = RAM_SIZE;
	cfg.block = SZ_4K;
	cfg.boots = boots;
	cpu_features_read(&cpu);
	cr_assert_eq(vm_init(&vm, &cfg, &cpu, RAM_PA), 0);
	sim_guest_ram(vm.ram_ipa, vm.ram_size);
}

/* A store that retries after each stage-2 abort, as the CPU re-executes the instruction. */
static void guest_store(ipa_t ipa, u64 val)
{
	struct sim_fault f;

	for (unsigned i = 0; !sim_guest_write(ipa, &val, sizeof(val), false, &f); i++) {
		if (i == GIVE_UP) {
			gave_up++;
			return;
		}
		sim_vcpu_abort(&f);
	}
}

/* Every boot: one stage-2 fault, the bench calls VERSION and MARK READY, then SYSTEM_RESET;
 * boot 1 powers off instead. Boots 2.. must never run. */
static void reset_then_off(struct vcpu *v, void *arg)
{
	unsigned boot = vm.boot_idx;

	(void)arg;
	guest_store(DATA_IPA, 0xb007 + boot);
	version_seen[boot] = sim_vcpu_hvc(v, S2B_VERSION, 0, 0, 0);
	sim_vcpu_hvc(v, S2B_MARK, S2B_MARK_READY, 0, 0);
	sim_vcpu_hvc(v, boot == 1 ? PSCI_SYSTEM_OFF : PSCI_SYSTEM_RESET, 0, 0, 0);
}

/* The `key=value` of the record "@s2b <kind> idx=<idx> ..." (or " boot=<idx>" for errors). */
static bool field(const char *kind, const char *idx_key, u64 idx, const char *key, char *val, size_t n)
{
	char head[64], k[40];
	const char *line, *p;

	snprintf(head, sizeof(head), "@s2b %s %s=%llu ", kind, idx_key, (unsigned long long)idx);
	snprintf(k, sizeof(k), " %s=", key);
	for (line = console_out; (line = strstr(line, "@s2b ")); line++) {
		const char *end = strchr(line, '\n');

		if (strncmp(line, head, strlen(head)))
			continue;
		p = strstr(line, k);
		if (!p || (end && p > end))
			return false;
		p += strlen(k);
		size_t len = strcspn(p, " \r\n");
		if (len >= n)
			return false;
		memcpy(val, p, len);
		val[len] = 0;
		return true;
	}
	return false;
}

static void expect_field(const char *kind, const char *idx_key, u64 idx, const char *key, const char *want)
{
	char val[64];

	cr_assert(field(kind, idx_key, idx, key, val, sizeof(val)), "no %s %s=%llu %s= in:\n%s", kind, idx_key,
		  (unsigned long long)idx, key, console_out);
	cr_assert_str_eq(val, want, "%s %llu: %s=%s, expected %s", kind, (unsigned long long)idx, key, val, want);
}

TestSuite(run_loop, .timeout = 30);

Test(run_loop, fault_bench_call_reset_and_off_reach_their_handlers)
{
	u64 word, boots;
	bool failed;

	world("lazy", 4);
	sim_vcpu_program(reset_then_off, NULL);
	boots = reboot_loop(&vm, &failed);

	cr_assert_eq(boots, 2, "SYSTEM_OFF in boot 1 ends the loop: ran %llu boots", (unsigned long long)boots);
	cr_assert_not(failed);
	cr_assert_eq(gave_up, 0, "a stage-2 abort was never handled");
	cr_assert_eq(version_seen[0], 1, "S2B_VERSION's answer in x0");
	cr_assert_eq(version_seen[1], 1);
	cr_assert_eq(sim_vcpu_stats.resets, 2);
	cr_assert_eq(sim_vcpu_stats.s2_enables, 1, "stage 2 installed once, at setup");
	/* lazy unmaps at reinit: the store faults once in each boot, and each fault maps one page */
	expect_field("boot", "idx", 0, "faults", "1");
	expect_field("boot", "idx", 0, "pages_mapped", "1");
	expect_field("boot", "idx", 0, "ready", "1");
	expect_field("boot", "idx", 0, "exit", "reset");
	expect_field("boot", "idx", 1, "faults", "1");
	expect_field("boot", "idx", 1, "ready", "1");
	expect_field("boot", "idx", 1, "exit", "off");
	cr_assert(field("boot", "idx", 1, "reinit_lines", (char[32]){0}, 32), "boot 1 reports its reinit");
	cr_assert_null(strstr(console_out, "@s2b boot idx=2"), "no boot after SYSTEM_OFF");
	cr_assert_null(strstr(console_out, "@s2b error"), "%s", console_out);
	/* the store of boot 1 landed, through the mapping the fault handler made */
	sim_cache_flush_all();
	memcpy(&word, (u8 *)arch_pa_to_va(RAM_PA) + (DATA_IPA - GUEST_RAM_IPA), sizeof(word));
	cr_assert_eq(word, 0xb007 + 1);
}

/* A guest that runs off the end of its program takes an exception the run loop does not know. */
static void falls_off(struct vcpu *v, void *arg)
{
	(void)v, (void)arg;
}

Test(run_loop, unknown_exit_ends_the_boot_with_guest_trap)
{
	bool failed;

	world("lazy", 3);
	sim_vcpu_program(falls_off, NULL);
	cr_assert_eq(reboot_loop(&vm, &failed), 1, "the error ends the loop after boot 0");
	cr_assert(failed);
	cr_assert_not_null(strstr(console_out, "@s2b error code=guest_trap msg=unexpected_trap_from_guest boot=0 "), "%s", console_out);
	expect_field("boot", "idx", 0, "exit", "error");
}

/* A strategy that says it handled the fault and maps nothing: the guest faults again and again. */
static enum fault_result handled_but_unmapped(struct vm *v, const struct s2_fault *f)
{
	(void)v, (void)f;
	return FAULT_HANDLED;
}

/* A store, then the PSCI call ARG points at (SYSTEM_OFF or SYSTEM_RESET). */
static void store_then_psci(struct vcpu *v, void *arg)
{
	guest_store(DATA_IPA, 1);
	sim_vcpu_hvc(v, *(const u64 *)arg, 0, 0, 0);
}

static const u64 psci_off = PSCI_SYSTEM_OFF, psci_reset = PSCI_SYSTEM_RESET;

Test(run_loop, a_fault_the_strategy_never_resolves_is_a_fault_loop)
{
	struct strategy broken;
	bool failed;

	world("lazy", 2);
	broken = *cfg.strategy;
	broken.on_fault = handled_but_unmapped;
	cfg.strategy = &broken;
	sim_vcpu_program(store_then_psci, (void *)&psci_off);
	cr_assert_eq(reboot_loop(&vm, &failed), 1);
	cr_assert(failed);
	cr_assert_eq(gave_up, 0, "the run loop, not the guest, gives up");
	cr_assert_not_null(strstr(console_out, "@s2b error code=fault_loop msg=strategy_does_not_resolve_fault boot=0 "), "%s", console_out);
	expect_field("boot", "idx", 0, "faults", "16"); /* fault.c's FAULT_LOOP_LIMIT: the 17th ends it */
	expect_field("boot", "idx", 0, "exit", "error");
}

/* A failing setup or reinit says why: the s2_err word (core/s2err.h) and which of the two. */
Test(run_loop, setup_out_of_table_memory_says_so)
{
	bool failed;

	world("clean", 2);
	cfg.premap = true;
	while (palloc_page()) /* exhaust the table pool: premap cannot build its tables */
		;
	cr_assert_eq(reboot_loop(&vm, &failed), 0);
	cr_assert(failed);
	cr_assert_not_null(strstr(console_out, "@s2b error code=strategy_failed msg=out_of_table_memory during=setup boot=0"), "%s", console_out);
}

/* Relaxing a page nothing maps: the reinit fails with not_mapped. */
static int relax_unmapped(struct vm *v)
{
	return s2pt_relax_perms(&v->s2, v->ram_ipa + v->ram_size - PAGE_SIZE, PAGE_SIZE, S2_PROT_W);
}

Test(run_loop, reinit_not_mapped_says_so)
{
	struct strategy broken;
	bool failed;

	world("lazy", 3);
	broken = *cfg.strategy;
	broken.reinit = relax_unmapped;
	cfg.strategy = &broken;
	sim_vcpu_program(store_then_psci, (void *)&psci_reset);
	cr_assert_eq(reboot_loop(&vm, &failed), 1);
	cr_assert(failed);
	cr_assert_not_null(strstr(console_out, "@s2b error code=strategy_failed msg=not_mapped during=reinit boot=1"), "%s", console_out);
}

/* The core, not the strategy, applies what table.h says a strategy needs, before its setup. */
Test(run_loop, needs_hw_dirty_is_applied_before_setup)
{
	bool failed;

	world("dirty-dbm", 1);
	cfg.premap = true; /* every leaf write-protected with DBM at setup */
	sim_vcpu_program(store_then_psci, (void *)&psci_off);
	reboot_loop(&vm, &failed);
	cr_assert_not(failed, "%s", console_out);
	cr_assert(vm.s2.hw_dirty);
	cr_assert(s2pt_lookup(&vm.s2, DATA_IPA, NULL) & S2_PTE_DBM);
	expect_field("boot", "idx", 0, "faults", "0"); /* the CPU marked the page: no write fault */
}

Test(run_loop, needs_fwb_on_a_cpu_without_it_is_unsupported)
{
	bool failed;

	world("fwb", 1);
	cpu.fwb = false;
	cr_assert_eq(reboot_loop(&vm, &failed), 0);
	cr_assert(failed);
	cr_assert_not(vm.s2.fwb && cpu.fwb);
	cr_assert_not_null(strstr(console_out, "@s2b error code=strategy_failed msg=unsupported during=setup boot=0"), "%s", console_out);
}

/* A load outside guest RAM (no device there): the abort is delivered to the guest, which either
 * handles it and powers off (`*arg` = 0 retries) or retries the load each time (`*arg` large). */
#define OUTSIDE_IPA (GUEST_RAM_IPA + RAM_SIZE + SZ_2M)
static void load_outside_then_off(struct vcpu *v, void *arg)
{
	unsigned retries = *(const unsigned *)arg;
	struct sim_fault f;
	u64 val;

	for (unsigned i = 0; i <= retries && !sim_guest_read(OUTSIDE_IPA, &val, sizeof(val), false, &f); i++)
		sim_vcpu_abort(&f);
	sim_vcpu_hvc(v, PSCI_SYSTEM_OFF, 0, 0, 0);
}

Test(run_loop, an_abort_outside_ram_is_delivered_to_the_guest_and_counted)
{
	static const unsigned once = 0;
	bool failed;

	world("lazy", 1);
	sim_vcpu_program(load_outside_then_off, (void *)&once);
	cr_assert_eq(reboot_loop(&vm, &failed), 1);
	cr_assert_not(failed);
	cr_assert_eq(sim_vcpu_stats.aborts_injected, 1);
	cr_assert_eq(sim_vcpu_stats.last_injected_far, OUTSIDE_IPA);
	expect_field("boot", "idx", 0, "aborts_injected", "1");
	expect_field("boot", "idx", 0, "faults", "0"); /* not a stage-2 fault the strategy handles */
	expect_field("boot", "idx", 0, "exit", "off");
	cr_assert_null(strstr(console_out, "@s2b error"), "%s", console_out);
}

Test(run_loop, a_guest_aborting_again_and_again_at_one_ipa_is_a_fault_loop)
{
	static const unsigned forever = GIVE_UP;
	bool failed;

	world("lazy", 1);
	sim_vcpu_program(load_outside_then_off, (void *)&forever);
	cr_assert_eq(reboot_loop(&vm, &failed), 1);
	cr_assert(failed);
	cr_assert_not_null(strstr(console_out, "@s2b error code=fault_loop msg=guest_aborts_again_at_same_ipa boot=0 "), "%s", console_out);
	expect_field("boot", "idx", 0, "aborts_injected", "16"); /* the 17th ends it */
	expect_field("boot", "idx", 0, "exit", "error");
}
