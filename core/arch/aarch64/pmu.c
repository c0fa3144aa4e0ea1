/*
 * PMU at EL2: the cycle counter, INST_RETIRED on event counter 0, and on the counters left the
 * cache/TLB events this CPU advertises in PMCEID0/1 (ARM ARM D11.11, common event numbers).
 * Everything counts at EL1 and EL2 (PMEVTYPER/PMCCFILTR.NSH = 1, ARM ARM D11.5). Under QEMU
 * -icount shift=0 the counts are deterministic, cycles equal instructions, and no cache event
 * is advertised: those are then reported absent, never as zero.
 */
#include "../../arch.h"
#include "../../cpu_features.h"
#include "sysreg.h"

#define PMCR_E (1ULL << 0)
#define PMCR_P (1ULL << 1)
#define PMCR_C (1ULL << 2)
#define PMCR_LC (1ULL << 6)
#define FILTER_NSH (1ULL << 27)
#define EVT_INST_RETIRED 0x08

/* The events worth having around re-init and faults, most telling first. */
static const struct { u16 num; const char *name; } wanted[] = {
	{0x03, "l1d_refill"}, {0x15, "l1d_wb"}, {0x17, "l2d_refill"}, {0x01, "l1i_refill"},
	{0x05, "l1d_tlb_refill"}, {0x13, "mem_access"}, {0x16, "l2d_access"},
};

static bool have_insts, have_cycles;
static unsigned n_events;
static const char *event_names[PERF_MAX_EVENTS];

static bool event_advertised(u16 num)
{
	if (num < 0x20)
		return (read_sysreg(pmceid0_el0) >> num) & 1;
	if (num < 0x40)
		return (read_sysreg(pmceid1_el0) >> (num - 0x20)) & 1;
	return false;
}

static void program_counter(unsigned idx, u16 event)
{
	write_sysreg(idx, pmselr_el0);
	isb(); /* the selector must take effect before the indirect write (ARM ARM D11.4) */
	write_sysreg(event | FILTER_NSH, pmxevtyper_el0);
}

void pmu_init(const struct cpu_features *f)
{
	unsigned counters, next = 1;
	u64 enable = 1ULL << 31;

	have_cycles = f->pmu_ver && f->pmu_ver != 0xf;
	have_insts = have_cycles && f->pmu_insts;
	if (!have_cycles)
		return;
	counters = (read_sysreg(pmcr_el0) >> 11) & 0x1f;
	/* Guests never touch the PMU: trap their accesses (TPM); all counters belong to EL2. */
	write_sysreg((1ULL << 6) | counters, mdcr_el2);
	write_sysreg(FILTER_NSH, pmccfiltr_el0);
	if (have_insts && counters > 0) {
		program_counter(0, EVT_INST_RETIRED);
		enable |= 1;
	}
	for (unsigned i = 0; i < ARRAY_SIZE(wanted) && next < counters && n_events < PERF_MAX_EVENTS; i++) {
		if (!event_advertised(wanted[i].num))
			continue;
		program_counter(next, wanted[i].num);
		enable |= 1ULL << next++;
		event_names[n_events++] = wanted[i].name;
	}
	write_sysreg(enable, pmcntenset_el0);
	write_sysreg(PMCR_E | PMCR_P | PMCR_C | PMCR_LC, pmcr_el0);
	isb();
}

unsigned arch_perf_event_names(const char *const **names)
{
	*names = event_names;
	return n_events;
}

static u64 read_event_counter(unsigned idx)
{
	write_sysreg(idx, pmselr_el0);
	isb();
	return read_sysreg(pmxevcntr_el0);
}

void arch_perf_read(struct perf_sample *s)
{
	isb(); /* do not let the reads move across the code being measured */
	s->cycles = have_cycles ? read_sysreg(pmccntr_el0) : 0;
	s->insts = have_insts ? read_sysreg(pmevcntr0_el0) : 0;
	for (unsigned i = 0; i < n_events; i++)
		s->ev[i] = read_event_counter(i + 1);
}
