/*
 * `unmap`: KVM arm64 without FEAT_S2FWB. At re-init stage2_unmap_vm() removes every mapping and
 * cleans+invalidates each cacheable leaf to the PoC as it goes (Linux stage2_unmap_walker); every
 * page the guest touches again faults and is cleaned a second time before it is mapped.
 *
 * `lazy`: the same without the unmap-time clean: pay only at fault time. The unmap-time clean in
 * KVM exists for host reclaim, not for reboot: this measures (and the simulator checks) what
 * reboot needs. Both share everything but that clean, so they live here together.
 */
#include "../core/cache_ops.h"
#include "../core/vm.h"
#include "strategy.h"

static const unsigned fault_maint = MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE;

static void clean_removed_leaf(const struct s2pt *pt, ipa_t ipa, pa_t pa, u64 size, u64 pte, void *arg)
{
	(void)ipa;
	(void)arg;
	if (s2_pte_cacheable(pt, pte))
		cache_clean_inval_poc(pa, size);
}

int unmap_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, fault_maint) : 0;
}

static int unmap_all(struct vm *vm, s2_leaf_hook on_removed)
{
	long removed = s2pt_unmap(&vm->s2, vm->ram_ipa, vm->ram_size, on_removed, NULL);

	if (removed < 0)
		return (int)removed;
	return vm_refill_after_unmap(vm, fault_maint);
}

int unmap_reinit(struct vm *vm)
{
	return unmap_all(vm, clean_removed_leaf);
}

int lazy_reinit(struct vm *vm)
{
	return unmap_all(vm, NULL);
}

enum fault_result unmap_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, fault_maint);
}
