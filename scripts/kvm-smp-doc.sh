#!/bin/bash
# kvm-smp-doc.sh [--doc DOC]: KVM's reboot cost against the guest's vCPU count. Runs the touch
# guest (64 MiB, frac 50, 3 boots: 2 reboots) with s2b.vcpus=1, 2, 4, 8 under s2vmm on
# kvm-qemu-n1 (no FEAT_S2FWB: every vCPU's re-init calls stage2_unmap_vm), the QEMU host given 8
# CPUs every time (TCG slows down with its CPU count: one host for all N), and prints a markdown
# table of the reboots' means; with --doc, writes it into DOC's `kvm-smp` section
# (scripts/doc-regions.sh). Wall-clock under nested TCG: the numbers vary from run to run, so no
# test checks them (the counts are checked by tests/integration/kvm-smp.sh).
set -eu
cd "$(dirname "$0")/.."
doc=""
[ "${1:-}" = --doc ] && doc=${2:?usage: kvm-smp-doc.sh [--doc DOC]}
BUILD=${BUILD:-build}
export BUILD
out=$BUILD/kvm-smp-doc
mkdir -p "$out"
make --no-print-directory BUILD="$BUILD" kvm-image >"$out/make.log"

# mean LOG KEY: the mean of KEY over the boot records with idx >= 1 ("-" when absent).
mean() {
	grep -a '^@s2b boot ' "$1" | tr -d '\r' | awk -v k="$2" '
		{ idx = -1; v = ""
		  for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "idx") idx = kv[2]; if (kv[1] == k) v = kv[2] } }
		idx >= 1 && v != "" { s += v; n++ }
		END { if (n) printf "%.0f", s / n; else printf "-" }'
}

table=$out/table.md
{
	echo "| vCPUs | unmaps per reboot | stage2_unmap_vm, all calls (µs) | the longest call (µs) | the other calls together (µs) | KVM_ARM_VCPU_INIT, all vCPUs (µs) | faults after the reboot | reboot → READY (ms) |"
	echo "|---|---|---|---|---|---|---|---|"
	for n in 1 2 4 8; do
		log=$out/touch-$n.log
		QEMU_SMP=8 timeout -k 5 600 scripts/kvm-qemu.sh kvm-qemu-n1 s2b.guest=touch s2b.boots=3 s2b.frac=50 \
			s2b.vcpus=$n >"$log" 2>&1
		grep -aq '^@s2b done status=ok boots=3 ' "$log" || { echo "kvm-smp-doc: $log did not end ok" >&2; exit 1; }
		us=$(mean "$log" unmap_us) max=$(mean "$log" unmap_max_us)
		[ "$max" = - ] && max=$us # one vCPU: one call, its time is the sum
		init=$(mean "$log" init_ns) reboot=$(mean "$log" reboot_ns)
		echo "| $n | $(mean "$log" unmaps) | $us | $max | $((us - max)) | $((init / 1000)) | $(mean "$log" faults) | $((reboot / 1000000)) |"
	done
} >"$table"
cat "$table"
[ -z "$doc" ] || scripts/doc-regions.sh write "$doc" kvm-smp "$table"
