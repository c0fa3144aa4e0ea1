/*
 * `none`: the negative control. No cache maintenance at all, at re-init or at fault. It must be
 * caught by the coherence tests (tests/unit/core), which show the stale read or fetch.
 */
#include "../core/vm.h"
#include "strategy.h"

static int none_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, 0) : 0;
}

static int none_reinit(struct vm *vm)
{
	(void)vm;
	return 0;
}

static enum fault_result none_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, 0);
}

const struct strategy strategy_none = {
	.name = "none",
	.summary = "negative control: no cache maintenance (must be caught by the tests)",
	.setup = none_setup,
	.reinit = none_reinit,
	.on_fault = none_fault,
};
