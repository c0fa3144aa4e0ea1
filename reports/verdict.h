/* Who wins at one point of a sweep: the cheapest strategy that may win (not the negative
 * control, no failed coherence checks) and how it compares with the runner-up. */
#ifndef S2B_REPORTS_VERDICT_H
#define S2B_REPORTS_VERDICT_H

#include "contrast.h"
#include "sweep.h"

struct verdict {
	int best, second;  /* strategy indices in the sweep, -1 if none */
	struct contrast c; /* runner-up / best: how many times more the runner-up costs */
};

/* A strategy that may be declared a winner in group G. */
int may_win(const struct group *g);
/* Among CELLS[0..ns) (NULL: not measured), cells of one config. */
struct verdict verdict_cells(struct group *const *cells, size_t ns, enum measure m);
/* Among the strategies at point XI of sweep S. */
struct verdict verdict_at(const struct sweep *s, size_t xi, enum measure m);

#endif
