/* A whole console log → runs, in memory: lines (LAVA entries unwrapped), records, the run
 * delimiting rule (delimit.h). Each finished run is handed to a callback with its summary and
 * its boots/faults/metrics rows, whose run_id cells are left empty until the run is named (its
 * id depends on its whole content). No store, no disk: `parse` and the fuzzer share it. */
#ifndef S2B_HARNESS_LOGSPLIT_H
#define S2B_HARNESS_LOGSPLIT_H

#include <stddef.h>
#include <stdio.h>

#include "collect.h"
#include "csvout.h"
#include "linebuf.h"

struct logsplit {
	struct collector col;  /* the run being read */
	struct linebuf lb;
	FILE *rows[TAB_COUNT]; /* TAB_BOOTS..TAB_METRICS: memory streams */
	char *buf[TAB_COUNT];
	size_t len[TAB_COUNT];
	char *raw_buf;         /* the run's console lines as read, for its log (logpack.h) */
	size_t raw_len, raw_cap;
	/* lines after the run's `done`: the next run's if one starts, else this run's (as the
	 * line counts, collect.h) */
	char *tail;
	size_t tail_len, tail_cap;
	char line[LINEBUF_MAX];  /* a line that starts a run, while the last run's tail is put */
	unsigned ordinal;      /* runs handed out so far */
	/* A finished run: ls->col.sum, and rows ls->buf[t] (ls->len[t] bytes) for t in
	 * TAB_BOOTS..TAB_METRICS. Called for every run, even one without a valid record. */
	void (*on_run)(void *ctx, struct logsplit *ls);
	void *ctx;
};

/* Returns -1 if memory runs out. */
int logsplit_begin(struct logsplit *ls, void (*on_run)(void *, struct logsplit *), void *ctx);
void logsplit_feed(struct logsplit *ls, const char *data, size_t len);
/* End of the log: the last line and the last run are delivered. */
void logsplit_end(struct logsplit *ls);

/* The content digest (run_summary.digest) of the first run with records in the log read from F.
 * Returns -1 if it cannot be read or holds no record. */
int logsplit_digest_stream(FILE *f, uint64_t *digest);

/* Writes ROWS (LEN bytes of rows whose first cell is empty) to OUT with RUN_ID as first cell.
 * Rows are one line each: record values hold no control bytes. */
void logsplit_copy_rows(const char *rows, size_t len, const char *run_id, FILE *out);

#endif
