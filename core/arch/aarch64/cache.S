/*
 * Data- and instruction-cache maintenance by address range. s2hv maps RAM VA == PA at EL2, so
 * a PA is a valid VA for DC/IC by-VA operations.
 */
#ifdef S2B_ORACLE
#include "markers.h"	/* the oracle build announces each range to the oracle plugin */
#endif

/*
 * x0 = start, x1 = size. Clobbers x0-x4. DC by VA takes no offset and has no writeback form, so
 * each line costs the DC and one ADD: 2 instructions per line is the floor. The main loop does
 * 16 lines per iteration (34 instructions: 2.125 per line); the tail goes line by line.
 */
.macro dcache_range op
	cbz	x1, 9f
#ifdef S2B_ORACLE
	.ifc \op, civac
	oracle_range_begin ORACLE_HINT_DC_CIVAC, x0
	.endif
	.ifc \op, cvac
	oracle_range_begin ORACLE_HINT_DC_CVAC, x0
	.endif
	.ifc \op, ivac
	oracle_range_begin ORACLE_HINT_DC_IVAC, x0
	.endif
#endif
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4			// CTR_EL0.DminLine: log2(words per line)
	add	x3, x3, #2			// log2(line size in bytes)
	mov	x2, #1
	lsl	x2, x2, x3			// line size
	add	x1, x0, x1			// end
	sub	x4, x2, #1
	bic	x0, x0, x4			// align start down to a line
	add	x1, x1, x4
	bic	x1, x1, x4			// align end up to a line
	sub	x4, x1, x0
	lsr	x4, x4, x3			// lines
	lsr	x3, x4, #4			// 16-line chunks
	and	x4, x4, #15			// tail lines
	cbz	x3, 2f
1:	.rept 16
	dc	\op, x0
	add	x0, x0, x2
	.endr
	subs	x3, x3, #1
	b.ne	1b
2:	cbz	x4, 3f
	dc	\op, x0
	add	x0, x0, x2
	sub	x4, x4, #1
	b	2b
	/* DC operations complete only after a DSB (ARM ARM D7.5.9.4, "Ordering and completion"). */
3:
#ifdef S2B_ORACLE
	oracle_range_end x0
#endif
	dsb	sy
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
#ifdef S2B_ORACLE
	oracle_range_begin ORACLE_HINT_IC_IVAU, x0
#endif
1:	ic	ivau, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
#ifdef S2B_ORACLE
	oracle_range_end x0
#endif
	dsb	ish
	isb
3:	ret

	.global arch_ic_iallu_is
arch_ic_iallu_is:
#ifdef S2B_ORACLE
	hint	#ORACLE_HINT_IC_IALLUIS
#endif
	ic	ialluis
	dsb	ish
	isb
	ret

	/*
	 * x0 = a 4 KiB-aligned page of Normal memory: DC ZVA per block (DCZID_EL0.BS words).
	 * Page tables are written by the hypervisor and walked with cacheable walks (VTCR_EL2
	 * IRGN0/ORGN0 = WB), so zeroing through the cache is coherent with the walker.
	 */
	.global arch_zero_page
arch_zero_page:
	mrs	x1, dczid_el0
	tbnz	x1, #4, 2f			// DZP: DC ZVA prohibited, use stores
	and	x1, x1, #0xf
	mov	x2, #4
	lsl	x2, x2, x1			// block size in bytes
	add	x3, x0, #4096
1:	dc	zva, x0
	add	x0, x0, x2
	cmp	x0, x3
	b.lo	1b
	ret
2:	add	x3, x0, #4096
3:	stp	xzr, xzr, [x0], #16
	cmp	x0, x3
	b.lo	3b
	ret
