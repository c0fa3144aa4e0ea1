/* The guest's device tree: memory, one PSCI CPU, the PL011 (stdout-path), the doorbell page, and
 * /chosen/bootargs = the guest image's own command line (never s2vmm's words). */
#ifndef S2VMM_DTB_H
#define S2VMM_DTB_H

#include "../core/types.h"

#define DTB_MAX_SIZE 0x2000

/* Build into buf (DTB_MAX_SIZE bytes); returns its size, or 0 if it did not fit. */
size_t dtb_build(void *buf, ipa_t ram_ipa, u64 ram_size, ipa_t doorbell_ipa, const char *bootargs);

#endif
