/*
 * Trapped guest MSR/MRS (EC 0x18, ISS: ARM ARM D19.2 ESR_EL2, "ISS encoding for an exception
 * from MSR, MRS, or System instruction execution"). Three kinds are answered here, as KVM does
 * for a VM without a vPMU or MTE (arch/arm64/kvm/sys_regs.c):
 * - ID register reads (HCR_EL2.TID3): the sanitised view of idregs.c;
 * - PMU registers (MDCR_EL2.TPM, the counters are s2hv's, pmu.c) and the MTE tag-control
 *   registers (trapped while HCR_EL2.ATA = 0): hidden from the ID registers, so UNDEFINED;
 * anything else goes back to the run loop, which ends the boot with guest_trap.
 */
#include "sysreg_trap.h"
#include "idregs.h"
#include "inject.h"
#include "sysreg.h"

/* PMU registers (ARM ARM D19.11). */
static bool is_pmu_sysreg(u64 iss)
{
	unsigned op0 = SYSREG_OP0(iss), op1 = SYSREG_OP1(iss), crn = SYSREG_CRN(iss), crm = SYSREG_CRM(iss);

	if (op0 != 3)
		return false;
	if (crn == 9 && ((op1 == 3 && crm >= 12) || (op1 == 0 && crm == 14)))
		return true; /* PMCR..PMUSERENR_EL0, PMINTEN{SET,CLR}_EL1 */
	return crn == 14 && op1 == 3 && crm >= 8; /* PMEVCNTR<n>_EL0, PMEVTYPER<n>_EL0, PMCCFILTR */
}

/* GCR_EL1, RGSR_EL1 (3,0,1,0,{6,5}) and TFSR_EL1, TFSRE0_EL1 (3,0,5,6,{0,1}): the registers
 * HCR_EL2.ATA = 0 traps at EL1 (ARM ARM D19.2, HCR_EL2.ATA). */
static bool is_mte_sysreg(u64 iss)
{
	unsigned crn = SYSREG_CRN(iss), crm = SYSREG_CRM(iss), op2 = SYSREG_OP2(iss);

	if (SYSREG_OP0(iss) != 3 || SYSREG_OP1(iss) != 0)
		return false;
	return (crn == 1 && crm == 0 && (op2 == 5 || op2 == 6)) || (crn == 5 && crm == 6 && op2 <= 1);
}

bool sysreg_trap_emulate(struct vcpu *v, u64 esr)
{
	unsigned rt = SYSREG_RT(esr);

	if (ESR_EC(esr) != EC_SYSREG)
		return false;
	if (idreg_in_space(esr) && SYSREG_READ(esr)) {
		if (rt != 31) /* XZR: the value is discarded */
			v->x[rt] = idreg_guest_value(esr);
		v->pc += 4;
		return true;
	}
	if (idreg_in_space(esr) || is_pmu_sysreg(esr) || is_mte_sysreg(esr)) {
		inject_undef(v, esr);
		return true;
	}
	return false;
}
