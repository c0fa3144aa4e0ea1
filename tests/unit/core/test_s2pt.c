/* Stage-2 page tables: map/unmap of pages and blocks, splitting, attributes, bad arguments. */
#include <criterion/criterion.h>
#include "fixture.h"

#define IPA 0x40000000ULL
#define PA 0x02000000ULL /* 2M-aligned, above the page-table pool */

static struct s2pt pt;

static void setup(void)
{
	fixture_mem();
	cr_assert_eq(s2pt_init(&pt, 40, 1), 0);
}
static void teardown(void) { sim_mem_free(); }

TestSuite(s2pt, .init = setup, .fini = teardown);

Test(s2pt, page_maps_at_level3_with_normal_wb_rw_xn)
{
	unsigned level;
	u64 pte;

	cr_assert_eq(s2pt_map(&pt, IPA + 0x3000, PA + 0x5000, SZ_4K, S2_PROT_R | S2_PROT_W, SZ_4K), 0);
	pte = s2pt_lookup(&pt, IPA + 0x3abc, &level);
	cr_assert_eq(level, 3);
	cr_assert_eq(s2_pte_pa(pte), PA + 0x5000);
	cr_assert(pte & S2_PTE_AF);
	cr_assert(pte & S2_PTE_S2AP_R);
	cr_assert(pte & S2_PTE_S2AP_W);
	cr_assert(pte & S2_PTE_XN, "no S2_PROT_X: must be execute-never");
	cr_assert_eq((pte & S2_PTE_MEMATTR_MASK) >> S2_PTE_MEMATTR_SHIFT, S2_MEMATTR_NORMAL_WB);
	cr_assert(s2_pte_cacheable(&pt, pte));
	cr_assert_eq(s2pt_lookup(&pt, IPA + 0x4000, NULL), 0, "neighbour stays unmapped");
	cr_assert_eq(s2pt_lookup(&pt, IPA + 0x2fff, NULL), 0);
}

Test(s2pt, aligned_2m_maps_one_block)
{
	unsigned level;
	u64 pte;

	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	pte = s2pt_lookup(&pt, IPA + 0x1234, &level);
	cr_assert_eq(level, 2);
	cr_assert_eq(s2_pte_pa(pte), PA);
	cr_assert_not(pte & S2_PTE_XN);
	/* root + one level-2 table, no level-3 table */
	cr_assert_eq(palloc_pages_in_use(), 2);
}

Test(s2pt, max_block_4k_maps_pages_only)
{
	unsigned level;

	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_2M, S2_PROT_RWX, SZ_4K), 0);
	for (u64 off = 0; off < SZ_2M; off += SZ_4K) {
		u64 pte = s2pt_lookup(&pt, IPA + off, &level);

		cr_assert_eq(level, 3);
		cr_assert_eq(s2_pte_pa(pte), PA + off);
	}
}

Test(s2pt, misaligned_pa_falls_back_to_pages)
{
	unsigned level;

	cr_assert_eq(s2pt_map(&pt, IPA, PA + SZ_4K, SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	cr_assert_eq(s2_pte_pa(s2pt_lookup(&pt, IPA + SZ_2M - SZ_4K, &level)), PA + SZ_2M);
	cr_assert_eq(level, 3);
}

Test(s2pt, mapping_a_page_inside_a_block_splits_it_with_break_before_make)
{
	unsigned level;

	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	sim_counts_reset();
	cr_assert_eq(s2pt_map(&pt, IPA + 0x7000, PA + SZ_2M, SZ_4K, S2_PROT_R, SZ_4K), 0);
	cr_assert_eq(s2_pte_pa(s2pt_lookup(&pt, IPA + 0x7000, &level)), PA + SZ_2M);
	cr_assert_eq(level, 3);
	/* The rest of the old block keeps its translation and permissions. */
	cr_assert_eq(s2_pte_pa(s2pt_lookup(&pt, IPA + 0x6000, NULL)), PA + 0x6000);
	cr_assert_not(s2pt_lookup(&pt, IPA + 0x6000, NULL) & S2_PTE_XN);
	cr_assert_eq(s2_pte_pa(s2pt_lookup(&pt, IPA + SZ_2M - SZ_4K, NULL)), PA + SZ_2M - SZ_4K);
	/* Two live entries replaced (block → table, page → page): two TLBIs by IPA. */
	cr_assert_eq(sim_counts.tlbi_ipa, 2);
}

Test(s2pt, unmap_part_of_a_block_keeps_the_rest)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	cr_assert_eq(s2pt_unmap(&pt, IPA + 0x10000, 0x2000, NULL, NULL), 2);
	cr_assert_eq(s2pt_lookup(&pt, IPA + 0x10000, NULL), 0);
	cr_assert_eq(s2pt_lookup(&pt, IPA + 0x11000, NULL), 0);
	cr_assert_eq(s2_pte_pa(s2pt_lookup(&pt, IPA + 0xf000, NULL)), PA + 0xf000);
	cr_assert_eq(s2_pte_pa(s2pt_lookup(&pt, IPA + 0x12000, NULL)), PA + 0x12000);
}

struct hook_log {
	unsigned calls;
	u64 bytes;
	ipa_t first;
};

static void log_leaf(const struct s2pt *p, ipa_t ipa, pa_t pa, u64 size, u64 pte, void *arg)
{
	struct hook_log *l = arg;

	(void)p, (void)pa, (void)pte;
	if (!l->calls)
		l->first = ipa;
	l->calls++;
	l->bytes += size;
}

Test(s2pt, unmap_all_calls_hook_per_leaf_frees_tables_one_tlbi)
{
	struct hook_log log = {0};

	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	cr_assert_eq(s2pt_map(&pt, IPA + SZ_2M, PA + SZ_2M, 3 * SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(palloc_pages_in_use(), 3);
	sim_counts_reset();
	cr_assert_eq(s2pt_unmap(&pt, IPA, SZ_1G, log_leaf, &log), 4);
	cr_assert_eq(log.calls, 4);
	cr_assert_eq(log.bytes, SZ_2M + 3 * SZ_4K);
	cr_assert_eq(log.first, IPA);
	cr_assert_eq(sim_counts.tlbi_vmid, 1, "one VMID-wide TLBI for the whole unmap");
	cr_assert_eq(palloc_pages_in_use(), 1, "only the root table is left");
	cr_assert_eq(s2pt_lookup(&pt, IPA, NULL), 0);
}

Test(s2pt, unmap_of_nothing_issues_no_tlbi)
{
	sim_counts_reset();
	cr_assert_eq(s2pt_unmap(&pt, IPA, SZ_2M, NULL, NULL), 0);
	cr_assert_eq(sim_counts.tlbi_vmid, 0);
}

Test(s2pt, set_prot_write_protects_existing_leaves)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 4 * SZ_4K, S2_PROT_R | S2_PROT_W, SZ_4K), 0);
	cr_assert_eq(s2pt_set_prot(&pt, IPA + SZ_4K, SZ_4K, S2_PROT_R), 0);
	cr_assert_not(s2pt_lookup(&pt, IPA + SZ_4K, NULL) & S2_PTE_S2AP_W);
	cr_assert(s2pt_lookup(&pt, IPA, NULL) & S2_PTE_S2AP_W);
	cr_assert_eq(s2_pte_pa(s2pt_lookup(&pt, IPA + SZ_4K, NULL)), PA + SZ_4K);
}

