/* The least-squares fit and the cost model on synthetic data with known coefficients. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *const names[] = { "faults", "lines", "guest_insts" };

/* Deterministic, irregular regressors (no two columns proportional). */
static void design(double *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		x[i * 3 + 0] = (double)((i * 37) % 101);
		x[i * 3 + 1] = (double)((i * i * 13) % 997) * 64;
		x[i * 3 + 2] = 5e5 + (double)((i * 7919) % 1009) * 3;
	}
}

/* Fits y = 1000 + 300 x1 + 2 x2 + x3 + a fixed pattern of -NOISE, 0, +NOISE over N rows. */
static struct lsq_fit fit_synthetic(size_t n, double noise)
{
	double *x = malloc(n * 3 * sizeof(*x)), *y = malloc(n * sizeof(*y));
	struct lsq_fit f;
	char err[160];

	cr_assert(x && y);
	design(x, n);
	for (size_t i = 0; i < n; i++) /* the pattern is uncorrelated with the columns */
		y[i] = 1000 + 300 * x[i * 3] + 2 * x[i * 3 + 1] + x[i * 3 + 2] +
		       ((i * 2654435761u) % 3 - 1.0) * noise;
	cr_assert_eq(lsq_fit(x, y, n, 3, names, &f, err, sizeof(err)), 0, "%s", err);
	free(x);
	free(y);
	return f;
}

Test(lsq, exact_data_recovers_the_coefficients_with_r2_one)
{
	struct lsq_fit f = fit_synthetic(40, 0);

	cr_expect_float_eq(f.coef[0], 1000, 1e-4);
	cr_expect_float_eq(f.coef[1], 300, 1e-9);
	cr_expect_float_eq(f.coef[2], 2, 1e-11);
	cr_expect_float_eq(f.coef[3], 1, 1e-9);
	cr_expect_float_eq(f.r2, 1, 1e-12);
	cr_expect_lt(f.rmse, 1e-6);
}

Test(lsq, noisy_data_gives_r2_below_one_and_close_coefficients)
{
	struct lsq_fit f = fit_synthetic(200, 500);

	cr_expect_lt(f.r2, 1);
	cr_expect_gt(f.r2, 0.99);
	cr_expect_float_eq(f.coef[1], 300, 3);
	cr_expect_float_eq(f.coef[2], 2, 0.01);
	cr_expect_gt(f.rmse, 100);
}

Test(lsq, a_singular_design_is_refused_with_the_column_named)
{
	enum { N = 20 };
	double x[N * 3], y[N];
	struct lsq_fit f;
	char err[160];

	design(x, N);
	for (size_t i = 0; i < N; i++) {
		y[i] = x[i * 3];
		x[i * 3 + 1] = 4096; /* constant */
	}
	cr_assert_eq(lsq_fit(x, y, N, 3, names, &f, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "singular design: column 'lines' is constant");
	for (size_t i = 0; i < N; i++)
		x[i * 3 + 1] = 3 * x[i * 3] - 2 * x[i * 3 + 2] + 7; /* a combination of the others */
	cr_assert_eq(lsq_fit(x, y, N, 3, names, &f, err, sizeof(err)), -1);
	cr_expect(strstr(err, "column 'guest_insts' is collinear"), "%s", err);
	cr_assert_eq(lsq_fit(x, y, 3, 3, names, &f, err, sizeof(err)), -1);
	cr_expect_str_eq(err, "3 observations for 4 coefficients");
}

/* A strategy whose cost is 100 + 2 per fault, faults = 10 x, lines = 6 x (so lines is collinear
 * with faults), guest instructions constant. */
static size_t strategy_a(struct model_obs *o)
{
	size_t n = 0;
	for (int x = 5; x <= 100; x += 5)
		for (int k = 0; k < 3; k++, n++)
			o[n] = (struct model_obs){ x, 100 + 2 * (10.0 * x + k), { 10.0 * x + k, 6 * (10.0 * x + k), 7e5 } };
	return n;
}

/* Cost 500 + 1 per line, lines = 6 x + k², faults = x, guest instructions = 1e5 + x. */
static size_t strategy_b(struct model_obs *o)
{
	size_t n = 0;
	for (int x = 5; x <= 100; x += 5)
		for (int k = 0; k < 3; k++, n++)
			o[n] = (struct model_obs){ x, 500 + 6.0 * x + k * k, { x, 6.0 * x + k * k, 1e5 + x + k } };
	return n;
}

Test(cost_model, drops_constant_and_collinear_regressors_and_says_so)
{
	struct model_obs o[60];
	struct cost_model m;
	char err[160];
	size_t n = strategy_a(o);

	cr_assert_eq(cost_model_fit(&m, o, n, err, sizeof(err)), 0, "%s", err);
	cr_expect(m.used[MR_FAULTS]);
	cr_expect(!m.used[MR_LINES]);
	cr_expect_str_eq(m.why[MR_LINES], "collinear with faults");
	cr_expect(!m.used[MR_GUEST_INSTS]);
	cr_expect_str_eq(m.why[MR_GUEST_INSTS], "constant");
	cr_expect_float_eq(m.coef[MR_FAULTS], 2, 1e-9);
	cr_expect_float_eq(m.intercept, 100, 1e-6);
	cr_expect_float_eq(m.fit.r2, 1, 1e-12);
	cr_expect_float_eq(cost_model_at(&m, 42.5), 100 + 2 * (425 + 1), 1e-6, "interpolated trend");
	cost_model_free(&m);
}

Test(cost_model, crossover_is_solved_where_the_predictions_meet)
{
	struct model_obs oa[60], ob[60];
	struct cost_model a, b;
	struct model_crossover xo;
	char err[160];
	size_t na = strategy_a(oa), nb = strategy_b(ob);

	cr_assert_eq(cost_model_fit(&a, oa, na, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(cost_model_fit(&b, ob, nb, err, sizeof(err)), 0, "%s", err);
	cr_expect(b.used[MR_FAULTS] && b.used[MR_LINES] && b.used[MR_GUEST_INSTS]);
	cr_expect_float_eq(b.coef[MR_LINES], 1, 1e-9);
	model_crossover(&a, &b, 5, 100, &xo);
	cr_assert(xo.found);
	/* 100 + 2 (10 x + 1) = 500 + 6 x + 5/3 (the means over k at each x) */
	cr_expect_float_eq(xo.x, (400 + 5.0 / 3 - 2) / 14, 1e-4, "x = %f", xo.x);
	cr_expect_lt(xo.uncertainty, 1e-6, "exact models: no uncertainty");
	model_crossover(&a, &b, 50, 100, &xo);
	cr_expect(!xo.found, "no crossing in [50, 100]");
	cost_model_free(&a);
	cost_model_free(&b);
}
