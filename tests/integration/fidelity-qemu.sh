#!/bin/bash
# What an EL1 image sees of s2hv, checked against what KVM gives it (issue 18), by the raw-image
# probe linux-guest/fidelity-probe.c run as s2b.guest=image under QEMU with MTE (mte=on):
# an access outside RAM is a synchronous external abort the probe's own handler takes (ESR,
# FAR, ELR, SPSR checked there) and the boot goes on, counted as aborts_injected; the PMU and
# MTE are hidden from the ID registers and their registers are UNDEFINED; /chosen/bootargs is
# exactly the bundle's command line (empty without one); SME's streaming mode and ZA are off at
# every boot's entry, as after a reset; a guest powering off at boot 1 of 3
# ends with done status=powered_off_early; a guest with no vectors that aborts is stopped by
# the fault-loop limit.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/fidelity-qemu
rm -rf "$out" && mkdir -p "$out"
probe=$BUILD/linux-guest/fidelity-probe.bin
if ! make --no-print-directory BUILD="$BUILD" "$probe" >"$out/make.log" 2>&1; then
	fail "fidelity_probe_builds (see $out/make.log)"
	finish
fi
bundle() { scripts/linux-guest-bundle.sh -k "$probe" "$@" >/dev/null; }
bundle -o "$out/plain.img"
bundle -a "probe.off_at=1 quiet" -o "$out/off.img"
bundle -a "probe.novec" -o "$out/novec.img"
run() { # run NAME BUNDLE BOOTS [qemu -M extras] [cpu]
	local m=virt,virtualization=on${4:-}
	timeout --foreground -k 5 60 qemu-system-aarch64 -M "$m" -cpu "${5:-max}" -m 1G -nographic \
		-monitor none -serial stdio -icount shift=0 -no-reboot -kernel "$S2HV_IMG" -initrd "$2" \
		-append "s2b.strategy=unmap s2b.guest=image s2b.boots=$3" </dev/null >"$out/$1.log" 2>&1
}

# Two boots with MTE in the machine: every check of the probe passes in both.
run plain "$out/plain.img" 2 ,mte=on
check "probe_checks_pass_every_boot" [ "$(grep -ac '^@s2b boot .* aborts_injected=2 .*check=pass exit=reset ' "$out/plain.log")" -eq 2 ]
check "probe_no_error_record" bash -c "! grep -aq '^@s2b error' '$out/plain.log'"
check "probe_run_ok" grep -aq '^@s2b done status=ok boots=2 ' "$out/plain.log"
check "data_abort_syndrome" grep -aq '^guest| probe: data abort esr=0x96000010 far=0x44200000' "$out/plain.log"
check "instruction_abort_syndrome" grep -aq '^guest| probe: instruction abort esr=0x86000010 far=0x44201000' "$out/plain.log"
check "pmu_and_mte_registers_undefined" [ "$(grep -Eac '^guest\| probe: (pmcr_el0|tfsr_el1) esr=0x2000000[[:space:]]*$' "$out/plain.log")" -eq 4 ]
# Boot 0 left streaming mode and ZA on: every boot still starts with them off, as after a reset.
check "sme_streaming_mode_off_at_every_boot" [ "$(grep -ac '^guest| probe: svcr=0x0 at entry' "$out/plain.log")" -eq 2 ]
check "no_bootargs_is_empty_bootargs" [ "$(grep -ac '^guest| probe: bootargs=\[\] len=1' "$out/plain.log")" -eq 2 ]

# The command line arrives as written; the probe powers off at boot 1 of 3.
run off "$out/off.img" 3
check "bootargs_exactly_as_given" grep -aq '^guest| probe: bootargs=\[probe.off_at=1 quiet\] len=21' "$out/off.log"
check "off_at_boot_1" grep -aq '^@s2b boot idx=1 .* check=pass exit=off ' "$out/off.log"
check "off_early_done_status" grep -aq '^@s2b done status=powered_off_early boots=2 ' "$out/off.log"
"$S2BENCH" parse "$out/off.log" --out "$out/off" >"$out/off.txt" 2>&1
check "aborts_injected_stored_per_boot" [ "$(grep -c ',aborts_injected=2$' "$out/off/boots.csv")" -eq 2 ]
check "off_early_run_status" grep -q ',powered_off_early,,,2,0,powered_off_early:2_of_3_boots:last_exit_off,' "$out/off/runs.csv"

# No vectors (VBAR_EL1 = 0): the abort is delivered to 0x200, where nothing is either; the same
# IPA aborting 17 times in a row ends the run (core/fault.c), it never spins: the load outside
# RAM, then 16 deliveries to 0x200.
run novec "$out/novec.img" 2
check "abort_loop_ends_the_run" grep -aq '^@s2b error code=fault_loop msg=guest_aborts_again_at_same_ipa boot=0 esr=0x8[0-9a-f]* far=0x200 ' "$out/novec.log"
check "abort_loop_counts_17" grep -aq '^@s2b boot idx=0 .* aborts_injected=17 .*exit=error ' "$out/novec.log"
check "abort_loop_done_error" grep -aq '^@s2b done status=error boots=1 ' "$out/novec.log"
finish
