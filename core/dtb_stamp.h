/*
 * The boot index a VMM stamps into the guest's DTB at every load (/chosen "s2b,boot"), so the
 * loader changes bytes between boots as real VMMs do (they rewrite the DTB and initrd on every
 * reset): a strategy that forgets the pages the loader rewrote leaves the old stamp visible to
 * a guest reading with its MMU off.
 */
#ifndef S2_DTB_STAMP_H
#define S2_DTB_STAMP_H

#include "types.h"

/* Once: add /chosen "s2b,boot" = <0> to the DTB in buf (buf_size bytes of room). Its new
 * size, or 0 if it is not a DTB or does not fit. */
u64 dtb_stamp_add(void *buf, u64 buf_size);
/* At every load: write `boot` into the property dtb_stamp_add made, in place (no size change).
 * 0, or -1 if the DTB has no such property. */
int dtb_stamp_set(void *fdt, u32 boot);

#endif
