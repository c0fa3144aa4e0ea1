/* The "userspace" of the seed's sequence: writes the pristine guest image into guest RAM. */
#ifndef S2_LOADER_H
#define S2_LOADER_H

#include "vm.h"

/* Copy the pristine image to the guest's RAM base through the hypervisor's cacheable mapping,
 * as a VMM does on reset: the written lines may stay dirty in the data cache. */
void loader_load_image(struct vm *vm);
/* How many bytes from the RAM base loader_load_image() rewrites (a dirty log must clean them). */
u64 loader_image_bytes(const struct vm *vm);

#endif
