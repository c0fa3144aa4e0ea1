/* "A against B" for one measure: ratio of medians with its CI and a rank test. */
#ifndef S2B_REPORTS_CONTRAST_H
#define S2B_REPORTS_CONTRAST_H

#include "mannwhitney.h"
#include "stats.h"

struct contrast {
	size_t na, nb;
	double ratio, lo, hi; /* median(A) / median(B), 95% bootstrap CI */
	struct mw_result mw;
	enum quality q;       /* too few samples on either side, or a CI too wide to trust */
};

struct contrast contrast_samples(const double *a, size_t na, const double *b, size_t nb);
/* Significant at 5% with enough samples. */
int contrast_differs(const struct contrast *c);

#endif
