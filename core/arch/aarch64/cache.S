/*
 * Data- and instruction-cache maintenance by address range. s2hv maps RAM VA == PA at EL2, so
 * a PA is a valid VA for DC/IC by-VA operations. The data-cache loops issue 8 operations per
 * iteration: 11 instructions per 8 lines (1.375 per line) on the main path.
 */

/* x0 = start, x1 = size. Clobbers x0-x4. */
.macro dcache_range op
	cbz	x1, 9f
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4			// CTR_EL0.DminLine: log2(words per line)
	mov	x2, #4
	lsl	x2, x2, x3			// line size in bytes
	add	x1, x0, x1			// end
	sub	x3, x2, #1
	bic	x0, x0, x3			// align start down to a line
	lsl	x4, x2, #3			// 8 lines
1:	sub	x3, x1, x0
	cmp	x3, x4
	b.lo	2f
	.rept 8
	dc	\op, x0
	add	x0, x0, x2
	.endr
	b	1b
2:	cmp	x0, x1
	b.hs	3f
	dc	\op, x0
	add	x0, x0, x2
	b	2b
	/* DC operations complete only after a DSB (ARM ARM D7.5.9.4, "Ordering and completion"). */
3:	dsb	sy
9:	ret
.endm

	.text
	.global arch_dc_civac_range
arch_dc_civac_range:
	dcache_range civac

	.global arch_dc_cvac_range
arch_dc_cvac_range:
	dcache_range cvac

	.global arch_dc_ivac_range
arch_dc_ivac_range:
	dcache_range ivac

	/* x0 = start, x1 = size: IC IVAU per I-cache line, then DSB + ISB (ARM ARM D7.5.9.4). */
	.global arch_ic_ivau_range
arch_ic_ivau_range:
	cbz	x1, 3f
	mrs	x3, ctr_el0
	and	x3, x3, #0xf			// CTR_EL0.IminLine
	mov	x2, #4
	lsl	x2, x2, x3
	add	x1, x0, x1
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	ic	ivau, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	ish
	isb
3:	ret

	.global arch_ic_iallu_is
arch_ic_iallu_is:
	ic	ialluis
	dsb	ish
	isb
	ret
