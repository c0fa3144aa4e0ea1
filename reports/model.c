/* Least squares by modified Gram-Schmidt on centred columns (no normal equations: costs of ~1e6
 * against counts of ~1e3 would square the condition number), and the cost model built on it. */
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const model_reg_name[NMODEL_REGS] = { "faults", "lines", "guest_insts" };

/* A column whose centred norm is below this fraction of its size is constant; one whose part
 * orthogonal to the columns before it is below COLLINEAR of its centred norm is collinear. */
#define CONSTANT 1e-12
#define COLLINEAR 1e-9

int lsq_fit(const double *x, const double *y, size_t n, size_t p, const char *const *names,
	    struct lsq_fit *f, char *err, size_t errlen)
{
	double mean[LSQ_MAX_COLS] = { 0 }, r[LSQ_MAX_COLS][LSQ_MAX_COLS] = { { 0 } };
	double z[LSQ_MAX_COLS], my = 0, ssres = 0, sstot = 0;
	double *q, *yr;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if (p > LSQ_MAX_COLS || n < p + 1) {
		snprintf(err, errlen, "%zu observations for %zu coefficients", n, p + 1);
		return -1;
	}
	q = malloc(n * (p + 1) * sizeof(*q));
	if (!q) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	yr = q + n * p;
	for (size_t i = 0; i < n; i++) {
		my += y[i] / (double)n;
		for (size_t j = 0; j < p; j++)
			mean[j] += x[i * p + j] / (double)n;
	}
	for (size_t i = 0; i < n; i++)
		yr[i] = y[i] - my;
	for (size_t j = 0; j < p; j++) {
		double *v = q + j * n, norm0 = 0, norm = 0;
		for (size_t i = 0; i < n; i++) {
			v[i] = x[i * p + j] - mean[j];
			norm0 += v[i] * v[i];
		}
		norm0 = sqrt(norm0);
		if (norm0 <= CONSTANT * fmax(fabs(mean[j]), 1.0) * sqrt((double)n)) {
			snprintf(err, errlen, "singular design: column '%s' is constant", names[j]);
			goto out;
		}
		for (size_t k = 0; k < j; k++) {
			const double *qk = q + k * n;
			double d = 0;
			for (size_t i = 0; i < n; i++)
				d += qk[i] * v[i];
			r[k][j] = d;
			for (size_t i = 0; i < n; i++)
				v[i] -= d * qk[i];
		}
		for (size_t i = 0; i < n; i++)
			norm += v[i] * v[i];
		norm = sqrt(norm);
		if (norm <= COLLINEAR * norm0) {
			snprintf(err, errlen,
				 "singular design: column '%s' is collinear with the intercept and the columns before it",
				 names[j]);
			goto out;
		}
		r[j][j] = norm;
		for (size_t i = 0; i < n; i++)
			v[i] /= norm;
		z[j] = 0;
		for (size_t i = 0; i < n; i++)
			z[j] += v[i] * yr[i];
		for (size_t i = 0; i < n; i++)
			yr[i] -= z[j] * v[i];
	}
	for (size_t j = p; j-- > 0;) { /* R b = z, upper triangular */
		double s = z[j];
		for (size_t k = j + 1; k < p; k++)
			s -= r[j][k] * f->coef[k + 1];
		f->coef[j + 1] = s / r[j][j];
	}
	f->coef[0] = my;
	for (size_t j = 0; j < p; j++)
		f->coef[0] -= f->coef[j + 1] * mean[j];
	f->n = n;
	f->p = p;
	for (size_t i = 0; i < n; i++) {
		double e = y[i] - lsq_predict(f, x + i * p);
		ssres += e * e;
		sstot += (y[i] - my) * (y[i] - my);
	}
	f->r2 = sstot > 0 ? 1 - ssres / sstot : 1;
	f->rmse = n > p + 1 ? sqrt(ssres / (double)(n - p - 1)) : 0;
	rc = 0;
out:
	free(q);
	return rc;
}

double lsq_predict(const struct lsq_fit *f, const double *row)
{
	double v = f->coef[0];

	for (size_t j = 0; j < f->p; j++)
		v += f->coef[j + 1] * row[j];
	return v;
}

