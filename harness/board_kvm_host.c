/*
 * Board kvm-host: s2vmm on an arm64 Linux host's own KVM, this machine or `--host user@machine`
 * over ssh (docs/kvm.md, "On a real arm64 Linux host"). One s2vmm per run, the run's bootargs as
 * its words; its stdout is the console, read as any board's. A remote run gets s2vmm and the
 * guest's files copied first into a directory named by their content (kvm_host_link.h).
 */
#include "board.h"

#include "kvm_host_link.h"
#include "process.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define EM_AARCH64_MACHINE 183 /* ELF e_machine of arm64 (elf.h's EM_AARCH64) */
#define PROBE_DEADLINE_S 120   /* check: ssh's connection and one shell command */
#define REMOTE_KILL_MARGIN_S 10 /* the remote `timeout` ends s2vmm this long after the run's */

/* Where a run's guest images are looked for, under the build directory (`make` puts them). */
static const char *const guest_dirs[] = { "guests", "kvm/guests", "image-guests" };

static void s2vmm_path(const struct run_options *opt, char *buf, size_t len)
{
	char build[512];

	if (opt->s2vmm) {
		snprintf(buf, len, "%s", opt->s2vmm);
		return;
	}
	board_build_dir(opt, build, sizeof(build));
	snprintf(buf, len, "%s/s2vmm", build);
}

static const char *host_name(const struct kvm_host_link *l)
{
	return l->host ? l->host : "this machine";
}

/* s2vmm exists and is an arm64 ELF executable: copying an x86 build would fail only remotely. */
static int check_s2vmm(const char *path, char *err, size_t errlen)
{
	unsigned char h[20];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(h, 1, sizeof(h), f) : 0;

	if (f)
		fclose(f);
	if (!f) {
		snprintf(err, errlen, "kvm-host: s2vmm %s: %s (build it with `make build/s2vmm`, or give "
			 "--s2vmm PATH)", path, strerror(errno));
		return -1;
	}
	if (n < sizeof(h) || memcmp(h, "\177ELF", 4) || h[4] != 2 ||
	    (h[18] | h[19] << 8) != EM_AARCH64_MACHINE) {
		snprintf(err, errlen, "kvm-host: %s is not an arm64 (aarch64) ELF executable: s2vmm "
			 "runs on arm64 Linux only", path);
		return -1;
	}
	return 0;
}

/* One line saying what the host is: its CPU architecture, /dev/kvm, and timeout(1). */
static const char probe_cmd[] =
	"if [ ! -e /dev/kvm ]; then k=missing; elif [ -r /dev/kvm ] && [ -w /dev/kvm ]; then k=ok; "
	"else k=denied; fi; command -v timeout >/dev/null && t=yes || t=no; "
	"echo \"s2b-probe arch=$(uname -m) kvm=$k timeout=$t\"";

static int probe_word(const char *line, const char *key, const char *want)
{
	const char *v = strstr(line, key);
	size_t n = strlen(want);

	return v && strncmp(v + strlen(key), want, n) == 0 && strchr(" \n", v[strlen(key) + n]);
}

