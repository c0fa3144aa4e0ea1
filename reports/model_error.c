/* How far the cost model is from measured time: the relative error of one cell and a strategy's
 * median absolute error (issue 16's target: at most 25 %). */
#include "model_check.h"

#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double model_error(double predicted, double measured)
{
	if (!isfinite(predicted) || !isfinite(measured) || !(measured > 0))
		return NAN;
	return (predicted - measured) / measured;
}

void model_summary(const struct mc_cell *cells, size_t n, const char *strategy, struct mc_summary *s)
{
	double *err = calloc(n + 1, sizeof(double)), *res = calloc(n + 1, sizeof(double));
	double *rerr = calloc(n + 1, sizeof(double)), *inst = calloc(n + 1, sizeof(double));
	size_t nr = 0, ni = 0;

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		const struct mc_cell *c = &cells[i];
		if (strcmp(c->strategy, strategy) || isnan(c->error))
			continue;
		err[s->cells] = fabs(c->error);
		res[s->cells] = c->measured_ns - c->mid_ns;
		s->within += fabs(c->error) <= MODEL_TARGET;
		s->cells++;
		double re = model_error(c->reinit_pred_ns, c->reinit_ns);
		if (!isnan(re))
			rerr[nr++] = fabs(re);
		if (!isnan(c->implied_inst_ns))
			inst[ni++] = c->implied_inst_ns;
	}
	s->median_abs_error = median(err, s->cells);
	s->median_residual_ns = median(res, s->cells);
	s->median_reinit_abs_error = median(rerr, nr);
	s->median_implied_inst_ns = median(inst, ni);
	free(err), free(res), free(rerr), free(inst);
}
