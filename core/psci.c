/* See psci.h. The vCPUs' power states live in smp.c. */
#include "psci.h"
#include "smp.h"

static u64 psci_features(u32 fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | PSCI_64BIT:
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | PSCI_64BIT:
		return 0;
	}
	return SMCCC_NOT_SUPPORTED;
}

enum boot_exit psci_handle(struct vm *vm, struct vcpu *v)
{
	u32 fid = (u32)v->x[0];
	u64 ret = SMCCC_NOT_SUPPORTED;

	switch (fid) {
	case PSCI_VERSION:
		ret = PSCI_VERSION_1_0;
		break;
	case PSCI_FEATURES:
		ret = psci_features((u32)v->x[1]);
		break;
	case PSCI_SYSTEM_OFF:
		return smp_system_request(vm, v, BOOT_OFF);
	case PSCI_SYSTEM_RESET:
		return smp_system_request(vm, v, BOOT_RESET);
	case PSCI_CPU_OFF:
		return smp_cpu_off(vm, v);
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | PSCI_64BIT:
		ret = smp_cpu_on(vm, v->x[1], v->x[2], v->x[3]);
		break;
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | PSCI_64BIT:
		ret = smp_affinity_info(vm, v->x[1], v->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = PSCI_TOS_NOT_PRESENT_MP;
		break;
	}
	v->x[0] = ret;
	return BOOT_CONTINUE;
}
