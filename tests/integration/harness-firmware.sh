#!/bin/bash
# The firmware boards (harness/board_firmware.c) run the quick suite through `s2bench run`: the
# same s2hv.img booted by U-Boot (booti from a FAT disk) or by UEFI (edk2, as an EFI application)
# gives exactly the rows of qemu-virt's -kernel boot (-icount shift=0: the firmware runs before
# s2hv's first count), so each run's bootargs reached s2hv (boot.scr; the EFI command line), and
# a U-Boot run leaves no disk behind.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/harness-firmware
rm -rf "$out" && mkdir -p "$out"

run_quick() { # run_quick BOARD: the quick suite on BOARD into $out/BOARD
	"$S2BENCH" run suites/quick.suite --board "$1" --out "$out/$1" -j 2 --image "$S2HV_IMG" \
		>"$out/$1.txt" 2>&1
}
# boot_rows BOARD: boots.csv with each run_id replaced by the run's strategy/guest, sorted
boot_rows() {
	awk -F, 'FNR == 1 { next } NR == FNR { key[$1] = $4 "/" $5; next }
		 { $1 = key[$1]; print }' OFS=, "$out/$1/runs.csv" "$out/$1/boots.csv" | sort
}
all_ok() { # all_ok BOARD: 10 runs (5 strategies x 2 guests), every one ok
	[ "$(awk -F, 'NR > 1 && $17 == "ok"' "$out/$1/runs.csv" | wc -l)" -eq 10 ] &&
		[ "$(wc -l <"$out/$1/runs.csv")" -eq 11 ]
}

# firmware_board NAME BOARD BANNER: the quick suite on BOARD, every run ok, every run's log
# showing the firmware's BANNER, and the same boot rows as qemu-virt's
firmware_board() {
	local name=$1 board=$2 banner=$3 log missing=0
	run_quick "$board"
	check "${name}_quick_exits_0" [ $? -eq 0 ]
	check "${name}_quick_all_ok" all_ok "$board"
	for log in "$out/$board"/logs/*.log; do
		grep -aq "$banner" "$log" || missing=1
	done
	check "${name}_every_run_went_through_the_firmware" [ "$missing" -eq 0 ]
	check "${name}_rows_equal_qemu_virt" diff <(boot_rows qemu-virt) <(boot_rows "$board")
}

run_quick qemu-virt
check "qemu_virt_quick_exits_0" [ $? -eq 0 ]
firmware_board uboot qemu-virt-uboot "^Starting kernel"
check "uboot_leaves_no_disk" [ -z "$(ls "$out"/qemu-virt-uboot/logs | grep -v '\.log$')" ]
firmware_board uefi qemu-virt-uefi "^UEFI firmware"

# the coherence oracle watches -kernel boots only: refused when the suite is read, nothing run
printf 'board = qemu-virt-uboot qemu-virt-uefi\nstrategy = none\noracle = on\n' >"$out/oracle.suite"
"$S2BENCH" run "$out/oracle.suite" --out "$out/oracle" >"$out/oracle.txt" 2>&1
check "oracle_refused_on_firmware_boards_exit_1" [ $? -eq 1 ]
check "oracle_refusal_says_why" grep -q "oracle 'on' cannot run on board 'qemu-virt-uboot' (the oracle runs on -kernel boards only, not through firmware)" "$out/oracle.txt"
finish
