/* s2pt attribute operations: set/clear masks, relax-only permissions, the coalescing flush walk. */
#include <criterion/criterion.h>
#include "fixture.h"

#define IPA 0x40000000ULL
#define PA 0x02000000ULL /* 2M-aligned, above the page-table pool */
#define LINES(bytes) ((bytes) / sim_line())

static struct s2pt pt;

static void setup(void)
{
	fixture_mem();
	cr_assert_eq(s2pt_init(&pt, 40, 1), 0);
}
static void teardown(void) { sim_mem_free(); }

TestSuite(s2pt_attrs, .init = setup, .fini = teardown);

static u64 pte_at(ipa_t ipa) { return s2pt_lookup(&pt, ipa, NULL); }

Test(s2pt_attrs, set_clear_masks_keep_dbm_and_the_rest)
{
	u64 before;

	cr_assert_eq(s2pt_map(&pt, IPA, PA, 4 * SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(s2pt_update_leaf_attrs(&pt, IPA, 4 * SZ_4K, S2_PTE_DBM, S2_PTE_S2AP_W), 4);
	cr_assert_eq(maint_counts.tlbis, 1, "one TLBI for the whole update");
	before = pte_at(IPA + SZ_4K);
	cr_assert(before & S2_PTE_DBM);
	cr_assert_not(before & S2_PTE_S2AP_W);
	/* Clearing write again changes nothing: no TLBI. */
	cr_assert_eq(s2pt_update_leaf_attrs(&pt, IPA, 4 * SZ_4K, 0, S2_PTE_S2AP_W), 0);
	cr_assert_eq(maint_counts.tlbis, 1);
	/* s2pt_set_prot rewrites permissions but must not drop DBM. */
	cr_assert_eq(s2pt_set_prot(&pt, IPA + SZ_4K, SZ_4K, S2_PROT_R | S2_PROT_W), 0);
	cr_assert(pte_at(IPA + SZ_4K) & S2_PTE_DBM, "set_prot dropped DBM");
	cr_assert(pte_at(IPA + SZ_4K) & S2_PTE_XN);
	cr_assert_eq(pte_at(IPA + SZ_4K) & ~S2_PTE_PROT_MASK, before & ~S2_PTE_PROT_MASK,
		     "address, type and memory attributes untouched");
}

Test(s2pt_attrs, masks_outside_permissions_are_refused)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(s2pt_update_leaf_attrs(&pt, IPA, SZ_4K, S2_PTE_ADDR_MASK, 0), S2_EINVAL);
	cr_assert_eq(s2pt_update_leaf_attrs(&pt, IPA, SZ_4K, 0, S2_PTE_VALID), S2_EINVAL);
	cr_assert_eq(s2pt_update_leaf_attrs(&pt, IPA + 8, SZ_4K, 0, S2_PTE_S2AP_W), S2_EINVAL);
	cr_assert_eq(s2_pte_pa(pte_at(IPA)), PA);
}

Test(s2pt_attrs, relax_only_adds_rights)
{
	u64 pte;

	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, S2_PROT_R | S2_PROT_W, SZ_4K), 0);
	cr_assert_eq(s2pt_map(&pt, IPA + SZ_4K, PA + SZ_4K, SZ_4K, S2_PROT_R | S2_PROT_X, SZ_4K), 0);
	/* Asking for X alone keeps R and W. */
	cr_assert_eq(s2pt_relax_perms(&pt, IPA, SZ_4K, S2_PROT_X), 0);
	pte = pte_at(IPA);
	cr_assert(pte & S2_PTE_S2AP_R);
	cr_assert(pte & S2_PTE_S2AP_W, "relax removed write");
	cr_assert_not(pte & S2_PTE_XN);
	/* Asking for W alone keeps X. */
	cr_assert_eq(s2pt_relax_perms(&pt, IPA + SZ_4K, SZ_4K, S2_PROT_W), 0);
	pte = pte_at(IPA + SZ_4K);
	cr_assert(pte & S2_PTE_S2AP_W);
	cr_assert_not(pte & S2_PTE_XN, "relax removed execute");
	cr_assert(pte & S2_PTE_S2AP_R);
	/* Nothing left to add: no change, no TLBI beyond the two above. */
	cr_assert_eq(s2pt_relax_perms(&pt, IPA, 2 * SZ_4K, S2_PROT_R), 0);
	cr_assert_eq(maint_counts.tlbis, 2);
}

