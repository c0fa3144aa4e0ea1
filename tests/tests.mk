# Shared test settings. Each area's fragment builds its own test binaries:
#   core/strategy tests: tests/unit/core/*.c   (core/core.mk)
#   harness tests:       tests/unit/harness/*.c (harness/harness.mk)
#   report tests:        tests/unit/reports/*.c (reports/reports.mk)
# and adds them to UNIT_TESTS; integration scripts under tests/integration/ go in INTEG_TESTS.
CRITERION_LIBS := -lcriterion
INTEG_TESTS += tests/integration/repo-self-contained.sh tests/integration/docs-fresh.sh \
	tests/integration/docs-model.sh tests/integration/model-validate.sh \
	tests/integration/model-selfcheck.sh
# The --reset-cmd examples (scripts/reset/, docs/boards.md) and the serial board driven by one.
INTEG_TESTS += tests/integration/reset-examples.sh
# suites/board.suite parses, runs on raspi3b, and its expected duration in docs/boards.md is fresh.
INTEG_TESTS += tests/integration/board-suite.sh
# Configuration over the console: a suite per power-on over a pty (docs/protocol.md section 4).
INTEG_TESTS += tests/integration/serial-console.sh

# libFuzzer target for the LAVA log reader (clang only), like fuzz-proto in harness/harness.mk.
$(BUILD)/fuzz-lavalog: tests/fuzz/fuzz_lavalog.c harness/lavalog.c harness/lavalog.h
	@mkdir -p $(@D)
	$(Q)clang -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Iharness \
		-fsanitize=fuzzer,address,undefined -o $@ $(filter %.c,$^)

FUZZ_TARGETS += $(BUILD)/fuzz-lavalog

# libFuzzer target for LAVA's REST answers and job states (`lava submit`, clang only).
$(BUILD)/fuzz-lava_json: tests/fuzz/fuzz_lava_json.c harness/lava_json.c harness/lava_state.c \
		harness/lava_json.h harness/lava_state.h
	@mkdir -p $(@D)
	$(Q)clang -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Iharness \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -o $@ $(filter %.c,$^)

FUZZ_TARGETS += $(BUILD)/fuzz-lava_json

# libFuzzer target for s2hv's `@s2b-cfg` frame reader (core/config_frame.c, clang only).
$(BUILD)/fuzz-config_frame: tests/fuzz/fuzz_config_frame.c core/config_frame.c core/crc32.c \
		core/config_frame.h
	@mkdir -p $(@D)
	$(Q)clang -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Icore \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -o $@ $(filter %.c,$^)

FUZZ_TARGETS += $(BUILD)/fuzz-config_frame

# `make fuzz`: every target in FUZZ_TARGETS fuzzed for FUZZ_SECONDS each (or FUZZ_RUNS
# executions), from its checked-in corpus tests/fuzz/corpus/<name without fuzz->, which is only
# read; prints executions reached and crashes per target (scripts/fuzz.sh, results and artifacts
# in $(BUILD)/fuzz/). `make fuzz-doc` does the same and writes the table into docs/fuzzing.md.
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_ARGS = --seconds $(FUZZ_SECONDS) $(if $(FUZZ_RUNS),--runs $(FUZZ_RUNS))
.PHONY: fuzz fuzz-doc
fuzz: $(FUZZ_TARGETS)
	$(Q)BUILD=$(BUILD) scripts/fuzz.sh $(FUZZ_ARGS) $(FUZZ_TARGETS)
fuzz-doc: $(FUZZ_TARGETS)
	$(Q)BUILD=$(BUILD) scripts/fuzz.sh $(FUZZ_ARGS) --doc docs/fuzzing.md $(FUZZ_TARGETS)
