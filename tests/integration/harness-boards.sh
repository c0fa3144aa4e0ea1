#!/bin/bash
# s2bench drives every kind of board it knows through the same suite: QEMU's Raspberry Pi 3 model
# (s2hv, semihosting power-off) and real KVM arm64 inside QEMU (s2vmm, strategy kvm), with and
# without FEAT_S2FWB. Rows land in the same CSVs.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-boards
rm -rf "$out" && mkdir -p "$out"

if ! make --no-print-directory BUILD="$BUILD" kvm-image "$BUILD/raspi3b-qemu.dtb" >"$out/make.log" 2>&1; then
	skip "harness_boards (KVM host image unavailable: $out/make.log)"
	finish
fi
cat >"$out/boards.suite" <<'SUITE'
name = boards
timeout = 200
boots = 3
[raspi]
board = qemu-raspi3b
strategy = unmap clean
guest = hello
[kvm]
board = kvm-qemu-n1 kvm-qemu-max
strategy = kvm
guest = touch
frac = 10
SUITE
"$S2BENCH" run "$out/boards.suite" --out "$out/res" -j 2 --image "$S2HV_IMG" >"$out/run.log" 2>&1
check "boards_suite_exits_0" [ $? -eq 0 ]
rows() { awk -F, -v b="$1" 'NR > 1 && $3 == b && $17 == "ok"' "$out/res/runs.csv" | wc -l; }
check "raspi3b_runs_ok" [ "$(rows qemu-raspi3b)" -eq 2 ]
check "kvm_n1_run_ok" [ "$(rows kvm-qemu-n1)" -eq 1 ]
check "kvm_max_run_ok" [ "$(rows kvm-qemu-max)" -eq 1 ]
check "twelve_boot_rows" [ "$(($(wc -l <"$out/res/boots.csv") - 1))" -eq 12 ]
finish
