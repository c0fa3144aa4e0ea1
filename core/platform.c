/* Reading the host DTB with libfdt (see platform.h). Only 32-bit cell loads (fdt32_ld): with the
 * MMU off a 64-bit load of a 4-byte-aligned cell pair would be an alignment fault. */
#include "platform.h"
#include <libfdt.h>
#include "lib.h"

static u64 read_cells(const fdt32_t *p, int cells)
{
	u64 v = 0;

	for (int i = 0; i < cells; i++)
		v = (v << 32) | fdt32_ld(&p[i]);
	return v;
}

/* Translate a bus address through the `ranges` of every ancestor (one level of buses is
 * enough for the boards s2hv supports: QEMU virt, Raspberry Pi /soc). */
static pa_t translate(const void *fdt, int node, u64 addr)
{
	for (int bus = fdt_parent_offset(fdt, node); bus > 0; bus = fdt_parent_offset(fdt, bus)) {
		int len, parent = fdt_parent_offset(fdt, bus);
		const fdt32_t *r = fdt_getprop(fdt, bus, "ranges", &len);
		int ca = fdt_address_cells(fdt, bus), pa = fdt_address_cells(fdt, parent);
		int cs = fdt_size_cells(fdt, bus);
		int entry = ca + pa + cs;

		if (!r || len == 0 || entry <= 0)
			continue; /* no ranges or empty ranges: identity */
		for (int i = 0; (i + 1) * entry * 4 <= len; i++) {
			const fdt32_t *e = r + i * entry;
			u64 child = read_cells(e, ca), parent_addr = read_cells(e + ca, pa);
			u64 size = read_cells(e + ca + pa, cs);

			if (addr >= child && addr - child < size) {
				addr = parent_addr + (addr - child);
				break;
			}
		}
	}
	return addr;
}

static pa_t node_reg0(const void *fdt, int node)
{
	int len, parent = fdt_parent_offset(fdt, node);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	int ac = fdt_address_cells(fdt, parent);

	if (!reg || ac <= 0 || len < ac * 4)
		return 0;
	return translate(fdt, node, read_cells(reg, ac));
}

static void find_memory(const void *fdt, struct platform *p)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);

	for (int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
	     node >= 0; node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory", 7)) {
		int len;
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		for (int i = 0; reg && (i + 1) * (ac + sc) * 4 <= len; i++) {
			const fdt32_t *e = reg + i * (ac + sc);

			if (p->ram_count == PLATFORM_MAX_RAM)
				return;
			p->ram_base[p->ram_count] = read_cells(e, ac);
			p->ram_size[p->ram_count] = read_cells(e + ac, sc);
			if (p->ram_size[p->ram_count])
				p->ram_count++;
		}
	}
}

static void find_uart(const void *fdt, struct platform *p)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), node = -1, len;
	const char *path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;

	if (path) {
		const char *colon = memchr(path, ':', len);

		node = fdt_path_offset_namelen(fdt, path, colon ? colon - path : (int)strnlen(path, len));
	}
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
	if (node < 0)
		return;
	p->uart_base = node_reg0(fdt, node);
	p->uart_pl011 = fdt_node_check_compatible(fdt, node, "arm,pl011") == 0;
}

static void find_board(const void *fdt, struct platform *p)
{
	static const struct { const char *compatible, *board; } boards[] = {
		{"linux,dummy-virt", "qemu-virt"},
		{"raspberrypi,3-model-b", "raspi3b"},
		{"raspberrypi,4-model-b", "raspi4b"},
	};
	int len;
	const char *compat = fdt_getprop(fdt, 0, "compatible", &len);

	fmt_snprintf(p->board, sizeof(p->board), "%s", compat ? compat : "unknown");
	for (unsigned i = 0; i < ARRAY_SIZE(boards); i++)
		if (fdt_node_check_compatible(fdt, 0, boards[i].compatible) == 0)
			fmt_snprintf(p->board, sizeof(p->board), "%s", boards[i].board);
}

static void find_psci(const void *fdt, struct platform *p)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci-0.2"), len;
	const char *method;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,psci");
	method = node >= 0 ? fdt_getprop(fdt, node, "method", &len) : NULL;
	if (method && !strcmp(method, "smc"))
		p->psci = PSCI_CONDUIT_SMC;
	else if (method && !strcmp(method, "hvc"))
		p->psci = PSCI_CONDUIT_HVC;
}

/* Every /cpus/cpu node's reg (1 or 2 cells, /cpus #address-cells), up to PLATFORM_MAX_CPUS. */
static void find_cpus(const void *fdt, struct platform *p)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, len;
	const fdt32_t *ac = cpus >= 0 ? fdt_getprop(fdt, cpus, "#address-cells", &len) : NULL;
	unsigned cells = ac && len == 4 ? fdt32_ld(ac) : 1;

	if (cpus < 0 || cells < 1 || cells > 2)
		return;
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		if (type && !strcmp(type, "cpu") && reg && len >= (int)(4 * cells) &&
		    p->cpu_count < PLATFORM_MAX_CPUS)
			p->cpu_mpidr[p->cpu_count++] = read_cells(reg, cells);
	}
}

static void find_chosen(const void *fdt, struct platform *p)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	const char *args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", &len) : NULL;
	const fdt32_t *v;

	p->bootargs = args ? args : "";
	if (chosen < 0)
		return;
	p->semihosting = fdt_getprop(fdt, chosen, "s2b,semihosting", &len) != NULL;
	v = fdt_getprop(fdt, chosen, "linux,initrd-start", &len);
	if (v)
		p->initrd_start = read_cells(v, len / 4);
	v = fdt_getprop(fdt, chosen, "linux,initrd-end", &len);
	if (v)
		p->initrd_end = read_cells(v, len / 4);
}

const char *platform_from_fdt(const void *fdt, struct platform *p)
{
	memset(p, 0, sizeof(*p));
	if (!fdt || fdt_check_header(fdt) != 0)
		return "bad_dtb";
	p->dtb = (pa_t)(uintptr_t)fdt;
	p->dtb_size = fdt_totalsize(fdt);
	find_board(fdt, p);
	find_memory(fdt, p);
	find_uart(fdt, p);
	find_chosen(fdt, p);
	find_psci(fdt, p);
	find_cpus(fdt, p);
	return p->ram_count ? NULL : "no_memory_node";
}
