#include "process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

pid_t spawn_piped(char *const argv[], char *const env[], int *out_fd)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int p[2], err;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
					       POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	sigset_t none, all;
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &all); /* our SIGINT/SIGPIPE handling stays ours */
	err = posix_spawnp(&pid, argv[0], &fa, &attr, argv, env ? env : environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(p[1]);
	if (err) {
		close(p[0]);
		errno = err;
		return -1;
	}
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	*out_fd = p[0];
	return pid;
}

int spawn_wait(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
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
	pid_t pid = spawn_piped(argv, NULL, &fd);

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
