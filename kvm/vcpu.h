/* One vCPU: KVM_CREATE_VCPU, KVM_ARM_VCPU_INIT (the ioctl s2bench measures), entry state, MPIDR. */
#ifndef S2VMM_VCPU_H
#define S2VMM_VCPU_H

#include <linux/kvm.h>
#include <stddef.h>
#include "../core/types.h"

struct vm;

struct vcpu {
	int fd;
	struct kvm_run *run; /* shared with KVM: exit reason and MMIO data */
	size_t run_size;
	struct kvm_vcpu_init init; /* preferred target + PSCI 0.2, reused for every re-init */
	unsigned id;               /* KVM_CREATE_VCPU's id: 0 is the boot vCPU */
};

/* vCPU `id` (0..7) of vm. 0, or -1 after an error record. */
int vcpu_create(struct vcpu *v, struct vm *vm, unsigned id);
/* KVM_ARM_VCPU_INIT: resets the vCPU to EL1h, MMU off, PC 0; powered_off (a secondary) keeps
 * it asleep in KVM_RUN until the guest's PSCI CPU_ON. On a vCPU that has entered KVM_RUN, this
 * is where KVM calls stage2_unmap_vm() (no FEAT_S2FWB) or only invalidates the I-cache (FWB). */
int vcpu_init(struct vcpu *v, bool powered_off);
/* MPIDR_EL1 as KVM set it at the last init (what a DTB's cpu node `reg` must hold). 0, or -1
 * after an error record. */
int vcpu_mpidr(struct vcpu *v, u64 *mpidr);
/* PC and x0/x1 for entry (PSTATE stays as KVM_ARM_VCPU_INIT left it: EL1h, DAIF masked). */
int vcpu_set_entry(struct vcpu *v, u64 pc, u64 x0, u64 x1);
/* A core register's KVM_{GET,SET}_ONE_REG id: its offset in struct kvm_regs, in 32-bit units. */
#define CORE_REG(field) \
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
	 (offsetof(struct kvm_regs, field) / sizeof(__u32)))

/* KVM_RUN once: 0 with v->run->exit_reason set; 1 when a signal (the watchdog's tick) kicked
 * it out first; -1 with errno. */
int vcpu_run(struct vcpu *v);
/* KVM_GET_ONE_REG: 0, or -1 with errno. */
int vcpu_get_reg(struct vcpu *v, u64 id, u64 *value);
/* Powered off (PSCI CPU_OFF): KVM keeps such a vCPU asleep inside KVM_RUN and never exits. */
bool vcpu_stopped(struct vcpu *v);
void vcpu_destroy(struct vcpu *v);

#endif
