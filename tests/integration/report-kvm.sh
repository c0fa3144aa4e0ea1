#!/bin/bash
# A report of s2vmm runs on real KVM arm64 inside QEMU (kvm-qemu boards), through `s2bench run`
# and `s2bench report`: KVM's re-init, unmap and reboot times are measures of their own, with
# their units (ns, µs), never "cycles" or "instructions"; the machine row names s2vmm, the host
# kernel and kvm_mode; with several vCPU counts the report draws KVM's times against them.
# 3 runs, ~10 s each of TCG.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
kvm_test_begin report-kvm

cat >"$out/kvm.suite" <<'SUITE'
name = reportkvm
timeout = 200
boots = 3
strategy = kvm
guest = touch
frac = 25

[n1]
board = kvm-qemu-n1
vcpus = 1 2

[max]
board = kvm-qemu-max
SUITE
rm -rf "$out/res" "$out/rep"
"$S2BENCH" run "$out/kvm.suite" --out "$out/res" -j 2 >"$out/run.log" 2>&1
check run_exits_0 [ $? = 0 ]
check three_runs_ok [ "$(awk -F, 'NR > 1 && $17 == "ok"' "$out/res/runs.csv" | wc -l)" = 3 ]
"$S2BENCH" report "$out/res" --out "$out/rep" >"$out/report.log" 2>&1
check report_exits_0 [ $? = 0 ]
md=$out/rep/report.md

# kvm_rows BOARD: the lines of BOARD's KVM table; row_cells BOARD CONFIG: the cells of the row
# whose config ends in CONFIG (after config and strategy), one a line.
kvm_rows() { awk -v t="### KVM re-init, unmap, faults and reboot per config ($1)" \
	'$0 == t { on = 1; next } /^#/ { on = 0 } on && /^\| /' "$md"; }
row_cells() { kvm_rows "$1" | grep -F " $2 |" | awk -F'|' '{ for (i = 4; i < NF; i++) print $i }' |
	sed 's/^ *//; s/ *$//'; }
has_header() { kvm_rows kvm-qemu-n1 | head -1 | grep -qF "$1"; }
check table_has_reinit_in_ns has_header 'KVM re-init time (ns)'
check table_has_unmap_in_us has_header 'KVM stage-2 unmap time (µs)'
check table_has_reboot_in_ns has_header 'KVM reboot time (ns)'
# a measured cell is a number (SI prefix allowed) then its spread: never "-"
measured() { [[ $1 =~ ^[0-9.]+[kMG]?\  ]]; }
cells_measured() { local c n=0; while read -r c; do measured "$c" || return 1; n=$((n + 1)); done
	[ "$n" = 4 ]; }
for cfg in 'vcpus=1' 'vcpus=2'; do
	check "n1_${cfg}_reinit_unmap_faults_reboot_measured" cells_measured < <(row_cells kvm-qemu-n1 "$cfg")
done
no_word() { ! grep -qiw "$1" "$md" && ! grep -qiw "$1" "$out/rep/report.html"; }
# FEAT_S2FWB: KVM never unmaps stage 2 at re-init
check max_unmap_time_is_0 [ "$(row_cells kvm-qemu-max vcpus=1 | sed -n 2p)" = '0 (1 run)' ]
# nothing to rank on a KVM host: the answer points at KVM's times, never "no correct strategy"
check answer_names_kvm_table grep -q "^- On \`kvm-qemu-n1\`: s2vmm on KVM: no s2hv strategy to rank" "$md"
check answer_no_missing_strategy bash -c "! grep -q 'no correct strategy' '$md'"
check no_cycles_anywhere no_word cycles
check no_instructions_anywhere no_word instructions
check no_tcg_icount_caveat no_word icount
# the host kernel and KVM's mode come from the run's hello record (kvm-qemu: Debian's, VHE)
machine_row() { grep -E "^\| $1 .*\| s2vmm-[0-9.]+ \(KVM; kernel [0-9][^,]*-arm64, kvm_mode vhe\) \|" \
	"$md" | grep -q .; }
check machine_row_n1_names_s2vmm machine_row kvm-qemu-n1
check machine_row_max_names_s2vmm machine_row kvm-qemu-max
check machine_row_no_s2hv_label bash -c "! grep -q 's2hv s2vmm' '$md'"
check summary_has_kvm_measures bash -c "grep -q ',kvm,init_ns,' '$out/rep/summary.csv' &&
	grep -q ',kvm,unmap_us,' '$out/rep/summary.csv' && grep -q ',kvm,reboot_ns,' '$out/rep/summary.csv'"
check vcpus_chart_drawn [ -s "$out/rep/charts/kvm_vs_vcpus.png" ]
check vcpus_chart_listed grep -q 'charts/kvm_vs_vcpus.png' "$md"
check vcpus_chart_has_n1_lines grep -q 'kvm-qemu-n1 unmap' "$out/rep/charts/kvm_vs_vcpus.gp"
# compare: KVM's times are rows of their own
check compare_shows_kvm_times bash -c "'$S2BENCH' compare '$out/res' '$out/res' >'$out/compare.txt' &&
	grep -q ' init_ns ' '$out/compare.txt' && grep -q ' unmap_us ' '$out/compare.txt'"
finish
