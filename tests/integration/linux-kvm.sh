#!/bin/bash
# The Debian arm64 kernel as an s2vmm guest (real KVM inside QEMU, kvm-qemu-n1), booted as an
# arm64 Image (booting.rst: text_offset, x1..x3 = 0) with its own command line and no root fs:
# it finds s2vmm's vGIC, timer and PSCI in the DTB, its amba-pl011 driver probes the emulated
# PL011 and prints through it, and its panic (no root) reboots by PSCI SYSTEM_RESET. Needs the
# KVM host image: SKIP without its kernel. About 40 s.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/linux-kvm
mkdir -p "$out"
log=$out/linux.log

need_kvm_image linux_kvm linux_kvm_image_builds
if ! make --no-print-directory BUILD="$BUILD" "$BUILD/kvm/initrd-linux.gz" >"$out/make-initrd.log" 2>&1; then
	fail "linux_kvm_initrd_builds (see $out/make-initrd.log)"
	finish
fi
KVM_INITRD=$BUILD/kvm/initrd-linux.gz timeout -k 5 300 scripts/kvm-qemu.sh kvm-qemu-n1 \
	s2b.guest=linux s2b.mem=128M s2b.boots=1 s2b.boot_timeout=240 >"$log" 2>&1
echo $? >"$out/rc"

text() { grep -a '^guest| ' "$log" | tr -d '\r' | sed 's/^guest| //'; }
prints() { text | grep -qxF "$1"; }
prints_match() { text | grep -qx "$1"; }
boot=$(grep -a '^@s2b boot ' "$log" | tr -d '\r')

check "linux_kvm_exits_0" [ "$(cat "$out/rc")" = 0 ]
check "linux_kvm_reboots_by_psci" [ "$(field "$boot" exit)" = reset ]
check "linux_kvm_done_ok" grep -aq '^@s2b done status=ok boots=1 ' "$log"
check "linux_kvm_no_error_record" bash -c "! grep -aq '^@s2b error' '$log'"
check "linux_kvm_command_line_is_its_own" prints "Kernel command line: $(cat "$BUILD/kvm/linux-guest/linux.cmdline")"
check "linux_kvm_entered_per_boot_protocol" bash -c "! grep -aq 'x1-x3 nonzero' '$log'"
check "linux_kvm_dtb_model" prints "Machine model: s2vmm guest"
check "linux_kvm_psci_from_dtb" prints "psci: PSCIv1.1 detected in firmware."
check "linux_kvm_gicv3_from_dtb" prints "GICv3: CPU0: found redistributor 0 region 0:0x00000000080a0000"
check "linux_kvm_arch_timer_runs" prints_match 'arch_timer: cp15 timer(s) running at .* (virt)\.'
check "linux_kvm_amba_pl011_probes" \
	prints_match '9000000.pl011: ttyAMA0 at MMIO 0x9000000 (irq = [0-9]*, base_baud = 0) is a PL011 rev1'
check "linux_kvm_prints_through_pl011_console" prints "printk: console [ttyAMA0] enabled"
check "linux_kvm_runs_to_its_panic" prints_match 'Kernel panic - not syncing: VFS: Unable to mount root fs.*'
# The vGIC's and the UART's register accesses are device accesses, not stray faults.
check "linux_kvm_no_stray_faults" [ "$(field "$boot" stray_faults)" = 0 ]
finish
