/* kvm/dtb.c: the guest DTB has the nodes s2hv's core/vdtb.c gives a guest (docs/guests.md, "The
 * guest platform") and exactly the bootargs it is given. Read back with libfdt. */
#include <criterion/criterion.h>
#include <libfdt.h>
#include <string.h>
#include "../../../kvm/dtb.h"
#include "../../../kvm/guest_image.h"
#include "../../../kvm/pl011.h"

static u8 fdt[DTB_MAX_SIZE] __attribute__((aligned(8)));

static void build_with(const char *bootargs, enum gic_kind gic)
{
	const struct dtb_params p = {
		.ram_ipa = 0x40000000, .ram_size = 64 << 20, .doorbell_ipa = 0x3ffff000,
		.bootargs = bootargs, .gic = gic,
	};

	cr_assert_neq(dtb_build(fdt, &p), 0);
	cr_assert_eq(fdt_check_full(fdt, fdt_totalsize(fdt)), 0);
}

static void build(const char *bootargs)
{
	build_with(bootargs, GIC_V3);
}

static int node(const char *path)
{
	int off = fdt_path_offset(fdt, path);

	cr_assert_geq(off, 0, "%s", path);
	return off;
}

/* The property's bytes equal want (len bytes: string lists carry their NULs). */
static void prop_is(const char *path, const char *name, const void *want, int len)
{
	int got_len;
	const void *got = fdt_getprop(fdt, node(path), name, &got_len);

	cr_assert_not_null(got, "%s:%s", path, name);
	cr_assert_eq(got_len, len, "%s:%s length", path, name);
	cr_assert_eq(memcmp(got, want, (size_t)len), 0, "%s:%s", path, name);
}

#define STR_PROP_IS(path, name, lit) prop_is(path, name, lit, sizeof(lit))

static void reg_is(const char *path, u64 base, u64 size)
{
	fdt64_t want[2] = {cpu_to_fdt64(base), cpu_to_fdt64(size)};

	prop_is(path, "reg", want, sizeof(want));
}

Test(kvm_dtb, bootargs_are_exactly_what_is_given)
{
	build("");
	STR_PROP_IS("/chosen", "bootargs", "");
	build("probe.words=a  b s2b.guest=x");
	STR_PROP_IS("/chosen", "bootargs", "probe.words=a  b s2b.guest=x");
}

Test(kvm_dtb, uart_node_is_s2hvs)
{
	const fdt32_t *clocks;
	int len, clk;

	build("");
	STR_PROP_IS("/chosen", "stdout-path", "/pl011@9000000");
	STR_PROP_IS("/pl011@9000000", "compatible", "arm,pl011\0arm,primecell");
	reg_is("/pl011@9000000", 0x09000000, 0x1000);
	STR_PROP_IS("/pl011@9000000", "clock-names", "uartclk\0apb_pclk");
	clocks = fdt_getprop(fdt, node("/pl011@9000000"), "clocks", &len);
	cr_assert_eq(len, 8);
	cr_assert_eq(clocks[0], clocks[1], "one clock for both");
	clk = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(clocks[0]));
	cr_assert_geq(clk, 0);
	cr_assert_str_eq(fdt_get_name(fdt, clk, NULL), "apb-pclk");
	STR_PROP_IS("/apb-pclk", "compatible", "fixed-clock");
	cr_assert_eq(fdt32_ld(fdt_getprop(fdt, clk, "clock-frequency", NULL)), 24000000);
	cr_assert_eq(fdt32_ld(fdt_getprop(fdt, clk, "#clock-cells", NULL)), 0);
}

Test(kvm_dtb, memory_cpu_and_psci_are_s2hvs)
{
	const fdt64_t *cpu_reg;
	int len;

	build("");
	STR_PROP_IS("/memory@40000000", "device_type", "memory");
	reg_is("/memory@40000000", 0x40000000, 64 << 20);
	STR_PROP_IS("/psci", "compatible", "arm,psci-1.0\0arm,psci-0.2");
	STR_PROP_IS("/psci", "method", "hvc");
	STR_PROP_IS("/cpus/cpu@0", "enable-method", "psci");
	cpu_reg = fdt_getprop(fdt, node("/cpus/cpu@0"), "reg", &len);
	cr_assert_eq(len, 8);
	cr_assert_eq(fdt64_ld(cpu_reg), 0, "vCPU 0's MPIDR affinity");
	cr_assert_eq(fdt32_ld(fdt_getprop(fdt, node("/cpus"), "#address-cells", NULL)), 2);
	reg_is("/s2b-doorbell@3ffff000", 0x3ffff000, 0x1000);
}

Test(kvm_dtb, longest_guest_command_line_fits)
{
	char line[GUEST_CMDLINE_MAX + 1];

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = 0;
	build(line);
	prop_is("/chosen", "bootargs", line, sizeof(line));
}

