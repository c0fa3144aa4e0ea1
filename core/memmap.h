/* Host RAM bookkeeping: what is reserved (image, DTB, initrd) and carving new regions. */
#ifndef S2_MEMMAP_H
#define S2_MEMMAP_H

#include "platform.h"

void memmap_init(const struct platform *p);
void memmap_reserve(pa_t base, u64 size);
/* The highest free `size` bytes aligned to `align` in any RAM bank, reserved; 0 if none. */
pa_t memmap_alloc_top(u64 size, u64 align);

#endif
