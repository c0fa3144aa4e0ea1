/* The runs of a session, walked once per pass (checks, counting, running): a suite's, expanded
 * as they are walked (`run`: memory flat in the number of runs), or a list held by the caller
 * (`crossover`'s probes). */
#ifndef S2B_HARNESS_PLAN_H
#define S2B_HARNESS_PLAN_H

#include "matrix.h"

struct plan {
	const struct suite *suite; /* walk this suite's runs... */
	const char *board;         /* ...each on this board (NULL: the suite's) */
	const struct planned_run *runs; /* or, when suite is NULL, these N */
	size_t n;
};

struct plan_walk {
	const struct plan *p;
	size_t i;
	struct matrix_iter it;
	struct planned_run run;
};

void plan_walk_start(struct plan_walk *w, const struct plan *p);
/* The next run (valid until the next call), or NULL at the end. */
const struct planned_run *plan_walk_next(struct plan_walk *w);
void plan_walk_end(struct plan_walk *w);

#endif
