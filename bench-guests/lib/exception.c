/* Any exception a guest takes is a bug or a coherence failure: report it as a failed check. */
#include "s2b.h"

_Noreturn void guest_exception(u64 vector, u64 esr, u64 elr, u64 far);

void guest_exception(u64 vector, u64 esr, u64 elr, u64 far)
{
	s2b_printf("unexpected exception: vector=%lu esr=0x%lx elr=0x%lx far=0x%lx\n", vector, esr,
		   elr, far);
	s2b_check(false, esr, elr);
	psci_reset();
}
