#!/bin/bash
# One raw EL1 image (image-guests/dtb-probe: DTB in x0, prints on the DTB's PL011, PSCI
# SYSTEM_OFF) under s2hv (qemu-virt, s2b.guest=image) and under s2vmm (real KVM inside QEMU, the
# kvm-qemu boards): the guest's console text is the same, line for line — the DTB nodes it reads
# (chosen, UART + clock + interrupt, memory, CPU, PSCI, GIC, timer), the PL011's registers, the
# text itself. Its /chosen/bootargs is exactly the image's command line under both, and empty
# under both without one (never s2vmm's words). Needs the KVM host image: SKIP without its kernel.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/image-kvm
mkdir -p "$out"
probe=$BUILD/image-guests/dtb-probe
CMDLINE='probe.text="two  spaces" s2b.boots=7 console=ttyAMA0' # = DTB_PROBE_CMDLINE
BOOTARGS_LINE='guest| dtb-probe: /chosen bootargs = '

need_kvm_image image_kvm image_kvm_image_builds
if ! make --no-print-directory BUILD="$BUILD" "$probe-bundle.img" "$probe-nocmd-bundle.img" \
	>"$out/make-bundles.log" 2>&1; then
	fail "image_bundles_build (see $out/make-bundles.log)"
	finish
fi

kvm() { # NAME BOARD WORDS...: one KVM host boot in the background (BOOTS=N: boots asked for)
	local name=$1; shift
	(timeout -k 5 200 scripts/kvm-qemu.sh "$@" s2b.boots=${BOOTS:-1} >"$out/$name.log" 2>&1
	 echo $? >"$out/$name.rc") &
}
kvm kvm-n1 kvm-qemu-n1 s2b.guest=dtb-probe
kvm kvm-max kvm-qemu-max s2b.guest=dtb-probe
wait
kvm kvm-a72-nocmd kvm-qemu-a72 s2b.guest=dtb-probe-nocmd
# GICv3, as the kvm-qemu hosts have: s2hv passes the host's GIC through, s2vmm's vGIC follows it.
qemu_virt "$out/hv.log" max "s2b.strategy=unmap s2b.guest=image s2b.boots=1" -M gic-version=3 \
	-initrd "$probe-bundle.img"
echo $QEMU_RC >"$out/hv.rc"
qemu_virt "$out/hv-nocmd.log" max "s2b.strategy=unmap s2b.guest=image s2b.boots=1" \
	-M gic-version=3 -initrd "$probe-nocmd-bundle.img"
echo $QEMU_RC >"$out/hv-nocmd.rc"
wait
# UART accesses s2vmm cannot serve (kvm/testguest/inject.h): one error record each, a clean stop.
kvm uart-load64 kvm-qemu-n1 s2b.guest=kvmtest s2b.inject=11
kvm uart-ldp kvm-qemu-n1 s2b.guest=kvmtest s2b.inject=12
BOOTS=3 kvm kvm-off-early kvm-qemu-n1 s2b.guest=dtb-probe # powers off at boot 0 of 3
wait

text() { grep -a '^guest| ' "$1" | tr -d '\r'; }
same_text() { diff <(text "$1") <(text "$2") >"$out/diff-$(basename "$2" .log).txt"; }
bootargs_are() { [ "$(text "$1" | grep "^$BOOTARGS_LINE")" = "$BOOTARGS_LINE\"$2\"" ]; }
boot_field() { field "$(grep -a '^@s2b boot ' "$1" | tr -d '\r')" "$2"; }

for run in hv hv-nocmd kvm-n1 kvm-max kvm-a72-nocmd; do
	log=$out/$run.log
	check "image_${run}_exits_0" [ "$(cat "$out/$run.rc")" = 0 ]
	check "image_${run}_powers_off" [ "$(boot_field "$log" exit)" = off ]
	check "image_${run}_done_ok" grep -aq '^@s2b done status=ok boots=1 ' "$log"
	check "image_${run}_no_error_record" bash -c "! grep -aq '^@s2b error' '$log'"
	check "image_${run}_found_everything_in_its_dtb" bash -c \
		"grep -aq '^guest| dtb-probe: done' '$log' && ! grep -aq '(absent)\|documented address\|no such' '$log'"
done
prints_line() { text "$1" | grep -qxF "$2"; }
has_gicv3_and_timer() {
	prints_line "$1" 'guest| dtb-probe: gic compatible = "arm,gic-v3"' &&
		text "$1" | grep -q '^guest| dtb-probe: /timer interrupts = <0x1 '
}
check "image_kvm_has_a_gicv3_and_timer" has_gicv3_and_timer "$out/kvm-n1.log"
check "image_prints_on_the_pl011_of_its_dtb" \
	prints_line "$out/kvm-n1.log" 'guest| dtb-probe: /chosen stdout-path = "/pl011@9000000"'
check "image_same_text_s2hv_and_kvm_n1" same_text "$out/hv.log" "$out/kvm-n1.log"
check "image_same_text_s2hv_and_kvm_max" same_text "$out/hv.log" "$out/kvm-max.log"
check "image_same_text_without_cmdline" same_text "$out/hv-nocmd.log" "$out/kvm-a72-nocmd.log"
check "image_bootargs_exactly_its_cmdline_s2hv" bootargs_are "$out/hv.log" "$CMDLINE"
check "image_bootargs_exactly_its_cmdline_kvm" bootargs_are "$out/kvm-n1.log" "$CMDLINE"
check "image_bootargs_empty_without_cmdline_s2hv" bootargs_are "$out/hv-nocmd.log" ""
check "image_bootargs_empty_without_cmdline_kvm" bootargs_are "$out/kvm-a72-nocmd.log" ""
# READY from the console marker, as s2hv times it; the UART's exits are no stage-2 faults.
check "image_kvm_ready_from_uart_marker" [ -n "$(boot_field "$out/kvm-n1.log" ready_ns)" ]
check "image_kvm_uart_not_counted_as_faults" \
	[ "$(boot_field "$out/kvm-n1.log" stray_faults)$(boot_field "$out/kvm-n1.log" mmio_faults)" = 00 ]
for run in uart-load64 uart-ldp; do
	check "image_${run}_exits_0" [ "$(cat "$out/$run.rc")" = 0 ]
	check "image_${run}_done_error" grep -aq '^@s2b done status=error boots=1 ' "$out/$run.log"
done
# s2vmm says so as s2hv does (fidelity-qemu.sh): the guest powered off before the boots asked for.
check "image_kvm_off_early_done_status" \
	grep -aq '^@s2b done status=powered_off_early boots=1 ' "$out/kvm-off-early.log"
check "image_uart_8_byte_load_is_bad_uart_access" \
	grep -aq '^@s2b error code=guest_trap msg=bad_uart_access boot=0 ipa=0x9000018 ' "$out/uart-load64.log"
check "image_uart_ldp_is_undecodable_uart_access" \
	grep -aq '^@s2b error code=guest_trap msg=undecodable_uart_access boot=0 ipa=0x9000000 esr=0x' \
	"$out/uart-ldp.log"
finish
