/* operator-prompt [SECONDS]: a --reset-cmd for a board with no remote power: tells the operator
 * on the terminal to power-cycle it and waits for Enter, at most SECONDS (default 120).
 * Exit 0 answered, 1 no answer in time (or no terminal), 2 usage.
 *
 * s2bench runs a reset command in a process group of its own, so on s2bench's terminal it is a
 * background job, and reading the terminal would stop it (SIGTTIN). With SIGTTOU ignored a
 * background process may make itself the foreground (POSIX tcsetpgrp()); the previous foreground
 * is given back before exiting, also on SIGINT/SIGTERM. The terminal is $S2B_PROMPT_TTY if set,
 * else /dev/tty. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_SECONDS 86400

static int tty_fd = -1;
static pid_t old_foreground = -1;

static void give_back_foreground(void)
{
	if (old_foreground > 0 && old_foreground != getpgrp())
		tcsetpgrp(tty_fd, old_foreground);
}

static void on_signal(int sig)
{
	give_back_foreground();
	_exit(128 + sig);
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* Waits for a line on the terminal until DEADLINE_MS: 0 a line, -1 none (timeout or EOF). */
static int wait_for_enter(long deadline_ms)
{
	char c;
	for (;;) {
		long left = deadline_ms - now_ms();
		if (left <= 0)
			return -1;
		struct pollfd p = { tty_fd, POLLIN, 0 };
		int n = poll(&p, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		ssize_t got = read(tty_fd, &c, 1);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0)
			return -1; /* EOF: the terminal went away */
		if (c == '\n' || c == '\r')
			return 0;
	}
}

int main(int argc, char **argv)
{
	long seconds = 120;
	char *end = NULL;

	if (argc > 2 || (argc == 2 && ((seconds = strtol(argv[1], &end, 10)) < 1 ||
				       seconds > MAX_SECONDS || *end))) {
		fprintf(stderr, "usage: operator-prompt [SECONDS (1..%d, default 120)]\n", MAX_SECONDS);
		return 2;
	}
	const char *tty = getenv("S2B_PROMPT_TTY") ? getenv("S2B_PROMPT_TTY") : "/dev/tty";
	tty_fd = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty_fd < 0) {
		fprintf(stderr, "operator-prompt: no terminal to ask on (%s: %s): run s2bench from a "
				"terminal, or use another --reset-cmd\n", tty, strerror(errno));
		return 1;
	}
	signal(SIGTTOU, SIG_IGN);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	old_foreground = tcgetpgrp(tty_fd);
	if (old_foreground > 0 && old_foreground != getpgrp())
		tcsetpgrp(tty_fd, getpgrp());
	tcflush(tty_fd, TCIFLUSH); /* an Enter typed before the prompt is not an answer to it */

	const char *run = getenv("S2B_RUN_ID"), *args = getenv("S2B_BOOTARGS");
	dprintf(tty_fd, "\n>>> Power-cycle the board now (unplug its power, plug it back)%s%s%s%s,\n"
			">>> then press Enter here (waiting %ld s).\n",
		run ? " for run " : "", run ? run : "", args ? "; bootargs: " : "", args ? args : "",
		seconds);
	int rc = wait_for_enter(now_ms() + seconds * 1000L);
	give_back_foreground();
	if (rc) {
		fprintf(stderr, "operator-prompt: no answer within %ld s: the board was not reset\n",
			seconds);
		return 1;
	}
	return 0;
}
