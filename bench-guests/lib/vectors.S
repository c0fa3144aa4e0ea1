/*
 * EL1 exception vectors: every entry reports the exception through guest_exception() (a failed
 * check naming ESR/ELR/FAR) and asks for a reset. A guest executing stale instructions or data
 * most often ends here, so such a failure is visible in the boot record.
 * VBAR_EL1 needs 2 KiB alignment; each of the 16 entries is 128 bytes (ARM ARM, Exception vectors).
 */
	.section .text.vectors, "ax"
	.balign	2048
	.global	vectors_el1
vectors_el1:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign	128
	mov	x0, #\n
	b	exception_entry
	.endr

exception_entry:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	b	guest_exception
