/* serial-pulse TTY dtr|rts [MS]: a --reset-cmd that resets a board through the USB-serial
 * adapter's DTR or RTS line, wired to the board's reset input (a Raspberry Pi's RUN pin,
 * docs/boards.md "Reset without a relay"). Asserts the line (TIOCMBIS: the adapter's DTR#/RTS#
 * pin goes low, holding the board in reset), waits MS milliseconds (default 200), releases it
 * (TIOCMBIC: the pin goes high and the board starts). Ends with the line released, so the board
 * runs whatever happens next on the console. Exit 0 done, 1 the line could not be driven, 2 usage.
 * Nothing here blocks: the TTY is opened non-blocking and is never read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_MS 10000 /* a reset pulse, not a power-off: anything longer is a typo */

static int usage(void)
{
	fprintf(stderr, "usage: serial-pulse TTY dtr|rts [MS (1..%d, default 200)]\n", MAX_MS);
	return 2;
}

static int line_bit(const char *name)
{
	if (!strcmp(name, "dtr"))
		return TIOCM_DTR;
	if (!strcmp(name, "rts"))
		return TIOCM_RTS;
	return 0;
}

static int parse_ms(const char *s, long *ms)
{
	char *end;
	errno = 0;
	*ms = strtol(s, &end, 10);
	return errno || end == s || *end || *ms < 1 || *ms > MAX_MS ? -1 : 0;
}

/* Drives BIT with REQUEST (TIOCMBIS or TIOCMBIC); prints what failed. */
static int drive(int fd, unsigned long request, int bit, const char *tty, const char *what)
{
	if (ioctl(fd, request, &bit) == 0)
		return 0;
	fprintf(stderr, "serial-pulse: %s: cannot %s the line: %s%s\n", tty, what, strerror(errno),
		errno == ENOTTY || errno == EINVAL ? " (no modem control lines: a pty or a 3-wire adapter?)"
						   : "");
	return -1;
}

int main(int argc, char **argv)
{
	long ms = 200;
	int bit;

	if (argc < 3 || argc > 4 || !(bit = line_bit(argv[2])) || (argc == 4 && parse_ms(argv[3], &ms)))
		return usage();
	const char *tty = argv[1];
	int fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "serial-pulse: %s: %s\n", tty, strerror(errno));
		return 1;
	}
	if (!isatty(fd)) {
		fprintf(stderr, "serial-pulse: %s: not a terminal (give the adapter's TTY, e.g. /dev/ttyUSB0)\n",
			tty);
		close(fd);
		return 1;
	}
	int rc = 1;
	if (drive(fd, TIOCMBIS, bit, tty, "assert") == 0) {
		struct timespec hold = { ms / 1000, (ms % 1000) * 1000000L };
		while (clock_nanosleep(CLOCK_MONOTONIC, 0, &hold, &hold) == EINTR)
			;
		/* released even if asserting half-worked: the board must not stay in reset */
		rc = drive(fd, TIOCMBIC, bit, tty, "release") ? 1 : 0;
	}
	close(fd);
	return rc;
}
