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

double median(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double small[64], *s = n <= 64 ? small : malloc(n * sizeof(*s));
	memcpy(s, x, n * sizeof(*s));
	sort_doubles(s, n);
	double m = quantile_sorted(s, n, 0.5);
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
