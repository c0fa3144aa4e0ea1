/* Summarising a cell run by run: steady state or trend, exact or replicated. */
#include "replicates.h"

#include "bootstrap.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

int series_trends(const double *y, size_t n)
{
	if (n < 4)
		return 0;
	double s = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			s += (y[j] > y[i]) - (y[j] < y[i]);
	double tau = s / ((double)n * (double)(n - 1) / 2);
	size_t third = n / 3;
	double first = median(y, third), last = median(y + n - third, third), all = median(y, n);
	double change = fabs(last - first);
	return fabs(tau) >= TREND_TAU && change >= TREND_CHANGE * fabs(all) && change > 0;
}

size_t run_series(const struct results *r, const struct run *u, enum measure m, double *y,
		  size_t max)
{
	size_t n = 0;
	for (size_t k = 0; k < u->nboots && n < max; k++) {
		const struct boot *b = &r->boots[u->first_boot + k];
		if (b->idx < 1)
			continue;
		double v = measure_of(b, m);
		if (is_absent(v))
			break;
		y[n++] = v;
	}
	return n;
}

/* Every run's series (lengths into LEN), and K: the warm boots every run has. */
static double **load_series(const struct group *g, enum measure m, size_t *len, size_t *k)
{
	double **y = calloc(g->nruns, sizeof(*y));
	*k = SIZE_MAX;
	for (size_t i = 0; i < g->nruns; i++) {
		const struct run *u = g->runs[i];
		y[i] = malloc((u->nboots + 1) * sizeof(double));
		len[i] = run_series(g->r, u, m, y[i], u->nboots);
		*k = len[i] < *k ? len[i] : *k;
	}
	if (*k == SIZE_MAX)
		*k = 0;
	return y;
}

static void free_series(double **y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(y[i]);
	free(y);
}

/* Median over runs of reboot index J (0-based) into each point of MED[0..k). */
static void index_medians(double **y, size_t nruns, size_t k, double *med)
{
	double *col = malloc((nruns + 1) * sizeof(*col));
	for (size_t j = 0; j < k; j++) {
		for (size_t i = 0; i < nruns; i++)
			col[i] = y[i][j];
		med[j] = median(col, nruns);
	}
	free(col);
}

struct summary {
	size_t n, k;
	int trend, identical;
	double first, first_lo, first_hi;
};

/* Run values into OUT and what kind of summary they are. */
static struct summary summarise(const struct group *g, enum measure m, double *out)
{
	struct summary s = { 0 };
	size_t *len = calloc(g->nruns + 1, sizeof(*len));
	double **y = load_series(g, m, len, &s.k);
	double *med = malloc((s.k + 1) * sizeof(*med));
	index_medians(y, g->nruns, s.k, med);
	s.trend = series_trends(med, s.k);
	s.first = s.k ? med[0] : NAN;
	s.first_lo = s.first_hi = s.first;
	for (size_t i = 0; i < g->nruns && s.k; i++)
		s.first_lo = fmin(s.first_lo, y[i][0]), s.first_hi = fmax(s.first_hi, y[i][0]);
	s.identical = g->nruns >= 2;
	for (size_t i = 1; i < g->nruns && s.identical; i++) {
		s.identical = len[i] == len[0];
		for (size_t j = 0; j < len[0] && s.identical; j++)
			s.identical = y[i][j] == y[0][j];
	}
	for (size_t i = 0; i < g->nruns; i++) {
		if (!len[i])
			continue;
		out[s.n++] = s.trend ? y[i][s.k - 1] : median(y[i], len[i]);
	}
	free(med);
	free(len);
	free_series(y, g->nruns);
	return s;
}

size_t replicate_by_index(const struct group *g, enum measure m, double *med)
{
	size_t k, *len = calloc(g->nruns + 1, sizeof(*len));
	double **y = load_series(g, m, len, &k);
	index_medians(y, g->nruns, k, med);
	free(len);
	free_series(y, g->nruns);
	return k;
}

size_t replicate_values(const struct group *g, enum measure m, double *out)
{
	return summarise(g, m, out).n;
}

int replicates_identical(const struct group *g, enum measure m)
{
	double *v = malloc((g->nruns + 1) * sizeof(*v));
	int same = summarise(g, m, v).identical;
	free(v);
	return same;
}

struct estimate replicate_estimate(const struct group *g, enum measure m)
{
	double *v = malloc((g->nruns + 1) * sizeof(*v));
	struct summary s = summarise(g, m, v);
	struct estimate e = { .n = s.n, .median = NAN, .lo = NAN, .hi = NAN };
	if (s.n) {
		if (s.identical || s.n == 1) {
			e.median = e.lo = e.hi = v[0];
			e.spread = s.identical ? SPREAD_EXACT : SPREAD_ONE;
		} else if (s.n < MIN_SAMPLES) {
			sort_doubles(v, s.n);
			e.median = median(v, s.n), e.lo = v[0], e.hi = v[s.n - 1];
			e.spread = SPREAD_RANGE;
		} else {
			e = bootstrap_median(v, s.n);
			e.spread = SPREAD_CI;
		}
		e.trend = s.trend;
		e.at = s.trend ? (int)s.k : 0;
		e.first = s.first, e.first_lo = s.first_lo, e.first_hi = s.first_hi;
	}
	free(v);
	return e;
}
