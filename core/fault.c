/* Stage-2 aborts: emulated MMIO (mmio.h); outside RAM, delivered to the guest (guest_abort.c);
 * else timed, counted, handed to the strategy (run.h). */
#include "../strategies/strategy.h"
#include "cache_ops.h"
#include "mmio.h"
#include "proto.h"
#include "run.h"

/* The same IPA faulting this many times in a row means the handler does not fix it. */
#define FAULT_LOOP_LIMIT 16

static void trace_fault(const struct vm *vm, const struct s2_fault *f, u64 cycles, u64 lines)
{
	struct record r;

	rec_begin(&r, "fault");
	rec_u64(&r, "boot", vm->boot_idx);
	rec_hex(&r, "ipa", f->ipa);
	rec_str(&r, "kind", f->exec ? "inst" : "data");
	rec_u64(&r, "write", f->write);
	if (vm->cpu->pmu_cycles)
		rec_u64(&r, "cycles", cycles);
	rec_u64(&r, "lines", lines);
	rec_end(&r);
}

enum boot_exit fault_handle(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e)
{
	struct s2_fault f = {.ipa = e->ipa, .write = e->write, .exec = e->exec, .perm = e->perm, .esr = e->esr};
	struct perf_sample t0, t1;
	u64 lines0 = maint_counts.lines_cleaned, cycles, lines;
	enum fault_result res;

	/* Outside RAM: an emulated device's register, not a stage-2 fault to measure. */
	if (!vm_ipa_in_ram(vm, e->ipa) && mmio_emulate(b, e)) {
		if (b->console_ready)
			boot_mark_ready(b);
		return BOOT_CONTINUE;
	}
	if (b->same_fault_count && b->last_fault_ipa == e->ipa) {
		if (++b->same_fault_count > FAULT_LOOP_LIMIT) {
			report_guest_error(vm, "fault_loop", vm_ipa_in_ram(vm, e->ipa) ?
					   "strategy_does_not_resolve_fault" : "guest_aborts_again_at_same_ipa", e);
			return BOOT_ERROR;
		}
	} else {
		b->last_fault_ipa = e->ipa;
		b->same_fault_count = 1;
	}
	if (!vm_ipa_in_ram(vm, e->ipa))
		return guest_abort_deliver(vm, e);
	arch_perf_read(&t0);
	res = vm->cfg->strategy->on_fault(vm, &f);
	arch_perf_read(&t1);
	cycles = t1.cycles - t0.cycles;
	lines = maint_counts.lines_cleaned - lines0;
	vm->stats.faults++;
	vm->stats.fault_cycles += cycles;
	vm->stats.fault_max_cycles = MAX(vm->stats.fault_max_cycles, cycles);
	vm->stats.fault_lines += lines;
	if (vm->cfg->trace_faults)
		trace_fault(vm, &f, cycles, lines);
	switch (res) {
	case FAULT_HANDLED:
		return BOOT_CONTINUE;
	case FAULT_OUTSIDE_RAM:
		report_guest_error(vm, "guest_abort", "stage2_abort_outside_guest_ram", e);
		return BOOT_ERROR;
	case FAULT_ERROR:
		break;
	}
	report_guest_error(vm, "strategy_fault", "strategy_could_not_map", e);
	return BOOT_ERROR;
}
