/*
 * SMP guests (s2b.vcpus=N): one vCPU per physical CPU with identity affinity — vCPU i runs on
 * the host DTB's i-th CPU, and the guest reads MPIDR_EL1 Aff0 = i (VMPIDR_EL2; its DTB lists
 * cpu@i). vCPU 0 boots the guest on the boot CPU; the others wait parked at EL2 until the
 * guest starts them with PSCI CPU_ON (Arm DEN 0022). One lock serialises every exit handler
 * while more than one vCPU exists, so stage-2 updates, the boot's statistics and the console
 * see one vCPU at a time (docs/guests.md "SMP").
 */
#ifndef S2_SMP_H
#define S2_SMP_H

#include "boot_exit.h"
#include "vcpu.h"

#define SMP_MAX_VCPUS 8

/* A vCPU's power state, valued as PSCI AFFINITY_INFO answers it (DEN 0022, 5.1.8). */
enum vcpu_power { VCPU_POWER_ON = 0, VCPU_POWER_OFF = 1, VCPU_POWER_ON_PENDING = 2 };

struct smp_vcpu {
	struct vcpu vcpu;      /* unused for vCPU 0, which is vm->vcpu */
	u64 power;             /* enum vcpu_power; changed under the lock */
	u64 running;           /* 1 while its CPU runs it (not parked); changed under the lock */
	ipa_t entry;           /* CPU_ON's entry point and context id */
	u64 context;
};

struct boot_ctx;
struct smp {
	u64 n;                 /* vCPUs (s2b.vcpus) */
	u32 lock;
	u64 stop;              /* set by vCPU 0 when the boot ends: every other vCPU parks */
	u64 end;               /* a boot_exit other than BOOT_CONTINUE asked by another vCPU */
	struct boot_ctx *boot; /* the boot in progress: its bench-call session and statistics */
	struct smp_vcpu cpu[SMP_MAX_VCPUS];
};

struct vm;
struct platform;

extern struct vm *smp_vm; /* set by smp_start() */

/* One vCPU on (vCPU 0), s2b.vcpus of them in all. */
void smp_init(struct vm *vm);
/* Start the host's CPUs 1..n-1 and wait until each is parked: NULL, or why not (an error
 * word). Called before a run's first boot; CPUs an earlier run started are parked already
 * and are not started again; nothing to do for one vCPU. */
const char *smp_start(struct vm *vm, const struct platform *plat);

/* Every host CPU started so far is back in its park loop, so the VM may be built anew (a run
 * that ended with a vCPU that would not stop leaves one running a guest: false). */
bool smp_all_parked(const struct vm *vm);

/* PSCI for the guest's vCPUs; each returns the PSCI result for x0. */
u64 smp_cpu_on(struct vm *vm, u64 mpidr, ipa_t entry, u64 context);
u64 smp_affinity_info(struct vm *vm, u64 mpidr, u64 level);
/* CPU_OFF of vCPU v: a secondary parks (BOOT_CONTINUE, its loop sees it off); vCPU 0 ends
 * the run (BOOT_OFF) — the guest has then nothing on which it could start anything again. */
enum boot_exit smp_cpu_off(struct vm *vm, struct vcpu *v);
/* SYSTEM_RESET or SYSTEM_OFF asked by vCPU v: its result for the exit handler. */
enum boot_exit smp_system_request(struct vm *vm, struct vcpu *v, enum boot_exit x);

/* Boot CPU, at the end of a boot: stop every other vCPU and wait until all are parked.
 * False (after an `error` record) if one does not stop within a second of counter time. */
bool smp_stop_all(struct vm *vm);

/* A secondary CPU's life after its EL2 set-up (arch): park, run its vCPU when started. */
void smp_secondary_main(unsigned idx) __attribute__((noreturn));

/* From the arch back-end (core/arch/aarch64/smp.c; the simulator has one CPU). */
void arch_spin_lock(u32 *lock);
void arch_spin_unlock(u32 *lock);
void arch_wait_event(void);
void arch_send_event(void);
/* In a polling loop: YIELD, which lets QEMU's single-threaded TCG run the CPU polled for. */
void arch_cpu_relax(void);
/* PSCI CPU_ON of the host CPU `mpidr` to the secondary entry with context `idx`: its result. */
u64 arch_cpu_start(u64 mpidr, unsigned idx);
/* This CPU's stage-2 registers as arch_s2_enable() set them on the boot CPU. */
void arch_s2_load(void);
u64 arch_counter(void); /* the generic timer's count (CNTPCT_EL0) */

#endif
