/* Ratio-of-medians contrasts. */
#include "contrast.h"

#include "bootstrap.h"
#include "replicates.h"

#include <math.h>
#include <stdlib.h>

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

struct contrast contrast_cells(const struct group *a, const struct group *b, enum measure m)
{
	const struct estimate *ea = group_estimate((struct group *)a, m);
	const struct estimate *eb = group_estimate((struct group *)b, m);
	if (ea->spread == SPREAD_EXACT && eb->spread == SPREAD_EXACT) {
		double r = ea->median / eb->median;
		return (struct contrast){ .na = ea->n, .nb = eb->n, .exact = 1, .ratio = r, .lo = r,
					  .hi = r, .mw = { NAN, NAN, NAN }, .q = Q_OK };
	}
	if (ea->n == 1 || eb->n == 1) {
		double r = ea->median / eb->median;
		return (struct contrast){ .na = ea->n, .nb = eb->n, .single = 1, .ratio = r, .lo = NAN,
					  .hi = NAN, .mw = { NAN, NAN, NAN }, .q = Q_TOO_FEW };
	}
	double *va = malloc((a->nruns + 1) * sizeof(*va)), *vb = malloc((b->nruns + 1) * sizeof(*vb));
	size_t na = replicate_values(a, m, va), nb = replicate_values(b, m, vb);
	struct contrast c = contrast_samples(va, na, vb, nb);
	free(va), free(vb);
	return c;
}

int contrast_differs(const struct contrast *c)
{
	if (c->exact)
		return !isnan(c->ratio) && c->ratio != 1;
	return c->q != Q_TOO_FEW && !isnan(c->mw.p) && c->mw.p < 0.05;
}
