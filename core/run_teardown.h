/* Between two runs of one power-on (configuration over the console, config_console.h): what the
 * finished run leaves behind that a new run must not see. */
#ifndef S2_RUN_TEARDOWN_H
#define S2_RUN_TEARDOWN_H

#include "types.h"

/* The memory a run took from memmap (hv.c): guest RAM and the stage-2 table pool. */
struct run_memory {
	pa_t ram_pa, pool_pa;
	u64 ram_size, pool_size;
};

/* Leave the caches, TLBs, emulated devices and counters as a new run expects them at power-on.
 * Allocators (memmap, palloc), the VM and its vCPUs are rebuilt by the next run's set-up. */
void run_teardown(const struct run_memory *m, u16 vmid);

#endif
