/*
 * The host back-end of the core (core/arch/sim): simulated physical memory, a cache model as
 * unforgiving as the architecture allows (docs/strategies.md, docs/design.md "The simulator's
 * coherence model"), a stage-2 TLB, and guest/host accessors for scenario tests. The arch_*
 * maintenance calls act on the model and are counted.
 */
#ifndef S2_SIM_H
#define S2_SIM_H

#include "../../cpu_features.h"
#include "../../s2pt.h"
#include "../../types.h"

/* The largest cache line the model holds (buffers are this big): CTR_EL0.DminLine = 6. */
#define SIM_LINE_MAX 256

/* Simulated physical memory [0, size) = the contents at the PoC ("DRAM"). Zero-filled.
 * Also resets the caches and TLB to sim_cache_defaults(). */
void sim_mem_init(u64 size);
void sim_mem_free(void);
u64 sim_mem_size(void);

/* Every arch maintenance call, counted (tests assert costs with these). */
struct sim_counts {
	u64 dc_civac_lines, dc_cvac_lines, dc_ivac_lines;
	u64 ic_iallu, ic_ivau_lines;
	u64 tlbi_vmid, tlbi_ipa;
	u64 pte_publish;
};
extern struct sim_counts sim_counts;
void sim_counts_reset(void);

/* The CPU the sim reports through cpu_features_read(). sim_cpu.fwb also places the PoU:
 * without FEAT_S2FWB below the D-cache, with it CLIDR_EL1.{LoUU,LoUIS} = 0 (fetch sees it). */
extern struct cpu_features sim_cpu;
/* The line size of both caches in bytes, from sim_cpu.ctr (CTR_EL0.DminLine, log2 of 4-byte
 * words; the model uses one size for both caches), as arch_dcache_line_size() reports it. */
u32 sim_line(void);
/* Give sim_cpu `bytes`-byte D- and I-cache lines (a power of two, 16..SIM_LINE_MAX) in its
 * CTR_EL0.{DminLine,IminLine}; takes effect at the next sim_cache_init() / sim_mem_init(). */
void sim_cpu_set_line(u32 bytes);

/* Mutation hooks: make the arch ops wrong on purpose, to show the tests catch it. */
enum sim_mutation {
	SIM_MUT_NONE,
	SIM_MUT_DROP_IC_IALLU,  /* IC IALLUIS does nothing */
	SIM_MUT_CIVAC_AS_IVAC,  /* DC CIVAC invalidates without cleaning (drops Dirty data) */
	SIM_MUT_DROP_TLBI,      /* TLBIs do nothing */
};
extern enum sim_mutation sim_mutation;

/* ---- Cache model (sim_dcache.c, sim_icache.c) ---- */
enum sim_evict { SIM_EVICT_RANDOM, SIM_EVICT_LRU };

struct sim_cache_config {
	u32 dcache_bytes, dcache_ways;
	u32 icache_bytes, icache_ways;
	enum sim_evict evict;
	u64 seed;
	/* Chance, per model event (access or maintenance call), of one speculative D-cache fill
	 * of a random line of [spec_base, spec_base + spec_size) (the hypervisor's linear map)
	 * and of one speculative I-cache fill of a random guest-executable line. */
	u32 spec_per_mille;
	pa_t spec_base;
	u64 spec_size;
	/* I-cache speculation may also fill from any line of the spec range (an EL2 linear map
	 * that is executable), not only from lines the guest's stage 2 maps executable. */
	bool spec_ifetch_anywhere;
};

void sim_cache_defaults(struct sim_cache_config *c);
/* Empty both caches and the TLB and restart the random sequence from c->seed. */
void sim_cache_init(const struct sim_cache_config *c);

/* Host (hypervisor) accesses through its cacheable Normal Write-Back linear map. */
void sim_host_write(pa_t pa, const void *src, u64 size);
void sim_host_read(pa_t pa, void *dst, u64 size);
/*
 * Run `writer`, which stores to [pa, pa+size) with plain stores via arch_pa_to_va() (e.g. the
 * real loader_load_image), and replay those stores as cacheable host writes: memory keeps its
 * old contents and the new bytes sit in Dirty lines, as on hardware.
 */
void sim_host_cacheable_stores(pa_t pa, u64 size, void (*writer)(void *arg), void *arg);
/* The same as a bracket, for stores the real reboot loop makes (loader_load_image): plain
 * stores to [pa, pa+size) between begin and end are replayed as cacheable host writes. */
void sim_host_stores_begin(pa_t pa, u64 size);
void sim_host_stores_end(void);

/* What memory would hold once every Dirty line is written back (Clean lines do not count). */
void sim_memory_after_writeback(pa_t pa, void *dst, u64 size);
/* Evict everything: write back Dirty lines, invalidate all D- and I-lines. */
void sim_cache_flush_all(void);
/* Evict one random valid D-line now (writing it back if Dirty); false if the cache is empty. */
bool sim_cache_evict_random(void);

