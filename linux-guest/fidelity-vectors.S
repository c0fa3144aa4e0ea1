/*
 * The fidelity probe's EL1 vectors and the accesses it makes on purpose (fidelity-probe.c).
 * Every entry saves the registers a C call may clobber (x0..x18, x30) and calls
 * probe_exception(vector, frame), which sets ELR_EL1 to where the probe goes on; then ERET.
 */
#include "../bench-guests/lib/vector_table.inc"

#define FRAME 160

/* `op` (stp or ldp) over the frame: x0..x17 in pairs, then x18 with x30 (frame[19] = LR). */
.macro frame op
	\op	x0, x1, [sp, #0]
	\op	x2, x3, [sp, #16]
	\op	x4, x5, [sp, #32]
	\op	x6, x7, [sp, #48]
	\op	x8, x9, [sp, #64]
	\op	x10, x11, [sp, #80]
	\op	x12, x13, [sp, #96]
	\op	x14, x15, [sp, #112]
	\op	x16, x17, [sp, #128]
	\op	x18, x30, [sp, #144]
.endm

.macro save_entry n
	sub	sp, sp, #FRAME
	frame	stp
	mov	x0, #\n
	b	probe_entry
.endm

	.section .text.probe_vectors, "ax"
	vector_table probe_vectors, save_entry

probe_entry:
	mov	x1, sp
	bl	probe_exception
	frame	ldp
	add	sp, sp, #FRAME
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
