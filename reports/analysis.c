/* Building the analysis of one result directory. */
#include "analysis.h"

#include <stdio.h>
#include <string.h>

int analysis_run(const char *dir, struct analysis *a, char *err, size_t errlen)
{
	memset(a, 0, sizeof(*a));
	if (results_load(dir, &a->r, err, errlen))
		return -1;
	if (a->r.nruns == 0) {
		if (a->r.nunusable)
			snprintf(err, errlen, "%s/runs.csv: no usable runs (%zu without a configuration)",
				 dir, a->r.nunusable);
		else
			snprintf(err, errlen, "%s/runs.csv: no runs", dir);
		results_free(&a->r);
		return -1;
	}
	dataset_build(&a->r, &a->d);
	for (size_t i = 0; i < a->r.nruns; i++)
		a->qemu |= run_on_qemu(&a->r.runs[i]);
	a->unit = a->qemu ? "instructions" : "cycles";
	a->have_mem = sweep_pick(&a->d, DIM_MEM, &a->mem) == 0;
	a->have_frac = sweep_pick(&a->d, DIM_FRAC, &a->frac) == 0;
	/* The seed question: fault-time cleaning (lazy, and KVM's unmap) against an eager pass. */
	static const char *const fault_time[] = { "lazy", "unmap" };
	for (int i = 0; i < 2 && a->have_frac; i++)
		if (crossover_find(&a->frac, fault_time[i], "clean", M_COST, &a->xo[a->nxo]) == 0)
			a->nxo++;
	return 0;
}

void analysis_free(struct analysis *a)
{
	sweep_free(&a->mem);
	sweep_free(&a->frac);
	dataset_free(&a->d);
	results_free(&a->r);
	memset(a, 0, sizeof(*a));
}

const struct crossover *primary_crossover(const struct analysis *a)
{
	for (size_t i = 0; i < a->nxo; i++)
		if (a->xo[i].found)
			return &a->xo[i];
	return a->nxo ? &a->xo[0] : NULL;
}
