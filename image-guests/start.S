/*
 * Entry of a raw EL1 image (docs/guests.md, "Raw images"): the loader enters at the first byte,
 * EL1h, MMU and caches off, x0 = the DTB's IPA. Zero .bss (not in the flat binary: the loader
 * writes only the image), set a stack, call probe_main(dtb); then PSCI SYSTEM_OFF over HVC.
 * MMU off, every access is Device-nGnRnE: aligned 8-byte stores only.
 */
	.section .text.entry, "ax"
	.global _start
_start:
	mov	x19, x0
	adr	x1, __bss_start
	adr	x2, _end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	adr	x1, stack_top
	mov	sp, x1
	mov	x0, x19
	bl	probe_main
	ldr	x0, =0x84000008		/* PSCI SYSTEM_OFF (Arm DEN 0022) */
	hvc	#0
3:	wfi
	b	3b
	.ltorg

	.bss
	.balign 16
	.space	16384
stack_top:
