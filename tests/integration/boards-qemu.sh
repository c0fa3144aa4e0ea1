#!/bin/bash
# Boards and CPUs: the same s2hv.img on QEMU raspi3b, through U-Boot's booti and UEFI, entered at
# EL3 and at EL1, and on CPUs with and without FEAT_S2FWB.
set -u
cd "$(dirname "$0")/../.."
. tests/integration/lib.sh
out=$BUILD/test-logs/boards-qemu
mkdir -p "$out"
ARGS="s2b.strategy=unmap s2b.guest=hello s2b.boots=3"
run_ok() { # LOG: three boots with check=pass and done ok
	[ "$(grep -ac '^@s2b boot .*check=pass' "$1")" -eq 3 ] && grep -aq '^@s2b done status=ok boots=3 ' "$1"
}
q() { # LOG QEMU-ARGS...: run QEMU with a timeout, stdin closed; sets QEMU_RC
	local log=$1; shift
	timeout --foreground -k 5 "${QEMU_TIMEOUT:-60}" qemu-system-aarch64 -nographic -monitor none \
		-serial stdio -no-reboot "$@" </dev/null >"$log" 2>&1
	QEMU_RC=$?
}

# Raspberry Pi 3 model: RAM at 0, PL011 behind /soc ranges, no PSCI (semihosting ends QEMU).
q "$out/raspi3b.log" -M raspi3b -icount shift=0 -semihosting -kernel "$S2HV_IMG" \
	-dtb "$BUILD/raspi3b-qemu.dtb" -append "$ARGS"
check "raspi3b_reboot_loop" run_ok "$out/raspi3b.log"
check "raspi3b_board_named" grep -aq '^@s2b hello .*board=raspi3b ' "$out/raspi3b.log"
check "raspi3b_exits_0" [ "$QEMU_RC" -eq 0 ]

# U-Boot: load from a FAT disk and booti with U-Boot's DTB, as on any U-Boot board.
scripts/uboot-disk.sh "$S2HV_IMG" "$ARGS" "$out/uboot-disk.img"
q "$out/uboot.log" -M virt,virtualization=on -cpu max -m 1G \
	-bios /usr/lib/u-boot/qemu_arm64/u-boot.bin \
	-drive if=none,file="$out/uboot-disk.img",format=raw,id=d0 -device virtio-blk-device,drive=d0
check "uboot_booti_reboot_loop" run_ok "$out/uboot.log"
check "uboot_exits_0" [ "$QEMU_RC" -eq 0 ]

# UEFI (edk2): s2hv.img started as an EFI application at EL2, the DTB from the configuration
# table, the command line from -append (LoadOptions). The harness board qemu-virt-uefi runs the
# quick suite (harness-firmware.sh); here, what it does not reach.
EFI_FW=/usr/share/qemu-efi-aarch64/QEMU_EFI.fd
if [ -r "$EFI_FW" ]; then
	# ACPI on (QEMU's default): edk2 publishes no DTB, s2hv refuses on the firmware's console
	q "$out/uefi-acpi.log" -M virt,virtualization=on -cpu max -m 1G -icount shift=0 \
		-bios "$EFI_FW" -kernel "$S2HV_IMG" -append "$ARGS"
	check "uefi_acpi_only_refused_with_message" grep -aq '^@s2b error code=no_dtb ' "$out/uefi-acpi.log"
	check "uefi_acpi_only_done_error" grep -aq '^@s2b done status=error ' "$out/uefi-acpi.log"
	check "uefi_acpi_only_records_crc_ok" crc_ok "$out/uefi-acpi.log"
	check "uefi_acpi_only_powers_off" [ "$QEMU_RC" -eq 0 ]
	# without virtualization edk2 runs at EL1: the app exits boot services, head.S says no_el2
	q "$out/uefi-el1.log" -M virt,acpi=off -cpu max -m 1G -icount shift=0 \
		-bios "$EFI_FW" -kernel "$S2HV_IMG" -append "$ARGS"
	check "uefi_at_el1_refused_no_el2" grep -aq '^@s2b error code=no_el2 ' "$out/uefi-el1.log"
	check "uefi_at_el1_exits_0" [ "$QEMU_RC" -eq 0 ]
	# as on a server: the image on a FAT disk, started from the UEFI shell (startup.nsh) with its
	# bootargs on the command line; QEMU's DTB has no bootargs here (no -append), so only the
	# image's LoadOptions can carry them
	rm -f "$out/esp.img" && truncate -s 32M "$out/esp.img" &&
		PATH=$PATH:/usr/sbin:/sbin mkfs.vfat --mbr=y "$out/esp.img" >/dev/null &&
		mcopy -i "$out/esp.img" "$S2HV_IMG" ::s2hv.efi &&
		printf 'fs0:\\s2hv.efi s2b.strategy=clean s2b.guest=hello s2b.boots=3\r\n' >"$out/startup.nsh" &&
		mcopy -i "$out/esp.img" "$out/startup.nsh" ::startup.nsh
	q "$out/uefi-shell.log" -M virt,virtualization=on,acpi=off -cpu max -m 1G -nic none \
		-bios "$EFI_FW" -drive if=none,file="$out/esp.img",format=raw,id=d0 \
		-device virtio-blk-device,drive=d0
	check "uefi_shell_command_line_reaches_bootargs" \
		grep -aq '^@s2b cfg strategy=clean guest=hello ' "$out/uefi-shell.log"
	check "uefi_shell_reboot_loop" run_ok "$out/uefi-shell.log"
else
	fail "uefi_firmware_missing ($EFI_FW: install qemu-efi-aarch64, or run make deps)"
fi

# Entered at EL3 (no firmware): drops to EL2 and runs.
q "$out/el3.log" -M virt,virtualization=on,secure=on -cpu max -m 1G -kernel "$S2HV_IMG" -append "$ARGS"
check "el3_entry_drops_to_el2" run_ok "$out/el3.log"

# Entered at EL1 (no virtualization): refused with a clear message, QEMU ends.
q "$out/el1.log" -M virt -cpu max -m 1G -kernel "$S2HV_IMG" -append "$ARGS"
check "el1_entry_refused_with_message" grep -aq '^@s2b error code=no_el2 ' "$out/el1.log"
check "el1_entry_done_error" grep -aq '^@s2b done status=error ' "$out/el1.log"
check "el1_exits_0" [ "$QEMU_RC" -eq 0 ]

# CPU features: FEAT_S2FWB decides whether `fwb` runs; the others run everywhere.
for cpu in max cortex-a72 cortex-a57 neoverse-n1; do
	qemu_virt "$out/$cpu-fwb.log" "$cpu" "s2b.strategy=fwb s2b.guest=hello s2b.boots=3"
	if grep -aq '^@s2b hello .* fwb=1 ' "$out/$cpu-fwb.log"; then
		check "${cpu}_has_fwb_and_fwb_runs" run_ok "$out/$cpu-fwb.log"
	else
		check "${cpu}_lacks_fwb_and_fwb_is_refused" grep -aq '^@s2b done status=unsupported ' "$out/$cpu-fwb.log"
	fi
	qemu_virt "$out/$cpu-clean.log" "$cpu" "s2b.strategy=clean s2b.guest=hello s2b.boots=3"
	check "${cpu}_clean_runs" run_ok "$out/$cpu-clean.log"
done
check "max_reports_fwb" grep -aq '^@s2b hello .* fwb=1 ' "$out/max-fwb.log"
check "a72_reports_no_fwb" grep -aq '^@s2b hello .* fwb=0 ' "$out/cortex-a72-fwb.log"

finish
