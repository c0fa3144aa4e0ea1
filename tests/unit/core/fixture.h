/* Shared set-up for core unit tests: simulated memory, a page-table pool, a stage-2 table. */
#ifndef S2_TEST_FIXTURE_H
#define S2_TEST_FIXTURE_H

#include "arch/sim/sim.h"
#include "cache_ops.h"
#include "palloc.h"
#include "s2pt.h"

#define FIX_MEM_SIZE (64ULL << 20)
#define FIX_POOL_BASE (1ULL << 20) /* page tables: [1M, 9M) */
#define FIX_POOL_SIZE (8ULL << 20)

static inline void fixture_mem(void)
{
	sim_mem_init(FIX_MEM_SIZE);
	palloc_init(FIX_POOL_BASE, FIX_POOL_SIZE);
	sim_counts_reset();
	memset(&maint_counts, 0, sizeof(maint_counts));
}

#endif
