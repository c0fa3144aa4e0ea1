/* How the kvm-host board reaches its host: every step is one shell command, run on this machine
 * (`sh -c CMD`) or over ssh (`ssh -o BatchMode=yes HOST CMD`, or --ssh's words), so the remote
 * side needs nothing but a POSIX shell, cat, mkdir, mv, chmod, uname and timeout. Files reach a
 * remote host through `cat` into a directory named by their content hash (a suite copies each
 * once; a later suite finds them there). docs/kvm.md, "On a real arm64 Linux host". */
#ifndef S2B_HARNESS_KVM_HOST_LINK_H
#define S2B_HARNESS_KVM_HOST_LINK_H

#include <stddef.h>

#include "board.h"

#define KVM_HOST_MAX_SSH_WORDS 16
#define KVM_HOST_REMOTE_CACHE ".cache/s2bench" /* relative to the remote login directory */

struct kvm_host_link { /* copyable: the words are offsets into its own buffer */
	const char *host; /* NULL: this machine */
	char ssh_buf[512]; /* --ssh, its words NUL-terminated */
	unsigned short ssh_word[KVM_HOST_MAX_SSH_WORDS]; /* where each word starts in ssh_buf */
	int ssh_argc;
};

/* From --host and --ssh (default `ssh -o BatchMode=yes`): 0, or -1 and a reason. */
int kvm_host_link_init(struct kvm_host_link *l, const struct run_options *opt, char *err,
		       size_t errlen);

/* The argv that runs shell command CMD on the host, into ARGV (room for KVM_HOST_MAX_SSH_WORDS
 * + 6). With STDIN_PATH, the command's stdin is that local file (else /dev/null). */
void kvm_host_argv(const struct kvm_host_link *l, const char *cmd, const char *stdin_path,
		   char **argv);

/* Runs CMD on the host to completion within DEADLINE_S seconds; its stdout and stderr (merged)
 * into OUT (cut to OUTLEN). Returns its exit status (255: ssh could not connect), -1 when it
 * could not be started, -2 when the deadline killed it. */
int kvm_host_run(const struct kvm_host_link *l, const char *cmd, const char *stdin_path,
		 unsigned deadline_s, char *out, size_t outlen);

/* KVM_HOST_RUN's result RC in words ("exit 255", "no answer within 60s"), into BUF. */
void kvm_host_describe_exit(int rc, unsigned deadline_s, char *buf, size_t len);

/* Appends ' + S + ' (S shell-quoted) to BUF of LEN: 0, or -1 when it does not fit. */
int kvm_host_quote(char *buf, size_t len, const char *s);

/* A name for the content of the files in PATHS (NULL-terminated; a missing one counts as
 * empty): 16 hex digits into HASH. -1 when a file exists but cannot be read. */
int kvm_host_content_hash(const char *const *paths, char hash[17]);

/* Copies local file PATH to DIR/NAME on a remote host (mode 0755 when EXEC), unless this process
 * already did or the file is already there: 0, or -1 and a reason. */
int kvm_host_upload(const struct kvm_host_link *l, const char *path, const char *dir,
		    const char *name, int exec, unsigned deadline_s, char *err, size_t errlen);

#endif
