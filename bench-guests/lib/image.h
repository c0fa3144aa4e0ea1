/*
 * The guest's own image as the linker laid it out (lib/guest.ld):
 *   [image_start, image_sum)      pristine bytes the loader writes on every boot
 *   image_sum                      their Fletcher-64, embedded after linking (tools/embed-sum)
 *   [bss_start, bss_end)           zeroed by crt0; then the stack, up to stack_top
 *   footprint_end                  first free page of RAM
 */
#ifndef S2B_GUEST_IMAGE_H
#define S2B_GUEST_IMAGE_H

#include "s2b.h"

extern char __image_start[], __image_end[], __bss_start[], __bss_end[], __stack_top[], __footprint_end[];
extern const volatile u64 image_sum; /* volatile: the value is patched after compilation */

static inline size_t image_checked_size(void)
{
	return (size_t)((const char *)&image_sum - __image_start);
}

/* Fletcher-64 of `size` bytes (a multiple of 4, 4-byte aligned). */
u64 checksum_bytes(const void *p, size_t size);

/* Checksum the pristine part of the image as the loader wrote it and report it through
 * S2B_CHECK. Call before the guest writes to its image. */
bool image_verify(void);

#endif
