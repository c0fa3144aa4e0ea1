/* Order statistics on samples of doubles. Inputs are never modified. */
#ifndef S2B_REPORTS_STATS_H
#define S2B_REPORTS_STATS_H

#include <stddef.h>

/* Sorts ascending in place. */
void sort_doubles(double *x, size_t n);
/* Median of X (NAN if n == 0). */
double median(const double *x, size_t n);
/* Quantile Q in [0,1] of an already sorted sample, linear interpolation (R type 7). */
double quantile_sorted(const double *sorted, size_t n, double q);

/* A median with its 95% confidence interval. */
struct estimate {
	size_t n;
	double median, lo, hi;
};

/* Below this many samples a CI or test is reported as "too few samples". */
#define MIN_SAMPLES 5
/* A CI wider than this fraction of the median is reported as "too noisy". */
#define NOISY_REL_WIDTH 0.20

enum quality { Q_OK, Q_TOO_FEW, Q_TOO_NOISY };
enum quality estimate_quality(const struct estimate *e);
const char *quality_text(enum quality q); /* "", "too few samples", "too noisy" */

#endif
