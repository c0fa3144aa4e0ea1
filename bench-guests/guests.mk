# bench-guests/: the benchmark guests, each its own flat binary at IPA 0x40000000
# (docs/guests.md). core/core.mk embeds $(BUILD)/guests/<name>.bin for every GUEST_NAMES entry.

GUEST_NAMES := hello boot-reloc touch icode memsweep psci
# Guests that start more vCPUs link the SMP library (lib/smp/); the others stay as they were.
SMP_GUESTS := psci touch memsweep

GUEST_LIB_SRCS := $(wildcard bench-guests/lib/*.c) $(wildcard bench-guests/lib/*.S)
GUEST_SMP_SRCS := $(wildcard bench-guests/lib/smp/*.c) $(wildcard bench-guests/lib/smp/*.S)
GUEST_LD       := bench-guests/lib/guest.ld
# Sources of one guest: <name>.c plus any <name>-*.S next to it (icode's code pages).
guest_srcs = bench-guests/$(1).c $(wildcard bench-guests/$(1)-*.S) \
	$(if $(filter $(1),$(SMP_GUESTS)),$(GUEST_SMP_SRCS))
guest_objs = $(patsubst %,$(BUILD)/target/%.o,$(call guest_srcs,$(1)) $(GUEST_LIB_SRCS))

# Linked at a fixed address, so no PIE; -mcmodel=tiny keeps every reference PC-relative
# (ADR/ADRP), which is also what lets boot-reloc run a copy of itself elsewhere.
GUEST_CFLAGS := $(TARGET_CFLAGS) -fno-pie -mcmodel=tiny -fno-tree-loop-distribute-patterns
GUEST_LDFLAGS := -nostdlib -static --no-dynamic-linker --build-id=none -z noexecstack \
	--no-warn-rwx-segments -T $(GUEST_LD)

EMBED_SUM := $(BUILD)/host/bench-guests/embed-sum

$(BUILD)/target/bench-guests/%.c.o: bench-guests/%.c
	@mkdir -p $(dir $@)
	$(Q)$(TCC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/target/bench-guests/%.S.o: bench-guests/%.S
	@mkdir -p $(dir $@)
	$(Q)$(TCC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(EMBED_SUM): bench-guests/tools/embed-sum.c bench-guests/lib/fletcher64.h
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

define guest_rules
$(BUILD)/guests/$(1).elf: $(call guest_objs,$(1)) $(GUEST_LD)
	@mkdir -p $$(dir $$@)
	$(Q)$(TLD) $(GUEST_LDFLAGS) -o $$@ $(call guest_objs,$(1)) $$(shell $(TCC) -print-libgcc-file-name)

# Flat binary, then the image checksum embedded in its last 8 bytes (the image_sum slot).
$(BUILD)/guests/$(1).bin: $(BUILD)/guests/$(1).elf $(EMBED_SUM)
	$(Q)$(TOBJCOPY) -O binary $$< $$@.tmp
	$(Q)$(EMBED_SUM) $$@.tmp
	$(Q)mv $$@.tmp $$@
endef
$(foreach g,$(GUEST_NAMES),$(eval $(call guest_rules,$(g))))

.PHONY: guests
guests: $(foreach g,$(GUEST_NAMES),$(BUILD)/guests/$(g).bin)

INTEG_TESTS += tests/integration/guests-qemu.sh tests/integration/guests-kvm.sh
-include $(patsubst %.o,%.d,$(sort $(foreach g,$(GUEST_NAMES),$(call guest_objs,$(g)))))
