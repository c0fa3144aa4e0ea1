/* A real board on a serial console. Each run: open the TTY raw at --baud, drop stale input, run
 * --reset-cmd with the run's bootargs in $S2B_BOOTARGS (the command writes them where the board's
 * boot loader reads them, e.g. a boot.scr on TFTP, then power-cycles it), then read the console
 * until the `done` record. One run at a time: there is one board. With --config-over-console
 * the board is powered on once and configured over the console instead (serial_session.c). */
#include "board.h"

#include "process.h"
#include "serial_session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static speed_t baud_constant(unsigned baud)
{
	static const struct { unsigned baud; speed_t c; } table[] = {
		{ 9600, B9600 },     { 19200, B19200 },   { 38400, B38400 },   { 57600, B57600 },
		{ 115200, B115200 }, { 230400, B230400 }, { 460800, B460800 }, { 921600, B921600 },
		{ 1000000, B1000000 }, { 1500000, B1500000 }, { 3000000, B3000000 },
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].baud == baud)
			return table[i].c;
	return 0;
}

static int serial_check(struct run_options *opt, char *err, size_t errlen)
{
	if (!opt->console) {
		snprintf(err, errlen, "board serial needs --console TTY (and usually --reset-cmd)");
		return -1;
	}
	if (!baud_constant(opt->baud)) {
		snprintf(err, errlen, "--baud %u: not a standard rate (e.g. 115200)", opt->baud);
		return -1;
	}
	/* a reset command may create the console (a pty's link): it is opened after the reset */
	if (access(opt->console, R_OK | W_OK) &&
	    !(errno == ENOENT && opt->config_over_console && opt->reset_cmd)) {
		snprintf(err, errlen, "console %s: %s", opt->console, strerror(errno));
		return -1;
	}
	return 0;
}

int serial_open_console(const char *path, unsigned baud, int line_mode)
{
	static const int specials[] = { VEOF, VEOL, VEOL2, VERASE, VKILL, VINTR, VQUIT, VSUSP };
	struct termios t;
	int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (tcgetattr(fd, &t) == 0) { /* raw 8N1: the console carries lines, no echo, no mapping */
		cfmakeraw(&t);
		t.c_cflag |= CLOCAL | CREAD;
		if (line_mode) { /* one line per read; no byte has a meaning of its own */
			t.c_lflag |= ICANON;
			for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
				t.c_cc[specials[i]] = _POSIX_VDISABLE;
		}
		cfsetispeed(&t, baud_constant(baud));
		cfsetospeed(&t, baud_constant(baud));
		tcsetattr(fd, TCSANOW, &t);
		tcflush(fd, TCIFLUSH); /* what the board said before this run is not this run's */
	}
	return fd;
}

/* Runs the reset command to completion; its output goes to our stderr. */
int serial_reset(const struct run_options *opt, const char *bootargs, const char *run_id, char *err,
		 size_t errlen)
{
	if (!opt->reset_cmd) {
		fprintf(stderr, "s2bench: reset the board now (bootargs: %s)\n", bootargs);
		return 0;
	}
	setenv("S2B_BOOTARGS", bootargs, 1);
	setenv("S2B_RUN_ID", run_id, 1);
	char *argv[] = { "/bin/sh", "-c", (char *)opt->reset_cmd, NULL };
	int rc = spawn_run_to_stderr(argv);
	if (rc < 0) {
		snprintf(err, errlen, "cannot run --reset-cmd: %s", strerror(errno));
		return -1;
	}
	if (rc) {
		snprintf(err, errlen, "--reset-cmd exited with status %d", rc);
		return -1;
	}
	return 0;
}

static int serial_start(struct board_job *job, const struct run_options *opt, char *err,
			size_t errlen)
{
	if (opt->config_over_console)
		return serial_session_start(job, opt, err, errlen);
	job->pid = -1;
	job->fd = serial_open_console(opt->console, opt->baud, 0);
	if (job->fd < 0) {
		snprintf(err, errlen, "console %s: %s", opt->console, strerror(errno));
		return -1;
	}
	if (serial_reset(opt, job->run->bootargs, job->run->run_id, err, errlen)) {
		close(job->fd);
		job->fd = -1;
		return -1;
	}
	return 0;
}

static int serial_finish(struct board_job *job, int killed)
{
	if (serial_session_finish(job, killed))
		return -1;
	/* nothing to kill: the next run's reset power-cycles the board */
	close(job->fd);
	job->fd = -1;
	return -1;
}

const struct board_ops board_serial = { 1, 1, serial_check, serial_start, serial_finish };
