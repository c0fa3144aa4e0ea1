/*
 * The four records of a run — hello, cfg, boot, done (docs/protocol.md, section 3) — and s2hv's
 * calibration program's `calib` records, emitted by one implementation for both hosts: s2hv (core/hv.c, core/reboot.c) and s2vmm (kvm/records.c)
 * fill these structures with what they measure and the key order, formatting and CRC are the
 * same. Keys only one host has are optional (absent when not set, never 0 for unknown).
 * Freestanding: no libc beyond core/lib.
 */
#ifndef S2_RECORDS_H
#define S2_RECORDS_H

#include "bench_calls.h"
#include "boot_exit.h"
#include "types.h"

/* A value that may be absent from the record. */
struct rec_opt {
	bool set;
	u64 v;
};
#define REC_SOME(x) ((struct rec_opt){true, (x)})

struct hello_rec {
	const char *hv, *board;
	const char *backend, *kernel, *kvm_mode; /* s2vmm; NULL = absent */
	struct rec_opt midr, pa_bits, fwb;
	u64 dic, idc, ctr;
	struct rec_opt hafdbs, pmu_ver; /* s2hv */
	const char *pmu_events;         /* s2hv */
	struct rec_opt cntfrq;          /* s2vmm */
	const char *probes;             /* s2vmm */
	struct rec_opt cal_hvc_insts, cal_hvc_cycles; /* s2hv */
};

struct cfg_rec {
	const char *strategy, *guest;
	u64 mem, boots, block; /* block: SZ_4K or SZ_2M, written 4k / 2m */
	const char *map, *icache; /* s2hv; NULL = absent (fixed by KVM under s2vmm) */
	struct rec_opt host_huge; /* s2vmm */
	u64 frac_tenths, stride, write, order, seed; /* frac in tenths of a %; order: index of
							     * BOOTARG_ORDER_WORDS */
	const char *trace; /* s2hv */
	struct rec_opt vcpus; /* s2hv, s2vmm, when more than one */
};

/* A measured span as <what>_<unit0> and <what>_<unit1>: the host's two units. */
struct rec_span {
	struct rec_opt v[2];
};

struct boot_rec {
	const char *units[2]; /* s2hv: cycles, insts (PMU); s2vmm: ns, ticks */
	u64 idx;
	struct rec_span reinit;          /* s2hv, boots after the first */
	struct rec_opt reinit_lines, reinit_lines_loaded; /* s2hv: of them, in the loader's range */
	unsigned nevents;                /* reinit_<event_names[i]> = event_values[i] */
	const char *const *event_names;
	const u64 *event_values;
	struct rec_opt faults, mmio_faults, stray_faults, fault_cycles, fault_max_cycles, fault_lines,
		icache_invals, tlbis, pages_mapped;
	struct rec_opt aborts_injected;  /* s2hv: aborts delivered to the guest's EL1 */
	struct rec_opt vcpus;            /* s2hv, s2vmm, when more than one: the guest's vCPUs */
	struct rec_span init;            /* s2vmm: KVM_ARM_VCPU_INIT */
	struct rec_opt unmaps, unmap_us, unmap_max_us, load_ns;
	struct rec_span ready, reboot;
	struct rec_opt doorbell_exits, bad_calls;
	struct rec_opt ready_flag;       /* `ready=`: when no span can say the guest got there */
	enum check_state check;
	enum boot_exit exit;
};

struct done_rec {
	const char *status;
	u64 boots;
	struct rec_opt faults, lines, tlbis;
};

/* One `calib` record: a cache level (op=cache), or a timed operation — the median and
 * quartiles of n samples, each of `ops` operations (over `bytes` bytes), in both clocks. */
struct calib_rec {
	const char *op;
	const char *state; /* absent, clean, dirty: the lines' state before a DC operation; or NULL */
	struct rec_opt level, line, sets, ways, size; /* op=cache */
	struct rec_opt cntfrq, insts;                 /* op=clock: insts in the timed loop */
	struct rec_opt bytes, ops, n;
	struct rec_opt cycles[3], ticks[3]; /* median, first quartile, third quartile */
	struct rec_opt insts_med;           /* median instructions retired per sample */
};

void emit_hello(const struct hello_rec *h);
void emit_cfg(const struct cfg_rec *c);
void emit_boot(const struct boot_rec *b);
void emit_done(const struct done_rec *d);
void emit_calib(const struct calib_rec *c);

#endif
