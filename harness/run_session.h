/* Planned runs → a result directory: the checks before the first run, resume (skipping what the
 * directory has), the runner and the closing line. `run` and `crossover` share it. */
#ifndef S2B_HARNESS_RUN_SESSION_H
#define S2B_HARNESS_RUN_SESSION_H

#include "plan.h"
#include "runner.h"
#include "store.h"

struct run_session {
	const char *out, *suite; /* result directory; runs.csv `suite` */
	unsigned jobs, timeout_s;
	struct run_options *opt;
	struct store store;
	int open;
};

/* Every back-end the plan's runs use, and the image, checked before anything runs: 0, else the
 * exit status (one line on stderr). */
int run_session_check(struct run_options *opt, const struct plan *plan);
/* Opens S->out (lock, repair of an interrupted run's rows): 0, or 1 after one line on stderr. */
int run_session_open(struct run_session *s);
/* Runs those of the plan that S->out does not have yet, RUN_SESSION_BATCH at a time (what is held
 * in memory however many runs the plan has), with SIGINT/SIGTERM stopping cleanly; refuses a
 * directory whose reps >= 1 predate per-rep seeds. Prints the closing line; returns the exit
 * status of docs/harness.md, "Exit status". */
#define RUN_SESSION_BATCH 256
int run_session_execute(struct run_session *s, const struct plan *plan);
void run_session_close(struct run_session *s);

#endif