/* Fits cost on the regressors flagged in USE (in order); 0 or -1 + ERR as lsq_fit. */
static int fit_subset(const struct model_obs *obs, size_t n, const int *use, struct lsq_fit *f,
		      char *err, size_t errlen)
{
	const char *names[NMODEL_REGS];
	double *x = malloc(n * NMODEL_REGS * sizeof(*x)), *y = malloc(n * sizeof(*y));
	size_t p = 0;
	int rc;

	if (!x || !y) {
		free(x);
		free(y);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int j = 0; j < NMODEL_REGS; j++)
		if (use[j])
			names[p++] = model_reg_name[j];
	for (size_t i = 0; i < n; i++) {
		size_t c = 0;
		y[i] = obs[i].cost;
		for (int j = 0; j < NMODEL_REGS; j++)
			if (use[j])
				x[i * p + c++] = obs[i].reg[j];
	}
	rc = lsq_fit(x, y, n, p, names, f, err, errlen);
	free(x);
	free(y);
	return rc;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The distinct x values and each regressor's mean there. */
static int fill_trends(struct cost_model *m, const struct model_obs *obs, size_t n)
{
	double *count;

	m->xs = malloc(n * sizeof(*m->xs));
	for (int j = 0; j < NMODEL_REGS; j++)
		m->mean[j] = calloc(n, sizeof(double));
	count = calloc(n, sizeof(*count));
	if (!m->xs || !count || !m->mean[0] || !m->mean[1] || !m->mean[2]) {
		free(count);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		m->xs[i] = obs[i].x;
	qsort(m->xs, n, sizeof(*m->xs), by_double);
	m->nx = 0;
	for (size_t i = 0; i < n; i++)
		if (m->nx == 0 || m->xs[m->nx - 1] != m->xs[i])
			m->xs[m->nx++] = m->xs[i];
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (m->xs[k] != obs[i].x)
			k++;
		count[k]++;
		for (int j = 0; j < NMODEL_REGS; j++)
			m->mean[j][k] += obs[i].reg[j];
	}
	for (size_t k = 0; k < m->nx; k++)
		for (int j = 0; j < NMODEL_REGS; j++)
			m->mean[j][k] /= count[k];
	free(count);
	return 0;
}

int cost_model_fit(struct cost_model *m, const struct model_obs *obs, size_t n, char *err,
		   size_t errlen)
{
	char why[160];

	memset(m, 0, sizeof(*m));
	if (n < NMODEL_REGS + 1) {
		snprintf(err, errlen, "%zu warm boots for %d coefficients", n, NMODEL_REGS + 1);
		return -1;
	}
	/* Greedy, in order: a regressor the kept ones (and the intercept) already explain is dropped. */
	for (int j = 0; j < NMODEL_REGS; j++) {
		struct lsq_fit f;
		m->used[j] = 1;
		if (fit_subset(obs, n, m->used, &f, why, sizeof(why)) == 0)
			continue;
		m->used[j] = 0;
		if (strstr(why, "constant")) {
			snprintf(m->why[j], sizeof(m->why[j]), "constant");
		} else {
			size_t len = (size_t)snprintf(m->why[j], sizeof(m->why[j]), "collinear with");
			for (int k = 0; k < j; k++)
				if (m->used[k] && len < sizeof(m->why[j]))
					len += (size_t)snprintf(m->why[j] + len, sizeof(m->why[j]) - len, " %s",
								model_reg_name[k]);
			if (len < sizeof(m->why[j]) && !strcmp(m->why[j], "collinear with"))
				snprintf(m->why[j], sizeof(m->why[j]), "collinear with the intercept");
		}
	}
	if (fit_subset(obs, n, m->used, &m->fit, err, errlen))
		return -1;
	m->intercept = m->fit.coef[0];
	for (int j = 0, c = 1; j < NMODEL_REGS; j++)
		m->coef[j] = m->used[j] ? m->fit.coef[c++] : 0;
	if (fill_trends(m, obs, n)) {
		cost_model_free(m);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void cost_model_free(struct cost_model *m)
{
	free(m->xs);
	for (int j = 0; j < NMODEL_REGS; j++)
		free(m->mean[j]);
	m->xs = NULL;
	memset(m->mean, 0, sizeof(m->mean));
	m->nx = 0;
}

/* Linear interpolation of V over the sorted XS, flat outside them. */
static double interpolate(const double *xs, const double *v, size_t n, double x)
{
	size_t k = 1;

	if (x <= xs[0] || n == 1)
		return v[0];
	if (x >= xs[n - 1])
		return v[n - 1];
	while (xs[k] < x)
		k++;
	return v[k - 1] + (v[k] - v[k - 1]) * (x - xs[k - 1]) / (xs[k] - xs[k - 1]);
}

double cost_model_at(const struct cost_model *m, double x)
{
	double c = m->intercept;

	for (int j = 0; j < NMODEL_REGS; j++)
		if (m->used[j])
			c += m->coef[j] * interpolate(m->xs, m->mean[j], m->nx, x);
	return c;
}

static double difference(const struct cost_model *a, const struct cost_model *b, double x)
{
	return cost_model_at(a, x) - cost_model_at(b, x);
}

void model_crossover(const struct cost_model *a, const struct cost_model *b, double lo, double hi,
		     struct model_crossover *out)
{
	const int steps = 2000;
	double l = lo, h = lo, dl = difference(a, b, lo);

	memset(out, 0, sizeof(*out));
	for (int i = 1; i <= steps && !out->found; i++) {
		h = lo + (hi - lo) * i / steps;
		double dh = difference(a, b, h);
		if ((dl <= 0) != (dh <= 0) || dh == 0)
			out->found = 1;
		else
			l = h, dl = dh;
	}
	if (!out->found)
		return;
	while (h - l > 1e-6 * (hi - lo)) {
		double mid = (l + h) / 2, dm = difference(a, b, mid);
		if ((dm <= 0) == (dl <= 0))
			l = mid, dl = dm;
		else
			h = mid;
	}
	out->x = (l + h) / 2;
	/* The standard error of the mean cost at one x (rmse over the boots measured there), turned
	 * into x through the slope of the difference around the crossing. */
	double eps = (hi - lo) / steps, slope = (difference(a, b, out->x + eps) -
						  difference(a, b, out->x - eps)) / (2 * eps);
	double ma = a->nx ? (double)a->fit.n / (double)a->nx : 1, mb = b->nx ? (double)b->fit.n / (double)b->nx : 1;
	double se = sqrt(a->fit.rmse * a->fit.rmse / ma + b->fit.rmse * b->fit.rmse / mb);
	out->uncertainty = slope != 0 ? se / fabs(slope) : INFINITY;
}
