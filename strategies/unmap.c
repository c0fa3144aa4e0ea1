/*
 * `unmap`: KVM arm64 without FEAT_S2FWB. At re-init stage2_unmap_vm() removes every mapping and
 * cleans+invalidates each cacheable leaf to the PoC as it goes (Linux stage2_unmap_walker); every
 * page the guest touches again faults and is cleaned a second time before it is mapped.
 */
#include "../core/cache_ops.h"
#include "../core/vm.h"
#include "strategy.h"

static void clean_removed_leaf(const struct s2pt *pt, ipa_t ipa, pa_t pa, u64 size, u64 pte, void *arg)
{
	(void)ipa;
	(void)arg;
	if (s2_pte_cacheable(pt, pte))
		cache_clean_inval_poc(pa, size);
}

static int unmap_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE) : 0;
}

static int unmap_reinit(struct vm *vm)
{
	long removed = s2pt_unmap(&vm->s2, vm->ram_ipa, vm->ram_size, clean_removed_leaf, NULL);

	if (removed < 0)
		return (int)removed;
	return vm_refill_after_unmap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE);
}

static enum fault_result unmap_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE);
}

const struct strategy strategy_unmap = {
	.name = "unmap",
	.summary = "KVM without FWB: unmap all stage 2 cleaning each leaf, clean again at fault",
	.setup = unmap_setup,
	.reinit = unmap_reinit,
	.on_fault = unmap_fault,
};
