/* What `s2bench crossover` reads back from its result directory, as `s2bench report` reads it
 * (reports/results.h): a run's cost over a window of boots, and the cost model's observations. */
#ifndef S2B_HARNESS_CROSSOVER_DATA_H
#define S2B_HARNESS_CROSSOVER_DATA_H

#include "../reports/model.h"
#include "../reports/results.h"

/* The boots a cost is taken over: boot indices FROM..TO (warm boots: FROM >= 1). */
struct boot_window {
	unsigned from, to;
};

/* The mean over W's boots of run ID of the report's cost measure (reports/measure.h M_COST:
 * reinit + stage-2 fault cost). 0, or -1 and ERR: no such run, not measured (its status), or a
 * boot of W missing. */
int window_cost(const struct results *r, const char *id, struct boot_window w, double *cost,
		char *err, size_t errlen);

/* Appends to OBS (room for every boot of R) one observation per boot of W of run ID, at
 * parameter X: its cost and the model's regressors (boots missing one are skipped). Returns the
 * count appended. */
size_t window_obs(const struct results *r, const char *id, struct boot_window w, double x,
		  struct model_obs *obs);

#endif