Test(s2pt, fwb_uses_forced_write_back_encoding)
{
	u64 pte;

	pt.fwb = true;
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	pte = s2pt_lookup(&pt, IPA, NULL);
	cr_assert_eq((pte & S2_PTE_MEMATTR_MASK) >> S2_PTE_MEMATTR_SHIFT, S2_MEMATTR_FWB_NORMAL_WB);
	cr_assert(s2_pte_cacheable(&pt, pte));
	cr_assert_eq(s2pt_map(&pt, IPA + SZ_4K, PA, SZ_4K, S2_PROT_R | S2_PROT_DEVICE, SZ_4K), 0);
	cr_assert_not(s2_pte_cacheable(&pt, s2pt_lookup(&pt, IPA + SZ_4K, NULL)));
}

Test(s2pt, bad_arguments_are_rejected)
{
	cr_assert_eq(s2pt_map(&pt, IPA + 1, PA, SZ_4K, S2_PROT_RWX, SZ_4K), S2_EINVAL);
	cr_assert_eq(s2pt_map(&pt, IPA, PA + 8, SZ_4K, S2_PROT_RWX, SZ_4K), S2_EINVAL);
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 100, S2_PROT_RWX, SZ_4K), S2_EINVAL);
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 0, S2_PROT_RWX, SZ_4K), S2_EINVAL);
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, S2_PROT_RWX, SZ_1G), S2_EINVAL);
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, 0, SZ_4K), S2_EINVAL);
	cr_assert_eq(s2pt_map(&pt, 1ULL << 39, PA, SZ_4K, S2_PROT_RWX, SZ_4K), S2_EINVAL, "beyond IPA space");
	cr_assert_eq(s2pt_map(&pt, ~0ULL & ~0xfffULL, PA, SZ_4K, S2_PROT_RWX, SZ_4K), S2_EINVAL, "wraps");
	cr_assert_eq(s2pt_unmap(&pt, IPA + 4, SZ_4K, NULL, NULL), S2_EINVAL);
	cr_assert_eq(palloc_pages_in_use(), 1, "nothing allocated by rejected calls");
}

Test(s2pt, ipa_size_follows_pa_range_capped_at_39_bits)
{
	struct s2pt small;

	cr_assert_eq(s2pt_init(&small, 36, 2), 0);
	cr_assert_eq(small.ipa_bits, 36);
	cr_assert_eq(s2pt_map(&small, 1ULL << 36, PA, SZ_4K, S2_PROT_RWX, SZ_4K), S2_EINVAL);
	cr_assert_eq(pt.ipa_bits, 39);
	cr_assert_eq(s2pt_init(&small, 31, 2), S2_EINVAL);
}

Test(s2pt, exhausted_pool_reports_enomem)
{
	palloc_init(FIX_POOL_BASE, 2 * SZ_4K); /* only the root and one more table fit */
	cr_assert_eq(s2pt_init(&pt, 40, 1), 0);
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, S2_PROT_RWX, SZ_4K), S2_ENOMEM);
}

Test(s2pt, destroy_frees_every_table)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 8 * SZ_2M, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_gt(palloc_pages_in_use(), 8);
	s2pt_destroy(&pt);
	cr_assert_eq(palloc_pages_in_use(), 0);
}
