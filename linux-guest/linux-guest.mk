# linux-guest/: the Linux guest of s2hv (`s2b.guest=linux`, docs/guests.md): Debian's arm64 cloud
# kernel, an initramfs holding only linux-guest/init.c, packed into the bundle s2hv reads from
# its initrd (core/bundle.h). `make linux-guest` downloads the kernel once (private apt state
# under $(BUILD)/debian-kernel/, see scripts/scripts.mk); not part of `make`, so an
# offline build still works. tests/integration/linux-qemu.sh builds it and skips when offline.

LINUX_GUEST := $(BUILD)/linux-guest
LINUX_GUEST_BOOTARGS ?= console=ttyAMA0 printk.time=0 panic=-1

.PHONY: linux-guest
linux-guest: $(LINUX_GUEST)/bundle.img

# Static, no libc, not position independent: the whole of the guest's userspace.
$(LINUX_GUEST)/init: linux-guest/init.c
	@mkdir -p $(dir $@)
	$(Q)$(TCC) -std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdlib -static -fno-pie -no-pie \
		-fno-stack-protector -mgeneral-regs-only -o $@ $<

$(LINUX_GUEST)/initramfs.cpio.gz: $(LINUX_GUEST)/init scripts/linux-guest-initramfs.sh
	$(Q)scripts/linux-guest-initramfs.sh $< $@

$(LINUX_GUEST)/Image: $(DEBIAN_KERNEL)
	@mkdir -p $(@D)
	$(Q)ln -f $< $@

$(LINUX_GUEST)/bundle.img: $(LINUX_GUEST)/Image $(LINUX_GUEST)/initramfs.cpio.gz \
		scripts/linux-guest-bundle.sh linux-guest/linux-guest.mk
	$(Q)scripts/linux-guest-bundle.sh -k $(LINUX_GUEST)/Image -i $(LINUX_GUEST)/initramfs.cpio.gz \
		-a "$(LINUX_GUEST_BOOTARGS)" -o $@

# A raw-binary guest checking the PSCI/SMCCC answers (s2b.guest=image); needs no download.
$(LINUX_GUEST)/psci-probe.bin: linux-guest/psci-probe.S scripts/linux-guest-bundle.sh
	@mkdir -p $(dir $@)
	$(Q)$(TCC) -nostdlib -static -no-pie -Wl,--build-id=none -o $(@:.bin=.elf) $<
	$(Q)$(TOBJCOPY) -O binary $(@:.bin=.elf) $@
$(LINUX_GUEST)/psci-probe-bundle.img: $(LINUX_GUEST)/psci-probe.bin
	$(Q)scripts/linux-guest-bundle.sh -k $< -o $@ >/dev/null

# A raw image checking what an EL1 program sees under s2hv against KVM (aborts delivered, PMU
# and MTE hidden, exact bootargs; tests/integration/fidelity-qemu.sh), on the bench guests' lib.
FIDELITY_PROBE_OBJS := $(patsubst %,$(BUILD)/target/%.o,linux-guest/fidelity-probe.c \
	linux-guest/fidelity-vectors.S $(GUEST_LIB_SRCS))
$(BUILD)/target/linux-guest/%.o: linux-guest/%
	@mkdir -p $(dir $@)
	$(Q)$(TCC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@
$(LINUX_GUEST)/fidelity-probe.elf: $(FIDELITY_PROBE_OBJS) $(GUEST_LD)
	@mkdir -p $(dir $@)
	$(Q)$(TLD) $(GUEST_LDFLAGS) -o $@ $(FIDELITY_PROBE_OBJS) $(shell $(TCC) -print-libgcc-file-name)
$(LINUX_GUEST)/fidelity-probe.bin: $(LINUX_GUEST)/fidelity-probe.elf
	$(Q)$(TOBJCOPY) -O binary $< $@
-include $(FIDELITY_PROBE_OBJS:.o=.d)

INTEG_TESTS += tests/integration/linux-qemu.sh tests/integration/fidelity-qemu.sh
