/* See hang.h. After a WFI trap KVM has already stepped the PC past it, so the WFI is the word
 * before the PC (the guest's loop branches back to it). The image's words are read through
 * s2vmm's own mapping: only for this diagnosis, never for a measured value. */
#include <string.h>
#include "../core/proto.h"
#include "hang.h"
#include "vcpu.h"
#include "vm.h"

#define INSN_WFI 0xd503207fu
#define PSTATE_I (1u << 7) /* IRQs masked */

/* The ESR_EL1 and FAR_EL1 ids for KVM_GET_ONE_REG (op0, op1, CRn, CRm, op2). */
#define REG_ESR_EL1 ARM64_SYS_REG(3, 0, 5, 2, 0)
#define REG_FAR_EL1 ARM64_SYS_REG(3, 0, 6, 0, 0)

static bool insn_at(const struct vm *vm, u64 ipa, u32 *insn)
{
	if (ipa < vm->ram_ipa || ipa + 4 > vm->ram_ipa + vm->ram_size || (ipa & 3))
		return false;
	memcpy(insn, vm->ram + (ipa - vm->ram_ipa), 4);
	return true;
}

static const char *what(const struct vm *vm, u64 pc, u64 pstate)
{
	u32 prev, here;

	if (pc < vm->ram_ipa || pc >= vm->ram_ipa + vm->ram_size)
		return "executing_outside_ram";
	if ((insn_at(vm, pc - 4, &prev) && prev == INSN_WFI) ||
	    (insn_at(vm, pc, &here) && here == INSN_WFI))
		return pstate & PSTATE_I ? "wfi_with_interrupts_masked" : "wfi";
	return "running_without_exit";
}

void hang_report(struct vcpu *v, const struct vm *vm, u64 boot, u64 timeout_s)
{
	u64 pc = 0, pstate = 0, esr = 0, far = 0;
	bool regs = !vcpu_get_reg(v, CORE_REG(regs.pc), &pc) &&
		    !vcpu_get_reg(v, CORE_REG(regs.pstate), &pstate);
	struct record r;

	rec_begin(&r, "error");
	rec_str(&r, "code", "guest_hang");
	rec_str(&r, "msg", regs ? what(vm, pc, pstate) : "registers_unreadable");
	rec_u64(&r, "boot", boot);
	if (regs) {
		rec_hex(&r, "pc", pc);
		rec_hex(&r, "pstate", pstate);
	}
	if (!vcpu_get_reg(v, REG_ESR_EL1, &esr))
		rec_hex(&r, "esr_el1", esr);
	if (!vcpu_get_reg(v, REG_FAR_EL1, &far))
		rec_hex(&r, "far_el1", far);
	rec_u64(&r, "timeout_s", timeout_s);
	rec_end(&r);
}
