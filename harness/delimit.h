/* Where one run ends and the next begins in a console log (docs/protocol.md, "Runs"). Pure: it
 * only looks at what the current run has seen so far and at the next valid record. */
#ifndef S2B_HARNESS_DELIMIT_H
#define S2B_HARNESS_DELIMIT_H

#include <stdint.h>

#include "protocol.h"

/* What a run has seen, as far as its boundaries are concerned. */
struct run_shape {
	unsigned records;  /* valid records accepted */
	int have_hello, refused, have_cfg, have_body, have_done;
	int have_boot;     /* a `boot` record was accepted; last_idx is its idx */
	uint64_t last_idx;
	uint64_t boots_req; /* cfg boots=, when have_cfg */
};

enum rec_fit {
	FIT_ACCEPT,  /* the record belongs to the current run */
	FIT_NEW_RUN, /* the record cannot belong to it but can start the next run */
	FIT_REJECT,  /* the record contradicts the run (a boot index going back, a boot beyond the
		      * requested count): counted as misplaced, never stored */
};

enum rec_fit run_fit(const struct run_shape *r, const struct record *rec);

/* Updates R after REC was accepted. */
void run_shape_add(struct run_shape *r, const struct record *rec);

#endif
