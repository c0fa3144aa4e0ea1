/*
 * Counted cache and TLB maintenance: the only way strategies and the core maintain caches/TLBs.
 * Each call goes to the linked arch back-end and is counted, so boot records (and host tests
 * over the simulator) report exactly how many lines were cleaned and how many TLBIs were issued.
 */
#ifndef S2_CACHE_OPS_H
#define S2_CACHE_OPS_H

#include "types.h"

struct maint_counts {
	u64 lines_cleaned;  /* data-cache lines cleaned (+invalidated) to the PoC */
	u64 lines_inval;    /* data-cache lines invalidated without clean */
	u64 icache_invals;  /* I-cache invalidate operations (all, or per range) */
	u64 tlbis;          /* TLB invalidate operations */
	u64 cmo_calls;      /* range calls, for per-call overhead */
	u64 lines_cleaned_watched; /* of lines_cleaned: those inside the watched range */
};

extern struct maint_counts maint_counts;

/* Count apart the lines cleaned inside [pa, pa+size) (lines_cleaned_watched): the range the loader
 * rewrote this boot, whose lines may be dirty (the boot record's reinit_lines_loaded). One range
 * intersection per clean call, not a test per line. size 0 watches nothing. */
void cache_watch_range(pa_t pa, u64 size);

/* Make [pa, pa+size) visible at the PoC and drop it from the data cache (DC CIVAC per line). */
void cache_clean_inval_poc(pa_t pa, u64 size);
/* Clean [pa, pa+size) to the PoC, keep it cached (DC CVAC per line). */
void cache_clean_poc(pa_t pa, u64 size);
/* Invalidate [pa, pa+size) without cleaning (DC IVAC): discards dirty data, use with care. */
void cache_inval_poc(pa_t pa, u64 size);
/* Invalidate all instruction caches in the Inner Shareable domain (IC IALLUIS). */
void icache_inval_all(void);
/* Invalidate the I-cache for [pa, pa+size) to the PoU (IC IVAU per line). */
void icache_inval_pou(pa_t pa, u64 size);

void tlb_flush_vmid(u16 vmid);
void tlb_flush_ipa(u16 vmid, ipa_t ipa, unsigned level);

#endif
