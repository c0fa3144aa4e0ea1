/* See vdtb.h. Bindings: Linux Documentation/devicetree/bindings/{arm/psci.yaml, timer/
 * arm,arch_timer.yaml, interrupt-controller/arm,gic*.yaml, serial/pl011.yaml}. */
#include "vdtb.h"
#include <libfdt.h>
#include "dt_nodes.h"
#include "lib.h"
#include "psci.h"
#include "vuart.h"

#define PHANDLE_GIC DT_PHANDLE_GIC
#define TRY DT_TRY

static int add_cpus(void *fdt, unsigned vcpus)
{
	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	for (unsigned i = 0; i < MAX(vcpus, 1u); i++) {
		char name[16];

		fmt_snprintf(name, sizeof(name), "cpu@%u", i);
		TRY(fdt_begin_node(fdt, name));
		TRY(fdt_property_string(fdt, "device_type", "cpu"));
		TRY(fdt_property_string(fdt, "compatible", "arm,armv8"));
		TRY(fdt_property_u64(fdt, "reg", i)); /* = VMPIDR_EL2's affinity (smp.h) */
		TRY(fdt_property_string(fdt, "enable-method", "psci"));
		TRY(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

static int add_psci_and_timer(void *fdt, const struct passthrough *pt)
{
	static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2";

	TRY(fdt_begin_node(fdt, "psci"));
	TRY(fdt_property(fdt, "compatible", psci_compat, sizeof(psci_compat)));
	TRY(fdt_property_string(fdt, "method", "hvc"));
	TRY(fdt_end_node(fdt));
	TRY(fdt_begin_node(fdt, "timer"));
	TRY(fdt_property_string(fdt, "compatible", "arm,armv8-timer"));
	TRY(fdt_property(fdt, "interrupts", pt->timer_irqs, pt->timer_irqs_len));
	return fdt_end_node(fdt);
}

static int add_gic(void *fdt, const struct passthrough *pt)
{
	char name[32];

	fmt_snprintf(name, sizeof(name), "intc@%llx", (unsigned long long)pt->gic_base[0]);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property(fdt, "compatible", pt->gic_compatible, pt->gic_compatible_len));
	TRY(fdt_property_u32(fdt, "#interrupt-cells", 3));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(dt_reg64(fdt, pt->gic_base, pt->gic_size, 2));
	TRY(fdt_property_u32(fdt, "phandle", PHANDLE_GIC));
	return fdt_end_node(fdt);
}

static int build(void *fdt, u64 size, const struct vdtb_params *p)
{
	char uart_node[32];

	fmt_snprintf(uart_node, sizeof(uart_node), "pl011@%llx", (unsigned long long)VUART_IPA);
	TRY(dt_begin_root(fdt, (int)size, "s2bench,s2hv-guest", "s2hv guest"));
	TRY(fdt_property_u32(fdt, "interrupt-parent", PHANDLE_GIC));
	TRY(add_cpus(fdt, p->vcpus));
	TRY(add_psci_and_timer(fdt, p->pt));
	TRY(add_gic(fdt, p->pt));
	/* The emulated PL011's interrupt is named (the GIC is passed through) but never raised. */
	TRY(dt_add_pl011(fdt, uart_node, VUART_IPA, VUART_SIZE, true));
	TRY(dt_add_memory_and_chosen(fdt, &(struct dt_chosen){p->ram_base, p->ram_size, uart_node,
							  p->bootargs, p->initrd_start,
							  p->initrd_end}));
	TRY(fdt_end_node(fdt));
	return fdt_finish(fdt);
}

u64 vdtb_build(void *buf, u64 size, const struct vdtb_params *p)
{
	if (size > 0x7fffffff || build(buf, size, p) < 0)
		return 0;
	return fdt_totalsize(buf);
}
