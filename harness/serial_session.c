/* See serial_session.h. One board, one run at a time: the session is this file's state. */
#include "serial_session.h"

#include "progress.h"
#include "protocol.h"
#include "runner.h"

#include "../core/config_frame.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CONSOLE_APPEAR_S 10 /* a console the reset command (re)creates, e.g. a pty's link */

static struct {
	int fd;     /* the console, open across runs; -1: none */
	int broken; /* the last run did not end at `done` in time: reset before the next */
} sess = { -1, 0 };

enum reply { REPLY_NONE, REPLY_READY, REPLY_ACK, REPLY_NAK, REPLY_GONE };

/* The reply REC is, if it is one the caller waits for (WANT_ACK: ack or nak; else ready). */
static enum reply reply_of(const struct record *rec, int want_ack, char *reason, size_t n)
{
	if (!want_ack)
		return strcmp(rec->kind, "ready") == 0 ? REPLY_READY : REPLY_NONE;
	if (strcmp(rec->kind, "ack") == 0)
		return REPLY_ACK;
	if (strcmp(rec->kind, "nak") != 0)
		return REPLY_NONE; /* a `ready` said again before the frame arrived, noise */
	snprintf(reason, n, "%s", record_get(rec, "reason"));
	return REPLY_NAK;
}

/* Reads console lines for up to WAIT_S seconds until the reply wanted: REPLY_NONE when the
 * time is up, REPLY_GONE when the console closed (the emulator behind a pty exited). */
static enum reply await(int fd, int want_ack, double wait_s, char *reason, size_t n)
{
	double end = now_s() + wait_s;
	char line[PROTO_MAX_LINE + 2];

	while (!runner_interrupted) {
		double left = end - now_s();
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct record rec;

		if (left <= 0)
			return REPLY_NONE;
		if (poll(&p, 1, (int)(left * 1000) + 1) <= 0)
			continue; /* EINTR or the time is up: the loop decides */
		ssize_t len = read(fd, line, sizeof(line) - 1);
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (len <= 0)
			return REPLY_GONE; /* EOF, or EIO from a pty whose other side went away */
		while (len && line[len - 1] == '\n')
			len--;
		if (proto_parse_line(line, (size_t)len, &rec) != LINE_RECORD)
			continue;
		enum reply r = reply_of(&rec, want_ack, reason, n);
		if (r != REPLY_NONE)
			return r;
	}
	return REPLY_GONE;
}

static void close_console(void)
{
	if (sess.fd >= 0)
		close(sess.fd);
	sess.fd = -1;
}

/* The console after a reset: the command may (re)create it (a pty's link), so wait for it. */
static int reopen_console(const struct run_options *opt)
{
	double end = now_s() + CONSOLE_APPEAR_S;

	while ((sess.fd = serial_open_console(opt->console, opt->baud, 1)) < 0 && errno == ENOENT &&
	       now_s() < end && !runner_interrupted)
		usleep(100 * 1000);
	return sess.fd;
}

/* --reset-cmd (or the operator), then the first `ready`. */
static int power_on(const struct run_options *opt, const struct planned_run *run, char *err,
		    size_t errlen)
{
	close_console();
	if (serial_reset(opt, SERIAL_CONSOLE_BOOTARGS, run->run_id, err, errlen))
		return -1;
	if (reopen_console(opt) < 0) {
		snprintf(err, errlen, "console %s after --reset-cmd: %s", opt->console, strerror(errno));
		return -1;
	}
	if (await(sess.fd, 0, SERIAL_BOOT_WAIT_S, NULL, 0) != REPLY_READY) {
		snprintf(err, errlen,
			 "no `ready` from the board within %ds of its reset (does it boot with %s?)",
			 SERIAL_BOOT_WAIT_S, SERIAL_CONSOLE_BOOTARGS);
		close_console();
		return -1;
	}
	return 0;
}

static int write_all(int fd, const char *buf, size_t n)
{
	double end = now_s() + SERIAL_ACK_WAIT_S;

	while (n) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		ssize_t w = write(fd, buf, n);
		if (w > 0) {
			buf += w, n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		if (now_s() >= end) {
			errno = ETIMEDOUT;
			return -1;
		}
		poll(&p, 1, 100);
	}
	return 0;
}

/* Frames until `ack`: 0, or -1 + reason (*BROKEN: the board stopped answering). */
static int configure(const char *run_id, const char *frame, size_t n, char *err, size_t errlen,
		     int *broken)
{
	char reason[32] = "";

	for (int tries = 0; tries < SERIAL_FRAME_TRIES; tries++) {
		if (write_all(sess.fd, frame, n)) {
			snprintf(err, errlen, "cannot send the configuration frame: %s", strerror(errno));
			return *broken = 1, -1;
		}
		switch (await(sess.fd, 1, SERIAL_ACK_WAIT_S, reason, sizeof(reason))) {
		case REPLY_ACK:
			return 0;
		case REPLY_NAK: /* s2hv waits for a frame again: send it again */
			fprintf(stderr, "s2bench: run %s: the board answered nak reason=%s to its "
					"configuration frame\n", run_id, reason);
			continue;
		default:
			snprintf(err, errlen, "no ack from the board within %ds of the configuration frame",
				 SERIAL_ACK_WAIT_S);
			return *broken = 1, -1;
		}
	}
	snprintf(err, errlen, "the board refused the configuration frame %d times (nak reason=%s)",
		 SERIAL_FRAME_TRIES, reason);
	return -1;
}

int serial_session_start(struct board_job *job, const struct run_options *opt, char *err,
			 size_t errlen)
{
	char frame[CONFIG_FRAME_MAX + 2];
	int n = proto_config_frame(frame, sizeof(frame), job->run->bootargs);

	job->pid = -1;
	job->fd = -1;
	if (n < 0) {
		snprintf(err, errlen, "bootargs of %zu bytes: more than a configuration frame holds",
			 strlen(job->run->bootargs));
		return -1;
	}
	/* a board that is up and idle says `ready`; one that does not is powered on again */
	int up = 0;
	if (!sess.broken && sess.fd < 0)
		sess.fd = serial_open_console(opt->console, opt->baud, 1);
	if (!sess.broken && sess.fd >= 0)
		up = await(sess.fd, 0, SERIAL_READY_WAIT_S, NULL, 0) == REPLY_READY;
	sess.broken = 1; /* until it says `ready` */
	if (!up && power_on(opt, job->run, err, errlen))
		return -1;
	sess.broken = 0;
	if (configure(job->run->run_id, frame, (size_t)n, err, errlen, &sess.broken))
		return -1;
	job->fd = sess.fd;
	return 0;
}

int serial_session_finish(struct board_job *job, int killed)
{
	if (sess.fd < 0 || job->fd != sess.fd)
		return 0;
	if (killed)
		sess.broken = 1;
	job->fd = -1; /* kept open for the next run */
	return 1;
}
