#!/bin/sh
# kvm-qemu.sh BOARD [s2b.key=value ...]
# Run s2vmm on real KVM arm64 inside QEMU (TCG, virtualization=on): boots the KVM host image
# (`make kvm-image`: Debian cloud-arm64 kernel + initramfs whose /init is s2vmm) on the board's
# CPU, with the s2b.* words on the kernel command line. The console (records, relayed guest lines)
# goes to stdout; s2vmm powers the machine off, so QEMU's exit status is 0 after a normal run.
#   BOARD: kvm-qemu-n1 (neoverse-n1: VHE, no FWB), kvm-qemu-a72 (cortex-a72: nVHE, no FWB),
#          kvm-qemu-max (max,pauth-impdef=on: FWB; plain max boots ~2.5x slower)
# Environment: BUILD (build), KVM_ARM_MODE (nvhe|protected: kvm-arm.mode= on the host kernel),
#              QEMU_MEM (host RAM, default 1G), QEMU_SMP (host CPUs, default s2b.vcpus or 1),
#              KVM_INITRD (the host initramfs, default
#              $BUILD/kvm/initrd.gz; $BUILD/kvm/initrd-linux.gz holds the Linux guest).
# No time limit of its own: the caller's is the one (s2bench's suite `timeout`, which it records
# as `timeout`; by hand, timeout(1)); a guest that stops is ended by s2vmm's s2b.boot_timeout.
set -eu

board=${1:?usage: kvm-qemu.sh BOARD [s2b.key=value ...]}
shift
case "$board" in
kvm-qemu-n1) cpu=neoverse-n1 ;;
kvm-qemu-a72) cpu=cortex-a72 ;;
kvm-qemu-max) cpu=max,pauth-impdef=on ;;
*) echo "kvm-qemu: unknown board $board (kvm-qemu-n1, kvm-qemu-a72, kvm-qemu-max)" >&2; exit 2 ;;
esac
build=${BUILD:-build}
initrd=${KVM_INITRD:-$build/kvm/initrd.gz}
for f in "$build/kvm/Image" "$initrd"; do
	[ -f "$f" ] || { echo "kvm-qemu: $f missing: run 'make kvm-image' (or 'make $f')" >&2; exit 2; }
done
[ -z "${QEMU_TIMEOUT:-}" ] ||
	echo "kvm-qemu: QEMU_TIMEOUT is ignored: the caller's time limit is the only one" >&2
mode=""
[ -n "${KVM_ARM_MODE:-}" ] && mode="kvm-arm.mode=$KVM_ARM_MODE"
# As many host CPUs as the guest has vCPUs (s2b.vcpus=N, 1..8; s2vmm refuses other values), so
# each vCPU thread can run on a CPU of its own, as on a real host; QEMU_SMP overrides it.
smp=1
for w in "$@"; do
	case "$w" in
	s2b.vcpus=[1-8]) smp=${w#s2b.vcpus=} ;;
	esac
done
smp=${QEMU_SMP:-$smp}

# quiet + s2vmm lowering the console log level keep kernel lines out of the record stream.
# s2vmm.end last: the kernel silently keeps only 2047 bytes of its command line, and s2vmm refuses
# to run when this word did not survive (kvm/cmdline.h).
exec qemu-system-aarch64 \
	-M virt,virtualization=on,gic-version=3 -cpu "$cpu" -smp "$smp" -m "${QEMU_MEM:-1G}" \
	-nographic -monitor none -serial stdio -no-reboot \
	-kernel "$build/kvm/Image" -initrd "$initrd" \
	-append "console=ttyAMA0 panic=-1 quiet $mode s2b.board=$board $* s2vmm.end" </dev/null
