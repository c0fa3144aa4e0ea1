/* A cell's runs as what they are: the units of replication. Boots of one run are not
 * independent samples (a strategy that keeps mappings carries state from boot to boot), so a
 * cell's value is summarised per run first, then over runs:
 *   - steady state: a run whose cost shows no trend with the reboot index (series_trends) is
 *     summarised by the median of all its warm boots (boot 0, the cold boot, is never one);
 *   - trend: otherwise the cell has no steady state within a run; it is reported at its last
 *     reboot index K that every run reached (and at reboot 1), never pooled over boots;
 *   - exact: when every run of a cell is bit-identical (icount without randomness, reps that
 *     are copies), the value is exact: no CI, no test over copies. Decided from the data. */
#ifndef S2B_REPORTS_REPLICATES_H
#define S2B_REPORTS_REPLICATES_H

#include "dataset.h"

/* Trend rule: at least 4 points, |Kendall tau_a| between index and value >= TREND_TAU, and
 * the median of the last third differs from that of the first third by >= TREND_CHANGE of
 * the overall median. Noise alone rarely passes both; a mapped set that grows does. */
#define TREND_TAU 0.6
#define TREND_CHANGE 0.05
int series_trends(const double *y, size_t n);

/* Warm-boot series of measure M of run U: Y[k] is reboot k+1 (absent values end it). */
size_t run_series(const struct results *r, const struct run *u, enum measure m, double *y,
		  size_t max);

/* Median over the runs of G of each reboot index 1..K (K: the warm boots every run has) into
 * MED (at least the longest run's boots); returns K. */
size_t replicate_by_index(const struct group *g, enum measure m, double *med);

/* The cell's value over its runs (see above). */
struct estimate replicate_estimate(const struct group *g, enum measure m);
/* One value per run (as replicate_estimate summarises them) into OUT (g->nruns); count. */
size_t replicate_values(const struct group *g, enum measure m, double *out);
/* Every run of G has the same series of M (and there are at least two runs). */
int replicates_identical(const struct group *g, enum measure m);

#endif
