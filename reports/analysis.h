/* Everything a report says, computed once from a result directory: the grouped data, the two
 * sweeps (guest RAM size, touched fraction), the crossovers and the rendered figures. The HTML
 * page, the Markdown summary and the conclusion only read this. */
#ifndef S2B_REPORTS_ANALYSIS_H
#define S2B_REPORTS_ANALYSIS_H

#include "crossover.h"
#include "dataset.h"
#include "results.h"
#include "sweep.h"

enum figure_id { FIG_COST_MEM, FIG_COST_PREMAP, FIG_COST_FRAC, FIG_COST_BOOT, FIG_FAULTS_FRAC,
		 FIG_LINES_FRAC, FIG_READY, FIG_FAULT_CDF, FIG_COST_VCPUS, FIG_KVM_VCPUS, NFIGURES };

struct figure {
	const char *name;  /* charts/NAME.svg and .png */
	const char *title;
	char caption[1024];
	int rendered;      /* 0: not enough data (caption says why) */
	int optional;      /* left out of the page, not listed as not drawn, when not rendered */
};

struct predictions;

#define MAX_CROSSOVERS 2
#define MAX_BOARDS 8

/* What one board's data says: every board gets its own answer. */
struct board_part {
	const char *board;
	struct sweep mem, frac, vcpus;
	int have_mem, have_frac, have_vcpus;
	struct crossover xo[MAX_CROSSOVERS]; /* lazy vs clean, unmap vs clean (where measured) */
	size_t nxo;
};

struct analysis {
	struct results r;
	struct dataset d;
	struct board_part part[MAX_BOARDS]; /* part[0]: the board with the most measured cells */
	size_t nparts;
	struct sweep premap; /* guest RAM with map=premap (on part[0]'s board) */
	int have_premap;
	int qemu;          /* some s2hv run is on QEMU: costs are instruction counts */
	const char *unit;  /* "instructions" or "cycles"; KVM-only data: wall-clock */
	struct figure fig[NFIGURES];
	const struct predictions *pred; /* --profile: the model's predictions (predict.h); or NULL */
};

/* Loads DIR and computes everything but the figures. 0, or -1 + ERR. */
int analysis_run(const char *dir, struct analysis *a, char *err, size_t errlen);
/* Renders the figures into CHARTS_DIR (gnuplot). 0, or -1 + ERR. */
int figures_render(struct analysis *a, const char *charts_dir, char *err, size_t errlen);
/* s2vmm's times against vCPU count (kvm_figure.c); optional: drawn only for KVM hosts. */
int kvm_vcpus_figure(struct analysis *a, const char *charts_dir, char *err, size_t errlen);
void analysis_free(struct analysis *a);

/* The crossover the report's charts mark: part[0]'s first one found, else its first; NULL. */
const struct crossover *primary_crossover(const struct analysis *a);
/* How many boards have measured cells (more than one: answers are per board). */
#define MULTI_BOARD(a) ((a)->nparts > 1)

#endif
