/* QEMU boards (virt, raspi3b): s2hv at EL2, console on stdout; deterministic instruction counts
 * (-icount shift=0) on all but qemu-virt-tcg, whose clocks are the emulation's wall-clock. */
#include "board_qemu.h"

#include "process.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int qemu_check(struct run_options *opt, char *err, size_t errlen)
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

/* NAME next to the image (build/s2hv.img → build/NAME). */
static void beside_image(const struct run_options *opt, const char *name, char *buf, size_t len)
{
	const char *slash = strrchr(opt->image, '/');
	snprintf(buf, len, "%.*s%s", slash ? (int)(slash - opt->image + 1) : 0, opt->image, name);
}

/* `oracle = on`: the oracle image (build/s2hv-oracle.img) under the coherence plugin, whose
 * verdict QEMU's log (-d plugin: stderr, the run's .stderr file) receives (docs/oracle.md). */
static int oracle_args(const struct run_options *opt, const struct qemu_machine *m,
		       char image[512], char plugin[600], char *err, size_t errlen)
{
	char so[512];

	beside_image(opt, "s2hv-oracle.img", image, 512);
	beside_image(opt, "oracle/libs2oracle.so", so, sizeof(so));
	for (const char *f = image; f; f = f == image ? so : NULL)
		if (access(f, R_OK)) {
			snprintf(err, errlen, "oracle: %s: %s (run `make`)", f, strerror(errno));
			return -1;
		}
	snprintf(plugin, 600, "%s,line=%d", so, m->dline);
	return 0;
}

int qemu_start_firmware(struct board_job *job, const struct run_options *opt,
			const struct qemu_machine *m, const struct qemu_firmware *fw, char *err,
			size_t errlen)
{
	char *const *media = fw ? fw->boot_media : NULL;
	char mem[32], dtb[512], oracle_img[512], plugin[600], smp[24];
	const char *image = opt->image;
	char *argv[56]; /* at most 21 words before the boot media, 13 after: media stop at 40 */
	int n = 0;

	if (run_config_oracle(&job->run->cfg)) {
		if (oracle_args(opt, m, oracle_img, plugin, err, errlen))
			return -1;
		image = oracle_img;
	}

	argv[n++] = (char *)opt->qemu;
	argv[n++] = "-M", argv[n++] = (char *)m->machine;
	if (m->cpu)
		argv[n++] = "-cpu", argv[n++] = (char *)m->cpu;
	if (!m->fixed_ram) {
		machine_mem(&job->run->cfg, mem, sizeof(mem));
		argv[n++] = "-m", argv[n++] = mem;
	}
	if (job->run->cfg.vcpus > 1) { /* one CPU per vCPU (core/smp.h) */
		snprintf(smp, sizeof(smp), "%" PRIu64, job->run->cfg.vcpus);
		argv[n++] = "-smp", argv[n++] = smp;
	}
	if (m->dtb) {
		beside_image(opt, m->dtb, dtb, sizeof(dtb));
		argv[n++] = "-dtb", argv[n++] = dtb;
	}
	if (image != opt->image)
		argv[n++] = "-plugin", argv[n++] = plugin, argv[n++] = "-d", argv[n++] = "plugin";
	if (fw)
		argv[n++] = "-bios", argv[n++] = (char *)fw->bios;
	for (char *const *a = media; a && *a && n < 40; a++)
		argv[n++] = *a;
	if (m->semihosting) {
		/* QEMU answers HLT #0xF000 from EL1 too, before s2hv could trap it. target=gdb with no
		 * gdbstub makes every call but SYS_EXIT a no-op: a guest gets no host file, shell or
		 * console (natively, ":tt", /proc/self/fd/1 and SYS_SYSTEM all reach our pipe). */
		argv[n++] = "-semihosting-config", argv[n++] = "enable=on,target=gdb,chardev=s2b-semihost";
		argv[n++] = "-chardev", argv[n++] = "null,id=s2b-semihost";
	}
	if (!m->wall_clock)
		argv[n++] = "-icount", argv[n++] = "shift=0";
	char *common[] = { "-nographic", "-monitor", "none", "-serial", "stdio", "-no-reboot", NULL };
	for (char **c = common; *c; c++)
		argv[n++] = *c;
	if (!media) /* a firmware given -kernel boots it too: UEFI's loader via fw_cfg */
		argv[n++] = "-kernel", argv[n++] = (char *)image, argv[n++] = "-append",
		argv[n++] = (char *)job->run->bootargs;
	argv[n] = NULL;

	struct spawn_io io = { job->err_path, opt->log_cap }; /* stderr is never console */
	job->pid = spawn_piped(argv, NULL, &io, &job->fd);
	if (job->pid < 0) {
		snprintf(err, errlen, "cannot start %s: %s", opt->qemu, strerror(errno));
		return -1;
	}
	return 0;
}

int qemu_start(struct board_job *job, const struct run_options *opt, const struct qemu_machine *m,
	       char *err, size_t errlen)
{
	return qemu_start_firmware(job, opt, m, NULL, err, errlen);
}

const struct qemu_machine qemu_virt_max = { "virt,virtualization=on", "max", NULL, 0, 0, 64, 0 };
static const struct qemu_machine virt_a72 = { "virt,virtualization=on", "cortex-a72", NULL, 0, 0, 64, 0 };
/* A64FX: CTR_EL0.DminLine = 6 (256-byte lines); no GICv2 CPU interface, so GICv3. */
static const struct qemu_machine virt_a64fx = { "virt,virtualization=on,gic-version=3", "a64fx", NULL,
						0, 0, 256, 0 };
static const struct qemu_machine raspi3b = { "raspi3b", NULL, "raspi3b-qemu.dtb", 1, 1, 64, 0 };
static const struct qemu_machine virt_tcg = { "virt,virtualization=on", "max", NULL, 0, 0, 64, 1 };

static int start_max(struct board_job *job, const struct run_options *opt, char *err, size_t errlen)
{
	return qemu_start(job, opt, &qemu_virt_max, err, errlen);
}

static int check_tcg(struct run_options *opt, char *err, size_t errlen)
{
	opt->wall_clock = 1;
	return qemu_check(opt, err, errlen);
}

static int start_tcg(struct board_job *job, const struct run_options *opt, char *err, size_t errlen)
{
	return qemu_start(job, opt, &virt_tcg, err, errlen);
}

static int start_a72(struct board_job *job, const struct run_options *opt, char *err, size_t errlen)
{
	return qemu_start(job, opt, &virt_a72, err, errlen);
}

static int start_a64fx(struct board_job *job, const struct run_options *opt, char *err,
		       size_t errlen)
{
	return qemu_start(job, opt, &virt_a64fx, err, errlen);
}

static int start_raspi3b(struct board_job *job, const struct run_options *opt, char *err,
			 size_t errlen)
{
	return qemu_start(job, opt, &raspi3b, err, errlen);
}

const struct board_ops board_qemu_virt = { 0, 0, qemu_check, start_max, board_finish_spawned };
int board_wall_clock(const char *name)
{
	return board_find(name) == &board_qemu_virt_tcg;
}

const struct board_ops board_qemu_virt_tcg = { 0, 0, check_tcg, start_tcg, board_finish_spawned };
const struct board_ops board_qemu_virt_a72 = { 0, 0, qemu_check, start_a72,
					       board_finish_spawned };
const struct board_ops board_qemu_virt_a64fx = { 0, 0, qemu_check, start_a64fx,
						 board_finish_spawned };
const struct board_ops board_qemu_raspi3b = { 0, 0, qemu_check, start_raspi3b,
					      board_finish_spawned };
