/* See smp.h. */
#include "smp.h"

/* vCPU i (1..) runs on smp_stacks[i - 1]; guest.ld places them. */
u8 smp_stacks[SMP_MAX_VCPUS - 1][SMP_STACK_SIZE] __attribute__((section(".smp_stacks"), aligned(16)));
/* The boot vCPU's stage-1 MMU registers, which a started vCPU loads (smp_entry.S reads the
 * words in this order) before its first access to memory but this. */
struct smp_mmu {
	u64 mair, tcr, ttbr0, sctlr;
} smp_mmu __attribute__((aligned(64)));
static smp_work_fn work[SMP_MAX_VCPUS];
static u64 result[SMP_MAX_VCPUS];
static u64 published[SMP_MAX_VCPUS];

void smp_secondary_entry(void);
_Noreturn void smp_secondary_main(unsigned idx);

static u64 psci3(u32 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fn;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return x0;
}

unsigned smp_vcpus(void)
{
	u64 n = s2b_param("vcpus", 1);

	return n >= 1 && n <= SMP_MAX_VCPUS ? (unsigned)n : 1;
}

unsigned smp_this_vcpu(void)
{
	u64 mpidr;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return mpidr & 0xff;
}

u64 smp_psci_cpu_on(u64 mpidr, u64 entry, u64 context)
{
	return psci3(PSCI_CPU_ON | PSCI_64BIT, mpidr, entry, context);
}

u64 smp_psci_affinity_info(u64 mpidr)
{
	return psci3(PSCI_AFFINITY_INFO | PSCI_64BIT, mpidr, 0, 0);
}

u64 smp_start(unsigned idx, smp_work_fn fn)
{
	if (idx == 0 || idx >= SMP_MAX_VCPUS)
		return PSCI_RET_INVALID_PARAMETERS;
	work[idx] = fn;
	published[idx] = 0;
	__asm__ volatile("mrs %0, mair_el1" : "=r"(smp_mmu.mair));
	__asm__ volatile("mrs %0, tcr_el1" : "=r"(smp_mmu.tcr));
	__asm__ volatile("mrs %0, ttbr0_el1" : "=r"(smp_mmu.ttbr0));
	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(smp_mmu.sctlr));
	/* The new vCPU reads smp_mmu with its MMU off, i.e. from memory: clean the line to the PoC
	 * (ARM ARM D7.5.9, data cache maintenance: a non-cacheable observer sees memory only), and
	 * complete that and the stores above before the call that starts it (B2.3.12, DSB: later
	 * instructions, the HVC among them, wait for it). */
	__asm__ volatile("dc civac, %0\n\tdsb sy" : : "r"(&smp_mmu) : "memory");
	return smp_psci_cpu_on(idx, (u64)(uintptr_t)smp_secondary_entry, idx);
}

void smp_secondary_main(unsigned idx)
{
	result[idx] = work[idx](idx);
	/* Store-Release: the result is observed before the flag that says it is there
	 * (ARM ARM B2.3.7). */
	__atomic_store_n(&published[idx], 1, __ATOMIC_RELEASE);
	psci3(PSCI_CPU_OFF, 0, 0, 0);
	for (;;) /* CPU_OFF does not return; if a host lets it, stop rather than run on */
		psci_call(PSCI_SYSTEM_OFF);
}

bool smp_run(unsigned n, smp_work_fn fn, u64 out[SMP_MAX_VCPUS])
{
	bool started[SMP_MAX_VCPUS] = {true};
	bool ok = true;

	for (unsigned i = 1; i < n; i++) {
		u64 ret = smp_start(i, fn);

		started[i] = ret == PSCI_RET_SUCCESS;
		ok &= s2b_check(started[i], ret, PSCI_RET_SUCCESS);
	}
	out[0] = fn(0);
	for (unsigned i = 1; i < n; i++)
		out[i] = started[i] ? smp_join(i) : 0;
	return ok;
}

u64 smp_join(unsigned idx)
{
	/* Load-Acquire pairs with the Store-Release above: the result read after it is the one
	 * published (ARM ARM B2.3.7). */
	while (!__atomic_load_n(&published[idx], __ATOMIC_ACQUIRE))
		smp_relax();
	while (smp_psci_affinity_info(idx) != PSCI_AFF_OFF)
		smp_relax();
	return result[idx];
}
