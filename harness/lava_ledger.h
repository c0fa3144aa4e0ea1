/* DIR/lava-jobs.csv: which LAVA job runs which run of a result directory, so `lava submit
 * --resume` polls jobs already submitted instead of submitting them again. One line per
 * submission, "RUN_ID,JOB_ID", appended and fsynced before the next job is submitted; a torn last
 * line (a kill mid-write) is dropped when the file is opened. */
#ifndef S2B_HARNESS_LAVA_LEDGER_H
#define S2B_HARNESS_LAVA_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "idset.h"

struct lava_ledger_entry {
	uint64_t run;
	unsigned long long job;
};

/* The file's jobs, each run's last only, sorted by run (a binary search finds a run however many
 * jobs there are), then the jobs added since it was opened, in order. */
struct lava_ledger {
	char *path;
	int fd;
	struct lava_ledger_entry *e;
	size_t n, cap, nsorted;
	struct id_set added; /* the runs of e[nsorted..n) */
	size_t jobs;         /* lines: every job submitted, a run's resubmissions included */
};

/* Opens (creating) DIR/lava-jobs.csv and reads it. A line that is not "RUN_ID,JOB_ID" fails the
 * open with its line number in ERR and the file unchanged. */
int lava_ledger_open(struct lava_ledger *l, const char *dir, char *err, size_t errlen);
void lava_ledger_close(struct lava_ledger *l);

/* The job of RUN_ID (its last submission), 0 when it has none. */
unsigned long long lava_ledger_job(const struct lava_ledger *l, const char *run_id);
int lava_ledger_add(struct lava_ledger *l, const char *run_id, unsigned long long job, char *err,
		    size_t errlen);

#endif
