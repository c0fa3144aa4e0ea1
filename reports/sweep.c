/* Choosing and filling a one-dimensional slice of the config matrix. */
#include "sweep.h"

#include <stdlib.h>
#include <string.h>

static double dim_value(const struct run *u, enum cfg_dim dim)
{
	return dim == DIM_MEM ? u->mem : dim == DIM_FRAC ? u->frac : atof(u->dim[dim]);
}

/* Distinct values of DIM among groups sharing CONTEXT (except DIM), into XS (sorted). */
static size_t collect_x(const struct dataset *d, const struct run *context, enum cfg_dim dim,
			double *xs, size_t *nstrat)
{
	size_t nx = 0;
	const char *strat[64];
	size_t ns = 0;
	for (size_t i = 0; i < d->ng; i++) {
		const struct group *g = &d->g[i];
		/* measured: an s2hv cost, or s2vmm's re-init time (KVM has no s2hv cost) */
		if (!same_config(g->config, context, dim) || (!g->n[M_COST] && !g->n[M_KVM_INIT]))
			continue;
		double v = dim_value(g->config, dim);
		size_t j = 0;
		while (j < nx && xs[j] != v)
			j++;
		if (j == nx)
			xs[nx++] = v;
		for (j = 0; j < ns && strcmp(strat[j], g->strategy); j++)
			;
		if (j == ns && ns < 64)
			strat[ns++] = g->strategy;
	}
	/* insertion sort: a handful of values */
	for (size_t i = 1; i < nx; i++)
		for (size_t j = i; j > 0 && xs[j - 1] > xs[j]; j--) {
			double t = xs[j];
			xs[j] = xs[j - 1], xs[j - 1] = t;
		}
	*nstrat = ns;
	return nx;
}

static int wanted(const struct run *u, const char *const *want)
{
	for (int k = 0; want && k < NDIMS; k++)
		if (want[k] && strcmp(u->dim[k], want[k]))
			return 0;
	return 1;
}

int sweep_pick(const struct dataset *d, enum cfg_dim dim, const char *const *want,
	       struct sweep *s)
{
	memset(s, 0, sizeof(*s));
	s->dim = dim;
	double *xs = malloc((d->ng + 1) * sizeof(*xs));
	size_t best_nx = 0, best_ns = 0;
	for (size_t i = 0; i < d->ng; i++) {
		if (!wanted(d->g[i].config, want))
			continue;
		size_t ns, nx = collect_x(d, d->g[i].config, dim, xs, &ns);
		if (nx > best_nx || (nx == best_nx && ns > best_ns))
			best_nx = nx, best_ns = ns, s->context = d->g[i].config;
	}
	if (best_nx < 2) {
		free(xs);
		s->context = NULL;
		return -1;
	}
	size_t ns;
	s->nx = collect_x(d, s->context, dim, xs, &ns);
	s->x = xs;
	s->ns = d->ns, s->strategies = d->strategies;
	s->cell = calloc(s->nx * s->ns, sizeof(*s->cell));
	for (size_t i = 0; i < d->ng; i++) {
		struct group *g = &d->g[i];
		if (!same_config(g->config, s->context, dim))
			continue;
		double v = dim_value(g->config, dim);
		size_t xi = 0;
		while (xi < s->nx && s->x[xi] != v)
			xi++;
		int si = sweep_strategy(s, g->strategy);
		if (xi < s->nx && si >= 0)
			s->cell[xi * s->ns + (size_t)si] = g;
	}
	return 0;
}

void sweep_free(struct sweep *s)
{
	free(s->x);
	free(s->cell);
	memset(s, 0, sizeof(*s));
}

struct group *sweep_cell(const struct sweep *s, size_t xi, size_t si)
{
	return s->cell[xi * s->ns + si];
}

int sweep_strategy(const struct sweep *s, const char *strategy)
{
	for (size_t i = 0; i < s->ns; i++)
		if (strcmp(s->strategies[i], strategy) == 0)
			return (int)i;
	return -1;
}

void describe_context(const struct dataset *d, const struct run *c, enum cfg_dim except,
		      struct strbuf *out)
{
	int first = 1;
	for (int k = 0; k < NDIMS; k++) {
		if (k == (int)except || (k != DIM_GUEST && distinct_values(d->r, (enum cfg_dim)k) < 2))
			continue;
		char mem[32];
		const char *v = k == DIM_MEM ? fmt_mem(c->mem, mem, sizeof(mem)) : c->dim[k];
		sb_printf(out, "%s%s=%s", first ? "" : " ", cfg_dim_name[k], v);
		first = 0;
	}
}
