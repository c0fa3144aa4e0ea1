/* Power-off, EL2 exception reports, and the glue the freestanding build needs. */
#include "../../arch.h"
#include "../../console.h"
#include "../../hv.h"
#include "../../proto.h"
#include "../../uart_pl011.h"
#include "../../vcpu.h"
#include "sysreg.h"

#define PSCI_SYSTEM_OFF 0x84000008ULL
#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

void *arch_pa_to_va(pa_t pa) { return (void *)(uintptr_t)pa; } /* EL2 maps RAM VA == PA */
pa_t arch_va_to_pa(const void *va) { return (pa_t)(uintptr_t)va; }

u32 arch_dcache_line_size(void)
{
	return 4u << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

static enum psci_conduit off_conduit = PSCI_CONDUIT_SMC;
static bool off_semihosting;
static bool powering_off;

void arch_set_power_off(const struct platform *p)
{
	off_conduit = p->psci;
	off_semihosting = p->semihosting;
}

enum psci_conduit arch_psci_conduit(void);
enum psci_conduit arch_psci_conduit(void)
{
	return off_conduit;
}

static void psci_off(enum psci_conduit c)
{
	register u64 x0 __asm__("x0") = PSCI_SYSTEM_OFF;

	if (c == PSCI_CONDUIT_SMC)
		__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	else if (c == PSCI_CONDUIT_HVC)
		__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

/* Semihosting SYS_EXIT (QEMU -semihosting): HLT #0xF000 with x0 = op, x1 -> {reason, code}. */
static void semihosting_exit(void)
{
	static u64 block[2] = {ADP_STOPPED_APPLICATION_EXIT, 0};
	register u64 x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
	register u64 x1 __asm__("x1") = (u64)(uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}

/* PSCI where the DTB has it (QEMU virt, TF-A boards); semihosting where the DTB asks for it
 * (QEMU raspi3b); else stop here and let the harness power-cycle the board. */
void arch_system_off(void)
{
	if (!powering_off) {
		powering_off = true; /* an exception from the attempts below must not loop back here */
		if (off_semihosting)
			semihosting_exit();
		psci_off(off_conduit);
	}
	for (;;)
		__asm__ volatile("wfi");
}

/* An exception at EL2 itself (vectors in entry.S): a hypervisor bug. Report it and stop. */
void hv_exception_report(u64 kind, u64 esr, u64 elr, u64 far)
{
	struct record r;

	if (!powering_off) {
		rec_begin(&r, "error");
		rec_str(&r, "code", "hv_fault");
		rec_u64(&r, "kind", kind);
		rec_hex(&r, "esr", esr);
		rec_hex(&r, "elr", elr);
		rec_hex(&r, "far", far);
		rec_end(&r);
		report_done("error", 0);
	}
	arch_system_off();
}

/*
 * Entered at EL1: there is no EL2, so nothing can be measured. Say so on the DTB's console and
 * power off. Runs with the MMU off: libfdt needs FP/SIMD enabled at EL1 (CPACR_EL1.FPEN).
 */
void hv_not_at_el2(pa_t dtb)
{
	static struct platform plat;

	write_sysreg(3ULL << 20, cpacr_el1);
	isb();
	if (platform_from_fdt((const void *)(uintptr_t)dtb, &plat) == NULL && plat.uart_pl011) {
		console_set(pl011_console(plat.uart_base));
		report_error("no_el2", "entered_at_EL1:_s2hv_needs_EL2_(QEMU:_-M_virt,virtualization=on)");
		report_done("error", 0);
	}
	/* From EL1 the firmware's PSCI is reached with the DTB's conduit directly. */
	psci_off(plat.psci != PSCI_CONDUIT_NONE ? plat.psci : PSCI_CONDUIT_HVC);
	psci_off(PSCI_CONDUIT_SMC);
}

/* libfdt from Debian is built with -fstack-protector-strong. */
unsigned long __stack_chk_guard = 0x5a3c9e1f0b7d2468UL;
void __stack_chk_fail(void)
{
	report_error("hv_fault", "stack_protector");
	arch_system_off();
}
