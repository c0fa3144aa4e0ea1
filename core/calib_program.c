/*
 * See calib_program.h. Every measurement is n samples of a timed block, each sample reported as
 * its median and quartiles (nearest rank over the sorted samples) in PMU cycles and timer ticks;
 * the host divides by `ops`. What is timed (ARM ARM, DDI 0487, the A64 system instructions for
 * cache and TLB maintenance): DC CIVAC, clean and invalidate data cache by VA to the PoC; DC CVAC,
 * clean by VA to the PoC; IC IALLUIS, invalidate all instruction caches to the PoU, Inner
 * Shareable; TLBI VMALLS12E1IS, all stage 1 and stage 2 entries of the current VMID at EL1&0,
 * Inner Shareable. Barriers and the rules they follow:
 * - DC CIVAC / DC CVAC complete only at a DSB ("Ordering and completion of data and instruction
 *   cache instructions"): arch_dc_*_range ends with DSB SY, inside the timed block.
 * - IC IALLUIS completes at a DSB, and the ISB after it makes this PE fetch again (same
 *   section): arch_ic_iallu_is() is IC IALLUIS; DSB ISH; ISB.
 * - TLBI VMALLS12E1IS completes at a DSB ISH ("Ordering and completion of TLB maintenance
 *   instructions"; the DSB ISHST before it orders earlier table stores, tlb.c cites D8.16):
 *   arch_tlbi_vmid_all() is DSB ISHST; TLBI; DSB ISH; ISB, as every strategy issues it.
 * - The line touches before a timed pass end with DSB SY (calib_timing.c) so the state set up is
 *   complete, not in flight, when the clock starts.
 * - The clocks are read after an ISB (calib_timing.c) so no read is taken early.
 */
#include "calib_program.h"
#include "calib_stats.h"
#include "arch.h"
#include "cache_ops.h"
#include "calibrate.h"
#include "hv.h"
#include "hypercall.h"
#include "lib.h"
#include "psci_ids.h"
#include "records.h"
#include "s2pt.h"

#define BUF_SAMPLES 9   /* at least, per buffer size, state and operation; more while the
			 * spread is wide (calib_sample_more) */
#define CALL_SAMPLES 31 /* HVCs, faults, maps: one operation each */
#define BATCH 16        /* IC IALLUIS / TLBI per sample: one is near the clock's resolution */
#define MAX_LEVELS 7
#define MIN_BUF SZ_4K
#define CLOCK_SPINS 100000 /* turns of the busy loop that relates PMU cycles to timer ticks */

struct samples {
	u64 cycles[CALIB_MAX_SAMPLES], insts[CALIB_MAX_SAMPLES], ticks[CALIB_MAX_SAMPLES];
	unsigned n;
};

/* What the CPU counts: cycles (any PMU), retired instructions (where INST_RETIRED is
 * implemented: real CPUs and QEMU with -icount, not plain TCG). */
static bool have_cycles, have_insts;

static void clock_now(struct calib_clock *c)
{
	arch_calib_now(c, have_cycles, have_insts);
}

static void add_sample(struct samples *s, const struct calib_clock *from, const struct calib_clock *to)
{
	if (s->n < CALIB_MAX_SAMPLES) {
		s->cycles[s->n] = to->cycles - from->cycles;
		s->insts[s->n] = to->insts - from->insts;
		s->ticks[s->n] = to->ticks - from->ticks;
		s->n++;
	}
}

/* The median and quartiles of one clock's samples (sorted in place) as record values. */
static void quartiles(u64 *v, unsigned n, struct rec_opt out[3])
{
	u64 q[3];

	calib_quartiles(v, n, q);
	for (unsigned i = 0; i < 3; i++)
		out[i] = REC_SOME(q[i]);
}

/* The median instructions retired per sample: the path length of what was timed (the cost
 * model's, docs/model.md); absent where the CPU does not count instructions. */
static struct rec_opt insts_median(struct samples *s)
{
	u64 q[3];

	if (!have_insts)
		return (struct rec_opt){0};
	calib_quartiles(s->insts, s->n, q);
	return REC_SOME(q[0]);
}

/* Another sample is due (calib_stats.h), judged in the finer clock. */
static bool more(const struct samples *s, unsigned min)
{
	return calib_sample_more(have_cycles ? s->cycles : s->ticks, s->n, min);
}

