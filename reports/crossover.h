/* Where two strategies cost the same along a sweep (e.g. lazy fault-time cleaning against an
 * eager clean pass, along the touched fraction). Only the grid is measured: the crossing is
 * stated as the two grid points either side of it (widened past points where the sign of the
 * difference is not established), never as a CI narrower than that. The linear interpolation
 * of the medians is shown beside it as what it is, a guess between grid points. */
#ifndef S2B_REPORTS_CROSSOVER_H
#define S2B_REPORTS_CROSSOVER_H

#include "sweep.h"

struct crossing {
	int found;       /* the medians' difference changes sign inside the measured range */
	double lo, hi;   /* grid points either side (NAN: open, beyond the measured range) */
	double interp;   /* linear interpolation between the medians at the bracketing points */
	int a_cheaper_first; /* A is cheaper at the low end of the sweep */
	double ratio_min, ratio_max; /* range of A/B over the sweep */
};

struct crossover {
	const char *a, *b;
	size_t npoints;        /* sweep values where both were measured */
	size_t min_runs, max_runs; /* runs per cell along the sweep */
	int exact;             /* every cell exact (replicates.h) */
	int single;            /* some cell has one run: its spread is unknown */
	int trend;             /* some cell moves with the reboot index */
	int trend_a, trend_b;  /* ... of A, of B */
	int at;                /* trend: `last` is at this reboot index (the last all runs reached) */
	struct crossing last;  /* the cells' values: steady state, or at reboot `at` */
	struct crossing first; /* trend only: at reboot 1 */
};

/* 0 and *OUT filled, or -1 when A and B share fewer than two sweep points. */
int crossover_find(const struct sweep *s, const char *a, const char *b, enum measure m,
		   struct crossover *out);

#endif
