/*
 * `clean`: keep stage 2; at re-init walk it and DC CIVAC every mapped cacheable leaf to the PoC,
 * then invalidate all I-caches (pages stay executable). s2pt_flush cleans physically contiguous
 * leaves as one range (one call, one DSB per run). Pages never mapped fault as in `unmap`.
 */
#include "../core/cache_ops.h"
#include "../core/vm.h"
#include "strategy.h"

int clean_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE) : 0;
}

int clean_reinit(struct vm *vm)
{
	static const struct s2pt_flush_sel every_leaf = {0};
	int ret = s2pt_flush(&vm->s2, vm->ram_ipa, vm->ram_size, &every_leaf);

	/* Mapped pages keep their execute permission: no exec fault will come to do this. */
	icache_inval_all();
	return ret;
}

enum fault_result clean_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE);
}
