/* See dtb_stamp.h. */
#include "dtb_stamp.h"
#include <libfdt.h>

#define STAMP_PROP "s2b,boot"

u64 dtb_stamp_add(void *buf, u64 buf_size)
{
	int chosen;

	if (buf_size > 0x7fffffff || fdt_open_into(buf, buf, (int)buf_size))
		return 0;
	chosen = fdt_path_offset(buf, "/chosen");
	if (chosen == -FDT_ERR_NOTFOUND)
		chosen = fdt_add_subnode(buf, 0, "chosen");
	if (chosen < 0 || fdt_setprop_u32(buf, chosen, STAMP_PROP, 0) || fdt_pack(buf))
		return 0;
	return fdt_totalsize(buf);
}

int dtb_stamp_set(void *fdt, u32 boot)
{
	int chosen = fdt_path_offset(fdt, "/chosen");

	return chosen >= 0 && !fdt_setprop_inplace_u32(fdt, chosen, STAMP_PROP, boot) ? 0 : -1;
}
