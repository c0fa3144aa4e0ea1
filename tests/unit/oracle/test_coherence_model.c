/*
 * The oracle's coherence model on scripted access sequences: each violation it must report,
 * and the maintenance that makes the same sequence clean.
 */
#include <criterion/criterion.h>

#include "coherence_model.h"

#define L 64
#define A 0x40100000ull	/* a line-aligned address */

static struct cm_model m;

static void setup(void)
{
	cr_assert(cm_init(&m, L, 2));
}

static void teardown(void)
{
	cm_free(&m);
}

TestSuite(coherence_model, .init = setup, .fini = teardown);

Test(coherence_model, bad_geometry_refused)
{
	struct cm_model x;
	cr_expect_not(cm_init(&x, 48, 1));
	cr_expect_not(cm_init(&x, 8, 1));
	cr_expect_not(cm_init(&x, 64, 0));
	cr_expect_not(cm_init(&x, 64, CM_MAX_CPUS + 1));
}

/* The reboot hazard itself: the loader writes through the cache, the guest reads MMU-off. */
Test(coherence_model, nc_read_of_dirty_line_is_caught)
{
	cm_write(&m, A + 8, 8, true);
	cm_read(&m, A, 4, false);
	cr_expect_eq(m.violations[CM_NC_READ_DIRTY], 1);
	cr_expect_eq(m.first_violation_pa[CM_NC_READ_DIRTY], A);
}

Test(coherence_model, clean_to_poc_makes_nc_read_safe)
{
	cm_write(&m, A, 8, true);
	cm_dc_range(&m, CM_DC_CVAC, A, 1);
	cm_read(&m, A, 8, false);
	cr_expect_eq(cm_total_violations(&m), 0);
	cr_expect_eq(m.dc_lines[CM_DIRTY], 1);
}

/* A range covers every line it touches, the last one included (the mutation "one line short"). */
Test(coherence_model, dc_range_reaches_its_last_line)
{
	cm_write(&m, A, 3 * L, true);
	cm_dc_range(&m, CM_DC_CIVAC, A + 4, 2 * L);	/* ends inside the third line */
	cm_read(&m, A + 2 * L, 8, false);
	cr_expect_eq(cm_total_violations(&m), 0);
	cm_write(&m, A, 3 * L, true);
	cm_dc_range(&m, CM_DC_CIVAC, A, 2 * L);		/* two lines only */
	cm_read(&m, A + 2 * L, 8, false);
	cr_expect_eq(m.violations[CM_NC_READ_DIRTY], 1);
}

Test(coherence_model, invalidate_discards_dirty_data)
{
	cm_write(&m, A, 8, true);
	cm_dc_range(&m, CM_DC_IVAC, A, L);
	cm_read(&m, A, 8, true);
	cr_expect_eq(m.violations[CM_READ_DISCARDED], 1);
}

Test(coherence_model, invalidate_of_clean_line_loses_nothing)
{
	cm_write(&m, A, 8, true);
	cm_dc_range(&m, CM_DC_CVAC, A, L);
	cm_dc_range(&m, CM_DC_IVAC, A, L);
	cm_read(&m, A, 8, false);
	cm_read(&m, A, 8, true);
	cr_expect_eq(cm_total_violations(&m), 0);
}

/* MMU-off write, MMU-on read: only clean+invalidate drops the stale cached copy (CVAC vs CIVAC). */
Test(coherence_model, cached_copy_of_nc_written_line_is_stale_after_cvac)
{
	cm_write(&m, A, 8, true);
	cm_dc_range(&m, CM_DC_CVAC, A, L);
	cm_write(&m, A, 8, false);
	cm_read(&m, A, 8, true);
	cr_expect_eq(m.violations[CM_READ_STALE_CACHED], 1);
}

Test(coherence_model, civac_drops_the_copy_an_nc_write_would_make_stale)
{
	cm_write(&m, A, 8, true);
	cm_dc_range(&m, CM_DC_CIVAC, A, L);
	cm_write(&m, A, 8, false);
	cm_read(&m, A, 8, true);
	cr_expect_eq(cm_total_violations(&m), 0);
}

/* A line kept by CVAC, written Non-cacheable, then written through the cache again: the clean
 * writes the stale copy back over the Non-cacheable write (CVAC where CIVAC was needed). */
Test(coherence_model, clean_of_stale_copy_loses_the_nc_write)
{
	cm_write(&m, A, 8, true);
	cm_dc_range(&m, CM_DC_CVAC, A, L);
	cm_write(&m, A + 16, 8, false);
	cm_write(&m, A, 8, true);
	cm_dc_range(&m, CM_DC_CIVAC, A, L);
	cm_read(&m, A + 16, 8, false);
	cr_expect_eq(m.violations[CM_READ_DISCARDED], 1);
}

Test(coherence_model, ifetch_of_code_not_cleaned_to_pou_is_stale)
{
	cm_write(&m, A, 4, true);
	cm_ifetch(&m, 0, A);
	cr_expect_eq(m.violations[CM_IFETCH_STALE], 1);
}

