/* See phase.h: costs linear in the ratio r at each x, so every boundary is a crossover of two
 * strategies, solved exactly, then kept where it changes the cheapest. */
#include "phase.h"

#include <math.h>
#include <stdlib.h>

static double at(const struct phase_line *l, double x)
{
	double v = l->a + l->b * x;
	return v > 0 ? v : 0;
}

double phase_cost(const struct phase_strategy *s, double x, double r)
{
	return at(&s->lines, x) + r * at(&s->faults, x);
}

size_t phase_cheapest(const struct phase_strategy *s, size_t n, double x, double r)
{
	size_t best = 0;

	for (size_t i = 1; i < n; i++)
		if (phase_cost(&s[i], x, r) < phase_cost(&s[best], x, r))
			best = i;
	return best;
}

/* lines_a + r faults_a = lines_b + r faults_b */
double phase_crossover_ratio(const struct phase_strategy *a, const struct phase_strategy *b, double x)
{
	double df = at(&a->faults, x) - at(&b->faults, x), dl = at(&b->lines, x) - at(&a->lines, x);

	if (df == 0)
		return NAN;
	double r = dl / df;
	return r > 0 && isfinite(r) ? r : NAN;
}

static int cmp_double(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;
	return (a > b) - (a < b);
}

size_t phase_edges(const struct phase_strategy *s, size_t n, const double *xs, size_t nx, double rlo,
		   double rhi, struct phase_edge *out, size_t max)
{
	double *cand = malloc((n * n + 1) * sizeof(*cand));
	size_t found = 0;

	for (size_t k = 0; cand && k < nx; k++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++) {
				double r = phase_crossover_ratio(&s[i], &s[j], xs[k]);
				if (!isnan(r) && r > rlo && r < rhi)
					cand[m++] = r;
			}
		qsort(cand, m, sizeof(*cand), cmp_double);
		/* the cheapest inside each interval between candidates (its geometric middle: the
		 * ratio axis is logarithmic), compared with the one below it */
		size_t below = phase_cheapest(s, n, xs[k], rlo);
		for (size_t c = 0; c < m; c++) {
			if (c + 1 < m && cand[c + 1] <= cand[c])
				continue; /* the same ratio twice: its interval is empty */
			double hi = c + 1 < m ? cand[c + 1] : rhi;
			size_t above = phase_cheapest(s, n, xs[k], sqrt(cand[c] * hi));
			if (above == below)
				continue;
			if (found < max)
				out[found] = (struct phase_edge){xs[k], cand[c], below, above};
			found++;
			below = above;
		}
	}
	free(cand);
	return found;
}

/* The fraction in (LO, HI] where the cheapest stops being A: bisected, the costs being linear
 * (or clamped linear) in x between samples. */
static double change_at(const struct phase_strategy *s, size_t n, double r, double lo, double hi, size_t a)
{
	for (int i = 0; i < 40; i++) {
		double mid = (lo + hi) / 2;
		if (phase_cheapest(s, n, mid, r) == a)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

size_t phase_along(const struct phase_strategy *s, size_t n, double r, double step, struct phase_span *out,
		   size_t max)
{
	size_t m = 0, cur;
	double from = 0;

	if (!n || !max || !(step > 0))
		return 0;
	cur = phase_cheapest(s, n, 0, r);
	for (double x = step; x < 100 + step / 2; x += step) {
		double at = x > 100 ? 100 : x;
		size_t w = phase_cheapest(s, n, at, r);
		if (w == cur)
			continue;
		double to = change_at(s, n, r, at - step, at, cur);
		if (m < max)
			out[m++] = (struct phase_span){cur, from, to};
		from = to, cur = phase_cheapest(s, n, to, r);
	}
	if (m < max)
		out[m++] = (struct phase_span){cur, from, 100};
	return m;
}
