/* Statistics against values checked by hand. */
#include "bootstrap.h"
#include "contrast.h"
#include "fmt.h"
#include "mannwhitney.h"
#include "stats.h"

#include <criterion/criterion.h>
#include <math.h>

Test(stats, median_of_odd_and_even_samples)
{
	double odd[] = { 3, 1, 2 }, even[] = { 4, 1, 3, 2 };
	cr_assert_float_eq(median(odd, 3), 2.0, 1e-12);
	cr_assert_float_eq(median(even, 4), 2.5, 1e-12);
	cr_assert(isnan(median(odd, 0)));
	cr_assert_float_eq(odd[0], 3.0, 0, "median must not reorder its input");
}

Test(stats, quantile_interpolates_linearly)
{
	double x[] = { 1, 2, 3, 4, 5 };
	cr_assert_float_eq(quantile_sorted(x, 5, 0.25), 2.0, 1e-12);
	cr_assert_float_eq(quantile_sorted(x, 5, 0.9), 4.6, 1e-12);
	cr_assert_float_eq(quantile_sorted(x, 5, 1.0), 5.0, 1e-12);
}

Test(stats, bootstrap_ci_contains_true_median_of_uniform)
{
	struct rng r;
	rng_seed(&r, 7);
	double x[200];
	for (int i = 0; i < 200; i++)
		x[i] = (double)(rng_next(&r) >> 11) / 9007199254740992.0; /* U(0,1): median 0.5 */
	struct estimate e = bootstrap_median(x, 200);
	cr_assert(e.lo <= e.median && e.median <= e.hi);
	cr_assert(e.lo < 0.5 && 0.5 < e.hi, "CI [%g, %g] misses the true median", e.lo, e.hi);
	cr_assert(e.hi - e.lo < 0.25, "CI too wide for n=200");
	struct estimate again = bootstrap_median(x, 200);
	cr_assert(again.lo == e.lo && again.hi == e.hi, "seeded bootstrap must be deterministic");
}

Test(stats, bootstrap_of_constant_sample_is_a_point)
{
	double x[] = { 7, 7, 7, 7, 7, 7 };
	struct estimate e = bootstrap_median(x, 6);
	cr_assert(e.lo == 7 && e.hi == 7 && e.median == 7);
	cr_assert_eq(estimate_quality(&e), Q_OK);
}

Test(stats, quality_flags_few_and_noisy)
{
	struct estimate few = { .n = 3, .median = 10, .lo = 9, .hi = 11 };
	struct estimate noisy = { .n = 20, .median = 10, .lo = 7, .hi = 14 };
	struct estimate fine = { .n = 20, .median = 10, .lo = 9.5, .hi = 10.5 };
	struct estimate exact = { .n = 2, .median = 10, .lo = 10, .hi = 10, .spread = SPREAD_EXACT };
	cr_assert_eq(estimate_quality(&few), Q_TOO_FEW);
	cr_assert_eq(estimate_quality(&noisy), Q_TOO_NOISY);
	cr_assert_eq(estimate_quality(&fine), Q_OK);
	cr_assert_eq(estimate_quality(&exact), Q_OK, "exact needs no CI, however few runs");
}

Test(mannwhitney, separated_samples_without_ties)
{
	/* U = 0; mean 4.5, var = 9/12*7 = 5.25; z = -(4.5-0.5)/sqrt(5.25) = -1.7457; p = 0.0809 */
	double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	struct mw_result r = mann_whitney(a, 3, b, 3);
	cr_assert_float_eq(r.u, 0.0, 1e-12);
	cr_assert_float_eq(r.z, -1.7457, 1e-4);
	cr_assert_float_eq(r.p, 0.0809, 1e-4);
	struct mw_result s = mann_whitney(b, 3, a, 3);
	cr_assert_float_eq(s.u, 9.0, 1e-12);
	cr_assert_float_eq(s.p, r.p, 1e-12, "the test is symmetric");
}

Test(mannwhitney, tie_correction)
{
	/* Pooled ranks: 1 | 2,2,2 -> 3 | 3 -> 5 | 4 -> 6. R_a = 1+3+3 = 7, U = 1.
	 * Ties: 3^3-3 = 24; var = 9/12 * (7 - 24/30) = 4.65; z = -3/sqrt(4.65); p = 0.1642 */
	double a[] = { 1, 2, 2 }, b[] = { 2, 3, 4 };
	struct mw_result r = mann_whitney(a, 3, b, 3);
	cr_assert_float_eq(r.u, 1.0, 1e-12);
	cr_assert_float_eq(r.z, -3 / sqrt(4.65), 1e-9);
	cr_assert_float_eq(r.p, 0.1642, 1e-4);
}

Test(mannwhitney, identical_and_empty_samples)
{
	double a[] = { 5, 5, 5 };
	cr_assert_float_eq(mann_whitney(a, 3, a, 3).p, 1.0, 0);
	cr_assert(isnan(mann_whitney(a, 3, a, 0).p));
}

Test(contrast, ratio_of_deterministic_samples_is_exact_and_significant)
{
	double a[] = { 2, 2, 2, 2, 2 }, b[] = { 1, 1, 1, 1, 1 };
	struct contrast c = contrast_samples(a, 5, b, 5);
	cr_assert_float_eq(c.ratio, 2.0, 1e-12);
	cr_assert(c.lo == 2.0 && c.hi == 2.0);
	cr_assert(contrast_differs(&c), "p=%g", c.mw.p);
	struct contrast few = contrast_samples(a, 2, b, 2);
	cr_assert_eq(few.q, Q_TOO_FEW);
	cr_assert(!contrast_differs(&few));
}

Test(fmt, counts_sizes_and_p_values)
{
	char b[32];
	cr_assert_str_eq(fmt_count(987, b, sizeof(b)), "987");
	cr_assert_str_eq(fmt_count(12345, b, sizeof(b)), "12.3k");
	cr_assert_str_eq(fmt_count(4560000, b, sizeof(b)), "4.56M");
	cr_assert_str_eq(fmt_count(NAN, b, sizeof(b)), "-");
	cr_assert_str_eq(fmt_mem(512.0 * 1048576, b, sizeof(b)), "512M");
	cr_assert_str_eq(fmt_mem(1073741824.0, b, sizeof(b)), "1G");
	cr_assert_str_eq(fmt_p(0.0004, b, sizeof(b)), "p<0.001");
	cr_assert_str_eq(fmt_p(0.0321, b, sizeof(b)), "p=0.032");
}
