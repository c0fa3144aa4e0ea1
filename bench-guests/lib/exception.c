/* Any exception a guest takes is a bug or a coherence failure: report it as a failed check. */
#include "exception.h"

extern char vectors_el1[];
_Noreturn void guest_exception(u64 vector, u64 esr, u64 elr, u64 far);

void exception_vectors_install(void)
{
	/* ISB: a direct System register write is guaranteed in effect only after a Context
	 * synchronization event (ARM ARM, Synchronization requirements for AArch64 System
	 * registers), and an exception may follow at any instruction. */
	__asm__ volatile("msr vbar_el1, %0\n\tisb" : : "r"(vectors_el1) : "memory");
}

void guest_exception(u64 vector, u64 esr, u64 elr, u64 far)
{
	s2b_printf("unexpected exception: vector=%lu esr=0x%lx elr=0x%lx far=0x%lx\n", vector, esr,
		   elr, far);
	s2b_check(false, esr, elr);
	psci_reset();
}