static int probe_host(const struct kvm_host_link *l, unsigned deadline_s, char *err, size_t errlen)
{
	char out[2048], why[64];
	const char *host = host_name(l);
	int rc = kvm_host_run(l, probe_cmd, NULL, deadline_s, out, sizeof(out));
	const char *line = strstr(out, "s2b-probe ");

	if (rc || !line) {
		kvm_host_describe_exit(rc, deadline_s, why, sizeof(why));
		out[strcspn(out, "\n")] = '\0';
		if (rc == 255 && l->host)
			snprintf(err, errlen, "kvm-host: ssh to %s failed (exit 255: %s); check that `%s "
				 "%s true` works without a password prompt", host,
				 out[0] ? out : "no message", l->ssh_buf, host);
		else
			snprintf(err, errlen, "kvm-host: cannot ask %s what it is (%s)%s%s", host, why,
				 out[0] ? ": " : "", out);
		return -1;
	}
	if (probe_word(line, "kvm=", "missing"))
		snprintf(err, errlen, "kvm-host: %s has no /dev/kvm: its kernel runs without KVM (no "
			 "KVM support, or a VM without nested virtualisation)", host);
	else if (probe_word(line, "kvm=", "denied"))
		snprintf(err, errlen, "kvm-host: permission denied on /dev/kvm on %s: add the user to the "
			 "kvm group (sudo adduser $USER kvm, then log in again)", host);
	else if (!probe_word(line, "arch=", "aarch64"))
		snprintf(err, errlen, "kvm-host: %s is not arm64 (%.*s): s2vmm runs on arm64 Linux only%s",
			 host, (int)strcspn(line + 15, " \n"), line + 15,
			 l->host ? "" : "; give --host user@machine for an arm64 host");
	else if (l->host && probe_word(line, "timeout=", "no"))
		snprintf(err, errlen, "kvm-host: %s has no timeout(1) (coreutils): without it a hung "
			 "s2vmm would outlive its run", host);
	else
		return 0;
	return -1;
}

static int kvm_host_check(struct run_options *opt, char *err, size_t errlen)
{
	struct kvm_host_link l;
	char s2vmm[600];

	s2vmm_path(opt, s2vmm, sizeof(s2vmm));
	if (kvm_host_link_init(&l, opt, err, errlen) || check_s2vmm(s2vmm, err, errlen))
		return -1;
	return probe_host(&l, opt->run_timeout_s ? opt->run_timeout_s : PROBE_DEADLINE_S, err,
			  errlen);
}

/* The directory under the build directory that holds GUEST.bin, into DIR. */
static int find_guest(const struct run_options *opt, const char *guest, char *dir, size_t len,
		      char *err, size_t errlen)
{
	char build[512], path[1024];

	board_build_dir(opt, build, sizeof(build));
	for (size_t i = 0; i < sizeof(guest_dirs) / sizeof(guest_dirs[0]); i++) {
		snprintf(dir, len, "%s/%s", build, guest_dirs[i]);
		snprintf(path, sizeof(path), "%s/%s.bin", dir, guest);
		if (access(path, R_OK) == 0)
			return 0;
	}
	snprintf(err, errlen, "kvm-host: no guest image %s.bin under %s/{guests,kvm/guests,"
		 "image-guests}: run `make`", guest, build);
	return -1;
}

/* Remote: s2vmm into CACHE/<its hash>/, the guest's .bin and .cmdline into CACHE/<their hash>/;
 * the two hashes into VMM_DIR and GUEST_DIR. */
static int upload_run_files(const struct kvm_host_link *l, const struct run_options *opt,
			    const char *s2vmm, const char *local_dir, const char *guest,
			    char vmm_dir[17], char guest_dir[17], char *err, size_t errlen)
{
	char bin[1024], cmdline[1024], dir[64], name[300];
	unsigned deadline = opt->run_timeout_s ? opt->run_timeout_s : PROBE_DEADLINE_S;
	const char *vmm_files[] = { s2vmm, NULL }, *guest_files[] = { bin, cmdline, NULL };

	snprintf(bin, sizeof(bin), "%s/%s.bin", local_dir, guest);
	snprintf(cmdline, sizeof(cmdline), "%s/%s.cmdline", local_dir, guest);
	if (kvm_host_content_hash(vmm_files, vmm_dir) || kvm_host_content_hash(guest_files, guest_dir)) {
		snprintf(err, errlen, "kvm-host: cannot read %s or %s: %s", s2vmm, bin, strerror(errno));
		return -1;
	}
	snprintf(dir, sizeof(dir), KVM_HOST_REMOTE_CACHE "/%s", vmm_dir);
	if (kvm_host_upload(l, s2vmm, dir, "s2vmm", 1, deadline, err, errlen))
		return -1;
	snprintf(dir, sizeof(dir), KVM_HOST_REMOTE_CACHE "/%s", guest_dir);
	snprintf(name, sizeof(name), "%s.cmdline", guest);
	if (access(cmdline, R_OK) == 0 && kvm_host_upload(l, cmdline, dir, name, 0, deadline, err, errlen))
		return -1;
	snprintf(name, sizeof(name), "%s.bin", guest);
	return kvm_host_upload(l, bin, dir, name, 0, deadline, err, errlen);
}

