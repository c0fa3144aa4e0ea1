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

/* The bootstrap as it was: B resamples, each sorted and interpolated; MEDS gets their medians
 * (in draw order), the estimate the percentiles of them. */
static struct estimate reference_bootstrap(const double *x, size_t n, size_t b, double *meds)
{
	struct rng r;
	double *s = malloc(b * sizeof(*s)), *tmp = malloc(n * sizeof(*tmp));
	rng_seed(&r, BOOTSTRAP_SEED);
	for (size_t k = 0; k < b; k++) {
		resample(&r, x, n, tmp);
		sort_doubles(tmp, n);
		meds[k] = s[k] = quantile_sorted(tmp, n, 0.5);
	}
	sort_doubles(s, b);
	struct estimate e = { .n = n, .median = median(x, n), .lo = quantile_sorted(s, b, 0.025),
			      .hi = quantile_sorted(s, b, 0.975) };
	free(s);
	free(tmp);
	return e;
}

/* The rule of docs/reports.md, restated: the first B medians of MEDS give 95% bounds whose
 * Monte-Carlo error (half the spread of the order statistics at B p -/+ 1.96 sqrt(B p (1-p)))
 * is at most 5% of the CI's width. */
static int precise_at(const double *meds, size_t b)
{
	double *s = malloc(b * sizeof(*s)), worst = 0;
	memcpy(s, meds, b * sizeof(*s));
	sort_doubles(s, b);
	static const double ps[] = { 0.025, 0.975 };
	for (int k = 0; k < 2; k++) {
		double p = ps[k], half = 1.96 * sqrt((double)b * p * (1 - p)), c = p * (double)(b - 1);
		long i = (long)floor(c - half), j = (long)ceil(c + half);
		i = i < 0 ? 0 : i, j = j > (long)b - 1 ? (long)b - 1 : j;
		worst = fmax(worst, (s[j] - s[i]) / 2);
	}
	double width = quantile_sorted(s, b, 0.975) - quantile_sorted(s, b, 0.025);
	free(s);
	return worst <= 0.05 * width;
}

/* The B that bootstrap_median chose for X (the tally of one call). */
static size_t chosen_b(const double *x, size_t n, struct estimate *got)
{
	size_t lo, hi;
	bootstrap_tally_reset();
	*got = bootstrap_median(x, n);
	cr_assert(bootstrap_tally(&lo, &hi) && lo == hi);
	return lo;
}

/* At the B it chose, bootstrap_median gives what resampling and sorting B times gives, bit for
 * bit; and B is the first of 1000, 2000, 4000, ... at which the bounds are precise enough (or the
 * cap): a sample whose interval is precise at 1000 draws stops there, a coarser one goes on. */
Test(selection, bootstrap_median_is_resample_and_sort_at_the_first_precise_enough_b)
{
	static const size_t ns[] = { 1, 2, 3, 5, 10, 12, 41, 200 };
	struct rng r;
	rng_seed(&r, 7);
	double *meds = malloc(BOOTSTRAP_MAX * sizeof(*meds));
	int more_than_first = 0, only_first = 0;
	for (size_t k = 0; k < sizeof(ns) / sizeof(ns[0]); k++)
		for (int ties = 0; ties < 2; ties++) {
			double x[200];
			sample(&r, x, ns[k], ties);
			struct estimate got;
			size_t b = chosen_b(x, ns[k], &got);
			struct estimate want = reference_bootstrap(x, ns[k], b, meds);
			cr_assert(got.median == want.median && got.lo == want.lo && got.hi == want.hi,
				  "n=%zu ties=%d B=%zu: %a [%a, %a] != %a [%a, %a]", ns[k], ties, b,
				  got.median, got.lo, got.hi, want.median, want.lo, want.hi);
			cr_assert(b == BOOTSTRAP_FIRST || b == 2 * BOOTSTRAP_FIRST || b == 4 * BOOTSTRAP_FIRST ||
				  b == 8 * BOOTSTRAP_FIRST || b == BOOTSTRAP_MAX, "B=%zu", b);
			cr_assert(b == BOOTSTRAP_MAX || precise_at(meds, b), "n=%zu ties=%d: stopped at B=%zu "
				  "short of the precision", ns[k], ties, b);
			cr_assert(b == BOOTSTRAP_FIRST || !precise_at(meds, b / 2), "n=%zu ties=%d: B=%zu but "
				  "%zu was precise enough", ns[k], ties, b, b / 2);
			more_than_first += b > BOOTSTRAP_FIRST, only_first += b == BOOTSTRAP_FIRST;
		}
	cr_assert(more_than_first && only_first, "the samples exercise both outcomes");
	free(meds);
}
