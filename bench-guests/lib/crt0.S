/*
 * Guest entry, at the first byte of every guest image (linked at IPA 0x40000000).
 * Entered at EL1h, MMU and caches off, DAIF masked (docs/protocol.md §2):
 *   x0 = guest DTB IPA or 0, x1 = doorbell IPA, 0 meaning "use HVC".
 * Only PC-relative addressing (ADR/ADRP) here, so boot-reloc can run a copy of this image.
 */
	.section .text.entry, "ax"
	.global _start
_start:
	mov	x19, x0
	mov	x20, x1

	adrp	x2, __stack_top
	add	x2, x2, :lo12:__stack_top
	mov	sp, x2

	/* Unexpected exceptions report a failed check instead of running off into garbage. */
	bl	exception_vectors_install

	/* Zero .bss with aligned 16-byte stores: with the MMU off, data accesses are Device
	 * memory, where an unaligned access faults and DC ZVA is not allowed. */
	adrp	x2, __bss_start
	add	x2, x2, :lo12:__bss_start
	adrp	x3, __bss_end
	add	x3, x3, :lo12:__bss_end
1:	cmp	x2, x3
	b.hs	2f
	stp	xzr, xzr, [x2], #16
	b	1b
2:
	adrp	x2, s2b_boot_dtb
	str	x19, [x2, :lo12:s2b_boot_dtb]
	adrp	x2, s2b_doorbell
	str	x20, [x2, :lo12:s2b_doorbell]

	bl	guest_main
	bl	psci_reset	/* the host decides when the run ends */
	.size	_start, . - _start
