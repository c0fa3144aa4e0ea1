/*
 * KVM boards: s2vmm over real KVM arm64 inside QEMU (scripts/kvm-qemu.sh, docs/kvm.md). The run's
 * bootargs become s2vmm's words on the host kernel's command line; records come on the console
 * as with s2hv. No -icount: KVM's numbers are nanoseconds, not instruction counts.
 */
#include "board.h"

#include "process.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KVM_RUNNER "scripts/kvm-qemu.sh"
#define MAX_WORDS 40

static int kvm_check(struct run_options *opt, char *err, size_t errlen)
{
	char dir[512], path[600];
	board_build_dir(opt, dir, sizeof(dir));
	const char *need[] = { "kvm/Image", "kvm/initrd.gz" };
	if (access(KVM_RUNNER, X_OK)) {
		snprintf(err, errlen, "%s not found: run s2bench from the s2bench source tree", KVM_RUNNER);
		return -1;
	}
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, need[i]);
		if (access(path, R_OK)) {
			snprintf(err, errlen, "KVM host image %s missing: run `make kvm-image`", path);
			return -1;
		}
	}
	if (!opt->qemu_version[0]) { /* the runner's QEMU, as board_qemu.c asks it: "... version X (" */
		char line[256], *argv[] = { "qemu-system-aarch64", "--version", NULL };
		spawn_first_line(argv, line, sizeof(line));
		const char *v = strstr(line, "version ");
		snprintf(opt->qemu_version, sizeof(opt->qemu_version), "%.*s",
			 v ? (int)strcspn(v + 8, " ") : 0, v ? v + 8 : "");
	}
	return 0;
}

static int kvm_start(struct board_job *job, const struct run_options *opt, const char *board,
		     char *err, size_t errlen)
{
	static char words[1024];
	char build[600], *argv[MAX_WORDS + 3];
	int n = 0;

	board_build_dir(opt, build + 6, sizeof(build) - 6);
	memcpy(build, "BUILD=", 6);
	snprintf(words, sizeof(words), "%s", job->run->bootargs);
	argv[n++] = KVM_RUNNER;
	argv[n++] = (char *)board;
	for (char *w = strtok(words, " "); w && n < MAX_WORDS + 2; w = strtok(NULL, " "))
		argv[n++] = w;
	argv[n] = NULL;

	if (setenv("BUILD", build + 6, 1)) {
		snprintf(err, errlen, "cannot set BUILD: %s", strerror(errno));
		return -1;
	}
	struct spawn_io io = { job->err_path, opt->log_cap };
	job->pid = spawn_piped(argv, NULL, &io, &job->fd);
	if (job->pid < 0) {
		snprintf(err, errlen, "cannot start %s: %s", KVM_RUNNER, strerror(errno));
		return -1;
	}
	return 0;
}

/* One back-end for every kvm-qemu-* board: the runner script takes the board's name. */
static int start_kvm(struct board_job *job, const struct run_options *opt, char *err, size_t errlen)
{
	return kvm_start(job, opt, job->run->cfg.board, err, errlen);
}

const struct board_ops board_kvm = { 0, 0, kvm_check, start_kvm, board_finish_spawned };
