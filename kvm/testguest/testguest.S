/*
 * kvmtest: a tiny guest for bringing up s2vmm before the bench-guests exist. It speaks only the
 * MMIO doorbell transport (docs/protocol.md §2) and does what the `touch` guest does in small:
 *   - checks a word of its own image that the previous boot overwrote, so a host rewrite of the
 *     image that the guest cannot see (the incoherence s2bench measures) fails the check;
 *   - marks READY, then writes one word every `stride` bytes over `frac` % of RAM (from 2 MiB up,
 *     above the image), reports the page count, and asks PSCI for SYSTEM_RESET.
 * Entered at EL1h, MMU and caches off: every access is Device-nGnRnE, so only aligned accesses.
 * x0 = DTB IPA (unused), x1 = doorbell page IPA. No stack: calls are leaf calls through x30.
 * s2b.inject=5.. (inject.h) makes it misbehave right after the check, for s2vmm's tests.
 */
#include "inject.h"

	.section .text.entry, "ax"
	.global _start
_start:
	mov	x19, x1			/* doorbell page, kept for every call */

	/* "kvmtest\n" on the console. */
	mov	x1, #8
	ldr	x2, =0x0a747365746d766b	/* "kvmtest\n", first byte lowest */
	ldr	x0, =0x86000001		/* S2B_WRITE */
	bl	s2b_call

	/* Pristine-image check: the word must hold its link-time value at every boot. */
	adr	x20, image_word
	ldr	x2, [x20]
	ldr	x3, =0x5eed5eed5eed5eed
	cmp	x2, x3
	cset	x1, ne			/* 0 pass, 1 fail */
	ldr	x0, =0x86000004		/* S2B_CHECK x1=fail x2=observed x3=expected */
	bl	s2b_call
	str	x20, [x20]		/* dirty it: the host must rewrite it before the next boot */

	ldr	x1, =0x7463656a6e69	/* "inject" */
	bl	param
	cmp	x0, #INJECT_DOORBELL_LDP
	b.eq	inject_ldp
	cmp	x0, #INJECT_DOORBELL_POSTIDX
	b.eq	inject_postidx
	cmp	x0, #INJECT_CPU_OFF
	b.eq	inject_cpu_off
	cmp	x0, #INJECT_WFI_MASKED
	b.eq	inject_wfi
	cmp	x0, #INJECT_LOAD_HIGH_IPA
	b.eq	inject_high_ipa
	cmp	x0, #INJECT_UART_LOAD64
	b.eq	inject_uart_load64
	cmp	x0, #INJECT_UART_LDP
	b.eq	inject_uart_ldp
	cmp	x0, #INJECT_EMPTY_METRICS
	b.ne	run
	mov	x1, #2			/* MARK END with tag 0, no BEGIN */
	mov	x2, #0
	ldr	x0, =0x86000002
	bl	s2b_call
	mov	x1, #0			/* REPORT key 0 */
	mov	x2, #1
	ldr	x0, =0x86000003
	bl	s2b_call
run:

	ldr	x1, =0x657361625f6d6172	/* "ram_base" */
	bl	param
	mov	x21, x0
	ldr	x1, =0x657a69735f6d6172	/* "ram_size" */
	bl	param
	mov	x22, x0
	ldr	x1, =0x63617266		/* "frac" */
	bl	param
	mov	x23, x0
	ldr	x1, =0x656469727473	/* "stride" */
	bl	param
	mov	x24, x0

	mov	x1, #0			/* MARK READY */
	mov	x2, #0
	ldr	x0, =0x86000002
	bl	s2b_call

	/* end = base + size * frac / 100; start = base + 2 MiB */
	mul	x25, x22, x23
	mov	x9, #100
	udiv	x25, x25, x9
	add	x25, x25, x21
	add	x26, x21, #0x200000
	mov	x27, #0			/* pages touched */
	mov	x1, #1			/* MARK BEGIN "touch" */
	ldr	x2, =0x6863756f74
	ldr	x0, =0x86000002
	bl	s2b_call
1:	cmp	x26, x25
	b.hs	2f
	str	x26, [x26]
	add	x27, x27, #1
	add	x26, x26, x24
	b	1b
2:	mov	x1, #2			/* MARK END "touch" */
	ldr	x2, =0x6863756f74
	ldr	x0, =0x86000002
	bl	s2b_call
	ldr	x1, =0x7365676170	/* REPORT "pages" */
	mov	x2, x27
	ldr	x0, =0x86000003
	bl	s2b_call

	ldr	x0, =0x84000009		/* PSCI SYSTEM_RESET: does not return */
	hvc	#0
	b	.

/* The injected misbehaviours: none of them returns. */
inject_ldp:
	ldp	x0, x1, [x19]
	b	.
inject_postidx:
	ldr	x0, [x19], #8
	b	.
inject_cpu_off:
	ldr	x0, =0x84000002		/* PSCI CPU_OFF */
	hvc	#0
	b	.
inject_wfi:
	wfi				/* DAIF is masked since entry and no timer is armed */
	b	inject_wfi
inject_high_ipa:
	mov	x0, #(1 << 44)
	ldr	x0, [x0]
	b	.
inject_uart_load64:
	ldr	x1, =0x09000018		/* the PL011's FR (kvm/pl011.h) */
	ldr	x0, [x1]
	b	.
inject_uart_ldp:
	ldr	x1, =0x09000000
	ldp	x0, x2, [x1]
	b	.

/* param: x1 = packed name → x0 = value (S2B_PARAM). */
param:
	ldr	x0, =0x86000005
	/* fall through */
/* s2b_call: x0 = function id, x1..x5 = arguments → x0 = result, via the doorbell page. */
s2b_call:
	str	x1, [x19, #0x08]
	str	x2, [x19, #0x10]
	str	x3, [x19, #0x18]
	str	x4, [x19, #0x20]
	str	x5, [x19, #0x28]
	str	x0, [x19]		/* this store is the call */
	ldr	x0, [x19]		/* the result */
	ret

	.ltorg
	.balign	8
image_word:
	.quad	0x5eed5eed5eed5eed
