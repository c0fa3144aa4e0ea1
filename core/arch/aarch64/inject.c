/*
 * Taking an exception to the guest's EL1 from EL2, as the CPU would have (ARM ARM D1.3.2
 * "Taking an exception", pseudocode AArch64.TakeException; KVM's enter_exception64 in
 * arch/arm64/kvm/hyp/exception.c is the model). The guest's EL1 registers live in the CPU while
 * s2hv runs (one guest, nothing saved), so they are written directly; the ERET that resumes
 * the guest is a context synchronization event, and direct writes to a System register are
 * seen by later direct reads of it in program order (ARM ARM D19.2.1): no barrier is needed.
 */
#include "inject.h"
#include "sysreg.h"

/* PSTATE / SPSR_ELx bits (ARM ARM C5.2.18 SPSR_EL1). */
#define PSR_M_MASK 0xfULL
#define PSR_M_EL1T 0x4ULL
#define PSR_M_EL1H 0x5ULL
#define PSR_NRW (1ULL << 4) /* AArch32 state */
#define PSR_DAIF (0xfULL << 6)
#define PSR_SSBS (1ULL << 12)
#define PSR_PAN (1ULL << 22)
#define PSR_DIT (1ULL << 24)
#define PSR_NZCV (0xfULL << 28)
#define SCTLR_DSSBS (1ULL << 44)
#define SCTLR_SPAN (1ULL << 23)

/* Vector offsets from VBAR_EL1 (ARM ARM D1.3.1, Table "Vector offsets"); synchronous: +0. */
#define VEC_CURRENT_SP0 0x000
#define VEC_CURRENT_SPX 0x200
#define VEC_LOWER_A64 0x400

static bool from_el0(u64 pstate)
{
	return (pstate & PSR_M_MASK) == 0;
}

/* Enter EL1h at the synchronous vector with ESR_EL1 = esr. */
static void take_sync_exception(struct vcpu *v, u64 esr)
{
	u64 old = v->pstate, sctlr = read_sysreg(sctlr_el1), off, pstate;

	if (from_el0(old))
		off = VEC_LOWER_A64;
	else
		off = (old & PSR_M_MASK) == PSR_M_EL1T ? VEC_CURRENT_SP0 : VEC_CURRENT_SPX;
	/* Kept: NZCV, DIT, PAN. Cleared: UAO, SS, IL, BTYPE. PAN is set when SCTLR_EL1.SPAN is 0
	 * (RES1 without FEAT_PAN); SSBS = SCTLR_EL1.DSSBS (RES0 without FEAT_SSBS). D, A, I, F
	 * masked; EL1 with SP_EL1. */
	pstate = (old & (PSR_NZCV | PSR_DIT | PSR_PAN)) | PSR_DAIF | PSR_M_EL1H;
	if (!(sctlr & SCTLR_SPAN))
		pstate |= PSR_PAN;
	if (sctlr & SCTLR_DSSBS)
		pstate |= PSR_SSBS;
	write_sysreg(esr, esr_el1);
	write_sysreg(v->pc, elr_el1);
	write_sysreg(old, spsr_el1);
	v->pstate = pstate;
	v->pc = (read_sysreg(vbar_el1) & ~0x7ffULL) + off;
}

void inject_undef(struct vcpu *v, u64 esr_el2)
{
	take_sync_exception(v, esr_el2 & ESR_IL); /* EC 0: unknown reason */
}

/* A synchronous external abort (FSC 0x10) for the guest's instruction or data abort, ESR_EL1.EC
 * naming the EL it came from; FAR_EL1 = the faulting VA (KVM's inject_abt64). */
bool arch_vcpu_inject_abort(struct vcpu *v, const struct vcpu_exit *e)
{
	bool low = from_el0(v->pstate);
	u64 ec;

	if (v->pstate & PSR_NRW)
		return false; /* an AArch32 EL0: no AArch32 exception model here */
	if (e->exec && !(e->esr & ESR_ABT_S1PTW))
		ec = low ? EC_IABT_LOW : EC_IABT_CUR;
	else /* a data access, or the stage-1 walk of either: a data abort, as KVM reports it */
		ec = low ? EC_DABT_LOW : EC_DABT_CUR;
	write_sysreg(e->far, far_el1);
	take_sync_exception(v, (ec << 26) | (e->esr & ESR_IL) | FSC_SYNC_EXTERNAL);
	return true;
}
