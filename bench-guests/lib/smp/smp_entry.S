/*
 * Where PSCI CPU_ON starts a secondary vCPU: EL1, MMU off, x0 = the context id, which
 * smp_start() makes the vCPU's index. Not crt0's _start: .bss was set up by the boot vCPU.
 * Before any other memory access, the MMU goes on as the boot vCPU's is (smp_mmu, cleaned to
 * the PoC by smp_start), so this vCPU never writes non-cacheable what the boot vCPU reads
 * cacheable (or the reverse): its stack, the work and the result words.
 */
	.text
	.global smp_secondary_entry
smp_secondary_entry:
	mov	x19, x0
	adrp	x1, smp_mmu
	add	x1, x1, :lo12:smp_mmu
	ldr	x2, [x1, #24]			// sctlr
	tbz	x2, #0, 1f			// the boot vCPU's MMU is off: stay off too
	ldr	x3, [x1, #0]
	msr	mair_el1, x3
	ldr	x3, [x1, #8]
	msr	tcr_el1, x3
	ldr	x3, [x1, #16]
	msr	ttbr0_el1, x3
	/* ISB: the MAIR/TCR/TTBR writes take effect before the TLBI and the SCTLR write (ARM ARM,
	 * Synchronization requirements for AArch64 System registers). TLB contents are not
	 * guaranteed invalid at reset: TLBI, DSB to complete it, ISB (ARM ARM, Ordering and
	 * completion of TLB maintenance instructions). */
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	sctlr_el1, x2
	isb					// what follows is translated with the MMU on
	/* Instructions fetched before the switch may predate a rewrite at the PoU (as lib/mmu.c,
	 * after Linux __enable_mmu); IC completes with a DSB, then an ISB (ARM ARM, Ordering and
	 * completion of cache maintenance instructions). */
	ic	iallu
	dsb	nsh
	isb
1:	adrp	x1, smp_stacks
	add	x1, x1, :lo12:smp_stacks
	mov	x3, #4096			// SMP_STACK_SIZE
	madd	x1, x19, x3, x1			// top of smp_stacks[idx - 1]
	mov	sp, x1
	bl	exception_vectors_install	// VBAR_EL1 is per CPU
	mov	x0, x19
	bl	smp_secondary_main
2:	b	2b
