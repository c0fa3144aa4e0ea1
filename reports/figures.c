/* The report's figures: which data goes into which chart. Drawing is charts.c's job. */
#include "analysis.h"
#include "charts.h"
#include "fmt.h"
#include "palette.h"
#include "replicates.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One series per strategy: median of M with its 95% CI along sweep S (x divided by XDIV).
 * BUF holds 4 * ns * nx doubles. Returns the number of series. */
static size_t sweep_series(const struct sweep *s, enum measure m, double xdiv, int skip_control,
			   struct series *out, double *buf)
{
	size_t n = 0;
	for (size_t si = 0; si < s->ns; si++) {
		double *x = buf + 4 * si * s->nx, *y = x + s->nx, *lo = y + s->nx, *hi = lo + s->nx;
		size_t k = 0;
		for (size_t xi = 0; xi < s->nx; xi++) {
			struct group *g = sweep_cell(s, xi, si);
			if (!g || g->n[m] == 0)
				continue;
			const struct estimate *e = group_estimate(g, m);
			x[k] = s->x[xi] / xdiv, y[k] = e->median, lo[k] = e->lo, hi[k] = e->hi;
			k++;
		}
		if (!k)
			continue;
		const struct strategy_look *look = strategy_look(s->strategies[si]);
		if (skip_control && look->control)
			continue;
		out[n++] = (struct series){ s->strategies[si], look->color, STYLE_ERRORLINES,
					    look->control, k, x, y, lo, hi };
	}
	return n;
}

static void caption_slice(struct analysis *a, struct figure *f, const struct sweep *s,
			  const char *what)
{
	struct strbuf ctx = { 0 };
	describe_context(&a->d, s->context, s->dim, &ctx);
	snprintf(f->caption, sizeof(f->caption),
		 "%s Median over runs per reboot (the unit is the run); error bars: 95%% "
		 "bootstrap CI over runs, the runs' min..max below %d runs, none for exact cells; "
		 "a cell that trends with the reboot index is at its last reboot. Slice: %s.", what,
		 MIN_SAMPLES,
		 sb_str(&ctx));
	sb_free(&ctx);
}

static int sweep_figure(struct analysis *a, enum figure_id id, const struct sweep *s, int have,
			enum measure m, const struct chart *c, const char *what, const char *dir,
			char *err, size_t errlen)
{
	struct figure *f = &a->fig[id];
	f->name = c->name, f->title = c->title;
	if (!have) {
		snprintf(f->caption, sizeof(f->caption), "Not drawn: no %s sweep%s in this data set.",
			 cfg_dim_name[s->dim], s == &a->premap ? " with map=premap" : "");
		return 0;
	}
	caption_slice(a, f, s, what);
	double *buf = malloc(4 * s->ns * s->nx * sizeof(double) + 1);
	struct series *ser = calloc(s->ns + 1, sizeof(*ser));
	/* The negative control costs ~nothing: on a cost axis it only squashes the real ones. */
	size_t n = sweep_series(s, m, s->dim == DIM_MEM ? 1048576.0 : 1.0, m == M_COST, ser, buf);
	int rc = n ? chart_lines(dir, c, ser, n, err, errlen) : 0;
	f->rendered = n && rc == 0;
	free(buf);
	free(ser);
	return rc;
}

