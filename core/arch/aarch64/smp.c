/* The secondary CPUs at EL2 (core/smp.h): their start through the firmware, lock and events. */
#include "../../platform.h"
#include "../../smp.h"
#include "sysreg.h"
#include "vcpu_ctx.h"

#define PSCI_CPU_ON_64 0xc4000003ULL

void secondary_entry(void);
void arch_el2_cpu_init(void);
enum psci_conduit arch_psci_conduit(void);

u8 secondary_stacks[SMP_MAX_VCPUS][SECONDARY_STACK_SIZE] __attribute__((aligned(16)));

/* An SMCCC call with three arguments through conduit c. No function call may come between
 * the register variables' assignment and the asm, or it would clobber them. */
static u64 firmware_call(enum psci_conduit c, u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	if (c == PSCI_CONDUIT_SMC)
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	else
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return x0;
}

u64 arch_cpu_start(u64 mpidr, unsigned idx)
{
	enum psci_conduit c = arch_psci_conduit();

	if (c == PSCI_CONDUIT_NONE)
		return ~0ULL;
	/* The secondary reads nothing before its MMU is on (head.S secondary_entry), so nothing
	 * written here through the cache needs cleaning first. VA == PA (mmu.c). */
	return firmware_call(c, PSCI_CPU_ON_64, mpidr, (u64)(uintptr_t)secondary_entry, idx);
}

/* head.S secondary_entry, on this CPU's stack with the MMU on. */
void arch_secondary_main(unsigned idx)
{
	arch_el2_cpu_init();
	smp_secondary_main(idx);
}

/*
 * Test-and-set with exclusives, Load-Acquire to take and Store-Release to give (ARM ARM
 * B2.3.7), so the lock orders the critical sections' accesses. The release store clears the
 * waiters' exclusive monitors, which generates the event their WFE waits for (ARM ARM D1.6.1).
 */
void arch_spin_lock(u32 *lock)
{
	u32 tmp, busy;

	__asm__ volatile("	sevl\n"
			 "1:	wfe\n"
			 "	ldaxr	%w0, [%2]\n"
			 "	cbnz	%w0, 1b\n"
			 "	mov	%w1, #1\n"
			 "	stxr	%w0, %w1, [%2]\n"
			 "	cbnz	%w0, 1b\n"
			 : "=&r"(busy), "=&r"(tmp)
			 : "r"(lock)
			 : "memory");
}

void arch_spin_unlock(u32 *lock)
{
	__asm__ volatile("stlr wzr, [%0]" : : "r"(lock) : "memory");
}

void arch_wait_event(void)
{
	__asm__ volatile("wfe" : : : "memory");
}

/* A hint that never sleeps (ARM ARM C6.2, YIELD); QEMU's round-robin TCG (with -icount) switches
 * to the next CPU on it, else a poller would spin a whole time slice before the CPU it polls
 * ran again. */
void arch_cpu_relax(void)
{
	__asm__ volatile("yield" : : : "memory");
}

void arch_send_event(void)
{
	dsb(ish); /* the stores the waiter will read complete before it wakes (ARM ARM D1.6.1) */
	__asm__ volatile("sev");
}

u64 arch_counter(void)
{
	isb(); /* CNTPCT_EL0 reads may be taken out of order without it (ARM ARM D11.2.2) */
	return read_sysreg(cntpct_el0);
}
