/* Crossing point of two cost curves, bracketed by grid points. */
#include "crossover.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int sign(double v)
{
	return (v > 0) - (v < 0);
}

/* DIFF[i] = A - B at X[i]; SURE[i]: its sign is established at that point. */
static struct crossing bracket(const double *x, const double *a, const double *b,
			       const int *sure, size_t n)
{
	struct crossing c = { .lo = NAN, .hi = NAN, .interp = NAN, .ratio_min = INFINITY,
			      .ratio_max = -INFINITY };
	size_t i0 = 0;
	for (size_t i = 0; i < n; i++)
		if (b[i] > 0)
			c.ratio_min = fmin(c.ratio_min, a[i] / b[i]),
			c.ratio_max = fmax(c.ratio_max, a[i] / b[i]);
	while (i0 < n && sign(a[i0] - b[i0]) == 0)
		i0++;
	if (i0 == n)
		return c;
	int start = sign(a[i0] - b[i0]);
	c.a_cheaper_first = start < 0;
	size_t j = i0 + 1;
	while (j < n && sign(a[j] - b[j]) == start)
		j++;
	if (j == n)
		return c;
	c.found = 1;
	double d0 = a[j - 1] - b[j - 1], d1 = a[j] - b[j];
	c.interp = x[j - 1] + (x[j] - x[j - 1]) * d0 / (d0 - d1);
	/* Widen past points whose sign is not established: the crossing may be beyond them. */
	size_t lo = j - 1, hi = j;
	while (!sure[lo] && lo > 0)
		lo--;
	while (hi < n && !(sure[hi] && sign(a[hi] - b[hi]) != start))
		hi++;
	c.lo = sure[lo] ? x[lo] : NAN;
	c.hi = hi < n ? x[hi] : NAN;
	return c;
}

/* Intervals (exact points, run ranges or CIs) that do not overlap: the sign is established.
 * A single run has no known spread; its sign is taken as measured and the answer says so. */
static int established(const struct estimate *p, const struct estimate *q)
{
	if (p->median == q->median)
		return 0;
	return p->hi < q->lo || q->hi < p->lo ||
	       (p->spread != SPREAD_CI && p->spread != SPREAD_RANGE &&
		q->spread != SPREAD_CI && q->spread != SPREAD_RANGE);
}

/* The same at reboot 1: the runs' min..max there (a steady cell: its own interval). */
static int established_first(const struct estimate *p, const struct estimate *q)
{
	struct estimate a = *p, b = *q;
	if (p->trend)
		a.median = p->first, a.lo = p->first_lo, a.hi = p->first_hi;
	if (q->trend)
		b.median = q->first, b.lo = q->first_lo, b.hi = q->first_hi;
	if (a.spread == SPREAD_CI && p->trend) /* min..max of runs, not a CI */
		a.spread = SPREAD_RANGE;
	if (b.spread == SPREAD_CI && q->trend)
		b.spread = SPREAD_RANGE;
	return established(&a, &b);
}

int crossover_find(const struct sweep *s, const char *a, const char *b, enum measure m,
		   struct crossover *out)
{
	memset(out, 0, sizeof(*out));
	out->a = a, out->b = b;
	int sa = sweep_strategy(s, a), sb = sweep_strategy(s, b);
	if (sa < 0 || sb < 0)
		return -1;
	double *x = calloc(s->nx + 1, sizeof(*x)), *va = calloc(s->nx + 1, sizeof(*va));
	double *vb = calloc(s->nx + 1, sizeof(*vb)), *fa = calloc(s->nx + 1, sizeof(*fa));
	double *fb = calloc(s->nx + 1, sizeof(*fb));
	int *sure = calloc(s->nx + 1, sizeof(*sure)), *sure_first = calloc(s->nx + 1, sizeof(int));
	size_t n = 0;
	out->exact = 1, out->min_runs = SIZE_MAX, out->at = 0;
	for (size_t i = 0; i < s->nx; i++) {
		struct group *p = sweep_cell(s, i, (size_t)sa), *q = sweep_cell(s, i, (size_t)sb);
		if (!p || !q || !p->n[m] || !q->n[m])
			continue;
		const struct estimate *ep = group_estimate(p, m), *eq = group_estimate(q, m);
		x[n] = s->x[i], va[n] = ep->median, vb[n] = eq->median;
		fa[n] = ep->trend ? ep->first : ep->median, fb[n] = eq->trend ? eq->first : eq->median;
		sure[n] = established(ep, eq);
		sure_first[n] = established_first(ep, eq);
		out->exact &= ep->spread == SPREAD_EXACT && eq->spread == SPREAD_EXACT;
		out->single |= ep->spread == SPREAD_ONE || eq->spread == SPREAD_ONE;
		out->trend_a |= ep->trend, out->trend_b |= eq->trend;
		out->trend |= ep->trend || eq->trend;
		size_t lo = ep->n < eq->n ? ep->n : eq->n, hi = ep->n > eq->n ? ep->n : eq->n;
		out->min_runs = lo < out->min_runs ? lo : out->min_runs;
		out->max_runs = hi > out->max_runs ? hi : out->max_runs;
		if (ep->trend && (!out->at || ep->at < out->at))
			out->at = ep->at;
		if (eq->trend && (!out->at || eq->at < out->at))
			out->at = eq->at;
		n++;
	}
	out->npoints = n;
	if (n >= 2) {
		out->last = bracket(x, va, vb, sure, n);
		if (out->trend)
			out->first = bracket(x, fa, fb, sure_first, n);
	}
	free(x), free(va), free(vb), free(fa), free(fb), free(sure), free(sure_first);
	return n >= 2 ? 0 : -1;
}
