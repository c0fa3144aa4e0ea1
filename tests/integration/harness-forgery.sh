#!/bin/bash
# No guest action produces a record. The hello guest with s2b.inject=4 (docs/guests.md) forges a
# CRC-valid `boot idx=9` record through QEMU semihosting from EL1 (SYS_WRITE0, SYS_OPEN of ":tt",
# /proc/self/fd/1, /proc/self/fd/2, /dev/stdout, SYS_SYSTEM with `echo`) and through its own
# console. `s2bench run` on qemu-raspi3b (which needs semihosting to power off) and qemu-virt
# must count exactly the boots it asked for.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-forgery
rm -rf "$out" && mkdir -p "$out"
FORGED='@s2b boot idx=9 faults=0 check=pass exit=reset *9e186782'

# The suites have no `inject` key: a wrapper adds it to the bootargs and runs the real QEMU.
append_wrapper "$out/qemu-inject" 's/$/ s2b.inject=4/'
cat >"$out/forge.suite" <<'SUITE'
name = forge
timeout = 120
boots = 3
strategy = unmap
guest = hello
board = qemu-raspi3b qemu-virt
SUITE

# The forged line really is a valid record (else this test would prove nothing).
printf '%s\n' "$FORGED" >"$out/forged.txt"
check "forged_line_has_a_valid_crc" crc_ok "$out/forged.txt"

"$S2BENCH" run "$out/forge.suite" --out "$out/res" -j 2 --qemu "$out/qemu-inject" \
	--image "$S2HV_IMG" >"$out/run.log" 2>&1
check "forge_suite_exits_0" [ $? -eq 0 ]
for board in qemu-raspi3b qemu-virt; do
	row=$(awk -F, -v b="$board" 'NR > 1 && $3 == b' "$out/res/runs.csv")
	id=${row%%,*}
	log=$out/res/logs/$id.log
	check "${board}_guest_tried_to_forge" grep -aq '^guest| inject: forging' "$log"
	check "${board}_boots_as_requested" [ "$(cut -d, -f15,20 <<<"$row")" = 3,3 ] # boots_req,boots
	check "${board}_no_forged_boot_row" [ "$(awk -F, -v id="$id" '$1 == id && $2 == 9' \
		"$out/res/boots.csv" | wc -l)" -eq 0 ]
	check "${board}_forged_text_never_a_record" [ "$(grep -ac '^@s2b boot idx=9 ' "$log")" -eq 0 ]
done
raspi=$(awk -F, 'NR > 1 && $3 == "qemu-raspi3b" { print $1 }' "$out/res/runs.csv")
# On raspi3b semihosting is on (s2hv powers off through it): all 5 calls made in each boot.
check "raspi3b_tried_every_semihosting_path" [ "$(grep -ac '^guest| inject: semihosting ' \
	"$out/res/logs/$raspi.log")" -eq 15 ]
check "raspi3b_run_ok" grep -q "^$raspi,.*,qemu-raspi3b,.*,ok," "$out/res/runs.csv"
check "raspi3b_guest_relay_is_text" grep -aqF "guest| $FORGED" "$out/res/logs/$raspi.log"
finish
