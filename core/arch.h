/*
 * What the portable core needs from an architecture back-end. Exactly one back-end is linked:
 * core/arch/aarch64 (the real EL2 hypervisor) or core/arch/sim (host simulator for tests).
 * Portable code never uses #ifdef on the arch (Hafnium's src/arch/{aarch64,fake} pattern).
 */
#ifndef S2_ARCH_H
#define S2_ARCH_H

#include "types.h"

/* Host physical memory as the hypervisor sees it through its cacheable (Normal WB) mapping. */
void *arch_pa_to_va(pa_t pa);
pa_t arch_va_to_pa(const void *va);

/* Data-cache maintenance by PA range, to the PoC. Ranges are rounded out to whole lines. */
void arch_dc_civac_range(pa_t pa, u64 size); /* clean + invalidate */
void arch_dc_cvac_range(pa_t pa, u64 size);  /* clean only */
void arch_dc_ivac_range(pa_t pa, u64 size);  /* invalidate only: drops dirty data */
void arch_ic_iallu_is(void);                 /* invalidate all I-caches, Inner Shareable */
void arch_ic_ivau_range(pa_t pa, u64 size);  /* invalidate I-cache lines to the PoU */
u32 arch_dcache_line_size(void);
/* Zero one 4 KiB page of hypervisor memory (DC ZVA on hardware: 64 bytes per instruction). */
void arch_zero_page(void *va);

/* Stage-2 TLB maintenance for one VMID (the arch knows the current VMID/VTTBR). */
void arch_tlbi_vmid_all(u16 vmid);
void arch_tlbi_ipa(u16 vmid, ipa_t ipa, unsigned level);
/* Make a page-table entry store visible to the table walker before it is used. */
void arch_pte_publish(void);

/* Performance sample: cycles, retired instructions (0 when absent, see cpu_features) and the
 * cache/TLB events the CPU advertises, in the order arch_perf_event_names() lists them. */
#define PERF_MAX_EVENTS 5
struct perf_sample {
	u64 cycles;
	u64 insts;
	u64 ev[PERF_MAX_EVENTS];
};
void arch_perf_read(struct perf_sample *s);
/* How many extra events are counted, and their names (e.g. "l1d_refill"). */
unsigned arch_perf_event_names(const char *const **names);

/* The calibration program's view of the CPU (core/calib_program.c). */
struct cache_level {
	unsigned level; /* 1 = L1 */
	u64 line, sets, ways;
};
/* The data or unified caches, innermost first (CLIDR_EL1/CCSIDR_EL1); returns how many. */
unsigned arch_cache_levels(struct cache_level *out, unsigned max);
u64 arch_timer_freq(void); /* CNTFRQ_EL0: ticks per second of the generic timer */
struct calib_clock {
	u64 cycles; /* PMCCNTR_EL0, when `cycles` was asked for (the CPU has the counter) */
	u64 insts;  /* INST_RETIRED (pmu.c's event counter 0), when `insts` was asked for */
	u64 ticks;  /* the generic timer's count */
};
void arch_calib_now(struct calib_clock *c, bool cycles, bool insts);
/* A busy loop of N turns (N >= 1) of exactly two instructions, SUBS and B.NE: 2·N instructions,
 * returned, whatever the compiler does around it (the `inst` constant, docs/profiles.md). */
u64 arch_calib_spin(u64 n);
/* One load (or store) per data-cache line of [pa, pa+size), then a DSB. */
void arch_touch_lines(pa_t pa, u64 size, bool write);
/* Streaming stores over [pa, pa+size) (a multiple of 32 bytes), then a DSB. */
void arch_stream_write(pa_t pa, u64 size);

#endif
