/* Kernel-side measurements through tracefs, for this process's VM only:
 *   - stage-2 faults: the kvm:kvm_guest_fault tracepoint (KVM's stats fd has no such counter);
 *   - stage2_unmap_vm: a kprobe + kretprobe pair, so we see whether and how long it ran.
 * Whatever cannot be set up (no tracefs, no root, no kprobes) is reported absent, never zero. */
#ifndef S2VMM_PROBES_H
#define S2VMM_PROBES_H

#include "../core/types.h"
#include "vgic.h"

struct probes {
	char dir[48];     /* tracefs mount, "" if none */
	bool faults;      /* kvm_guest_fault counted */
	bool unmap;       /* stage2_unmap_vm entry/return probed */
	bool lost;        /* the trace buffer overflowed once: those counts were left absent */
	char note[96];    /* why something is missing, "" if all is there */
};

struct probe_counts {
	bool faults_known, unmap_known;
	u64 ram_faults;   /* stage-2 aborts on guest RAM: the faults KVM maps pages on */
	u64 mmio_faults;  /* aborts on the doorbell page, forwarded to us as MMIO */
	u64 stray_faults; /* aborts elsewhere outside RAM (not the UART or vGIC): the access that ended a boot in error */
	u64 unmaps;       /* stage2_unmap_vm calls */
	u64 unmap_us;     /* their summed duration (tracefs prints microseconds) */
	u64 unmap_max_us; /* the longest one: with N vCPUs the first finds stage 2 full, the rest empty */
};

void probes_open(struct probes *p);
/* Count the faults of these threads (the vCPU threads of this boot, s2vmm's own included)
 * instead of the process's main thread alone: the tracepoint's common_pid is a thread id. */
void probes_follow_threads(struct probes *p, const int *tids, unsigned n);
/* Empty the trace buffer: what follows belongs to the next boot. */
void probes_begin(struct probes *p);
/* Count what happened since probes_begin; faults on [ram_lo, ram_hi) count as RAM faults, on
 * [db_lo, db_hi) as doorbell (MMIO) faults, on the UART's or the vGIC's registers not at all
 * (emulated devices' registers, as s2hv counts them), anywhere else as stray faults. */
void probes_collect(struct probes *p, u64 ram_lo, u64 ram_hi, u64 db_lo, u64 db_hi,
		    enum gic_kind gic, struct probe_counts *out);
void probes_close(struct probes *p);

#endif
