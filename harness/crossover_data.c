/* See crossover_data.h. */
#include "crossover_data.h"

#include "../reports/measure.h"

#include <stdio.h>
#include <string.h>

static const struct run *find_run(const struct results *r, const char *id)
{
	for (size_t i = 0; i < r->nruns; i++)
		if (!strcmp(r->runs[i].run_id, id))
			return &r->runs[i];
	return NULL;
}

int window_cost(const struct results *r, const char *id, struct boot_window w, double *cost,
		char *err, size_t errlen)
{
	const struct run *run = find_run(r, id);
	double sum = 0;
	unsigned n = 0;

	if (!run || !run_measured(run)) {
		snprintf(err, errlen, "run %s: %s", id, run ? run->status : "not in runs.csv");
		return -1;
	}
	for (size_t i = run->first_boot; i < run->first_boot + run->nboots; i++) {
		const struct boot *b = &r->boots[i];
		double c = measure_of(b, M_COST);
		if (b->idx < w.from || b->idx > w.to)
			continue;
		if (is_absent(c)) {
			snprintf(err, errlen, "run %s: boot %.0f has no cost", id, b->idx);
			return -1;
		}
		sum += c;
		n++;
	}
	if (n != w.to - w.from + 1) {
		snprintf(err, errlen, "run %s: %u of boots %u..%u recorded", id, n, w.from, w.to);
		return -1;
	}
	*cost = sum / n;
	return 0;
}

size_t window_obs(const struct results *r, const char *id, struct boot_window w, double x,
		  struct model_obs *obs)
{
	const struct run *run = find_run(r, id);
	size_t n = 0;

	if (!run || !run_measured(run))
		return 0;
	for (size_t i = run->first_boot; i < run->first_boot + run->nboots; i++) {
		const struct boot *b = &r->boots[i];
		struct model_obs o = { x, measure_of(b, M_COST),
				       { b->v[BF_FAULTS], measure_of(b, M_LINES),
					 measure_of(b, M_READY) - b->v[BF_FAULT_CYCLES] } };
		if (b->idx < w.from || b->idx > w.to || is_absent(o.cost) || is_absent(o.reg[0]) ||
		    is_absent(o.reg[1]) || is_absent(o.reg[2]))
			continue;
		obs[n++] = o;
	}
	return n;
}
