/* The phase diagram of the report (predict.h): each strategy's counts along the data set's frac
 * sweep fitted as linear in the fraction (reports/model.c's least squares), the cheapest
 * strategy over the (fraction, fault ÷ absent-line clean) plane by reports/phase.c, and every
 * profile drawn at its ratio or said not to be. */
#include "predict.h"

#include "../strategies/table.h"
#include "charts.h"
#include "model.h"
#include "palette.h"
#include "phase.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GRID_X 50       /* columns over 0..100 % */
#define GRID_R 48       /* rows over the ratio range, log-spaced */
#define EDGE_STEP 0.5   /* boundaries are solved every half percent */
#define MAX_STRATEGIES 16

/* Fits count = a + b·frac over every warm boot of the sweep's cells of strategy SI; adds how
 * many boots it used to *NBOOTS. */
static int fit_counts(const struct sweep *s, size_t si, struct phase_strategy *out, size_t *nboots)
{
	size_t n = 0, cap = 0;

	for (size_t xi = 0; xi < s->nx; xi++) {
		struct group *g = sweep_cell(s, xi, si);
		for (size_t i = 0; g && i < g->nruns; i++)
			cap += g->runs[i]->nboots;
	}
	double *x = malloc((cap + 1) * sizeof(double)), *l = malloc((cap + 1) * sizeof(double)),
	       *f = malloc((cap + 1) * sizeof(double));
	for (size_t xi = 0; x && l && f && xi < s->nx; xi++) {
		struct group *g = sweep_cell(s, xi, si);
		for (size_t i = 0; g && i < g->nruns; i++) {
			const struct run *u = g->runs[i];
			for (size_t b = u->first_boot; b < u->first_boot + u->nboots; b++) {
				const struct boot *bt = &g->r->boots[b];
				double lines = bt->v[BF_REINIT_LINES] + bt->v[BF_FAULT_LINES];
				if (bt->idx < 1 || isnan(lines) || isnan(bt->v[BF_FAULTS]))
					continue;
				x[n] = s->x[xi], l[n] = lines, f[n] = bt->v[BF_FAULTS];
				n++;
			}
		}
	}
	static const char *const names[] = {"frac"};
	struct lsq_fit fl, ff;
	char err[128];
	int rc = !x || !l || !f || lsq_fit(x, l, n, 1, names, &fl, err, sizeof(err)) ||
		 lsq_fit(x, f, n, 1, names, &ff, err, sizeof(err));
	if (!rc) {
		out->lines = (struct phase_line){fl.coef[0], fl.coef[1]};
		out->faults = (struct phase_line){ff.coef[0], ff.coef[1]};
		*nboots += n;
	}
	free(x), free(l), free(f);
	return rc ? -1 : 0;
}

/* The profile's ratio s2_fault ÷ dc_civac.absent.mem with its band; 0, or -1 and what it lacks. */
static int profile_ratio(const struct profile *p, struct hline *h, char *lacks, size_t len)
{
	int absent = profile_cmo(PROF_CIVAC, PROF_ABSENT, PROF_MEM);
	double flo, fhi, alo, ahi;
	double f = profile_value(p, PROF_S2_FAULT, &flo, &fhi), a = profile_value(p, absent, &alo, &ahi);

	if (isnan(f) || isnan(a) || a <= 0) {
		snprintf(lacks, len, "%s lacks %s%s%s", p->name, isnan(f) ? "s2_fault" : "",
			 isnan(f) && isnan(a) ? " and " : "", isnan(a) ? profile_const_name(absent) : "");
		return -1;
	}
	h->name = p->name;
	h->y = f / a;
	h->lo = isnan(flo) || isnan(ahi) || ahi <= 0 ? NAN : flo / ahi;
	h->hi = isnan(fhi) || isnan(alo) || alo <= 0 ? NAN : fhi / alo;
	return 0;
}

struct phase_data {
	struct phase_strategy st[MAX_STRATEGIES];
	const char *color[MAX_STRATEGIES];
	size_t n;
	struct hline h[MAX_PROFILES];
	size_t nh;
	double range[4];
};

