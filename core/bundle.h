/*
 * The guest bundle: how a kernel (or any raw image), its initramfs, an optional DTB and its
 * bootargs reach s2hv — as s2hv's own initrd (QEMU -initrd, U-Boot booti's ramdisk, a Pi's
 * `initramfs` line), found through the host DTB's /chosen/linux,initrd-{start,end}.
 * Format (docs/guests.md, "Bring your own image"), all integers little-endian:
 *   0  "S2BUNDLE"  magic
 *   8  u32 version (1)
 *   12 u32 count of entries
 *   16 count × { u32 kind, u32 0, u64 offset (from the bundle start), u64 size, u64 0 }
 * kind: 1 kernel (arm64 Image or raw binary), 2 initramfs, 3 dtb, 4 bootargs (text).
 * scripts/linux-guest-bundle.sh writes one.
 */
#ifndef S2_BUNDLE_H
#define S2_BUNDLE_H

#include "platform.h"

enum bundle_kind { BUNDLE_KERNEL = 1, BUNDLE_INITRAMFS, BUNDLE_DTB, BUNDLE_BOOTARGS, BUNDLE_KINDS };

struct bundle_part {
	const u8 *data; /* in the bundle, through the hypervisor's cacheable map; NULL if absent */
	u64 size;
};

struct bundle {
	struct bundle_part part[BUNDLE_KINDS];
};

/* 0 on success, else a short error word: "no_bundle", "bad_bundle", "no_kernel". */
const char *bundle_find(const struct platform *plat, struct bundle *bn);

#endif
