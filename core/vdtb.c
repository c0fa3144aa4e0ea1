/* See vdtb.h. Bindings: Linux Documentation/devicetree/bindings/{arm/psci.yaml, timer/
 * arm,arch_timer.yaml, interrupt-controller/arm,gic*.yaml, serial/pl011.yaml}. */
#include "vdtb.h"
#include <libfdt.h>
#include "lib.h"
#include "psci.h"
#include "vuart.h"

#define PHANDLE_GIC 1
#define PHANDLE_CLK 2
#define UART_CLOCK_HZ 24000000u /* any fixed rate: the emulated PL011 has no baud rate */
#define VUART_SPI 1             /* GIC_SPI 1, level high: never raised (vuart.h) */

#define TRY(call)                                 \
	do {                                      \
		if ((call) < 0)                   \
			return -1;                \
	} while (0)

/* A `reg` of 64-bit address and size pairs (#address-cells = #size-cells = 2 at the root). */
static int prop_reg(void *fdt, const pa_t *base, const u64 *size, int n)
{
	fdt64_t v[4];

	for (int i = 0; i < n; i++) {
		v[2 * i] = cpu_to_fdt64(base[i]);
		v[2 * i + 1] = cpu_to_fdt64(size[i]);
	}
	return fdt_property(fdt, "reg", v, n * 2 * sizeof(fdt64_t));
}

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
	TRY(prop_reg(fdt, pt->gic_base, pt->gic_size, 2));
	TRY(fdt_property_u32(fdt, "phandle", PHANDLE_GIC));
	return fdt_end_node(fdt);
}

static int add_uart(void *fdt, const char *node)
{
	static const char compat[] = "arm,pl011\0arm,primecell";
	static const char clock_names[] = "uartclk\0apb_pclk";
	const fdt32_t clocks[2] = {cpu_to_fdt32(PHANDLE_CLK), cpu_to_fdt32(PHANDLE_CLK)};
	const fdt32_t irq[3] = {cpu_to_fdt32(0), cpu_to_fdt32(VUART_SPI), cpu_to_fdt32(4)};
	const pa_t base = VUART_IPA;
	const u64 size = VUART_SIZE;

	TRY(fdt_begin_node(fdt, "apb-pclk"));
	TRY(fdt_property_string(fdt, "compatible", "fixed-clock"));
	TRY(fdt_property_u32(fdt, "#clock-cells", 0));
	TRY(fdt_property_u32(fdt, "clock-frequency", UART_CLOCK_HZ));
	TRY(fdt_property_string(fdt, "clock-output-names", "clk24mhz"));
	TRY(fdt_property_u32(fdt, "phandle", PHANDLE_CLK));
	TRY(fdt_end_node(fdt));
	TRY(fdt_begin_node(fdt, node));
	TRY(fdt_property(fdt, "compatible", compat, sizeof(compat)));
	TRY(prop_reg(fdt, &base, &size, 1));
	TRY(fdt_property(fdt, "interrupts", irq, sizeof(irq)));
	TRY(fdt_property(fdt, "clocks", clocks, sizeof(clocks)));
	TRY(fdt_property(fdt, "clock-names", clock_names, sizeof(clock_names)));
	return fdt_end_node(fdt);
}

static int add_memory_and_chosen(void *fdt, const struct vdtb_params *p, const char *uart_node)
{
	char name[32], stdout_path[40];

	fmt_snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)p->ram_base);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "device_type", "memory"));
	TRY(prop_reg(fdt, &p->ram_base, &p->ram_size, 1));
	TRY(fdt_end_node(fdt));
	fmt_snprintf(stdout_path, sizeof(stdout_path), "/%s", uart_node);
	TRY(fdt_begin_node(fdt, "chosen"));
	TRY(fdt_property_string(fdt, "bootargs", p->bootargs));
	TRY(fdt_property_string(fdt, "stdout-path", stdout_path));
	if (p->initrd_end > p->initrd_start) {
		TRY(fdt_property_u64(fdt, "linux,initrd-start", p->initrd_start));
		TRY(fdt_property_u64(fdt, "linux,initrd-end", p->initrd_end));
	}
	return fdt_end_node(fdt);
}

static int build(void *fdt, u64 size, const struct vdtb_params *p)
{
	char uart_node[32];

	fmt_snprintf(uart_node, sizeof(uart_node), "pl011@%llx", (unsigned long long)VUART_IPA);
	TRY(fdt_create(fdt, (int)size));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_string(fdt, "compatible", "s2bench,s2hv-guest"));
	TRY(fdt_property_string(fdt, "model", "s2hv guest"));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_property_u32(fdt, "interrupt-parent", PHANDLE_GIC));
	TRY(add_cpus(fdt, p->vcpus));
	TRY(add_psci_and_timer(fdt, p->pt));
	TRY(add_gic(fdt, p->pt));
	TRY(add_uart(fdt, uart_node));
	TRY(add_memory_and_chosen(fdt, p, uart_node));
	TRY(fdt_end_node(fdt));
	return fdt_finish(fdt);
}

u64 vdtb_build(void *buf, u64 size, const struct vdtb_params *p)
{
	if (size > 0x7fffffff || build(buf, size, p) < 0)
		return 0;
	return fdt_totalsize(buf);
}