static void emit_samples(const char *op, const char *state, u64 bytes, u64 ops, struct samples *s)
{
	struct calib_rec r = {.op = op, .state = state, .ops = REC_SOME(ops), .n = REC_SOME(s->n)};

	if (!s->n)
		return;
	if (bytes)
		r.bytes = REC_SOME(bytes);
	if (have_cycles)
		quartiles(s->cycles, s->n, r.cycles);
	quartiles(s->ticks, s->n, r.ticks);
	r.insts_med = insts_median(s);
	emit_calib(&r);
}

/* The cache levels as records; returns the last level's size (0 when the CPU names none). */
static u64 report_geometry(void)
{
	struct cache_level lv[MAX_LEVELS];
	unsigned n = arch_cache_levels(lv, MAX_LEVELS);
	u64 size = 0;

	for (unsigned i = 0; i < n; i++) {
		size = lv[i].line * lv[i].sets * lv[i].ways;
		emit_calib(&(struct calib_rec){.op = "cache", .level = REC_SOME(lv[i].level),
					       .line = REC_SOME(lv[i].line), .sets = REC_SOME(lv[i].sets),
					       .ways = REC_SOME(lv[i].ways), .size = REC_SOME(size)});
	}
	return size;
}

/* A fixed busy loop timed by both clocks: their ratio is the CPU clock in timer ticks, and its
 * known instruction count (`insts`) prices one ordinary instruction. */
static void report_clock(void)
{
	struct samples s = {0};
	u64 insts = 0;

	while (more(&s, BUF_SAMPLES)) {
		struct calib_clock a, b;

		clock_now(&a);
		insts = arch_calib_spin(CLOCK_SPINS);
		clock_now(&b);
		add_sample(&s, &a, &b);
	}
	struct calib_rec r = {.op = "clock", .cntfrq = REC_SOME(arch_timer_freq()), .ops = REC_SOME(1),
			      .insts = REC_SOME(insts), .n = REC_SOME(s.n)};
	if (have_cycles)
		quartiles(s.cycles, s.n, r.cycles);
	quartiles(s.ticks, s.n, r.ticks);
	r.insts_med = insts_median(&s);
	emit_calib(&r);
}

enum line_state { ABSENT, CLEAN, DIRTY };
static const char *const state_names[] = {"absent", "clean", "dirty"};

/* Put every line of the buffer in the state: (a) cleaned and invalidated to the PoC, (b) read
 * back after that, (c) written. */
static void prepare(pa_t pa, u64 size, enum line_state st)
{
	if (st == DIRTY) {
		arch_touch_lines(pa, size, true);
		return;
	}
	arch_dc_civac_range(pa, size);
	if (st == CLEAN)
		arch_touch_lines(pa, size, false);
}

static void time_dc(pa_t pa, u64 size, bool civac, enum line_state st)
{
	struct samples s = {0};

	while (more(&s, BUF_SAMPLES)) {
		struct calib_clock a, b;

		prepare(pa, size, st);
		clock_now(&a);
		if (civac)
			arch_dc_civac_range(pa, size);
		else
			arch_dc_cvac_range(pa, size);
		clock_now(&b);
		add_sample(&s, &a, &b);
	}
	emit_samples(civac ? "dc_civac" : "dc_cvac", state_names[st], size, size / arch_dcache_line_size(), &s);
}

/* 4 KiB, 16 KiB, ... until a size at least twice the last-level cache (or all of RAM); returns
 * the largest size measured. */
static u64 time_cache_maintenance(pa_t pa, u64 ram, u64 llc)
{
	u64 size = MIN_BUF, last = 0;

	for (; size <= ram; size *= 4) {
		for (unsigned op = 0; op < 2; op++)
			for (unsigned st = ABSENT; st <= DIRTY; st++)
				time_dc(pa, size, op == 0, st);
		last = size;
		if (llc && size >= 2 * llc)
			break;
	}
	return last;
}

static void time_batch(const char *op, void (*fn)(void))
{
	struct samples s = {0};

	while (more(&s, CALL_SAMPLES)) {
		struct calib_clock a, b;

		clock_now(&a);
		for (unsigned k = 0; k < BATCH; k++)
			fn();
		clock_now(&b);
		add_sample(&s, &a, &b);
	}
	emit_samples(op, NULL, 0, BATCH, &s);
}

static void tlbi_all(void)
{
	arch_tlbi_vmid_all(0);
}

