/* Per-boot measures. Sums treat a missing part as absent, not as zero. */
#include "measure.h"

#include <string.h>

const struct measure_def measure_defs[NMEASURES] = {
	[M_COST] = { "cost", "reinit + fault cost", 1 },
	[M_REINIT] = { "reinit", "reinit (eager) cost", 1 },
	[M_FAULT_CYCLES] = { "fault_cost", "stage-2 fault cost", 1 },
	[M_FAULTS] = { "faults", "stage-2 faults", 0 },
	[M_LINES] = { "lines", "cache lines cleaned", 0 },
	[M_READY] = { "ready", "time to ready", 1 },
	[M_KVM_INIT] = { "init_ns", "KVM re-init time", 1, "ns" },
	[M_KVM_UNMAP] = { "unmap_us", "KVM stage-2 unmap time", 1, "µs" },
	[M_KVM_REBOOT] = { "reboot_ns", "KVM reboot time", 1, "ns" },
};

static double time_of(const struct boot *b, enum boot_field cycles, enum boot_field insts)
{
	return is_absent(b->v[cycles]) ? b->v[insts] : b->v[cycles];
}

double measure_of(const struct boot *b, enum measure m)
{
	switch (m) {
	case M_COST:
		return time_of(b, BF_REINIT_CYCLES, BF_REINIT_INSTS) + b->v[BF_FAULT_CYCLES];
	case M_REINIT:
		return time_of(b, BF_REINIT_CYCLES, BF_REINIT_INSTS);
	case M_FAULT_CYCLES:
		return b->v[BF_FAULT_CYCLES];
	case M_FAULTS:
		return b->v[BF_FAULTS];
	case M_LINES:
		return b->v[BF_REINIT_LINES] + b->v[BF_FAULT_LINES];
	case M_READY:
		return time_of(b, BF_READY_CYCLES, BF_READY_INSTS);
	case M_KVM_INIT:
		return b->v[BF_INIT_NS];
	case M_KVM_UNMAP:
		return b->v[BF_UNMAP_US];
	case M_KVM_REBOOT:
		return b->v[BF_REBOOT_NS];
	default:
		return ABSENT;
	}
}

int measure_by_key(const char *key)
{
	for (int m = 0; m < NMEASURES; m++)
		if (strcmp(measure_defs[m].key, key) == 0)
			return m;
	return -1;
}
