/* Console lines of one run → rows of boots/faults/metrics.csv + the facts runs.csv needs. */
#ifndef S2B_HARNESS_COLLECT_H
#define S2B_HARNESS_COLLECT_H

#include <stdio.h>

#include "protocol.h"
#include "runconfig.h"

struct run_summary {
	/* from `hello` */
	int have_hello;
	char proto[16], hv_version[32], board[32], midr[24], fwb[4];
	int refused; /* unknown protocol major: nothing after hello is accepted */
	/* from `cfg` */
	int have_cfg;
	/* from `done` */
	int have_done;
	char done_status[16];
	/* counts */
	unsigned boots, checks_failed, records, noise, bad_crc, truncated, malformed;
	char error[96]; /* first `error` record as code:msg */
};

struct collector {
	char run_id[RUN_ID_LEN + 1]; /* first cell of every row; set before boot records arrive */
	FILE *boots, *faults, *metrics;
	struct run_summary sum;
	/* Called before a valid record is accepted; `parse` uses it to split a log into runs and to
	 * name a run from its `cfg`. NULL for `run`, which knows its runs in advance. */
	void (*before_record)(void *ctx, struct collector *c, const struct record *rec);
	void *ctx;
};

void collector_init(struct collector *c, const char *run_id, FILE *boots, FILE *faults,
		    FILE *metrics);

/* Feeds one console line (no '\n'; LINE is modified in place). */
void collector_line(struct collector *c, char *line, size_t len);

/* The run's status for runs.csv: ok, error, unsupported, check_failed, or (no `done`) crash —
 * the caller turns crash into timeout when it killed the run. */
const char *collector_status(const struct collector *c);



/* What only the caller knows about a finished run. */
struct run_outcome {
	const char *suite;
	const char *status;       /* usually collector_status(), or "timeout" */
	int exit_code;            /* emulator exit status (128+signal if killed), -1 = none */
	double wall_s;            /* < 0 = unknown (parse) */
	const char *error;        /* overrides the first error record when non-NULL */
	const char *qemu_version; /* NULL/"" when not run under QEMU */
	int config_unknown;       /* parse of a log without `cfg`: leave the config cells empty */
};

/* Writes the run's runs.csv row: CFG's columns, then the outcome and what the records said. */
void collector_write_run(const struct collector *c, FILE *runs, const struct run_config *cfg,
			 const struct run_outcome *o);

#endif
