/*
 * Guest calls under s2hv (HVC, or SMC trapped by HCR_EL2.TSC): the bench calls through the
 * shared dispatcher (bench_calls.c) with s2hv's back-end — regions in PMU cycles less the
 * calibrated cost of a mark pair — and PSCI and every other SMCCC call in psci.c.
 */
#include "hypercall.h"
#include "bench_calls.h"
#include "psci.h"
#include "run.h"

static u64 pmu_cycles(void *ctx)
{
	struct perf_sample now;

	(void)ctx;
	arch_perf_read(&now);
	return now.cycles;
}

static void mark_ready(void *ctx)
{
	boot_mark_ready(ctx);
}

void hypercall_boot_start(const struct vm *vm, struct boot_ctx *b)
{
	const struct config *c = vm->cfg;

	b->calls.params = (struct bench_params){
		.ram_base = vm->ram_ipa, .ram_size = vm->ram_size, .boot = vm->boot_idx,
		.frac_tenths = c->frac_tenths, .stride = c->stride, .write = c->write_pct, .order = c->order,
		.seed = c->seed, .inject = c->inject, .vcpus = vm->smp.n,
	};
}

enum boot_exit hypercall_handle(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e)
{
	const struct bench_backend be = {
		.ctx = b, .clock = pmu_cycles, .unit_suffix = "_cycles",
		.mark_overhead = vm->cal.mark_cycles, .ready = mark_ready,
	};
	struct vcpu *v = e->vcpu;
	u64 ret;

	if (e->smc)
		v->pc += 4; /* a trapped SMC returns to itself (ARM ARM D1.10.2); HVC to the next */
	if (!bench_call(&b->calls, &be, v->x, &ret))
		return psci_handle(vm, v);
	v->x[0] = ret;
	return BOOT_CONTINUE;
}
