/* The simulator has one CPU: no secondary starts, the lock is uncontended, events are no-ops.
 * Host tests drive the vCPU power states (core/smp.c) directly. */
#include "../../smp.h"

u64 sim_counter; /* what arch_counter() reads: tests move it to time a wait out */

void arch_spin_lock(u32 *lock) { *lock = 1; }
void arch_spin_unlock(u32 *lock) { *lock = 0; }
void arch_wait_event(void) {}
void arch_send_event(void) {}
void arch_cpu_relax(void) {}
u64 arch_cpu_start(u64 mpidr, unsigned idx)
{
	(void)mpidr;
	(void)idx;
	return ~0ULL; /* NOT_SUPPORTED: there is no other CPU to start */
}
void arch_s2_load(void) {}
u64 arch_counter(void) { return sim_counter++; }
u64 arch_timer_freq(void) { return 1000; } /* a wait times out after 1000 reads */
