/*
 * A raw-binary guest (s2b.guest=image) that asks s2hv's PSCI/SMCCC emulation (core/psci.c) the
 * questions Linux asks, plus a few it must refuse, and reports the verdict with S2B_CHECK
 * (observed x0, expected value on failure); then PSCI SYSTEM_RESET. Expected answers: Arm DEN
 * 0022 (PSCI) and DEN 0028 (SMCCC: an unknown function returns NOT_SUPPORTED, -1).
 */
	.macro ask fid, arg=0, want
	ldr	x0, =\fid
	ldr	x1, =\arg
	hvc	#0
	ldr	x9, =\want
	cmp	x0, x9
	b.ne	fail
	.endm

	.text
	.global _start
_start:
	ask	0x84000000, 0, 0x10000			// PSCI_VERSION: 1.0
	ask	0x8400000a, 0x84000009, 0		// FEATURES(SYSTEM_RESET): present
	ask	0x8400000a, 0xc4000003, 0		// FEATURES(CPU_ON, SMC64): present
	ask	0x8400000a, 0x84000001, -1		// FEATURES(CPU_SUSPEND): NOT_SUPPORTED
	ask	0x8400000a, 0x80000000, -1		// FEATURES(SMCCC_VERSION): NOT_SUPPORTED
	ask	0x80000000, 0, -1			// SMCCC_VERSION: NOT_SUPPORTED
	ask	0xc4000003, 0, -4			// CPU_ON(vCPU 0): ALREADY_ON
	ask	0xc4000003, 1, -2			// CPU_ON(no such CPU): INVALID_PARAMETERS
	ask	0xc4000004, 0, 0			// AFFINITY_INFO(vCPU 0): ON
	ask	0x84000006, 0, 2			// MIGRATE_INFO_TYPE: no Trusted OS to migrate
	ask	0x84000012, 0, -1			// SYSTEM_RESET2: NOT_SUPPORTED
	ask	0xc2001234, 0, -1			// an unknown SiP call: NOT_SUPPORTED
	ldr	x0, =0x84000000				// a trapped SMC is a call too (HCR_EL2.TSC)
	smc	#0
	ldr	x9, =0x10000
	cmp	x0, x9
	b.ne	fail
	mov	x1, #0					// S2B_CHECK pass
	b	report
fail:
	mov	x2, x0					// observed
	mov	x3, x9					// expected
	mov	x1, #1					// S2B_CHECK fail
report:
	ldr	x0, =0x86000004
	hvc	#0
	ldr	x0, =0x86000002				// S2B_MARK READY
	mov	x1, #0
	hvc	#0
	ldr	x0, =0x84000009				// PSCI_SYSTEM_RESET
	hvc	#0
1:	b	1b
	.ltorg
