#!/bin/bash
# s2vmm with N vCPUs (s2b.vcpus=N, one thread each) on real KVM arm64 inside QEMU (the host gets
# -smp N, scripts/kvm-qemu.sh):
#   touch and memsweep split their work over 1, 2 and 4 vCPUs (started by PSCI CPU_ON, which KVM
#     serves) and every check passes, boot after boot;
#   without FEAT_S2FWB (neoverse-n1 VHE, cortex-a72 nVHE) a reboot re-inits every vCPU and each
#     KVM_ARM_VCPU_INIT of a vCPU that has entered KVM_RUN calls stage2_unmap_vm: unmaps = N per
#     reboot (0 at the first boot), and touch faults again on every page it touches;
#   with FWB (max) no re-init unmaps and the re-booted guest barely faults.
# Needs the KVM host image (make kvm-image): SKIP when its kernel cannot be downloaded.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
kvm_test_begin kvm-smp

# NAME BOARD GUEST VCPUS BOOTS, two QEMUs at a time (2 CPUs shared). Two boots (the first init
# and one reboot) but for 8 vCPUs, the most s2vmm takes: a reboot more, as every boot's end joins
# 7 threads. badarg asks for 9.
runs=(
	"touch1 kvm-qemu-n1 touch 1 2" "touch2 kvm-qemu-n1 touch 2 2"
	"touch4 kvm-qemu-n1 touch 4 2" "memsweep2 kvm-qemu-a72 memsweep 2 2"
	"memsweep4 kvm-qemu-n1 memsweep 4 2" "touch2-max kvm-qemu-max touch 2 2"
	"memsweep8 kvm-qemu-n1 memsweep 8 3" "badarg kvm-qemu-n1 touch 9 2"
)
for ((i = 0; i < ${#runs[@]}; i++)); do
	read -r name board guest n boots <<<"${runs[$i]}"
	kvm_run "$name" "$board" s2b.guest="$guest" s2b.boots="$boots" s2b.vcpus="$n"
	[ $((i % 2)) = 1 ] && wait
done
wait

boot_n() { boots_of "$1" | sed -n "$(($2 + 1))p"; } # LOG IDX
# The guest's `vcpus` metric (how many vCPUs it ran on; touch/memsweep report it above 1).
guest_vcpus() { field "$(grep -a '^@s2b metric boot=1 key=vcpus ' "$1")" value; }
# vcpus_key LOG N: every boot record says vcpus=N (absent for one vCPU: records as before SMP).
vcpus_key() {
	local want=$2
	[ "$want" = 1 ] && want=""
	while IFS= read -r b; do [ "$(field "$b" vcpus)" = "$want" ] || return 1; done < <(boots_of "$1")
}
# unmaps_are LOG FIRST REINIT: unmaps=FIRST at idx 0 and REINIT at every later boot.
unmaps_are() {
	local b i=0
	while IFS= read -r b; do
		[ "$(field "$b" unmaps)" = "$([ $i = 0 ] && echo "$2" || echo "$3")" ] || return 1
		i=$((i + 1))
	done < <(boots_of "$1")
	[ $i -ge 2 ]
}
# The summed unmap time is measured and no call is longer than the sum (unmap_max_us with N>1).
unmap_time_sane() {
	local b us max
	b=$(boot_n "$1" 1) us=$(field "$b" unmap_us) max=$(field "$b" unmap_max_us)
	[ "$us" -gt 0 ] && { [ -z "$max" ] || { [ "$max" -gt 0 ] && [ "$max" -le "$us" ]; }; }
}
faults_at() { field "$(boot_n "$1" "$2")" faults; }
pages_of() { field "$(grep -a '^@s2b metric boot=1 key=pages ' "$1")" value; }
# refaults LOG: the reboot faults on every page touch touched, plus at most 64 (vCPU stacks, image)
refaults() {
	local p f
	p=$(pages_of "$1") f=$(faults_at "$1" 1)
	[ -n "$p" ] && [ -n "$f" ] && [ "$f" -ge "$p" ] && [ "$f" -le $((p + 64)) ]
}

for run in touch1 touch2 touch4 memsweep2 memsweep4 memsweep8 touch2-max; do
	log=$out/$run.log
	n=${run//[!0-9]/} n=${n:0:1}
	check "${run}_qemu_exits_0" [ "$(cat "$out/$run.rc")" = 0 ]
	asked=$(field "$(grep -a '^@s2b cfg ' "$log")" boots)
	check "${run}_done_ok_${asked:-?}_boots" grep -aq "^@s2b done status=ok boots=${asked:-?} " "$log"
	check "${run}_records_have_valid_crcs" crc_ok "$log"
	check "${run}_every_boot_check_pass" all_checks_pass "$log"
	check "${run}_boot_records_say_vcpus_$n" vcpus_key "$log" "$n"
	[ "$n" -gt 1 ] && check "${run}_guest_ran_on_${n}_vcpus" [ "$(guest_vcpus "$log")" = "$n" ]
	case $run in
	*-max)
		check "${run}_fwb_no_unmap" unmaps_are "$log" 0 0
		check "${run}_fwb_reboot_at_most_2_faults" [ "$(faults_at "$log" 1)" -le 2 ] ;;
	*)
		check "${run}_no_fwb_${n}_unmaps_per_reboot" unmaps_are "$log" 0 "$n"
		check "${run}_unmap_time_measured" unmap_time_sane "$log" ;;
	esac
done

# touch re-faults every page it touches after a no-FWB reboot, however many vCPUs touch them
# (each vCPU's stack page and the image's pages aside: a few dozen).
for run in touch1 touch2 touch4; do
	check "${run}_reboot_refaults_every_touched_page" refaults "$out/$run.log"
done

# Bad input: one line naming the key, then done status=error and a clean power-off.
log=$out/badarg.log
check badarg_vcpus_out_of_range grep -aq '^@s2b error code=bad_arg key=s2b.vcpus msg=out_of_range ' "$log"
check badarg_done_error grep -aq '^@s2b done status=error boots=0 ' "$log"
check badarg_qemu_exits_0 [ "$(cat "$out/badarg.rc")" = 0 ]

finish
