/*
 * The bench calls (docs/protocol.md, section 2), one dispatcher for both hosts: s2hv
 * (core/hypercall.c, over HVC) and s2vmm (kvm/guest_calls.c, over the doorbell) each give a
 * back-end for what differs (the clock of marks, READY, refusing empty names) and the calls that
 * are not bench calls. Every value comes in registers `x[0..5]`: no host reads guest memory for a
 * call, because an MMU-off guest writes Non-cacheable and a host reads cacheable (the
 * incoherence this tool measures).
 */
#ifndef S2_BENCH_CALLS_H
#define S2_BENCH_CALLS_H

#include "guest_console.h"
#include "types.h"

enum check_state { CHECK_NONE, CHECK_PASS, CHECK_FAIL };
/* The `check=` word of a boot record for each state. */
extern const char *const check_state_names[3];

/* What S2B_PARAM answers, by name. */
struct bench_params {
	u64 ram_base, ram_size, boot, frac_tenths, stride, write, order, seed, inject;
	u64 vcpus; /* 0 from a host without SMP: the guest takes it as 1 */
};

/* What one host does differently. */
struct bench_backend {
	void *ctx;                /* handed to the functions below */
	u64 (*clock)(void *ctx);  /* times BEGIN/END regions: PMU cycles (s2hv), ns (s2vmm) */
	const char *unit_suffix;  /* of a region's metric: "_cycles", "_ns" */
	u64 mark_overhead;        /* an empty BEGIN/END pair, subtracted from regions (0: none) */
	void (*ready)(void *ctx); /* MARK READY */
	/* NULL: a metric or mark with an empty name is carried out (s2hv). Else such a call is
	 * refused through it, and the guest reads back what it returns (s2vmm: NOT_SUPPORTED). */
	u64 (*refuse)(void *ctx, u64 call, const char *why);
};

/* One boot's bench-call state, the same on both hosts. */
struct bench_session {
	struct bench_params params; /* .boot is the boot's index */
	struct guest_line console;  /* relayed console bytes until a newline */
	enum check_state check;
	bool mark_open;             /* a BEGIN waits for its END: an END alone measures nothing */
	u64 mark_start, mark_tag;
};

/* Performs the bench call in x[0] and sets what the guest reads back in *ret. Returns false when
 * x[0] is no bench call (PSCI, other SMCCC calls): the host's own to answer. */
bool bench_call(struct bench_session *s, const struct bench_backend *be, const u64 x[6], u64 *ret);

/* A packed name: up to 8 ASCII bytes, first in the low byte; anything else becomes '?'. */
void bench_unpack_name(u64 packed, char out[9]);
/* S2B_REPORT: a `metric` record. */
void bench_report(u64 boot, const u64 x[6]);
/* The end of a BEGIN/END region named by `tag`: metric `<tag><unit_suffix>` = value. */
void bench_region_metric(u64 boot, u64 tag, const char *unit_suffix, u64 value);
/* S2B_CHECK: the boot's check state after this verdict; a failure also gets an `error` record. */
enum check_state bench_check(u64 boot, enum check_state prev, const u64 x[6]);
/* S2B_PARAM: the value of the parameter named by the packed name in x[1], or ~0. */
u64 bench_param(const struct bench_params *p, const u64 x[6]);

#endif
