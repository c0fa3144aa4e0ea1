/* The host's parameters for this boot (docs/protocol.md §2, S2B_PARAM), read once. */
#ifndef S2B_GUEST_PARAMS_H
#define S2B_GUEST_PARAMS_H

#include "s2b.h"

struct guest_params {
	u64 boot;               /* boot index, 0 = cold boot */
	u64 ram_base, ram_size; /* guest RAM (IPA, bytes) */
	u64 frac_tenths;        /* tenths of a % of RAM to touch (s2b.frac=12.5: 125) */
	u64 stride;             /* bytes between touches */
	u64 write;              /* % of touches that write */
	u64 order;              /* 0 sequential, 1 random, 2 scatter (touch.c) */
	u64 seed;
};

/* Fills `p`; a parameter the host does not know gets the documented default
 * (docs/guests.md). */
void guest_params_read(struct guest_params *p);

#endif
