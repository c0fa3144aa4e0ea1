/* A fitted linear cost model per strategy, cost = a + b·faults + c·lines + d·instructions
 * (least squares over warm boots, with R²), and the crossover of two strategies solved from it
 * along a swept parameter. `s2bench crossover` prints it beside the bisection's (docs/reports.md,
 * "Cost model"). */
#ifndef S2B_REPORTS_MODEL_H
#define S2B_REPORTS_MODEL_H

#include <stddef.h>

#define LSQ_MAX_COLS 4

/* y = coef[0] + coef[1]·x1 + ... + coef[p]·xp, least squares. */
struct lsq_fit {
	size_t n, p;                   /* observations, columns besides the intercept */
	double coef[LSQ_MAX_COLS + 1]; /* [0] is the intercept */
	double r2;                     /* 1 - SSres/SStot (1 when y is constant and fitted exactly) */
	double rmse;                   /* sqrt(SSres / (n - p - 1)), 0 when n = p + 1 */
};

/* Fits Y (N values) on the P columns of X (N rows of P values, row-major; NAMES name them in
 * errors). 0, or -1 and ERR when there are fewer than P + 1 rows or the design is singular: a
 * constant column ("column 'lines' is constant"), or one that is a linear combination of the
 * columns before it and the intercept ("... is collinear ..."). */
int lsq_fit(const double *x, const double *y, size_t n, size_t p, const char *const *names,
	    struct lsq_fit *f, char *err, size_t errlen);
/* The fitted value at the P values of ROW. */
double lsq_predict(const struct lsq_fit *f, const double *row);

/* The regressors, per warm boot: faults, cache lines cleaned (reinit + fault time: the report's
 * `lines`), and the guest's own instructions to READY (ready_insts - fault_cycles: the vCPU's
 * path without the EL2 fault handling that is already part of the cost). */
enum model_reg { MR_FAULTS, MR_LINES, MR_GUEST_INSTS, NMODEL_REGS };
extern const char *const model_reg_name[NMODEL_REGS];

struct model_obs {
	double x;                /* the swept parameter of the boot's run */
	double cost;             /* the report's cost measure (reports/measure.h M_COST) */
	double reg[NMODEL_REGS];
};

struct cost_model {
	int used[NMODEL_REGS];       /* in the fit; else dropped, with why */
	char why[NMODEL_REGS][64];   /* "constant", "collinear with faults, lines" */
	double intercept, coef[NMODEL_REGS]; /* 0 for a dropped regressor */
	struct lsq_fit fit;          /* over the used regressors, in order */
	/* Each regressor along the parameter: its mean at each distinct x, linearly interpolated. */
	size_t nx;
	double *xs, *mean[NMODEL_REGS];
};

/* Fits M from the N observations of one strategy: a regressor that is constant or collinear
 * with the ones kept before it is dropped and said so in why[]. 0, or -1 and ERR (fewer
 * observations than coefficients, or no x where it was measured). */
int cost_model_fit(struct cost_model *m, const struct model_obs *obs, size_t n, char *err,
		   size_t errlen);
void cost_model_free(struct cost_model *m);
/* The model's cost at parameter X: each regressor's trend at X through the fitted coefficients. */
double cost_model_at(const struct cost_model *m, double x);

struct model_crossover {
	int found;          /* cost_A - cost_B changes sign inside [lo, hi] */
	double x;           /* where it is zero (bisected to 1e-6 of the range) */
	double uncertainty; /* sqrt(rmse_A² + rmse_B²) / |slope of the difference at x| */
};

/* Where the models of A and B predict the same cost, in [LO, HI]. */
void model_crossover(const struct cost_model *a, const struct cost_model *b, double lo, double hi,
		     struct model_crossover *out);

#endif
