/*
 * `none`: the negative control. No cache maintenance at all, at re-init or at fault. It must be
 * caught by the coherence tests (tests/unit/core), which show the stale read or fetch.
 */
#include "../core/vm.h"
#include "strategy.h"

int none_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, 0) : 0;
}

int none_reinit(struct vm *vm)
{
	(void)vm;
	return 0;
}

enum fault_result none_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, 0);
}
