/* Percentile bootstrap with a seeded PRNG, so a report is byte-for-byte reproducible. */
#ifndef S2B_REPORTS_BOOTSTRAP_H
#define S2B_REPORTS_BOOTSTRAP_H

#include "stats.h"

#include <stdint.h>

/* The resample count B is chosen for the precision of the interval (docs/reports.md): first
 * BOOTSTRAP_FIRST resamples, then B is doubled until the Monte-Carlo error of each 95% bound (half
 * the width of its own 95% interval over the B resampled values) is at most BOOTSTRAP_MC_FRACTION of
 * the CI's width, or B reaches BOOTSTRAP_MAX. The draws are one seeded stream, so the same data
 * always stop at the same B: the report stays byte-for-byte reproducible. */
#define BOOTSTRAP_FIRST 1000
#define BOOTSTRAP_MAX 16000
#define BOOTSTRAP_MC_FRACTION 0.05
#define BOOTSTRAP_SEED 0x5eed2b2bULL

/* splitmix64: tiny, well-distributed, and identical on every host. */
struct rng {
	uint64_t s;
};
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
size_t rng_below(struct rng *r, size_t n); /* uniform in [0, n) */

/* Fills OUT (n values) with a resample of X drawn with replacement. */
void resample(struct rng *r, const double *x, size_t n, double *out);

/* The smallest and largest B of the intervals computed since bootstrap_tally_reset() (remembered
 * results count again); 0 when there were none. What a report states as the B it used. */
void bootstrap_tally_reset(void);
int bootstrap_tally(size_t *min, size_t *max);
/* One sentence for a report: the rule, and the B its intervals used (the tally). */
void bootstrap_statement(char *buf, size_t len);

/* Median of X with a 95% percentile-bootstrap CI. */
struct estimate bootstrap_median(const double *x, size_t n);
/* Ratio median(A)/median(B) with a 95% bootstrap CI (A and B resampled independently).
 * Sets LO and HI to NAN when a resampled median of B is 0. Returns the point ratio. */
double bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb, double *lo,
		       double *hi);

#endif
