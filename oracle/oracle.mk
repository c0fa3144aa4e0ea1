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

ALL += $(BUILD)/oracle/libs2oracle.so
UNIT_TESTS += $(BUILD)/tests/unit-oracle
