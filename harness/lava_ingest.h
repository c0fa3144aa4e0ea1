/* A finished LAVA job's log → its run's rows in a result directory, read as `s2bench parse`
 * reads a LAVA log (logsplit.c: console lines at level target or feedback, records, the run
 * delimiting rule) but named as `run` names it: the run id, suite and board of the planned run
 * the job was submitted for, so the rows are those a local run of the suite writes. */
#ifndef S2B_HARNESS_LAVA_INGEST_H
#define S2B_HARNESS_LAVA_INGEST_H

#include <stddef.h>

#include "matrix.h"
#include "store.h"

struct lava_job_end {
	unsigned long long job;
	const char *status;  /* lava_job_verdict()'s: NULL = the records decide */
	const char *failure; /* LAVA's failure_comment, "" when none */
};

/* Writes DIR/logs/RUN_ID.log (the run's console lines, as `parse` keeps them), DIR/logs/
 * RUN_ID.lava.yaml (the whole job log) and the run's rows, committed together. *STATUS = the
 * runs.csv status written. The status is the job's when LAVA did not complete it; else `error`
 * when the log holds another run (its cfg gives another id) or several runs; else the records'
 * (docs/protocol.md section 3). */
int lava_ingest(struct store *st, const char *suite, const struct planned_run *r,
		const struct lava_job_end *end, const char *log, size_t len, const char **status,
		char *err, size_t errlen);

#endif
