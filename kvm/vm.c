/* See vm.h. Guest RAM placement decides KVM's stage-2 leaf size: KVM maps a 2 MiB block only
 * when the host VA and the IPA agree modulo 2 MiB and the host page is a transparent huge page
 * (user_mem_abort → transparent_hugepage_adjust). For 2 MiB backing the RAM is also pre-faulted
 * from here, one write per 2 MiB: left to the guest, a read before the first write maps the
 * shared zero page and the later write gets a 4K page, so KVM would map 4K after all (measured:
 * the touch guest with write=50 took ~2600 faults per boot instead of ~16). */
#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "errors.h"
#include "vm.h"

static u8 *map_ram(struct vm *vm)
{
	/* 2 MiB of slack to align, plus 4K to misalign on purpose for 4K backing. */
	vm->map_len = vm->ram_size + SZ_2M + SZ_4K;
	vm->map_base = mmap(NULL, vm->map_len, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->map_base == MAP_FAILED)
		return NULL;
	u8 *ram = (u8 *)ALIGN_UP((uintptr_t)vm->map_base, SZ_2M);

	if (vm->backing == SZ_4K) {
		/* Off the 2 MiB grid: no THP, and KVM can only use page mappings. */
		ram += SZ_4K;
		madvise(ram, vm->ram_size, MADV_NOHUGEPAGE);
	} else {
		madvise(ram, vm->ram_size, MADV_HUGEPAGE);
		for (u64 off = 0; off < vm->ram_size; off += SZ_2M)
			((volatile u8 *)ram)[off] = 0;
	}
	return ram;
}

u64 vm_huge_bytes(void)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "re");
	char line[128];
	unsigned long long kb = 0;
	bool found = false;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %llu kB", &kb) == 1) {
			found = true;
			break;
		}
	if (f)
		fclose(f);
	return found ? kb << 10 : ~0ULL;
}

int vm_create(struct vm *vm, u64 ram_size, u64 backing)
{
	struct kvm_userspace_memory_region slot;
	int api;

	memset(vm, 0, sizeof(*vm));
	vm->vm_fd = -1;
	vm->ram_ipa = GUEST_RAM_IPA;
	vm->ram_size = ram_size;
	vm->backing = backing;
	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0)
		return error_errno("no_kvm", "open_dev_kvm", errno);
	api = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (api != KVM_API_VERSION)
		return error_errno("no_kvm", "unexpected_kvm_api_version", EINVAL);
	api = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_VM_IPA_SIZE);
	vm->ipa_bits = api > 0 ? api : 0;
	/* Type 0: the default 40-bit IPA space, plenty for RAM at 1 GiB. */
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0)
		return error_errno("no_kvm", "KVM_CREATE_VM", errno);
	vm->ram = map_ram(vm);
	if (!vm->ram)
		return error_no_memory("mmap_guest_ram", errno);
	slot = (struct kvm_userspace_memory_region){
		.slot = 0,
		.guest_phys_addr = vm->ram_ipa,
		.memory_size = vm->ram_size,
		.userspace_addr = (uintptr_t)vm->ram,
	};
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &slot))
		return error_no_memory("KVM_SET_USER_MEMORY_REGION", errno);
	return 0;
}

void vm_destroy(struct vm *vm)
{
	if (vm->map_base && vm->map_base != MAP_FAILED)
		munmap(vm->map_base, vm->map_len);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
}
