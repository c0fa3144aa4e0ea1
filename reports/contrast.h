/* "A against B" for one measure: ratio of medians with its CI and a rank test. */
#ifndef S2B_REPORTS_CONTRAST_H
#define S2B_REPORTS_CONTRAST_H

#include "dataset.h"
#include "mannwhitney.h"
#include "stats.h"

struct contrast {
	size_t na, nb;
	int exact;            /* both sides exact: the ratio is exact, no CI and no test */
	int single;           /* a side has one run: no spread, so no CI and no test */
	double ratio, lo, hi; /* median(A) / median(B), 95% bootstrap CI */
	struct mw_result mw;
	enum quality q;       /* too few samples on either side, or a CI too wide to trust */
};

struct contrast contrast_samples(const double *a, size_t na, const double *b, size_t nb);
/* Cell A against cell B over their runs (replicates.h): exact when both are, else a test over
 * one value per run. */
struct contrast contrast_cells(const struct group *a, const struct group *b, enum measure m);
/* Exact and unequal, or significant at 5% with enough samples. */
int contrast_differs(const struct contrast *c);

#endif
