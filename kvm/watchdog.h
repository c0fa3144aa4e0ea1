/* s2vmm's per-boot watchdog (s2b.boot_timeout). A guest can stop without ever leaving KVM_RUN:
 * WFI with interrupts masked, an abort loop in a guest without vectors, PSCI CPU_OFF of its only
 * vCPU. Nothing then returns to s2vmm, so a periodic SIGALRM tick kicks KVM_RUN out (EINTR) and
 * the run loop looks at the vCPU and at the boot's deadline. */
#ifndef S2VMM_WATCHDOG_H
#define S2VMM_WATCHDOG_H

#include <linux/kvm.h>
#include "../core/types.h"

/* A tick costs one exit to s2vmm: rare enough not to matter in any measured interval, often
 * enough that a powered-off vCPU is noticed at once. */
#define WATCHDOG_TICK_MS 250

/* Arm for one boot: ticks from now on, deadline timeout_s from now. A tick sets
 * run->immediate_exit, so one that lands outside KVM_RUN still makes the next one return. */
void watchdog_start(struct kvm_run *run, u64 timeout_s);
void watchdog_stop(void);
/* The boot's deadline has passed. */
bool watchdog_expired(void);

#endif
