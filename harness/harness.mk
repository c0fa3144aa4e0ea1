# harness/: the host CLI build/s2bench (C11, libcsv). reports/ supplies `report` and `compare`
# through $(REPORT_OBJS); reports.mk is included after this file, so the link prerequisites use
# second expansion and an empty REPORT_OBJS still links (main.c holds weak references).

HARNESS_SRCS := $(wildcard harness/*.c)
# The record CRC is the hypervisor's own (core/crc32.c), built for the host by core/core.mk; so
# are the bootarg parser and number syntax suites are checked with (core/bootargs.c, lib/) and
# s2vmm's key table (kvm/config.c, built here).
HARNESS_CORE_OBJS := $(BUILD)/host/core/crc32.c.o $(BUILD)/host/core/bootargs.c.o \
	$(BUILD)/host/core/lib/parse.c.o $(BUILD)/host/core/lib/fmt.c.o $(BUILD)/host/kvm/config.c.o
HARNESS_OBJS := $(HARNESS_SRCS:%.c=$(BUILD)/host/%.o) $(HARNESS_CORE_OBJS)
# crossover reads results through reports/, which the harness's unit tests do not link.
HARNESS_LIB_OBJS := $(filter-out $(BUILD)/host/harness/main.o $(BUILD)/host/harness/cmd_crossover.o \
	$(BUILD)/host/harness/crossover_data.o $(BUILD)/host/harness/crossover_model.o,$(HARNESS_OBJS))
HARNESS_LIBS := -lcsv -lutil -lpthread -lcurl

$(BUILD)/host/harness/%.o: harness/%.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/host/kvm/%.c.o: kvm/%.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

.SECONDEXPANSION:
$(BUILD)/s2bench: $(HARNESS_OBJS) $$(REPORT_OBJS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $(HARNESS_OBJS) $(REPORT_OBJS) $(HARNESS_LIBS) $(REPORT_LIBS)

# Criterion tests: tests/unit/harness/test_X.c → $(BUILD)/tests/harness-X, linked with every
# harness object but main.o and with tests/unit/harness/support.c.
HARNESS_TDIR := tests/unit/harness
HARNESS_TEST_SUPPORT := $(BUILD)/host/$(HARNESS_TDIR)/support.o $(BUILD)/host/$(HARNESS_TDIR)/fake_board.o
HARNESS_FAKE_QEMU := $(BUILD)/tests/harness-fake-qemu
HARNESS_TESTS := $(patsubst $(HARNESS_TDIR)/test_%.c,$(BUILD)/tests/harness-%,$(wildcard $(HARNESS_TDIR)/test_*.c))

$(BUILD)/host/$(HARNESS_TDIR)/%.o: $(HARNESS_TDIR)/%.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Iharness -DS2B_TEST_DATA=\"$(HARNESS_TDIR)/data\" -MMD -MP -c $< -o $@

# The tests start build/s2bench itself for end-to-end cases (resume, timeout, serial).
# The fake emulator stands in for QEMU in run/timeout/resume tests (see fake_qemu.c).
$(HARNESS_FAKE_QEMU): $(BUILD)/host/$(HARNESS_TDIR)/fake_qemu.o $(BUILD)/host/$(HARNESS_TDIR)/fake_board.o $(BUILD)/host/core/crc32.c.o
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $^

$(BUILD)/tests/harness-%: $(BUILD)/host/$(HARNESS_TDIR)/test_%.o $(HARNESS_TEST_SUPPORT) $(HARNESS_LIB_OBJS) | $(BUILD)/s2bench $(HARNESS_FAKE_QEMU)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $^ $(CRITERION_LIBS) $(HARNESS_LIBS)

# libFuzzer target for the record parser (clang only).
$(BUILD)/fuzz-proto: tests/fuzz/fuzz_proto.c harness/protocol.c harness/proto_check.c core/crc32.c harness/lavalog.c
	@mkdir -p $(@D)
	$(Q)clang -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Iharness \
		-fsanitize=fuzzer,address,undefined -o $@ $^

# libFuzzer target for whole logs: records, run delimiting, rows (parse without the store).
FUZZ_LOGSPLIT_SRCS := harness/logsplit.c harness/collect.c harness/delimit.c harness/protocol.c \
	harness/proto_check.c harness/linebuf.c harness/lavalog.c harness/csvout.c harness/runconfig.c \
	harness/catalog.c harness/hvkeys.c core/crc32.c core/bootargs.c core/lib/parse.c core/lib/fmt.c \
	kvm/config.c
$(BUILD)/fuzz-logsplit: tests/fuzz/fuzz_logsplit.c $(FUZZ_LOGSPLIT_SRCS)
	@mkdir -p $(@D)
	$(Q)clang -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Iharness \
		-fsanitize=fuzzer,address,undefined -o $@ $^ -lcsv

# libFuzzer target for the result store's repair decision, all in memory (clang only).
FUZZ_STORE_SRCS := tests/fuzz/fuzz_store.c harness/tablerepair.c harness/csvsplit.c harness/idset.c \
	harness/csvout.c harness/errmsg.c
$(BUILD)/fuzz-store: $(FUZZ_STORE_SRCS) harness/tablerepair.h harness/csvsplit.h harness/idset.h \
		harness/csvout.h harness/columns.h
	@mkdir -p $(@D)
	$(Q)clang -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Iharness \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -o $@.tmp \
		$(FUZZ_STORE_SRCS) -lcsv && mv $@.tmp $@

# libFuzzer target for the suite parser, its limits and the expansion (clang only).
FUZZ_SUITE_SRCS := tests/fuzz/fuzz_suite.c harness/suite.c harness/matrix.c harness/idset.c harness/catalog.c \
	harness/hvkeys.c harness/runconfig.c harness/protocol.c harness/proto_check.c core/crc32.c core/bootargs.c \
	core/lib/parse.c core/lib/fmt.c kvm/config.c
$(BUILD)/fuzz-suite: $(FUZZ_SUITE_SRCS)
	@mkdir -p $(@D)
	$(Q)clang -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Iharness \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -o $@ $^

ALL += $(BUILD)/s2bench
UNIT_TESTS += $(HARNESS_TESTS)
INTEG_TESTS += $(wildcard tests/integration/harness-*.sh)
# `lava submit` against a real lava-server + lava-worker that scripts/lava-lab.sh brings up here.
INTEG_TESTS += tests/integration/lava-server.sh
FUZZ_TARGETS += $(BUILD)/fuzz-proto $(BUILD)/fuzz-logsplit $(BUILD)/fuzz-store $(BUILD)/fuzz-suite

-include $(HARNESS_OBJS:.o=.d) $(wildcard $(BUILD)/host/$(HARNESS_TDIR)/*.d)
.SECONDARY: $(patsubst $(HARNESS_TDIR)/%.c,$(BUILD)/host/$(HARNESS_TDIR)/%.o,$(wildcard $(HARNESS_TDIR)/*.c))
