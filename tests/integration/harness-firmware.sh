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

run_quick qemu-virt
check "qemu_virt_quick_exits_0" [ $? -eq 0 ]

run_quick qemu-virt-uboot
check "uboot_quick_exits_0" [ $? -eq 0 ]
check "uboot_quick_all_ok" all_ok qemu-virt-uboot
check "uboot_went_through_uboot_booti" grep -q "^Starting kernel" "$out"/qemu-virt-uboot/logs/*.log
check "uboot_rows_equal_qemu_virt" \
	diff <(boot_rows qemu-virt) <(boot_rows qemu-virt-uboot)
check "uboot_leaves_no_disk" [ -z "$(ls "$out"/qemu-virt-uboot/logs | grep -v '\.log$')" ]

run_quick qemu-virt-uefi
check "uefi_quick_exits_0" [ $? -eq 0 ]
check "uefi_quick_all_ok" all_ok qemu-virt-uefi
check "uefi_went_through_edk2" grep -q "^UEFI firmware" "$out"/qemu-virt-uefi/logs/*.log
check "uefi_rows_equal_qemu_virt" \
	diff <(boot_rows qemu-virt) <(boot_rows qemu-virt-uefi)
finish
