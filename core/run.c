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
	rec_hex(&r, "elr", vm->vcpu.pc);
	rec_end(&r);
}

void boot_mark_ready(struct boot_ctx *b)
{
	if (b->ready_seen)
		return;
	arch_perf_read(&b->ready);
	b->ready_seen = true;
}

enum boot_exit run_boot(struct vm *vm, struct boot_ctx *b)
{
	struct vcpu_exit e;
	enum boot_exit x = BOOT_CONTINUE;

	hypercall_boot_start(vm, b);
	arch_perf_read(&b->entry);
	while (x == BOOT_CONTINUE) {
		arch_vcpu_run(&vm->vcpu, &e);
		switch (e.kind) {
		case EXIT_HYPERCALL:
			x = hypercall_handle(vm, b, &e);
			break;
		case EXIT_S2_ABORT:
			x = fault_handle(vm, b, &e);
			break;
		case EXIT_WFX:
			vm->vcpu.pc += 4; /* no interrupts are delivered: WFI/WFE returns at once */
			break;
		case EXIT_OTHER:
			report_guest_error(vm, "guest_trap", "unexpected_trap_from_guest", &e);
			x = BOOT_ERROR;
			break;
		}
	}
	return x;
}
