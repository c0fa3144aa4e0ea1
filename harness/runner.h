/* Runs planned runs on their boards, -j at a time, with per-run timeouts; each finished run is
 * committed to the store as soon as it ends. */
#ifndef S2B_HARNESS_RUNNER_H
#define S2B_HARNESS_RUNNER_H

#include <signal.h>
#include <stddef.h>

#include "board.h"
#include "matrix.h"
#include "progress.h"
#include "store.h"

#define RUN_LOG_CAP_DEFAULT (512ull << 20) /* --log-cap: far above any real run's console */
#define RUN_LOG_CAP_MIN (64ull << 10)

struct runner {
	struct store *store;
	struct run_options *opt;
	const char *suite;
	unsigned jobs;
	unsigned timeout_s;
	struct progress *progress;
};

/* Set from a signal handler: stop, kill what runs, commit nothing more. */
extern volatile sig_atomic_t runner_interrupted;

enum runner_result {
	RUNNER_OK,
	RUNNER_INTERRUPTED, /* SIGINT/SIGTERM */
	RUNNER_DISK_FULL,   /* a log or a row could not be written: ENOSPC or EDQUOT */
	RUNNER_FAILED,      /* any other save error (message printed) */
};

/* How many runs of a board with OPS run at once under -j JOBS (a physical board: one). */
unsigned runner_parallel(unsigned jobs, const struct board_ops *ops);

/* Runs RUNS[0..N). A save error stops the suite: runs in flight are killed and not committed, and
 * no progress line shows a run whose rows are not on disk as anything but `not_saved`. */
enum runner_result runner_run(const struct runner *r, const struct planned_run *runs, size_t n);

#endif
