/* The guest's device tree: memory, a PSCI CPU per vCPU, the vGIC and the timer, the PL011 (stdout-path),
 * the doorbell page, and /chosen/bootargs = the guest image's own command line (never s2vmm's
 * words). */
#ifndef S2VMM_DTB_H
#define S2VMM_DTB_H

#include "../core/types.h"
#include "vgic.h"

#define DTB_MAX_SIZE 0x2000
#define DTB_MAX_CPUS 8

struct dtb_params {
	ipa_t ram_ipa;
	u64 ram_size;
	ipa_t doorbell_ipa;
	const char *bootargs;
	enum gic_kind gic; /* GIC_NONE: no GIC, no timer, no UART interrupt */
	unsigned cpus;     /* cpu nodes, 1..DTB_MAX_CPUS (0 is taken as 1) */
	u64 mpidr[DTB_MAX_CPUS]; /* each vCPU's MPIDR_EL1 as KVM set it: its node's reg (affinity) */
};

/* How many cpu nodes p asks for (1 when it says 0). */
unsigned dtb_cpus(const struct dtb_params *p);
/* Build into buf (DTB_MAX_SIZE bytes); returns its size, or 0 if it did not fit. */
size_t dtb_build(void *buf, const struct dtb_params *p);

#endif