Test(coherence_model, ifetch_after_clean_and_ic_invalidate_is_fresh)
{
	cm_ifetch(&m, 0, A);	/* old code in the I-cache */
	cm_write(&m, A, 4, true);
	cm_dc_range(&m, CM_DC_CVAC, A, 4);
	cm_ic_ivau_range(&m, A, 4);
	cm_ifetch(&m, 0, A);
	cm_ifetch(&m, 1, A);
	cr_expect_eq(cm_total_violations(&m), 0);
}

Test(coherence_model, ic_iallu_without_is_leaves_other_cpus_stale)
{
	cm_ifetch(&m, 0, A);
	cm_ifetch(&m, 1, A);
	cm_write(&m, A, 4, true);
	cm_dc_range(&m, CM_DC_CVAC, A, 4);
	cm_ic_iallu(&m, 0, false);
	cm_ifetch(&m, 0, A);
	cr_expect_eq(cm_total_violations(&m), 0);
	cm_ifetch(&m, 1, A);
	cr_expect_eq(m.violations[CM_IFETCH_STALE], 1);
	cm_ic_iallu(&m, 0, true);
	cm_ifetch(&m, 1, A);
	cr_expect_eq(m.violations[CM_IFETCH_STALE], 1);
}

/* The per-DC line states the cost model reads: absent, clean, dirty. */
Test(coherence_model, dc_counts_line_states)
{
	cm_read(&m, A, 8, true);		/* clean */
	cm_write(&m, A + L, 8, true);		/* dirty */
	cm_dc_range(&m, CM_DC_CIVAC, A, 3 * L);	/* third line never touched: absent */
	cr_expect_eq(m.dc_lines[CM_CLEAN], 1);
	cr_expect_eq(m.dc_lines[CM_DIRTY], 1);
	cr_expect_eq(m.dc_lines[CM_ABSENT], 1);
}

/* Many lines: the table grows and keeps every line's state. */
Test(coherence_model, table_growth_keeps_state)
{
	for (uint64_t i = 0; i < 200000; i++)
		cm_write(&m, A + i * L, 1, true);
	cm_read(&m, A, 1, false);
	cm_read(&m, A + 199999 * L, 1, false);
	cr_expect_eq(m.violations[CM_NC_READ_DIRTY], 2);
	cr_expect_eq(m.nlines, 200000);
}

/* With FEAT_S2FWB (LoUU == 0) data writes reach instruction fetch; the I-cache still holds old code. */
Test(coherence_model, idc_needs_only_the_icache_invalidate)
{
	m.idc = true;
	cm_ifetch(&m, 0, A);
	cm_write(&m, A, 4, true);
	cm_ifetch(&m, 0, A);
	cr_expect_eq(m.violations[CM_IFETCH_STALE], 1);
	cm_ic_iallu(&m, 0, true);
	cm_ifetch(&m, 0, A);
	cr_expect_eq(m.violations[CM_IFETCH_STALE], 1);
}

/* A DC loop must run one DC per line it covers: the probes see only its two ends. */
Test(coherence_model, dc_loop_one_dc_per_line_passes)
{
	cm_dc_loop(&m, A + 8, A + 3 * L - 1, 3);	/* unaligned start, three lines */
	cm_dc_loop(&m, A, A, 1);
	cr_expect_eq(cm_total_violations(&m), 0);
}

/* Stepping by a quarter of the line (64-byte steps on 256-byte lines): a size assumed. */
Test(coherence_model, dc_loop_stepping_by_a_smaller_line_is_caught)
{
	cm_dc_loop(&m, A, A + 2 * L - 1, 8);
	cr_expect_eq(m.violations[CM_DC_STEP], 1);
	cr_expect_eq(m.first_violation_pa[CM_DC_STEP], A);
}

/* Stepping by two lines: every other line between the ends is never maintained. */
Test(coherence_model, dc_loop_skipping_lines_is_caught)
{
	cm_dc_loop(&m, A, A + 4 * L - 1, 2);
	cr_expect_eq(m.violations[CM_DC_STEP], 1);
}

/* The guest (without markers) writes code at A as its own, cacheable and never cleaned. */
static void guest_writes_own_code(void)
{
	cm_write(&m, A, 4, true);
	cm_guest_own_write(&m, A, 4);
}

/* Its own code writes are its own to maintain: a stale fetch is counted, not judged... */
Test(coherence_model, guest_own_code_write_is_counted_not_judged)
{
	guest_writes_own_code();
	cm_ifetch(&m, 0, A);
	cr_expect_eq(m.violations[CM_IFETCH_STALE], 0);
	cr_expect_eq(m.ifetch_guest_own, 1);
}

/* ...until its vCPU is reset: then the strategy must have made the line visible... */
Test(coherence_model, guest_own_write_of_an_earlier_boot_is_judged)
{
	guest_writes_own_code();
	cm_new_boot(&m);
	cm_ifetch(&m, 0, A);
	cr_expect(m.violations[CM_IFETCH_STALE] == 1 && m.ifetch_guest_own == 0);
}

/* ...and a write by anyone else (the loader) over it makes the line the strategy's. */
Test(coherence_model, loader_write_over_guest_own_code_is_judged)
{
	guest_writes_own_code();
	cm_write(&m, A, 4, true);
	cm_ifetch(&m, 0, A);
	cr_expect_eq(m.violations[CM_IFETCH_STALE], 1);
}
