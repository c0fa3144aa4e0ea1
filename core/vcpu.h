/* The guest vCPU: registers, exits, and what the arch does to run it. */
#ifndef S2_VCPU_H
#define S2_VCPU_H

#include "types.h"

struct s2pt;

/* Layout shared with core/arch/aarch64/entry.S (offsets in vcpu_ctx.h). */
struct vcpu {
	u64 x[31];
	u64 sp_el1;
	u64 pc;
	u64 pstate;
	u64 host_save[13];
	/* The guest owns the interrupt controller, the timer's interrupts and WFI (passthrough.h):
	 * physical IRQs/FIQs go to EL1, WFI is not trapped. Kept across resets. */
	bool passthrough;
	/* Which vCPU this is (0 boots the guest) and the MPIDR_EL1 affinity the guest reads for it
	 * (VMPIDR_EL2; the guest DTB's cpu@N reg): Aff0 = idx, as in core/smp.h. */
	unsigned idx;
	u64 mpidr;
};

enum exit_kind {
	EXIT_HYPERCALL, /* HVC, or SMC trapped by HCR_EL2.TSC */
	EXIT_S2_ABORT,  /* stage-2 data or instruction abort */
	EXIT_WFX,       /* WFI/WFE trapped */
	EXIT_OTHER,     /* anything else: reported as guest_trap */
};

struct vcpu_exit {
	enum exit_kind kind;
	u64 esr, far, hpfar;
	ipa_t ipa;
	bool write, exec, perm;
	bool smc; /* the hypercall came through SMC: PC must step over it */
	struct vcpu *vcpu; /* the vCPU that exited: handlers change its registers */
};

/* Enter the guest until its next trap and decode the trap. */
void arch_vcpu_run(struct vcpu *v, struct vcpu_exit *e);
/* Put EL1 system state back to reset (MMU, caches off) and start at `entry` with x0, x1. */
void arch_vcpu_reset(struct vcpu *v, ipa_t entry, u64 x0, u64 x1);
/* Install the stage-2 tables (VTTBR/VTCR) and HCR_EL2; `fwb` sets HCR_EL2.FWB. */
void arch_s2_enable(const struct s2pt *pt, bool fwb);
/* Deliver the abort of exit `e` to the guest's EL1 as a synchronous external abort, as KVM does
 * for an access with nothing behind it; false when the guest's state cannot take it. */
bool arch_vcpu_inject_abort(struct vcpu *v, const struct vcpu_exit *e);
void arch_system_off(void) __attribute__((noreturn));

#endif
