/* From head.S to the portable hv_run(): platform from the DTB, RAM mapped, EL2 configured. */
#include "../../arch.h"
#include "../../console.h"
#include "../../hv.h"
#include "../../uart_pl011.h"
#include "sysreg.h"

int mmu_map_ram(const pa_t *base, const u64 *size, unsigned n);
void arch_set_power_off(const struct platform *p);
void pmu_init(const struct cpu_features *f);

extern char _head_entry[], _end[];
static struct platform plat;
static struct cpu_features cpu;

static void el2_init(void)
{
	/* CPTR_EL2: RES1 bits, TFP = 0: FP/SIMD not trapped (libfdt may use SIMD registers). */
	write_sysreg(0x33ffULL, cptr_el2);
	/* CNTHCTL_EL2: EL1PCTEN | EL1PCEN: guests may use the physical counter and timer. */
	write_sysreg(3ULL, cnthctl_el2);
	write_sysreg(0ULL, cntvoff_el2);
	write_sysreg(read_sysreg(midr_el1), vpidr_el2);
	write_sysreg(read_sysreg(mpidr_el1), vmpidr_el2);
	isb();
}

/* A secondary CPU's own EL2 registers (arch/aarch64/smp.c): as the boot CPU's. */
void arch_el2_cpu_init(void);
void arch_el2_cpu_init(void)
{
	el2_init();
	pmu_init(&cpu);
}

void hv_main(pa_t dtb)
{
	pa_t img_start = (pa_t)(uintptr_t)_head_entry, img_end = (pa_t)(uintptr_t)_end;
	const char *err;

	el2_init(); /* first: libfdt may use FP/SIMD, which CPTR_EL2 must not trap */
	err = platform_from_fdt((const void *)(uintptr_t)dtb, &plat);
	if (err)
		return; /* no RAM or UART known: nothing can be reported; power off */
	arch_set_power_off(&plat);
	if (mmu_map_ram(plat.ram_base, plat.ram_size, plat.ram_count))
		return;
	if (plat.uart_base && plat.uart_pl011)
		console_set(pl011_console(plat.uart_base));
	cpu_features_read(&cpu);
	pmu_init(&cpu);
	hv_run(&plat, &cpu, img_start, img_end);
}
