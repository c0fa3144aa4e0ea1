/* The report's fast paths (issue 20) give exactly what sorting gave: quantiles by selection, and
 * bootstrap medians from counted draws, bit for bit, on samples with and without ties. */
#include "bootstrap.h"
#include "stats.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* N values, few distinct ones when TIES (integer counters, exact cells), else all distinct. */
static void sample(struct rng *r, double *x, size_t n, int ties)
{
	for (size_t i = 0; i < n; i++)
		x[i] = ties ? (double)rng_below(r, 5) : (double)(rng_next(r) >> 11) / 1024.0;
}

Test(selection, quantile_select_equals_quantile_of_the_sorted_sample)
{
	static const double qs[] = { 0, 0.025, 0.25, 0.5, 0.975, 1 };
	struct rng r;
	rng_seed(&r, 20);
	for (size_t n = 1; n <= 64; n++)
		for (int ties = 0; ties < 2; ties++) {
			double x[64], s[64], w[64];
			sample(&r, x, n, ties);
			memcpy(s, x, sizeof(x));
			sort_doubles(s, n);
			for (size_t k = 0; k < sizeof(qs) / sizeof(qs[0]); k++) {
				memcpy(w, x, sizeof(x));
				double got = quantile_select(w, n, qs[k]), want = quantile_sorted(s, n, qs[k]);
				cr_assert(got == want, "n=%zu q=%g ties=%d: %a != %a", n, qs[k], ties, got, want);
			}
		}
}

/* The bootstrap as it was: resample, sort, interpolate; then the percentiles of the medians. */
static struct estimate reference_bootstrap(const double *x, size_t n)
{
	struct rng r;
	double *meds = malloc(BOOTSTRAP_RESAMPLES * sizeof(*meds)), *tmp = malloc(n * sizeof(*tmp));
	rng_seed(&r, BOOTSTRAP_SEED);
	for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
		resample(&r, x, n, tmp);
		sort_doubles(tmp, n);
		meds[b] = quantile_sorted(tmp, n, 0.5);
	}
	sort_doubles(meds, BOOTSTRAP_RESAMPLES);
	struct estimate e = { .n = n, .median = median(x, n),
			      .lo = quantile_sorted(meds, BOOTSTRAP_RESAMPLES, 0.025),
			      .hi = quantile_sorted(meds, BOOTSTRAP_RESAMPLES, 0.975) };
	free(meds);
	free(tmp);
	return e;
}

Test(selection, bootstrap_median_equals_resample_and_sort)
{
	static const size_t ns[] = { 1, 2, 3, 10, 41, 200 };
	struct rng r;
	rng_seed(&r, 15);
	for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++)
		for (int ties = 0; ties < 2; ties++) {
			double x[200];
			sample(&r, x, ns[k], ties);
			struct estimate got = bootstrap_median(x, ns[k]), want = reference_bootstrap(x, ns[k]);
			cr_assert(got.median == want.median && got.lo == want.lo && got.hi == want.hi,
				  "n=%zu ties=%d: %a [%a, %a] != %a [%a, %a]", ns[k], ties, got.median,
				  got.lo, got.hi, want.median, want.lo, want.hi);
		}
}
