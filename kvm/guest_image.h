/* The pristine guest image, read once from <guest_dir>/<name>.bin and rewritten into guest RAM
 * at every boot, as QEMU rewrites its ROM blobs on reset. */
#ifndef S2VMM_GUEST_IMAGE_H
#define S2VMM_GUEST_IMAGE_H

#include "../core/types.h"

struct guest_image {
	u8 *data;
	size_t size;
};

/* 0, or -1 after an error record (bad_arg key=s2b.guest when missing or too big for RAM). */
int guest_image_read(struct guest_image *img, const char *dir, const char *name, u64 ram_size);
void guest_image_free(struct guest_image *img);

#endif
