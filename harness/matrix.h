/* Suite → its runs, one per (matrix point, repetition), identical points once, produced one at a
 * time: a suite of 100 k runs is walked, not held (issue 20). */
#ifndef S2B_HARNESS_MATRIX_H
#define S2B_HARNESS_MATRIX_H

#include <stddef.h>

#include "idset.h"
#include "runconfig.h"
#include "suite.h"

struct planned_run {
	struct run_config cfg;  /* cfg.seed is the rep's own (run_rep_seed) */
	uint64_t suite_seed;    /* the seed the suite line gives */
	char run_id[RUN_ID_LEN + 1];
	char bootargs[512];
};

/* A walk over S's runs. Repetition is the outermost loop, so an interrupted suite has a complete
 * first pass before any second one. Each repetition gets its own seed (run_config_set_rep).
 * Identical points (same run id) come once, at their first place: the walk keeps the ids it has
 * given (8 to 16 bytes a run, idset.h), nothing else per run. */
struct matrix_iter {
	const struct suite *s;
	const struct suite_matrix *ms;
	int nm, mi;             /* the matrices, and the one being walked */
	unsigned rep, max_reps;
	size_t idx[SUITE_MAX_KEYS]; /* the point in matrix mi (an odometer, last key fastest) */
	int done;
	const char *board;      /* every run's board instead of the suite's (NULL: the suite's) */
	struct run_config defaults;
	struct id_set seen;
};

/* Starts a walk over S (from suite_parse/suite_load); BOARD (or NULL) replaces every run's board,
 * so ids change with it and repeats collapse. */
void matrix_iter_start(struct matrix_iter *it, const struct suite *s, const char *board);
/* The next run into *RUN: 1, or 0 when the walk is over. */
int matrix_iter_next(struct matrix_iter *it, struct planned_run *run);
void matrix_iter_end(struct matrix_iter *it);

/* Every run of S in walk order into *RUNS (malloc'd); the count. For small generated suites
 * (crossover's probes), which keep their runs. */
size_t matrix_expand(const struct suite *s, struct planned_run **runs);

#endif
