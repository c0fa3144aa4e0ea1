/* Whether the host can back guest RAM, asked before any of it is mapped. s2vmm as /init cannot be
 * chosen by the OOM killer, so RAM the host runs out of mid-run panics the host kernel ("System
 * is deadlocked on memory") instead of failing the run: refuse such a size up front. */
#ifndef S2VMM_HOST_MEM_H
#define S2VMM_HOST_MEM_H

#include "../core/types.h"

/* Host memory a run needs beyond guest RAM: page tables (host + stage 2, 8 bytes per 4K page
 * each), the 16 MiB trace buffer, s2vmm itself and slack for the kernel. */
u64 host_mem_needed(u64 ram_size);
/* 0 if MemAvailable (/proc/meminfo) covers host_mem_needed(ram_size) or is unknown; else -1
 * after `error code=no_memory key=s2b.mem` with both numbers. */
int host_mem_check(u64 ram_size);

#endif
