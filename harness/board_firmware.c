/* QEMU virt boards that boot s2hv through firmware, as real boards do: U-Boot (`booti` from a FAT
 * disk, docs/boards.md "Any U-Boot board") and UEFI (s2hv.img as an EFI application, "Arm servers
 * (UEFI)"). Same emulator line as board_qemu.c, -icount shift=0 included: the firmware's own
 * instructions come before s2hv's first count, so the rows equal qemu-virt's. */
#include "board_qemu.h"

#include "process.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UBOOT_BIN "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
#define UBOOT_DISK_SCRIPT "scripts/uboot-disk.sh"
#define UBOOT_DISK_TIMEOUT_S 120 /* mkfs.vfat, mcopy and mkimage of a few MB */
#define UEFI_FIRMWARE "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd"

/* One message for a missing firmware or tool, naming the package that has it. */
static int need(int missing, const char *what, const char *package, char *err, size_t errlen)
{
	if (missing)
		snprintf(err, errlen, "%s not found (install %s, or run `make deps`)", what, package);
	return missing ? -1 : 0;
}

static int uboot_check(struct run_options *opt, char *err, size_t errlen)
{
	if (qemu_check(opt, err, errlen) ||
	    need(access(UBOOT_BIN, R_OK) != 0, UBOOT_BIN, "u-boot-qemu", err, errlen) ||
	    need(spawn_find("mkimage") || spawn_find("mkenvimage"), "mkimage/mkenvimage",
		 "u-boot-tools", err, errlen) ||
	    need(spawn_find("mcopy"), "mcopy", "mtools", err, errlen))
		return -1;
	if (access(UBOOT_DISK_SCRIPT, X_OK)) {
		snprintf(err, errlen, "%s not found: run s2bench from the s2bench source tree",
			 UBOOT_DISK_SCRIPT);
		return -1;
	}
	return 0;
}

/* The run's boot media beside its logs: DIR/logs/RUN_ID.stderr → DIR/logs/RUN_ID.SUFFIX. */
static int media_path(const struct board_job *job, const char *suffix, char *buf, size_t len)
{
	const char *e = job->err_path, *dot = e ? strrchr(e, '.') : NULL;

	if (!dot || (size_t)snprintf(buf, len, "%.*s.%s", (int)(dot - e), e, suffix) >= len)
		return -1;
	return strchr(buf, ',') ? -1 : 0; /* a comma would split QEMU's -drive option */
}

static int uboot_start(struct board_job *job, const struct run_options *opt, char *err,
		       size_t errlen)
{
	char disk[600], flash[600], disk_drive[700], flash_drive[700];

	if (media_path(job, "disk.img", disk, sizeof(disk)) ||
	    media_path(job, "flash.img", flash, sizeof(flash))) {
		snprintf(err, errlen, "no place for the run's U-Boot disk beside %s (a comma in it?)",
			 job->err_path ? job->err_path : "its log");
		return -1;
	}
	char *script[] = { UBOOT_DISK_SCRIPT, (char *)opt->image, (char *)job->run->bootargs, disk,
			   flash, NULL };
	int rc = spawn_run_to_stderr(script, UBOOT_DISK_TIMEOUT_S);
	if (rc) {
		snprintf(err, errlen, "%s failed (status %d)", UBOOT_DISK_SCRIPT, rc);
		return -1;
	}
	snprintf(disk_drive, sizeof(disk_drive), "if=none,file=%s,format=raw,id=d0", disk);
	snprintf(flash_drive, sizeof(flash_drive), "if=pflash,unit=1,file=%s,format=raw", flash);
	char *media[] = { "-drive", flash_drive, "-drive", disk_drive, "-device",
			  "virtio-blk-device,drive=d0", NULL };
	const struct qemu_firmware fw = { UBOOT_BIN, media };
	return qemu_start_firmware(job, opt, &qemu_virt_max, &fw, err, errlen);
}

static int uboot_finish(struct board_job *job, int killed)
{
	char path[600];
	int code = board_finish_spawned(job, killed);

	/* both are rebuilt from the image and the bootargs by every run */
	if (!media_path(job, "disk.img", path, sizeof(path)))
		unlink(path);
	if (!media_path(job, "flash.img", path, sizeof(path)))
		unlink(path);
	return code;
}

const struct board_ops board_qemu_virt_uboot = { 0, 0, uboot_check, uboot_start, uboot_finish };

static int uefi_check(struct run_options *opt, char *err, size_t errlen)
{
	return qemu_check(opt, err, errlen) ||
			       need(access(UEFI_FIRMWARE, R_OK) != 0, UEFI_FIRMWARE, "qemu-efi-aarch64",
				    err, errlen)
		       ? -1
		       : 0;
}

/* edk2 loads -kernel's file through fw_cfg and starts it as an EFI application with -append as
 * its command line (LoadOptions). acpi=off: edk2 for virt publishes the DTB only without ACPI. */
static int uefi_start(struct board_job *job, const struct run_options *opt, char *err,
		      size_t errlen)
{
	static const struct qemu_machine virt_dtb = { "virt,virtualization=on,acpi=off", "max", NULL,
						      0, 0, 64, 0 };
	static const struct qemu_firmware fw = { UEFI_FIRMWARE, NULL };

	return qemu_start_firmware(job, opt, &virt_dtb, &fw, err, errlen);
}

const struct board_ops board_qemu_virt_uefi = { 0, 0, uefi_check, uefi_start,
						board_finish_spawned };
