/* Power-off, EL2 exception reports, and the glue the freestanding build needs. */
#include "../../arch.h"
#include "../../hv.h"
#include "../../proto.h"
#include "../../vcpu.h"
#include "sysreg.h"

#define PSCI_SYSTEM_OFF 0x84000008ULL

void *arch_pa_to_va(pa_t pa) { return (void *)(uintptr_t)pa; } /* EL2 maps RAM VA == PA */
pa_t arch_va_to_pa(const void *va) { return (pa_t)(uintptr_t)va; }

u32 arch_dcache_line_size(void)
{
	return 4u << ((read_sysreg(ctr_el0) >> 16) & 0xf);
}

void arch_system_off(void)
{
	register u64 x0 __asm__("x0") = PSCI_SYSTEM_OFF;

	/* PSCI through the secure monitor (QEMU virt's conduit at EL2, TF-A on boards). */
	__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	for (;;)
		__asm__ volatile("wfi");
}

/* An exception at EL2 itself (vectors in entry.S): a hypervisor bug. Report it and stop. */
void hv_exception_report(u64 kind, u64 esr, u64 elr, u64 far)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", "hv_fault");
	rec_u64(&r, "kind", kind);
	rec_hex(&r, "esr", esr);
	rec_hex(&r, "elr", elr);
	rec_hex(&r, "far", far);
	rec_end(&r);
	report_done("error", 0);
	arch_system_off();
}

/* Entered at EL1 (no EL2): nothing to measure. Ask PSCI to power off over both conduits. */
void hv_not_at_el2(pa_t dtb)
{
	(void)dtb;
	register u64 x0 __asm__("x0") = PSCI_SYSTEM_OFF;

	__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	x0 = PSCI_SYSTEM_OFF;
	__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

/* libfdt from Debian is built with -fstack-protector-strong. */
unsigned long __stack_chk_guard = 0x5a3c9e1f0b7d2468UL;
void __stack_chk_fail(void)
{
	report_error("hv_fault", "stack_protector");
	arch_system_off();
}
