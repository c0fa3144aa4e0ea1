/* The pristine guest image, read once from <guest_dir>/<name>.bin and rewritten into guest RAM
 * at every boot, as QEMU rewrites its ROM blobs on reset, and the image's own command line from
 * <guest_dir>/<name>.cmdline: what its DTB's /chosen/bootargs holds, exactly (empty without the
 * file), as a bundle's bootargs part is under s2hv. s2vmm's s2b.* words never reach the guest. */
#ifndef S2VMM_GUEST_IMAGE_H
#define S2VMM_GUEST_IMAGE_H

#include "../core/types.h"

#define GUEST_CMDLINE_MAX 1023 /* bytes; s2hv keeps as many of a bundle's bootargs */

struct guest_image {
	u8 *data;
	size_t size;
	/* Linux Documentation/arch/arm64/booting.rst: an arm64 Image (magic "ARM\x64" at byte 56)
	 * goes text_offset bytes above the RAM base and is entered with x1..x3 = 0; any other raw
	 * binary goes at the RAM base and gets the doorbell's IPA in x1 (docs/protocol.md §2). */
	bool arm64_image;
	u64 load_offset; /* from the RAM base */
	char cmdline[GUEST_CMDLINE_MAX + 1]; /* newlines made spaces, as s2hv does */
};

/* 0, or -1 after an error record (bad_arg key=s2b.guest when missing, key=s2b.mem when it needs
 * more than half of RAM (an Image: text_offset + image_size), key=s2b.guest
 * also when the command line is longer than GUEST_CMDLINE_MAX or holds a NUL byte). */
int guest_image_read(struct guest_image *img, const char *dir, const char *name, u64 ram_size);
void guest_image_free(struct guest_image *img);

#endif
