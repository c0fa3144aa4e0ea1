#!/bin/bash
# perf-check.sh: measure s2hv's hot paths under QEMU -icount shift=0 (deterministic instruction
# counts) and compare them with the targets of docs/performance.md. Prints a table; exits 1 if a
# target is missed. Not a unit test: numbers, not wall-clock time.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
IMG=${S2HV_IMG:-$BUILD/s2hv.img}
GUEST=${PERF_GUEST:-hello}
log=$BUILD/perf
mkdir -p "$log"

run() { # NAME BOOTARGS: one QEMU run, log kept
	timeout -k 5 120 qemu-system-aarch64 -M virt,virtualization=on -cpu "${CPU:-max}" -m 2G \
		-nographic -monitor none -serial stdio -icount shift=0 -no-reboot -kernel "$IMG" \
		-append "s2b.guest=$GUEST $2" </dev/null >"$log/$1.log" 2>&1
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" | head -1; }
boot1() { grep -a '^@s2b boot idx=1 ' "$log/$1.log"; }
status=0
verdict() { # VALUE OP LIMIT
	if awk "BEGIN{exit !($1 $2 $3)}"; then echo ok; else echo MISSED; status=1; fi
}

# 1. Null guest call round trip (calibrated at start).
run none-64M "s2b.strategy=none s2b.boots=2 s2b.mem=64M s2b.trace=faults"
hvc=$(grep -a '^@s2b hello ' "$log/none-64M.log" | field - cal_hvc_insts)

# 2. Stage-2 fault handling without any CMO (`none`): the cheapest fault, i.e. one whose tables
#    already exist (the first fault of a 2 MiB region also allocates and zeroes a table).
fault=$(grep -a '^@s2b fault ' "$log/none-64M.log" | sed -n 's/.* cycles=\([0-9]*\).*/\1/p' | sort -n | head -1)
fault=${fault:-none}

# 3. Eager clean: premapped RAM, one DC CIVAC per line. 2M blocks isolate the per-line cost;
#    4K pages add the per-page constant.
for b in 2m 4k; do
	for m in 64M 128M; do
		run "clean-$b-$m" "s2b.strategy=clean s2b.boots=2 s2b.mem=$m s2b.map=premap s2b.block=$b"
	done
done
per_line() { # BLOCK: slope of reinit_insts over reinit_lines between 64M and 128M
	local i1 i2 l1 l2
	i1=$(boot1 "clean-$1-64M" | field - reinit_insts); l1=$(boot1 "clean-$1-64M" | field - reinit_lines)
	i2=$(boot1 "clean-$1-128M" | field - reinit_insts); l2=$(boot1 "clean-$1-128M" | field - reinit_lines)
	awk "BEGIN{printf \"%.3f\", ($i2 - $i1) / ($l2 - $l1)}"
}
line2m=$(per_line 2m)
line4k=$(per_line 4k)
page4k=$(awk "BEGIN{printf \"%.1f\", ($line4k - $line2m) * 64}")

# 4. fwb re-init is O(1) in guest size.
run fwb-64M "s2b.strategy=fwb s2b.boots=2 s2b.mem=64M"
run fwb-512M "s2b.strategy=fwb s2b.boots=2 s2b.mem=512M"
fwb64=$(boot1 fwb-64M | field - reinit_insts)
fwb512=$(boot1 fwb-512M | field - reinit_insts)

printf '%-52s %12s %10s %s\n' "measure (instructions, QEMU -icount shift=0)" value target verdict
printf '%-52s %12s %10s %s\n' "null HVC round trip (guest -> EL2 -> guest)" "$hvc" "<= 150" "$(verdict "$hvc" '<=' 150)"
printf '%-52s %12s %10s %s\n' "stage-2 fault, no CMO (none, tables present)" "$fault" "<= 400" "$(verdict "$fault" '<=' 400)"
printf '%-52s %12s %10s %s\n' "eager clean per 64-byte line (2M blocks)" "$line2m" "<= 1.5" "$(verdict "$line2m" '<=' 1.5)"
printf '%-52s %12s %10s %s\n' "eager clean per-page constant (4K pages)" "$page4k" "-" "-"
printf '%-52s %12s %10s %s\n' "fwb reinit, 64M guest" "$fwb64" "-" "-"
printf '%-52s %12s %10s %s\n' "fwb reinit, 512M guest (O(1): same as 64M)" "$fwb512" "= 64M" "$(verdict "$fwb512" '==' "$fwb64")"
exit $status
