/*
 * A guest access with nothing behind it: outside guest RAM and claimed by no emulated device.
 * As under KVM (kvm_inject_dabt/pabt), the guest takes a synchronous external abort at its own
 * EL1 and the boot goes on; the boot record counts it (`aborts_injected`). Only a guest state
 * that cannot take it (AArch32) ends the run with guest_abort. A guest whose handler aborts
 * again at the same IPA is stopped by fault.c's fault-loop limit.
 */
#include "run.h"
#include "vcpu.h"

enum boot_exit guest_abort_deliver(struct vm *vm, const struct vcpu_exit *e)
{
	if (!arch_vcpu_inject_abort(e->vcpu, e)) {
		report_guest_error(vm, "guest_abort", "abort_from_aarch32_not_delivered", e);
		return BOOT_ERROR;
	}
	vm->stats.aborts_injected++;
	return BOOT_CONTINUE;
}
