/* Exceptions s2hv delivers to the guest's EL1, as the CPU would take them (inject.c). */
#ifndef S2_AARCH64_INJECT_H
#define S2_AARCH64_INJECT_H

#include "../../vcpu.h"

/* An UNDEFINED instruction exception (ESR_EL1.EC = 0, unknown reason) for the instruction at
 * v->pc, as KVM's inject_undef64 does for a register it does not give the guest. */
void inject_undef(struct vcpu *v, u64 esr_el2);

#endif
