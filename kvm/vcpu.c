/* See vcpu.h. */
#include <errno.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "errors.h"
#include "vcpu.h"
#include "vm.h"

int vcpu_create(struct vcpu *v, struct vm *vm, unsigned id)
{
	int size;

	v->id = id;
	v->fd = -1;
	v->run = MAP_FAILED;
	if (ioctl(vm->vm_fd, KVM_ARM_PREFERRED_TARGET, &v->init))
		return error_errno("no_kvm", "KVM_ARM_PREFERRED_TARGET", errno);
	/* PSCI 0.2+: SYSTEM_RESET/OFF reach us as KVM_EXIT_SYSTEM_EVENT. */
	v->init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	v->fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, (unsigned long)id);
	if (v->fd < 0)
		return error_errno("no_kvm", "KVM_CREATE_VCPU", errno);
	size = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size <= 0)
		return error_errno("no_kvm", "KVM_GET_VCPU_MMAP_SIZE", errno);
	v->run_size = (size_t)size;
	v->run = mmap(NULL, v->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, v->fd, 0);
	if (v->run == MAP_FAILED)
		return error_errno("no_kvm", "mmap_kvm_run", errno);
	return 0;
}

int vcpu_init(struct vcpu *v, bool powered_off)
{
	if (powered_off)
		v->init.features[0] |= 1u << KVM_ARM_VCPU_POWER_OFF;
	else
		v->init.features[0] &= ~(1u << KVM_ARM_VCPU_POWER_OFF);
	return ioctl(v->fd, KVM_ARM_VCPU_INIT, &v->init) ? error_errno("no_kvm", "KVM_ARM_VCPU_INIT", errno) : 0;
}

static int set_reg(struct vcpu *v, u64 id, u64 value)
{
	struct kvm_one_reg reg = {.id = id, .addr = (uintptr_t)&value};

	return ioctl(v->fd, KVM_SET_ONE_REG, &reg) ? error_errno("no_kvm", "KVM_SET_ONE_REG", errno) : 0;
}

int vcpu_set_entry(struct vcpu *v, u64 pc, u64 x0, u64 x1)
{
	if (set_reg(v, CORE_REG(regs.pc), pc) || set_reg(v, CORE_REG(regs.regs[0]), x0) ||
	    set_reg(v, CORE_REG(regs.regs[1]), x1))
		return -1;
	return 0;
}

int vcpu_run(struct vcpu *v)
{
	for (;;) {
		if (ioctl(v->fd, KVM_RUN, 0) == 0)
			return 0;
		if (errno == EINTR) {
			/* Cleared before the caller looks: a tick from now on kicks the next run. */
			v->run->immediate_exit = 0;
			return 1;
		}
		if (errno != EAGAIN)
			return -1;
	}
}

int vcpu_get_reg(struct vcpu *v, u64 id, u64 *value)
{
	struct kvm_one_reg reg = {.id = id, .addr = (uintptr_t)value};

	return ioctl(v->fd, KVM_GET_ONE_REG, &reg);
}

int vcpu_mpidr(struct vcpu *v, u64 *mpidr)
{
	/* MPIDR_EL1: op0 3, op1 0, CRn 0, CRm 0, op2 5 (ARM ARM D23.2) */
	return vcpu_get_reg(v, ARM64_SYS_REG(3, 0, 0, 0, 5), mpidr)
		       ? error_errno("no_kvm", "KVM_GET_ONE_REG_MPIDR_EL1", errno)
		       : 0;
}

bool vcpu_stopped(struct vcpu *v)
{
	struct kvm_mp_state mp;

	return ioctl(v->fd, KVM_GET_MP_STATE, &mp) == 0 && mp.mp_state == KVM_MP_STATE_STOPPED;
}

void vcpu_destroy(struct vcpu *v)
{
	if (v->run != MAP_FAILED)
		munmap(v->run, v->run_size);
	if (v->fd >= 0)
		close(v->fd);
}
