/* Running the guest vCPU at EL1 and decoding its traps (ARM ARM D1.10, D13.2.37 ESR_EL2). */
#include "../../psci.h"
#include "../../s2pt.h"
#include "../../vcpu.h"
#include "sysreg.h"
#include "sysreg_trap.h"
#include "vcpu_ctx.h"
#ifdef S2B_ORACLE
#include "markers.h"	/* guest MMU and FWB state for the oracle plugin */
#endif

_Static_assert(__builtin_offsetof(struct vcpu, sp_el1) == CTX_SP_EL1, "vcpu layout");
_Static_assert(__builtin_offsetof(struct vcpu, pc) == CTX_PC, "vcpu layout");
_Static_assert(__builtin_offsetof(struct vcpu, pstate) == CTX_PSTATE, "vcpu layout");
_Static_assert(__builtin_offsetof(struct vcpu, host_save) == CTX_HOST, "vcpu layout");

u64 __guest_enter(struct vcpu *v);

static u64 hcr_fwb;           /* HCR_EL2.FWB as the strategy asked (arch_s2_enable) */
static u64 s2_vtcr, s2_vttbr; /* as arch_s2_enable set them, for the other CPUs (arch_s2_load) */
static bool hcr_passthrough;  /* as the vCPU asked at its last reset */

/* FEAT_PAuth: ID_AA64ISAR1_EL1.{APA, API, GPA, GPI} or ID_AA64ISAR2_EL1.APA3. */
static bool have_pauth(void)
{
	return (read_sysreg(id_aa64isar1_el1) & 0xff000ff0ULL) || (read_sysreg_s(SYS_ID_AA64ISAR2_EL1) & 0xf000ULL);
}

/*
 * SMCs trap (TSC) and are handled as HVCs. A bench guest's IRQs/FIQs would come to EL2
 * (IMO/FMO) and its WFI returns at once (TWI, run.c). A guest that owns the GIC (vcpu.h,
 * passthrough) takes its interrupts at EL1 and sleeps in WFI until one arrives — except on a
 * secondary vCPU, whose WFI traps (smp_run.c waits for an event at EL2 instead) so that the
 * end of a boot can stop it even when it idles: its interrupts are not ours to kick it. Pointer
 * authentication, which Linux uses in the kernel, must not trap (APK/API) where it exists.
 * ID register reads trap (TID3) so the guest sees only what s2hv gives it (idregs.c).
 */
static void write_guest_hcr(bool secondary)
{
	u64 hcr = HCR_VM | HCR_SWIO | HCR_AMO | HCR_TSC | HCR_RW | HCR_TID3 | hcr_fwb;

	if (!hcr_passthrough)
		hcr |= HCR_FMO | HCR_IMO | HCR_TWI;
	else if (secondary)
		hcr |= HCR_TWI;
	if (have_pauth())
		hcr |= HCR_APK | HCR_API;
	write_sysreg(hcr, hcr_el2);
}

/* No FP/SVE/SME traps for the guest: ours is -mgeneral-regs-only and never touches that state.
 * The vector lengths EL1 may choose are left unconstrained (LEN = max). A new boot starts out
 * of streaming mode with ZA off (SVCR.SM, ZA = 0), as after a reset: the previous boot's
 * guest may have left them on, and they are PSTATE, which no vCPU reset of ours clears else. */
static void untrap_fp_sve_sme(void)
{
	bool sve = (read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf;
	bool sme = (read_sysreg(id_aa64pfr1_el1) >> 24) & 0xf;

	write_sysreg(CPTR_EL2_RES1 | (sve ? 0 : CPTR_TZ) | (sme ? 0 : CPTR_TSM), cptr_el2);
	isb();
	if (sve)
		write_sysreg_s(0xfULL, SYS_ZCR_EL2);
	if (sme) {
		write_sysreg_s(0xfULL, SYS_SMCR_EL2);
		write_sysreg_s(0ULL, SYS_SVCR);
	}
}

/* GICv3 system-register interface: EL1 may use it (ICC_SRE_EL2.Enable) with SRE, DFB, DIB. */
static void enable_gic_sysregs(void)
{
	if ((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf)
		write_sysreg_s(0xfULL, SYS_ICC_SRE_EL2);
}

/* Timers back to reset for a new boot: both EL1 timers off, no EL0 access, no virtual offset;
 * EL1 may use the physical counter and timer (CNTHCTL_EL2.EL1PCTEN, EL1PCEN; E2H = 0). */
static void reset_timers(void)
{
	write_sysreg(0ULL, cntv_ctl_el0);
	write_sysreg(0ULL, cntp_ctl_el0);
	write_sysreg(0ULL, cntkctl_el1);
	write_sysreg(0ULL, cntvoff_el2);
	write_sysreg(3ULL, cnthctl_el2);
}

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

	s2_vtcr = vtcr;
	s2_vttbr = pt->root_pa | ((u64)pt->vmid << 48);
	write_sysreg(s2_vtcr, vtcr_el2);
	write_sysreg(s2_vttbr, vttbr_el2);
	hcr_fwb = fwb ? HCR_FWB : 0;
#ifdef S2B_ORACLE
	if (fwb)
		ORACLE_MARK(ORACLE_HINT_FWB_ON);
	else
		ORACLE_MARK(ORACLE_HINT_FWB_OFF);
#endif
	write_guest_hcr(false); /* the boot CPU's: vCPU 0 */
	isb();
	/* Nothing of this VMID may survive from firmware or an earlier run (ARM ARM D8.16). */
	dsb(ishst);
	__asm__ volatile("tlbi vmalls12e1is");
	dsb(ish);
	isb();
}

/* A secondary CPU, before its vCPU's reset: the VM's stage 2 as the boot CPU installed it. Its
 * TLBs hold nothing of this VMID: arch_s2_enable's TLBI was Inner Shareable (ARM ARM D8.16). */
void arch_s2_load(void)
{
	write_sysreg(s2_vtcr, vtcr_el2);
	write_sysreg(s2_vttbr, vttbr_el2);
	isb(); /* HCR_EL2 follows at the vCPU's reset */
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
	hcr_passthrough = v->passthrough;
	write_guest_hcr(v->idx);
	untrap_fp_sve_sme();
	enable_gic_sysregs();
	reset_timers();
	/* This vCPU's affinity, as its DTB lists it (smp.h); bit 31 is RES1; VPIDR_EL2 is the MIDR. */
	write_sysreg((1ULL << 31) | v->mpidr, vmpidr_el2);
	write_sysreg(0ULL, mdscr_el1);
	write_sysreg(SCTLR_EL1_RESET, sctlr_el1);
#ifdef S2B_ORACLE
	ORACLE_MARK(ORACLE_HINT_GUEST_MMU_OFF);	/* every boot starts with the guest's MMU off */
#endif
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

/* A trapped MSR/MRS s2hv answers without an exit (sysreg_trap.c). The class test stays here,
 * inline: every guest call passes through it, and a call to another file would add to the
 * null HVC's round trip (docs/performance.md). */
static bool answered_in_place(struct vcpu *v, u64 kind)
{
	u64 esr = read_sysreg(esr_el2);

	return kind == EXIT_SYNC && ESR_EC(esr) == EC_SYSREG && sysreg_trap_emulate(v, esr);
}

void arch_vcpu_run(struct vcpu *v, struct vcpu_exit *e)
{
	u64 kind;

	do
		kind = __guest_enter(v);
	while (answered_in_place(v, kind));

	*e = (struct vcpu_exit){.vcpu = v};
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
