/* Bootstrap confidence intervals for medians and ratios of medians. */
#include "bootstrap.h"

#include "samplememo.h"

#include <math.h>
#include <stdio.h>
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

/* Draws resamples of X as counts of indices into X sorted once: the same draws (and so the same
 * medians) as resample() then sorting, in O(n) each. */
struct resampler {
	size_t n;
	double *s;       /* X sorted */
	size_t *rank;    /* X[j]'s index in S */
	uint32_t *count; /* copies of each S[j] in the resample */
	unsigned __int128 m;
};

static void resampler_init(struct resampler *z, const double *x, size_t n)
{
	z->n = n;
	z->s = malloc(n * sizeof(*z->s));
	z->rank = malloc(n * sizeof(*z->rank));
	z->count = malloc(n * sizeof(*z->count));
	if (!z->s || !z->rank || !z->count)
		abort();
	memcpy(z->s, x, n * sizeof(*z->s));
	sort_doubles(z->s, n);
	rank_in_sorted(x, z->s, n, z->rank);
	z->m = fastmod_m(n);
}

/* Appends the medians of K more resamples to MEDS (which has room). */
static void resampler_medians(struct resampler *z, struct rng *r, double *meds, size_t k)
{
	for (size_t b = 0; b < k; b++) {
		memset(z->count, 0, z->n * sizeof(*z->count));
		for (size_t i = 0; i < z->n; i++) /* rng_below(r, n), division-free */
			z->count[z->rank[fastmod(rng_next(r), z->m, z->n)]]++;
		meds[b] = counted_quantile(z->s, z->count, z->n, 0.5);
	}
}

static void resampler_free(struct resampler *z)
{
	free(z->s), free(z->rank), free(z->count);
}

/* Half the width of a 95% confidence interval for the P-quantile of the distribution that the B
 * sorted values S were drawn from: the order statistics at ranks B*P -/+ 1.96 sqrt(B P (1-P))
 * (the distribution-free interval for a quantile, normal approximation to the binomial). This is
 * the Monte-Carlo error of a percentile-bootstrap bound computed from B resamples. */
static double quantile_mc_error(const double *s, size_t b, double p)
{
	double c = p * (double)(b - 1), w = 1.96 * sqrt((double)b * p * (1 - p));
	double lo = floor(c - w), hi = ceil(c + w);
	size_t i = lo < 0 ? 0 : (size_t)lo, j = hi > (double)(b - 1) ? b - 1 : (size_t)hi;
	return (s[j] - s[i]) / 2;
}

/* The 95% percentile interval of SORTED (B values); 1 when both bounds are precise enough. */
static int percentile_ci(const double *sorted, size_t b, double *lo, double *hi)
{
	*lo = quantile_sorted(sorted, b, 0.025);
	*hi = quantile_sorted(sorted, b, 0.975);
	double err = fmax(quantile_mc_error(sorted, b, 0.025), quantile_mc_error(sorted, b, 0.975));
	return err <= BOOTSTRAP_MC_FRACTION * (*hi - *lo);
}

static size_t b_min = SIZE_MAX, b_max; /* the resample counts of this report's intervals */

static void tally(size_t b)
{
	b_min = b < b_min ? b : b_min;
	b_max = b > b_max ? b : b_max;
}

void bootstrap_tally_reset(void)
{
	b_min = SIZE_MAX, b_max = 0;
}

int bootstrap_tally(size_t *min, size_t *max)
{
	*min = b_min, *max = b_max;
	return b_max > 0;
}

void bootstrap_statement(char *buf, size_t len)
{
	int n = snprintf(buf, len,
			 "Bootstrap resamples: %d, doubled until the Monte-Carlo error of each 95%% "
			 "bound is at most %.0f%% of the interval's width (at most %d); ",
			 BOOTSTRAP_FIRST, 100 * BOOTSTRAP_MC_FRACTION, BOOTSTRAP_MAX);
	size_t lo, hi;
	if (n < 0 || (size_t)n >= len)
		return;
	if (!bootstrap_tally(&lo, &hi))
		snprintf(buf + n, len - (size_t)n, "no interval of this report needed one.");
	else if (lo == hi)
		snprintf(buf + n, len - (size_t)n, "B = %zu for every interval of this report.", lo);
	else
		snprintf(buf + n, len - (size_t)n, "B = %zu to %zu across this report's intervals.",
			 lo, hi);
}

