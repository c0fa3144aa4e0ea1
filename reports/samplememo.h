/* Results of a deterministic computation on one or two samples, remembered by the samples'
 * exact contents: a report asks for the same cell's bootstrap in several places (summary.csv,
 * markdown, HTML, figures, tables), and each costs thousands of resamples. */
#ifndef S2B_REPORTS_SAMPLEMEMO_H
#define S2B_REPORTS_SAMPLEMEMO_H

#include <stddef.h>

#define MEMO_VALUES 4 /* a bootstrap's point, CI bounds and resample count */

/* KIND tells computations apart; B may be NULL (nb 0). Returns 1 and fills OUT if remembered. */
int memo_get(int kind, const double *a, size_t na, const double *b, size_t nb,
	     double out[MEMO_VALUES]);
/* Remembers OUT for these samples (copied); out of memory just forgets. */
void memo_put(int kind, const double *a, size_t na, const double *b, size_t nb,
	      const double out[MEMO_VALUES]);

#endif
