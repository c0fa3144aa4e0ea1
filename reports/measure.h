/* What a report measures per warm boot (idx >= 1), derived from a boots.csv row. */
#ifndef S2B_REPORTS_MEASURE_H
#define S2B_REPORTS_MEASURE_H

#include "results.h"

enum measure {
	M_COST,   /* reinit + stage-2 fault handling: what the strategy costs per reboot */
	M_REINIT, /* the eager part at reset */
	M_FAULT_CYCLES,
	M_FAULTS,
	M_LINES,  /* cache lines cleaned, at reinit and at fault time */
	M_READY,  /* reset to the guest's READY mark */
	/* s2vmm's (KVM) boot keys, in wall-clock units; absent for s2hv runs */
	M_KVM_INIT,   /* KVM_ARM_VCPU_INIT of every vCPU: KVM's re-init */
	M_KVM_UNMAP,  /* stage2_unmap_vm inside that init */
	M_KVM_REBOOT, /* image rewrite to READY */
	NMEASURES
};

struct measure_def {
	const char *key;   /* short name for tables and compare */
	const char *label; /* axis/table label */
	int is_time;       /* a duration */
	const char *unit;  /* its unit when fixed (ns, us); NULL: cycles (= instructions on QEMU) */
};
extern const struct measure_def measure_defs[NMEASURES];

/* The measure for boot B, or ABSENT (cycles fall back to instructions when the CPU has no cycle
 * counter value in the record). */
double measure_of(const struct boot *b, enum measure m);
/* Looks up a measure by key; -1 if unknown. */
int measure_by_key(const char *key);

#endif