enum { MEMO_MEDIAN, MEMO_RATIO }; /* what samplememo.h remembers for this file */

struct estimate bootstrap_median(const double *x, size_t n)
{
	struct estimate e = { .n = n, .lo = NAN, .hi = NAN };
	double m[MEMO_VALUES];
	if (memo_get(MEMO_MEDIAN, x, n, NULL, 0, m)) {
		e.median = m[0], e.lo = m[1], e.hi = m[2];
		tally((size_t)m[3]);
		return e;
	}
	e.median = median(x, n);
	if (n == 0)
		return e;
	struct rng r;
	rng_seed(&r, BOOTSTRAP_SEED);
	struct resampler z;
	resampler_init(&z, x, n);
	double *meds = malloc(BOOTSTRAP_MAX * sizeof(*meds)), *sorted = malloc(BOOTSTRAP_MAX * sizeof(*sorted));
	if (!meds || !sorted)
		abort();
	size_t b = 0;
	do { /* BOOTSTRAP_FIRST resamples, then doubled until precise (bootstrap.h) */
		size_t more = b ? b : BOOTSTRAP_FIRST;
		resampler_medians(&z, &r, meds + b, more);
		b += more;
		memcpy(sorted, meds, b * sizeof(*sorted));
		sort_doubles(sorted, b);
	} while (!percentile_ci(sorted, b, &e.lo, &e.hi) && b < BOOTSTRAP_MAX);
	resampler_free(&z);
	free(meds), free(sorted);
	tally(b);
	memo_put(MEMO_MEDIAN, x, n, NULL, 0, (double[MEMO_VALUES]){ e.median, e.lo, e.hi, (double)b });
	return e;
}

double bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb, double *lo,
		       double *hi)
{
	double m[MEMO_VALUES];
	if (memo_get(MEMO_RATIO, a, na, b, nb, m)) {
		*lo = m[1], *hi = m[2];
		if (m[3] > 0)
			tally((size_t)m[3]);
		return m[0];
	}
	*lo = *hi = NAN;
	double mb = median(b, nb);
	if (na == 0 || nb == 0 || mb == 0)
		return NAN;
	struct rng r;
	rng_seed(&r, BOOTSTRAP_SEED);
	struct resampler za, zb;
	resampler_init(&za, a, na);
	resampler_init(&zb, b, nb);
	double *ma = malloc(BOOTSTRAP_MAX * sizeof(*ma)), *mbs = malloc(BOOTSTRAP_MAX * sizeof(*mbs));
	double *sorted = malloc(BOOTSTRAP_MAX * sizeof(*sorted));
	if (!ma || !mbs || !sorted)
		abort();
	size_t n = 0;
	int ok = 1, precise;
	do { /* as bootstrap_median, A's resamples of a batch then B's */
		size_t more = n ? n : BOOTSTRAP_FIRST;
		resampler_medians(&za, &r, ma + n, more);
		resampler_medians(&zb, &r, mbs + n, more);
		for (size_t i = n; i < n + more; i++) {
			if (mbs[i] == 0)
				ok = 0;
			else
				ma[i] /= mbs[i];
		}
		n += more;
		memcpy(sorted, ma, n * sizeof(*sorted));
		sort_doubles(sorted, n);
		precise = ok && percentile_ci(sorted, n, lo, hi);
	} while (ok && !precise && n < BOOTSTRAP_MAX);
	if (!ok)
		*lo = *hi = NAN;
	resampler_free(&za), resampler_free(&zb);
	free(ma), free(mbs), free(sorted);
	if (ok)
		tally(n);
	double ratio = median(a, na) / mb;
	memo_put(MEMO_RATIO, a, na, b, nb, (double[MEMO_VALUES]){ ratio, *lo, *hi, ok ? (double)n : 0 });
	return ratio;
}
