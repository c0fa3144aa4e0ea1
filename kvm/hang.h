/* A boot that ran out of time without an exit (the watchdog's deadline): say what the vCPU was
 * doing, from its registers and the instruction it is at. */
#ifndef S2VMM_HANG_H
#define S2VMM_HANG_H

#include "../core/types.h"

struct vcpu;
struct vm;

/* `error code=guest_hang msg=<what> boot= pc= pstate= esr_el1= far_el1= timeout_s=`, where <what> is
 * wfi_with_interrupts_masked, wfi, executing_outside_ram (an exception without vectors: VBAR_EL1
 * is 0, below RAM) or running_without_exit. */
void hang_report(struct vcpu *v, const struct vm *vm, u64 boot, u64 timeout_s);

#endif
