/* The one guest VM: its RAM, stage 2, configuration and per-boot counters. */
#ifndef S2_VM_H
#define S2_VM_H

#include "bench_calls.h"
#include "config.h"
#include "cpu_features.h"
#include "s2pt.h"
#include "smp.h"
#include "vcpu.h"

#define GUEST_RAM_IPA 0x40000000ULL

/* Counters of one boot; emitted as a `boot` record (docs/protocol.md). */
struct boot_stats {
	u64 faults, fault_cycles, fault_max_cycles, fault_lines;
	u64 pages_mapped;
	u64 aborts_injected; /* synchronous external aborts delivered to the guest (guest_abort.c) */
};

/* Measured at start by calibrate(): what the measurement itself costs. */
struct calibration {
	u64 hvc_cycles, hvc_insts; /* one null guest call: guest → EL2 → guest */
	/* An empty BEGIN/END mark pair measures one round trip: subtracted from every region. */
	u64 mark_cycles;
	bool done;
};

struct vm {
	const struct config *cfg;
	const struct cpu_features *cpu;
	struct s2pt s2;
	struct vcpu vcpu; /* vCPU 0, the one that boots the guest */
	struct smp smp;   /* the others, and their power states (smp.h) */
	ipa_t ram_ipa;
	pa_t ram_pa;
	u64 ram_size;
	u64 boot_idx;
	struct boot_stats stats;
	struct calibration cal;
	void *strategy_data; /* owned by the strategy (e.g. dirty-page log) */
};

int vm_init(struct vm *vm, const struct config *cfg, const struct cpu_features *cpu, pa_t ram_pa);

static inline bool vm_ipa_in_ram(const struct vm *vm, ipa_t ipa)
{
	return ipa >= vm->ram_ipa && ipa - vm->ram_ipa < vm->ram_size;
}
static inline pa_t vm_ipa_to_pa(const struct vm *vm, ipa_t ipa)
{
	return vm->ram_pa + (ipa - vm->ram_ipa);
}

/*
 * The stage-2 fault path shared by strategies that map on demand (KVM's user_mem_abort):
 * map the faulting page or block, cleaning it to the PoC first when `clean` is set, and
 * invalidating the I-cache when the guest executes it (or always, with s2b.icache=all).
 * KVM-style: pages are mapped non-executable until an instruction fetch faults on them.
 */
enum map_maint {
	MAP_CLEAN_DCACHE = 1, /* DC CIVAC the leaf to the PoC before it is mapped */
	MAP_INVAL_ICACHE = 2, /* invalidate the I-cache before the guest can execute it */
	MAP_WRITE_PROTECT = 4, /* map read-only unless the fault is a write (dirty logging) */
};
enum fault_result;
struct s2_fault;
enum fault_result vm_map_on_fault(struct vm *vm, const struct s2_fault *f, unsigned maint);

/* Map all guest RAM now (s2b.map=premap), executable, with the given maintenance. */
int vm_premap(struct vm *vm, unsigned maint);

/*
 * After stage 2 was emptied at reinit: premap again (s2b.map=premap), or, with s2b.icache=all,
 * invalidate the I-cache once now since faults will map pages executable without it.
 */
int vm_refill_after_unmap(struct vm *vm, unsigned maint);

#endif
