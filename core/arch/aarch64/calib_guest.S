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
