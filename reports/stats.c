/* Medians and quantiles. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void sort_doubles(double *x, size_t n)
{
	qsort(x, n, sizeof(*x), cmp_double);
}

double quantile_sorted(const double *s, size_t n, double q)
{
	if (n == 0)
		return NAN;
	double h = (double)(n - 1) * q;
	size_t i = (size_t)floor(h);
	if (i + 1 >= n)
		return s[n - 1];
	return s[i] + (h - (double)i) * (s[i + 1] - s[i]);
}

static void swap_d(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

/* Puts the K-th smallest of X[0..n) at X[K], smaller ones before it, larger ones after. A
 * three-way partition: repeated values (exact cells, integer counters) cost no extra passes. */
static void select_kth(double *x, size_t n, size_t k)
{
	size_t lo = 0, hi = n; /* the answer lies in [lo, hi) */
	while (hi - lo > 1) {
		double a = x[lo], b = x[lo + (hi - lo) / 2], c = x[hi - 1];
		double p = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		size_t lt = lo, i = lo, gt = hi; /* [lo,lt) < p, [lt,i) == p, [gt,hi) > p */
		while (i < gt) {
			if (x[i] < p)
				swap_d(&x[lt++], &x[i++]);
			else if (x[i] > p)
				swap_d(&x[i], &x[--gt]);
			else
				i++;
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return;
	}
}

double quantile_select(double *x, size_t n, double q)
{
	if (n == 0)
		return NAN;
	double h = (double)(n - 1) * q;
	size_t i = (size_t)floor(h);
	if (i + 1 >= n) {
		select_kth(x, n, n - 1);
		return x[n - 1];
	}
	select_kth(x, n, i);
	double next = x[i + 1]; /* the (i+1)-th smallest: the least of what lies above x[i] */
	for (size_t j = i + 2; j < n; j++)
		if (x[j] < next)
			next = x[j];
	return x[i] + (h - (double)i) * (next - x[i]);
}

double median(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double small[64], *s = n <= 64 ? small : malloc(n * sizeof(*s));
	memcpy(s, x, n * sizeof(*s));
	double m = quantile_select(s, n, 0.5);
	if (s != small)
		free(s);
	return m;
}

enum quality estimate_quality(const struct estimate *e)
{
	if (e->spread == SPREAD_EXACT)
		return Q_OK;
	if (e->n < MIN_SAMPLES)
		return Q_TOO_FEW;
	double width = e->hi - e->lo;
	if (e->median != 0 && width / fabs(e->median) > NOISY_REL_WIDTH)
		return Q_TOO_NOISY;
	if (e->median == 0 && width > 0)
		return Q_TOO_NOISY;
	return Q_OK;
}

const char *quality_text(enum quality q)
{
	switch (q) {
	case Q_TOO_FEW: return "too few runs";
	case Q_TOO_NOISY: return "too noisy";
	default: return "";
	}
}
