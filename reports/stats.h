/* Order statistics on samples of doubles. Inputs are never modified, except by quantile_select(). */
#ifndef S2B_REPORTS_STATS_H
#define S2B_REPORTS_STATS_H

#include <stddef.h>

/* Sorts ascending in place. */
void sort_doubles(double *x, size_t n);
/* Median of X (NAN if n == 0). */
double median(const double *x, size_t n);
/* Quantile Q in [0,1] of an already sorted sample, linear interpolation (R type 7). */
double quantile_sorted(const double *sorted, size_t n, double q);
/* The same value as quantile_sorted() of X sorted, found by selection in O(n): X is reordered. */
double quantile_select(double *x, size_t n, double q);

/* How the spread of an estimate is known (reports/replicates.c decides for a group). */
enum spread {
	SPREAD_CI,    /* 95% percentile-bootstrap CI of the median over n independent units */
	SPREAD_EXACT, /* n >= 2 replicates, all bit-identical: the value is exact, no CI */
	SPREAD_RANGE, /* 2..MIN_SAMPLES-1 differing replicates: lo..hi is their min..max */
	SPREAD_ONE,   /* a single replicate: its spread is unknown */
};

/* A median with its 95% confidence interval (or what SPREAD says lo..hi are). */
struct estimate {
	size_t n;             /* units of replication: runs for a report's cells */
	double median, lo, hi;
	enum spread spread;
	int trend;            /* the cost moves with the reboot index (no steady state) */
	int at;               /* trend: the value is at this reboot index; 0 = all warm boots */
	double first;         /* trend: the value at reboot 1 (median over runs) */
	double first_lo, first_hi; /* trend: min..max over runs at reboot 1 */
};

/* Below this many units a CI or test is reported as "too few runs". */
#define MIN_SAMPLES 5
/* A CI wider than this fraction of the median is reported as "too noisy". */
#define NOISY_REL_WIDTH 0.20

enum quality { Q_OK, Q_TOO_FEW, Q_TOO_NOISY };
enum quality estimate_quality(const struct estimate *e);
const char *quality_text(enum quality q); /* "", "too few samples", "too noisy" */

#endif
