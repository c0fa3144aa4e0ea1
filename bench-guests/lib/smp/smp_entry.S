/*
 * Where PSCI CPU_ON starts a secondary vCPU: EL1, MMU off, x0 = the context id, which
 * smp_start() makes the vCPU's index. Not crt0's _start: .bss was set up by the boot vCPU.
 */
	.text
	.global smp_secondary_entry
smp_secondary_entry:
	mov	x19, x0
	adrp	x1, smp_stacks
	add	x1, x1, :lo12:smp_stacks
	add	x2, x19, #1
	mov	x3, #8192			// SMP_STACK_SIZE
	madd	x1, x2, x3, x1			// top of this vCPU's stack
	mov	sp, x1
	bl	exception_vectors_install	// VBAR_EL1 is per CPU
	mov	x0, x19
	bl	smp_secondary_main
1:	b	1b
