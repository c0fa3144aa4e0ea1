/* A page allocator for hypervisor-owned memory (page tables): a pool with a free list. */
#ifndef S2_PALLOC_H
#define S2_PALLOC_H

#include "types.h"

void palloc_init(pa_t base, u64 size);
/* A zeroed 4 KiB page, or 0 when the pool is exhausted. */
pa_t palloc_page(void);
void palloc_free(pa_t pa);
u64 palloc_pages_in_use(void);

#endif
