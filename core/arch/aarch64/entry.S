/*
 * World switch between the hypervisor (EL2) and the guest vCPU (EL1), and the EL2 vectors.
 * u64 __guest_enter(struct vcpu_ctx *ctx) runs the guest until it traps, then returns the exit
 * kind (EXIT_*). TPIDR_EL2 holds ctx while the guest runs.
 */
#include "vcpu_ctx.h"
#ifdef S2B_ORACLE
#include "markers.h"	/* tells the oracle plugin whose accesses follow */
#endif

	.text
	.global __guest_enter
__guest_enter:
	add	x1, x0, #CTX_HOST
	stp	x19, x20, [x1, #0]
	stp	x21, x22, [x1, #16]
	stp	x23, x24, [x1, #32]
	stp	x25, x26, [x1, #48]
	stp	x27, x28, [x1, #64]
	stp	x29, x30, [x1, #80]
	mov	x2, sp
	str	x2, [x1, #96]
	msr	tpidr_el2, x0

	ldr	x1, [x0, #CTX_PC]
	msr	elr_el2, x1
	ldr	x1, [x0, #CTX_PSTATE]
	msr	spsr_el2, x1
	ldr	x1, [x0, #CTX_SP_EL1]
	msr	sp_el1, x1
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0, #0]
#ifdef S2B_ORACLE
	hint	#ORACLE_HINT_ENTER_GUEST
#endif
	eret
	dsb	nsh				// no speculation past eret
	isb

/* Guest trapped: save its registers into ctx, restore the host, return \kind from __guest_enter. */
.macro guest_exit kind
#ifdef S2B_ORACLE
	hint	#ORACLE_HINT_EXIT_GUEST
#endif
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #0]
	mov	x1, #\kind
	b	__guest_exit
.endm

__guest_exit:
	mrs	x2, elr_el2
	str	x2, [x0, #CTX_PC]
	mrs	x2, spsr_el2
	str	x2, [x0, #CTX_PSTATE]
	mrs	x2, sp_el1
	str	x2, [x0, #CTX_SP_EL1]
	add	x2, x0, #CTX_HOST
	ldp	x19, x20, [x2, #0]
	ldp	x21, x22, [x2, #16]
	ldp	x23, x24, [x2, #32]
	ldp	x25, x26, [x2, #48]
	ldp	x27, x28, [x2, #64]
	ldp	x29, x30, [x2, #80]
	ldr	x3, [x2, #96]
	mov	sp, x3
	mov	x0, x1
	ret

/* An exception taken at EL2 itself is a hypervisor bug: report it and stop. */
.macro hv_exception kind
	mov	x0, #\kind
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	b	hv_exception_report
.endm

.macro vector label
	.balign 128
\label:
.endm

	.section .vectors, "ax"
	.balign 2048
	.global el2_vectors
el2_vectors:
	/* Current EL with SP_EL0: never used. */
	vector v0
	hv_exception 0
	vector v1
	hv_exception 1
	vector v2
	hv_exception 2
	vector v3
	hv_exception 3
	/* Current EL with SP_EL2. */
	vector v4
	hv_exception 0
	vector v5
	hv_exception 1
	vector v6
	hv_exception 2
	vector v7
	hv_exception 3
	/* Lower EL, AArch64: the guest. */
	vector v8
	guest_exit EXIT_SYNC
	vector v9
	guest_exit EXIT_IRQ
	vector v10
	guest_exit EXIT_FIQ
	vector v11
	guest_exit EXIT_SERROR
	/* Lower EL, AArch32: guests are AArch64 only (HCR_EL2.RW = 1). */
	vector v12
	hv_exception 4
	vector v13
	hv_exception 4
	vector v14
	hv_exception 4
	vector v15
	hv_exception 4
