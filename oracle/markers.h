/*
 * Oracle markers: HINT instructions with unallocated numbers, which the Arm ARM (DDI 0487,
 * C6.2 "HINT") defines to execute as NOP, so an oracle build runs exactly as a normal one on
 * any CPU while the oracle plugin, which sees instruction bytes at translation time, reads
 * them. Included by C and assembly: numbers only.
 */
#ifndef ORACLE_MARKERS_H
#define ORACLE_MARKERS_H

#define ORACLE_HINT_NC		0x70	/* this CPU's data accesses are now Non-cacheable (MMU off) */
#define ORACLE_HINT_CACHEABLE	0x71	/* ... now Normal write-back (MMU on) */
#define ORACLE_HINT_FWB_ON	0x72	/* stage 2 forces write-back: guest MMU-off accesses cacheable */
#define ORACLE_HINT_FWB_OFF	0x73
#define ORACLE_HINT_IC_IALLU	0x74	/* IC IALLU on this CPU */
#define ORACLE_HINT_IC_IALLUIS	0x75	/* IC IALLUIS */
/*
 * Range probes: the marker, then a load of the range's first byte and a load of its last byte
 * (the plugin cannot read registers, so the range travels as two load addresses).
 */
#define ORACLE_HINT_DC_CVAC	0x78
#define ORACLE_HINT_DC_CIVAC	0x79
#define ORACLE_HINT_DC_IVAC	0x7a
#define ORACLE_HINT_IC_IVAU	0x7b

/* A64 encoding of HINT #n: 0xd503201f | n << 5. */
#define ORACLE_HINT_INSN(n)	(0xd503201fu | ((unsigned)(n) << 5))

#endif
