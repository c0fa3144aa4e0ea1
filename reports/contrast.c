/* Ratio-of-medians contrasts. */
#include "contrast.h"

#include "bootstrap.h"

#include <math.h>

struct contrast contrast_samples(const double *a, size_t na, const double *b, size_t nb)
{
	struct contrast c = { .na = na, .nb = nb };
	c.ratio = bootstrap_ratio(a, na, b, nb, &c.lo, &c.hi);
	c.mw = mann_whitney(a, na, b, nb);
	if (na < MIN_SAMPLES || nb < MIN_SAMPLES)
		c.q = Q_TOO_FEW;
	else if (isnan(c.lo) || (c.hi - c.lo) / c.ratio > NOISY_REL_WIDTH)
		c.q = Q_TOO_NOISY;
	else
		c.q = Q_OK;
	return c;
}

int contrast_differs(const struct contrast *c)
{
	return c->q != Q_TOO_FEW && !isnan(c->mw.p) && c->mw.p < 0.05;
}
