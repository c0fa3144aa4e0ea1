/*
 * `lazy`: remove every stage-2 mapping without cleaning; pay only at fault time, where each page
 * is cleaned to the PoC before it is mapped. The unmap-time clean in KVM exists for host
 * reclaim, not for reboot: this strategy measures (and the simulator checks) what reboot needs.
 */
#include "../core/vm.h"
#include "strategy.h"

static int lazy_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE) : 0;
}

static int lazy_reinit(struct vm *vm)
{
	long removed = s2pt_unmap(&vm->s2, vm->ram_ipa, vm->ram_size, NULL, NULL);

	if (removed < 0)
		return (int)removed;
	return vm_refill_after_unmap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE);
}

static enum fault_result lazy_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE);
}

const struct strategy strategy_lazy = {
	.name = "lazy",
	.summary = "unmap all stage 2 without cleaning; clean each page at fault",
	.setup = lazy_setup,
	.reinit = lazy_reinit,
	.on_fault = lazy_fault,
};
