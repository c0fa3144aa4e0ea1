/* See dt_nodes.h. */
#include "dt_nodes.h"
#include <libfdt.h>
#include "lib.h"

#define PL011_CLOCK_HZ 24000000u /* any fixed rate: an emulated PL011 has no baud rate */

int dt_begin_root(void *fdt, int size, const char *compatible, const char *model)
{
	DT_TRY(fdt_create(fdt, size));
	DT_TRY(fdt_finish_reservemap(fdt));
	DT_TRY(fdt_begin_node(fdt, ""));
	DT_TRY(fdt_property_string(fdt, "compatible", compatible));
	DT_TRY(fdt_property_string(fdt, "model", model));
	DT_TRY(fdt_property_u32(fdt, "#address-cells", 2));
	return fdt_property_u32(fdt, "#size-cells", 2);
}

int dt_reg64(void *fdt, const u64 *base, const u64 *size, int n)
{
	fdt64_t v[4];

	if (n < 1 || n > 2)
		return -FDT_ERR_BADVALUE;
	for (int i = 0; i < n; i++) {
		v[2 * i] = cpu_to_fdt64(base[i]);
		v[2 * i + 1] = cpu_to_fdt64(size[i]);
	}
	return fdt_property(fdt, "reg", v, (int)(n * 2 * sizeof(fdt64_t)));
}

int dt_add_pl011(void *fdt, const char *node, u64 base, u64 size, bool with_irq)
{
	static const char compat[] = "arm,pl011\0arm,primecell";
	static const char clock_names[] = "uartclk\0apb_pclk";
	const fdt32_t clocks[2] = {cpu_to_fdt32(DT_PHANDLE_CLK), cpu_to_fdt32(DT_PHANDLE_CLK)};
	const fdt32_t irq[3] = {cpu_to_fdt32(0), cpu_to_fdt32(DT_PL011_SPI),
				cpu_to_fdt32(DT_IRQ_LEVEL_HIGH)};

	DT_TRY(fdt_begin_node(fdt, "apb-pclk"));
	DT_TRY(fdt_property_string(fdt, "compatible", "fixed-clock"));
	DT_TRY(fdt_property_u32(fdt, "#clock-cells", 0));
	DT_TRY(fdt_property_u32(fdt, "clock-frequency", PL011_CLOCK_HZ));
	DT_TRY(fdt_property_string(fdt, "clock-output-names", "clk24mhz"));
	DT_TRY(fdt_property_u32(fdt, "phandle", DT_PHANDLE_CLK));
	DT_TRY(fdt_end_node(fdt));
	DT_TRY(fdt_begin_node(fdt, node));
	DT_TRY(fdt_property(fdt, "compatible", compat, sizeof(compat)));
	DT_TRY(dt_reg64(fdt, &base, &size, 1));
	if (with_irq)
		DT_TRY(fdt_property(fdt, "interrupts", irq, sizeof(irq)));
	DT_TRY(fdt_property(fdt, "clocks", clocks, sizeof(clocks)));
	DT_TRY(fdt_property(fdt, "clock-names", clock_names, sizeof(clock_names)));
	return fdt_end_node(fdt);
}

int dt_add_memory_and_chosen(void *fdt, const struct dt_chosen *c)
{
	char name[32], stdout_path[40];

	fmt_snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)c->ram_base);
	DT_TRY(fdt_begin_node(fdt, name));
	DT_TRY(fdt_property_string(fdt, "device_type", "memory"));
	DT_TRY(dt_reg64(fdt, &c->ram_base, &c->ram_size, 1));
	DT_TRY(fdt_end_node(fdt));
	fmt_snprintf(stdout_path, sizeof(stdout_path), "/%s", c->uart_node);
	DT_TRY(fdt_begin_node(fdt, "chosen"));
	DT_TRY(fdt_property_string(fdt, "bootargs", c->bootargs));
	DT_TRY(fdt_property_string(fdt, "stdout-path", stdout_path));
	if (c->initrd_end > c->initrd_start) {
		DT_TRY(fdt_property_u64(fdt, "linux,initrd-start", c->initrd_start));
		DT_TRY(fdt_property_u64(fdt, "linux,initrd-end", c->initrd_end));
	}
	return fdt_end_node(fdt);
}
