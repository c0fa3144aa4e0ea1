/* Mann–Whitney U test (two-sided), normal approximation with tie and continuity correction. */
#ifndef S2B_REPORTS_MANNWHITNEY_H
#define S2B_REPORTS_MANNWHITNEY_H

#include <stddef.h>

struct mw_result {
	double u;  /* U of sample A: number of (a, b) pairs with a > b, ties count 1/2 */
	double z;  /* standardised statistic (0 when every value ties) */
	double p;  /* two-sided p-value; NAN when a sample is empty */
};

struct mw_result mann_whitney(const double *a, size_t na, const double *b, size_t nb);

#endif
