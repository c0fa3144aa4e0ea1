/*
 * `clean`: keep stage 2; at re-init walk it and DC CIVAC every mapped cacheable leaf to the PoC,
 * then invalidate all I-caches (pages stay executable). Pages never mapped fault as in `unmap`.
 */
#include "../core/cache_ops.h"
#include "../core/vm.h"
#include "../core/walk.h"
#include "strategy.h"

/* Physically contiguous leaves are cleaned as one range: one call and one DSB per run of
 * leaves instead of per page, the same lines cleaned. */
struct pending_range {
	pa_t start, end;
};

static void flush_range(struct pending_range *r)
{
	if (r->end > r->start)
		cache_clean_inval_poc(r->start, r->end - r->start);
	r->start = r->end = 0;
}

static int clean_leaf(struct walk_ctx *c)
{
	struct pending_range *r = c->arg;
	pa_t pa = s2_pte_pa(c->old);

	if (!s2_pte_valid(c->old) || !s2_pte_cacheable(c->pt, c->old))
		return 0;
	if (pa != r->end)
		flush_range(r);
	if (r->end == r->start)
		r->start = pa;
	r->end = pa + walk_ctx_size(c);
	return 0;
}

int clean_setup(struct vm *vm)
{
	return vm->cfg->premap ? vm_premap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE) : 0;
}

int clean_reinit(struct vm *vm)
{
	struct pending_range r = {0, 0};
	struct walker w = {.cb = clean_leaf, .arg = &r, .visits = WALK_LEAF | WALK_VALID_ONLY};
	int ret = s2pt_walk(&vm->s2, vm->ram_ipa, vm->ram_size, &w);

	flush_range(&r);
	/* Mapped pages keep their execute permission: no exec fault will come to do this. */
	icache_inval_all();
	return ret;
}

enum fault_result clean_fault(struct vm *vm, const struct s2_fault *f)
{
	return vm_map_on_fault(vm, f, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE);
}
