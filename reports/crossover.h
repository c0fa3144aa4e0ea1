/* Where two strategies cost the same along a sweep (e.g. lazy fault-time cleaning against an
 * eager clean pass, along the touched fraction), with a bootstrap confidence interval. */
#ifndef S2B_REPORTS_CROSSOVER_H
#define S2B_REPORTS_CROSSOVER_H

#include "sweep.h"

struct crossover {
	const char *a, *b;
	size_t npoints;       /* sweep values where both were measured */
	int found;            /* the medians' cost curves cross inside the measured range */
	double x, lo, hi;     /* crossing (linear interpolation between medians) and 95% CI */
	double resample_hits; /* fraction of bootstrap resamples that cross at all */
	int a_cheaper_first;  /* A is cheaper at the low end of the sweep */
	double ratio_min, ratio_max; /* range of median(A)/median(B) over the sweep */
};

/* 0 and *OUT filled, or -1 when A and B share fewer than two sweep points. */
int crossover_find(const struct sweep *s, const char *a, const char *b, enum measure m,
		   struct crossover *out);

#endif
