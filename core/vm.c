/* Guest RAM and the shared map-on-fault path (see vm.h). */
#include "vm.h"
#include "../strategies/strategy.h"
#include "cache_ops.h"
#include "lib.h"

#define GUEST_VMID 1

int vm_init(struct vm *vm, const struct config *cfg, const struct cpu_features *cpu, pa_t ram_pa)
{
	memset(vm, 0, sizeof(*vm));
	vm->cfg = cfg;
	vm->cpu = cpu;
	vm->ram_ipa = GUEST_RAM_IPA;
	vm->ram_pa = ram_pa;
	vm->ram_size = cfg->mem;
	smp_init(vm);
	return s2pt_init(&vm->s2, cpu->pa_bits, GUEST_VMID);
}

/* The leaf to map for a fault at `ipa`: a block when allowed and inside RAM, else a page. */
static u64 fault_leaf_size(const struct vm *vm, ipa_t ipa)
{
	ipa_t block = ALIGN_DOWN(ipa, SZ_2M);

	if (vm->cfg->block == SZ_2M && block >= vm->ram_ipa &&
	    block + SZ_2M <= vm->ram_ipa + vm->ram_size && IS_ALIGNED(vm_ipa_to_pa(vm, block), SZ_2M))
		return SZ_2M;
	return PAGE_SIZE;
}

/* Executable on an exec fault only (KVM), or always when the I-cache is invalidated at reinit. */
static void icache_for_exec(const struct vm *vm, pa_t pa, u64 size, unsigned maint)
{
	if ((maint & MAP_INVAL_ICACHE) && !vm->cfg->icache_all)
		icache_inval_pou(pa, size);
}

static enum fault_result relax_for_exec(struct vm *vm, const struct s2_fault *f, unsigned maint)
{
	unsigned level;
	u64 pte = s2pt_lookup(&vm->s2, f->ipa, &level);
	u64 size = s2_level_size(level);
	ipa_t ipa = ALIGN_DOWN(f->ipa, size);

	if (!pte || !f->exec)
		return FAULT_ERROR; /* write-permission faults belong to strategies that write-protect */
	icache_for_exec(vm, s2_pte_pa(pte), size, maint);
	return s2pt_relax_perms(&vm->s2, ipa, size, S2_PROT_X) ? FAULT_ERROR : FAULT_HANDLED;
}

enum fault_result vm_map_on_fault(struct vm *vm, const struct s2_fault *f, unsigned maint)
{
	u64 size;
	ipa_t ipa;
	pa_t pa;
	unsigned prot = S2_PROT_R | S2_PROT_W;

	if (!vm_ipa_in_ram(vm, f->ipa))
		return FAULT_OUTSIDE_RAM;
	if (f->perm)
		return relax_for_exec(vm, f, maint);
	size = fault_leaf_size(vm, f->ipa);
	ipa = ALIGN_DOWN(f->ipa, size);
	pa = vm_ipa_to_pa(vm, ipa);
	/* The guest may read this memory Non-cacheable: the loader's dirty lines must reach
	 * the PoC before the mapping exists (ARM ARM D8.17, B2.12: NC reads bypass the cache). */
	if (maint & MAP_CLEAN_DCACHE)
		cache_clean_inval_poc(pa, size);
	if ((maint & MAP_WRITE_PROTECT) && !f->write)
		prot &= ~S2_PROT_W;
	if (f->exec || vm->cfg->icache_all)
		prot |= S2_PROT_X;
	if (f->exec)
		icache_for_exec(vm, pa, size, maint);
	if (s2pt_map(&vm->s2, ipa, pa, size, prot, size))
		return FAULT_ERROR;
	vm->stats.pages_mapped += size / PAGE_SIZE;
	return FAULT_HANDLED;
}

int vm_premap(struct vm *vm, unsigned maint)
{
	if (maint & MAP_CLEAN_DCACHE)
		cache_clean_inval_poc(vm->ram_pa, vm->ram_size);
	/* Everything is executable from the start, so no exec fault will invalidate the I-cache. */
	if (maint & MAP_INVAL_ICACHE)
		icache_inval_all();
	vm->stats.pages_mapped += vm->ram_size / PAGE_SIZE;
	return s2pt_map(&vm->s2, vm->ram_ipa, vm->ram_pa, vm->ram_size, S2_PROT_RWX, vm->cfg->block);
}

int vm_refill_after_unmap(struct vm *vm, unsigned maint)
{
	if (vm->cfg->premap)
		return vm_premap(vm, maint);
	if (vm->cfg->icache_all && (maint & MAP_INVAL_ICACHE))
		icache_inval_all();
	return 0;
}
