/*
 * What the bench calls mean (docs/protocol.md, section 2), whichever host answers them: s2hv
 * (core/hypercall.c, over HVC) and s2vmm (kvm/guest_calls.c, over the doorbell). Every value
 * comes in registers `x[0..5]`: no host reads guest memory for a call, because an MMU-off guest
 * writes Non-cacheable and a host reads cacheable (the incoherence this tool measures).
 */
#ifndef S2_BENCH_CALLS_H
#define S2_BENCH_CALLS_H

#include "types.h"

enum check_state { CHECK_NONE, CHECK_PASS, CHECK_FAIL };
/* The `check=` word of a boot record for each state. */
extern const char *const check_state_names[3];

/* What S2B_PARAM answers, by name. */
struct bench_params {
	u64 ram_base, ram_size, boot, frac_tenths, stride, write, order, seed, inject;
};

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
