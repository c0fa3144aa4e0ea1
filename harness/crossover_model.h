/* `s2bench crossover`'s second answer: the cost model (reports/model.c) fitted to the probe runs
 * of each strategy, and its crossover printed beside the bisection's bracket. */
#ifndef S2B_HARNESS_CROSSOVER_MODEL_H
#define S2B_HARNESS_CROSSOVER_MODEL_H

#include "crossover_data.h"

struct crossover_span {
	const char *out, *a, *b, *param; /* result directory, strategies, swept key */
	struct boot_window window;       /* the boots the bisection compared */
	double lo, hi;                   /* the range searched */
	double blo, bhi;                 /* the bisection's bracket */
};

struct probed_run {
	double x; /* the swept parameter */
	const char *id, *strategy;
};

/* Fits both models from RUNS (read back from C->out), prints each (coefficients, dropped
 * regressors, R²) and the model's crossover, and whether it agrees with the bracket: within it
 * widened by two standard errors. 0, or 1 after one line on stderr. */
int crossover_model_report(const struct crossover_span *c, const struct probed_run *runs, size_t n);

#endif
