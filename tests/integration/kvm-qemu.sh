#!/bin/bash
# s2vmm on real KVM arm64 inside QEMU (scripts/kvm-qemu.sh), observing the seed's code path:
#   neoverse-n1 (no FEAT_S2FWB): KVM_ARM_VCPU_INIT runs stage2_unmap_vm on every re-init, and the
#     guest faults again on every page it touches (faults ≈ touched pages, 4K backing);
#   max (FWB): no unmap, and ~0 stage-2 faults after the first boot;
#   2M-aligned THP backing: block mappings, so faults ≈ touched MiB / 2;
#   the real hello and touch guests over the doorbell transport; a bad argument stops cleanly.
# Needs the KVM host image (make kvm-image): SKIP when its kernel cannot be downloaded.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
kvm_test_begin kvm-qemu

# Two QEMUs at a time: each host boot is 3-10 s of TCG.
kvm_run n1 kvm-qemu-n1 s2b.guest=kvmtest s2b.boots=3 s2b.frac=50
kvm_run max kvm-qemu-max s2b.guest=kvmtest s2b.boots=3 s2b.frac=50
wait
kvm_run n1-2m kvm-qemu-n1 s2b.guest=kvmtest s2b.boots=2 s2b.frac=50 s2b.block=2m
kvm_run hello kvm-qemu-n1 s2b.guest=hello s2b.boots=2
wait
kvm_run touch-n1 kvm-qemu-n1 s2b.guest=touch s2b.boots=2
kvm_run touch-max kvm-qemu-max s2b.guest=touch s2b.boots=2
wait
kvm_run badarg kvm-qemu-max s2b.guest=kvmtest s2b.boots=12x
wait

# $1 = log: every boot record, its touched-page count (the guest's `pages` metric).
pages_of() { field "$(grep -a '^@s2b metric boot=0 key=pages ' "$1")" value; }
# boots_match LOG N FIRST LAST UNMAPS FLO FHI: the log has N boot records, and boots FIRST..LAST
# each have unmaps=UNMAPS and FLO <= faults <= FHI.
boots_match() {
	local log=$1 n=$2 first=$3 last=$4 unmaps=$5 lo=$6 hi=$7 i f b
	mapfile -t b < <(boots_of "$log")
	[ "${#b[@]}" -eq "$n" ] || return 1
	for ((i = first; i <= last; i++)); do
		f=$(field "${b[$i]}" faults)
		[ "$(field "${b[$i]}" unmaps)" = "$unmaps" ] && [ -n "$f" ] && [ "$f" -ge "$lo" ] &&
			[ "$f" -le "$hi" ] || return 1
	done
}
unmap_timed() { # LOG IDX...: stage2_unmap_vm took measurable time in those boots' re-inits
	local log=$1 i b; shift
	for i; do
		b=$(boots_of "$log" | sed -n "$((i + 1))p")
		[ "$(field "$b" unmap_us)" -gt 0 ] 2>/dev/null || return 1
	done
}

for run in n1 max n1-2m hello touch-n1 touch-max; do
	log=$out/$run.log
	check "${run}_qemu_exits_0" [ "$(cat "$out/$run.rc")" = 0 ]
	check "${run}_done_ok" grep -aq '^@s2b done status=ok ' "$log"
	check "${run}_records_have_valid_crcs" crc_ok "$log"
	check "${run}_every_boot_check_pass" all_checks_pass "$log"
done

# neoverse-n1 (no FWB), 4K backing: stage2_unmap_vm in every re-init (never in the first init),
# and every boot faults again on about every touched page.
log=$out/n1.log
p=$(pages_of "$log") tol=$(($(pages_of "$log") / 50 + 4))
check n1_hello_says_no_fwb_vhe grep -aq '^@s2b hello .* kvm_mode=vhe .*fwb=0 ' "$log"
check n1_first_boot_no_unmap_faults_near_${p}_pages boots_match "$log" 3 0 0 0 $((p - tol)) $((p + tol))
check n1_unmap_every_reinit_faults_near_${p}_pages boots_match "$log" 3 1 2 1 $((p - tol)) $((p + tol))
check n1_unmap_time_measured unmap_timed "$log" 1 2

# max (FEAT_S2FWB): never an unmap; the first boot faults, the re-inits (almost) do not.
log=$out/max.log
p=$(pages_of "$log") tol=$(($(pages_of "$log") / 50 + 4))
check max_hello_says_fwb grep -aq '^@s2b hello .*fwb=1 ' "$log"
check max_first_boot_faults_near_${p}_pages boots_match "$log" 3 0 0 0 $((p - tol)) $((p + tol))
check max_no_unmap_and_at_most_2_faults_after_reinit boots_match "$log" 3 1 2 0 0 2

# 2 MiB-aligned THP backing: KVM maps blocks, one fault per touched 2 MiB (+ the image's block).
log=$out/n1-2m.log
p=$(pages_of "$log")
check n1_2m_one_fault_per_2MiB_block boots_match "$log" 2 1 1 1 $((p / 512 - 1)) $((p / 512 + 3))

# The real bench guests over the doorbell transport; touch shows the same pattern.
check hello_guest_lines_relayed grep -aq '^guest| hello from boot 1' "$out/hello.log"
p=$(pages_of "$out/touch-n1.log") tol=$(($(pages_of "$out/touch-n1.log") / 50 + 16))
check touch_n1_unmap_and_refault_near_${p}_pages boots_match "$out/touch-n1.log" 2 1 1 1 $((p - tol)) $((p + tol))
check touch_max_no_unmap_no_faults boots_match "$out/touch-max.log" 2 1 1 0 0 2

# Bad input: an error naming the key, then done status=error and a clean power-off.
log=$out/badarg.log
check badarg_error_names_key grep -aq '^@s2b error code=bad_arg key=s2b.boots msg=bad_number ' "$log"
check badarg_done_error grep -aq '^@s2b done status=error boots=0 ' "$log"
check badarg_qemu_exits_0 [ "$(cat "$out/badarg.rc")" = 0 ]

finish
