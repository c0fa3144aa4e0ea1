/*
 * See cache.h. Barrier rules, ARM ARM (DDI 0487), chapter "Caches" (D7.5):
 *  - a DC/IC by VA is ordered after earlier stores to the same location without a barrier,
 *    and is complete only once a DSB after it completes ("Ordering and completion of data
 *    and instruction cache instructions");
 *  - modified instructions need DC CVAU, DSB, IC IVAU, DSB, ISB ("Synchronization and coherency
 *    issues between data and instruction accesses").
 */
#include "cache.h"
#ifdef S2B_ORACLE
#include "markers.h"	/* the oracle build announces each range to the oracle plugin */
#endif

static u64 ctr_el0(void)
{
	u64 v;

	__asm__ volatile("mrs %0, ctr_el0" : "=r"(v));
	return v;
}

size_t dcache_line_min(void)
{
	return 4u << ((ctr_el0() >> 16) & 0xf);
}

size_t icache_line_min(void)
{
	return 4u << (ctr_el0() & 0xf);
}

void dcache_inval_poc(uintptr_t start, uintptr_t end)
{
	size_t line = dcache_line_min();

	uintptr_t p = start & ~(line - 1);
#ifdef S2B_ORACLE
	ORACLE_RANGE_BEGIN(ORACLE_HINT_DC_IVAC, p);
#endif
	for (; p < end; p += line)
		__asm__ volatile("dc ivac, %0" : : "r"(p) : "memory");
#ifdef S2B_ORACLE
	ORACLE_RANGE_END(p);
#endif
	/* DSB SY: the invalidation completes before any later access, cacheable or not. */
	__asm__ volatile("dsb sy" : : : "memory");
}

void icache_sync_range(uintptr_t start, uintptr_t end)
{
	size_t dline = dcache_line_min(), iline = icache_line_min();

	uintptr_t p = start & ~(dline - 1);
#ifdef S2B_ORACLE
	ORACLE_RANGE_BEGIN(ORACLE_HINT_DC_CVAU, p);
#endif
	for (; p < end; p += dline)
		__asm__ volatile("dc cvau, %0" : : "r"(p) : "memory");
#ifdef S2B_ORACLE
	ORACLE_RANGE_END(p);
#endif
	/* DSB: the cleans complete (the new instructions reach the PoU) before the invalidation. */
	__asm__ volatile("dsb ish" : : : "memory");
	p = start & ~(iline - 1);
#ifdef S2B_ORACLE
	ORACLE_RANGE_BEGIN(ORACLE_HINT_IC_IVAU, p);
#endif
	for (; p < end; p += iline)
		__asm__ volatile("ic ivau, %0" : : "r"(p) : "memory");
#ifdef S2B_ORACLE
	ORACLE_RANGE_END(p);
#endif
	/* DSB: the invalidation completes; ISB: instructions after it are fetched anew. */
	__asm__ volatile("dsb ish\n\tisb" : : : "memory");
}

void icache_inval_all(void)
{
	/* IC IALLU is local to this PE; DSB NSH completes it, ISB refetches what follows. */
#ifdef S2B_ORACLE
	ORACLE_MARK(ORACLE_HINT_IC_IALLU);
#endif
	__asm__ volatile("ic iallu\n\tdsb nsh\n\tisb" : : : "memory");
}