Test(s2pt_attrs, relax_keeps_dbm_and_reports_not_mapped)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, S2_PROT_R, SZ_4K), 0);
	cr_assert_eq(s2pt_update_leaf_attrs(&pt, IPA, SZ_4K, S2_PTE_DBM, 0), 1);
	cr_assert_eq(s2pt_relax_perms(&pt, IPA, SZ_4K, S2_PROT_W), 0);
	cr_assert(pte_at(IPA) & S2_PTE_DBM);
	cr_assert_eq(s2pt_relax_perms(&pt, IPA + SZ_2M, SZ_4K, S2_PROT_W), S2_ENOENT);
}

Test(s2pt_attrs, flush_cleans_each_mapped_line_once_coalescing_runs)
{
	static const struct s2pt_flush_sel all = {0};

	/* Three physically contiguous runs: two pages, one page, one 2M block. */
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 2 * SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(s2pt_map(&pt, IPA + 4 * SZ_4K, PA + 16 * SZ_4K, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(s2pt_map(&pt, IPA + SZ_2M, PA + SZ_2M, SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	/* A device page is never cleaned. */
	cr_assert_eq(s2pt_map(&pt, IPA + 8 * SZ_4K, PA + 32 * SZ_4K, SZ_4K, S2_PROT_R | S2_PROT_DEVICE, SZ_4K), 0);
	memset(&maint_counts, 0, sizeof(maint_counts));
	cr_assert_eq(s2pt_flush(&pt, IPA, 2 * SZ_2M, &all), 0);
	cr_assert_eq(maint_counts.lines_cleaned, LINES(3 * SZ_4K + SZ_2M));
	cr_assert_eq(maint_counts.cmo_calls, 3, "one clean per physically contiguous run");
	cr_assert_eq(maint_counts.tlbis, 0, "a flush changes no descriptor");
}

Test(s2pt_attrs, flush_clips_to_the_range_without_splitting)
{
	static const struct s2pt_flush_sel all = {0};
	unsigned level;

	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	memset(&maint_counts, 0, sizeof(maint_counts));
	cr_assert_eq(s2pt_flush(&pt, IPA + SZ_4K, 2 * SZ_4K, &all), 0);
	cr_assert_eq(maint_counts.lines_cleaned, LINES(2 * SZ_4K));
	s2pt_lookup(&pt, IPA, &level);
	cr_assert_eq(level, 2, "the block stays a block");
}

Test(s2pt_attrs, flush_update_cleans_selected_leaves_then_protects)
{
	/* Writable leaves whole, the others only inside [IPA+2 pages, IPA+3 pages). */
	const struct s2pt_flush_sel written = {
		.mask = S2_PTE_S2AP_W, .match = S2_PTE_S2AP_W,
		.always_lo = IPA + 2 * SZ_4K, .always_hi = IPA + 3 * SZ_4K,
	};

	cr_assert_eq(s2pt_map(&pt, IPA, PA, 4 * SZ_4K, S2_PROT_R | S2_PROT_W, SZ_4K), 0);
	cr_assert_eq(s2pt_set_prot(&pt, IPA + SZ_4K, 2 * SZ_4K, S2_PROT_R), 0);
	memset(&maint_counts, 0, sizeof(maint_counts));
	cr_assert_eq(s2pt_flush_update(&pt, IPA, 4 * SZ_4K, &written, 0, S2_PTE_S2AP_W), 2);
	cr_assert_eq(maint_counts.lines_cleaned, LINES(3 * SZ_4K), "pages 0, 2 and 3; not 1");
	cr_assert_eq(maint_counts.cmo_calls, 2, "page 0, then pages 2-3 as one run");
	cr_assert_eq(maint_counts.tlbis, 1);
	for (int i = 0; i < 4; i++)
		cr_assert_not(pte_at(IPA + i * SZ_4K) & S2_PTE_S2AP_W);
}
