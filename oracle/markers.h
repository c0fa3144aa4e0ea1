/*
 * Oracle markers: HINT instructions with unallocated numbers, which the Arm ARM (DDI 0487,
 * C6.2 "HINT": hint encodings not allocated to an instruction execute as NOP) makes no-ops on
 * every CPU, while the oracle plugin sees their bytes at translation time. Only an oracle build
 * (-DS2B_ORACLE -Ioracle, build/s2hv-oracle.img) includes this file; the normal image has none.
 */
#ifndef ORACLE_MARKERS_H
#define ORACLE_MARKERS_H

/* The guest context's data accesses: Non-cacheable (guest MMU off: every reset) or not. */
#define ORACLE_HINT_GUEST_MMU_OFF	0x70
#define ORACLE_HINT_GUEST_MMU_ON	0x71
/* HCR_EL2.FWB: stage 2 forces Write-Back, so guest MMU-off accesses are cacheable too. */
#define ORACLE_HINT_FWB_ON		0x72
#define ORACLE_HINT_FWB_OFF		0x73
#define ORACLE_HINT_IC_IALLU		0x74	/* this CPU's I-cache */
#define ORACLE_HINT_IC_IALLUIS		0x75	/* every CPU's I-cache */
/* World switch: the next accesses are the guest's (before ERET) or the hypervisor's again. */
#define ORACLE_HINT_ENTER_GUEST		0x76
#define ORACLE_HINT_EXIT_GUEST		0x77
/*
 * Range probes: the marker, then a load of the range's first byte and a load of its last byte
 * (the plugin cannot read registers, so the range travels as two load addresses).
 */
#define ORACLE_HINT_DC_CVAC		0x78
#define ORACLE_HINT_DC_CIVAC		0x79
#define ORACLE_HINT_DC_IVAC		0x7a
#define ORACLE_HINT_IC_IVAU		0x7b
#define ORACLE_HINT_DC_CVAU		0x7c
/* The hypervisor's own EL2 MMU is on (it boots with it off: Non-cacheable until then). */
#define ORACLE_HINT_HV_MMU_ON		0x7d
/* The guest's vCPU is reset for a new boot (what the guest wrote before is the strategy's). */
#define ORACLE_HINT_GUEST_RESET		0x7e
#define ORACLE_HINT_FIRST		0x70	/* the plugin reads HINT #0x70..#0x7f */

/* A64 encoding of HINT #n. */
#define ORACLE_HINT_INSN(n)		(0xd503201fu | ((unsigned)(n) << 5))

/*
 * A range op is announced by the marker and a load of the range's first byte before its loop,
 * and a load of the byte before where the loop stopped after it: the plugin applies the op to
 * what the loop really covered (a loop one line short is seen short). No loads in between.
 */
#ifndef __ASSEMBLER__
#define ORACLE_MARK(n) __asm__ volatile("hint %0" : : "i"(n) : "memory")
#define ORACLE_RANGE_BEGIN(n, start) \
	__asm__ volatile("hint %0\n\tldrb wzr, [%1]" : : "i"(n), "r"(start) : "memory")
#define ORACLE_RANGE_END(end) __asm__ volatile("ldurb wzr, [%0, #-1]" : : "r"(end) : "memory")
#else
.macro oracle_range_begin n, start
	hint	#\n
	ldrb	wzr, [\start]
.endm
.macro oracle_range_end end
	ldurb	wzr, [\end, #-1]
.endm
#endif

#endif
