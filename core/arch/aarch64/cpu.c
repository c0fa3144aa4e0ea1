/* CPU feature detection from the ID registers (ARM ARM D19.2: ID_AA64*_EL1, CTR_EL0). */
#include "../../cpu_features.h"
#include "sysreg.h"

static const unsigned parange_bits[] = {32, 36, 40, 42, 44, 48, 52};

void cpu_features_read(struct cpu_features *f)
{
	u64 mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	u64 mmfr1 = read_sysreg(id_aa64mmfr1_el1);
	u64 mmfr2 = read_sysreg(id_aa64mmfr2_el1);
	u64 dfr0 = read_sysreg(id_aa64dfr0_el1);
	unsigned pa = mmfr0 & 0xf;

	f->midr = read_sysreg(midr_el1);
	f->ctr = read_sysreg(ctr_el0);
	f->pa_bits = pa < 7 ? parange_bits[pa] : 48;
	f->fwb = ((mmfr2 >> 40) & 0xf) != 0;
	f->dic = (f->ctr >> 29) & 1;
	f->idc = (f->ctr >> 28) & 1;
	f->hafdbs = mmfr1 & 0xf;
	f->pmu_ver = (dfr0 >> 8) & 0xf;
	f->pmu_cycles = false;
	f->pmu_insts = false;
	if (f->pmu_ver != 0 && f->pmu_ver != 0xf) {
		u64 ceid0 = read_sysreg(pmceid0_el0);

		f->pmu_cycles = true;            /* PMCCNTR_EL0 exists with any PMU */
		f->pmu_insts = (ceid0 >> 8) & 1;   /* INST_RETIRED (0x08) */
	}
}
