/*
 * The run loops of an SMP guest (smp.h): vCPU 0's on the boot CPU, and each secondary CPU's
 * park-run cycle. Every exit is handled under the one lock, so handlers written for one vCPU
 * (stage-2 maps with break-before-make, per-boot statistics, the console line) stay correct.
 */
#include "smp.h"
#include "arch.h"
#include "run.h"

static u64 load_acquire(const u64 *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static void store_release(u64 *p, u64 v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }

enum boot_exit smp_run_boot(struct vm *vm, struct boot_ctx *b)
{
	struct smp *s = &vm->smp;
	struct vcpu_exit e;
	enum boot_exit x = BOOT_CONTINUE;

	arch_spin_lock(&s->lock);
	s->boot = b;
	arch_spin_unlock(&s->lock);
	while (x == BOOT_CONTINUE) {
		arch_vcpu_run(&vm->vcpu, &e);
		arch_spin_lock(&s->lock);
		x = run_handle_exit(vm, b, &e);
		if (x == BOOT_CONTINUE && s->end)
			x = s->end; /* another vCPU asked for reset or off, or failed */
		arch_spin_unlock(&s->lock);
	}
	return smp_stop_all(vm) ? x : BOOT_ERROR;
}

/* Run secondary vCPU c until it is off or the boot ends; called and returns with the lock. */
static void run_secondary(struct vm *vm, struct smp_vcpu *c)
{
	struct smp *s = &vm->smp;
	struct vcpu_exit e;

	while (c->power == VCPU_POWER_ON && !s->stop) {
		arch_spin_unlock(&s->lock);
		arch_vcpu_run(&c->vcpu, &e);
		arch_spin_lock(&s->lock);
		if (s->stop)
			break; /* the boot is over: this exit belongs to no boot */
		if (e.kind == EXIT_WFX && c->vcpu.passthrough) {
			/* A guest that owns the GIC idles in WFI, trapped on secondaries (vcpu.c): wait
			 * here for an event instead — an interrupt for it, or smp_stop_all's SEV (ARM ARM
			 * D1.6.1, WFE wake-up events) — outside the lock. */
			arch_spin_unlock(&s->lock);
			arch_wait_event();
			arch_spin_lock(&s->lock);
		}
		enum boot_exit x = run_handle_exit(vm, s->boot, &e);

		if (x != BOOT_CONTINUE) { /* an error: the record is out, vCPU 0 ends the boot */
			s->end = x;
			break;
		}
	}
	c->power = VCPU_POWER_OFF;
}

void smp_secondary_main(unsigned idx)
{
	struct vm *vm = smp_vm;
	struct smp *s = &vm->smp;
	struct smp_vcpu *c = &s->cpu[idx];

	for (;;) {
		store_release(&c->running, 0);
		while (load_acquire(&c->power) != VCPU_POWER_ON_PENDING || load_acquire(&s->stop))
			arch_wait_event();
		arch_spin_lock(&s->lock);
		if (c->power != VCPU_POWER_ON_PENDING || s->stop) {
			arch_spin_unlock(&s->lock);
			continue;
		}
		c->running = 1;
		c->power = VCPU_POWER_ON;
		c->vcpu.passthrough = vm->vcpu.passthrough; /* the guest owns the GIC, or not */
		arch_s2_load();
		/* As PSCI CPU_ON says: at the entry point, EL1 with the MMU off, x0 = context id. */
		arch_vcpu_reset(&c->vcpu, c->entry, c->context, 0);
		run_secondary(vm, c);
		arch_spin_unlock(&s->lock);
	}
}
