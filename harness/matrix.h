/* Suite → the ordered list of runs, one per (matrix point, repetition), duplicates removed. */
#ifndef S2B_HARNESS_MATRIX_H
#define S2B_HARNESS_MATRIX_H

#include <stddef.h>

#include "runconfig.h"
#include "suite.h"

struct planned_run {
	struct run_config cfg;  /* cfg.seed is the rep's own (run_rep_seed) */
	uint64_t suite_seed;    /* the seed the suite line gives */
	char run_id[RUN_ID_LEN + 1];
	char bootargs[512];
};

/* Expands S (from suite_parse/suite_load, which bound its size) into *RUNS (malloc'd).
 * Repetition is the outermost loop, so an interrupted suite has a complete first pass before any
 * second one. Each repetition gets its own seed (run_config_set_rep). Identical points run once,
 * at their first place. Returns the count. */
size_t matrix_expand(const struct suite *s, struct planned_run **runs);

#endif
