/* Grouping runs into (config, strategy) cells of samples. */
#include "dataset.h"

#include "palette.h"
#include "replicates.h"

#include <stdlib.h>
#include <string.h>

int same_config(const struct run *a, const struct run *b, enum cfg_dim except)
{
	for (int k = 0; k < NDIMS; k++)
		if (k != (int)except && strcmp(a->dim[k], b->dim[k]) != 0)
			return 0;
	return 1;
}

/* Orders configs so tables read naturally: numeric dims numerically, the rest alphabetically. */
int config_cmp(const struct run *a, const struct run *b)
{
	for (int k = 0; k < NDIMS; k++) {
		int c;
		if (k == DIM_MEM)
			c = (a->mem > b->mem) - (a->mem < b->mem);
		else if (k == DIM_FRAC)
			c = (a->frac > b->frac) - (a->frac < b->frac);
		else
			c = strcmp(a->dim[k], b->dim[k]);
		if (c)
			return c;
	}
	return 0;
}

static int cmp_strategy(const char *a, const char *b)
{
	int ra = strategy_rank(a), rb = strategy_rank(b);
	return ra != rb ? ra - rb : strcmp(a, b);
}

static int cmp_group(const void *x, const void *y)
{
	const struct group *a = x, *b = y;
	int c = config_cmp(a->config, b->config);
	return c ? c : cmp_strategy(a->strategy, b->strategy);
}

static int cmp_name(const void *x, const void *y)
{
	return cmp_strategy(*(const char *const *)x, *(const char *const *)y);
}

static void add_name(const char ***list, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], name) == 0)
			return;
	*list = realloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = name;
}

/* P (holding N elements of SIZE bytes) made room for WANT: capacities are powers of two, so a
 * cell of many runs is grown log(runs) times, not once per run (which copied it each time). */
static void *reserve(void *p, size_t n, size_t want, size_t size)
{
	size_t cap = 1, need = 1;
	while (cap < n)
		cap <<= 1;
	if (p && want <= cap)
		return p;
	while (need < want)
		need <<= 1;
	void *q = realloc(p, need * size);
	if (!q)
		abort();
	return q;
}

static void add_boot_samples(struct group *g, const struct boot *b)
{
	g->warm_boots++;
	if (strcmp(b->check, "fail") == 0)
		g->failed_checks++;
	for (int m = 0; m < NMEASURES; m++) {
		double v = measure_of(b, (enum measure)m);
		if (!is_absent(v))
			g->x[m][g->n[m]++] = v;
	}
}

void dataset_build(struct results *r, struct dataset *d)
{
	memset(d, 0, sizeof(*d));
	d->r = r;
	d->g = calloc(r->nruns + 1, sizeof(*d->g));
	for (size_t i = 0; i < r->nruns; i++) {
		const struct run *u = &r->runs[i];
		add_name(&d->seen, &d->nseen, u->strategy);
		if (!run_measured(u))
			continue;
		struct group *g = dataset_find(d, u, u->strategy);
		if (!g) {
			g = &d->g[d->ng++];
			g->r = r, g->config = u, g->strategy = u->strategy;
			add_name(&d->strategies, &d->ns, u->strategy);
		}
		g->runs = reserve(g->runs, g->nruns, g->nruns + 1, sizeof(*g->runs));
		g->runs[g->nruns++] = u;
		for (int m = 0; m < NMEASURES; m++)
			g->x[m] = reserve(g->x[m], g->n[m], g->n[m] + u->nboots + 1, sizeof(double));
		for (size_t k = 0; k < u->nboots; k++) {
			const struct boot *b = &r->boots[u->first_boot + k];
			if (b->idx >= 1) /* boot 0 is the cold boot: no reinit happened */
				add_boot_samples(g, b);
		}
	}
	qsort(d->g, d->ng, sizeof(*d->g), cmp_group);
	qsort(d->strategies, d->ns, sizeof(*d->strategies), cmp_name);
	qsort(d->seen, d->nseen, sizeof(*d->seen), cmp_name);
}

void dataset_free(struct dataset *d)
{
	for (size_t i = 0; i < d->ng; i++)
		for (int m = 0; m < NMEASURES; m++)
			free(d->g[i].x[m]);
	for (size_t i = 0; i < d->ng; i++)
		free(d->g[i].runs);
	free(d->g);
	free(d->strategies);
	free(d->seen);
	memset(d, 0, sizeof(*d));
}

struct group *dataset_find(const struct dataset *d, const struct run *c, const char *strategy)
{
	for (size_t i = 0; i < d->ng; i++)
		if (strcmp(d->g[i].strategy, strategy) == 0 && same_config(d->g[i].config, c, NDIMS))
			return &d->g[i];
	return NULL;
}

size_t distinct_values(const struct results *r, enum cfg_dim dim)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nruns; i++) {
		size_t j = 0;
		while (j < i && strcmp(r->runs[j].dim[dim], r->runs[i].dim[dim]) != 0)
			j++;
		n += j == i;
	}
	return n;
}

const struct estimate *group_estimate(struct group *g, enum measure m)
{
	if (!g->est_done[m]) {
		g->est[m] = replicate_estimate(g, m);
		g->est_done[m] = 1;
	}
	return &g->est[m];
}
