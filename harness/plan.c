/* Walking a plan (see plan.h). */
#include "plan.h"

void plan_walk_start(struct plan_walk *w, const struct plan *p)
{
	w->p = p, w->i = 0;
	if (p->suite)
		matrix_iter_start(&w->it, p->suite, p->board);
}

const struct planned_run *plan_walk_next(struct plan_walk *w)
{
	if (w->p->suite)
		return matrix_iter_next(&w->it, &w->run) ? &w->run : NULL;
	return w->i < w->p->n ? &w->p->runs[w->i++] : NULL;
}

void plan_walk_end(struct plan_walk *w)
{
	if (w->p->suite)
		matrix_iter_end(&w->it);
}
