/*
 * What the calibration program (core/calib_program.c) needs from the CPU: the cache geometry
 * (CLIDR_EL1/CCSIDR_EL1), the two clocks (PMCCNTR_EL0, CNTPCT_EL0/CNTFRQ_EL0), the retired-instruction count (PMEVCNTR0_EL0), and line-by-line
 * loads and stores that put a buffer's lines in a known state before a timed pass.
 */
#include "../../arch.h"
#include "sysreg.h"

#define CCIDX(mmfr2) (((mmfr2) >> 20) & 0xf) /* FEAT_CCIDX: the 64-bit CCSIDR_EL1 layout */

unsigned arch_cache_levels(struct cache_level *out, unsigned max)
{
	u64 clidr = read_sysreg(clidr_el1), ccidx = CCIDX(read_sysreg(id_aa64mmfr2_el1));
	unsigned n = 0;

	for (unsigned level = 0; level < 7 && n < max; level++) {
		unsigned ctype = (clidr >> (3 * level)) & 7;
		u64 ccsidr;

		if (ctype == 0)
			break;
		if (ctype < 2) /* instruction cache only: the data side ends above */
			continue;
		/* CSSELR_EL1.Level, InD = 0: the data or unified cache. A write to a System register
		 * is seen by a later read only after a Context synchronization event (ARM ARM,
		 * "Synchronization requirements for AArch64 System registers"): the ISB. */
		write_sysreg(level << 1, csselr_el1);
		isb();
		ccsidr = read_sysreg(ccsidr_el1);
		out[n].level = level + 1;
		out[n].line = 16u << (ccsidr & 7);
		if (ccidx) {
			out[n].ways = ((ccsidr >> 3) & 0x1fffff) + 1;
			out[n].sets = ((ccsidr >> 32) & 0xffffff) + 1;
		} else {
			out[n].ways = ((ccsidr >> 3) & 0x3ff) + 1;
			out[n].sets = ((ccsidr >> 13) & 0x7fff) + 1;
		}
		n++;
	}
	return n;
}

u64 arch_timer_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

void arch_calib_now(struct calib_clock *c, bool cycles, bool insts)
{
	/* The ISB keeps both reads from being taken early, before the code being timed finished
	 * issuing: ARM ARM, The Generic Timer, "reads of CNTPCT_EL0 can occur speculatively and out
	 * of order relative to other instructions"; the PMU counters likewise (pmu.c). */
	isb();
	c->cycles = cycles ? read_sysreg(pmccntr_el0) : 0;
	c->insts = insts ? read_sysreg(pmevcntr0_el0) : 0; /* INST_RETIRED: pmu_init() put it there */
	c->ticks = read_sysreg(cntpct_el0);
}

u64 arch_calib_spin(u64 n)
{
	u64 left = n;

	__asm__ volatile("1:\tsubs %0, %0, #1\n\tb.ne 1b" : "+r"(left) : : "cc");
	return 2 * n;
}

void arch_touch_lines(pa_t pa, u64 size, bool write)
{
	u32 line = arch_dcache_line_size();

	for (volatile u64 *p = arch_pa_to_va(pa); (u64)p < (u64)arch_pa_to_va(pa) + size;
	     p += line / sizeof(u64)) {
		if (write)
			*p = (u64)p;
		else
			(void)*p;
	}
	dsb(sy); /* every load and store done before the timed pass starts */
}

void arch_stream_write(pa_t pa, u64 size)
{
	u64 *p = arch_pa_to_va(pa), *end = p + size / sizeof(u64);

	for (; p < end; p += 4)
		__asm__ volatile("stp xzr, xzr, [%0]\n\tstp xzr, xzr, [%0, #16]" : : "r"(p) : "memory");
	dsb(sy); /* the stores reached the memory system before the clock is read */
}
