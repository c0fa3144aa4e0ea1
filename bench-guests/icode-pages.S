/*
 * icode's two code pages. ICODE_PAGE emits one 4 KiB page of straight-line code computing
 * x0 = f_variant(x0): 1023 instructions alternating "add x0, x0, #imm" and
 * "eor x0, x0, x0, ror #r", then ret. Every 64-byte line of the two variants differs, so a
 * single stale line changes the result. icode.c holds the C reference of f (icode_reference).
 */
	.macro	ICODE_PAGE name, variant
	.section .page.text.\name, "ax"
	.balign	4096
	.global	\name
	.type	\name, %function
\name:
	.set	i, 0
	.rept	1023
	.if	(i % 2) == 0
	add	x0, x0, #((i * (2 * \variant + 1) + \variant) & 0xfff)
	.else
	eor	x0, x0, x0, ror #(((i + \variant) % 63) + 1)
	.endif
	.set	i, i + 1
	.endr
	ret
	.size	\name, . - \name
	.endm

	ICODE_PAGE icode_page, 0	/* pristine: what the loader writes on every boot */
	ICODE_PAGE icode_alt, 1		/* what a boot copies over icode_page before reset */
