/* The calibration program's statistics: quartiles of a few samples, and when to stop sampling. */
#ifndef S2_CALIB_STATS_H
#define S2_CALIB_STATS_H

#include "types.h"

#define CALIB_MAX_SAMPLES 32

/* Sorts V[0..N) (N >= 1) and gives its median, first and third quartile by nearest rank: the
 * sorted samples at (n-1)/2, (n-1)/4 and 3(n-1)/4. */
void calib_quartiles(u64 *v, unsigned n, u64 out[3]);

/*
 * Whether another sample is due: fewer than MIN so far, or, below CALIB_MAX_SAMPLES, a spread not
 * yet known well enough — an interquartile range wider than 1/16 of the median.
 */
bool calib_sample_more(const u64 *v, unsigned n, unsigned min);

#endif
