/* Suite → runs, walked point by point (see matrix.h). */
#include "matrix.h"

#include "catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void matrix_iter_start(struct matrix_iter *it, const struct suite *s, const char *board)
{
	memset(it, 0, sizeof(*it));
	it->s = s, it->board = board;
	it->ms = suite_matrices(s, &it->nm);
	it->max_reps = 1;
	for (int i = 0; i < it->nm; i++)
		if (suite_reps_of(s, &it->ms[i]) > it->max_reps)
			it->max_reps = suite_reps_of(s, &it->ms[i]);
	run_config_defaults(&it->defaults);
	it->done = !s->nruns || it->nm == 0; /* not from suite_parse: nothing to walk */
}

/* The point idx of matrix mi, repetition rep, into *R. */
static void make_point(const struct matrix_iter *it, struct planned_run *r)
{
	const struct suite_matrix *m = &it->ms[it->mi];
	char why[128];

	r->cfg = it->defaults;
	for (size_t k = 0; k < run_key_count; k++) {
		const struct suite_dim *d = suite_dim_of(it->s, m, k);
		if (d->n) /* checked when the suite was read */
			run_key_apply(&run_keys[k], d->values[it->idx[k]], &r->cfg, why, sizeof(why));
	}
	if (it->board)
		snprintf(r->cfg.board, sizeof(r->cfg.board), "%s", it->board);
	r->suite_seed = r->cfg.seed;
	run_config_set_rep(&r->cfg, r->suite_seed, it->rep);
	run_config_id(&r->cfg, r->run_id);
	run_config_bootargs(&r->cfg, r->bootargs, sizeof(r->bootargs));
}

/* Moves to the next point: the odometer of matrix mi, then the next matrix with this many reps,
 * then the next repetition. */
static void advance(struct matrix_iter *it)
{
	size_t k = run_key_count;
	while (k-- > 0) {
		const struct suite_dim *d = suite_dim_of(it->s, &it->ms[it->mi], k);
		if (d->n && ++it->idx[k] < (size_t)d->n)
			return;
		it->idx[k] = 0;
	}
	do {
		if (++it->mi == it->nm) {
			it->mi = 0;
			if (++it->rep == it->max_reps) {
				it->done = 1;
				return;
			}
		}
	} while (it->rep >= suite_reps_of(it->s, &it->ms[it->mi]));
}

int matrix_iter_next(struct matrix_iter *it, struct planned_run *run)
{
	while (!it->done) {
		make_point(it, run);
		advance(it);
		if (!id_set_has_id(&it->seen, run->run_id)) {
			id_set_add_id(&it->seen, run->run_id);
			return 1;
		}
	}
	return 0;
}

void matrix_iter_end(struct matrix_iter *it)
{
	id_set_free(&it->seen);
	memset(it, 0, sizeof(*it));
}

size_t matrix_expand(const struct suite *s, struct planned_run **runs)
{
	struct matrix_iter it;
	size_t n = 0, cap = 0;

	*runs = NULL;
	matrix_iter_start(&it, s, NULL);
	for (struct planned_run r; matrix_iter_next(&it, &r); (*runs)[n++] = r)
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			if (!(*runs = realloc(*runs, cap * sizeof(**runs))))
				abort();
		}
	matrix_iter_end(&it);
	return n;
}
