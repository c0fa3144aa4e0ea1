/*
 * The serial board with configuration over the console (--config-over-console, docs/protocol.md
 * "Configuration over the console"): s2hv boots once with SERIAL_CONSOLE_BOOTARGS, and each run's
 * bootargs go to it as one `@s2b-cfg` frame on the console, which stays open across runs.
 */
#ifndef S2B_HARNESS_SERIAL_SESSION_H
#define S2B_HARNESS_SERIAL_SESSION_H

#include "board.h"

/* What the board boots with, in $S2B_BOOTARGS of --reset-cmd (so existing reset scripts work). */
#define SERIAL_CONSOLE_BOOTARGS "s2b.config=console"

/* A board that is up says `ready` again at least every second (core/config_console.c): this
 * long without one and it is reset. */
#define SERIAL_READY_WAIT_S 5
/* From the end of --reset-cmd (or the operator prompt) to the first `ready`. */
#define SERIAL_BOOT_WAIT_S 60
/* From a frame to its `ack` or `nak`. */
#define SERIAL_ACK_WAIT_S 5
/* Frames nak'd in a row before the run fails. */
#define SERIAL_FRAME_TRIES 3

/* One run: a board saying `ready` (else --reset-cmd, and wait for `ready`), the frame of the
 * run's bootargs until `ack`; then job->fd is the console, to be read up to `done`. -1 + reason
 * (the run then fails to start: `start_failed`, redone by the next `run`). */
int serial_session_start(struct board_job *job, const struct run_options *opt, char *err,
			 size_t errlen);
/* The run is over: 1 if JOB was the session's (else 0: the caller's to release). KILLED (a
 * timeout, a cut log): the board is in no known state, so the next run resets it. The console
 * stays open for the next run. */
int serial_session_finish(struct board_job *job, int killed);

/* From board_serial.c, shared with the one-run-per-power-on path. */
/* The console, raw at BAUD; LINE_MODE: a read returns at most one line (ICANON with every
 * special character disabled), so reading stops at `done` without taking the next `ready`. */
int serial_open_console(const char *path, unsigned baud, int line_mode);
/* Runs --reset-cmd with BOOTARGS and RUN_ID in its environment, or prompts the operator. */
int serial_reset(const struct run_options *opt, const char *bootargs, const char *run_id, char *err,
		 size_t errlen);

#endif
