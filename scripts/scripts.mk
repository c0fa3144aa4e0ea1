# scripts/: artifacts downloaded from Debian's registry, shared by several parts.

# Debian 12's arm64 cloud kernel, fetched once: the Linux guest (linux-guest/) and the KVM host
# inside QEMU (kvm/) are the same kernel. Not part of `make`: only the targets that need it.
DEBIAN_KERNEL := $(BUILD)/debian-kernel/Image
$(DEBIAN_KERNEL): scripts/fetch-debian-kernel.sh scripts/fetch-arm64-deb.sh
	$(Q)scripts/fetch-debian-kernel.sh $(@D)

# `make perf-doc`: every measured number in docs/performance.md and docs/strategies.md from one
# deterministic set of QEMU runs (and the simulator's cost table), written between the docs'
# generated-section markers (scripts/perf-doc.sh). tests/integration/docs-fresh.sh checks them.
.PHONY: perf-doc
# The Linux guest's numbers are refreshed too when its bundle can be built (an offline tree keeps them).
perf-doc: build-all $(BUILD)/tests/unit-core
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD) linux-guest >$(BUILD)/perf-doc-linux-guest.log 2>&1 || \
		echo "perf-doc: make linux-guest failed ($(BUILD)/perf-doc-linux-guest.log)"
	$(Q)BUILD=$(BUILD) scripts/perf-doc.sh

# `make model-doc`: the cost model against time measured under QEMU TCG without -icount
# (scripts/model-validate.sh: calibrates qemu-virt-tcg, runs the default suite on qemu-virt for
# counts and on qemu-virt-tcg for time) into docs/model.md's generated section. Wall-clock: its
# numbers change from run to run, so tests/integration/docs-model.sh checks the section's form only.
.PHONY: model-doc
model-doc: build-all
	$(Q)BUILD=$(BUILD) scripts/model-validate.sh --doc docs/model.md

# --reset-cmd examples that need C (docs/boards.md "Reset without a relay"): a reset pulse on the
# serial adapter's DTR/RTS line, and an operator prompt that can read s2bench's terminal.
RESET_TOOLS := $(BUILD)/tools/serial-pulse $(BUILD)/tools/operator-prompt
$(BUILD)/tools/%: scripts/reset/%.c
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
ALL += $(RESET_TOOLS)

# `make board-suite-doc`: suites/board.suite run on QEMU's raspi3b and priced for a real board at
# 115200 baud into docs/boards.md's generated section (tests/integration/board-suite.sh checks it).
.PHONY: board-suite-doc
board-suite-doc: $(BUILD)/s2bench $(BUILD)/s2hv.img $(BUILD)/raspi3b-qemu.dtb
	$(Q)BUILD=$(BUILD) scripts/board-suite-duration.sh --doc docs/boards.md
