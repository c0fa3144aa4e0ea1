/* Bootstrap confidence intervals for medians and ratios of medians. */
#include "bootstrap.h"

#include "samplememo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* X % D without a division (Lemire, "Faster remainder by direct computation", 2019): exact for
 * every 64-bit X and D >= 1 given M = fastmod_m(D). The resampling loop draws n indices per
 * resample, and a 64-bit division was most of a draw's cost. */
static unsigned __int128 fastmod_m(uint64_t d)
{
	return ~(unsigned __int128)0 / d + 1;
}

static uint64_t fastmod(uint64_t x, unsigned __int128 m, uint64_t d)
{
	unsigned __int128 low = m * x;
	unsigned __int128 bottom = ((low & UINT64_MAX) * d) >> 64;
	return (uint64_t)((bottom + (low >> 64) * d) >> 64);
}

/* RANK[j]: an index of S (X sorted) holding X[j]'s value (the first, by binary search). */
static void rank_in_sorted(const double *x, const double *s, size_t n, size_t *rank)
{
	for (size_t j = 0; j < n; j++) {
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (s[mid] < x[j])
				lo = mid + 1;
			else
				hi = mid;
		}
		rank[j] = lo;
	}
}

/* The Q-quantile (as quantile_sorted) of the resample that holds COUNT[j] copies of S[j], S sorted:
 * the resample's order statistics are S at the indices where the running count passes them. */
static double counted_quantile(const double *s, const uint32_t *count, size_t n, double q)
{
	double h = (double)(n - 1) * q;
	size_t i = (size_t)floor(h), seen = 0, j = 0;
	while (seen + count[j] <= i) /* the i-th smallest (from 0) is S[j] */
		seen += count[j++];
	double lo = s[j];
	if (i + 1 >= n)
		return lo;
	while (seen + count[j] <= i + 1)
		seen += count[j++];
	return lo + (h - (double)i) * (s[j] - lo);
}

/* Medians of B resamples of X; caller frees. A resample is drawn as counts of indices into X
 * sorted once: the same draws (and so the same medians) as resample() then sorting, in O(n). */
static double *resampled_medians(struct rng *r, const double *x, size_t n)
{
	double *meds = malloc(BOOTSTRAP_RESAMPLES * sizeof(*meds));
	double *s = malloc(n * sizeof(*s));
	uint32_t *count = malloc(n * sizeof(*count));
	if (!meds || !s || !count)
		abort();
	memcpy(s, x, n * sizeof(*s));
	sort_doubles(s, n);
	size_t *rank = malloc(n * sizeof(*rank));
	if (!rank)
		abort();
	rank_in_sorted(x, s, n, rank);
	unsigned __int128 m = fastmod_m(n);
	for (int b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
		memset(count, 0, n * sizeof(*count));
		for (size_t i = 0; i < n; i++) /* rng_below(r, n), division-free */
			count[rank[fastmod(rng_next(r), m, n)]]++;
		meds[b] = counted_quantile(s, count, n, 0.5);
	}
	free(rank);
	free(count);
	free(s);
	return meds;
}

enum { MEMO_MEDIAN, MEMO_RATIO }; /* what samplememo.h remembers for this file */

struct estimate bootstrap_median(const double *x, size_t n)
{
	struct estimate e = { .n = n, .lo = NAN, .hi = NAN };
	double m[MEMO_VALUES];
	if (memo_get(MEMO_MEDIAN, x, n, NULL, 0, m)) {
		e.median = m[0], e.lo = m[1], e.hi = m[2];
		return e;
	}
	e.median = median(x, n);
	if (n == 0)
		return e;
	struct rng r;
	rng_seed(&r, BOOTSTRAP_SEED);
	double *meds = resampled_medians(&r, x, n);
	sort_doubles(meds, BOOTSTRAP_RESAMPLES);
	e.lo = quantile_sorted(meds, BOOTSTRAP_RESAMPLES, 0.025);
	e.hi = quantile_sorted(meds, BOOTSTRAP_RESAMPLES, 0.975);
	free(meds);
	memo_put(MEMO_MEDIAN, x, n, NULL, 0, (double[MEMO_VALUES]){ e.median, e.lo, e.hi });
	return e;
}

double bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb, double *lo,
		       double *hi)
{
	double m[MEMO_VALUES];
	if (memo_get(MEMO_RATIO, a, na, b, nb, m)) {
		*lo = m[1], *hi = m[2];
		return m[0];
	}
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
	double ratio = median(a, na) / mb;
	memo_put(MEMO_RATIO, a, na, b, nb, (double[MEMO_VALUES]){ ratio, *lo, *hi });
	return ratio;
}
