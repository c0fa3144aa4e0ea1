# image-guests/: raw EL1 images that use nothing of s2bench's (no guest calls): the DTB in x0,
# text on the DTB's PL011, PSCI SYSTEM_OFF, as a third-party suite's test programs do
# (docs/guests.md, "Raw images"). s2hv runs them as s2b.guest=image (a bundle as its initrd),
# s2vmm from its guest directory (the KVM host image's /guests/, with <name>.cmdline).
#   $(BUILD)/image-guests/dtb-probe.bin           prints its DTB's view and the PL011's registers
#   $(BUILD)/image-guests/dtb-probe.cmdline       its command line, for s2vmm
#   $(BUILD)/image-guests/dtb-probe-nocmd.bin     the same image without a command line (s2vmm)
#   $(BUILD)/image-guests/dtb-probe{,-nocmd}-bundle.img   the same two for s2hv

IMAGE_GUESTS := $(BUILD)/image-guests
DTB_PROBE_SRCS := image-guests/start.S image-guests/dtb-probe.c image-guests/fdt_read.c \
	image-guests/uart_out.c
DTB_PROBE_OBJS := $(patsubst %,$(BUILD)/target/%.o,$(DTB_PROBE_SRCS))
# Spaces kept as given, words that look like s2vmm's and s2hv's own: the guest must see exactly this.
DTB_PROBE_CMDLINE := probe.text="two  spaces" s2b.boots=7 console=ttyAMA0

# C and assembly alike, with the bench guests' flags (fixed link address, PC-relative only).
$(DTB_PROBE_OBJS): $(BUILD)/target/%.o: %
	@mkdir -p $(dir $@)
	$(Q)$(TCC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(IMAGE_GUESTS)/dtb-probe.elf: $(DTB_PROBE_OBJS) image-guests/image.ld
	@mkdir -p $(@D)
	$(Q)$(TLD) -nostdlib -static --no-dynamic-linker --build-id=none -z noexecstack \
		--no-warn-rwx-segments -T image-guests/image.ld -o $@ $(DTB_PROBE_OBJS)
$(IMAGE_GUESTS)/dtb-probe.bin: $(IMAGE_GUESTS)/dtb-probe.elf
	$(Q)$(TOBJCOPY) -O binary $< $@
$(IMAGE_GUESTS)/dtb-probe-nocmd.bin: $(IMAGE_GUESTS)/dtb-probe.bin
	$(Q)cp $< $@
$(IMAGE_GUESTS)/dtb-probe.cmdline: image-guests/image-guests.mk
	@mkdir -p $(@D)
	$(Q)printf '%s' '$(DTB_PROBE_CMDLINE)' >$@
$(IMAGE_GUESTS)/dtb-probe-bundle.img: $(IMAGE_GUESTS)/dtb-probe.bin image-guests/image-guests.mk \
		scripts/linux-guest-bundle.sh
	$(Q)scripts/linux-guest-bundle.sh -k $< -a '$(DTB_PROBE_CMDLINE)' -o $@ >/dev/null
$(IMAGE_GUESTS)/dtb-probe-nocmd-bundle.img: $(IMAGE_GUESTS)/dtb-probe.bin scripts/linux-guest-bundle.sh
	$(Q)scripts/linux-guest-bundle.sh -k $< -o $@ >/dev/null

# What the KVM host image's /guests/ gets (kvm/kvm.mk).
IMAGE_GUEST_FILES := $(IMAGE_GUESTS)/dtb-probe.bin $(IMAGE_GUESTS)/dtb-probe.cmdline \
	$(IMAGE_GUESTS)/dtb-probe-nocmd.bin
IMAGE_GUEST_BUNDLES := $(IMAGE_GUESTS)/dtb-probe-bundle.img $(IMAGE_GUESTS)/dtb-probe-nocmd-bundle.img

ALL += $(IMAGE_GUEST_FILES) $(IMAGE_GUEST_BUNDLES)
INTEG_TESTS += tests/integration/image-kvm.sh
-include $(DTB_PROBE_OBJS:.o=.d)
