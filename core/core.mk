# core/: the s2hv hypervisor image (AArch64) and the portable core built for host tests.

LIBFDT_ARM64   := $(BUILD)/deps/libfdt/usr
LIBFDT_ARM64_A := $(LIBFDT_ARM64)/lib/aarch64-linux-gnu/libfdt.a

# Portable core: linked into s2hv.img and into the host tests (with core/arch/sim).
CORE_PORTABLE := core/cache_ops.c core/walk.c core/s2pt.c core/s2pt_attrs.c core/s2err.c core/palloc.c core/config.c \
	core/vm.c core/crc32.c core/console.c core/proto.c core/records.c core/platform.c core/memmap.c \
	core/run.c core/fault.c core/hypercall.c core/loader.c core/reboot.c core/hv.c \
	core/guest_image.c core/calibrate.c core/calib_program.c core/calib_stats.c core/bench_calls.c core/bootargs.c core/lib/fmt.c core/lib/parse.c \
	core/guest_console.c core/psci.c core/mmio.c core/vuart.c core/bundle.c core/passthrough.c \
	core/vdtb.c core/dt_nodes.c core/dtb_stamp.c core/bundle_guest.c core/guest_abort.c core/smp.c core/smp_run.c \
	core/config_frame.c core/config_console.c core/run_teardown.c
STRATEGY_SRCS := $(wildcard strategies/*.c)

HV_SRCS := $(CORE_PORTABLE) $(STRATEGY_SRCS) core/lib/string.c core/uart_pl011.c \
	$(wildcard core/arch/aarch64/*.c) $(wildcard core/arch/aarch64/*.S)
HV_OBJS := $(patsubst %,$(BUILD)/target/%.o,$(HV_SRCS)) $(BUILD)/target/gen/guests.S.o

HV_CFLAGS := $(TARGET_CFLAGS) -D_DEFAULT_SOURCE -I$(LIBFDT_ARM64)/include -DS2HV_VERSION_STR=\"$(S2_VERSION)\"

$(LIBFDT_ARM64_A):
	$(Q)BUILD=$(BUILD) scripts/fetch-arm64-deb.sh libfdt-dev $(BUILD)/deps/libfdt

$(BUILD)/target/%.c.o: %.c $(LIBFDT_ARM64_A)
	@mkdir -p $(dir $@)
	$(Q)$(TCC) $(HV_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/target/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(Q)$(TCC) $(HV_CFLAGS) -MMD -MP -c $< -o $@

# Every guest image, embedded with .incbin; the table is data so its pointers get relocated.
GUEST_BINS = $(foreach g,$(GUEST_NAMES),$(BUILD)/guests/$(g).bin)
$(BUILD)/gen/guests.S: $(GUEST_BINS) core/core.mk
	@mkdir -p $(dir $@)
	$(Q){ echo '.section .rodata'; \
	  for g in $(GUEST_NAMES); do s=$$(echo $$g | tr -- '-' '_'); \
	    echo ".balign 4096"; echo "g_$$s: .incbin \"$(BUILD)/guests/$$g.bin\""; echo "g_$${s}_end:"; \
	    echo "n_$$s: .asciz \"$$g\""; done; \
	  echo '.data'; echo '.balign 8'; echo '.global guest_images'; echo 'guest_images:'; \
	  for g in $(GUEST_NAMES); do s=$$(echo $$g | tr -- '-' '_'); \
	    echo "  .quad n_$$s, g_$$s, g_$${s}_end - g_$$s"; done; \
	  echo '.global guest_image_count'; echo 'guest_image_count: .long' $(words $(GUEST_NAMES)); \
	} > $@
$(BUILD)/target/gen/guests.S.o: $(BUILD)/gen/guests.S
	@mkdir -p $(dir $@)
	$(Q)$(TCC) $(HV_CFLAGS) -c $< -o $@

$(BUILD)/s2hv.elf: $(HV_OBJS) core/arch/aarch64/image.ld $(LIBFDT_ARM64_A)
	$(Q)$(TLD) -pie -static --no-dynamic-linker -z noexecstack --no-warn-rwx-segments \
		-T core/arch/aarch64/image.ld -o $@ $(HV_OBJS) $(LIBFDT_ARM64_A) \
		$(shell $(TCC) -print-libgcc-file-name)

$(BUILD)/s2hv.img: $(BUILD)/s2hv.elf
	$(Q)$(TOBJCOPY) -O binary $< $@
	@echo "  built $@ ($$(stat -c %s $@) bytes)"

ALL += $(BUILD)/s2hv.img
-include $(HV_OBJS:.o=.d)

# ---- Host build of the same portable core + strategies over core/arch/sim (for tests). ----
CORE_HOST_SRCS := $(CORE_PORTABLE) $(STRATEGY_SRCS) $(wildcard core/arch/sim/*.c)
CORE_HOST_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(CORE_HOST_SRCS))
CORE_HOST_LIB  := $(BUILD)/host/libs2core.a

$(BUILD)/host/core/%.c.o: core/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/host/strategies/%.c.o: strategies/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(CORE_HOST_LIB): $(CORE_HOST_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# Criterion tests of the core: every tests/unit/core/*.c in one binary, linked with the archive.
CORE_TEST_SRCS := $(wildcard tests/unit/core/*.c)
CORE_TEST_OBJS := $(patsubst %,$(BUILD)/host/%.o,$(CORE_TEST_SRCS))
$(BUILD)/host/tests/unit/core/%.c.o: tests/unit/core/%.c
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Icore -MMD -MP -c $< -o $@
$(BUILD)/tests/unit-core: $(CORE_TEST_OBJS) $(CORE_HOST_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -o $@ $(CORE_TEST_OBJS) $(CORE_HOST_LIB) $(CRITERION_LIBS) -lfdt

UNIT_TESTS += $(BUILD)/tests/unit-core
INTEG_TESTS += tests/integration/core-qemu.sh tests/integration/boards-qemu.sh \
	tests/integration/bootargs-qemu.sh tests/integration/bootargs-kvm.sh tests/integration/docs-protocol.sh \
	tests/integration/smp-qemu.sh
-include $(CORE_HOST_OBJS:.o=.d) $(CORE_TEST_OBJS:.o=.d)

# Board DTBs for QEMU models that take one (-dtb).
$(BUILD)/%.dtb: core/board/%.dts
	@mkdir -p $(dir $@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<
ALL += $(BUILD)/raspi3b-qemu.dtb
