#!/bin/bash
# s2vmm on real KVM arm64 inside QEMU (scripts/kvm-qemu.sh), observing the seed's code path:
#   neoverse-n1 (no FEAT_S2FWB): KVM_ARM_VCPU_INIT runs stage2_unmap_vm on every re-init, and the
#     guest faults again on every page it touches (faults ≈ touched pages, 4K backing);
#   max (FWB): no unmap, and ~0 stage-2 faults after the first boot;
#   2M-aligned THP backing: block mappings, so faults ≈ touched MiB / 2;
#   the real hello guest over the doorbell transport; a bad argument stops cleanly.
# Needs the KVM host image (make kvm-image): SKIP when its kernel cannot be downloaded.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/kvm-qemu
mkdir -p "$out"

if ! scripts/kvm-fetch-kernel.sh "$BUILD/kvm" >"$out/fetch.log" 2>&1; then
	skip kvm-qemu "no host kernel and the Debian registry is unreachable ($out/fetch.log)"
	finish
fi
if ! make --no-print-directory BUILD="$BUILD" kvm-image >"$out/make.log" 2>&1; then
	fail kvm_image_builds; tail -20 "$out/make.log"; finish
fi

crc_ok() { # FILE: every @s2b line carries the CRC-32 of what precedes " *"
	local bad=0 line body crc
	while IFS= read -r line; do
		line=${line%$'\r'}
		[[ $line == "@s2b "* ]] || continue
		body=${line% \**}
		crc=${line##* \*}
		[ "$(printf '%s' "$body" | gzip -c | tail -c8 | od -An -tx4 -N4 | tr -d ' ')" = "$crc" ] || bad=1
	done <"$1"
	return $bad
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1" | tr -d '\r'; }
near() { # A B TOL: |A - B| <= TOL
	[ -n "$1" ] && [ -n "$2" ] && [ $(($1 > $2 ? $1 - $2 : $2 - $1)) -le "$3" ]
}
run() { # NAME BOARD WORDS...: one QEMU boot in the background; status in $out/NAME.rc
	local name=$1; shift
	(scripts/kvm-qemu.sh "$@" >"$out/$name.log" 2>&1; echo $? >"$out/$name.rc") &
}

# Two QEMUs at a time: each host boot is 3-10 s of TCG.
run n1 kvm-qemu-n1 s2b.guest=kvmtest s2b.boots=3 s2b.frac=50
run max kvm-qemu-max s2b.guest=kvmtest s2b.boots=3 s2b.frac=50
wait
run n1-2m kvm-qemu-n1 s2b.guest=kvmtest s2b.boots=2 s2b.frac=50 s2b.block=2m
run hello kvm-qemu-n1 s2b.guest=hello s2b.boots=2
wait
run badarg kvm-qemu-max s2b.guest=kvmtest s2b.boots=12x
wait

# $1 = log: every boot record, its touched-page count (the guest's `pages` metric).
boots_of() { grep -a '^@s2b boot ' "$1" | tr -d '\r'; }
pages_of() { field "$(grep -a '^@s2b metric boot=0 key=pages ' "$1")" value; }

for cpu in n1 max n1-2m hello; do
	log=$out/$cpu.log
	check "${cpu}_qemu_exits_0" [ "$(cat "$out/$cpu.rc")" = 0 ]
	check "${cpu}_done_ok" grep -aq '^@s2b done status=ok ' "$log"
	check "${cpu}_records_have_valid_crcs" crc_ok "$log"
	check "${cpu}_every_boot_check_pass" bash -c "! grep -a '^@s2b boot ' '$log' | grep -vq ' check=pass '"
done

# neoverse-n1, 4K backing: unmap on every re-init, faults ≈ touched pages on every boot.
log=$out/n1.log
pages=$(pages_of "$log")
check n1_hello_says_no_fwb_vhe grep -aq '^@s2b hello .* kvm_mode=vhe .*fwb=0 ' "$log"
mapfile -t b < <(boots_of "$log")
ok=$([ "${#b[@]}" -eq 3 ] && echo 1 || echo 0)
for i in "${!b[@]}"; do
	f=$(field "${b[$i]}" faults)
	near "$f" "$pages" $((pages / 50 + 4)) || ok=0
	if [ "$i" -eq 0 ]; then
		[ "$(field "${b[$i]}" unmaps)" = 0 ] || ok=0
	else
		[ "$(field "${b[$i]}" unmaps)" = 1 ] && [ "$(field "${b[$i]}" unmap_us)" -gt 0 ] || ok=0
	fi
done
check n1_unmap_on_every_reinit_and_faults_near_touched_pages_$pages [ "$ok" = 1 ]

# max (FEAT_S2FWB): no unmap ever, the first boot faults, the re-inits (almost) do not.
log=$out/max.log
pages=$(pages_of "$log")
check max_hello_says_fwb grep -aq '^@s2b hello .*fwb=1 ' "$log"
mapfile -t b < <(boots_of "$log")
ok=$([ "${#b[@]}" -eq 3 ] && echo 1 || echo 0)
for i in "${!b[@]}"; do
	f=$(field "${b[$i]}" faults)
	[ "$(field "${b[$i]}" unmaps)" = 0 ] || ok=0
	if [ "$i" -eq 0 ]; then near "$f" "$pages" $((pages / 50 + 4)) || ok=0
	else [ -n "$f" ] && [ "$f" -le 2 ] || ok=0; fi
done
check max_no_unmap_and_no_faults_after_reinit [ "$ok" = 1 ]

# 2 MiB-aligned THP backing: KVM maps blocks, one fault per touched 2 MiB (+ the image's block).
log=$out/n1-2m.log
pages=$(pages_of "$log")
mapfile -t b < <(boots_of "$log")
ok=$([ "${#b[@]}" -eq 2 ] && echo 1 || echo 0)
for i in "${!b[@]}"; do
	f=$(field "${b[$i]}" faults)
	near "$f" $((pages / 512 + 1)) 2 || ok=0
done
[ "$(field "${b[1]:-}" unmaps)" = 1 ] || ok=0
check n1_2m_blocks_fault_once_per_2MiB [ "$ok" = 1 ]

# The real bench guest over the doorbell transport.
check hello_guest_lines_relayed grep -aq '^guest| hello from boot 1' "$out/hello.log"

# Bad input: an error naming the key, then done status=error and a clean power-off.
log=$out/badarg.log
check badarg_error_names_key grep -aq '^@s2b error code=bad_arg key=s2b.boots msg=bad_number ' "$log"
check badarg_done_error grep -aq '^@s2b done status=error boots=0 ' "$log"
check badarg_qemu_exits_0 [ "$(cat "$out/badarg.rc")" = 0 ]

finish
