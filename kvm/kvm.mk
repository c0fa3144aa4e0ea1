# kvm/: s2vmm, a minimal VMM over KVM arm64 (docs/kvm.md), and the KVM host image for QEMU.
#   $(BUILD)/s2vmm              static aarch64 Linux binary (in ALL: needs no network beyond
#                               the libfdt .deb the core already needs)
#   $(BUILD)/kvm/guests/*.bin   kvm/testguest: a doorbell-only bring-up guest
#   $(BUILD)/tests/unit-kvm     Criterion tests of s2vmm's host-testable parts, in tests/unit/kvm
#   make kvm-image              $(BUILD)/kvm/Image (Debian cloud-arm64 kernel, downloaded once)
#                               + $(BUILD)/kvm/initrd.gz (s2vmm as /init + every guest image, and
#                               the raw images of image-guests/ with their command lines)

KVM_OBJ := $(BUILD)/kvm/obj
# Portable core files reused as they are: the record emitters (proto.c, records.c), the CRC, the console, fmt, parse,
# the device-tree nodes both hosts give their guests (dt_nodes.c),
# and the bench-call dispatcher (s2vmm's back-end is kvm/guest_calls.c) with the console relay.
S2VMM_CORE_SRCS := core/proto.c core/records.c core/crc32.c core/console.c core/lib/fmt.c \
	core/lib/parse.c core/bench_calls.c core/guest_console.c core/bootargs.c core/dt_nodes.c
S2VMM_SRCS := $(wildcard kvm/*.c) $(S2VMM_CORE_SRCS)
S2VMM_OBJS := $(patsubst %.c,$(KVM_OBJ)/%.o,$(S2VMM_SRCS))
S2VMM_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE -pthread \
	-I$(LIBFDT_ARM64)/include -DS2VMM_VERSION_STR=\"$(S2_VERSION)\"

$(KVM_OBJ)/%.o: %.c $(LIBFDT_ARM64_A)
	@mkdir -p $(@D)
	$(Q)$(TCC) $(S2VMM_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/s2vmm: $(S2VMM_OBJS) $(LIBFDT_ARM64_A)
	$(Q)$(TCC) -static -pthread -o $@ $(S2VMM_OBJS) $(LIBFDT_ARM64_A)
	@echo "  built $@"

ALL += $(BUILD)/s2vmm

# The bring-up guest: linked at the guest RAM base, entered at its first byte.
KVM_TESTGUEST := $(BUILD)/kvm/guests/kvmtest.bin
$(KVM_OBJ)/kvm/testguest/%.o: kvm/testguest/%.S kvm/testguest/inject.h
	@mkdir -p $(@D)
	$(Q)$(TCC) -c $< -o $@
$(BUILD)/kvm/guests/kvmtest.elf: $(KVM_OBJ)/kvm/testguest/testguest.o
	@mkdir -p $(@D)
	$(Q)$(TLD) -Ttext=0x40000000 -e _start --no-warn-rwx-segments -o $@ $<
$(KVM_TESTGUEST): $(BUILD)/kvm/guests/kvmtest.elf
	$(Q)$(TOBJCOPY) -O binary $< $@

ALL += $(KVM_TESTGUEST)

# ---- The KVM host image for QEMU: only built on request (it downloads a kernel once). ----
.PHONY: kvm-image
kvm-image: $(BUILD)/kvm/Image $(BUILD)/kvm/initrd.gz

$(BUILD)/kvm/Image: $(DEBIAN_KERNEL)
	@mkdir -p $(@D)
	$(Q)ln -f $< $@

$(BUILD)/kvm/initrd.gz: $(BUILD)/s2vmm $(KVM_TESTGUEST) $(GUEST_BINS) $(IMAGE_GUEST_FILES) \
		scripts/kvm-initramfs.sh
	$(Q)scripts/kvm-initramfs.sh $@ $(BUILD)/s2vmm $(KVM_TESTGUEST) $(GUEST_BINS) $(IMAGE_GUEST_FILES)

INTEG_TESTS += tests/integration/kvm-qemu.sh
# s2vmm with 1, 2, 4 vCPUs: unmaps per reboot = N without FWB (docs/kvm.md "SMP").
INTEG_TESTS += tests/integration/kvm-smp.sh

# The Debian kernel as an s2vmm guest (tests/integration/linux-kvm.sh): a host initramfs of its
# own, so the kernel does not weigh on every other KVM test's boot. Its command line is the one
# the Linux guest of s2hv gets (linux-guest/linux-guest.mk).
KVM_LINUX := $(BUILD)/kvm/linux-guest
$(KVM_LINUX)/linux.bin: $(DEBIAN_KERNEL)
	@mkdir -p $(@D)
	$(Q)ln -f $< $@
$(KVM_LINUX)/linux.cmdline: linux-guest/linux-guest.mk
	@mkdir -p $(@D)
	$(Q)printf '%s' '$(LINUX_GUEST_BOOTARGS)' >$@
$(BUILD)/kvm/initrd-linux.gz: $(BUILD)/s2vmm $(KVM_LINUX)/linux.bin $(KVM_LINUX)/linux.cmdline \
		scripts/kvm-initramfs.sh
	$(Q)scripts/kvm-initramfs.sh $@ $(BUILD)/s2vmm $(KVM_LINUX)/linux.bin $(KVM_LINUX)/linux.cmdline
INTEG_TESTS += tests/integration/linux-kvm.sh
-include $(S2VMM_OBJS:.o=.d)

# Host unit tests of the parts that need no KVM: the words, the doorbell transport, the PL011
# model, the guest DTB (host libfdt) and the image's command line (its error records captured).
KVM_TEST_SRCS := $(wildcard tests/unit/kvm/*.c) kvm/config.c kvm/doorbell.c kvm/cmdline.c core/bootargs.c \
	core/lib/parse.c core/lib/fmt.c kvm/pl011.c kvm/dtb.c core/dt_nodes.c kvm/guest_image.c kvm/errors.c \
	core/proto.c core/crc32.c core/console.c tests/unit/core/console_capture.c kvm/boot_stop.c
KVM_TEST_OBJS := $(patsubst %.c,$(BUILD)/host/kvm-tests/%.o,$(KVM_TEST_SRCS))
$(BUILD)/host/kvm-tests/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@
# The core tests' console capture finds console.h on their include path.
$(BUILD)/host/kvm-tests/tests/unit/core/console_capture.o: HOST_CFLAGS += -Icore
$(BUILD)/tests/unit-kvm: $(KVM_TEST_OBJS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $^ $(CRITERION_LIBS) -lfdt -pthread

UNIT_TESTS += $(BUILD)/tests/unit-kvm
-include $(KVM_TEST_OBJS:.o=.d)

# s2vmm against hostile guests and configs (issue 22): inside QEMU like kvm-qemu.sh.
INTEG_TESTS += tests/integration/kvm-hostile.sh
# The kvm-host board over ssh, through a stand-in ssh whose host is the KVM host image in QEMU
# (tests/integration/kvm-host-ssh.sh, a helper, not a test).
INTEG_TESTS += tests/integration/kvm-host.sh

# `make kvm-smp-doc`: KVM's reboot cost against the vCPU count (touch on kvm-qemu-n1 with 1, 2, 4,
# 8 vCPUs) into docs/kvm.md's generated `kvm-smp` section. Wall-clock under nested TCG: the
# numbers vary, so only tests/integration/kvm-smp.sh's counts are checked, not this section.
.PHONY: kvm-smp-doc
kvm-smp-doc:
	$(Q)BUILD=$(BUILD) scripts/kvm-smp-doc.sh --doc docs/kvm.md
