/* PSCI 1.0 for the guest's vCPUs (Arm DEN 0022 "Arm Power State Coordination Interface"). */
#ifndef S2_PSCI_H
#define S2_PSCI_H

#include "psci_ids.h"
#include "run.h"


/* SMCCC / PSCI return codes (DEN 0022, 5.2.2); x0 is 64 bits, so sign-extended. */
#define SMCCC_NOT_SUPPORTED ((u64)-1)
#define PSCI_INVALID_PARAMETERS ((u64)-2)
#define PSCI_ALREADY_ON ((u64)-4)
#define PSCI_ON_PENDING ((u64)-5)
#define PSCI_INVALID_ADDRESS ((u64)-9)
#define PSCI_TOS_NOT_PRESENT_MP 2 /* MIGRATE_INFO_TYPE: no Trusted OS needing migration */

/*
 * Handle the SMCCC call in vCPU v's x0 as PSCI. SYSTEM_RESET ends the boot with BOOT_RESET,
 * SYSTEM_OFF (and CPU_OFF of vCPU 0) with BOOT_OFF — asked by another vCPU, at vCPU 0's next
 * exit (smp.h); every other call returns BOOT_CONTINUE with its result in x0 — NOT_SUPPORTED
 * for anything that is not PSCI 1.0.
 */
struct vm;
enum boot_exit psci_handle(struct vm *vm, struct vcpu *v);

#endif
