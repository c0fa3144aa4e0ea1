/* CPU features that decide which strategies can run and what the measurements contain. */
#ifndef S2_CPU_FEATURES_H
#define S2_CPU_FEATURES_H

#include "types.h"

struct cpu_features {
	u64 midr;
	u64 ctr;          /* CTR_EL0 */
	unsigned pa_bits; /* from ID_AA64MMFR0_EL1.PARange */
	bool fwb;         /* FEAT_S2FWB: ID_AA64MMFR2_EL1.FWB */
	bool dic, idc;    /* CTR_EL0.{DIC,IDC} */
	unsigned hafdbs;  /* ID_AA64MMFR1_EL1.HAFDBS: 1 = access flag, 2 = + dirty state */
	unsigned pmu_ver; /* ID_AA64DFR0_EL1.PMUVer */
	bool pmu_insts;   /* INST_RETIRED countable */
	bool pmu_cycles;
};

void cpu_features_read(struct cpu_features *f);

#endif
