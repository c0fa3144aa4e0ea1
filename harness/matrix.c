#include "matrix.h"

#include "catalog.h"

#include <stdlib.h>
#include <string.h>

/* The values of key K for matrix M: its own, else the suite's top level, else the default. */
static const struct suite_dim *dim_of(const struct suite *s, const struct suite_matrix *m, size_t k)
{
	static const struct suite_dim none = { NULL, 0 };
	if (m->dim[k].values)
		return &m->dim[k];
	if (s->top.dim[k].values)
		return &s->top.dim[k];
	return &none;
}

static int seen(const struct planned_run *runs, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++) /* suites are hundreds of runs: linear is fine */
		if (strcmp(runs[i].run_id, id) == 0)
			return 1;
	return 0;
}

/* Appends every point of M for repetition REP (an odometer over the keys). */
static size_t expand_one(const struct suite *s, const struct suite_matrix *m, unsigned rep,
			 struct planned_run **runs, size_t n, size_t *cap)
{
	size_t idx[SUITE_MAX_KEYS] = { 0 };

	for (;;) {
		struct planned_run r;
		const char *why;

		run_config_defaults(&r.cfg);
		for (size_t k = 0; k < run_key_count; k++) {
			const struct suite_dim *d = dim_of(s, m, k);
			if (d->n)
				run_key_apply(&run_keys[k], d->values[idx[k]], &r.cfg, &why);
		}
		r.cfg.rep = rep;
		run_config_id(&r.cfg, r.run_id);
		run_config_bootargs(&r.cfg, r.bootargs, sizeof(r.bootargs));
		if (!seen(*runs, n, r.run_id)) {
			if (n == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*runs = realloc(*runs, *cap * sizeof(**runs));
			}
			(*runs)[n++] = r;
		}
		size_t k = run_key_count; /* advance the last key fastest */
		while (k-- > 0) {
			const struct suite_dim *d = dim_of(s, m, k);
			if (d->n && ++idx[k] < (size_t)d->n)
				break;
			idx[k] = 0;
		}
		if (k == (size_t)-1)
			return n;
	}
}

size_t matrix_expand(const struct suite *s, struct planned_run **runs)
{
	const struct suite_matrix *ms = s->nmatrices ? s->matrices : &s->top;
	int nm = s->nmatrices ? s->nmatrices : 1;
	unsigned max_reps = 1;
	size_t n = 0, cap = 0;

	*runs = NULL;
	for (int i = 0; i < nm; i++) {
		unsigned r = ms[i].reps ? ms[i].reps : s->top.reps ? s->top.reps : 1;
		max_reps = r > max_reps ? r : max_reps;
	}
	for (unsigned rep = 0; rep < max_reps; rep++)
		for (int i = 0; i < nm; i++) {
			unsigned r = ms[i].reps ? ms[i].reps : s->top.reps ? s->top.reps : 1;
			if (rep < r)
				n = expand_one(s, &ms[i], rep, runs, n, &cap);
		}
	return n;
}
