/* Suite → runs: every point of every matrix for every repetition, then identical points (same
 * run id) merged, keeping the first; sorting makes that O(n log n) (suite.h bounds n). */
#include "matrix.h"

#include "catalog.h"

#include <stdlib.h>
#include <string.h>

/* Appends every point of M for repetition REP (an odometer over the keys, last key fastest). */
static size_t expand_one(const struct suite *s, const struct suite_matrix *m, unsigned rep,
			 const struct run_config *defaults, struct planned_run *runs, size_t n)
{
	size_t idx[SUITE_MAX_KEYS] = { 0 };

	for (;;) {
		struct planned_run *r = &runs[n++];
		char why[128];

		r->cfg = *defaults;
		for (size_t k = 0; k < run_key_count; k++) {
			const struct suite_dim *d = suite_dim_of(s, m, k);
			if (d->n) /* checked when the suite was read */
				run_key_apply(&run_keys[k], d->values[idx[k]], &r->cfg, why, sizeof(why));
		}
		r->suite_seed = r->cfg.seed;
		run_config_set_rep(&r->cfg, r->suite_seed, rep);
		run_config_id(&r->cfg, r->run_id);
		run_config_bootargs(&r->cfg, r->bootargs, sizeof(r->bootargs));
		size_t k = run_key_count;
		while (k-- > 0) {
			const struct suite_dim *d = suite_dim_of(s, m, k);
			if (d->n && ++idx[k] < (size_t)d->n)
				break;
			idx[k] = 0;
		}
		if (k == (size_t)-1)
			return n;
	}
}

static const struct planned_run *sort_base;

/* By run id, then by position: the first of equal ids is the one kept. */
static int by_id_then_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_base[i].run_id, sort_base[j].run_id);
	return c ? c : (i > j) - (i < j);
}

/* Drops every run whose id an earlier run has; keeps the order. */
static size_t merge_identical(struct planned_run *runs, size_t n)
{
	size_t *order = malloc(n * sizeof(*order));
	unsigned char *drop = calloc(n, 1);
	size_t kept = 0;

	if (!order || !drop)
		abort(); /* n is at most SUITE_MAX_RUNS: a few hundred KiB */
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_base = runs;
	qsort(order, n, sizeof(*order), by_id_then_index);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(runs[order[i]].run_id, runs[order[i - 1]].run_id))
			drop[order[i]] = 1;
	for (size_t i = 0; i < n; i++)
		if (!drop[i])
			runs[kept++] = runs[i];
	free(order);
	free(drop);
	return kept;
}

size_t matrix_expand(const struct suite *s, struct planned_run **runs)
{
	int nm;
	const struct suite_matrix *ms = suite_matrices(s, &nm);
	unsigned max_reps = 1;
	struct run_config defaults;
	size_t n = 0;

	*runs = NULL;
	if (!s->nruns || s->nruns > SUITE_MAX_RUNS) /* not from suite_parse: nothing to trust */
		return 0;
	*runs = malloc((size_t)s->nruns * sizeof(**runs));
	if (!*runs)
		abort();
	run_config_defaults(&defaults);
	for (int i = 0; i < nm; i++)
		max_reps = suite_reps_of(s, &ms[i]) > max_reps ? suite_reps_of(s, &ms[i]) : max_reps;
	for (unsigned rep = 0; rep < max_reps; rep++)
		for (int i = 0; i < nm; i++)
			if (rep < suite_reps_of(s, &ms[i]))
				n = expand_one(s, &ms[i], rep, &defaults, *runs, n);
	return merge_identical(*runs, n);
}