static int ready_figure(struct analysis *a, const char *dir, char *err, size_t errlen)
{
	struct figure *f = &a->fig[FIG_READY];
	f->name = "ready_box", f->title = "Time to ready per strategy";
	const struct board_part *p = &a->part[0];
	const struct run *ctx = p->have_mem ? p->mem.context : a->d.ng ? a->d.g[0].config : NULL;
	struct box *b = calloc(a->d.ns + 1, sizeof(*b));
	size_t nb = 0;
	for (size_t si = 0; ctx && si < a->d.ns; si++) {
		struct group *g = dataset_find(&a->d, ctx, a->d.strategies[si]);
		if (!g || g->n[M_READY] == 0)
			continue;
		double *x = malloc(g->n[M_READY] * sizeof(*x));
		memcpy(x, g->x[M_READY], g->n[M_READY] * sizeof(*x));
		sort_doubles(x, g->n[M_READY]);
		size_t n = g->n[M_READY];
		b[nb++] = (struct box){ g->strategy, strategy_look(g->strategy)->color, n, x[0],
					quantile_sorted(x, n, 0.25), quantile_sorted(x, n, 0.5),
					quantile_sorted(x, n, 0.75), x[n - 1] };
		free(x);
	}
	int rc = 0;
	if (nb) {
		struct strbuf s = { 0 };
		describe_context(&a->d, ctx, NDIMS, &s);
		snprintf(f->caption, sizeof(f->caption),
			 "Reset to the guest's READY mark, warm boots; boxes span the quartiles, the dark "
			 "bar is the median, whiskers span min..max. Config: %s.", sb_str(&s));
		sb_free(&s);
		char ylabel[64];
		snprintf(ylabel, sizeof(ylabel), "time to ready (%s)", a->unit);
		struct chart c = { .name = f->name, .title = f->title, .xlabel = "strategy",
				   .ylabel = ylabel, .mark_x = NAN };
		rc = chart_boxes(dir, &c, b, nb, err, errlen);
		f->rendered = rc == 0;
	} else {
		snprintf(f->caption, sizeof(f->caption), "Not drawn: no ready_cycles in boots.csv.");
	}
	free(b);
	return rc;
}

/* The sweep point to show against reboot index: the most trending cells, nearest the primary
 * crossover's bracket. -1 when nothing trends. */
static int trending_point(const struct analysis *a, const struct sweep *s)
{
	const struct crossover *xo = primary_crossover(a);
	int best = -1;
	size_t most = 0;
	double near = INFINITY;
	for (size_t xi = 0; xi < s->nx; xi++) {
		size_t n = 0;
		for (size_t si = 0; si < s->ns; si++) {
			struct group *g = sweep_cell(s, xi, si);
			n += g && g->n[M_COST] && group_estimate(g, M_COST)->trend;
		}
		double d = xo && xo->last.found && !isnan(xo->last.lo) ? fabs(s->x[xi] - xo->last.lo)
								       : 0;
		if (n && (n > most || (n == most && d < near)))
			best = (int)xi, most = n, near = d;
	}
	return best;
}

/* Cost against reboot index at one sweep point: where a cost trends, boots are not samples. */
static int boot_figure(struct analysis *a, const char *dir, char *err, size_t errlen)
{
	struct figure *f = &a->fig[FIG_COST_BOOT];
	f->name = "cost_vs_boot", f->title = "Cost vs reboot index where it trends";
	const struct board_part *p = &a->part[0];
	int xi = p->have_frac ? trending_point(a, &p->frac) : -1;
	if (xi < 0) {
		snprintf(f->caption, sizeof(f->caption), "Not drawn: no configuration of the touched-"
			 "fraction sweep changes with the reboot index (every one is in steady state).");
		return 0;
	}
	const struct sweep *s = &p->frac;
	struct series *ser = calloc(s->ns + 1, sizeof(*ser));
	size_t maxb = 1, ns = 0;
	for (size_t i = 0; i < a->r.nruns; i++)
		maxb = a->r.runs[i].nboots > maxb ? a->r.runs[i].nboots : maxb;
	double *buf = malloc(2 * s->ns * maxb * sizeof(double) + 1);
	struct strbuf trending = { 0 };
	for (size_t si = 0; si < s->ns; si++) {
		struct group *g = sweep_cell(s, (size_t)xi, si);
		const struct strategy_look *look = strategy_look(s->strategies[si]);
		if (!g || !g->n[M_COST] || look->control)
			continue;
		double *x = buf + 2 * maxb * ns, *y = x + maxb;
		size_t k = replicate_by_index(g, M_COST, y);
		for (size_t j = 0; j < k; j++)
			x[j] = (double)(j + 1);
		if (group_estimate(g, M_COST)->trend)
			sb_printf(&trending, "%s`%s`", trending.len ? ", " : "", g->strategy);
		if (k)
			ser[ns++] = (struct series){ g->strategy, look->color, STYLE_LINES, 0, k, x, y,
						     NULL, NULL };
	}
	char ylabel[64];
	snprintf(ylabel, sizeof(ylabel), "reinit + fault cost of this reboot (%s)", a->unit);
	struct chart c = { .name = f->name, .title = f->title, .xlabel = "reboot index (boot 0 is cold)",
			   .ylabel = ylabel, .mark_x = NAN };
	int rc = ns ? chart_lines(dir, &c, ser, ns, err, errlen) : 0;
	f->rendered = ns && rc == 0;
	struct strbuf ctx = { 0 };
	describe_context(&a->d, s->context, DIM_FRAC, &ctx);
	snprintf(f->caption, sizeof(f->caption),
		 "Cost of each reboot against its index at %g%% touched (%s), median over the runs "
		 "at each index. Trending (no steady state within a run): %s; their cells are "
		 "reported at the last reboot, and crossovers at that reboot and at reboot 1.",
		 s->x[xi], sb_str(&ctx), sb_str(&trending));
	sb_free(&ctx), sb_free(&trending);
	free(ser), free(buf);
	return rc;
}

