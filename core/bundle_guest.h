/*
 * `s2b.guest=linux` and `s2b.guest=image`: a guest brought in the bundle (bundle.h), not
 * embedded in s2hv. Placed in guest RAM as Linux Documentation/arch/arm64/booting.rst asks,
 * given the generated DTB (vdtb.h), the emulated PL011 (vuart.h) and the passed-through GIC
 * and timer (passthrough.h). Everything the loader writes lies in one range from the RAM base,
 * so loader_image_bytes() still says what a dirty log must clean.
 */
#ifndef S2_BUNDLE_GUEST_H
#define S2_BUNDLE_GUEST_H

#include "platform.h"
#include "vm.h"

/* Once, before the first boot. NULL, or an error word for an `error` record. */
const char *bundle_guest_prepare(struct vm *vm, const struct platform *plat);
/* Copy the pristine kernel, DTB and initramfs from outside guest RAM into it (cacheable). */
void bundle_guest_load(struct vm *vm);
u64 bundle_guest_bytes(void);
/* Entry IPA; *x0 = the DTB's IPA (booting.rst: x0 = DTB, x1..x3 = 0). */
ipa_t bundle_guest_entry(const struct vm *vm, u64 *x0);

#endif
