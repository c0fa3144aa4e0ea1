/* Console lines of one run → rows of boots/faults/metrics.csv + the facts runs.csv needs. */
#ifndef S2B_HARNESS_COLLECT_H
#define S2B_HARNESS_COLLECT_H

#include <stdint.h>
#include <stdio.h>

#include "delimit.h"
#include "protocol.h"
#include "runconfig.h"

/* Lines that gave no record, by why. */
struct line_counts {
	unsigned noise, bad_crc, truncated, malformed, overlong;
};

struct run_summary {
	struct run_shape shape; /* what the delimiting rule needs (delimit.h) */
	/* from `hello` */
	int have_hello;
	char proto[16], hv_version[32], board[32], midr[24], fwb[4];
	int refused; /* unknown protocol major: nothing after hello is accepted */
	/* from `cfg` */
	int have_cfg;
	uint64_t boots_req;
	struct run_config cfg; /* its keys over run_config_defaults(); board and rep left alone */
	unsigned cfg_absent;   /* bit i: runs.csv column i is not in the record (s2vmm has no map) */
	/* from `done` */
	int have_done;
	char done_status[24]; /* the longest word, powered_off_early, fits */
	/* from `boot` */
	unsigned not_ready;      /* boots that never reached READY */
	uint64_t first_not_ready;
	char last_exit[8];       /* exit= of the last boot */
	/* counts */
	unsigned boots, checks_failed, records, misplaced;
	struct line_counts lines;
	/* lines after `done`: they belong to the next run if one starts (its lost hello), else
	 * to this one */
	struct line_counts after_done;
	uint64_t digest; /* a 64-bit hash of the accepted records' text: the run's content */
	char error[PROTO_MAX_LINE]; /* first `error` record as code:msg[:key] */
};

struct collector {
	char run_id[RUN_ID_LEN + 1]; /* first cell of every row ("" = filled in later, see parse) */
	FILE *boots, *faults, *metrics;
	struct run_summary sum;
	/* A valid record that cannot belong to this run (delimit.h) but can start the next: `parse`
	 * finishes the run and calls collector_init() again, then the record is accepted. NULL
	 * (`run`, which knows its run in advance): the record is rejected as misplaced. */
	void (*new_run)(void *ctx, struct collector *c);
	void *ctx;
};

void collector_init(struct collector *c, const char *run_id, FILE *boots, FILE *faults,
		    FILE *metrics);

/* Feeds one console line (no '\n'; LINE is modified in place). */
void collector_line(struct collector *c, char *line, size_t len);

/* The run's status for runs.csv (docs/protocol.md section 3): error, unsupported, check_failed,
 * no_hello, no_cfg, powered_off_early, short, not_ready, ok, or (no `done`) crash — the caller turns crash into
 * timeout when it killed the run. */
const char *collector_status(const struct collector *c);

/* Records rejected in this run: bad CRC, cut short, over-long, malformed, misplaced. */
unsigned collector_rejected(const struct run_summary *s);
/* The run's line counts, those after `done` included. */
struct line_counts collector_lines(const struct run_summary *s);

/* What only the caller knows about a finished run. */
struct run_outcome {
	const char *suite;
	const char *status;       /* usually collector_status(), or "timeout" */
	int exit_code;            /* emulator exit status (128+signal if killed), -1 = none */
	double wall_s;            /* < 0 = unknown (parse) */
	const char *error;        /* overrides the first error record when non-NULL */
	const char *qemu_version; /* NULL/"" when not run under QEMU */
	int config_unknown;       /* parse of a log without `cfg`: leave the config cells empty */
	unsigned cfg_absent;      /* parse: bit i set = runs.csv column i was not in the cfg */
};

/* Writes the run's runs.csv row: CFG's columns, then the outcome and what the records said. */
void collector_write_run(const struct collector *c, FILE *runs, const struct run_config *cfg,
			 const struct run_outcome *o);

#endif
