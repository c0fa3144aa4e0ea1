/*
 * SMP for the bench guests (docs/guests.md "SMP"): the boot vCPU starts the others with PSCI
 * CPU_ON — vCPU i has MPIDR_EL1 Aff0 = i, as s2hv's guest DTB lists it — each runs a function
 * on its own stack and publishes one result word; the boot vCPU waits for every word (the
 * join) and verifies. One word per vCPU, written by its vCPU alone, rather than a shared
 * counter: it needs no exclusive access, which with the MMU off (Device memory) is IMPLEMENTATION
 * DEFINED, and it carries each slice's result for the boot vCPU to check.
 * A started vCPU turns its MMU on as the boot vCPU's is (the same tables, smp_entry.S) before
 * it touches memory, so both see the same memory types; with the boot vCPU's MMU off, both are
 * off. Linked only into the guests that use it (guests.mk, SMP_GUESTS).
 */
#ifndef S2B_GUEST_SMP_H
#define S2B_GUEST_SMP_H

#include "../s2b.h"

#define SMP_MAX_VCPUS 8
#define SMP_STACK_SIZE 4096 /* smp_entry.S has the same number */

/* PSCI return codes (Arm DEN 0022, 5.2.2). */
#define PSCI_RET_SUCCESS 0ULL
#define PSCI_RET_INVALID_PARAMETERS ((u64)-2)
#define PSCI_RET_ALREADY_ON ((u64)-4)
#define PSCI_RET_ON_PENDING ((u64)-5)
/* AFFINITY_INFO states. */
#define PSCI_AFF_ON 0ULL
#define PSCI_AFF_OFF 1ULL
#define PSCI_AFF_ON_PENDING 2ULL

/* In every polling loop: YIELD never sleeps (ARM ARM C6.2), and QEMU's round-robin TCG runs
 * the next CPU on it, so a poller does not spin a whole time slice before the vCPU it waits
 * for runs. */
static inline void smp_relax(void)
{
	__asm__ volatile("yield" : : : "memory");
}

/* How many vCPUs the host gave (S2B_PARAM vcpus; 1 on a host without SMP). */
unsigned smp_vcpus(void);
/* This vCPU's index: MPIDR_EL1 Aff0. */
unsigned smp_this_vcpu(void);

/* The raw PSCI calls, for tests of their answers. */
u64 smp_psci_cpu_on(u64 mpidr, u64 entry, u64 context);
u64 smp_psci_affinity_info(u64 mpidr);

typedef u64 (*smp_work_fn)(unsigned idx);
/* Start vCPU idx (1..SMP_MAX_VCPUS-1) running `fn(idx)` on its own stack; when fn returns, its
 * result is published (smp_join) and the vCPU calls CPU_OFF. The PSCI result of CPU_ON. */
u64 smp_start(unsigned idx, smp_work_fn fn);
/* Wait until vCPU idx published its result, then until PSCI says it is off; its result. */
u64 smp_join(unsigned idx);

/* fn on vCPUs 0..n-1 at once, this one (the boot vCPU) doing fn(0): out[i] = fn(i). False,
 * after a failed check, when a vCPU could not be started (its out[i] is then 0). */
bool smp_run(unsigned n, smp_work_fn fn, u64 out[SMP_MAX_VCPUS]);

/* vCPU idx's share [*lo, *hi) of `count` items split over n: contiguous, sizes within one. */
static inline void smp_slice(u64 count, unsigned idx, unsigned n, u64 *lo, u64 *hi)
{
	*lo = count * idx / n;
	*hi = count * (idx + 1) / n;
}

#endif
