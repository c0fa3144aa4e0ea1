/* The guest's device tree: memory, one PSCI CPU, the vGIC and the timer, the PL011 (stdout-path),
 * the doorbell page, and /chosen/bootargs = the guest image's own command line (never s2vmm's
 * words). */
#ifndef S2VMM_DTB_H
#define S2VMM_DTB_H

#include "../core/types.h"
#include "vgic.h"

#define DTB_MAX_SIZE 0x2000

struct dtb_params {
	ipa_t ram_ipa;
	u64 ram_size;
	ipa_t doorbell_ipa;
	const char *bootargs;
	enum gic_kind gic; /* GIC_NONE: no GIC, no timer, no UART interrupt */
};

/* Build into buf (DTB_MAX_SIZE bytes); returns its size, or 0 if it did not fit. */
size_t dtb_build(void *buf, const struct dtb_params *p);

#endif
