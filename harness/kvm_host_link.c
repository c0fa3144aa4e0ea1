/* See kvm_host_link.h. */
#include "kvm_host_link.h"

#include "process.h"
#include "runconfig.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_SSH "ssh -o BatchMode=yes"
#define MAX_UPLOADS 64

int kvm_host_link_init(struct kvm_host_link *l, const struct run_options *opt, char *err,
		       size_t errlen)
{
	const char *ssh = opt->ssh_cmd ? opt->ssh_cmd : DEFAULT_SSH;

	memset(l, 0, sizeof(*l));
	l->host = opt->kvm_host;
	if (snprintf(l->ssh_buf, sizeof(l->ssh_buf), "%s", ssh) >= (int)sizeof(l->ssh_buf)) {
		snprintf(err, errlen, "--ssh: command longer than %zu bytes", sizeof(l->ssh_buf) - 1);
		return -1;
	}
	for (char *save, *w = strtok_r(l->ssh_buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (l->ssh_argc == KVM_HOST_MAX_SSH_WORDS) {
			snprintf(err, errlen, "--ssh: more than %d words", KVM_HOST_MAX_SSH_WORDS);
			return -1;
		}
		l->ssh_word[l->ssh_argc++] = (unsigned short)(w - l->ssh_buf);
	}
	if (!l->ssh_argc) {
		snprintf(err, errlen, "--ssh: empty command");
		return -1;
	}
	return 0;
}

void kvm_host_argv(const struct kvm_host_link *l, const char *cmd, const char *stdin_path,
		   char **argv)
{
	int n = 0;

	if (stdin_path) { /* spawn_piped gives /dev/null: a shell puts the file there instead */
		argv[n++] = "sh";
		argv[n++] = "-c";
		argv[n++] = "exec \"$@\" <\"$0\"";
		argv[n++] = (char *)stdin_path;
	}
	if (l->host) {
		for (int i = 0; i < l->ssh_argc; i++)
			argv[n++] = (char *)l->ssh_buf + l->ssh_word[i];
		argv[n++] = (char *)l->host;
	} else {
		argv[n++] = "sh";
		argv[n++] = "-c";
	}
	argv[n++] = (char *)cmd;
	argv[n] = NULL;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

int kvm_host_run(const struct kvm_host_link *l, const char *cmd, const char *stdin_path,
		 unsigned deadline_s, char *out, size_t outlen)
{
	char *argv[KVM_HOST_MAX_SSH_WORDS + 8];
	size_t got = 0;
	int fd, code;
	const double end = now_s() + deadline_s;

	kvm_host_argv(l, cmd, stdin_path, argv);
	pid_t pid = spawn_piped(argv, NULL, NULL, &fd);
	out[0] = '\0';
	if (pid < 0)
		return -1;
	for (;;) { /* output until EOF, then the exit: both within the deadline */
		double left = end - now_s();
		if (left <= 0)
			break;
		struct pollfd p = { fd, POLLIN, 0 };
		if (fd >= 0 && poll(&p, 1, left > 0.2 ? 200 : (int)(left * 1000) + 1) > 0) {
			char buf[1024];
			ssize_t n = read(fd, buf, sizeof(buf));
			if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
				close(fd);
				fd = -1;
			}
			for (ssize_t i = 0; i < n && got + 1 < outlen; i++)
				out[got++] = buf[i];
			out[got] = '\0';
		} else if (fd < 0 && spawn_try_wait(pid, &code) == 1) {
			return code;
		} else if (fd < 0) {
			usleep(20000);
		}
	}
	if (fd >= 0)
		close(fd);
	spawn_kill_group(pid);
	spawn_wait(pid);
	return -2;
}

void kvm_host_describe_exit(int rc, unsigned deadline_s, char *buf, size_t len)
{
	if (rc == -2)
		snprintf(buf, len, "no answer within %us", deadline_s);
	else if (rc == -1)
		snprintf(buf, len, "cannot start it: %s", strerror(errno));
	else
		snprintf(buf, len, "exit %d", rc);
}

int kvm_host_quote(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	if (n + 1 >= len)
		return -1;
	buf[n++] = '\'';
	for (; *s; s++) {
		const char *piece = *s == '\'' ? "'\\''" : (char[]){ *s, 0 };
		size_t k = strlen(piece);
		if (n + k + 2 > len)
			return -1;
		memcpy(buf + n, piece, k);
		n += k;
	}
	buf[n++] = '\'';
	buf[n] = '\0';
	return 0;
}

/* Appends the whole of regular file F and a NUL (a boundary: a|bc and ab|c differ) to *ALL. */
static int append_file(FILE *f, char **all, size_t *total)
{
	struct stat st;

	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode))
		return -1;
	size_t n = (size_t)st.st_size;
	char *more = realloc(*all, *total + n + 1); /* whole files: s2vmm is ~1 MiB */
	if (!more)
		return -1;
	*all = more;
	if (fread(more + *total, 1, n, f) != n)
		return -1;
	more[*total + n] = '\0';
	*total += n + 1;
	return 0;
}

