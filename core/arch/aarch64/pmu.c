/*
 * PMU at EL2: the cycle counter and INST_RETIRED on event counter 0, counting at EL1 and EL2
 * (PMEVTYPER/PMCCFILTR.NSH = 1: count in EL2, ARM ARM D11.5). Under QEMU -icount shift=0 both
 * are deterministic; cycles then equal instructions.
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

static bool have_insts, have_cycles;

void pmu_init(const struct cpu_features *f)
{
	u64 pmcr_n;

	have_cycles = f->pmu_cycles || (f->pmu_ver && f->pmu_ver != 0xf);
	have_insts = f->pmu_insts;
	if (!have_cycles)
		return;
	pmcr_n = (read_sysreg(pmcr_el0) >> 11) & 0x1f;
	/* Guests never touch the PMU: trap their accesses (TPM), leave all counters to EL2. */
	write_sysreg((1ULL << 6) | pmcr_n, mdcr_el2);
	write_sysreg(FILTER_NSH, pmccfiltr_el0);
	if (have_insts) {
		write_sysreg(0, pmselr_el0);
		isb();
		write_sysreg(EVT_INST_RETIRED | FILTER_NSH, pmxevtyper_el0);
	}
	write_sysreg((1ULL << 31) | (have_insts ? 1 : 0), pmcntenset_el0);
	write_sysreg(PMCR_E | PMCR_P | PMCR_C | PMCR_LC, pmcr_el0);
	isb();
}

void arch_perf_read(struct perf_sample *s)
{
	isb(); /* do not let the reads move across the code being measured */
	s->cycles = have_cycles ? read_sysreg(pmccntr_el0) : 0;
	s->insts = have_insts ? read_sysreg(pmevcntr0_el0) : 0;
}
