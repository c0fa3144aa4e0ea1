/* The phase diagram's arithmetic (reports/phase.c) on synthetic strategies whose crossover is
 * solved by hand: an eager clean of a fixed 1000 lines against a fault-time clean of 10 lines and
 * 2 faults per percent of RAM touched. Equal cost at 1000 = 10x + 2rx, r = 500/x - 5. */
#include "phase.h"

#include <criterion/criterion.h>
#include <math.h>

static const struct phase_strategy two[] = {
	{"eager", {1000, 0}, {0, 0}},
	{"at-fault", {0, 10}, {0, 2}},
};

Test(phase, the_crossover_ratio_is_the_hand_solved_one)
{
	cr_expect_float_eq(phase_crossover_ratio(&two[0], &two[1], 50), 5, 1e-12);
	cr_expect_float_eq(phase_crossover_ratio(&two[1], &two[0], 25), 15, 1e-12);
	/* at x = 100 the fault-time clean already cleans as many lines: no positive ratio */
	cr_expect(isnan(phase_crossover_ratio(&two[0], &two[1], 100)));
	/* no faults either side: never equal by the ratio */
	cr_expect(isnan(phase_crossover_ratio(&two[0], &two[0], 50)));
}

Test(phase, the_cheapest_flips_at_the_crossover)
{
	cr_expect_eq(phase_cheapest(two, 2, 50, 4), 1); /* 500 + 400 < 1000 */
	cr_expect_eq(phase_cheapest(two, 2, 50, 6), 0); /* 500 + 600 > 1000 */
	cr_expect_float_eq(phase_cost(&two[1], 50, 6), 1100, 1e-12);
	cr_expect_eq(phase_cheapest(two, 2, 100, 0.5), 0);
}

Test(phase, a_count_fitted_below_zero_counts_as_zero)
{
	static const struct phase_strategy s = {"s", {-50, 1}, {-10, 0}};

	cr_expect_float_eq(phase_cost(&s, 10, 3), 0, 1e-12);
	cr_expect_float_eq(phase_cost(&s, 80, 3), 30, 1e-12);
}

Test(phase, edges_lie_on_the_crossover_curve)
{
	static const double xs[] = {10, 25, 50, 100};
	struct phase_edge e[8];

	size_t n = phase_edges(two, 2, xs, 4, 0.1, 1000, e, 8);
	cr_assert_eq(n, 3, "x = 100 has no boundary in range");
	cr_expect_float_eq(e[0].r, 45, 1e-9);
	cr_expect_float_eq(e[1].r, 15, 1e-9);
	cr_expect_float_eq(e[2].r, 5, 1e-9);
	/* below the curve faults are cheap: the fault-time clean wins, above it the eager one */
	cr_expect_eq(e[2].low, 1);
	cr_expect_eq(e[2].high, 0);
	cr_expect_float_eq(e[2].x, 50, 1e-12);
}

/* A third strategy dominated everywhere adds no edge; one that wins a middle band adds two. */
Test(phase, only_crossovers_that_change_the_cheapest_are_edges)
{
	static const struct phase_strategy three[] = {
		{"eager", {1000, 0}, {0, 0}},
		{"at-fault", {0, 10}, {0, 2}},
		{"worse", {2000, 0}, {0, 0}},
	};
	static const struct phase_strategy band[] = {
		{"eager", {1000, 0}, {0, 0}},
		{"at-fault", {0, 10}, {0, 2}},
		{"middle", {700, 0}, {0, 0.1}}, /* at x = 50: 700 + 5r */
	};
	const double x = 50;
	struct phase_edge e[8];

	cr_expect_eq(phase_edges(three, 3, &x, 1, 0.1, 1000, e, 8), 1);
	/* at-fault = middle at 500 + 100r = 700 + 5r, r = 200/95; middle = eager at r = 60 */
	cr_assert_eq(phase_edges(band, 3, &x, 1, 0.1, 1000, e, 8), 2);
	cr_expect_float_eq(e[0].r, 200.0 / 95, 1e-9);
	cr_expect_eq(e[0].low, 1);
	cr_expect_eq(e[0].high, 2);
	cr_expect_float_eq(e[1].r, 60, 1e-9);
	cr_expect_eq(e[1].high, 0);
}

/* Along a CPU's ratio: at r = 5 the fault-time clean (20x) is cheaper than the eager one (1000)
 * up to x = 50 %, the eager one above; at r = 0.5 (11x) up to 90.9 %. */
Test(phase, along_a_ratio_the_cheapest_changes_at_the_hand_solved_fraction)
{
	struct phase_span sp[4];

	cr_assert_eq(phase_along(two, 2, 5, 0.5, sp, 4), 2);
	cr_expect_eq(sp[0].strategy, 1);
	cr_expect_float_eq(sp[0].from, 0, 1e-12);
	cr_expect_float_eq(sp[0].to, 50, 1e-6);
	cr_expect_eq(sp[1].strategy, 0);
	cr_expect_float_eq(sp[1].from, 50, 1e-6);
	cr_expect_float_eq(sp[1].to, 100, 1e-12);
	cr_assert_eq(phase_along(two, 2, 0.5, 0.5, sp, 4), 2);
	cr_expect_float_eq(sp[0].to, 1000.0 / 11, 1e-6);
	/* a strategy cheaper everywhere: one span */
	static const struct phase_strategy three[] = {two[0], two[1], {"cheap", {400, 0}, {0, 0}}};
	cr_assert_eq(phase_along(three, 3, 1e6, 0.5, sp, 4), 2, "at-fault at 0 %, then cheap");
	cr_assert_eq(phase_along(&three[2], 1, 5, 0.5, sp, 4), 1);
	cr_expect_float_eq(sp[0].to, 100, 1e-12);
}
