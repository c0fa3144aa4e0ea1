/* `s2bench lava submit`: a suite's runs as jobs on a LAVA server, their logs back as rows. */
#ifndef S2B_HARNESS_LAVA_SUBMIT_H
#define S2B_HARNESS_LAVA_SUBMIT_H

#include <stddef.h>

#include "lava.h"

struct lava_submit_opts {
	const char *suite, *server, *token_file, *out;
	struct lava_job_opts job; /* timeout_min filled in from the suite */
	int resume;               /* poll the jobs DIR/lava-jobs.csv names instead of refusing */
	unsigned poll_s;          /* seconds between two polls of the jobs in flight */
	size_t log_max;           /* the largest job log fetched */
};

/* Submits every run of the suite not yet finished in --out (one job each), polls the jobs until
 * LAVA finishes them and stores each one's rows as it finishes (lava_ingest.h). Returns 0 when
 * every run has a row, 1 after a one-line error on stderr. */
int lava_submit(struct lava_submit_opts *o);

#endif
