/* Board back-ends: how one run is started and where its console comes from. */
#ifndef S2B_HARNESS_BOARD_H
#define S2B_HARNESS_BOARD_H

#include <stddef.h>
#include <sys/types.h>

#include "matrix.h"

/* Options of `s2bench run` that back-ends read. */
struct run_options {
	const char *qemu;  /* emulator binary (--qemu, $S2B_QEMU, qemu-system-aarch64) */
	const char *image; /* hypervisor image (--image, $S2B_IMG, build/s2hv.img) */
	char qemu_version[64];
	int wall_clock; /* set by check: an emulator without -icount, its clocks follow the host's */
	const char *console; /* serial: TTY device */
	unsigned baud;
	const char *reset_cmd; /* serial: shell command that power-cycles the board */
	/* serial: s2hv boots once with s2b.config=console and takes each run's bootargs over the
	 * console (harness/serial_session.c); --reset-cmd only at power-on and to recover */
	int config_over_console;
	unsigned long long log_cap; /* bytes of console log per run (and of an emulator's stderr) */
};

/* A run in flight, as far as a back-end is concerned. */
struct board_job {
	const struct planned_run *run;
	pid_t pid; /* process group to kill on timeout, or -1 */
	int fd;    /* console: read until EOF or until the back-end says the run is over */
	const char *err_path; /* where a spawned emulator's stderr goes: never into the console */
	int exited, exit_code; /* the runner reaped PID itself (spawn_try_wait) */
};

struct board_ops {
	unsigned max_parallel; /* 0 = as many as -j; a physical board runs one at a time */
	int stop_at_done;      /* the console outlives the run: stop reading at the `done` record */
	/* Everything needed is there (emulator, image, device)? -1 + one-line reason otherwise. */
	int (*check)(struct run_options *opt, char *err, size_t errlen);
	/* Starts the run; sets job->pid and job->fd. -1 + reason on failure. */
	int (*start)(struct board_job *job, const struct run_options *opt, char *err, size_t errlen);
	/* The run is over (EOF, done, timeout or interrupt): release it. Returns the exit code to
	 * record, or -1 for none. KILLED: it is being stopped early. Blocks only to reap a process
	 * that has exited or was just killed: the runner waits for exits itself (pid > 0). */
	int (*finish)(struct board_job *job, int killed);
};

/* A board of boards.h: its back-end, and the -cpu of its LAVA qemu jobs. */
struct board_desc {
	const char *name;
	const struct board_ops *ops;
	const char *lava_cpu;
};
extern const struct board_desc board_descs[];
extern const size_t board_desc_count;

const struct board_desc *board_desc_find(const char *name);
const struct board_ops *board_find(const char *name);
/* 1 when board NAME is an emulator run without -icount (qemu-virt-tcg): its clocks follow the
 * host's, so its numbers are emulation wall-clock and it counts no instructions. */
int board_wall_clock(const char *name);
/* `finish` for back-ends whose run is one spawned process group (QEMU, the KVM runner). */
int board_finish_spawned(struct board_job *job, int killed);

extern const struct board_ops board_qemu_virt, board_qemu_virt_tcg, board_qemu_virt_a72,
	board_qemu_virt_a64fx, board_qemu_raspi3b, board_serial, board_kvm;
extern const struct board_ops board_qemu_virt_uboot, board_qemu_virt_uefi; /* board_firmware.c */

#endif
