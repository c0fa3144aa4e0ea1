/* The queries the cost model makes of a parsed profile (profile.h). */
#include "profile.h"

#include <math.h>

int profile_known(const struct profile *p, int c)
{
	return c >= 0 && c < PROF_NCONST && p->c[c].known;
}

/* ns for times, GB/s for bandwidths; MHz = cycles per microsecond. */
static double to_canonical(const struct profile *p, enum profile_unit u, double v)
{
	switch (u) {
	case PU_CYCLES:
		return v * 1000.0 / p->clock.value;
	case PU_BYTES_PER_CYCLE:
		return v * p->clock.value / 1000.0;
	default:
		return v;
	}
}

double profile_value(const struct profile *p, int c, double *lo, double *hi)
{
	double l = NAN, h = NAN, v = NAN;

	if (profile_known(p, c)) {
		const struct profile_value *pv = &p->c[c];
		v = to_canonical(p, pv->unit, pv->value);
		if (pv->spread != SPREAD_NONE)
			l = to_canonical(p, pv->unit, pv->lo), h = to_canonical(p, pv->unit, pv->hi);
	}
	if (lo)
		*lo = l;
	if (hi)
		*hi = h;
	return v;
}

const struct profile_source *profile_source_of(const struct profile *p, int c)
{
	return profile_known(p, c) && p->c[c].ncite ? &p->src[p->c[c].cite[0].source] : NULL;
}
