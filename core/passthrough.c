/* See passthrough.h. Only 32-bit cell loads (fdt32_ld), as in platform.c. */
#include "passthrough.h"
#include <libfdt.h>
#include "lib.h"

/* GICv3: each redistributor is an RD_base and an SGI_base 64 KiB frame (GICv3 spec 12.10). */
#define GICR_FRAMES_SIZE 0x20000ULL

static u64 cells(const fdt32_t *p, int n)
{
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_ld(&p[i]);
	return v;
}

static int find_gic(const void *fdt, struct passthrough *p)
{
	static const struct { const char *compatible; unsigned version; } gics[] = {
		{"arm,gic-v3", 3}, {"arm,cortex-a15-gic", 2}, {"arm,gic-400", 2},
	};

	for (unsigned i = 0; i < ARRAY_SIZE(gics); i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, gics[i].compatible);

		if (node >= 0) {
			p->gic_version = gics[i].version;
			return node;
		}
	}
	return -1;
}

const char *passthrough_find(const void *fdt, unsigned vcpus, struct passthrough *p)
{
	int gic = find_gic(fdt, p), timer = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
	int len, parent, ac, sc;
	const fdt32_t *reg;

	if (gic < 0)
		return "no_gic";
	parent = fdt_parent_offset(fdt, gic);
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	reg = fdt_getprop(fdt, gic, "reg", &len);
	/* Bus translation is not applied: the GIC sits at the root on QEMU virt. */
	if (!reg || ac <= 0 || sc <= 0 || len < 2 * (ac + sc) * 4)
		return "no_gic";
	for (int i = 0; i < 2; i++) {
		p->gic_base[i] = cells(reg + i * (ac + sc), ac);
		p->gic_size[i] = cells(reg + i * (ac + sc) + ac, sc);
	}
	if (p->gic_version == 3) /* the redistributors of vCPUs 0..vcpus-1 (one per CPU, smp.h) */
		p->gic_size[1] = MIN(p->gic_size[1], GICR_FRAMES_SIZE * MAX(vcpus, 1u));
	p->gic_compatible = fdt_getprop(fdt, gic, "compatible", &p->gic_compatible_len);
	p->timer_irqs = timer >= 0 ? fdt_getprop(fdt, timer, "interrupts", &p->timer_irqs_len) : NULL;
	return p->timer_irqs ? NULL : "no_timer";
}

int passthrough_map(struct vm *vm, const struct passthrough *p)
{
	for (int i = 0; i < 2; i++) {
		pa_t base = ALIGN_DOWN(p->gic_base[i], PAGE_SIZE);
		u64 size = ALIGN_UP(p->gic_base[i] + p->gic_size[i], PAGE_SIZE) - base;

		if (base < vm->ram_ipa + vm->ram_size && vm->ram_ipa < base + size)
			return -1;
		if (s2pt_map(&vm->s2, base, base, size, S2_PROT_R | S2_PROT_W | S2_PROT_DEVICE, SZ_4K))
			return -1;
	}
	return 0;
}
