/* Building the analysis of one result directory. */
#include "analysis.h"

#include "bootstrap.h"

#include <stdio.h>
#include <string.h>

/* Measured cells of BOARD. */
static size_t board_cells(const struct dataset *d, const char *board)
{
	size_t n = 0;
	for (size_t i = 0; i < d->ng; i++)
		n += !strcmp(d->g[i].config->dim[DIM_BOARD], board);
	return n;
}

static void part_analyse(const struct dataset *d, struct board_part *p)
{
	const char *want[NDIMS] = { [DIM_BOARD] = p->board };
	p->have_mem = sweep_pick(d, DIM_MEM, want, &p->mem) == 0;
	p->have_frac = sweep_pick(d, DIM_FRAC, want, &p->frac) == 0;
	p->have_vcpus = sweep_pick(d, DIM_VCPUS, want, &p->vcpus) == 0;
	/* The seed question: fault-time cleaning (lazy, and KVM's unmap) against an eager pass. */
	static const char *const fault_time[] = { "lazy", "unmap" };
	for (int i = 0; i < 2 && p->have_frac; i++)
		if (crossover_find(&p->frac, fault_time[i], "clean", M_COST, &p->xo[p->nxo]) == 0)
			p->nxo++;
}

/* One part per board with measured cells, the one with the most cells first. */
static void boards_analyse(struct analysis *a)
{
	for (size_t i = 0; i < a->d.ng; i++) {
		const char *b = a->d.g[i].config->dim[DIM_BOARD];
		size_t k = 0;
		while (k < a->nparts && strcmp(a->part[k].board, b))
			k++;
		if (k == a->nparts && a->nparts < MAX_BOARDS)
			a->part[a->nparts++].board = b;
	}
	for (size_t i = 1; i < a->nparts; i++)
		for (size_t j = i; j > 0 && board_cells(&a->d, a->part[j].board) >
					       board_cells(&a->d, a->part[j - 1].board); j--) {
			const char *t = a->part[j].board;
			a->part[j].board = a->part[j - 1].board, a->part[j - 1].board = t;
		}
	for (size_t i = 0; i < a->nparts; i++)
		part_analyse(&a->d, &a->part[i]);
}

int analysis_run(const char *dir, struct analysis *a, char *err, size_t errlen)
{
	memset(a, 0, sizeof(*a));
	bootstrap_tally_reset(); /* the B a report states is its own intervals' */
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
	int s2hv = 0; /* s2vmm's runs time in ns and µs, even under QEMU: never instructions */
	for (size_t i = 0; i < a->r.nruns; i++) {
		const struct run *u = &a->r.runs[i];
		s2hv |= !run_is_kvm(u);
		a->qemu |= run_on_qemu(u) && !run_is_kvm(u);
	}
	a->unit = !s2hv ? "wall-clock time (each measure's unit in its column header)"
		  : a->qemu ? "instructions" : "cycles";
	boards_analyse(a);
	/* premapped RAM gets its own chart: eager cleaning then grows with all of RAM */
	const char *want[NDIMS] = { [DIM_MAP] = "premap" };
	want[DIM_BOARD] = a->part[0].board;
	a->have_premap = sweep_pick(&a->d, DIM_MEM, want, &a->premap) == 0;
	return 0;
}

void analysis_free(struct analysis *a)
{
	for (size_t i = 0; i < a->nparts; i++)
		sweep_free(&a->part[i].mem), sweep_free(&a->part[i].frac), sweep_free(&a->part[i].vcpus);
	sweep_free(&a->premap);
	dataset_free(&a->d);
	results_free(&a->r);
	memset(a, 0, sizeof(*a));
}

const struct crossover *primary_crossover(const struct analysis *a)
{
	if (!a->nparts)
		return NULL;
	const struct board_part *p = &a->part[0];
	for (size_t i = 0; i < p->nxo; i++)
		if (p->xo[i].last.found)
			return &p->xo[i];
	return p->nxo ? &p->xo[0] : NULL;
}