static void time_write_bw(pa_t pa, u64 size)
{
	struct samples s = {0};

	while (more(&s, BUF_SAMPLES)) {
		struct calib_clock a, b;

		clock_now(&a);
		arch_stream_write(pa, size);
		clock_now(&b);
		add_sample(&s, &a, &b);
	}
	emit_samples("write_bw", NULL, size, 1, &s);
}

/* One run of the probe: `count` null calls (stride 0) or loads `stride` apart from `ipa`, each a
 * stage-2 fault that is mapped (with no cache maintenance) as one `block`. A round trip is the
 * time between two exits, less the mapping done in between. */
static bool run_probe(struct vm *vm, u64 count, ipa_t ipa, u64 stride, struct samples *trip,
		      struct samples *map)
{
	pa_t page = calib_program_load(vm, calib_probe_start, calib_probe_end);
	struct calib_clock prev, mapped = {0};
	bool have_prev = false, ok = false;
	struct vcpu_exit e;

	if (!page)
		return false;
	vm->vcpu.x[2] = count;
	vm->vcpu.x[3] = ipa;
	vm->vcpu.x[4] = stride;
	for (;;) {
		struct calib_clock now;

		arch_vcpu_run(&vm->vcpu, &e);
		clock_now(&now);
		if (e.kind == EXIT_HYPERCALL && (u32)vm->vcpu.x[0] == PSCI_SYSTEM_OFF) {
			ok = trip->n > 0;
			break;
		}
		if (have_prev) /* (now - prev exit) - (mapped - prev exit): the map is not in the trip */
			add_sample(trip, &mapped, &now);
		if (!stride && e.kind == EXIT_HYPERCALL && (u32)vm->vcpu.x[0] == S2B_VERSION) {
			vm->vcpu.x[0] = 1;
			mapped = now;
		} else if (stride && e.kind == EXIT_S2_ABORT && !e.perm && vm_ipa_in_ram(vm, e.ipa)) {
			ipa_t at = ALIGN_DOWN(e.ipa, stride);

			prev = now;
			if (s2pt_map(&vm->s2, at, vm_ipa_to_pa(vm, at), stride, S2_PROT_R | S2_PROT_W, stride))
				break;
			clock_now(&mapped);
			add_sample(map, &prev, &mapped);
		} else {
			break;
		}
		have_prev = true;
	}
	if (stride)
		s2pt_unmap(&vm->s2, ipa, count * stride, NULL, NULL);
	calib_program_unload(vm, page);
	return ok;
}

static bool time_guest_round_trips(struct vm *vm)
{
	struct samples hvc = {0}, none = {0}, fault = {0}, map4k = {0}, fault2m = {0}, map2m = {0};
	u64 blocks = vm->ram_size / SZ_2M - 1; /* 2 MiB faults start after the 4 KiB ones' block */

	if (blocks > CALL_SAMPLES + 1)
		blocks = CALL_SAMPLES + 1;
	if (!run_probe(vm, CALL_SAMPLES + 1, 0, 0, &hvc, &none) ||
	    !run_probe(vm, CALL_SAMPLES + 1, vm->ram_ipa, SZ_4K, &fault, &map4k) ||
	    (blocks > 1 && !run_probe(vm, blocks, vm->ram_ipa + SZ_2M, SZ_2M, &fault2m, &map2m)))
		return false;
	emit_samples("hvc", NULL, 0, 1, &hvc);
	emit_samples("s2_fault", NULL, 0, 1, &fault);
	emit_samples("map_4k", NULL, 0, 1, &map4k);
	emit_samples("map_2m", NULL, 0, 1, &map2m);
	return true;
}

bool calib_program_run(struct vm *vm)
{
	u64 llc, largest;

	have_cycles = vm->cpu->pmu_cycles;
	have_insts = have_cycles && vm->cpu->pmu_insts; /* as pmu_init() programs it */
	llc = report_geometry();
	report_clock();
	largest = time_cache_maintenance(vm->ram_pa, vm->ram_size, llc);
	time_batch("ic_ialluis", arch_ic_iallu_is);
	time_batch("tlbi_vmalls12e1is", tlbi_all);
	if (!time_guest_round_trips(vm)) {
		report_error("guest_trap", "calibration_probe_exit");
		return false;
	}
	time_write_bw(vm->ram_pa, largest);
	memset(&maint_counts, 0, sizeof(maint_counts));
	return true;
}
