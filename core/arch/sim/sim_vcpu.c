/*
 * The simulated vCPU: the guest is a C function ("guest program") run as a coroutine on its own
 * stack. arch_vcpu_run() switches to it until it traps (sim_vcpu_trap), as ERET ... exception
 * does on hardware, so the real run loop, fault handler and reboot loop drive it unchanged.
 */
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include "../../arch.h"
#include "../../vcpu.h"
#include "sim.h"

#define GUEST_STACK (256u << 10)

static sim_guest_fn guest_fn;
static void *guest_arg;
static ucontext_t host_ctx, guest_ctx;
static u8 *guest_stack;
static bool guest_live;           /* reset since the program was set: there is something to run */
static struct vcpu *running;      /* the vCPU the program runs on, while in arch_vcpu_run */
static struct vcpu_exit pending;  /* the exit the program trapped with */

struct sim_vcpu_stats sim_vcpu_stats;

void sim_vcpu_program(sim_guest_fn fn, void *arg)
{
	guest_fn = fn;
	guest_arg = arg;
	guest_live = false;
	memset(&sim_vcpu_stats, 0, sizeof(sim_vcpu_stats));
}

/* A program that returns has run off its end: trap as an unknown exception, forever. */
static void guest_main(void)
{
	const struct vcpu_exit off_the_end = {.kind = EXIT_OTHER};

	guest_fn(running, guest_arg);
	for (;;)
		sim_vcpu_trap(&off_the_end);
}

void arch_vcpu_reset(struct vcpu *v, ipa_t entry, u64 x0, u64 x1)
{
	bool passthrough = v->passthrough;

	memset(v, 0, sizeof(*v));
	v->passthrough = passthrough;
	v->pc = entry;
	v->x[0] = x0;
	v->x[1] = x1;
	v->pstate = 0x3c5; /* EL1h, DAIF masked: the reset state Linux booting.rst asks for */
	if (!guest_stack && !(guest_stack = malloc(GUEST_STACK)))
		abort();
	/* A fresh context each reset: the program starts again from its first line. */
	getcontext(&guest_ctx);
	guest_ctx.uc_stack.ss_sp = guest_stack;
	guest_ctx.uc_stack.ss_size = GUEST_STACK;
	guest_ctx.uc_link = NULL;
	makecontext(&guest_ctx, guest_main, 0);
	guest_live = guest_fn != NULL;
	sim_vcpu_stats.resets++;
}

void arch_vcpu_run(struct vcpu *v, struct vcpu_exit *e)
{
	if (!guest_live) {
		*e = (struct vcpu_exit){.kind = EXIT_OTHER, .vcpu = v}; /* no program, or never reset */
		return;
	}
	running = v;
	sim_vcpu_stats.entries++;
	swapcontext(&host_ctx, &guest_ctx);
	running = NULL;
	*e = pending;
	e->vcpu = v;
}

void sim_vcpu_trap(const struct vcpu_exit *e)
{
	pending = *e;
	swapcontext(&guest_ctx, &host_ctx);
}

u64 sim_vcpu_hvc(struct vcpu *v, u64 x0, u64 x1, u64 x2, u64 x3)
{
	const struct vcpu_exit e = {.kind = EXIT_HYPERCALL};

	v->x[0] = x0, v->x[1] = x1, v->x[2] = x2, v->x[3] = x3;
	v->pc += 4; /* HVC: the preferred return address is the next instruction */
	sim_vcpu_trap(&e);
	return v->x[0];
}

void sim_vcpu_abort(const struct sim_fault *f)
{
	const struct vcpu_exit e = {.kind = EXIT_S2_ABORT, .ipa = f->ipa, .write = f->write,
				    .exec = f->exec, .perm = f->perm};

	sim_vcpu_trap(&e); /* the faulting instruction is retried: PC unchanged */
}

/* The simulated guest has no EL1 exception model: it sees the count and the address, and its
 * retried access is its "handler" (a program that does not look retries into the fault loop). */
bool arch_vcpu_inject_abort(struct vcpu *v, const struct vcpu_exit *e)
{
	(void)v;
	sim_vcpu_stats.aborts_injected++;
	sim_vcpu_stats.last_injected_far = e->ipa;
	return true;
}

void arch_s2_enable(const struct s2pt *pt, bool fwb)
{
	(void)fwb; /* the memory-type model reads pt->fwb, which is what the core passes here */
	sim_guest_stage2(pt);
	sim_vcpu_stats.s2_enables++;
}

/* Nothing to power off on the host: reaching this in a test is a bug in the test. */
void arch_system_off(void)
{
	abort();
}
