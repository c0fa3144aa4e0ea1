/* The "userspace" of the seed's sequence: writes the pristine guest image into guest RAM. */
#ifndef S2_LOADER_H
#define S2_LOADER_H

#include "platform.h"
#include "vm.h"

/* Once, before the first boot: bundle guests (s2b.guest=linux|image) get their layout, DTB and
 * devices (core/bundle_guest.h). NULL, or an error word. */
const char *loader_prepare(struct vm *vm, const struct platform *plat);
/* Copy the pristine image (and, for bundle guests, DTB and initramfs) into the guest's RAM
 * through the hypervisor's cacheable mapping, as a VMM does on reset: the written lines may
 * stay dirty in the data cache. */
void loader_load_image(struct vm *vm);
/* How many bytes from the RAM base loader_load_image() rewrites (a dirty log must clean them). */
u64 loader_image_bytes(const struct vm *vm);
/* Where the vCPU starts, and its x0: 0 for embedded guests, the DTB's IPA for bundle guests. */
ipa_t loader_entry(const struct vm *vm, u64 *x0);

#endif
