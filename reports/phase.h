/* The phase diagram's arithmetic (issue 16 item 4; docs/reports.md "Phase diagram"): which
 * strategy is cheapest over x = the fraction of RAM touched per boot and y = r = s2_fault ÷
 * dc_civac.absent.mem, each strategy's counts fitted as linear in x. Its cost in units of one
 * absent-line clean is lines(x) + r · faults(x): the two terms that set the ranking (maps, TLBIs,
 * I-cache invalidates and other instructions are left out of the diagram, not of the table). */
#ifndef S2B_REPORTS_PHASE_H
#define S2B_REPORTS_PHASE_H

#include <stddef.h>

/* count = a + b · x, x in percent */
struct phase_line {
	double a, b;
};

struct phase_strategy {
	const char *name;
	struct phase_line lines;  /* reinit_lines + fault_lines */
	struct phase_line faults; /* stage-2 faults */
};

/* The cost of S at (X, R) in absent-line cleans; a count fitted below 0 counts as 0. */
double phase_cost(const struct phase_strategy *s, double x, double r);
/* The index of the cheapest of the N strategies at (X, R); the first on a tie. */
size_t phase_cheapest(const struct phase_strategy *s, size_t n, double x, double r);
/* The ratio where A and B cost the same at X; NAN when they never do at a positive ratio. */
double phase_crossover_ratio(const struct phase_strategy *a, const struct phase_strategy *b, double x);

/* One point of a boundary between two regions: at X, the cheapest changes from strategy LOW
 * (below R) to HIGH (above R). */
struct phase_edge {
	double x, r;
	size_t low, high;
};

/* The boundaries at each of the NX values of XS, for R in [RLO, RHI]: every ratio where the
 * cheapest strategy changes. Writes at most MAX edges into OUT; returns how many there are. */
size_t phase_edges(const struct phase_strategy *s, size_t n, const double *xs, size_t nx, double rlo,
		   double rhi, struct phase_edge *out, size_t max);

/* Along one CPU's ratio R: the touched fractions over which each strategy is the cheapest, in x
 * order, from 0 to 100 %. Sampled every STEP percent, each change bisected to a fraction. */
struct phase_span {
	size_t strategy;
	double from, to; /* percent */
};
size_t phase_along(const struct phase_strategy *s, size_t n, double r, double step, struct phase_span *out,
		   size_t max);

#endif
