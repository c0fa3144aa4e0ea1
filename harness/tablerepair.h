/* The repair decision for one result table, as a pure function over its bytes.
 *
 * store_open() reads a table, asks repair_plan() which records to keep and which to set aside
 * (and why), then applies the plan to the files. Records are split by libcsv (strict), so a
 * quoted field with a newline, comma or quote inside is part of one record. The records of a plan
 * tile the input exactly: every byte belongs to one record, kept or set aside. */
#ifndef S2B_HARNESS_TABLEREPAIR_H
#define S2B_HARNESS_TABLEREPAIR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csvout.h"
#include "idset.h"

enum repair_reason {
	REPAIR_KEEP,
	REPAIR_TORN,      /* the last record has no end: its writer was killed mid-append */
	REPAIR_ORPHAN,    /* boots/faults/metrics row whose run has no runs.csv row */
	REPAIR_DUPLICATE, /* a second runs.csv row for one run_id */
	REPAIR_WIDTH,     /* wrong number of fields */
	REPAIR_BAD_ID,    /* first field is not a run id */
	REPAIR_NOT_STARTED, /* runs.csv row of a run whose board never started (start_failed) */
	REPAIR_REASONS
};

extern const char *const repair_reason_name[REPAIR_REASONS]; /* the set-aside file's `reason` */
extern const char *const repair_reason_why[REPAIR_REASONS];  /* for the message on stderr */

struct repair_record {
	size_t off, len; /* bytes of the input, end of record (and blank lines after it) included */
	unsigned line;   /* 1 + newlines before it */
	enum repair_reason reason;
	int has_id;
	uint64_t id;
};

struct repair_plan {
	struct repair_record *rec; /* rec[0] is the header */
	size_t nrec, cap;
	size_t count[REPAIR_REASONS], bytes[REPAIR_REASONS];
};

/* Decides every record of BUF, the whole of TABLE's file. For TAB_RUNS, every kept row's id is
 * added to FINISHED (a run that never started, error `start_failed`, is not kept: it is redone); for the other tables FINISHED is only read. An empty BUF gives an empty plan.
 * Returns 0, or -1 with "line N: why" in ERR when the file must not be touched: its first record
 * is not TABLE's header, or a record is not CSV (strict libcsv). */
int repair_plan(enum table_id table, const char *buf, size_t len, struct id_set *finished,
		struct repair_plan *plan, char *err, size_t errlen);
void repair_plan_free(struct repair_plan *plan);

/* repair_plan over the file F read CHUNK bytes at a time (more only for a longer record), so that
 * checking a table holds a chunk of it, not the whole (a resume of 100,000 runs, issue 20): the
 * same decisions, the same errors, but PLAN only counts the records (count[], bytes[]; no rec[]).
 * A table with records to set aside is then planned whole (repair_plan) to be rewritten. */
#define REPAIR_SCAN_CHUNK (1u << 20)
int repair_scan(enum table_id table, FILE *f, size_t chunk, struct id_set *finished,
		struct repair_plan *plan, char *err, size_t errlen);

/* Records set aside by PLAN; records in all, the header included. */
size_t repair_aside_count(const struct repair_plan *plan);
size_t repair_record_count(const struct repair_plan *plan);
/* What the table becomes: the kept records in order (malloc'd, *LEN bytes). */
char *repair_kept_text(const struct repair_plan *plan, const char *buf, size_t *len);
/* The set-aside records as CSV `line,reason,run_id,record`, `record` being the exact bytes.
 * Returns 0 or -1 on a write error. */
int repair_write_aside(const struct repair_plan *plan, const char *buf, FILE *out);

#endif
