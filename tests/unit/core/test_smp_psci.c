/*
 * PSCI for N vCPUs (core/psci.c over core/smp.c), as the guest's calls reach it: the answers
 * Arm DEN 0022 gives for CPU_ON, AFFINITY_INFO and CPU_OFF in each power state, which vCPU's
 * SYSTEM_RESET ends the boot at once and which at vCPU 0's next exit, and the end of a boot
 * stopping every vCPU — or saying which one did not stop.
 */
#include <criterion/criterion.h>
#include <string.h>
#include "../../../strategies/strategy.h"
#include "console_capture.h"
#include "fixture.h"
#include "psci.h"
#include "smp.h"
#include "vm.h"

#define RAM_PA (16ULL << 20)
#define RAM_SIZE (4ULL << 20)

static struct config cfg;
static struct cpu_features cpu;
static struct vm vm;

static void world(unsigned vcpus)
{
	fixture_mem();
	capture_console();
	config_defaults(&cfg);
	cfg.mem = RAM_SIZE;
	cfg.vcpus = vcpus;
	cpu_features_read(&cpu);
	cr_assert_eq(vm_init(&vm, &cfg, &cpu, RAM_PA), 0);
}

static struct vcpu *vcpu(unsigned i)
{
	return i ? &vm.smp.cpu[i].vcpu : &vm.vcpu;
}

/* vCPU `from` calls `fn` with x1..x3: the boot exit, and the PSCI result in *ret. */
static enum boot_exit call(unsigned from, u32 fn, u64 a1, u64 a2, u64 a3, u64 *ret)
{
	struct vcpu *v = vcpu(from);
	enum boot_exit x;

	v->x[0] = fn;
	v->x[1] = a1;
	v->x[2] = a2;
	v->x[3] = a3;
	x = psci_handle(&vm, v);
	*ret = v->x[0];
	return x;
}

static u64 psci(unsigned from, u32 fn, u64 a1, u64 a2, u64 a3)
{
	u64 ret;

	cr_assert_eq(call(from, fn, a1, a2, a3, &ret), BOOT_CONTINUE);
	return ret;
}

static u64 affinity(u64 mpidr)
{
	return psci(0, PSCI_AFFINITY_INFO | PSCI_64BIT, mpidr, 0, 0);
}

static u64 cpu_on(u64 mpidr, ipa_t entry)
{
	return psci(0, PSCI_CPU_ON | PSCI_64BIT, mpidr, entry, 0x77);
}

Test(smp_psci, vcpu_ids_and_initial_power)
{
	world(4);
	for (unsigned i = 0; i < 4; i++) {
		cr_assert_eq(vcpu(i)->idx, i);
		cr_assert_eq(vcpu(i)->mpidr, i, "vCPU %u's MPIDR is its index (identity affinity)", i);
	}
	cr_assert_eq(affinity(0), 0, "vCPU 0 is ON");
	for (unsigned i = 1; i < 4; i++)
		cr_assert_eq(affinity(i), 1, "vCPU %u is OFF until started", i);
}

Test(smp_psci, unknown_mpidr_is_invalid_parameters)
{
	world(4);
	cr_assert_eq(affinity(4), PSCI_INVALID_PARAMETERS);
	cr_assert_eq(affinity(0x100), PSCI_INVALID_PARAMETERS, "Aff1 = 1: no such vCPU");
	cr_assert_eq(cpu_on(4, GUEST_RAM_IPA), PSCI_INVALID_PARAMETERS);
	cr_assert_eq(psci(0, PSCI_AFFINITY_INFO, 1, 1, 0), PSCI_INVALID_PARAMETERS, "level 1 is not answered");
}

