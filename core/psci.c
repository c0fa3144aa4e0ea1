/* See psci.h. One vCPU, always on: CPU_ON can only find it already on. */
#include "psci.h"

/* MPIDR affinity fields Aff3..Aff0 (ARM ARM D19.2, MPIDR_EL1). */
#define MPIDR_AFF_MASK 0xff00ffffffULL

static bool is_vcpu0(u64 mpidr)
{
	return (mpidr & MPIDR_AFF_MASK) == VCPU0_MPIDR_AFF;
}

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

enum boot_exit psci_handle(struct vcpu *v)
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
		return BOOT_OFF;
	case PSCI_SYSTEM_RESET:
		return BOOT_RESET;
	case PSCI_CPU_OFF:
		return BOOT_OFF; /* the last vCPU going off leaves nothing running: the system is off */
	case PSCI_CPU_ON:
	case PSCI_CPU_ON | PSCI_64BIT:
		ret = is_vcpu0(v->x[1]) ? PSCI_ALREADY_ON : PSCI_INVALID_PARAMETERS;
		break;
	case PSCI_AFFINITY_INFO:
	case PSCI_AFFINITY_INFO | PSCI_64BIT:
		/* Only level 0 is asked by Linux; one vCPU makes every level "on" or absent. */
		ret = is_vcpu0(v->x[1]) ? PSCI_AFFINITY_ON : PSCI_INVALID_PARAMETERS;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = PSCI_TOS_NOT_PRESENT_MP;
		break;
	}
	v->x[0] = ret;
	return BOOT_CONTINUE;
}
