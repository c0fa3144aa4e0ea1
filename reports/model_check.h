/* `s2bench model-check`: the cost model (cost_model.h) against measured time (docs/model.md,
 * "Validation"). Exact counts come from one result directory (an -icount run on qemu-virt), the
 * measured time per reboot from another (the same suite on the board the profile was calibrated
 * on); runs are paired by configuration, strategy and repetition, boots by index. */
#ifndef S2B_REPORTS_MODEL_CHECK_H
#define S2B_REPORTS_MODEL_CHECK_H

#include "cost_model.h"
#include "results.h"

#include <stdio.h>

/* The version of the table model-check writes: docs/model.md's generated region names it, and
 * tests/integration/docs-model.sh checks that the doc was written by this version. */
#define MODEL_CHECK_FORMAT 2 /* 2: the constants table has each one's path length */

/* One strategy × configuration: medians over its paired warm boots (idx >= 1, check not fail). */
struct mc_cell {
	const struct run *config; /* a measured run of the cell: its configuration */
	const char *strategy;
	size_t boots;                      /* paired warm boots */
	double lo_ns, mid_ns, hi_ns;       /* predicted: the median of each bound over the boots */
	double measured_ns;                /* median reboot time (reboot_cycles by the profile's clock) */
	double error;                      /* (mid − measured) / measured: model_error() */
	double term_ns[CT_NTERMS];         /* median of each term (NAN when not priced) */
	int constant[CT_NTERMS];           /* the profile constant pricing each term (cost_interval) */
	double reinit_pred_ns, reinit_ns;  /* the re-init alone: its predicted terms, and measured */
	double implied_inst_ns;            /* what `inst` would have to be for the cell to be exact */
	unsigned missing;                  /* terms some boot could not price (cost_interval.missing) */
	unsigned counted;                  /* bit t: term t had a count > 0 in some boot */
};

struct mc_table {
	const struct results *measured;
	struct mc_cell *cells; /* sorted by strategy (canonical order), then configuration */
	size_t ncells;
	size_t unpaired;   /* measured runs with no counts run of the same config, strategy, rep */
	int have_loaded;   /* the counts had a reinit_lines_loaded column */
};

/* Pairs COUNTS (its runs on COUNTS_BOARD, or NULL: on whichever one board holds a configuration)
 * and MEASURED and predicts each boot on P, with the path lengths of PATHS (NULL: P's). 0, or -1 with a one-line ERR (a directory without
 * reboot_insts / reboot_cycles, a profile without a clock, a configuration on two boards of COUNTS
 * and no COUNTS_BOARD, no pair at all). */
int model_check_build(const struct results *counts, const char *counts_board,
		      const struct results *measured, const struct profile *p, const struct profile *paths,
		      struct mc_table *t, char *err, size_t errlen);
void model_check_free(struct mc_table *t);

/* (predicted − measured) / measured; NAN when measured is not a positive number. */
double model_error(double predicted, double measured);

/* One strategy's summary over its cells. */
struct mc_summary {
	size_t cells, within;  /* cells, and those with |error| <= MODEL_TARGET */
	double median_abs_error, median_residual_ns; /* median |error|; median measured − predicted */
	double median_reinit_abs_error; /* the re-init alone (cells that re-initialise), or NAN */
	double median_implied_inst_ns;  /* median of the cells' implied_inst_ns, or NAN */
};
#define MODEL_TARGET 0.25 /* issue 16: median absolute error at most 25 % */

/* Summarises the N cells of CELLS whose strategy is STRATEGY. */
void model_summary(const struct mc_cell *cells, size_t n, const char *strategy, struct mc_summary *s);

/* The generated Markdown section (docs/model.md, "Validation under QEMU TCG"), naming PATHS when
 * the path lengths came from it (NULL: from P); with SUMMARY, up to the per-strategy table only. */
void model_check_markdown(FILE *f, const struct mc_table *t, const struct profile *p,
			  const struct profile *paths, const char *counts_dir, const char *measured_dir,
			  int summary);

/* The first line of that section, which names the format, the terms and the profile constants
 * the model reads: `--describe` prints it, so a stale doc can be told from a fresh one. */
void model_check_describe(FILE *f);
/* The header rows of its three tables, unpadded ("| strategy | configurations | ... |"). */
void model_check_headers(FILE *f);

int s2b_cmd_model_check(int argc, char **argv);

#endif
