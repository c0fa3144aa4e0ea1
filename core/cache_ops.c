/* Counted wrappers over the arch's cache/TLB maintenance (see cache_ops.h). */
#include "cache_ops.h"
#include "arch.h"

struct maint_counts maint_counts;
static pa_t watch_lo, watch_hi; /* cache_watch_range(): [lo, hi), empty when equal */

static u64 lines_in(pa_t pa, u64 size)
{
	u64 line = arch_dcache_line_size();
	pa_t start = ALIGN_DOWN(pa, line);
	pa_t end = ALIGN_UP(pa + size, line);

	return size ? (end - start) / line : 0;
}

void cache_watch_range(pa_t pa, u64 size)
{
	watch_lo = pa;
	watch_hi = pa + size;
}

/* The lines of [pa, pa+size) that overlap the watched range. */
static u64 watched_lines_in(pa_t pa, u64 size)
{
	pa_t lo = pa > watch_lo ? pa : watch_lo;
	pa_t hi = pa + size < watch_hi ? pa + size : watch_hi;

	return hi > lo ? lines_in(lo, hi - lo) : 0;
}

static void count_cleaned(pa_t pa, u64 size)
{
	maint_counts.lines_cleaned += lines_in(pa, size);
	maint_counts.lines_cleaned_watched += watched_lines_in(pa, size);
	maint_counts.cmo_calls++;
}

void cache_clean_inval_poc(pa_t pa, u64 size)
{
	count_cleaned(pa, size);
	arch_dc_civac_range(pa, size);
}

void cache_clean_poc(pa_t pa, u64 size)
{
	count_cleaned(pa, size);
	arch_dc_cvac_range(pa, size);
}

void cache_inval_poc(pa_t pa, u64 size)
{
	maint_counts.lines_inval += lines_in(pa, size);
	maint_counts.cmo_calls++;
	arch_dc_ivac_range(pa, size);
}

void icache_inval_all(void)
{
	maint_counts.icache_invals++;
	arch_ic_iallu_is();
}

void icache_inval_pou(pa_t pa, u64 size)
{
	maint_counts.icache_invals++;
	maint_counts.cmo_calls++;
	arch_ic_ivau_range(pa, size);
}

void tlb_flush_vmid(u16 vmid)
{
	maint_counts.tlbis++;
	arch_tlbi_vmid_all(vmid);
}

void tlb_flush_ipa(u16 vmid, ipa_t ipa, unsigned level)
{
	maint_counts.tlbis++;
	arch_tlbi_ipa(vmid, ipa, level);
}
