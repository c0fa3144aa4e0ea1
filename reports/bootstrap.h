/* Percentile bootstrap with a seeded PRNG, so a report is byte-for-byte reproducible. */
#ifndef S2B_REPORTS_BOOTSTRAP_H
#define S2B_REPORTS_BOOTSTRAP_H

#include "stats.h"

#include <stdint.h>

#define BOOTSTRAP_RESAMPLES 2000
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

/* Median of X with a 95% percentile-bootstrap CI. */
struct estimate bootstrap_median(const double *x, size_t n);
/* Ratio median(A)/median(B) with a 95% bootstrap CI (A and B resampled independently).
 * Sets LO and HI to NAN when a resampled median of B is 0. Returns the point ratio. */
double bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb, double *lo,
		       double *hi);

#endif