/* Empirical CDF of per-fault cost, one curve per strategy over every traced fault. */
static int cdf_figure(struct analysis *a, const char *dir, char *err, size_t errlen)
{
	struct figure *f = &a->fig[FIG_FAULT_CDF];
	f->name = "fault_cdf", f->title = "Per-fault latency CDF";
	const struct results *r = &a->r;
	if (!r->nfaults) {
		snprintf(f->caption, sizeof(f->caption), "Not drawn: %s.",
			 r->have_faults ? "faults.csv has no rows (run with s2b.trace=faults)"
					: "no faults.csv in the result directory");
		return 0;
	}
	enum { MAXPTS = 400 }; /* a CDF needs no more points than a chart has pixels */
	struct series *ser = calloc(a->d.nseen + 1, sizeof(*ser));
	double *xy = malloc(a->d.nseen * 2 * MAXPTS * sizeof(double) + 1);
	double *all = malloc(r->nfaults * sizeof(double));
	size_t ns = 0;
	for (size_t si = 0; si < a->d.nseen; si++) {
		const char *strat = a->d.seen[si];
		size_t n = 0;
		for (size_t i = 0; i < r->nfaults; i++)
			if (!strcmp(r->runs[r->faults[i].run].strategy, strat) &&
			    !is_absent(r->faults[i].cycles))
				all[n++] = r->faults[i].cycles;
		if (!n)
			continue;
		sort_doubles(all, n);
		double *x = xy + 2 * MAXPTS * ns, *y = x + MAXPTS;
		size_t k = n < MAXPTS ? n : MAXPTS;
		for (size_t j = 0; j < k; j++) {
			size_t i = k == n ? j : (j * (n - 1)) / (k - 1);
			x[j] = all[i], y[j] = (double)(i + 1) / (double)n;
		}
		const struct strategy_look *look = strategy_look(strat);
		ser[ns++] = (struct series){ strat, look->color, STYLE_STEPS, look->control, k, x, y,
					     NULL, NULL };
	}
	char xlabel[64];
	snprintf(xlabel, sizeof(xlabel), "cost of one stage-2 fault (%s)", a->unit);
	struct chart c = { .name = f->name, .title = f->title, .xlabel = xlabel,
			   .ylabel = "fraction of faults", .mark_x = NAN, .yformat = "%.1f" };
	int rc = ns ? chart_lines(dir, &c, ser, ns, err, errlen) : 0;
	f->rendered = ns && rc == 0;
	snprintf(f->caption, sizeof(f->caption),
		 "Empirical CDF of the cost of each traced stage-2 fault (faults.csv, %zu faults), "
		 "all traced runs of each strategy pooled.", r->nfaults);
	free(ser), free(xy), free(all);
	return rc;
}

