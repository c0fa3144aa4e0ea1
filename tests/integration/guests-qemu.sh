#!/bin/bash
# The bench guests under s2hv in QEMU: every guest runs its boots with check=pass under a
# correct strategy (unmap) and the negative control (none: QEMU models no caches, so it passes
# here too), and a deliberately failed verification (s2b.inject=1, see
# bench-guests/lib/inject.h) reaches every boot record as check=fail with a guest_check error.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/guests-qemu
mkdir -p "$out"
GUESTS="hello boot-reloc touch icode memsweep"
BOOTS=3


# all_boots_are LOG N CHECK: exactly N boot records, idx 0..N-1, each check=CHECK exit=reset.
all_boots_are() {
	local log=$1 n=$2 want=$3 i=0 rec
	mapfile -t recs < <(grep -a '^@s2b boot ' "$log")
	[ "${#recs[@]}" -eq "$n" ] || return 1
	for rec in "${recs[@]}"; do
		[ "$(field "$rec" idx)" = "$i" ] && [ "$(field "$rec" check)" = "$want" ] &&
			[ "$(field "$rec" exit)" = reset ] && [ -n "$(field "$rec" ready_insts)" ] || return 1
		i=$((i + 1))
	done
}

# metric LOG BOOT KEY: the value of a guest metric.
metric() { grep -a "^@s2b metric boot=$2 key=$3 " "$1" | sed -n 's/.* value=\([0-9]*\) .*/\1/p'; }

if [ ! -f "$S2HV_IMG" ]; then
	skip "guests_qemu (no $S2HV_IMG)"
	finish
fi

# 1. Every guest x {unmap, none}: BOOTS boots, all verified.
for g in $GUESTS; do
	for s in unmap none; do
		log=$out/$g-$s.log
		qemu_virt "$log" max "s2b.strategy=$s s2b.guest=$g s2b.boots=$BOOTS s2b.frac=10"
		check "${g}_${s}_exits_0" [ "$QEMU_RC" -eq 0 ]
		check "${g}_${s}_${BOOTS}_boots_check_pass" all_boots_are "$log" $BOOTS pass
		check "${g}_${s}_done_ok" grep -aq "^@s2b done status=ok boots=$BOOTS " "$log"
		check "${g}_${s}_no_error_record" bash -c "! grep -aq '^@s2b error' '$log'"
		check "${g}_${s}_console_relayed" grep -aq '^guest| ' "$log"
	done
done

# 2. What individual guests promise.
log=$out/hello-unmap.log
check "hello_prints_boot_index" grep -aq '^guest| hello from boot 2 (hvc transport)' "$log"
log=$out/touch-unmap.log
# frac=10 of 64 MiB at 4 KiB stride: 64Mi/100*10/4096 = 1638 pages.
check "touch_reports_pages_touched" [ "$(metric "$log" 1 pages)" = 1638 ]
rec=$(grep -a '^@s2b boot idx=1 ' "$log")
check "touch_unmap_faults_cover_touched_pages" [ "$(field "$rec" faults)" -ge 1638 ]
qemu_virt "$out/touch-random.log" max "s2b.strategy=unmap s2b.guest=touch s2b.boots=2 s2b.frac=10 s2b.order=random s2b.write=100 s2b.seed=7"
check "touch_random_order_check_pass" all_boots_are "$out/touch-random.log" 2 pass
check "touch_random_same_pages" [ "$(metric "$out/touch-random.log" 1 pages)" = 1638 ]
check "touch_random_all_writes" [ "$(metric "$out/touch-random.log" 1 writes)" = 1638 ]
# frac=12.5: 64Mi/100*12 + 64Mi/1000*5 = 8388596 bytes, 2047 pages; the cfg record says 12.5.
qemu_virt "$out/touch-tenths.log" max "s2b.strategy=unmap s2b.guest=touch s2b.boots=2 s2b.frac=12.5"
check "touch_frac_tenths_pages" [ "$(metric "$out/touch-tenths.log" 1 pages)" = 2047 ]
check "touch_frac_tenths_in_cfg" grep -aq '^@s2b cfg .* frac=12.5 ' "$out/touch-tenths.log"
log=$out/boot-reloc-unmap.log
check "boot_reloc_runs_relocated" grep -aq '^guest| boot-reloc: boot 2 runs at 0x42000000, original at 0x40000000 overwritten' "$log"
# 3 GiB of guest RAM (a 4 GiB machine): the guest's stage 1 needs three level-2 tables.
qemu_virt "$out/memsweep-3g.log" max "s2b.strategy=unmap s2b.guest=memsweep s2b.boots=2 s2b.mem=3G" -m 4G
check "memsweep_3G_check_pass" all_boots_are "$out/memsweep-3g.log" 2 pass
check "memsweep_3G_reports_ram" [ "$(metric "$out/memsweep-3g.log" 1 ram_mb)" = 3072 ]
qemu_virt "$out/touch-3g.log" max "s2b.strategy=clean s2b.guest=touch s2b.boots=2 s2b.mem=3G s2b.frac=1 s2b.block=2m" -m 4G
check "touch_3G_2M_blocks_check_pass" all_boots_are "$out/touch-3g.log" 2 pass

# 3. A failed verification is visible: check=fail in every boot record, an error record per boot.
for g in $GUESTS; do
	log=$out/$g-inject.log
	qemu_virt "$log" max "s2b.strategy=unmap s2b.guest=$g s2b.boots=2 s2b.frac=10 s2b.inject=1"
	check "${g}_injected_fault_gives_check_fail" all_boots_are "$log" 2 fail
	check "${g}_injected_fault_gives_guest_check_errors" \
		[ "$(grep -ac '^@s2b error code=guest_check msg=guest_verification_failed boot=' "$log")" -ge 2 ]
done

# 4. Static: boot-reloc runs a copy of itself, so no loaded section may hold an absolute address.
abs=0
for o in $(find "$BUILD/target/bench-guests" -name '*.o'); do
	"${TARGET_PREFIX}readelf" -rW "$o" | awk '/^Relocation section/{s=$3} /R_AARCH64_ABS/ && s !~ /debug/{f=1} END{exit !f}' && abs=1
done
check "guests_have_no_absolute_relocations" [ "$abs" -eq 0 ]

finish