int kvm_host_content_hash(const char *const *paths, char hash[17])
{
	size_t total = 0;
	char *all = NULL;
	int rc = 0;

	for (; *paths && !rc; paths++) {
		FILE *f = fopen(*paths, "rb");
		if (!f) {
			rc = errno == ENOENT ? 0 : -1;
			continue;
		}
		rc = append_file(f, &all, &total);
		fclose(f);
	}
	if (!rc)
		hash_id(all ? all : "", total, hash);
	free(all);
	return rc;
}

/* HOST + ' ' + DIR/NAME of every file this process copied, so a suite copies each once. */
static char *uploaded[MAX_UPLOADS];
static size_t nuploaded;

static int seen(const char *key)
{
	for (size_t i = 0; i < nuploaded; i++)
		if (strcmp(uploaded[i], key) == 0)
			return 1;
	return 0;
}

int kvm_host_upload(const struct kvm_host_link *l, const char *path, const char *dir,
		    const char *name, int exec, unsigned deadline_s, char *err, size_t errlen)
{
	char key[600], cmd[1600], q[700] = "", out[512];
	struct stat st;

	snprintf(key, sizeof(key), "%s %s/%s", l->host, dir, name);
	if (seen(key))
		return 0;
	snprintf(q, sizeof(q), "%s/%s", dir, name);
	if (stat(path, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char target[700] = "";
	kvm_host_quote(target, sizeof(target), q);
	/* Into NAME.part<pid>, renamed only once it holds every byte: a dropped connection ends
	 * the remote `cat` as a normal EOF, and `test -s` must only ever find whole files. */
	snprintf(cmd, sizeof(cmd),
		 "f=%s; p=\"$f.part$$\"; test -s \"$f\" || { mkdir -p \"${f%%/*}\" && cat >\"$p\" && "
		 "[ \"$(wc -c <\"$p\")\" -eq %lld ] && chmod %s \"$p\" && mv -f \"$p\" \"$f\"; } || "
		 "{ n=$(wc -c <\"$p\" 2>/dev/null); rm -f \"$p\"; echo \"incomplete: ${n:-0} of %lld "
		 "bytes arrived\"; exit 1; }",
		 target, (long long)st.st_size, exec ? "755" : "644", (long long)st.st_size);
	int rc = kvm_host_run(l, cmd, path, deadline_s, out, sizeof(out));
	if (rc) {
		char why[64];
		kvm_host_describe_exit(rc, deadline_s, why, sizeof(why));
		out[strcspn(out, "\n")] = '\0';
		snprintf(err, errlen, "copying %s to %s:%s failed (%s)%s%s", path, l->host, q, why,
			 out[0] ? ": " : "", out);
		return -1;
	}
	if (nuploaded < MAX_UPLOADS && (uploaded[nuploaded] = strdup(key)))
		nuploaded++;
	return 0;
}