int figures_render(struct analysis *a, const char *dir, char *err, size_t errlen)
{
	char cost[64], lines[64];
	snprintf(cost, sizeof(cost), "reinit + fault cost per reboot (%s)", a->unit);
	snprintf(lines, sizeof(lines), "cache lines cleaned per reboot");
	const struct crossover *xo = primary_crossover(a);
	const struct board_part *p = &a->part[0];
	char mark[96];
	struct chart c_mem = { "cost_vs_mem", "Reinit cost vs guest RAM size", "guest RAM (MiB)",
			       cost, 1, 1, NAN, NAN, NAN, NULL, NULL };
	struct chart c_premap = { "cost_vs_mem_premap", "Reinit cost vs guest RAM, premapped",
				  "guest RAM (MiB)", cost, 1, 1, NAN, NAN, NAN, NULL, NULL };
	struct chart c_frac = { "cost_vs_frac", "Reinit cost vs touched fraction: the crossover",
				"guest RAM touched per boot (%)", cost, 1, 1, NAN, NAN, NAN, NULL, NULL };
	/* The band is all the grid supports; the line is the interpolation inside it. */
	if (xo && xo->last.found && !isnan(xo->last.lo) && !isnan(xo->last.hi)) {
		c_frac.mark_x = xo->last.interp, c_frac.mark_lo = xo->last.lo;
		c_frac.mark_hi = xo->last.hi;
		snprintf(mark, sizeof(mark), "%s = %s between %g%% and %g%%", xo->a, xo->b,
			 xo->last.lo, xo->last.hi);
		c_frac.mark_label = mark;
	}
	struct chart c_faults = { "faults_vs_frac", "Stage-2 faults vs touched fraction",
				  "guest RAM touched per boot (%)", "stage-2 faults per reboot", 1, 0,
				  NAN, NAN, NAN, NULL, NULL };
	struct chart c_lines = { "lines_vs_frac", "Cache lines cleaned vs touched fraction",
				 "guest RAM touched per boot (%)", lines, 1, 0, NAN, NAN, NAN, NULL, NULL };
	if (sweep_figure(a, FIG_COST_MEM, &p->mem, p->have_mem, M_COST, &c_mem,
			 "What each strategy costs per reboot (reinit + stage-2 fault handling) as "
			 "guest RAM grows; the negative control is left out.", dir, err, errlen) ||
	    sweep_figure(a, FIG_COST_PREMAP, &a->premap, a->have_premap, M_COST, &c_premap,
			 "The same with every page of guest RAM mapped before the first boot "
			 "(map=premap): an eager clean pays for all of RAM, fault-time cleaning only "
			 "for what the guest touches.", dir, err, errlen) ||
	    sweep_figure(a, FIG_COST_FRAC, &p->frac, p->have_frac, M_COST, &c_frac,
			 "Cost per reboot as the guest touches more of its RAM; the band spans the "
			 "grid points either side of where fault-time cleaning and the eager clean "
			 "pass cost the same (all the grid supports), the dashed line the linear "
			 "interpolation of the medians inside it.", dir, err, errlen) ||
	    boot_figure(a, dir, err, errlen) ||
	    sweep_figure(a, FIG_FAULTS_FRAC, &p->frac, p->have_frac, M_FAULTS, &c_faults,
			 "Stage-2 faults taken per reboot.", dir, err, errlen) ||
	    sweep_figure(a, FIG_LINES_FRAC, &p->frac, p->have_frac, M_LINES, &c_lines,
			 "Cache lines cleaned to PoC per reboot (at reinit and at fault time).", dir,
			 err, errlen) ||
	    ready_figure(a, dir, err, errlen) || cdf_figure(a, dir, err, errlen))
		return -1;
	/* SMP runs only (s2b.vcpus): one line per strategy against the guest's vCPU count */
	struct chart c_vcpus = { "cost_vs_vcpus", "Reinit cost vs vCPU count", "vCPUs of the guest",
				 cost, 1, 1, NAN, NAN, NAN, NULL, NULL };
	a->fig[FIG_COST_VCPUS].optional = 1;
	/* Only s2vmm runs: no s2hv chart can have data, so none is listed as "not drawn" */
	int s2hv = 0;
	for (size_t i = 0; i < a->r.nruns; i++)
		s2hv |= !run_is_kvm(&a->r.runs[i]);
	for (int i = 0; i < FIG_KVM_VCPUS && !s2hv; i++)
		a->fig[i].optional = 1;
	return sweep_figure(a, FIG_COST_VCPUS, &p->vcpus, p->have_vcpus, M_COST, &c_vcpus,
			    "Cost per reboot as the guest's work is split over more vCPUs (one per "
			    "CPU); on QEMU the counts are instructions of all CPUs (its PMU counts "
			    "the machine's instructions), so they include the other vCPUs' work and "
			    "waiting.", dir, err, errlen) ||
	       kvm_vcpus_figure(a, dir, err, errlen);
}
