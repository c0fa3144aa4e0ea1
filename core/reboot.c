/* See reboot.h. Every boot ends with one `boot` record (docs/protocol.md). */
#include "reboot.h"
#include "../strategies/strategy.h"
#include "cache_ops.h"
#include "lib.h"
#include "loader.h"
#include "proto.h"
#include "records.h"
#include "run.h"

struct reinit_cost {
	struct perf_sample t0, t1;
	u64 lines, lines_loaded; /* cleaned at reinit; of them, in what the loader rewrote */
};

/* A span between two samples in the PMU's units; a counter the CPU lacks is left out. */
static struct rec_span perf_span(const struct cpu_features *cpu, const struct perf_sample *from,
				 const struct perf_sample *to)
{
	return (struct rec_span){{{cpu->pmu_cycles, to->cycles - from->cycles},
				  {cpu->pmu_insts, to->insts - from->insts}}};
}

/* `reset_at`: when the previous boot asked for reset (NULL on the cold boot). A full reboot is
 * from there to this boot's READY: loader, reinit, vCPU reset, faults and guest start-up. */
static void report_boot(const struct vm *vm, const struct reinit_cost *rc, const struct boot_ctx *b,
			const struct maint_counts *m0, enum boot_exit x, const struct perf_sample *reset_at)
{
	const struct boot_stats *s = &vm->stats;
	const struct cpu_features *cpu = vm->cpu;
	u64 events[PERF_MAX_EVENTS];
	struct boot_rec r = {
		.units = {"cycles", "insts"}, .idx = vm->boot_idx,
		.faults = REC_SOME(s->faults),
		.fault_cycles = {cpu->pmu_cycles, s->fault_cycles},
		.fault_max_cycles = {cpu->pmu_cycles, s->fault_max_cycles},
		.fault_lines = REC_SOME(s->fault_lines),
		.icache_invals = REC_SOME(maint_counts.icache_invals - m0->icache_invals),
		.tlbis = REC_SOME(maint_counts.tlbis - m0->tlbis),
		.pages_mapped = REC_SOME(s->pages_mapped),
		.aborts_injected = REC_SOME(s->aborts_injected),
		.vcpus = {vm->smp.n > 1, vm->smp.n},
		/* Without a counter no ready_* key can say the guest got to READY: say it plainly,
		 * or the harness could not tell a healthy boot from one that never got there. */
		.ready_flag = {!cpu->pmu_cycles && !cpu->pmu_insts, b->ready_seen},
		.check = b->calls.check, .exit = x,
	};

	if (rc) { /* the cache/TLB events the CPU has, as reinit_<event> */
		r.reinit = perf_span(cpu, &rc->t0, &rc->t1);
		r.reinit_lines = REC_SOME(rc->lines);
		r.reinit_lines_loaded = REC_SOME(rc->lines_loaded);
		r.nevents = arch_perf_event_names(&r.event_names);
		for (unsigned i = 0; i < r.nevents; i++)
			events[i] = rc->t1.ev[i] - rc->t0.ev[i];
		r.event_values = events;
	}
	if (b->ready_seen) {
		r.ready = perf_span(cpu, &b->entry, &b->ready);
		if (reset_at)
			r.reboot = perf_span(cpu, reset_at, &b->ready);
	}
	emit_boot(&r);
}

/*
 * What a strategy's line in table.h needs, applied before its setup: both change how leaves are
 * encoded or updated, so they hold from the first mapping on. HCR_EL2.FWB forces stage-2 Normal
 * memory to Write-Back (ARM ARM D8.6.5); VTCR_EL2.{HA,HD} let the walker set S2AP[1] of a DBM
 * leaf on a write (D8.4.6, FEAT_HAFDBS). hv.c has already refused a CPU without them.
 */
static int apply_needs(struct vm *vm, unsigned needs)
{
	vm->s2.fwb = needs & STRATEGY_NEEDS_FWB;
	vm->s2.hw_dirty = needs & STRATEGY_NEEDS_HW_DIRTY;
	if ((vm->s2.fwb && !vm->cpu->fwb) || (vm->s2.hw_dirty && vm->cpu->hafdbs < 2))
		return S2_EUNSUPPORTED;
	arch_s2_enable(&vm->s2, vm->s2.fwb);
	return 0;
}

static int prepare_boot(struct vm *vm, struct reinit_cost *rc)
{
	const struct strategy *st = vm->cfg->strategy;
	u64 lines0 = maint_counts.lines_cleaned, loaded0 = maint_counts.lines_cleaned_watched;
	int ret;

	loader_load_image(vm);
	/* the loader writes one range from the RAM base (loader.h) */
	cache_watch_range(vm->ram_pa, loader_image_bytes(vm));
	if (vm->boot_idx == 0) {
		ret = apply_needs(vm, st->needs);
		return ret ? ret : st->setup(vm);
	}
	arch_perf_read(&rc->t0);
	ret = st->reinit(vm);
	arch_perf_read(&rc->t1);
	rc->lines = maint_counts.lines_cleaned - lines0;
	rc->lines_loaded = maint_counts.lines_cleaned_watched - loaded0;
	return ret;
}

u64 reboot_loop(struct vm *vm, bool *failed)
{
	enum boot_exit x = BOOT_RESET;
	struct perf_sample reset_at;

	*failed = false;
	for (vm->boot_idx = 0; vm->boot_idx < vm->cfg->boots && x == BOOT_RESET; vm->boot_idx++) {
		struct maint_counts m0 = maint_counts;
		struct reinit_cost rc;
		struct boot_ctx b;
		ipa_t entry;
		u64 dtb;

		memset(&vm->stats, 0, sizeof(vm->stats));
		memset(&b, 0, sizeof(b));
		int err = prepare_boot(vm, &rc);

		if (err) {
			struct record r;

			rec_begin(&r, "error");
			rec_str(&r, "code", "strategy_failed");
			rec_str(&r, "msg", s2_err_word(err));
			rec_str(&r, "during", vm->boot_idx ? "reinit" : "setup");
			rec_u64(&r, "boot", vm->boot_idx);
			rec_end(&r);
			*failed = true;
			return vm->boot_idx;
		}
		/* x0 = the guest DTB or 0; x1 = 0: guest calls use HVC (docs/protocol.md), and
		 * Linux booting.rst wants x1..x3 = 0. */
		entry = loader_entry(vm, &dtb);
		arch_vcpu_reset(&vm->vcpu, entry, dtb, 0);
		x = run_boot(vm, &b);
		guest_console_flush(&b.calls.console);
		report_boot(vm, vm->boot_idx ? &rc : NULL, &b, &m0, x, vm->boot_idx ? &reset_at : NULL);
		arch_perf_read(&reset_at);
		if (x == BOOT_ERROR)
			*failed = true;
	}
	return vm->boot_idx;
}
