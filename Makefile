# s2bench — one non-recursive Makefile; each directory adds a *.mk fragment.
#
# Fragment conventions (see docs/build.md):
#   ALL           += files built by `make`
#   UNIT_TESTS    += Criterion test binaries run by `make test`
#   INTEG_TESTS   += integration test scripts (run with BUILD, S2HV_IMG, S2BENCH in the environment)
#   FUZZ_TARGETS  += fuzz/smoke binaries run on their corpus by `make test`
# Objects live under $(BUILD)/<kind>/<path>.o; nothing is written into the source tree.

BUILD         ?= build
# The AArch64 toolchain: on an arm64 host the native gcc (no prefix), elsewhere Debian's cross
# compiler. CROSS_COMPILE=... overrides either; S2B_HOST_ARCH=aarch64 forces the detection
# (tests/integration/build-native.sh shows the commands an arm64 host would run).
S2B_HOST_ARCH ?= $(shell uname -m)
ifneq ($(filter aarch64 arm64,$(S2B_HOST_ARCH)),)
CROSS_COMPILE ?=
else
CROSS_COMPILE ?= aarch64-linux-gnu-
endif
HOSTCC        ?= gcc
Q             ?= @

TCC      := $(CROSS_COMPILE)gcc
TLD      := $(CROSS_COMPILE)ld
TOBJCOPY := $(CROSS_COMPILE)objcopy

S2_VERSION := 0.1.0

# Freestanding AArch64 code (hypervisor, guests).
TARGET_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -ffreestanding -nostdlib \
	-mgeneral-regs-only -fno-stack-protector -fno-common -fno-builtin-printf \
	-mstrict-align -fpie -fno-plt -fno-asynchronous-unwind-tables -fno-unwind-tables
# Host code (harness, tests, simulator).
HOST_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE

ALL :=
UNIT_TESTS :=
INTEG_TESTS :=
FUZZ_TARGETS :=

.PHONY: all deps test bench bench-harness clean test-unit test-integration test-fuzz
all: build-all

# guests.mk first: core.mk embeds $(GUEST_NAMES) and needs them in its rules' prerequisites.
include scripts/scripts.mk
include bench-guests/guests.mk
include image-guests/image-guests.mk
include core/core.mk
include strategies/strategies.mk
include harness/harness.mk
include reports/reports.mk
include kvm/kvm.mk
include oracle/oracle.mk
include linux-guest/linux-guest.mk
include tests/tests.mk

build-all: $(ALL)

deps:
	$(Q)scripts/deps.sh

# `make native-arm64-check`: `make` as an arm64 Debian host runs it (native gcc, no prefix), in an
# emulated arm64 machine; its output compared with this build (docs/build.md, "On an arm64 host").
.PHONY: native-arm64-check
native-arm64-check:
	$(Q)BUILD=$(BUILD) scripts/native-arm64-build.sh

# `make test` = deps, build, every test. The runner prints one closing "N passed, N failed" line.
test: deps
	$(Q)$(MAKE) --no-print-directory build-all $(UNIT_TESTS) $(FUZZ_TARGETS)
	$(Q)BUILD=$(BUILD) scripts/run-tests.sh \
		--unit "$(UNIT_TESTS)" --integ "$(INTEG_TESTS)" --fuzz "$(FUZZ_TARGETS)"

# `make bench` = deps, build, the default suite on QEMU, then the report.
bench: deps
	$(Q)$(MAKE) --no-print-directory build-all
	$(Q)BUILD=$(BUILD) scripts/bench.sh

# `make bench-harness` = the harness at scale (issue 20): synthetic 1 M-line logs, a 100k-run
# result directory, 10k runs on the fake emulator; figures into docs/performance.md.
bench-harness: build-all $(HARNESS_FAKE_QEMU)
	$(Q)BUILD=$(BUILD) scripts/bench-harness.sh

clean:
	rm -rf $(BUILD)

.DELETE_ON_ERROR:
