#!/bin/bash
# SMP guests on s2hv (issue 18 item 7; docs/guests.md "SMP"): s2b.vcpus=N on QEMU -smp N.
# The psci guest checks PSCI's answers on every boot — vCPU 0 on and the others off at entry
# (so the previous boot's busy vCPUs were stopped by the reset), AFFINITY_INFO and CPU_ON of an
# MPIDR with no vCPU INVALID_PARAMETERS, CPU_ON of a vCPU that is on ALREADY_ON (or ON_PENDING
# just after its CPU_ON), a started vCPU at EL1 with the MMU off, its MPIDR and context id; a
# vCPU off is started again — and asks for the reset while the others are busy making calls.
# touch and memsweep split their work over 1, 2 and 4 vCPUs under every strategy of
# strategies/table.h, and the boot vCPU checks every word all of them wrote (touch) and the
# records (memsweep, this boot's and, at the next boot with the MMU off, the previous one's).
# Counts are deterministic under -icount with N CPUs; more vCPUs than CPUs, or than 8, is
# refused with a record that says so. Through the harness, suite key `vcpus` runs QEMU with
# -smp N, boots.csv keeps vcpus, and the report draws cost vs vCPU count only when the data
# has more than one vCPU count.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/smp-qemu
rm -rf "$out" && mkdir -p "$out"

boot_lines() { grep -a '^@s2b boot ' "$1"; }

for n in 1 2 4 8; do
	qemu_virt "$out/psci-$n.log" max "s2b.strategy=unmap s2b.guest=psci s2b.boots=3 s2b.vcpus=$n" -smp "$n"
	check "psci_${n}_vcpus_every_boot_passes" [ "$(grep -ac '^@s2b boot .* check=pass exit=reset ' "$out/psci-$n.log")" -eq 3 ]
	check "psci_${n}_vcpus_guest_saw_$n" [ "$(grep -ac "^@s2b metric boot=[0-9] key=vcpus value=$n " "$out/psci-$n.log")" -eq 3 ]
	check "psci_${n}_vcpus_done_ok" grep -aq '^@s2b done status=ok boots=3 ' "$out/psci-$n.log"
	check "psci_${n}_vcpus_crc" crc_ok "$out/psci-$n.log"
done

# Every strategy, touch and memsweep, 1, 2 and 4 vCPUs: every boot's checks pass.
while read -r name control fwb; do
	for n in 1 2 4; do
		for g in touch memsweep; do
			log=$out/$g-$name-$n.log
			qemu_virt "$log" max "s2b.strategy=$name s2b.guest=$g s2b.boots=3 s2b.vcpus=$n s2b.frac=10 s2b.order=random" -smp "$n"
			check "${g}_${name}_${n}_vcpus_checks_pass" [ "$(grep -ac '^@s2b boot .* check=pass exit=reset ' "$log")" -eq 3 ]
			check "${g}_${name}_${n}_vcpus_done_ok" grep -aq '^@s2b done status=ok boots=3 ' "$log"
			[ "$n" -gt 1 ] && check "${g}_${name}_${n}_vcpus_all_started" \
				[ "$(grep -ac "^@s2b metric boot=[0-9] key=vcpus value=$n " "$log")" -eq 3 ]
		done
	done
done < <(table_strategies)

# Deterministic: the same run twice gives the same records, counts included.
qemu_virt "$out/psci-4b.log" max "s2b.strategy=unmap s2b.guest=psci s2b.boots=3 s2b.vcpus=4" -smp 4
check "psci_4_vcpus_counts_deterministic" [ "$(boot_lines "$out/psci-4.log")" = "$(boot_lines "$out/psci-4b.log")" ]
qemu_virt "$out/touch-4b.log" max "s2b.strategy=unmap s2b.guest=touch s2b.boots=3 s2b.vcpus=4 s2b.frac=10 s2b.order=random" -smp 4
check "touch_4_vcpus_counts_deterministic" [ "$(boot_lines "$out/touch-unmap-4.log")" = "$(boot_lines "$out/touch-4b.log")" ]

# More vCPUs than the machine has CPUs; more than s2hv supports.
qemu_virt "$out/short.log" max "s2b.guest=psci s2b.vcpus=4" -smp 2
check "more_vcpus_than_cpus_refused" grep -aq '^@s2b error code=smp_failed msg=more_vcpus_than_cpus key=s2b.vcpus ' "$out/short.log"
check "more_vcpus_than_cpus_done_error" grep -aq '^@s2b done status=error boots=0 ' "$out/short.log"
qemu_virt "$out/nine.log" max "s2b.guest=psci s2b.vcpus=9" -smp 8
check "nine_vcpus_bad_arg" grep -aq '^@s2b error code=bad_arg key=s2b.vcpus msg=out_of_range ' "$out/nine.log"

# The harness: vcpus = 1 2 (-smp 2, or s2hv would refuse the run), the report's vCPU chart.
cat >"$out/smp.suite" <<'SUITE'
name = smp
boots = 3
reps = 1
strategy = lazy clean
guest = touch
frac = 10
vcpus = 1 2
SUITE
"$S2BENCH" run "$out/smp.suite" --out "$out/res" -j 2 >"$out/run.txt" 2>&1
check "harness_vcpus_runs_ok" grep -q '^run: 4 runs done, 0 failed' "$out/run.txt"
check "harness_vcpus_in_boots_extra" [ "$(grep -c 'vcpus=2' "$out/res/boots.csv")" -eq 6 ]
"$S2BENCH" report "$out/res" >"$out/report.txt" 2>&1
check "report_draws_cost_vs_vcpus" [ -s "$out/res/charts/cost_vs_vcpus.svg" ]
check "report_page_has_vcpu_figure" grep -q 'Reinit cost vs vCPU count' "$out/res/report.html"
check "report_cells_split_by_vcpus" [ "$(grep -c ',cost,.*,2$' "$out/res/summary.csv")" -eq 2 ]
# One vCPU count only: no vCPU chart, not even a "not drawn" caption.
sed -i 's/^vcpus = 1 2$/vcpus = 2/' "$out/smp.suite"
"$S2BENCH" run "$out/smp.suite" --out "$out/res2" -j 2 >"$out/run2.txt" 2>&1
"$S2BENCH" report "$out/res2" >"$out/report2.txt" 2>&1
check "report_one_vcpu_count_no_vcpu_figure" bash -c "! grep -q 'vCPU count' '$out/res2/report.html'"
finish
