# The coherence oracle: a QEMU TCG plugin (build/oracle/libs2oracle.so) over a host-C cache
# model, and the model's unit tests. qemu-plugin.h comes from Debian's QEMU source at `make deps`
# (scripts/fetch-qemu-plugin-header.sh); see docs/oracle.md.
ORACLE_HDR_DIR := $(BUILD)/deps/qemu-plugin
ORACLE_SRCS := oracle/plugin.c oracle/coherence_model.c
ORACLE_HDRS := oracle/coherence_model.h oracle/markers.h

$(ORACLE_HDR_DIR)/qemu-plugin.h:
	$(Q)scripts/fetch-qemu-plugin-header.sh $(ORACLE_HDR_DIR)

$(BUILD)/oracle/libs2oracle.so: $(ORACLE_SRCS) $(ORACLE_HDRS) $(ORACLE_HDR_DIR)/qemu-plugin.h
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -fPIC -shared -I$(ORACLE_HDR_DIR) -o $@ $(ORACLE_SRCS) -lpthread

$(BUILD)/tests/unit-oracle: tests/unit/oracle/test_coherence_model.c oracle/coherence_model.c $(ORACLE_HDRS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Ioracle -o $@ $(filter %.c,$^) $(CRITERION_LIBS)

# Built with the rest only when make deps got the header (a failed fetch is a warning there, and
# oracle-qemu.sh then fails by name); `make build/oracle/libs2oracle.so` tries the fetch again.
ifneq ($(wildcard $(ORACLE_HDR_DIR)/qemu-plugin.h),)
ALL += $(BUILD)/oracle/libs2oracle.so
endif
UNIT_TESTS += $(BUILD)/tests/unit-oracle

# The oracle build: the same hypervisor and guests with -DS2B_ORACLE (markers.h), built in a tree
# of its own by a sub-make so that no object of the normal image is shared; never used for
# reported counts. libfdt is the normal build's.
ORACLE_TREE := $(BUILD)/oracle-tree
$(BUILD)/s2hv-oracle.img: FORCE $(LIBFDT_ARM64_A)
	$(Q)$(MAKE) -s --no-print-directory BUILD=$(ORACLE_TREE) \
		TARGET_CFLAGS="$(TARGET_CFLAGS) -DS2B_ORACLE -Ioracle" \
		LIBFDT_ARM64=$(LIBFDT_ARM64) LIBFDT_ARM64_A=$(LIBFDT_ARM64_A) $(ORACLE_TREE)/s2hv.img
	$(Q)cmp -s $(ORACLE_TREE)/s2hv.img $@ || cp $(ORACLE_TREE)/s2hv.img $@

.PHONY: FORCE
FORCE:
ALL += $(BUILD)/s2hv-oracle.img
INTEG_TESTS += tests/integration/oracle-qemu.sh tests/integration/oracle-a64fx.sh \
	tests/integration/oracle-no-verdict.sh tests/integration/oracle-linux.sh

# `make oracle-doc`: measure the oracle's slowdown and write it into docs/oracle.md and
# docs/performance.md.
.PHONY: oracle-doc
oracle-doc: $(BUILD)/s2hv.img $(BUILD)/s2hv-oracle.img $(BUILD)/oracle/libs2oracle.so
	$(Q)BUILD=$(BUILD) scripts/oracle-slowdown.sh --doc docs/oracle.md --doc docs/performance.md

# `make mutate`: each mutation of tests/mutations.list alone, its test must fail (kill ratio printed).
.PHONY: mutate
mutate: build-all
	$(Q)BUILD=$(BUILD) MUTATE_REBUILD="build-all $(UNIT_TESTS)" scripts/mutate.sh
