/*
 * Optional stage-1 MMU for EL1 guests: an identity map, 4 KiB granule, 39-bit VA, 2 MiB blocks.
 * RAM is Normal Write-Back (inner shareable), the doorbell's 2 MiB block Device-nGnRE, nothing
 * else is mapped. Tables are built in free RAM just past the guest's footprint.
 */
#ifndef S2B_GUEST_MMU_H
#define S2B_GUEST_MMU_H

#include "s2b.h"

/* Turn on the MMU and both caches. Returns the first free byte of RAM after the tables, or 0
 * (MMU left off, reason printed) if RAM or the doorbell is beyond the 39-bit VA range. */
uintptr_t mmu_enable(u64 ram_base, u64 ram_size);

#endif
