#!/bin/bash
# The bench guests under real KVM arm64 (s2vmm inside QEMU, scripts/kvm-qemu.sh): the same
# binaries as under s2hv, now calling through the MMIO doorbell transport (x1 != 0), with the
# doorbell mapped Device-nGnRE by the guests that turn their MMU on. Every guest passes its
# checks on neoverse-n1 (no FWB: stage2_unmap_vm on each re-init) and max (FWB), and an injected
# failure is reported as check=fail. SKIP only when the KVM host kernel cannot be downloaded.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/guests-kvm
mkdir -p "$out"
GUESTS="hello boot-reloc touch icode memsweep"
BOOTS=2

need_kvm_image guests_kvm guests_kvm_image_builds

# all_boots_are LOG N CHECK: exactly N boot records, idx 0..N-1, each check=CHECK exit=reset.
all_boots_are() {
	local log=$1 n=$2 want=$3 i=0 rec
	mapfile -t recs < <(grep -a '^@s2b boot ' "$log" | tr -d '\r')
	[ "${#recs[@]}" -eq "$n" ] || return 1
	for rec in "${recs[@]}"; do
		[ "$(field "$rec" idx)" = "$i" ] && [ "$(field "$rec" check)" = "$want" ] &&
			[ "$(field "$rec" exit)" = reset ] || return 1
		i=$((i + 1))
	done
}
run() { # NAME BOARD WORDS...: one host boot in the background
	local name=$1; shift
	(timeout -k 5 200 scripts/kvm-qemu.sh "$@" >"$out/$name.log" 2>&1
	 echo $? >"$out/$name.rc") &
}

# Two host boots at a time (each is a few seconds of TCG).
for g in $GUESTS; do
	run "$g-n1" kvm-qemu-n1 s2b.guest=$g s2b.boots=$BOOTS s2b.frac=10
	run "$g-max" kvm-qemu-max s2b.guest=$g s2b.boots=$BOOTS s2b.frac=10
	wait
done
run inject-n1 kvm-qemu-n1 s2b.guest=icode s2b.boots=$BOOTS s2b.seed=0xbadc0de
run inject-max kvm-qemu-max s2b.guest=touch s2b.boots=$BOOTS s2b.frac=10 s2b.seed=0xbadc0de
wait

for g in $GUESTS; do
	for b in n1 max; do
		log=$out/$g-$b.log
		check "${g}_kvm_${b}_exits_0" [ "$(cat "$out/$g-$b.rc")" = 0 ]
		check "${g}_kvm_${b}_boots_check_pass" all_boots_are "$log" $BOOTS pass
		check "${g}_kvm_${b}_done_ok" grep -aq "^@s2b done status=ok boots=$BOOTS " "$log"
		check "${g}_kvm_${b}_no_error_record" bash -c "! grep -aq '^@s2b error' '$log'"
	done
done
check "hello_kvm_uses_doorbell" grep -aq '^guest| hello from boot 1 (doorbell transport)' "$out/hello-n1.log"
check "icode_kvm_injected_fault_gives_check_fail" all_boots_are "$out/inject-n1.log" $BOOTS fail
check "touch_kvm_injected_fault_gives_check_fail" all_boots_are "$out/inject-max.log" $BOOTS fail
check "kvm_injected_fault_gives_guest_check_errors" \
	grep -aq '^@s2b error code=guest_check ' "$out/inject-max.log"

finish