static void cells_are(const char *path, const char *name, const u32 *want, int n)
{
	fdt32_t be[12];

	for (int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(want[i]);
	prop_is(path, name, be, n * 4);
}

static void gic_is(const char *compat, int compat_len, u64 second, u32 ppi_flags)
{
	const fdt64_t reg[4] = {cpu_to_fdt64(0x08000000), cpu_to_fdt64(0x10000),
				cpu_to_fdt64(second), cpu_to_fdt64(second == 0x080a0000 ? 0x20000 : 0x10000)};
	const u32 timer[12] = {1, 13, ppi_flags, 1, 14, ppi_flags, 1, 11, ppi_flags, 1, 10, ppi_flags};
	const u32 uart_irq[3] = {0, 1, 4}, three = 3;
	const fdt32_t *phandle, *parent;

	prop_is("/intc@8000000", "compatible", compat, compat_len);
	prop_is("/intc@8000000", "reg", reg, sizeof(reg));
	cells_are("/intc@8000000", "#interrupt-cells", &three, 1);
	prop_is("/intc@8000000", "interrupt-controller", "", 0);
	phandle = fdt_getprop(fdt, node("/intc@8000000"), "phandle", NULL);
	parent = fdt_getprop(fdt, 0, "interrupt-parent", NULL);
	cr_assert(phandle && parent && fdt32_ld(phandle) == fdt32_ld(parent), "the root's parent is the GIC");
	STR_PROP_IS("/timer", "compatible", "arm,armv8-timer");
	cells_are("/timer", "interrupts", timer, 12);
	cells_are("/pl011@9000000", "interrupts", uart_irq, 3);
}

Test(kvm_dtb, gicv3_timer_and_uart_interrupt_are_qemu_virts)
{
	build_with("", GIC_V3);
	gic_is("arm,gic-v3", sizeof("arm,gic-v3"), 0x080a0000, 4);
}

Test(kvm_dtb, gicv2_names_its_cpu_interface_and_ppi_targets)
{
	build_with("", GIC_V2);
	gic_is("arm,cortex-a15-gic", sizeof("arm,cortex-a15-gic"), 0x08010000, 0x104);
}

Test(kvm_dtb, no_gic_no_timer_no_interrupts)
{
	build_with("x", GIC_NONE);
	cr_assert_lt(fdt_path_offset(fdt, "/intc@8000000"), 0);
	cr_assert_lt(fdt_path_offset(fdt, "/timer"), 0);
	cr_assert_null(fdt_getprop(fdt, 0, "interrupt-parent", NULL));
	cr_assert_null(fdt_getprop(fdt, node("/pl011@9000000"), "interrupts", NULL));
	STR_PROP_IS("/chosen", "stdout-path", "/pl011@9000000");
}

/* N vCPUs: a cpu node each, named and reg'd by the affinity of the MPIDR KVM gave it (RES1 bit
 * 31 and the U/MT bits are not affinity), the GICv3 redistributors of all of them, and GICv2's
 * PPIs aimed at every CPU. */
static void build_cpus(enum gic_kind gic, unsigned n, const u64 *mpidr)
{
	struct dtb_params p = {
		.ram_ipa = 0x40000000, .ram_size = 64 << 20, .doorbell_ipa = 0x3ffff000,
		.bootargs = "", .gic = gic, .cpus = n,
	};

	memcpy(p.mpidr, mpidr, n * sizeof(u64));
	cr_assert_neq(dtb_build(fdt, &p), 0);
	cr_assert_eq(fdt_check_full(fdt, fdt_totalsize(fdt)), 0);
}

Test(kvm_dtb, a_cpu_node_per_vcpu_reg_is_its_mpidr_affinity)
{
	const u64 mpidr[4] = {0x80000000, 0x80000001, 0x80000002, 0xc1000103};
	const u64 aff[4] = {0, 1, 2, 0x103};
	const char *names[4] = {"/cpus/cpu@0", "/cpus/cpu@1", "/cpus/cpu@2", "/cpus/cpu@103"};
	int cpus = 0, off;

	build_cpus(GIC_V3, 4, mpidr);
	for (int i = 0; i < 4; i++) {
		fdt64_t want = cpu_to_fdt64(aff[i]);

		prop_is(names[i], "reg", &want, sizeof(want));
		STR_PROP_IS(names[i], "enable-method", "psci");
		STR_PROP_IS(names[i], "device_type", "cpu");
	}
	fdt_for_each_subnode(off, fdt, node("/cpus"))
		cpus++;
	cr_assert_eq(cpus, 4, "one node per vCPU, no more");
}

Test(kvm_dtb, gicv3_redistributors_cover_every_vcpu)
{
	const u64 mpidr[3] = {0x80000000, 0x80000001, 0x80000002};
	const fdt64_t reg[4] = {cpu_to_fdt64(0x08000000), cpu_to_fdt64(0x10000),
				cpu_to_fdt64(0x080a0000), cpu_to_fdt64(3 * 0x20000)};

	build_cpus(GIC_V3, 3, mpidr);
	prop_is("/intc@8000000", "reg", reg, sizeof(reg));
}

Test(kvm_dtb, gicv2_ppis_target_every_vcpu)
{
	const u64 mpidr[2] = {0x80000000, 0x80000001};
	const u32 flags = 4 | (3u << 8), timer[12] = {1, 13, flags, 1, 14, flags, 1, 11, flags, 1, 10, flags};

	build_cpus(GIC_V2, 2, mpidr);
	cells_are("/timer", "interrupts", timer, 12);
}
