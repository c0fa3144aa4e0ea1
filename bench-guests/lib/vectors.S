/*
 * EL1 exception vectors: every entry reports the exception through guest_exception() (a failed
 * check naming ESR/ELR/FAR) and asks for a reset. A guest executing stale instructions or data
 * most often ends here, so such a failure is visible in the boot record.
 */
#include "vector_table.inc"

.macro report_entry n
	mov	x0, #\n
	b	exception_entry
.endm

	.section .text.vectors, "ax"
	vector_table vectors_el1, report_entry

exception_entry:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	b	guest_exception
