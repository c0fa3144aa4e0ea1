/*
 * Oracle build only (docs/oracle.md): the guest's writes to its stage-1 control registers trap
 * to EL2 so that s2hv can mark its MMU on/off for the oracle plugin, for a guest that carries no
 * markers of its own (the Linux guest).
 */
#ifndef S2_AARCH64_ORACLE_TVM_H
#define S2_AARCH64_ORACLE_TVM_H

#include "../../vcpu.h"

/* HCR_EL2.TVM, "Trap Virtual Memory controls": EL1 writes to SCTLR_EL1, TTBR0/1_EL1, TCR_EL1,
 * ESR_EL1, FAR_EL1, AFSR0/1_EL1, MAIR_EL1, AMAIR_EL1, CONTEXTIDR_EL1 trap to EL2 (EC 0x18). */
#define ORACLE_HCR_TVM (1ULL << 26)

/* A trapped write of one of those registers: do it, mark the guest's MMU state when it is
 * SCTLR_EL1, step the guest's PC. False for any other trap (not handled here). */
bool oracle_tvm_emulate(struct vcpu *v, u64 esr);

#endif
