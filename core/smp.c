/* See smp.h: bring-up of the secondary CPUs, the vCPUs' power states and PSCI answers. */
#include "smp.h"
#include "arch.h"
#include "platform.h"
#include "proto.h"
#include "psci.h"
#include "vm.h"

/* MPIDR affinity fields Aff3..Aff0 (ARM ARM D19.2, MPIDR_EL1). */
#define MPIDR_AFF_MASK 0xff00ffffffULL

struct vm *smp_vm; /* the one VM, for the secondary CPUs' entry (smp_run.c) */
/* Host CPUs 1..cpus_up-1 were started by a run since power-on and wait in their park loop:
 * a later run (configuration over the console) reuses them, as PSCI CPU_ON of a CPU that is
 * on fails (ALREADY_ON). */
static unsigned cpus_up = 1;

/* Plain loads and stores of flags another CPU writes: acquire/release order them against the
 * data they publish (ARM ARM B2.3.7, Load-Acquire and Store-Release). */
static u64 load_acquire(const u64 *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static void store_release(u64 *p, u64 v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

/* Spin with WFE until `*p == want` or a second of counter time has passed: false on timeout. */
static bool wait_until(const u64 *p, u64 want)
{
	u64 t0 = arch_counter(), limit = arch_timer_freq();

	while (load_acquire(p) != want) {
		if (arch_counter() - t0 > limit)
			return false;
		arch_cpu_relax();
	}
	return true;
}

void smp_init(struct vm *vm)
{
	struct smp *s = &vm->smp;

	s->n = MAX(vm->cfg->vcpus, 1ULL);
	for (unsigned i = 0; i < s->n; i++) {
		struct vcpu *v = i ? &s->cpu[i].vcpu : &vm->vcpu;

		v->idx = i;
		v->mpidr = i;
		s->cpu[i].power = i ? VCPU_POWER_OFF : VCPU_POWER_ON;
		/* until the CPU says it is parked; one an earlier run started is parked already */
		s->cpu[i].running = !i || i >= cpus_up;
	}
}

const char *smp_start(struct vm *vm, const struct platform *plat)
{
	struct smp *s = &vm->smp;

	smp_vm = vm;
	if (s->n == 1)
		return NULL;
	if (plat->cpu_count < s->n)
		return "more_vcpus_than_cpus";
	for (unsigned i = cpus_up; i < s->n; i++) {
		if (arch_cpu_start(plat->cpu_mpidr[i], i))
			return "cpu_on_failed";
		if (!wait_until(&s->cpu[i].running, 0))
			return "cpu_did_not_park";
		cpus_up = i + 1;
	}
	return NULL;
}

bool smp_all_parked(const struct vm *vm)
{
	for (unsigned i = 1; i < cpus_up && i < vm->smp.n; i++)
		if (load_acquire(&vm->smp.cpu[i].running))
			return false;
	return true;
}

/* The vCPU of a guest MPIDR, or NULL when no vCPU has it (INVALID_PARAMETERS). */
static struct smp_vcpu *vcpu_of(struct vm *vm, u64 mpidr)
{
	u64 aff = mpidr & MPIDR_AFF_MASK;

	return aff < vm->smp.n ? &vm->smp.cpu[aff] : NULL;
}

u64 smp_cpu_on(struct vm *vm, u64 mpidr, ipa_t entry, u64 context)
{
	struct smp_vcpu *c = vcpu_of(vm, mpidr);

	if (!c)
		return PSCI_INVALID_PARAMETERS;
	if (c->power == VCPU_POWER_ON)
		return PSCI_ALREADY_ON;
	if (c->power == VCPU_POWER_ON_PENDING)
		return PSCI_ON_PENDING;
	if (!vm_ipa_in_ram(vm, entry))
		return PSCI_INVALID_ADDRESS;
	c->entry = entry;
	c->context = context;
	store_release(&c->power, VCPU_POWER_ON_PENDING);
	arch_send_event(); /* wake its CPU from WFE (ARM ARM D1.6.1, SEV) */
	return 0;
}

u64 smp_affinity_info(struct vm *vm, u64 mpidr, u64 level)
{
	struct smp_vcpu *c = vcpu_of(vm, mpidr);

	/* Level 0 only: the affinity of one vCPU, what Linux and the bench guests ask. */
	if (!c || level)
		return PSCI_INVALID_PARAMETERS;
	return c->power;
}

enum boot_exit smp_cpu_off(struct vm *vm, struct vcpu *v)
{
	if (!v->idx)
		return BOOT_OFF;
	store_release(&vm->smp.cpu[v->idx].power, VCPU_POWER_OFF);
	return BOOT_CONTINUE;
}

enum boot_exit smp_system_request(struct vm *vm, struct vcpu *v, enum boot_exit x)
{
	if (!v->idx)
		return x;
	/* vCPU 0 ends the boot at its next exit (smp_run.c); this one parks meanwhile. */
	vm->smp.end = x;
	store_release(&vm->smp.cpu[v->idx].power, VCPU_POWER_OFF);
	return BOOT_CONTINUE;
}

bool smp_stop_all(struct vm *vm)
{
	struct smp *s = &vm->smp;

	arch_spin_lock(&s->lock);
	store_release(&s->stop, 1);
	for (unsigned i = 1; i < s->n; i++)
		if (s->cpu[i].power == VCPU_POWER_ON_PENDING)
			s->cpu[i].power = VCPU_POWER_OFF; /* started by CPU_ON, not running yet */
	arch_spin_unlock(&s->lock);
	arch_send_event(); /* wake the vCPUs waiting at EL2 for their guest's WFI (smp_run.c) */
	for (unsigned i = 1; i < s->n; i++)
		if (!wait_until(&s->cpu[i].running, 0)) {
			struct record r;

			rec_begin(&r, "error");
			rec_str(&r, "code", "vcpu_not_stopping");
			rec_str(&r, "msg", "no_exit_for_a_second_of_counter_time");
			rec_u64(&r, "vcpu", i);
			rec_end(&r);
			return false;
		}
	for (unsigned i = 1; i < s->n; i++)
		s->cpu[i].power = VCPU_POWER_OFF; /* all parked: the next boot starts with vCPU 0 */
	s->stop = 0;
	s->end = 0;
	s->boot = NULL;
	return true;
}
