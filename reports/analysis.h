/* Everything a report says, computed once from a result directory: the grouped data, the two
 * sweeps (guest RAM size, touched fraction), the crossovers and the rendered figures. The HTML
 * page, the Markdown summary and the conclusion only read this. */
#ifndef S2B_REPORTS_ANALYSIS_H
#define S2B_REPORTS_ANALYSIS_H

#include "crossover.h"
#include "dataset.h"
#include "results.h"
#include "sweep.h"

enum figure_id { FIG_COST_MEM, FIG_COST_FRAC, FIG_FAULTS_FRAC, FIG_LINES_FRAC, FIG_READY,
		 FIG_FAULT_CDF, NFIGURES };

struct figure {
	const char *name;  /* charts/NAME.svg and .png */
	const char *title;
	char caption[640];
	int rendered;      /* 0: not enough data (caption says why) */
};

#define MAX_CROSSOVERS 2

struct analysis {
	struct results r;
	struct dataset d;
	struct sweep mem, frac;
	int have_mem, have_frac;
	struct crossover xo[MAX_CROSSOVERS]; /* lazy vs clean, unmap vs clean (where measured) */
	size_t nxo;
	int qemu;          /* some run is on QEMU: costs are instruction counts */
	const char *unit;  /* "instructions" or "cycles" */
	struct figure fig[NFIGURES];
};

/* Loads DIR and computes everything but the figures. 0, or -1 + ERR. */
int analysis_run(const char *dir, struct analysis *a, char *err, size_t errlen);
/* Renders the figures into CHARTS_DIR (gnuplot). 0, or -1 + ERR. */
int figures_render(struct analysis *a, const char *charts_dir, char *err, size_t errlen);
void analysis_free(struct analysis *a);

/* The crossover the report leads with: the first one found, else the first computed; NULL. */
const struct crossover *primary_crossover(const struct analysis *a);

#endif
