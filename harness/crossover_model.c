/* See crossover_model.h. */
#include "crossover_model.h"

#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* STRATEGY's model from its runs among RUNS: the window's boots. */
static int fit_model(const struct crossover_span *c, const struct results *r,
		     const struct probed_run *runs, size_t n, const char *strategy,
		     struct cost_model *m)
{
	struct model_obs *obs = malloc((r->nboots + 1) * sizeof(*obs));
	size_t nobs = 0;
	char err[256];
	int rc;

	if (!obs)
		return cli_error("out of memory");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(runs[i].strategy, strategy))
			nobs += window_obs(r, runs[i].id, c->window, runs[i].x, obs + nobs);
	rc = cost_model_fit(m, obs, nobs, err, sizeof(err));
	if (rc)
		cli_error("model of %s: %s", strategy, err);
	free(obs);
	return rc;
}

static void print_model(const char *strategy, const struct cost_model *m)
{
	printf("model %s: cost = %.6g", strategy, m->intercept);
	for (int j = 0; j < NMODEL_REGS; j++)
		if (m->used[j])
			printf(" %+.6g*%s", m->coef[j], model_reg_name[j]);
	printf("; R^2 = %.6f, rmse %.4g over %zu boots", m->fit.r2, m->fit.rmse, m->fit.n);
	for (int j = 0; j < NMODEL_REGS; j++)
		if (!m->used[j])
			printf("; %s dropped (%s)", model_reg_name[j], m->why[j]);
	printf("\n");
}

int crossover_model_report(const struct crossover_span *c, const struct probed_run *runs, size_t n)
{
	struct results r;
	struct cost_model ma, mb;
	struct model_crossover mx;
	char err[1024];

	if (results_load(c->out, &r, err, sizeof(err)))
		return cli_error("%s", err);
	if (fit_model(c, &r, runs, n, c->a, &ma)) {
		results_free(&r);
		return 1;
	}
	if (fit_model(c, &r, runs, n, c->b, &mb)) {
		cost_model_free(&ma);
		results_free(&r);
		return 1;
	}
	results_free(&r);
	print_model(c->a, &ma);
	print_model(c->b, &mb);
	model_crossover(&ma, &mb, c->lo, c->hi, &mx);
	if (!mx.found) {
		printf("model crossover: none in [%g, %g]\n", c->lo, c->hi);
	} else {
		double off = mx.x < c->blo ? c->blo - mx.x : mx.x > c->bhi ? mx.x - c->bhi : 0;
		printf("model crossover: %s = %.2f +- %.2f (1 standard error); %s the bisection's bracket "
		       "[%g, %g] (off by %.2f; agreement: within 2 standard errors)\n",
		       c->param, mx.x, mx.uncertainty,
		       off <= 2 * mx.uncertainty ? "agrees with" : "DISAGREES with", c->blo, c->bhi, off);
	}
	cost_model_free(&ma);
	cost_model_free(&mb);
	return 0;
}
