/*
 * Device-tree nodes that s2hv (core/vdtb.c) and s2vmm (kvm/dtb.c) both give their guests, written
 * once so that one raw image finds the same nodes, names and properties under both (docs/kvm.md,
 * "The guest's device tree and console"): the root, the PL011 with its fixed clock, /memory and
 * /chosen.
 * libfdt's sequential-write API; each returns libfdt's result (< 0: the buffer is full).
 * Bindings: Linux Documentation/devicetree/bindings/serial/pl011.yaml, clock/fixed-clock.yaml.
 */
#ifndef S2_DT_NODES_H
#define S2_DT_NODES_H

#include "types.h"

#define DT_PHANDLE_GIC 1
#define DT_PHANDLE_CLK 2
#define DT_IRQ_LEVEL_HIGH 4
#define DT_PL011_SPI 1 /* GIC_SPI 1, level high: neither emulated PL011 ever raises it */

#define DT_TRY(call)                      \
	do {                              \
		if ((call) < 0)           \
			return -1;        \
	} while (0)

/* A new DTB of SIZE bytes in FDT, with an empty reserve map, opened at its root node: COMPATIBLE,
 * MODEL, and 64-bit addresses and sizes (#address-cells = #size-cells = 2). */
int dt_begin_root(void *fdt, int size, const char *compatible, const char *model);

/* `reg` of n 64-bit address/size pairs (#address-cells = #size-cells = 2 at the root). */
int dt_reg64(void *fdt, const u64 *base, const u64 *size, int n);

/* The `apb-pclk` fixed clock and the PL011 node NODE at BASE; its interrupt only when the guest
 * has a GIC to name (with_irq). */
int dt_add_pl011(void *fdt, const char *node, u64 base, u64 size, bool with_irq);

struct dt_chosen {
	u64 ram_base, ram_size;
	const char *uart_node; /* stdout-path = "/" uart_node */
	const char *bootargs;
	u64 initrd_start, initrd_end; /* equal: no initrd properties */
};

/* memory@RAM_BASE, then /chosen with bootargs, stdout-path and the initrd range if any. */
int dt_add_memory_and_chosen(void *fdt, const struct dt_chosen *c);

#endif