Test(smp_psci, cpu_on_states)
{
	world(4);
	cr_assert_eq(cpu_on(0, GUEST_RAM_IPA), PSCI_ALREADY_ON);
	cr_assert_eq(cpu_on(2, GUEST_RAM_IPA - PAGE_SIZE), PSCI_INVALID_ADDRESS, "entry outside RAM");
	cr_assert_eq(affinity(2), 1, "a refused CPU_ON leaves it off");
	cr_assert_eq(cpu_on(2, GUEST_RAM_IPA + 0x100), 0);
	cr_assert_eq(vm.smp.cpu[2].entry, GUEST_RAM_IPA + 0x100);
	cr_assert_eq(vm.smp.cpu[2].context, 0x77, "the context id reaches the vCPU's x0");
	cr_assert_eq(affinity(2), 2, "ON_PENDING until its CPU runs it");
	cr_assert_eq(cpu_on(2, GUEST_RAM_IPA), PSCI_ON_PENDING);
	vm.smp.cpu[2].power = VCPU_POWER_ON; /* what its CPU does when it takes it (smp_run.c) */
	cr_assert_eq(cpu_on(2, GUEST_RAM_IPA), PSCI_ALREADY_ON);
}

Test(smp_psci, cpu_off)
{
	u64 ret;

	world(2);
	cr_assert_eq(cpu_on(1, GUEST_RAM_IPA), 0);
	vm.smp.cpu[1].power = VCPU_POWER_ON;
	cr_assert_eq(call(1, PSCI_CPU_OFF, 0, 0, 0, &ret), BOOT_CONTINUE, "a secondary parks");
	cr_assert_eq(affinity(1), 1);
	cr_assert_eq(cpu_on(1, GUEST_RAM_IPA), 0, "and can be started again");
	cr_assert_eq(call(0, PSCI_CPU_OFF, 0, 0, 0, &ret), BOOT_OFF, "vCPU 0 off ends the run");
}

Test(smp_psci, system_reset_from_a_secondary_waits_for_vcpu0)
{
	u64 ret;

	world(3);
	vm.smp.cpu[2].power = VCPU_POWER_ON;
	cr_assert_eq(call(2, PSCI_SYSTEM_RESET, 0, 0, 0, &ret), BOOT_CONTINUE);
	cr_assert_eq(vm.smp.end, BOOT_RESET, "vCPU 0 ends the boot at its next exit");
	cr_assert_eq(affinity(2), 1, "the caller parks meanwhile");
	cr_assert_eq(call(0, PSCI_SYSTEM_OFF, 0, 0, 0, &ret), BOOT_OFF, "vCPU 0's own ends it now");
}

Test(smp_psci, one_vcpu_answers_as_before)
{
	world(1);
	cr_assert_eq(cpu_on(0, GUEST_RAM_IPA), PSCI_ALREADY_ON);
	cr_assert_eq(cpu_on(1, GUEST_RAM_IPA), PSCI_INVALID_PARAMETERS);
	cr_assert_eq(affinity(0), 0);
}

Test(smp_psci, stop_all_parks_every_vcpu)
{
	world(4);
	cr_assert_eq(cpu_on(3, GUEST_RAM_IPA), 0);
	for (unsigned i = 1; i < 4; i++)
		vm.smp.cpu[i].running = 0; /* parked, as their CPUs say in smp_run.c */
	cr_assert(smp_stop_all(&vm));
	for (unsigned i = 1; i < 4; i++)
		cr_assert_eq(affinity(i), 1, "vCPU %u off for the next boot", i);
	cr_assert_eq(vm.smp.stop, 0);
	cr_assert_eq(vm.smp.end, 0);
}

Test(smp_psci, stop_all_names_a_vcpu_that_does_not_stop)
{
	world(3);
	vm.smp.cpu[1].running = 0;
	vm.smp.cpu[2].running = 1; /* running guest code that never exits */
	cr_assert_not(smp_stop_all(&vm));
	cr_assert_not_null(strstr(console_out, "@s2b error code=vcpu_not_stopping "), "%s", console_out);
	cr_assert_not_null(strstr(console_out, " vcpu=2 "), "%s", console_out);
}
