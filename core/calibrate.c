/*
 * See calibrate.h. The program's consecutive null calls are timed at the hypervisor's exit
 * handler: the distance between two handler entries is one full round trip (exit, decode,
 * handle, re-enter, the guest's next call) — what every guest call and stage-2 fault pays.
 */
#include "calibrate.h"
#include "arch.h"
#include "cache_ops.h"
#include "hypercall.h"
#include "lib.h"
#include "palloc.h"

pa_t calib_program_load(struct vm *vm, const u8 *start, const u8 *end)
{
	u64 size = (u64)(end - start);
	pa_t page = palloc_page();

	if (!page || size > PAGE_SIZE)
		goto fail;
	memcpy(arch_pa_to_va(page), start, size);
	/* The program runs MMU-off: its code must be at the PoC and not stale in the I-cache. */
	arch_dc_civac_range(page, PAGE_SIZE);
	arch_ic_iallu_is();
	if (s2pt_map(&vm->s2, CALIB_IPA, page, PAGE_SIZE, S2_PROT_R | S2_PROT_X, SZ_4K))
		goto fail;
	arch_s2_enable(&vm->s2, false);
	arch_vcpu_reset(&vm->vcpu, CALIB_IPA, 0, 0);
	return page;
fail:
	if (page)
		palloc_free(page);
	memset(&maint_counts, 0, sizeof(maint_counts));
	return 0;
}

void calib_program_unload(struct vm *vm, pa_t page)
{
	s2pt_unmap(&vm->s2, CALIB_IPA, PAGE_SIZE, NULL, NULL);
	palloc_free(page);
	memset(&maint_counts, 0, sizeof(maint_counts)); /* calibration is not part of any boot */
}

void calibrate(struct vm *vm)
{
	struct calibration *cal = &vm->cal;
	pa_t page = calib_program_load(vm, calib_guest_start, calib_guest_end);
	struct perf_sample first = {0}, last = {0};
	unsigned calls = 0;
	struct vcpu_exit e;

	memset(cal, 0, sizeof(*cal));
	if (!page)
		return;
	for (;;) {
		struct perf_sample now;

		arch_vcpu_run(&vm->vcpu, &e);
		arch_perf_read(&now);
		if (e.kind != EXIT_HYPERCALL || (u32)vm->vcpu.x[0] != S2B_VERSION)
			break;
		if (calls++ == 0)
			first = now;
		last = now;
		vm->vcpu.x[0] = 1;
	}
	if (calls == CALIB_CALLS) {
		cal->hvc_cycles = (last.cycles - first.cycles) / (calls - 1);
		cal->hvc_insts = (last.insts - first.insts) / (calls - 1);
		cal->mark_cycles = cal->hvc_cycles;
		cal->done = true;
	}
	calib_program_unload(vm, page);
}
