/* Mann–Whitney U via mid-ranks of the pooled sample. */
#include "mannwhitney.h"

#include <math.h>
#include <stdlib.h>

struct tagged {
	double v;
	int from_a;
};

static int cmp_tagged(const void *x, const void *y)
{
	double a = ((const struct tagged *)x)->v, b = ((const struct tagged *)y)->v;
	return (a > b) - (a < b);
}

struct mw_result mann_whitney(const double *a, size_t na, const double *b, size_t nb)
{
	struct mw_result res = { .u = NAN, .z = NAN, .p = NAN };
	if (na == 0 || nb == 0)
		return res;
	size_t n = na + nb;
	struct tagged *t = malloc(n * sizeof(*t));
	for (size_t i = 0; i < na; i++)
		t[i] = (struct tagged){ a[i], 1 };
	for (size_t i = 0; i < nb; i++)
		t[na + i] = (struct tagged){ b[i], 0 };
	qsort(t, n, sizeof(*t), cmp_tagged);

	/* Mid-ranks; sum of (t^3 - t) over tie groups feeds the variance correction. */
	double rank_sum_a = 0, ties = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && t[j].v == t[i].v)
			j++;
		double mid = (double)(i + 1 + j) / 2.0; /* ranks i+1 .. j */
		for (size_t k = i; k < j; k++)
			if (t[k].from_a)
				rank_sum_a += mid;
		double g = (double)(j - i);
		ties += g * g * g - g;
		i = j;
	}
	free(t);

	double n1 = (double)na, n2 = (double)nb, N = (double)n;
	res.u = rank_sum_a - n1 * (n1 + 1) / 2;
	double mean = n1 * n2 / 2;
	double var = n1 * n2 / 12 * ((N + 1) - ties / (N * (N - 1)));
	if (var <= 0) { /* every value equal: no evidence of a difference */
		res.z = 0, res.p = 1;
		return res;
	}
	double d = fabs(res.u - mean) - 0.5; /* continuity correction */
	if (d < 0)
		d = 0;
	res.z = (res.u > mean ? d : -d) / sqrt(var);
	res.p = erfc(fabs(res.z) / sqrt(2));
	if (res.p > 1)
		res.p = 1;
	return res;
}
