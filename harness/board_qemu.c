/* QEMU virt boards: s2hv at EL2, console on stdout, deterministic instruction counts. */
#include "board.h"

#include "process.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int qemu_check(struct run_options *opt, char *err, size_t errlen)
{
	if (spawn_find(opt->qemu)) {
		snprintf(err, errlen,
			 "QEMU not found: '%s' (install qemu-system-arm, or set --qemu / S2B_QEMU)",
			 opt->qemu);
		return -1;
	}
	if (access(opt->image, R_OK)) {
		snprintf(err, errlen, "hypervisor image %s: %s (run `make`, or set --image / S2B_IMG)",
			 opt->image, strerror(errno));
		return -1;
	}
	if (!opt->qemu_version[0]) { /* "QEMU emulator version 7.2.22 (Debian ...)" → "7.2.22" */
		char line[256];
		char *argv[] = { (char *)opt->qemu, "--version", NULL };
		spawn_first_line(argv, line, sizeof(line));
		const char *v = strstr(line, "version ");
		snprintf(opt->qemu_version, sizeof(opt->qemu_version), "%.*s",
			 v ? (int)strcspn(v + 8, " ") : 0, v ? v + 8 : "");
	}
	return 0;
}

/* Guest RAM plus room for the hypervisor and its tables, never below the 1G of the contract. */
static void machine_mem(const struct run_config *cfg, char *buf, size_t len)
{
	unsigned long long mib = (cfg->mem >> 20) + 512;
	if (mib < 1024)
		mib = 1024;
	snprintf(buf, len, "%lluM", (mib + 255) / 256 * 256);
}

static int qemu_start(struct board_job *job, const struct run_options *opt, const char *cpu,
		      char *err, size_t errlen)
{
	char mem[32];
	machine_mem(&job->run->cfg, mem, sizeof(mem));
	char *argv[] = { (char *)opt->qemu, "-M", "virt,virtualization=on", "-cpu", (char *)cpu,
			 "-m", mem, "-nographic", "-monitor", "none", "-serial", "stdio",
			 "-icount", "shift=0", "-no-reboot", "-kernel", (char *)opt->image,
			 "-append", (char *)job->run->bootargs, NULL };

	job->pid = spawn_piped(argv, NULL, &job->fd);
	if (job->pid < 0) {
		snprintf(err, errlen, "cannot start %s: %s", opt->qemu, strerror(errno));
		return -1;
	}
	return 0;
}

static int start_max(struct board_job *job, const struct run_options *opt, char *err, size_t errlen)
{
	return qemu_start(job, opt, "max", err, errlen);
}

static int start_a72(struct board_job *job, const struct run_options *opt, char *err, size_t errlen)
{
	return qemu_start(job, opt, "cortex-a72", err, errlen);
}

static int qemu_finish(struct board_job *job, int killed)
{
	if (killed)
		spawn_kill_group(job->pid);
	close(job->fd);
	job->fd = -1;
	return spawn_wait(job->pid);
}

const struct board_ops board_qemu_virt = { "qemu-virt", 0, 0, qemu_check, start_max, qemu_finish };
const struct board_ops board_qemu_virt_a72 = { "qemu-virt-a72", 0, 0, qemu_check, start_a72,
					       qemu_finish };
