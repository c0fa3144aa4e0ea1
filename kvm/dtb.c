/* See dtb.h. libfdt's sequential-write API: nodes in order, then fdt_finish. The nodes a guest
 * can use are those s2hv's core/vdtb.c writes, with the same names and properties, so one raw
 * image finds the same machine under both (docs/kvm.md, "The guest's device tree and console"). */
#include <libfdt.h>
#include <stdio.h>
#include "dtb.h"
#include "../core/dt_nodes.h"
#include "pl011.h"

#define PHANDLE_GIC DT_PHANDLE_GIC /* as in core/vdtb.c */
#define IRQ_LEVEL_HIGH DT_IRQ_LEVEL_HIGH
/* GICv2 PPIs name the CPUs they go to (bits 8..15, one per CPU). */
#define PPI_CPUS(n) (((1u << (n)) - 1) << 8)

#define TRY DT_TRY

unsigned dtb_cpus(const struct dtb_params *p)
{
	return p->cpus ? p->cpus : 1;
}

/* MPIDR_EL1's affinity fields Aff3 (39:32) and Aff2..Aff0 (23:0), what a cpu node's reg holds
 * (Documentation/devicetree/bindings/arm/cpus.yaml); bit 31 (RES1) and U/MT are not affinity. */
#define MPIDR_AFFINITY_MASK 0xff00ffffffULL

/* A cpu node per vCPU, reg = its MPIDR affinity in two cells, named by it as Linux expects. */
static int add_cpus(void *fdt, const struct dtb_params *p)
{
	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	for (unsigned i = 0; i < dtb_cpus(p); i++) {
		u64 aff = p->mpidr[i] & MPIDR_AFFINITY_MASK;
		char name[32];

		snprintf(name, sizeof(name), "cpu@%llx", (unsigned long long)aff);
		TRY(fdt_begin_node(fdt, name));
		TRY(fdt_property_string(fdt, "device_type", "cpu"));
		TRY(fdt_property_string(fdt, "compatible", "arm,armv8"));
		TRY(fdt_property_u64(fdt, "reg", aff));
		TRY(fdt_property_string(fdt, "enable-method", "psci"));
		TRY(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

/* KVM implements PSCI 1.x for a vCPU with KVM_ARM_VCPU_PSCI_0_2, through HVC. */
static int add_psci(void *fdt)
{
	static const char compat[] = "arm,psci-1.0\0arm,psci-0.2";

	TRY(fdt_begin_node(fdt, "psci"));
	TRY(fdt_property(fdt, "compatible", compat, sizeof(compat)));
	TRY(fdt_property_string(fdt, "method", "hvc"));
	return fdt_end_node(fdt);
}

/* The architected timer's PPIs in QEMU virt's order: secure and non-secure physical, virtual,
 * hypervisor (13, 14, 11, 10); KVM gives the guest the virtual (27) and physical (30) ones. */
static int add_timer(void *fdt, enum gic_kind gic, unsigned cpus)
{
	static const u32 ppis[4] = {13, 14, 11, 10};
	u32 flags = IRQ_LEVEL_HIGH | (gic == GIC_V2 ? PPI_CPUS(cpus) : 0);
	fdt32_t irqs[12];

	for (int i = 0; i < 4; i++) {
		irqs[3 * i] = cpu_to_fdt32(1); /* PPI */
		irqs[3 * i + 1] = cpu_to_fdt32(ppis[i]);
		irqs[3 * i + 2] = cpu_to_fdt32(flags);
	}
	TRY(fdt_begin_node(fdt, "timer"));
	TRY(fdt_property_string(fdt, "compatible", "arm,armv8-timer"));
	TRY(fdt_property(fdt, "interrupts", irqs, sizeof(irqs)));
	return fdt_end_node(fdt);
}

/* The vGIC (vgic.h) with the compatible QEMU virt gives each version, as s2hv copies it; GICv3:
 * one redistributor per vCPU, contiguous from vCPU 0's. */
static int add_gic(void *fdt, enum gic_kind gic, unsigned cpus)
{
	static const char v2[] = "arm,cortex-a15-gic", v3[] = "arm,gic-v3";
	u64 second = gic == GIC_V3 ? GICV3_REDIST_IPA : GICV2_CPU_IPA;
	u64 second_size = gic == GIC_V3 ? GICV3_REDIST_SIZE * cpus : GICV2_CPU_SIZE;
	const u64 base[2] = {GIC_DIST_IPA, second}, size[2] = {GIC_DIST_SIZE, second_size};
	char name[32];

	snprintf(name, sizeof(name), "intc@%llx", (unsigned long long)GIC_DIST_IPA);
	TRY(fdt_begin_node(fdt, name));
	TRY(gic == GIC_V3 ? fdt_property(fdt, "compatible", v3, sizeof(v3))
			  : fdt_property(fdt, "compatible", v2, sizeof(v2)));
	TRY(fdt_property_u32(fdt, "#interrupt-cells", 3));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(dt_reg64(fdt, base, size, 2));
	TRY(fdt_property_u32(fdt, "phandle", PHANDLE_GIC));
	return fdt_end_node(fdt);
}

/* The guest-call doorbell (docs/protocol.md §2); the guest also gets its IPA in x1. s2vmm only:
 * s2hv takes guest calls by HVC. */
static int add_doorbell(void *fdt, ipa_t doorbell_ipa)
{
	char name[40];

	snprintf(name, sizeof(name), "s2b-doorbell@%llx", (unsigned long long)doorbell_ipa);
	TRY(fdt_begin_node(fdt, name));
	TRY(fdt_property_string(fdt, "compatible", "s2bench,doorbell"));
	TRY(dt_reg64(fdt, &doorbell_ipa, &(u64){0x1000}, 1));
	return fdt_end_node(fdt);
}

static int build(void *fdt, const struct dtb_params *p)
{
	char uart_node[32];

	snprintf(uart_node, sizeof(uart_node), "pl011@%llx", (unsigned long long)PL011_IPA);
	TRY(dt_begin_root(fdt, DTB_MAX_SIZE, "s2bench,s2vmm-guest", "s2vmm guest"));
	if (p->gic != GIC_NONE)
		TRY(fdt_property_u32(fdt, "interrupt-parent", PHANDLE_GIC));
	TRY(add_cpus(fdt, p));
	TRY(add_psci(fdt));
	if (p->gic != GIC_NONE) {
		TRY(add_timer(fdt, p->gic, dtb_cpus(p)));
		TRY(add_gic(fdt, p->gic, dtb_cpus(p)));
	}
	/* The PL011 (pl011.h); its interrupt only when there is a GIC to name (it is never raised). */
	TRY(dt_add_pl011(fdt, uart_node, PL011_IPA, PL011_SIZE, p->gic != GIC_NONE));
	TRY(dt_add_memory_and_chosen(fdt, &(struct dt_chosen){p->ram_ipa, p->ram_size, uart_node,
							  p->bootargs, 0, 0}));
	TRY(add_doorbell(fdt, p->doorbell_ipa));
	TRY(fdt_end_node(fdt));
	return fdt_finish(fdt);
}

size_t dtb_build(void *fdt, const struct dtb_params *p)
{
	if (build(fdt, p) < 0)
		return 0;
	return fdt_totalsize(fdt);
}
