/*
 * `dirty` / `dirty-dbm`: clean only what can hold Dirty lines at reinit. Guest RAM is mapped
 * read-only; the first write to a leaf makes it writable — by a permission fault we take
 * (`dirty`) or by the CPU's stage-2 dirty-state update of a DBM leaf (`dirty-dbm`, FEAT_HAFDBS,
 * VTCR_EL2.HD, which the core sets from STRATEGY_NEEDS_HW_DIRTY before setup). So at reinit a
 * writable leaf is exactly one written since the previous reinit: stage 2 itself is the log.
 * Those leaves, and the pages the loader rewrote (core/loader.c), are cleaned to the PoC; then
 * everything is write-protected again (DBM set for dirty-dbm) and the TLB invalidated — one
 * s2pt_flush_update walk — and the I-cache too. Pages not mapped are cleaned when they fault.
 */
#include "../core/cache_ops.h"
#include "../core/loader.h"
#include "../core/vm.h"
#include "strategy.h"

static const unsigned map_maint = MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE | MAP_WRITE_PROTECT;

/* Write-protect every leaf; with hardware dirty state, let the CPU mark it (DBM). */
static long log_restart(struct vm *vm, const struct s2pt_flush_sel *sel)
{
	u64 dbm = vm->s2.hw_dirty ? S2_PTE_DBM : 0;

	return s2pt_flush_update(&vm->s2, vm->ram_ipa, vm->ram_size, sel, dbm, S2_PTE_S2AP_W);
}

int dirty_setup(struct vm *vm)
{
	long ret;

	if (!vm->cfg->premap)
		return 0;
	ret = vm_premap(vm, MAP_CLEAN_DCACHE | MAP_INVAL_ICACHE);
	if (!ret)
		ret = log_restart(vm, NULL); /* premap has just cleaned everything */
	return ret < 0 ? (int)ret : 0;
}

int dirty_reinit(struct vm *vm)
{
	/* Writable leaves whole, and of the others what the loader rewrote. */
	const struct s2pt_flush_sel written = {
		.mask = S2_PTE_S2AP_W,
		.match = S2_PTE_S2AP_W,
		.always_lo = vm->ram_ipa,
		.always_hi = vm->ram_ipa + ALIGN_UP(loader_image_bytes(vm), PAGE_SIZE),
	};
	long ret = log_restart(vm, &written);

	/* Leaves stay executable: no exec fault will come to invalidate the I-cache. */
	icache_inval_all();
	return ret < 0 ? (int)ret : 0;
}

/* A write to a read-only leaf: log it by making the leaf writable (its other rights kept). */
static enum fault_result log_write(struct vm *vm, const struct s2_fault *f)
{
	unsigned level;
	u64 pte = s2pt_lookup(&vm->s2, f->ipa, &level);
	u64 size = s2_level_size(level);

	if (!pte)
		return FAULT_ERROR;
	return s2pt_relax_perms(&vm->s2, ALIGN_DOWN(f->ipa, size), size, S2_PROT_W) ? FAULT_ERROR
										      : FAULT_HANDLED;
}

enum fault_result dirty_fault(struct vm *vm, const struct s2_fault *f)
{
	if (f->perm && f->write && vm_ipa_in_ram(vm, f->ipa))
		return log_write(vm, f);
	return vm_map_on_fault(vm, f, map_maint);
}
