/*
 * The ID registers the guest sees (HCR_EL2.TID3 traps its reads; KVM's read_id_reg and
 * sanitisation in arch/arm64/kvm/sys_regs.c are the model). Registers s2hv knows pass through
 * with the fields of features it does not give the guest set to 0 ("not implemented"); every
 * other encoding of the space reads as zero, so a feature of a newer CPU that needs EL2 to
 * enable or virtualise it (FPMR, TCR2, ...) is never advertised by accident. docs/guests.md
 * lists what is exposed and hidden.
 */
#include "idregs.h"
#include "sysreg.h"

#define FIELD(lo) (0xfULL << (lo)) /* a 4-bit ID field at bit `lo` */
#define ENC(crm, op2) ((crm) * 8 + (op2))

/* The hidden fields of each register s2hv passes through; 0 = nothing hidden. */
static const struct { u8 enc; u64 hide; } known[] = {
	/* AArch32 views (an AArch32 EL0 reads them through Linux): everything but the PMU */
	{ENC(1, 0), 0}, {ENC(1, 1), 0},
	{ENC(1, 2), FIELD(24)},                    /* ID_DFR0_EL1.PerfMon: the PMU is s2hv's */
	{ENC(1, 3), 0}, {ENC(1, 4), 0}, {ENC(1, 5), 0}, {ENC(1, 6), 0}, {ENC(1, 7), 0},
	{ENC(2, 0), 0}, {ENC(2, 1), 0}, {ENC(2, 2), 0}, {ENC(2, 3), 0}, {ENC(2, 4), 0},
	{ENC(2, 5), 0}, {ENC(2, 6), 0}, {ENC(2, 7), 0},
	{ENC(3, 0), 0}, {ENC(3, 1), 0}, {ENC(3, 2), 0}, {ENC(3, 4), 0}, {ENC(3, 5), 0},
	{ENC(3, 6), 0},
	/* ID_AA64PFR0_EL1: EL2 (the guest has none: its HVCs are s2hv's), MPAM, AMU */
	{ENC(4, 0), FIELD(8) | FIELD(40) | FIELD(44)},
	/* ID_AA64PFR1_EL1: MTE (HCR_EL2.ATA = 0, no Tagged stage-2 memory), MPAM_frac, RNDR_trap,
	 * NMI, MTE_frac, GCS and THE (their EL1 controls need HCRX_EL2, which s2hv leaves at 0) */
	{ENC(4, 1), FIELD(8) | FIELD(16) | FIELD(28) | FIELD(36) | FIELD(40) | FIELD(44) | FIELD(48)},
	{ENC(4, 4), 0},                            /* ID_AA64ZFR0_EL1: SVE is not trapped */
	{ENC(4, 5), 0},                            /* ID_AA64SMFR0_EL1: SME is not trapped */
	/* ID_AA64DFR0_EL1: PMUVer (the counters are s2hv's, pmu.c), PMSVer, TraceBuffer, BRBE */
	{ENC(5, 0), FIELD(8) | FIELD(32) | FIELD(44) | FIELD(52)},
	{ENC(5, 1), 0}, {ENC(5, 4), 0}, {ENC(5, 5), 0},
	{ENC(6, 0), 0},
	{ENC(6, 1), FIELD(60)},                    /* ID_AA64ISAR1_EL1.LS64: needs HCRX_EL2 */
	{ENC(6, 2), FIELD(16) | FIELD(32)},        /* ID_AA64ISAR2_EL1 MOPS, SYSREG_128: HCRX_EL2 */
	{ENC(7, 0), 0},
	{ENC(7, 1), FIELD(8) | FIELD(40)},         /* ID_AA64MMFR1_EL1: VH, HCX (EL2 features) */
	{ENC(7, 2), FIELD(24)},                    /* ID_AA64MMFR2_EL1.NV: no EL2 to nest */
};

bool idreg_in_space(u64 iss)
{
	return SYSREG_OP0(iss) == 3 && SYSREG_OP1(iss) == 0 && SYSREG_CRN(iss) == 0 &&
	       SYSREG_CRM(iss) >= 1 && SYSREG_CRM(iss) <= 7;
}

/* The CPU's value of the ID register at ENC(crm, op2), read at EL2 (not trapped). */
#define HW_CASE(crm, op2)     \
	case ENC(crm, op2): \
		return read_sysreg_s(s3_0_c0_c##crm##_##op2);
#define HW_ROW(crm) HW_CASE(crm, 0) HW_CASE(crm, 1) HW_CASE(crm, 2) HW_CASE(crm, 3) \
		    HW_CASE(crm, 4) HW_CASE(crm, 5) HW_CASE(crm, 6) HW_CASE(crm, 7)
static u64 hw_value(unsigned enc)
{
	switch (enc) {
		HW_ROW(1) HW_ROW(2) HW_ROW(3) HW_ROW(4) HW_ROW(5) HW_ROW(6) HW_ROW(7)
	}
	return 0;
}

u64 idreg_guest_value(u64 iss)
{
	unsigned enc = ENC(SYSREG_CRM(iss), SYSREG_OP2(iss));

	for (unsigned i = 0; i < ARRAY_SIZE(known); i++)
		if (known[i].enc == enc)
			return hw_value(enc) & ~known[i].hide;
	return 0;
}
