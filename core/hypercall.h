/* The bench call numbers (docs/protocol.md, section 2): one header for both hosts (s2hv, s2vmm)
 * and the guests (bench-guests/lib/s2b.h). Macros only, so any side can include it; the PSCI
 * numbers are in psci_ids.h (Linux's uapi headers, which s2vmm includes, define PSCI_VERSION). */
#ifndef S2_HYPERCALL_H
#define S2_HYPERCALL_H

/* The bench calls, SMCCC vendor-specific hypervisor service range. */
#define S2B_VERSION 0x86000000u
#define S2B_WRITE 0x86000001u
#define S2B_MARK 0x86000002u
#define S2B_REPORT 0x86000003u
#define S2B_CHECK 0x86000004u
#define S2B_PARAM 0x86000005u

#define S2B_MARK_READY 0
#define S2B_MARK_BEGIN 1
#define S2B_MARK_END 2

#endif
