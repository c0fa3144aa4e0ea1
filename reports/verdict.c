/* Ranking the strategies at one sweep point. */
#include "verdict.h"

#include "palette.h"

int may_win(const struct group *g)
{
	return g && g->failed_checks == 0 && !strategy_look(g->strategy)->control;
}

struct verdict verdict_at(const struct sweep *s, size_t xi, enum measure m)
{
	return verdict_cells(&s->cell[xi * s->ns], s->ns, m);
}

struct verdict verdict_cells(struct group *const *cells, size_t ns, enum measure m)
{
	struct verdict v = { .best = -1, .second = -1 };
	double best = 0, second = 0;
	for (size_t si = 0; si < ns; si++) {
		struct group *g = cells[si];
		if (!may_win(g) || g->n[m] == 0)
			continue;
		double med = group_estimate(g, m)->median;
		if (v.best < 0 || med < best) {
			v.second = v.best, second = best;
			v.best = (int)si, best = med;
		} else if (v.second < 0 || med < second) {
			v.second = (int)si, second = med;
		}
	}
	if (v.second >= 0) {
		struct group *b = cells[v.best], *r = cells[v.second];
		v.c = contrast_cells(r, b, m);
	}
	return v;
}