/* Model internals shared by the sim's files (not for tests). */
enum sim_line_state { SIM_INVALID, SIM_CLEAN, SIM_DIRTY };
struct sim_dline;
void sim_dc_read(pa_t line, u8 *dst);             /* cacheable, allocating */
void sim_dc_write(pa_t line, const u8 *src, unsigned off, unsigned len);
bool sim_dc_peek(pa_t line, u8 *dst, enum sim_line_state *st); /* no allocation */
void sim_dc_maint(pa_t line, bool clean, bool inval);
void sim_ic_fetch(pa_t line, bool cacheable, u8 *dst);
void sim_ic_fill_speculative(pa_t line);
void sim_ic_inval_line(pa_t line);
void sim_ic_inval_all(void);
void sim_ic_reset(u32 bytes, u32 ways);
void sim_dc_reset_all(void);
u64 sim_rand(void);
void sim_speculate(void);
extern struct sim_cache_config sim_cache_cfg;

/* ---- Stage-2 TLB (sim_tlb.c): cached leaf descriptors, stale until invalidated ---- */
void sim_tlb_reset(void);
/* The leaf for `ipa` as the CPU would use it: a TLB hit, else a table walk that fills the TLB.
 * Returns 0 for a translation fault; *ptep (when non-NULL) points at the table entry. */
u64 sim_tlb_translate(struct s2pt *pt, ipa_t ipa, unsigned *level, u64 **ptep);
void sim_tlb_update(ipa_t ipa, u64 pte); /* hardware dirty-state update of a cached entry */
void sim_tlb_inval_all(void);
void sim_tlb_inval_ipa(ipa_t ipa);

/* ---- Guest accesses by IPA through its stage 2 (sim_guest.c) ---- */
struct sim_fault {
	ipa_t ipa;
	bool write, exec, perm;
};

/* The guest's stage 2, its RAM [ram_ipa, ram_ipa + ram_size) (speculative fetches pick from
 * there) and whether stage-2 DBM (VTCR_EL2.HD) is on. NULL detaches. */
void sim_guest_attach(struct s2pt *pt, ipa_t ram_ipa, u64 ram_size, bool hw_dirty);
/*
 * One access inside one cache line (sim_line()). MMU off: Non-cacheable unless the stage-2 leaf is
 * FWB-forced Write-Back; MMU on: cacheable (identity stage 1, Normal WB) unless stage 2 says
 * Device. Returns true when done; false with *f filled on a stage-2 fault (nothing accessed).
 */
bool sim_guest_read(ipa_t ipa, void *dst, u64 size, bool mmu_on, struct sim_fault *f);
bool sim_guest_write(ipa_t ipa, const void *src, u64 size, bool mmu_on, struct sim_fault *f);
bool sim_guest_fetch(ipa_t ipa, void *dst, u64 size, bool mmu_on, struct sim_fault *f);
/* The guest RAM range speculative fetches pick from; arch_s2_enable() attaches the stage 2. */
void sim_guest_ram(ipa_t ram_ipa, u64 ram_size);
void sim_guest_stage2(const struct s2pt *pt);
/* One speculative instruction fetch of a random line the guest's stage 2 maps executable. */
void sim_guest_speculative_fetch(void);
/* The guest's own DC CVAU + IC IVAU for code it wrote (not hypervisor cost: not counted). */
void sim_guest_sync_code(ipa_t ipa);

/* ---- The vCPU (sim_vcpu.c): a guest program run as a coroutine by arch_vcpu_run ---- */
struct vcpu;
struct vcpu_exit;
/* The program starts at every arch_vcpu_reset(), on `v`; it traps with sim_vcpu_trap() and
 * continues when the hypervisor next enters the vCPU. Returning from it traps as EXIT_OTHER. */
typedef void (*sim_guest_fn)(struct vcpu *v, void *arg);
void sim_vcpu_program(sim_guest_fn fn, void *arg);
void sim_vcpu_trap(const struct vcpu_exit *e);
/* An HVC with x0..x3 (PC stepped as hardware does); returns x0 as the hypervisor left it. */
u64 sim_vcpu_hvc(struct vcpu *v, u64 x0, u64 x1, u64 x2, u64 x3);
/* A stage-2 abort of `f`; returns when the hypervisor resumes the vCPU to retry the access. */
void sim_vcpu_abort(const struct sim_fault *f);

struct sim_vcpu_stats {
	u64 resets, entries, s2_enables;
	u64 aborts_injected, last_injected_far; /* arch_vcpu_inject_abort */
};
extern struct sim_vcpu_stats sim_vcpu_stats;

#endif
