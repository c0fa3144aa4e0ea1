# reports/: `s2bench report` and `s2bench compare`, linked into build/s2bench by harness/
# (which links $(REPORT_OBJS) with $(REPORT_LIBS)). Tests: tests/unit/reports/test_*.c become
# $(BUILD)/tests/reports-*; the fixture generator and a tiny driver are built for the
# integration test, which must not depend on build/s2bench existing.

REPORT_SRCS := $(wildcard reports/*.c)
REPORT_OBJS := $(REPORT_SRCS:%.c=$(BUILD)/host/%.o)
REPORT_LIBS := -lcsv -lm
# The harness's CSV reader and record parser (calib_parse.c takes its records), which
# build/s2bench links with the harness objects; the reports' own tests and driver link them here.
REPORT_SHARED_OBJS := $(BUILD)/host/harness/csvsplit.o $(BUILD)/host/harness/protocol.o \
	$(BUILD)/host/harness/logpack.o $(BUILD)/host/harness/idset.o $(BUILD)/host/harness/errmsg.o \
	$(BUILD)/host/harness/proto_check.o $(BUILD)/host/core/crc32.c.o

$(BUILD)/host/reports/%.o: reports/%.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

REPORT_TDIR := tests/unit/reports
REPORT_TESTS := $(patsubst $(REPORT_TDIR)/test_%.c,$(BUILD)/tests/reports-%,$(wildcard $(REPORT_TDIR)/test_*.c))
REPORT_FIXTURE_OBJ := $(BUILD)/host/$(REPORT_TDIR)/fixture.o

$(BUILD)/host/$(REPORT_TDIR)/%.o: $(REPORT_TDIR)/%.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Ireports -MMD -MP -c $< -o $@

$(BUILD)/tests/reports-%: $(BUILD)/host/$(REPORT_TDIR)/test_%.o $(REPORT_FIXTURE_OBJ) $(REPORT_OBJS) \
		$(REPORT_SHARED_OBJS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $^ $(CRITERION_LIBS) $(REPORT_LIBS)

$(BUILD)/tests/reports-fixture: $(BUILD)/host/$(REPORT_TDIR)/fixture_main.o $(REPORT_FIXTURE_OBJ)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $^ -lm

$(BUILD)/tests/reports-driver: $(BUILD)/host/$(REPORT_TDIR)/driver.o $(REPORT_OBJS) $(REPORT_SHARED_OBJS)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) -o $@ $^ $(REPORT_LIBS)

ALL += $(BUILD)/tests/reports-fixture $(BUILD)/tests/reports-driver
UNIT_TESTS += $(REPORT_TESTS)
INTEG_TESTS += tests/integration/report-chromium.sh tests/integration/report-scatter-boots.sh \
	tests/integration/report-profile.sh tests/integration/report-kvm.sh

-include $(REPORT_OBJS:.o=.d) $(wildcard $(BUILD)/host/$(REPORT_TDIR)/*.d)

# Keep the test objects (make would delete them as intermediates of the pattern rule).
.SECONDARY: $(patsubst $(REPORT_TDIR)/%.c,$(BUILD)/host/$(REPORT_TDIR)/%.o,$(wildcard $(REPORT_TDIR)/*.c))
