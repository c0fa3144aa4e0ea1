# scripts/: artifacts downloaded from Debian's registry, shared by several parts.

# Debian 12's arm64 cloud kernel, fetched once: the Linux guest (linux-guest/) and the KVM host
# inside QEMU (kvm/) are the same kernel. Not part of `make`: only the targets that need it.
DEBIAN_KERNEL := $(BUILD)/debian-kernel/Image
$(DEBIAN_KERNEL): scripts/fetch-debian-kernel.sh scripts/fetch-arm64-deb.sh
	$(Q)scripts/fetch-debian-kernel.sh $(@D)
