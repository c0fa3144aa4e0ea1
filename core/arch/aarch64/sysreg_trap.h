/* Trapped guest MSR/MRS (ESR_EL2.EC 0x18) that s2hv answers without leaving the run loop. */
#ifndef S2_AARCH64_SYSREG_TRAP_H
#define S2_AARCH64_SYSREG_TRAP_H

#include "../../vcpu.h"

/* Emulate the trapped access in `esr` if it is one s2hv answers (an ID register read, or a
 * register the guest is not given: UNDEFINED injected); false: an exit for the run loop. */
bool sysreg_trap_emulate(struct vcpu *v, u64 esr);

#endif
