/* The KVM virtual machine: /dev/kvm, KVM_CREATE_VM, guest RAM and its memory slot. */
#ifndef S2VMM_VM_H
#define S2VMM_VM_H

#include "../core/types.h"

#define GUEST_RAM_IPA 0x40000000ULL /* docs/protocol.md: guest RAM base */

struct vm {
	int kvm_fd, vm_fd;
	u8 *ram;          /* host mapping of guest RAM (cacheable: the host's writes are the problem) */
	ipa_t ram_ipa;
	u64 ram_size;
	u64 backing;      /* SZ_4K or SZ_2M: how the host backs RAM, which caps KVM's stage-2 leaves */
	void *map_base;   /* the whole mmap, alignment slack included */
	size_t map_len;
	int ipa_bits;     /* KVM_CAP_ARM_VM_IPA_SIZE, 0 if the kernel does not say */
};

/* 0, or -1 after emitting an error record. backing = SZ_4K or SZ_2M. */
int vm_create(struct vm *vm, u64 ram_size, u64 backing);
void vm_destroy(struct vm *vm);
/* Bytes of this process backed by transparent huge pages (AnonHugePages), ~0 if unknown: shows
 * whether 2 MiB backing really got huge pages. */
u64 vm_huge_bytes(void);

#endif
