/* The QEMU back-end (board_qemu.c), shared with the boards that boot s2hv through firmware
 * (board_firmware.c): the same emulator command line, plus a firmware and a disk. */
#ifndef S2B_HARNESS_BOARD_QEMU_H
#define S2B_HARNESS_BOARD_QEMU_H

#include "board.h"

/* What differs between the QEMU models s2hv runs on. */
struct qemu_machine {
	const char *machine, *cpu;
	const char *dtb;   /* next to the image (e.g. raspi3b-qemu.dtb), or NULL: QEMU's own */
	int fixed_ram;     /* the model has its RAM size built in: no -m */
	int semihosting;   /* no PSCI on the model: s2hv ends QEMU through semihosting SYS_EXIT */
	int dline;         /* CTR_EL0.DminLine in bytes: the oracle plugin's `line=` */
	int wall_clock;    /* no -icount: the timer and cycle counter follow the host's clock */
};

/* QEMU virt at EL2, -cpu max: qemu-virt's machine, and the one the firmware boards boot. */
extern const struct qemu_machine qemu_virt_max;

/* A firmware that boots the image instead of QEMU (board_firmware.c). */
struct qemu_firmware {
	const char *bios; /* -bios */
	/* arguments giving the firmware what it boots from (disks, flash; NULL-terminated), or
	 * NULL: the firmware is handed the image with -kernel and the bootargs with -append */
	char *const *boot_media;
};

/* The emulator and the image are there (fills opt->qemu_version). */
int qemu_check(struct run_options *opt, char *err, size_t errlen);
/* Spawns QEMU for JOB on machine M, console on job->fd: QEMU enters the image itself. */
int qemu_start(struct board_job *job, const struct run_options *opt, const struct qemu_machine *m,
	       char *err, size_t errlen);
/* The same through firmware FW. */
int qemu_start_firmware(struct board_job *job, const struct run_options *opt,
			const struct qemu_machine *m, const struct qemu_firmware *fw, char *err,
			size_t errlen);

#endif
