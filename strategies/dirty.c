/*
 * `dirty` / `dirty-dbm`: clean only what can hold Dirty lines at reinit. Guest RAM is mapped
 * read-only; the first write to a leaf makes it writable — by a permission fault we take
 * (`dirty`) or by the CPU's stage-2 dirty-state update of a DBM leaf (`dirty-dbm`, FEAT_HAFDBS,
 * VTCR_EL2.HD). So at reinit a writable leaf is exactly one written since the previous reinit:
 * stage 2 itself is the log. Those leaves, and the pages the loader rewrote (core/loader.c),
 * are cleaned to the PoC; then everything is write-protected again, the TLB invalidated (the
 * old writable entries must not outlive the protection, ARM ARM D8.16) and the I-cache too.
 * Pages not mapped are cleaned when they fault, as in `unmap`.
 */
#include "../core/arch.h" /* arch_pte_publish: the DSB before the TLBI (ARM ARM D8.16) */
#include "../core/cache_ops.h"
#include "../core/loader.h"
#include "../core/vm.h"
#include "../core/walk.h"
#include "strategy.h"

static const unsigned map_maint = MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE | MAP_WRITE_PROTECT;

struct log_pass {
	struct vm *vm;
	bool clean;   /* false at setup: premap has just cleaned everything */
	long changed; /* leaves whose permissions changed */
};

/* Clean [ipa, ipa+size) ∩ the loader's range. */
static void clean_loader_part(const struct vm *vm, ipa_t ipa, pa_t pa, u64 size)
{
	ipa_t lo = MAX(ipa, vm->ram_ipa);
	ipa_t hi = MIN(ipa + size, vm->ram_ipa + ALIGN_UP(loader_image_bytes(vm), PAGE_SIZE));

	if (lo < hi)
		cache_clean_inval_poc(pa + (lo - ipa), hi - lo);
}

static int log_leaf(struct walk_ctx *c)
{
	struct log_pass *p = c->arg;
	u64 pte = c->old;
	u64 reset = (pte & ~S2_PTE_S2AP_W) | (p->vm->s2.hw_dirty ? S2_PTE_DBM : 0);

	if (!s2_pte_is_leaf(pte, c->level) || !s2_pte_cacheable(c->pt, pte))
		return 0;
	if (p->clean && (pte & S2_PTE_S2AP_W))
		cache_clean_inval_poc(s2_pte_pa(pte), walk_ctx_size(c));
	else if (p->clean)
		clean_loader_part(p->vm, c->addr, s2_pte_pa(pte), walk_ctx_size(c));
	/* Permission-only change of a live leaf: no break-before-make (ARM ARM D8.16.1). */
	if (reset != pte) {
		*c->ptep = reset;
		p->changed++;
	}
	return 0;
}

static int log_restart(struct vm *vm, bool clean)
{
	struct log_pass p = {.vm = vm, .clean = clean};
	struct walker w = {.cb = log_leaf, .arg = &p, .visits = WALK_LEAF | WALK_VALID_ONLY};
	int ret = s2pt_walk(&vm->s2, vm->ram_ipa, vm->ram_size, &w);

	if (p.changed) {
		arch_pte_publish();
		tlb_flush_vmid(vm->s2.vmid);
	}
	return ret;
}

static int dirty_setup_common(struct vm *vm, bool hw_dirty)
{
	vm->s2.hw_dirty = hw_dirty; /* before arch_s2_enable() programs VTCR_EL2 */
	if (!vm->cfg->premap)
		return 0;
	if (vm_premap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE))
		return -1;
	return log_restart(vm, false);
}

int dirty_setup(struct vm *vm) { return dirty_setup_common(vm, false); }
int dirty_dbm_setup(struct vm *vm) { return dirty_setup_common(vm, true); }

int dirty_reinit(struct vm *vm)
{
	int ret = log_restart(vm, true);

	/* Leaves stay executable: no exec fault will come to invalidate the I-cache. */
	icache_inval_all();
	return ret;
}

/* A write to a read-only leaf: log it by making the leaf writable (its other rights kept). */
static enum fault_result log_write(struct vm *vm, const struct s2_fault *f)
{
	unsigned level;
	u64 pte = s2pt_lookup(&vm->s2, f->ipa, &level);
	u64 size = s2_level_size(level);
	unsigned prot = S2_PROT_R | S2_PROT_W | ((pte & S2_PTE_XN) ? 0 : S2_PROT_X);

	if (!pte)
		return FAULT_ERROR;
	return s2pt_set_prot(&vm->s2, ALIGN_DOWN(f->ipa, size), size, prot) ? FAULT_ERROR : FAULT_HANDLED;
}

enum fault_result dirty_fault(struct vm *vm, const struct s2_fault *f)
{
	if (f->perm && f->write && vm_ipa_in_ram(vm, f->ipa))
		return log_write(vm, f);
	return vm_map_on_fault(vm, f, map_maint);
}
