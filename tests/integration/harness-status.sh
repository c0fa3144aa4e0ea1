#!/bin/bash
# Statuses from real s2hv output (issue 13): a healthy run on a CPU without PMU counters is `ok`
# (its boots say ready=1), a guest calling PSCI CPU_OFF at boot 0 of 2 is `powered_off_early`
# (s2hv's done record says so; issue 18).
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-status
rm -rf "$out" && mkdir -p "$out"

qemu_virt "$out/pmu-off.log" max,pmu=off "s2b.strategy=unmap s2b.guest=hello s2b.boots=2"
check "pmu_off_boots_say_ready" [ "$(grep -ac '^@s2b boot .* ready=1 ' "$out/pmu-off.log")" -eq 2 ]
"$S2BENCH" parse "$out/pmu-off.log" --out "$out/pmu-off" >"$out/pmu-off.txt" 2>&1
check "pmu_off_run_is_ok" grep -q ',ok,,,2,0,' "$out/pmu-off/runs.csv"

# A raw guest that calls CPU_OFF (s2b.guest=image, bundled like linux-guest/psci-probe.S).
printf '\t.global _start\n_start:\n\tldr x0, =0x84000002\n\thvc #0\n1:\tb 1b\n' >"$out/off.S"
if "${TARGET_PREFIX}gcc" -nostdlib -static -no-pie -Wl,--build-id=none \
	-o "$out/off.elf" "$out/off.S" &&
	"${TARGET_PREFIX}objcopy" -O binary "$out/off.elf" "$out/off.bin" &&
	scripts/linux-guest-bundle.sh -k "$out/off.bin" -o "$out/off.img" >/dev/null; then
	qemu_virt "$out/off.log" max "s2b.strategy=unmap s2b.guest=image s2b.boots=2" -initrd "$out/off.img"
	check "cpu_off_exit_off" grep -aq '^@s2b boot idx=0 .* exit=off ' "$out/off.log"
	"$S2BENCH" parse "$out/off.log" --out "$out/off" >"$out/off.txt" 2>&1
	check "cpu_off_done_says_powered_off_early" grep -aq '^@s2b done status=powered_off_early boots=1 ' "$out/off.log"
	check "cpu_off_run_is_powered_off_early" grep -q ',powered_off_early,,,1,0,powered_off_early:1_of_2_boots:last_exit_off,' "$out/off/runs.csv"
else
	fail "cpu_off_guest_builds"
fi
finish
