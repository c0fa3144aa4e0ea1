/*
 * See oracle_tvm.h. Compiled only into the oracle build: the normal image has no TVM trap.
 * HCR_EL2.E2H = 0, so the *_EL1 names used at EL2 are the guest's EL1 registers. No ISB after
 * the emulated write: the ERET back to the guest is a context synchronization event (Arm ARM,
 * DDI 0487, "Context synchronization event"), after which the guest sees the new value.
 */
#ifdef S2B_ORACLE
#include "oracle_tvm.h"
#include "markers.h"
#include "sysreg.h"

#define SCTLR_M (1ULL << 0) /* stage-1 MMU on */
#define SCTLR_C (1ULL << 2) /* data accesses cacheable (with M: Normal memory as mapped) */

/* A system register's op0, op1, CRn, CRm, op2 as one number (ESR_EL2 ISS for EC 0x18). */
#define SYSREG_KEY(op0, op1, crn, crm, op2) \
	((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

static unsigned key_of(u64 iss)
{
	return SYSREG_KEY(SYSREG_OP0(iss), SYSREG_OP1(iss), SYSREG_CRN(iss), SYSREG_CRM(iss),
			  SYSREG_OP2(iss));
}

/* The guest's data accesses are cacheable only with both M and C set; otherwise the plugin
 * treats them as Non-cacheable (the MMU-off case of every reset). */
static void write_sctlr(u64 val)
{
	write_sysreg(val, sctlr_el1);
	if ((val & (SCTLR_M | SCTLR_C)) == (SCTLR_M | SCTLR_C))
		ORACLE_MARK(ORACLE_HINT_GUEST_MMU_ON);
	else
		ORACLE_MARK(ORACLE_HINT_GUEST_MMU_OFF);
}

static bool write_el1(unsigned key, u64 val)
{
	switch (key) {
	case SYSREG_KEY(3, 0, 1, 0, 0): write_sctlr(val); break;
	case SYSREG_KEY(3, 0, 2, 0, 0): write_sysreg(val, ttbr0_el1); break;
	case SYSREG_KEY(3, 0, 2, 0, 1): write_sysreg(val, ttbr1_el1); break;
	case SYSREG_KEY(3, 0, 2, 0, 2): write_sysreg(val, tcr_el1); break;
	case SYSREG_KEY(3, 0, 5, 1, 0): write_sysreg(val, afsr0_el1); break;
	case SYSREG_KEY(3, 0, 5, 1, 1): write_sysreg(val, afsr1_el1); break;
	case SYSREG_KEY(3, 0, 5, 2, 0): write_sysreg(val, esr_el1); break;
	case SYSREG_KEY(3, 0, 6, 0, 0): write_sysreg(val, far_el1); break;
	case SYSREG_KEY(3, 0, 10, 2, 0): write_sysreg(val, mair_el1); break;
	case SYSREG_KEY(3, 0, 10, 3, 0): write_sysreg(val, amair_el1); break;
	case SYSREG_KEY(3, 0, 13, 0, 1): write_sysreg(val, contextidr_el1); break;
	default: return false;
	}
	return true;
}

bool oracle_tvm_emulate(struct vcpu *v, u64 esr)
{
	if (ESR_EC(esr) != EC_SYSREG || SYSREG_READ(esr))
		return false;
	if (!write_el1(key_of(esr), SYSREG_RT(esr) == 31 ? 0 : v->x[SYSREG_RT(esr)]))
		return false;
	v->pc += 4;
	return true;
}
#endif
