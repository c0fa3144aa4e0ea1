/*
 * The fidelity probe's EL1 vectors and the accesses it makes on purpose (fidelity-probe.c).
 * Every entry saves x0..x30 and calls probe_exception(vector, regs), which sets ELR_EL1 to
 * where the probe goes on; then ERET. VBAR_EL1 needs 2 KiB alignment, each entry is 128 bytes
 * (ARM ARM D1.3.1, Exception vectors).
 */
	.section .text.probe_vectors, "ax"
	.balign	2048
	.global	probe_vectors
probe_vectors:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.balign	128
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	mov	x0, #\n
	b	probe_entry
	.endr

probe_entry:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x1, sp
	bl	probe_exception
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #256
	eret

	.text
/* u64 probe_load(u64 addr): one load, at probe_load_insn (the abort's ELR). */
	.global	probe_load, probe_load_insn
probe_load:
probe_load_insn:
	ldr	x0, [x0]
	ret

/* void probe_jump(u64 addr): execute at addr; the abort handler resumes after the BLR. */
	.global	probe_jump
probe_jump:
	stp	x29, x30, [sp, #-16]!
	blr	x0
	ldp	x29, x30, [sp], #16
	ret
