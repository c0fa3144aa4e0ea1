/* Crossing point of two cost curves, interpolated between medians and bootstrapped. */
#include "crossover.h"

#include "bootstrap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* First x where DIFF (A - B) changes sign; NAN when it never does. */
static double first_crossing(const double *x, const double *diff, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (diff[i] == 0)
			return x[i];
		if (i + 1 < n && (diff[i] < 0) != (diff[i + 1] < 0) && diff[i + 1] != 0)
			return x[i] + (x[i + 1] - x[i]) * diff[i] / (diff[i] - diff[i + 1]);
	}
	return NAN;
}

int crossover_find(const struct sweep *s, const char *a, const char *b, enum measure m,
		   struct crossover *out)
{
	memset(out, 0, sizeof(*out));
	out->a = a, out->b = b;
	out->x = out->lo = out->hi = NAN;
	int sa = sweep_strategy(s, a), sb = sweep_strategy(s, b);
	if (sa < 0 || sb < 0)
		return -1;
	struct group **ga = calloc(s->nx, sizeof(*ga)), **gb = calloc(s->nx, sizeof(*gb));
	double *x = calloc(s->nx, sizeof(*x)), *diff = calloc(s->nx, sizeof(*diff));
	size_t n = 0, maxn = 1;
	out->ratio_min = INFINITY, out->ratio_max = -INFINITY;
	for (size_t i = 0; i < s->nx; i++) {
		struct group *p = sweep_cell(s, i, (size_t)sa), *q = sweep_cell(s, i, (size_t)sb);
		if (!p || !q || !p->n[m] || !q->n[m])
			continue;
		ga[n] = p, gb[n] = q, x[n] = s->x[i];
		double ma = median(p->x[m], p->n[m]), mb = median(q->x[m], q->n[m]);
		diff[n] = ma - mb;
		if (mb > 0) {
			out->ratio_min = fmin(out->ratio_min, ma / mb);
			out->ratio_max = fmax(out->ratio_max, ma / mb);
		}
		maxn = p->n[m] > maxn ? p->n[m] : maxn;
		maxn = q->n[m] > maxn ? q->n[m] : maxn;
		n++;
	}
	out->npoints = n;
	int rc = -1;
	if (n >= 2) {
		rc = 0;
		out->a_cheaper_first = diff[0] < 0;
		out->x = first_crossing(x, diff, n);
		out->found = !isnan(out->x);
		/* Bootstrap: resample every cell, recompute the medians and the crossing. */
		struct rng r;
		rng_seed(&r, BOOTSTRAP_SEED);
		double *tmp = malloc(maxn * sizeof(*tmp)), *hits = malloc(BOOTSTRAP_RESAMPLES * sizeof(*hits));
		size_t nhits = 0;
		for (int k = 0; k < BOOTSTRAP_RESAMPLES; k++) {
			double d[64];
			for (size_t i = 0; i < n && i < 64; i++) {
				resample(&r, ga[i]->x[m], ga[i]->n[m], tmp);
				double ma = median(tmp, ga[i]->n[m]);
				resample(&r, gb[i]->x[m], gb[i]->n[m], tmp);
				d[i] = ma - median(tmp, gb[i]->n[m]);
			}
			double c = first_crossing(x, d, n < 64 ? n : 64);
			if (!isnan(c))
				hits[nhits++] = c;
		}
		out->resample_hits = (double)nhits / BOOTSTRAP_RESAMPLES;
		if (nhits) {
			sort_doubles(hits, nhits);
			out->lo = quantile_sorted(hits, nhits, 0.025);
			out->hi = quantile_sorted(hits, nhits, 0.975);
		}
		free(tmp);
		free(hits);
	}
	free(ga), free(gb), free(x), free(diff);
	return rc;
}
