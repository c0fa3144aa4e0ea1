/*
 * psci: the PSCI answers an SMP guest relies on, and a reboot with secondaries busy
 * (s2b.vcpus=N, docs/guests.md "SMP"). Every boot: vCPU 0 is on and the others off (so the
 * previous boot's busy vCPUs were stopped); CPU_ON of an MPIDR with no vCPU is
 * INVALID_PARAMETERS, of vCPU 0 ALREADY_ON. Then each secondary is started, asked again at
 * once (ALREADY_ON or ON_PENDING), checks how it was started (x0 = context id, its MPIDR, EL1,
 * MMU off) and goes off; AFFINITY_INFO sees it off and a second CPU_ON starts it again, now to
 * stay busy making calls while vCPU 0 asks for the reset.
 */
#include "lib/smp/smp.h"

#define STARTED_OK 0x600d

/* What a started vCPU checks: a word per property, STARTED_OK when all hold. */
static u64 started(unsigned idx)
{
	u64 el, sctlr;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	if (smp_this_vcpu() != idx)
		return 0x100 | smp_this_vcpu();
	if (el >> 2 != 1)
		return 0x200 | el;
	if (sctlr & 1)
		return 0x300;
	return STARTED_OK;
}

static volatile u64 busy_calls[SMP_MAX_VCPUS];

/* Busy until the reset: calls that exit to the host, so it can stop this vCPU. */
static u64 stay_busy(unsigned idx)
{
	for (;;) {
		busy_calls[idx]++;
		psci_call(PSCI_VERSION);
		smp_relax();
	}
	return 0;
}

static void check_eq(u64 got, u64 want)
{
	if (!s2b_check(got == want, got, want))
		s2b_printf("psci: got 0x%lx, expected 0x%lx\n", got, want);
}

void guest_main(void)
{
	unsigned n = smp_vcpus();

	s2b_report("vcpus", n);
	for (unsigned i = 0; i < n; i++)
		check_eq(smp_psci_affinity_info(i), i ? PSCI_AFF_OFF : PSCI_AFF_ON);
	check_eq(smp_psci_affinity_info(n), PSCI_RET_INVALID_PARAMETERS);
	check_eq(smp_psci_cpu_on(n, 0x40000000, 0), PSCI_RET_INVALID_PARAMETERS);
	check_eq(smp_psci_cpu_on(0, 0x40000000, 0), PSCI_RET_ALREADY_ON);
	for (unsigned i = 1; i < n; i++) {
		u64 again;

		check_eq(smp_start(i, started), PSCI_RET_SUCCESS);
		again = smp_psci_cpu_on(i, 0x40000000, 0);
		if (!s2b_check(again == PSCI_RET_ALREADY_ON || again == PSCI_RET_ON_PENDING, again,
			       PSCI_RET_ALREADY_ON))
			s2b_printf("psci: second CPU_ON of vcpu %u: 0x%lx\n", i, again);
	}
	for (unsigned i = 1; i < n; i++)
		check_eq(smp_join(i), STARTED_OK);
	for (unsigned i = 1; i < n; i++)
		check_eq(smp_start(i, stay_busy), PSCI_RET_SUCCESS);
	for (unsigned i = 1; i < n; i++)
		while (!busy_calls[i]) /* each one busy before the reset */
			smp_relax();
	s2b_mark_ready();
}
