/*
 * Guest calls under s2hv (HVC, or SMC trapped by HCR_EL2.TSC): the bench calls here, with their
 * host-independent meaning in bench_calls.c; PSCI and every other SMCCC call in psci.c.
 */
#include "hypercall.h"
#include "bench_calls.h"
#include "guest_console.h"
#include "lib.h"
#include "proto.h"
#include "psci.h"
#include "run.h"

static void guest_mark(struct vm *vm, struct boot_ctx *b, u64 kind, u64 tag)
{
	struct perf_sample now;

	if (kind == S2B_MARK_READY) {
		boot_mark_ready(b);
		return;
	}
	arch_perf_read(&now);
	if (kind == S2B_MARK_BEGIN) {
		b->mark = now;
		b->mark_tag = tag;
	} else if (kind == S2B_MARK_END && tag == b->mark_tag) {
		u64 region = now.cycles - b->mark.cycles;

		/* an empty BEGIN/END pair costs one round trip: measured at start, subtracted here */
		bench_region_metric(vm->boot_idx, tag, "_cycles", region - MIN(vm->cal.mark_cycles, region));
	}
}

static u64 guest_param(const struct vm *vm, const u64 x[6])
{
	const struct config *c = vm->cfg;
	const struct bench_params p = {
		.ram_base = vm->ram_ipa, .ram_size = vm->ram_size, .boot = vm->boot_idx,
		.frac_tenths = c->frac_tenths, .stride = c->stride, .write = c->write_pct, .order = c->order,
		.seed = c->seed, .inject = c->inject,
	};

	return bench_param(&p, x);
}

enum boot_exit hypercall_handle(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e)
{
	struct vcpu *v = &vm->vcpu;
	u64 ret = 0;

	if (e->smc)
		v->pc += 4; /* a trapped SMC returns to itself (ARM ARM D1.10.2); HVC to the next */
	switch ((u32)v->x[0]) {
	case S2B_VERSION:
		ret = 1;
		break;
	case S2B_WRITE:
		guest_console_write_packed(&b->console, v->x);
		break;
	case S2B_MARK:
		guest_mark(vm, b, v->x[1], v->x[2]);
		break;
	case S2B_REPORT:
		bench_report(vm->boot_idx, v->x);
		break;
	case S2B_CHECK:
		vm->stats.check = bench_check(vm->boot_idx, vm->stats.check, v->x);
		break;
	case S2B_PARAM:
		ret = guest_param(vm, v->x);
		break;
	default:
		return psci_handle(v);
	}
	v->x[0] = ret;
	return BOOT_CONTINUE;
}