/* The ratio axis: 1 .. 10^5, widened to every placed profile's band. */
static void ratio_range(struct phase_data *d)
{
	d->range[0] = 0, d->range[1] = 100, d->range[2] = 1, d->range[3] = 1e5;
	for (size_t i = 0; i < d->nh; i++) {
		double lo = isnan(d->h[i].lo) ? d->h[i].y : d->h[i].lo;
		double hi = isnan(d->h[i].hi) ? d->h[i].y : d->h[i].hi;
		d->range[2] = fmin(d->range[2], lo / 3);
		d->range[3] = fmax(d->range[3], hi * 3);
	}
}

/* One region per strategy: the grid cells where it is the cheapest. */
static int draw(const struct phase_data *d, const struct chart *c, const char *dir, char *err,
		size_t errlen)
{
	struct region rg[MAX_STRATEGIES];
	double *box = malloc(4 * GRID_X * GRID_R * d->n * sizeof(double) + 1);
	size_t nxe = (size_t)(100 / EDGE_STEP);
	double xs[(size_t)(100 / EDGE_STEP)];
	struct phase_edge *e = malloc(nxe * MAX_STRATEGIES * sizeof(*e) + 1);
	double *lx = malloc(2 * nxe * MAX_STRATEGIES * sizeof(double) + 1);
	struct series ls[MAX_STRATEGIES];
	static char lname[MAX_STRATEGIES][64];
	double lr2 = log(d->range[3] / d->range[2]);
	size_t nl = 0;

	for (size_t s = 0; s < d->n; s++)
		rg[s] = (struct region){d->st[s].name, d->color[s], 0, box + 4 * GRID_X * GRID_R * s};
	for (size_t i = 0; i < GRID_X; i++)
		for (size_t j = 0; j < GRID_R; j++) {
			double x0 = 100.0 * i / GRID_X, x1 = 100.0 * (i + 1) / GRID_X;
			double r0 = d->range[2] * exp(lr2 * j / GRID_R), r1 = d->range[2] * exp(lr2 * (j + 1) / GRID_R);
			size_t w = phase_cheapest(d->st, d->n, (x0 + x1) / 2, sqrt(r0 * r1));
			double *b = (double *)rg[w].box + 4 * rg[w].n++;
			b[0] = x0, b[1] = x1, b[2] = r0, b[3] = r1;
		}
	for (size_t k = 0; k < nxe; k++)
		xs[k] = EDGE_STEP * (k + 1);
	size_t ne = phase_edges(d->st, d->n, xs, nxe, d->range[2], d->range[3], e, nxe * MAX_STRATEGIES);
	ne = ne < nxe * MAX_STRATEGIES ? ne : nxe * MAX_STRATEGIES;
	/* one labelled line per pair of neighbouring regions, its points in x order; room for
	 * MAX_STRATEGIES of them (more pairs than that never border each other in practice) */
	double *at = lx;
	for (size_t a = 0; a < d->n; a++)
		for (size_t b = a + 1; b < d->n && nl < MAX_STRATEGIES; b++) {
			size_t m = 0;
			for (size_t k = 0; k < ne; k++)
				if ((e[k].low == a && e[k].high == b) || (e[k].low == b && e[k].high == a))
					at[m] = e[k].x, at[nxe + m] = e[k].r, m++;
			if (!m)
				continue;
			snprintf(lname[nl], sizeof(lname[nl]), "%s = %s", d->st[a].name, d->st[b].name);
			ls[nl] = (struct series){lname[nl], "#222222", STYLE_LINES, 0, m, at, at + nxe, NULL, NULL};
			nl++;
			at += 2 * nxe;
		}
	int rc = chart_regions(dir, c, d->range, rg, d->n, ls, nl, d->h, d->nh, err, errlen);
	free(box), free(e), free(lx);
	return rc;
}

