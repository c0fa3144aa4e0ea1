/* PSCI 1.0 for the guest's one vCPU (Arm DEN 0022 "Arm Power State Coordination Interface"). */
#ifndef S2_PSCI_H
#define S2_PSCI_H

#include "psci_ids.h"
#include "run.h"


/* SMCCC / PSCI return codes (DEN 0022, 5.2.2); x0 is 64 bits, so sign-extended. */
#define SMCCC_NOT_SUPPORTED ((u64)-1)
#define PSCI_INVALID_PARAMETERS ((u64)-2)
#define PSCI_ALREADY_ON ((u64)-4)
#define PSCI_AFFINITY_ON 0
#define PSCI_TOS_NOT_PRESENT_MP 2 /* MIGRATE_INFO_TYPE: no Trusted OS needing migration */

/* MPIDR_EL1 affinity of the only vCPU; the arch sets VMPIDR_EL2 to it, the guest DTB lists it. */
#define VCPU0_MPIDR_AFF 0x0ULL

/*
 * Handle the SMCCC call in the vCPU's x0 as PSCI. SYSTEM_RESET ends the boot with BOOT_RESET,
 * SYSTEM_OFF (and CPU_OFF of the last vCPU) with BOOT_OFF; every other call returns
 * BOOT_CONTINUE with its result in x0 — NOT_SUPPORTED for anything that is not PSCI 1.0.
 */
enum boot_exit psci_handle(struct vcpu *v);

#endif
