/*
 * `fwb`: FEAT_S2FWB. HCR_EL2.FWB forces stage-2 Normal memory to Write-Back whatever the guest's
 * stage 1 says, so an MMU-off guest reads through the cache and sees the loader's writes; with
 * FWB the architecture also requires CLIDR_EL1.{LoUU,LoUIS} = 0, so only the I-cache needs
 * invalidating (KVM's FWB branch of kvm_arch_vcpu_ioctl_vcpu_init: icache_inval_all_pou()).
 */
#include "../core/cache_ops.h"
#include "../core/vm.h"
#include "strategy.h"

/* Its line in table.h needs STRATEGY_NEEDS_FWB: refused without FEAT_S2FWB, and the core has
 * set HCR_EL2.FWB and the FWB attribute encoding before this runs (core/reboot.c). */
int fwb_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, MAP_INVAL_ICACHE) : 0;
}

int fwb_reinit(struct vm *vm)
{
	(void)vm;
	icache_inval_all();
	return 0;
}

enum fault_result fwb_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, MAP_INVAL_ICACHE);
}