/* Appends S to BUF of LEN: 0, or -1 (BUF unchanged) when it does not fit. */
static int add(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf), k = strlen(s);

	if (n + k >= len)
		return -1;
	memcpy(buf + n, s, k + 1);
	return 0;
}

/* The shell command of one run: a line naming the host for the run's log, then s2vmm with the
 * run's bootargs as its words (exec'd: a kill of the shell's group reaches s2vmm locally). */
static int run_command(const struct kvm_host_link *l, const struct run_options *opt,
		       const char *vmm, const char *guest_dir, const char *bootargs, char *cmd,
		       size_t len)
{
	char words[sizeof(((struct planned_run *)0)->bootargs)], limit[48] = "";
	int rc = 0;

	/* the remote s2vmm must not outlive the run: ssh's end does not stop it */
	if (l->host && opt->run_timeout_s)
		snprintf(limit, sizeof(limit), "timeout -s KILL %u ",
			 opt->run_timeout_s + REMOTE_KILL_MARGIN_S);
	cmd[0] = '\0';
	rc |= add(cmd, len, "echo s2bench: kvm-host host=");
	rc |= kvm_host_quote(cmd, len, l->host ? l->host : "local");
	rc |= add(cmd, len, " node=\"$(uname -n)\"; ");
	rc |= add(cmd, len, l->host ? "cd " KVM_HOST_REMOTE_CACHE " && exec " : "exec ");
	rc |= add(cmd, len, limit);
	rc |= kvm_host_quote(cmd, len, vmm);
	rc |= add(cmd, len, " --guest-dir ");
	rc |= kvm_host_quote(cmd, len, guest_dir);
	snprintf(words, sizeof(words), "%s", bootargs);
	for (char *save, *w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		rc |= add(cmd, len, " ");
		rc |= kvm_host_quote(cmd, len, w);
	}
	return rc ? -1 : 0;
}

static int kvm_host_start(struct board_job *job, const struct run_options *opt, char *err,
			  size_t errlen)
{
	struct kvm_host_link l;
	char s2vmm[600], local_dir[600], vmm[64], guest_dir[17], cmd[4096];
	char *argv[KVM_HOST_MAX_SSH_WORDS + 8];
	const char *guest = job->run->cfg.guest;

	s2vmm_path(opt, s2vmm, sizeof(s2vmm));
	if (kvm_host_link_init(&l, opt, err, errlen) ||
	    find_guest(opt, guest, local_dir, sizeof(local_dir), err, errlen))
		return -1;
	if (l.host) {
		char vmm_hash[17];
		if (upload_run_files(&l, opt, s2vmm, local_dir, guest, vmm_hash, guest_dir, err, errlen))
			return -1;
		snprintf(vmm, sizeof(vmm), "./%s/s2vmm", vmm_hash);
	}
	if (run_command(&l, opt, l.host ? vmm : s2vmm, l.host ? guest_dir : local_dir,
			job->run->bootargs, cmd, sizeof(cmd))) {
		snprintf(err, errlen, "kvm-host: the run's command is longer than %zu bytes", sizeof(cmd));
		return -1;
	}
	kvm_host_argv(&l, cmd, NULL, argv);
	struct spawn_io io = { job->err_path, opt->log_cap };
	job->pid = spawn_piped(argv, NULL, &io, &job->fd);
	if (job->pid < 0) {
		snprintf(err, errlen, "kvm-host: cannot start %s: %s", argv[0], strerror(errno));
		return -1;
	}
	return 0;
}

/* One run at a time: s2vmm sets the host's global tracing state (docs/kvm.md), and two VMs on
 * one host would time each other. */
const struct board_ops board_kvm_host = { 1, 0, kvm_host_check, kvm_host_start,
					  board_finish_spawned };
