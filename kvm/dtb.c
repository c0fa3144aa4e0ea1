/* See dtb.h. libfdt's sequential-write API: nodes in order, then fdt_finish. */
#include <libfdt.h>
#include "dtb.h"

#define TRY(x) \
	do { \
		if ((x) < 0) \
			return 0; \
	} while (0)

static int reg64(void *fdt, u64 base, u64 size)
{
	fdt64_t cells[2] = {cpu_to_fdt64(base), cpu_to_fdt64(size)};

	return fdt_property(fdt, "reg", cells, sizeof(cells));
}

size_t dtb_build(void *fdt, ipa_t ram_ipa, u64 ram_size, ipa_t doorbell_ipa, const char *bootargs)
{
	TRY(fdt_create(fdt, DTB_MAX_SIZE));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_string(fdt, "compatible", "linux,dummy-virt"));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));

	TRY(fdt_begin_node(fdt, "chosen"));
	TRY(fdt_property_string(fdt, "bootargs", bootargs));
	TRY(fdt_end_node(fdt));

	TRY(fdt_begin_node(fdt, "memory@40000000"));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(reg64(fdt, ram_ipa, ram_size));
	TRY(fdt_end_node(fdt));

	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_u32(fdt, "#address-cells", 1));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	TRY(fdt_begin_node(fdt, "cpu@0"));
	TRY(fdt_property_string(fdt, "device_type", "cpu"));
	TRY(fdt_property_string(fdt, "compatible", "arm,armv8"));
	TRY(fdt_property_u32(fdt, "reg", 0));
	TRY(fdt_property_string(fdt, "enable-method", "psci"));
	TRY(fdt_end_node(fdt));
	TRY(fdt_end_node(fdt));

	/* KVM implements PSCI 0.2+ for the guest, through HVC. */
	TRY(fdt_begin_node(fdt, "psci"));
	TRY(fdt_property_string(fdt, "compatible", "arm,psci-0.2"));
	TRY(fdt_property_string(fdt, "method", "hvc"));
	TRY(fdt_end_node(fdt));

	/* The guest-call doorbell (docs/protocol.md §2); the guest also gets its IPA in x1. */
	TRY(fdt_begin_node(fdt, "s2b-doorbell@3ffff000"));
	TRY(fdt_property_string(fdt, "compatible", "s2bench,doorbell"));
	TRY(reg64(fdt, doorbell_ipa, 0x1000));
	TRY(fdt_end_node(fdt));

	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
	return fdt_totalsize(fdt);
}
