/* The reboot loop of the design: load, setup or reinit, reset the vCPU, run; s2b.boots times. */
#ifndef S2_REBOOT_H
#define S2_REBOOT_H

#include "vm.h"

/* Returns the number of boots run; *failed set when a boot ended in an error. */
u64 reboot_loop(struct vm *vm, bool *failed);

#endif
