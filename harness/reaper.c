#include "reaper.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* Our end of a SOCK_SEQPACKET pair (a pipe with message boundaries, and MSG_NOSIGNAL: a
 * watcher that is gone must not kill us with SIGPIPE). Close-on-exec, so only s2bench and a child
 * before its exec hold it. */
static int reaper_fd = -1;

/* Messages are one int32: +pgid registers a group, -pgid forgets it. */
static void send_msg(int32_t m)
{
	if (reaper_fd < 0)
		return;
	while (send(reaper_fd, &m, sizeof(m), MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
}

static _Noreturn void watch(int fd)
{
	pid_t *groups = NULL;
	size_t n = 0, cap = 0;
	int32_t m;

	/* Nothing of s2bench's but the pipe: a held result-directory lock or stdout would outlive it. */
	if (fd != 3) {
		dup2(fd, 3);
		fd = 3;
	}
	for (int i = 0; i < 1024; i++)
		if (i != fd)
			close(i);
	int null = open("/dev/null", O_RDWR); /* fd 0 */
	dup2(null, 1);
	dup2(null, 2);
	prctl(PR_SET_NAME, "s2bench-reaper");
	for (;;) {
		ssize_t got = read(fd, &m, sizeof(m));
		if (got < 0 && errno == EINTR)
			continue;
		if (got != (ssize_t)sizeof(m))
			break; /* EOF: s2bench is gone */
		if (m > 0) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				pid_t *g = realloc(groups, cap * sizeof(*g));
				if (!g)
					continue;
				groups = g;
			}
			groups[n++] = m;
		} else {
			for (size_t i = 0; i < n; i++)
				if (groups[i] == -m) {
					groups[i] = groups[--n];
					break;
				}
		}
	}
	for (size_t i = 0; i < n; i++)
		kill(-groups[i], SIGKILL);
	_exit(0);
}

int reaper_start(void)
{
	int p[2];

	if (reaper_fd >= 0)
		return 0;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p))
		return -1;
	pid_t mid = fork();
	if (mid == 0) {
		/* Own session: Ctrl-C or a kill of s2bench's process group must not reach it. The
		 * double fork makes it init's child, so nobody has to reap it. */
		close(p[1]);
		setsid();
		if (fork() == 0)
			watch(p[0]);
		_exit(0);
	}
	close(p[0]);
	if (mid < 0) {
		close(p[1]);
		return -1;
	}
	while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
		;
	reaper_fd = p[1];
	return 0;
}

void reaper_register_self(void)
{
	send_msg((int32_t)getpid());
}

void reaper_forget(pid_t pgid)
{
	if (pgid > 0)
		send_msg(-(int32_t)pgid);
}
