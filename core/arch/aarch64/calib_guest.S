/*
 * The calibration program (core/calibrate.c), run at EL1 with the MMU off: CALIB_CALLS null
 * S2B_VERSION calls back to back, then PSCI SYSTEM_OFF. Position independent: copied to a page.
 */
#define S2B_VERSION 0x86000000
#define PSCI_SYSTEM_OFF 0x84000008
#define CALIB_CALLS 32

	.section .rodata
	.balign 4
	.global calib_guest_start, calib_guest_end
calib_guest_start:
	.rept CALIB_CALLS
	mov	x0, #(S2B_VERSION & 0xffff)
	movk	x0, #(S2B_VERSION >> 16), lsl #16
	hvc	#0
	.endr
	mov	x0, #(PSCI_SYSTEM_OFF & 0xffff)
	movk	x0, #(PSCI_SYSTEM_OFF >> 16), lsl #16
	hvc	#0
1:	b	1b
calib_guest_end:

/*
 * The calibration program's probe (core/calib_program.c), also run at EL1 with the MMU off:
 * x2 times, a null S2B_VERSION call when x4 (stride) is 0, else a load from x3, then x3 += x4 —
 * each load of a page stage 2 does not map is one stage-2 translation fault. Then SYSTEM_OFF.
 */
	.balign 4
	.global calib_probe_start, calib_probe_end
calib_probe_start:
1:	cbz	x4, 2f
	ldr	x5, [x3]
	add	x3, x3, x4
	b	3f
2:	mov	x0, #(S2B_VERSION & 0xffff)
	movk	x0, #(S2B_VERSION >> 16), lsl #16
	hvc	#0
3:	subs	x2, x2, #1
	b.ne	1b
	mov	x0, #(PSCI_SYSTEM_OFF & 0xffff)
	movk	x0, #(PSCI_SYSTEM_OFF >> 16), lsl #16
	hvc	#0
4:	b	4b
calib_probe_end:
