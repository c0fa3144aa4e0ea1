#include "process.h"

#include "reaper.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct child_fds {
	int in, out, err, exec_err; /* exec_err: the child reports a failed exec's errno here */
};

/* Between fork and exec: async-signal-safe calls only. */
static _Noreturn void child(char *const argv[], char *const env[], const struct child_fds *fd,
			    unsigned long long fsize_max, pid_t parent)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;

	/* Die with s2bench. If it died before the prctl, no signal comes: the parent check catches it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	setpgid(0, 0);
	reaper_register_self();
	dup2(fd->in, 0);
	dup2(fd->out, 1);
	dup2(fd->err, 2);
	if (fsize_max) {
		struct rlimit rl = { fsize_max, fsize_max };
		setrlimit(RLIMIT_FSIZE, &rl);
	}
	for (int sig = 1; sig < NSIG; sig++) /* our SIGINT/SIGPIPE handling stays ours */
		sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (env)
		execvpe(argv[0], argv, env);
	else
		execvp(argv[0], argv);
	int e = errno;
	while (write(fd->exec_err, &e, sizeof(e)) < 0 && errno == EINTR)
		;
	_exit(127);
}

pid_t spawn_piped(char *const argv[], char *const env[], const struct spawn_io *io, int *out_fd)
{
	int p[2], report[2] = { -1, -1 }, err = 0;
	struct child_fds fd = { -1, -1, -1, -1 };
	pid_t pid = -1, parent = getpid();

	reaper_start(); /* best effort: without it PDEATHSIG still covers the direct child */
	if (pipe2(p, O_CLOEXEC))
		return -1;
	if (pipe2(report, O_CLOEXEC)) {
		err = errno;
		goto out;
	}
	fd.in = open("/dev/null", O_RDONLY | O_CLOEXEC);
	fd.out = p[1];
	fd.err = io && io->err_path ?
			 open(io->err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) :
			 p[1];
	fd.exec_err = report[1];
	if (fd.in < 0 || fd.err < 0) {
		err = errno;
		goto out;
	}
	pid = fork();
	if (pid == 0)
		child(argv, env, &fd, io ? io->fsize_max : 0, parent);
	if (pid < 0) {
		err = errno;
		goto out;
	}
	setpgid(pid, pid); /* also here: a kill of the group right after fork must find it */
	close(report[1]);
	report[1] = -1;
	ssize_t n;
	while ((n = read(report[0], &err, sizeof(err))) < 0 && errno == EINTR)
		;
	if (n != (ssize_t)sizeof(err))
		err = 0; /* EOF: exec succeeded */
	else
		spawn_wait(pid);
out:
	if (fd.in >= 0)
		close(fd.in);
	if (fd.err >= 0 && fd.err != p[1])
		close(fd.err);
	close(p[1]);
	if (report[1] >= 0)
		close(report[1]);
	if (report[0] >= 0)
		close(report[0]);
	if (err) {
		close(p[0]);
		errno = err;
		return -1;
	}
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	*out_fd = p[0];
	return pid;
}

static int decode(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int spawn_wait(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	reaper_forget(pid);
	return decode(st);
}

int spawn_try_wait(pid_t pid, int *code)
{
	int st;
	pid_t r = waitpid(pid, &st, WNOHANG);
	if (r <= 0)
		return r < 0 && errno != EINTR ? -1 : 0;
	reaper_forget(pid);
	*code = decode(st);
	return 1;
}

int spawn_exit_fd(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	return -1;
#endif
}

void spawn_kill_group(pid_t pid)
{
	if (pid > 0)
		kill(-pid, SIGKILL);
}

void spawn_first_line(char *const argv[], char *buf, size_t len)
{
	int fd;
	size_t got = 0;
	pid_t pid = spawn_piped(argv, NULL, NULL, &fd);

	buf[0] = '\0';
	if (pid < 0)
		return;
	fcntl(fd, F_SETFL, 0); /* blocking: it is a short-lived helper */
	while (got + 1 < len) {
		ssize_t n = read(fd, buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	close(fd);
	spawn_wait(pid);
}

/* Copies what is readable on FD to our stderr; 0 at EOF or error, 1 while more may come. */
static int copy_available(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(2, buf, (size_t)n) < 0)
			return 0;
	return n < 0 && (errno == EAGAIN || errno == EINTR);
}

int spawn_run_to_stderr(char *const argv[], unsigned timeout_s)
{
	struct timespec now, end;
	int fd, code, open_fd;
	pid_t pid = spawn_piped(argv, NULL, NULL, &fd);

	if (pid < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout_s;
	open_fd = 1;
	/* Done when the command itself exits, not at EOF: a child it left in the background (an
	 * emulator standing in for a board) may hold the pipe for as long as it runs. */
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (open_fd && poll(&p, 1, 100) > 0)
			open_fd = copy_available(fd);
		else if (!open_fd)
			poll(NULL, 0, 100);
		int r = spawn_try_wait(pid, &code);
		if (r != 0) {
			if (open_fd)
				copy_available(fd);
			close(fd);
			return r < 0 ? -1 : code;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)) {
			spawn_kill_group(pid);
			spawn_wait(pid);
			close(fd);
			return SPAWN_TIMED_OUT;
		}
	}
}

int spawn_find(const char *prog)
{
	if (strchr(prog, '/'))
		return access(prog, X_OK);
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char full[4096];
		snprintf(full, sizeof(full), "%.*s/%s", (int)n, n ? p : ".", prog);
		if (access(full, X_OK) == 0)
			return 0;
		if (!end)
			return -1;
		p = end;
	}
}
