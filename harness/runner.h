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

/* Runs RUNS[0..N). Returns 0, or -1 after an interruption or a store error (message printed). */
int runner_run(const struct runner *r, const struct planned_run *runs, size_t n);

#endif
