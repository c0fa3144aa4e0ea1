/* The cache model on its own: each rule of docs/design.md "The simulator's coherence model". */
#include <criterion/criterion.h>
#include <string.h>
#include "arch.h"
#include "cache_ops.h"
#include "fixture.h"

#define PA_X (16ULL << 20)
#define IPA_X 0x40000000ULL

static u64 mem_u64(pa_t pa) { return *(u64 *)arch_pa_to_va(pa); }

static void host_put(pa_t pa, u64 v) { sim_host_write(pa, &v, sizeof(v)); }

static struct s2pt pt;

static void setup(void)
{
	fixture_mem();
	sim_cpu.fwb = false;
}

static void map_guest(ipa_t ipa, pa_t pa, bool fwb)
{
	pt.fwb = fwb;
	cr_assert_eq(s2pt_map(&pt, ipa, pa, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	sim_guest_attach(&pt, IPA_X, SZ_2M, false);
}

TestSuite(sim_cache, .init = setup);

Test(sim_cache, host_write_stays_in_cache_until_cleaned)
{
	host_put(PA_X, 42);
	cr_assert_eq(mem_u64(PA_X), 0, "a write-back cache must not write through");
	cache_clean_poc(PA_X, 8);
	cr_assert_eq(mem_u64(PA_X), 42);
	cr_assert_eq(sim_counts.dc_cvac_lines, 1);
}

Test(sim_cache, dc_ivac_drops_dirty_data)
{
	u64 v;

	host_put(PA_X, 42);
	cache_inval_poc(PA_X, 8);
	sim_host_read(PA_X, &v, sizeof(v));
	cr_assert_eq(v, 0, "DC IVAC must discard the Dirty line");
	cr_assert_eq(mem_u64(PA_X), 0);
}

Test(sim_cache, eviction_writes_back_dirty_lines)
{
	struct sim_cache_config c;

	sim_cache_defaults(&c);
	c.evict = SIM_EVICT_LRU;
	sim_cache_init(&c);
	/* Twice the cache's size of lines, LRU: the first ones must have been evicted. */
	for (u64 i = 0; i < 2 * (32 << 10) / sim_line(); i++)
		host_put(PA_X + i * sim_line(), i + 1);
	cr_assert_eq(mem_u64(PA_X), 1);
	sim_cache_flush_all();
	for (u64 i = 0; i < 2 * (32 << 10) / sim_line(); i++)
		cr_assert_eq(mem_u64(PA_X + i * sim_line()), i + 1);
}

Test(sim_cache, guest_mmu_off_read_misses_dirty_line_fwb_read_sees_it)
{
	struct sim_fault f;
	u64 v;

	s2pt_init(&pt, 40, 1);
	map_guest(IPA_X, PA_X, false);
	host_put(PA_X, 42);
	cr_assert(sim_guest_read(IPA_X, &v, 8, false, &f));
	cr_assert_eq(v, 0, "Non-cacheable read goes to memory");
	cr_assert(sim_guest_read(IPA_X, &v, 8, true, &f));
	cr_assert_eq(v, 42, "cacheable read hits the line");
	pt.fwb = true;
	cr_assert_eq(s2pt_map(&pt, IPA_X, PA_X, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert(sim_guest_read(IPA_X, &v, 8, false, &f));
	cr_assert_eq(v, 42, "FWB forces Write-Back even with the MMU off");
}

Test(sim_cache, nc_write_leaves_dirty_copy_that_overwrites_it_on_eviction)
{
	struct sim_fault f;
	u64 v = 7;

	s2pt_init(&pt, 40, 1);
	map_guest(IPA_X, PA_X, false);
	host_put(PA_X, 42);
	cr_assert(sim_guest_write(IPA_X, &v, 8, false, &f));
	cr_assert_eq(mem_u64(PA_X), 7);
	sim_cache_flush_all();
	cr_assert_eq(mem_u64(PA_X), 42, "the stale Dirty line wins: the guest's write is lost");
}

Test(sim_cache, fetch_without_fwb_does_not_see_dirty_data_with_fwb_does)
{
	struct sim_fault f;
	u64 v;

	s2pt_init(&pt, 40, 1);
	map_guest(IPA_X, PA_X, false);
	host_put(PA_X, 42);
	cr_assert(sim_guest_fetch(IPA_X, &v, 8, true, &f));
	cr_assert_eq(v, 0, "PoU below the D-cache");
	icache_inval_all();
	sim_cpu.fwb = true;
	cr_assert(sim_guest_fetch(IPA_X, &v, 8, true, &f));
	cr_assert_eq(v, 42, "CLIDR LoUU = 0 with FEAT_S2FWB: fetch sees the D-cache");
}

Test(sim_cache, stale_icache_line_hits_even_non_cacheable_fetch_until_invalidated)
{
	struct sim_fault f;
	u64 v, new = 99;

	s2pt_init(&pt, 40, 1);
	map_guest(IPA_X, PA_X, false);
	cr_assert(sim_guest_fetch(IPA_X, &v, 8, false, &f));
	memcpy(arch_pa_to_va(PA_X), &new, 8);
	cr_assert(sim_guest_fetch(IPA_X, &v, 8, false, &f));
	cr_assert_eq(v, 0, "stale I-line hit");
	icache_inval_pou(PA_X, 8);
	cr_assert(sim_guest_fetch(IPA_X, &v, 8, false, &f));
	cr_assert_eq(v, 99);
}

Test(sim_cache, stale_tlb_entry_used_until_tlbi)
{
	struct sim_fault f;
	u64 v = 1;

	s2pt_init(&pt, 40, 1);
	map_guest(IPA_X, PA_X, false);
	cr_assert(sim_guest_write(IPA_X, &v, 8, true, &f)); /* fills the TLB */
	cr_assert_eq(s2pt_set_prot(&pt, IPA_X, SZ_4K, S2_PROT_R) , 0); /* TLBIs itself */
	cr_assert_not(sim_guest_write(IPA_X, &v, 8, true, &f));
	cr_assert(f.perm && f.write);
	/* Now change the entry behind the TLB's back: the old one keeps being used. */
	cr_assert(sim_guest_read(IPA_X, &v, 8, true, &f));
	pt.root[IPA_X >> 30] = 0; /* remove the level-1 table entry, no TLBI */
	cr_assert(sim_guest_read(IPA_X, &v, 8, true, &f), "TLB still holds the translation");
	tlb_flush_vmid(1);
	cr_assert_not(sim_guest_read(IPA_X, &v, 8, true, &f));
	cr_assert_not(f.perm, "translation fault after the TLBI");
}

Test(sim_cache, hardware_dirty_state_sets_s2ap_w_on_a_dbm_leaf)
{
	struct sim_fault f;
	unsigned level;
	u64 v = 5, *ptep = NULL;

	s2pt_init(&pt, 40, 1);
	map_guest(IPA_X, PA_X, false);
	cr_assert_eq(s2pt_set_prot(&pt, IPA_X, SZ_4K, S2_PROT_R | S2_PROT_X), 0);
	cr_assert_neq(sim_tlb_translate(&pt, IPA_X, &level, &ptep), 0);
	*ptep |= S2_PTE_DBM;
	tlb_flush_vmid(1);
	cr_assert_not(sim_guest_write(IPA_X, &v, 8, true, &f), "HD off: a permission fault");
	sim_guest_attach(&pt, IPA_X, SZ_2M, true);
	cr_assert(sim_guest_write(IPA_X, &v, 8, true, &f));
	cr_assert(s2pt_lookup(&pt, IPA_X, &level) & S2_PTE_S2AP_W, "the CPU marked the leaf dirty");
}

/*
 * docs/design.md Problem 1: host VA vs guest IPA aliasing is not the issue. The data cache is PIPT
 * (ARM ARM D8.17): the host's linear-map write and the guest's cacheable access at another
 * address (two IPAs even) name the same physical line, so nothing is lost or duplicated. The
 * only incoherence is between cacheable and Non-cacheable accesses (the guest MMU off).
 */
Test(sim_cache, pipt_aliasing_between_host_va_and_guest_ipas_loses_nothing)
{
	struct sim_fault f;
	u64 v, w = 77;
	const ipa_t alias = IPA_X + SZ_1G;

	s2pt_init(&pt, 40, 1);
	map_guest(IPA_X, PA_X, false);
	cr_assert_eq(s2pt_map(&pt, alias, PA_X, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	host_put(PA_X, 42);
	cr_assert(sim_guest_read(IPA_X, &v, 8, true, &f));
	cr_assert_eq(v, 42);
	cr_assert(sim_guest_write(alias, &w, 8, true, &f));
	cr_assert(sim_guest_read(IPA_X, &v, 8, true, &f));
	cr_assert_eq(v, 77, "both IPAs are one physical line");
	sim_host_read(PA_X, &v, sizeof(v));
	cr_assert_eq(v, 77, "the host's alias sees the guest's write");
	sim_cache_flush_all();
	cr_assert_eq(mem_u64(PA_X), 77, "one line written back, nothing lost");
}
