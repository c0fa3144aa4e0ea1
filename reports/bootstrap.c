/* Bootstrap confidence intervals for medians and ratios of medians. */
#include "bootstrap.h"

#include <math.h>
#include <stdlib.h>

void rng_seed(struct rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

size_t rng_below(struct rng *r, size_t n)
{
	/* Modulo bias is < n / 2^64: irrelevant for sample counts. */
	return (size_t)(rng_next(r) % n);
}

void resample(struct rng *r, const double *x, size_t n, double *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = x[rng_below(r, n)];
}

/* Medians of B resamples of X; caller frees. */
static double *resampled_medians(struct rng *r, const double *x, size_t n)
{
	double *meds = malloc(BOOTSTRAP_RESAMPLES * sizeof(*meds));
	double *tmp = malloc(n * sizeof(*tmp));
	for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
		resample(r, x, n, tmp);
		sort_doubles(tmp, n);
		meds[b] = quantile_sorted(tmp, n, 0.5);
	}
	free(tmp);
	return meds;
}

struct estimate bootstrap_median(const double *x, size_t n)
{
	struct estimate e = { .n = n, .median = median(x, n), .lo = NAN, .hi = NAN };
	if (n == 0)
		return e;
	struct rng r;
	rng_seed(&r, BOOTSTRAP_SEED);
	double *meds = resampled_medians(&r, x, n);
	sort_doubles(meds, BOOTSTRAP_RESAMPLES);
	e.lo = quantile_sorted(meds, BOOTSTRAP_RESAMPLES, 0.025);
	e.hi = quantile_sorted(meds, BOOTSTRAP_RESAMPLES, 0.975);
	free(meds);
	return e;
}

double bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb, double *lo,
		       double *hi)
{
	*lo = *hi = NAN;
	double mb = median(b, nb);
	if (na == 0 || nb == 0 || mb == 0)
		return NAN;
	struct rng r;
	rng_seed(&r, BOOTSTRAP_SEED);
	double *ma = resampled_medians(&r, a, na);
	double *mbs = resampled_medians(&r, b, nb);
	int ok = 1;
	for (int i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
		if (mbs[i] == 0)
			ok = 0;
		else
			ma[i] /= mbs[i];
	}
	if (ok) {
		sort_doubles(ma, BOOTSTRAP_RESAMPLES);
		*lo = quantile_sorted(ma, BOOTSTRAP_RESAMPLES, 0.025);
		*hi = quantile_sorted(ma, BOOTSTRAP_RESAMPLES, 0.975);
	}
	free(ma);
	free(mbs);
	return median(a, na) / mb;
}
