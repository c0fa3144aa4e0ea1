/*
 * Entry of s2hv.img. The first 64 bytes are the arm64 Linux Image header
 * (Documentation/arch/arm64/booting.rst), so QEMU -kernel, U-Boot booti and Raspberry Pi
 * firmware all load this file. Entered with MMU off, x0 = DTB, at EL3 or EL2. The header is also
 * the MS-DOS stub of a PE/COFF image ("MZ" at 0, the PE header's offset at 0x3c): a UEFI
 * firmware starts the same file as an EFI application at efi_entry (efi_header.S).
 */
#include "vcpu_ctx.h"

	.section .text.head, "ax"
	.global _head_entry
_head_entry:
	.inst	0xfa405a4d			// code0: "MZ", and harmless: ccmp x18, #0, #0xd, pl
	b	primary_entry			// code1
	.quad	0x80000				// text_offset
	.quad	_image_size			// image_size
	.quad	0xa				// flags: LE, 4K pages, anywhere in PA space
	.quad	0, 0, 0				// res2-res4
	.ascii	"ARM\x64"			// magic
	.long	__pe_header_offset		// res5: PE header (image.ld, efi_header.S)

	.global primary_entry
primary_entry:
	msr	daifset, #0xf
	mov	x20, x0				// DTB
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	cmp	x1, #3
	b.eq	drop_from_el3
	cmp	x1, #2
	b.ne	1f
el2_entry:
	/* SCTLR_EL2 with MMU and caches off, RES1 bits set (ARM ARM D19.2.118). */
	ldr	x1, =0x30c50830
	msr	sctlr_el2, x1
	isb
1:
	adr	x19, _head_entry		// load address (the image is linked at 0)
	bl	apply_relocations
	/* Zero .bss and the stack area. */
	adrp	x9, __bss_start
	add	x9, x9, :lo12:__bss_start
	adrp	x10, _end
	add	x10, x10, :lo12:_end
3:	cmp	x9, x10
	b.hs	4f
	stp	xzr, xzr, [x9], #16
	b	3b
4:
	adrp	x9, __stack_top
	add	x9, x9, :lo12:__stack_top
	mov	sp, x9
	mrs	x1, CurrentEL
	cmp	x1, #(2 << 2)
	b.ne	not_at_el2

	mov	x0, x19
	adrp	x1, _end
	add	x1, x1, :lo12:_end
	mov	x2, x20
	bl	mmu_early_tables		// builds the EL2 identity map, MMU still off

	/*
	 * Everything above was written with the MMU off, i.e. straight to memory. Invalidate the
	 * image's lines so no stale line can hide those writes once caching is on (ARM ARM
	 * D7.5.9: data written with caches off must be made coherent by invalidation).
	 */
	mov	x0, x19
	adrp	x1, _end
	add	x1, x1, :lo12:_end
	sub	x1, x1, x0
	bl	arch_dc_ivac_range
	bl	mmu_enable

	adr	x0, el2_vectors
	msr	vbar_el2, x0
	isb
	mov	x0, x20
	bl	hv_main
	bl	arch_system_off
5:	wfi
	b	5b

/*
 * A secondary CPU, started by arch_cpu_start() through the firmware's PSCI CPU_ON: at EL2, MMU
 * off, x0 = its index. It enables the MMU on the boot CPU's tables before its first data access,
 * so it never reads memory non-cacheable that others wrote cacheable, then takes its own stack.
 */
	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	ldr	x1, =0x30c50830			// SCTLR_EL2: MMU and caches off, RES1 bits
	msr	sctlr_el2, x1
	isb
	bl	mmu_enable			// a leaf: no stack yet
	adr	x0, el2_vectors
	msr	vbar_el2, x0
	isb
	adrp	x9, secondary_stacks
	add	x9, x9, :lo12:secondary_stacks
	add	x1, x19, #1
	mov	x2, #SECONDARY_STACK_SIZE
	madd	x9, x1, x2, x9			// top of stack idx
	mov	sp, x9
	mov	x0, x19
	bl	arch_secondary_main
7:	wfi
	b	7b

drop_from_el3:
	/* SCR_EL3: NS, SMD clear, HCE (HVC enabled), RW (lower ELs AArch64). ARM ARM D19.2.121 */
	mov	x1, #((1 << 0) | (1 << 8) | (1 << 10) | (0xf << 4))
	msr	scr_el3, x1
	mov	x1, #0x3c9			// EL2h, DAIF masked
	msr	spsr_el3, x1
	adr	x1, el2_entry
	msr	elr_el3, x1
	mov	x0, x20
	eret

not_at_el2:
	/* Entered at EL1: no hypervisor can run. The C side reports it (MMU off), then stops. */
	mov	x0, x20
	bl	hv_not_at_el2
	b	5b

	/*
	 * x19 = load address. Applies the R_AARCH64_RELATIVE relocations: *(base + off) = base +
	 * addend. Idempotent (each word is written from its addend), so the EFI path, which runs
	 * it under the firmware's MMU before its C code, may run it again from el2_entry.
	 * Clobbers x9-x13; no stack. In .text, not .text.head: under UEFI the PE headers, which
	 * .text.head is part of, are not executable (efi_header.S).
	 */
	.text
	.global apply_relocations
apply_relocations:
	adrp	x9, __rela_start
	add	x9, x9, :lo12:__rela_start
	adrp	x10, __rela_end
	add	x10, x10, :lo12:__rela_end
6:	cmp	x9, x10
	b.hs	7f
	ldp	x11, x12, [x9], #24
	ldr	x13, [x9, #-8]
	cmp	x12, #1027			// R_AARCH64_RELATIVE
	b.ne	6b
	add	x13, x13, x19
	str	x13, [x19, x11]
	b	6b
7:	ret