/* Each placed profile in words: where along its ratio each strategy is the cheapest. */
static void say_placed(struct predictions *pr, const struct phase_data *d)
{
	struct phase_span sp[2 * MAX_STRATEGIES];

	for (size_t i = 0; i < d->nh && pr->nplaced < MAX_PROFILES; i++) {
		const struct hline *h = &d->h[i];
		char *o = pr->placed[pr->nplaced++];
		size_t len = sizeof(pr->placed[0]), at = 0;
		size_t n = phase_along(d->st, d->n, h->y, EDGE_STEP, sp, sizeof(sp) / sizeof(sp[0]));

		at += (size_t)snprintf(o, len, "%s at s2_fault ÷ dc_civac.absent.mem = %.3g", h->name, h->y);
		if (!isnan(h->lo) && !isnan(h->hi) && at < len)
			at += (size_t)snprintf(o + at, len - at, " (%.3g – %.3g)", h->lo, h->hi);
		for (size_t k = 0; k < n && at < len; k++)
			at += (size_t)snprintf(o + at, len - at, "%s%s %s %.3g %%", k ? ", " : ": cheapest ",
					       d->st[sp[k].strategy].name, k + 1 < n ? "up to" : "to", sp[k].to);
	}
}

int phase_figure_render(struct predictions *pr, const struct analysis *a, const char *charts_dir,
			char *err, size_t errlen)
{
	const struct board_part *p = &a->part[0];
	struct figure *f = &pr->phase;
	struct phase_data d = {0};
	struct strbuf left = {0}, ctx = {0};
	size_t nboots = 0;

	f->name = "phase";
	f->title = "Cheapest strategy by RAM touched per boot and fault cost (model, not measured)";
	pr->nnot_placed = pr->nplaced = 0;
	for (size_t k = 0; k < pr->np; k++)
		if (profile_ratio(&pr->p[k].prof, &d.h[d.nh], pr->not_placed[pr->nnot_placed],
				  sizeof(pr->not_placed[0])) == 0)
			d.nh++;
		else
			pr->nnot_placed++;
	if (!p->have_frac) {
		snprintf(f->caption, sizeof(f->caption),
			 "Not drawn: this data set has no frac sweep (suites/default.suite's [frac-sweep] "
			 "runs one) to fit each strategy's counts against the fraction of RAM touched.");
		return 0;
	}
	const struct sweep *s = &p->frac;
	for (size_t si = 0; si < s->ns && d.n < MAX_STRATEGIES; si++) {
		const struct strategy_look *look = strategy_look(s->strategies[si]);
		if (look->control || (look->needs & STRATEGY_NEEDS_FWB))
			continue; /* never a winner; FWB makes the question moot where the CPU has it */
		d.st[d.n].name = s->strategies[si];
		d.color[d.n] = look->color;
		if (fit_counts(s, si, &d.st[d.n], &nboots) == 0)
			d.n++;
		else
			sb_printf(&left, "%s%s", left.len ? ", " : "", s->strategies[si]);
	}
	describe_context(&a->d, s->context, DIM_FRAC, &ctx);
	char mem[32];
	snprintf(f->caption, sizeof(f->caption),
		 "Model, not measured. Regions: the cheapest strategy when a reboot costs lines cleaned "
		 "× dc_civac.absent.mem + faults × s2_fault (maps, TLBIs, I-cache and other "
		 "instructions left out), each strategy's lines and faults fitted linear in the "
		 "fraction from the exact counts of board %s, %s RAM, frac %g..%g %%, %zu warm boots "
		 "(slice: %s). Lines: crossovers. Horizontal lines: profiles at their ratio, shaded over "
		 "its spread. fwb (needs FEAT_S2FWB) and the negative control are left out%s%s.",
		 s->context->dim[DIM_BOARD], fmt_mem(s->context->mem, mem, sizeof(mem)), s->x[0],
		 s->x[s->nx - 1], nboots, sb_str(&ctx), left.len ? "; no fit for " : "", sb_str(&left));
	snprintf(pr->phase_counts, sizeof(pr->phase_counts), "board %s, guest RAM %s, frac sweep %s",
		 s->context->dim[DIM_BOARD], mem, sb_str(&ctx));
	sb_free(&left), sb_free(&ctx);
	if (d.n < 2) {
		size_t at = strlen(f->caption);
		snprintf(f->caption + at, sizeof(f->caption) - at, " Not drawn: fewer than two strategies fitted.");
		return 0;
	}
	ratio_range(&d);
	say_placed(pr, &d);
	struct chart c = {.name = f->name, .title = f->title, .xlabel = "RAM touched per boot (%)",
			  .ylabel = "s2_fault / dc_civac.absent.mem", .logy = 1, .mark_x = NAN, .yformat = "%g"};
	int rc = draw(&d, &c, charts_dir, err, errlen);
	f->rendered = rc == 0;
	return rc;
}
