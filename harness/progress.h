/* The progress of `run`: a redrawn status line on a terminal, one plain line per run otherwise. */
#ifndef S2B_HARNESS_PROGRESS_H
#define S2B_HARNESS_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

#include "matrix.h"

struct progress {
	FILE *out;
	int tty;
	size_t total, done, failed;
	size_t unsaved; /* runs shown as `not_saved`: their rows could not be written */
	double start;
};

double now_s(void); /* monotonic seconds */

void progress_start(struct progress *p, FILE *out, size_t total);
/* STATUS is the run's runs.csv status, or "not_saved" when its rows are not on disk. */
void progress_run_done(struct progress *p, const struct planned_run *run, const char *status,
		       double wall_s);
void progress_end(struct progress *p);

#endif
