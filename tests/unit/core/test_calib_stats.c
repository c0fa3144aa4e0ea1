/* The calibration program's statistics (core/calib_stats.c): nearest-rank quartiles, and sampling
 * that goes on while the spread is wide and stops at the cap. */
#include <criterion/criterion.h>

#include "calib_stats.h"

Test(calib_stats, quartiles_by_nearest_rank)
{
	u64 v[9] = {90, 10, 80, 20, 70, 30, 60, 40, 50}, q[3];

	calib_quartiles(v, 9, q);
	cr_assert_eq(q[0], 50); /* sorted[4] */
	cr_assert_eq(q[1], 30); /* sorted[2] */
	cr_assert_eq(q[2], 70); /* sorted[6] */
	cr_assert_eq(v[0], 10);
	cr_assert_eq(v[8], 90);

	u64 one[1] = {7};
	calib_quartiles(one, 1, q);
	cr_assert(q[0] == 7 && q[1] == 7 && q[2] == 7);

	u64 many[32];
	for (unsigned i = 0; i < 32; i++)
		many[i] = 31 - i;
	calib_quartiles(many, 32, q);
	cr_assert_eq(q[0], 15); /* sorted[15] */
	cr_assert_eq(q[1], 7);  /* sorted[7] */
	cr_assert_eq(q[2], 23); /* sorted[23] */
}

Test(calib_stats, at_least_the_minimum)
{
	u64 v[9] = {100, 100, 100, 100, 100, 100, 100, 100, 100};

	cr_assert(calib_sample_more(v, 0, 9));
	cr_assert(calib_sample_more(v, 8, 9));
	cr_assert(!calib_sample_more(v, 9, 9), "tight samples need no more");
}

Test(calib_stats, more_while_the_spread_is_wide)
{
	/* IQR 80..120 around 100: 40 > 100/16 */
	u64 wide[9] = {80, 80, 80, 90, 100, 110, 120, 120, 120};
	/* IQR 99..104 around 100: 5 * 16 = 80 <= 100 */
	u64 tight[9] = {99, 99, 99, 100, 100, 100, 104, 104, 104};
	/* exactly at the limit: IQR 6.25 is not an integer; 6 * 16 = 96 <= 100 stops, 7 * 16 = 112 goes on */
	u64 edge6[9] = {97, 97, 97, 100, 100, 100, 103, 103, 103};
	u64 edge7[9] = {97, 97, 97, 100, 100, 100, 104, 104, 104};

	cr_assert(calib_sample_more(wide, 9, 9));
	cr_assert(!calib_sample_more(tight, 9, 9));
	cr_assert(!calib_sample_more(edge6, 9, 9));
	cr_assert(calib_sample_more(edge7, 9, 9));
}

Test(calib_stats, never_beyond_the_cap)
{
	u64 v[CALIB_MAX_SAMPLES];

	for (unsigned i = 0; i < CALIB_MAX_SAMPLES; i++)
		v[i] = i % 2 ? 10 : 1000; /* as wide as it gets */
	cr_assert(calib_sample_more(v, CALIB_MAX_SAMPLES - 1, 9));
	cr_assert(!calib_sample_more(v, CALIB_MAX_SAMPLES, 9));
}

Test(calib_stats, a_zero_median_is_settled)
{
	u64 v[9] = {0};

	cr_assert(!calib_sample_more(v, 9, 9), "too fast for the clock: nothing more to learn");
}
