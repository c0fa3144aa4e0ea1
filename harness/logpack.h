/* Console logs of many runs in one file (issue 20): `parse` writes the logs of an invocation into
 * DIR/logs/pack-NNNNNN.log and, per run, one line "RUN_ID OFFSET LENGTH\n" into its index
 * DIR/logs/pack-NNNNNN.idx, instead of creating one DIR/logs/RUN_ID.log per run (creating a file
 * per run was most of parse's time on short runs). Both are made durable (logpack_sync) before
 * the batch's rows are appended, so a finished run's entry and bytes are on disk.
 *
 * A run's log is found by log_open(): DIR/logs/RUN_ID.log if it exists (`run`, LAVA ingest, old
 * directories), else the last index entry naming it (packs in number order, lines in file order).
 * A killed parse may leave entries of runs that never finished (and a torn last line, ignored):
 * only finished runs are looked up, and a run parsed again gets a later entry. */
#ifndef S2B_HARNESS_LOGPACK_H
#define S2B_HARNESS_LOGPACK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct logpack {
	FILE *log, *idx;
	char *log_buf, *idx_buf; /* their stdio buffers */
	uint64_t off; /* bytes in the pack so far */
	char *log_path, *logs_dir;
	int named; /* the directory entries are durable */
};

/* Claims the next free pack number in DIR/logs (its .idx created exclusively) and opens both. */
int logpack_create(struct logpack *p, const char *dir, char *err, size_t errlen);
/* Appends a run's log bytes and its index line (buffered: see logpack_flush). */
int logpack_add(struct logpack *p, uint64_t run_id, const char *buf, size_t len);
/* Makes every byte added so far durable: the pack, then its index (fdatasync each), and on the
 * first call the directory entries of both. */
int logpack_sync(struct logpack *p, char *err, size_t errlen);
void logpack_close(struct logpack *p);

/* Where each packed run's log is: every index of DIR loaded once, for many lookups. */
struct log_entry {
	uint64_t id, off, len;
	unsigned pack, seq; /* seq: order of the entry, so that the last one wins */
};
struct log_index {
	struct log_entry *e;
	size_t n, cap;
};

/* Returns 0, or -1 on a read error or when memory runs out. An absent pack is no error. */
int log_index_load(struct log_index *ix, const char *dir);
void log_index_free(struct log_index *ix);

/* Adds to IDS every run id that has its own DIR/logs/RUN_ID.log (one scan of the directory).
 * Returns 0, or -1 if the directory cannot be read. */
struct id_set;
int log_own_files(const char *dir, struct id_set *ids);

/* Opens run RUN_ID's console log for reading: its own file, else its bytes in a pack (IX, or
 * NULL to read DIR's indexes for this one lookup). NULL (errno set) if it has none. */
FILE *log_open(const char *dir, const char *run_id, const struct log_index *ix);

#endif
