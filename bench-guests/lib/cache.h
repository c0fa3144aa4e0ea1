/* Cache maintenance a guest does for itself (never for its host: that is what is measured). */
#ifndef S2B_GUEST_CACHE_H
#define S2B_GUEST_CACHE_H

#include "s2b.h"

/* Smallest D-/I-cache line, from CTR_EL0.DminLine / IminLine (log2 of 4-byte words). */
size_t dcache_line_min(void);
size_t icache_line_min(void);

/* Discard cached copies of [start, end) down to the PoC, so a later cacheable read sees what
 * was written to memory with the MMU off. At EL1 with stage 2 enabled the CPU may perform this
 * as clean+invalidate (ARM ARM, DC IVAC: HCR_EL2.VM upgrades it), which cannot lose data the
 * host left dirty, only expose it. */
void dcache_inval_poc(uintptr_t start, uintptr_t end);

/* Make instructions written as data in [start, end) visible to this PE's instruction fetch. */
void icache_sync_range(uintptr_t start, uintptr_t end);

/* Discard every I-cache line of this PE (IC IALLU), then synchronise the fetch stream. */
void icache_inval_all(void);

#endif
