/* A one-dimensional slice of the matrix: every strategy along one config dimension (mem or
 * frac) with all other dimensions held at one context. Charts, tables and the conclusion use it. */
#ifndef S2B_REPORTS_SWEEP_H
#define S2B_REPORTS_SWEEP_H

#include "dataset.h"
#include "fmt.h"

struct sweep {
	enum cfg_dim dim;
	const struct run *context; /* a run whose other dimensions define the slice */
	size_t nx;
	double *x;              /* ascending values of dim */
	size_t ns;              /* = dataset strategies */
	const char **strategies;
	struct group **cell;    /* cell[xi * ns + si], NULL where not measured */
};

/* Picks the context with the most distinct values of DIM (then most strategies, then most
 * groups) among the groups whose dimension k is WANT[k] wherever WANT[k] is not NULL (WANT
 * itself may be NULL). Returns 0, or -1 when no context has two values (nothing to sweep). */
int sweep_pick(const struct dataset *d, enum cfg_dim dim, const char *const *want,
	       struct sweep *s);
void sweep_free(struct sweep *s);
struct group *sweep_cell(const struct sweep *s, size_t xi, size_t si);
/* Index of STRATEGY in s->strategies, or -1. */
int sweep_strategy(const struct sweep *s, const char *strategy);
/* "guest=touch block=4k frac=50": the context's dimensions that vary in the data set. */
void describe_context(const struct dataset *d, const struct run *c, enum cfg_dim except,
		      struct strbuf *out);

#endif
