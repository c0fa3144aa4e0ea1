/* The vCPU run loop of one boot (see run.h). */
#include "run.h"
#include "proto.h"

void report_guest_error(const struct vm *vm, const char *code, const char *msg, const struct vcpu_exit *e)
{
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", code);
	rec_str(&r, "msg", msg);
	rec_u64(&r, "boot", vm->boot_idx);
	rec_hex(&r, "esr", e->esr);
	rec_hex(&r, "far", e->far);
	rec_hex(&r, "hpfar", e->hpfar);
	rec_hex(&r, "elr", e->vcpu->pc);
	if (e->vcpu->idx)
		rec_u64(&r, "vcpu", e->vcpu->idx);
	rec_end(&r);
}

void boot_mark_ready(struct boot_ctx *b)
{
	if (b->ready_seen)
		return;
	arch_perf_read(&b->ready);
	b->ready_seen = true;
}

/* One exit of any vCPU: its handler's verdict on the boot. */
static inline enum boot_exit handle_exit(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e)
{
	switch (e->kind) {
	case EXIT_HYPERCALL:
		return hypercall_handle(vm, b, e);
	case EXIT_S2_ABORT:
		return fault_handle(vm, b, e);
	case EXIT_WFX:
		e->vcpu->pc += 4; /* no interrupts are delivered: WFI/WFE returns at once */
		return BOOT_CONTINUE;
	case EXIT_OTHER:
		break;
	}
	report_guest_error(vm, "guest_trap", "unexpected_trap_from_guest", e);
	return BOOT_ERROR;
}

enum boot_exit run_handle_exit(struct vm *vm, struct boot_ctx *b, const struct vcpu_exit *e)
{
	return handle_exit(vm, b, e);
}

enum boot_exit run_boot(struct vm *vm, struct boot_ctx *b)
{
	struct vcpu_exit e;
	enum boot_exit x = BOOT_CONTINUE;

	hypercall_boot_start(vm, b);
	arch_perf_read(&b->entry);
	if (vm->smp.n > 1)
		return smp_run_boot(vm, b);
	while (x == BOOT_CONTINUE) {
		arch_vcpu_run(&vm->vcpu, &e);
		x = handle_exit(vm, b, &e);
	}
	return x;
}
