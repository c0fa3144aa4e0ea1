/* The four result tables of docs/protocol.md section 3 and how one row is written (libcsv). */
#ifndef S2B_HARNESS_CSVOUT_H
#define S2B_HARNESS_CSVOUT_H

#include <stdio.h>

enum table_id { TAB_RUNS, TAB_BOOTS, TAB_FAULTS, TAB_METRICS, TAB_COUNT };

struct table_schema {
	const char *file; /* e.g. "runs.csv" */
	const char *const *cols;
	int ncols;
};

extern const struct table_schema table_schema[TAB_COUNT];

/* runs.csv `error` of a run its board could not start (e.g. a serial board's --reset-cmd failed):
 * it has no result, so opening the directory sets the row aside and a resumed run redoes it. */
#define RUN_ERROR_START_FAILED "start_failed"

/* Column index of NAME in TABLE, or -1. */
int table_col(enum table_id table, const char *name);

/* Writes one row of N cells; a NULL cell is written empty (= absent). Quotes only cells that need
 * it, with libcsv, so ordinary rows stay readable. */
void csv_write_row(FILE *f, const char *const *cells, int n);
void csv_write_header(FILE *f, enum table_id table);

#endif
