/* A result directory (--out): the four CSVs, per-run console logs, and crash-safe appends.
 *
 * A run's rows go to (reused) temp files first; store_commit() fsyncs them and appends them to the CSVs
 * with runs.csv last, so a run is finished exactly when its runs.csv row is complete. Opening the
 * directory repairs what a killed writer may have left: a torn last record, rows of runs that never
 * reached runs.csv. What a repair removes is moved to DIR/set-aside/ and reported on stderr, never
 * just deleted. A re-run therefore skips finished runs and redoes the rest without duplicates. */
#ifndef S2B_HARNESS_STORE_H
#define S2B_HARNESS_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csvout.h"
#include "idset.h"

struct pending {
	char *path[TAB_COUNT];
	FILE *f[TAB_COUNT];
};

#define STORE_SPARE_MAX 16 /* emptied temp file sets kept for reuse (one per job in flight) */

struct store {
	char *dir;
	int lock_fd;
	struct id_set finished;
	unsigned repaired_rows; /* records set aside when opening (torn, orphaned, ...) */
	char stamp[20];         /* UTC time of opening: names this open's set-aside files */
	unsigned tmp_seq;
	struct pending spare[STORE_SPARE_MAX];
	unsigned nspare;
};

/* Creates DIR (and DIR/logs, DIR/set-aside) if needed, locks it against a second writer, repairs
 * and loads it; each repaired table gets one line on stderr. On failure returns -1 with a
 * one-line reason in ERR, and a table that is not ours (bad header, not CSV) is left untouched. */
int store_open(struct store *st, const char *dir, char *err, size_t errlen);
void store_close(struct store *st);

int store_is_finished(const struct store *st, const char *run_id);

/* Temp files for one run's rows (runs.csv row included). */
int store_begin(struct store *st, struct pending *p, char *err, size_t errlen);
/* Appends the pending rows (runs.csv last) and marks RUN_ID finished. */
int store_commit(struct store *st, struct pending *p, const char *run_id, char *err, size_t errlen);
/* A grouped commit of N runs (IDS) whose rows are already in memory: ROWS[t] holds LEN[t] bytes
 * of whole rows of table t. Flushes everything written into DIR so far (the runs' logs) to disk
 * first, then appends each table with one write and one fsync, runs.csv last, so a kill leaves
 * each run either finished or set aside at the next open. */
int store_commit_rows(struct store *st, char *const rows[TAB_COUNT], const size_t len[TAB_COUNT],
		      const uint64_t *ids, size_t n, char *err, size_t errlen);
/* store_commit_rows without the flush of DIR: for a caller that made what the rows refer to (the
 * runs' logs) durable itself (parse's log pack, logpack_sync). */
int store_append_rows(struct store *st, char *const rows[TAB_COUNT], const size_t len[TAB_COUNT],
		      const uint64_t *ids, size_t n, char *err, size_t errlen);
/* Throws the pending rows away (an interrupted run). */
void store_abort(struct store *st, struct pending *p);

/* DIR/logs/RUN_ID.log (malloc'd): where `run` writes a run's log. `parse` packs them instead
 * (logpack.h); log_open() finds either. */
char *store_log_path(const struct store *st, const char *run_id);

#endif
