/* Running the guest vCPU at EL1 and decoding its traps (ARM ARM D1.10, D13.2.37 ESR_EL2). */
#include "../../s2pt.h"
#include "../../vcpu.h"
#include "sysreg.h"
#include "vcpu_ctx.h"

_Static_assert(__builtin_offsetof(struct vcpu, sp_el1) == CTX_SP_EL1, "vcpu layout");
_Static_assert(__builtin_offsetof(struct vcpu, pc) == CTX_PC, "vcpu layout");
_Static_assert(__builtin_offsetof(struct vcpu, pstate) == CTX_PSTATE, "vcpu layout");
_Static_assert(__builtin_offsetof(struct vcpu, host_save) == CTX_HOST, "vcpu layout");

u64 __guest_enter(struct vcpu *v);

static const u64 hcr_guest = HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TWI | HCR_TSC | HCR_RW;

void arch_s2_enable(const struct s2pt *pt, bool fwb)
{
	u64 pa_range = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	u64 vtcr = (64 - pt->ipa_bits)    /* T0SZ */
		   | (1ULL << 6)          /* SL0 = 1: start at level 1 (4K granule) */
		   | (1ULL << 8)          /* IRGN0: WB RA WA */
		   | (1ULL << 10)         /* ORGN0: WB RA WA */
		   | (3ULL << 12)         /* SH0: Inner Shareable */
		   | (MIN(pa_range, 5ULL) << 16) /* PS */
		   | (1ULL << 31);        /* RES1 */

	/* HA + HD: the walker sets S2AP[1] on a write to a DBM leaf (FEAT_HAFDBS; HD needs HA). */
	if (pt->hw_dirty)
		vtcr |= (1ULL << 21) | (1ULL << 22);

	write_sysreg(vtcr, vtcr_el2);
	write_sysreg(pt->root_pa | ((u64)pt->vmid << 48), vttbr_el2);
	write_sysreg(hcr_guest | (fwb ? HCR_FWB : 0), hcr_el2);
	isb();
	/* Nothing of this VMID may survive from firmware or an earlier run (ARM ARM D8.16). */
	dsb(ishst);
	__asm__ volatile("tlbi vmalls12e1is");
	dsb(ish);
	isb();
}

void arch_vcpu_reset(struct vcpu *v, ipa_t entry, u64 x0, u64 x1)
{
	for (unsigned i = 0; i < 31; i++)
		v->x[i] = 0;
	v->x[0] = x0;
	v->x[1] = x1;
	v->sp_el1 = 0;
	v->pc = entry;
	v->pstate = SPSR_EL1H_DAIF;
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
	write_sysreg(0ULL, vbar_el1);
	write_sysreg(0ULL, ttbr0_el1);
	write_sysreg(0ULL, ttbr1_el1);
	write_sysreg(0ULL, tcr_el1);
	write_sysreg(0ULL, mair_el1);
	write_sysreg(0ULL, cpacr_el1);
	isb();
	/* The previous boot's stage-1 translations must not outlive it. */
	dsb(ishst);
	__asm__ volatile("tlbi vmalle1is");
	dsb(ish);
	isb();
}

/* IPA of a permission fault: HPFAR_EL2 is only valid for translation and access-flag faults,
 * so translate FAR through the guest's stage 1 (as KVM's __translate_far_to_hpfar does). */
static bool far_to_ipa(u64 far, ipa_t *ipa)
{
	u64 par, saved;

	if (!(read_sysreg(sctlr_el1) & 1)) {
		*ipa = far; /* guest MMU off: VA == IPA */
		return true;
	}
	saved = read_sysreg(par_el1);
	__asm__ volatile("at s1e1r, %0" : : "r"(far));
	isb();
	par = read_sysreg(par_el1);
	write_sysreg(saved, par_el1);
	if (par & 1)
		return false;
	*ipa = (par & 0x0000fffffffff000ULL) | (far & 0xfff);
	return true;
}

static void decode_abort(struct vcpu_exit *e, bool exec)
{
	u64 fsc = ESR_ABT_FSC(e->esr);
	bool s1ptw = e->esr & ESR_ABT_S1PTW;

	e->kind = EXIT_OTHER;
	if (FSC_TYPE(fsc) != FSC_TRANS && FSC_TYPE(fsc) != FSC_ACCESS && FSC_TYPE(fsc) != FSC_PERM)
		return;
	e->exec = exec;
	e->perm = FSC_TYPE(fsc) == FSC_PERM;
	e->write = !exec && !s1ptw && (e->esr & ESR_ABT_WNR);
	if (e->perm && !s1ptw) {
		if (!far_to_ipa(e->far, &e->ipa))
			return;
	} else {
		e->ipa = ((e->hpfar >> 4) << 12) | (e->far & 0xfff);
	}
	e->kind = EXIT_S2_ABORT;
}

void arch_vcpu_run(struct vcpu *v, struct vcpu_exit *e)
{
	u64 kind = __guest_enter(v);

	*e = (struct vcpu_exit){0};
	e->esr = read_sysreg(esr_el2);
	e->far = read_sysreg(far_el2);
	e->hpfar = read_sysreg(hpfar_el2);
	e->kind = EXIT_OTHER;
	if (kind != EXIT_SYNC)
		return;
	switch (ESR_EC(e->esr)) {
	case EC_HVC64:
		e->kind = EXIT_HYPERCALL;
		break;
	case EC_SMC64:
		e->kind = EXIT_HYPERCALL;
		e->smc = true;
		break;
	case EC_WFX:
		e->kind = EXIT_WFX;
		break;
	case EC_IABT_LOW:
		decode_abort(e, true);
		break;
	case EC_DABT_LOW:
		decode_abort(e, false);
		break;
	}
}
