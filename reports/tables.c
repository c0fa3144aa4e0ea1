/* Building the report's tables. */
#include "tables.h"

#include "cpuid.h"
#include "kvm_host.h"
#include "palette.h"
#include "verdict.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *fmt_estimate(const struct estimate *e, char *buf, size_t len)
{
	char m[32], lo[32], hi[32], first[32];
	if (e->n == 0) {
		snprintf(buf, len, "-");
		return buf;
	}
	struct strbuf s = { 0 };
	sb_puts(&s, fmt_count(e->median, m, sizeof(m)));
	enum quality q = estimate_quality(e);
	switch (e->spread) {
	case SPREAD_EXACT:
		sb_printf(&s, " exact");
		break;
	case SPREAD_ONE:
		sb_printf(&s, " (1 run)");
		break;
	case SPREAD_RANGE:
		sb_printf(&s, " (%s–%s, %zu runs)", fmt_count(e->lo, lo, sizeof(lo)),
			  fmt_count(e->hi, hi, sizeof(hi)), e->n);
		break;
	case SPREAD_CI:
		if (e->median != 0)
			sb_printf(&s, " ±%.0f%%", 100 * fmax(e->median - e->lo, e->hi - e->median) /
							fabs(e->median));
		if (q)
			sb_printf(&s, " (%s)", quality_text(q));
		break;
	}
	if (e->trend)
		sb_printf(&s, " at reboot %d (%s at 1)", e->at, fmt_count(e->first, first, sizeof(first)));
	snprintf(buf, len, "%s", sb_str(&s));
	sb_free(&s);
	return buf;
}

static const char *sweep_x(const struct sweep *s, size_t xi, char *buf, size_t len)
{
	if (s->dim == DIM_MEM)
		return fmt_mem(s->x[xi], buf, len);
	snprintf(buf, len, "%g%s", s->x[xi], s->dim == DIM_FRAC ? "%" : "");
	return buf;
}

static int same_machine(const struct run *a, const struct run *b)
{
	return !strcmp(a->dim[DIM_BOARD], b->dim[DIM_BOARD]) && !strcmp(a->midr, b->midr) &&
	       !strcmp(a->fwb, b->fwb) && !strcmp(a->hv_version, b->hv_version) &&
	       !strcmp(a->qemu_version, b->qemu_version);
}

void table_machine(const struct analysis *a, struct table *t)
{
	table_init(t, "llllllr");
	table_cell(t, "board"), table_cell(t, "CPU"), table_cell(t, "FEAT_S2FWB");
	table_cell(t, "hypervisor"), table_cell(t, "QEMU"), table_cell(t, "suite");
	table_cell(t, "runs");
	const struct results *r = &a->r;
	for (size_t i = 0; i < r->nruns; i++) {
		const struct run *u = &r->runs[i];
		size_t j = 0, n = 0;
		while (j < i && !same_machine(&r->runs[j], u)) /* one row per distinct machine */
			j++;
		if (j < i)
			continue;
		for (size_t k = i; k < r->nruns; k++)
			n += same_machine(&r->runs[k], u);
		char cpu[128];
		table_cell(t, "%s", u->dim[DIM_BOARD]);
		table_cell(t, "%s", describe_midr(u->midr, cpu, sizeof(cpu)));
		table_cell(t, "%s", !strcmp(u->fwb, "1") ? "yes" : !strcmp(u->fwb, "0") ? "no" : "unknown");
		if (run_is_kvm(u)) { /* a KVM host: s2vmm names itself, the log the host */
			char host[256];
			kvm_host_describe(r->dir, u->run_id, host, sizeof(host));
			table_cell(t, "%s (KVM; %s)", u->hv_version, host);
		} else
			table_cell(t, "s2hv %s", *u->hv_version ? u->hv_version : "?");
		table_cell(t, "%s", *u->qemu_version ? u->qemu_version : "- (hardware)");
		table_cell(t, "%s", u->suite);
		table_cell(t, "%zu", n);
	}
}

static int cmp_num(const void *x, const void *y)
{
	double a = atof(*(const char *const *)x), b = atof(*(const char *const *)y);
	int c = (a > b) - (a < b);
	return c ? c : strcmp(*(const char *const *)x, *(const char *const *)y);
}

void table_dims(const struct analysis *a, struct table *t)
{
	table_init(t, "ll");
	table_cell(t, "parameter"), table_cell(t, "values");
	const struct results *r = &a->r;
	const char **vals = malloc((r->nruns + 1) * sizeof(*vals));
	for (int k = 0; k < NDIMS; k++) {
		size_t n = 0;
		for (size_t i = 0; i < r->nruns; i++) {
			size_t j = 0;
			while (j < n && strcmp(vals[j], r->runs[i].dim[k]))
				j++;
			if (j == n)
				vals[n++] = r->runs[i].dim[k];
		}
		qsort(vals, n, sizeof(*vals), cmp_num);
		struct strbuf s = { 0 };
		for (size_t j = 0; j < n; j++) {
			char mem[32];
			sb_printf(&s, "%s%s", j ? ", " : "",
				  k == DIM_MEM ? fmt_mem(atof(vals[j]), mem, sizeof(mem)) : vals[j]);
		}
		table_cell(t, "%s", cfg_dim_name[k]);
		table_cell(t, "%s", sb_str(&s));
		sb_free(&s);
	}
	free(vals);
	double reps = 0;
	for (size_t i = 0; i < r->nruns; i++)
		reps = fmax(reps, r->runs[i].rep + 1);
	table_cell(t, "repetitions"), table_cell(t, "%.0f per config", reps);
}

/* A status column per status the harness writes today, and `other` for any it may add later (a
 * run is never left out of this table because its status is new). config_mismatch has its own
 * (issue 21): a board that ran something else is not a failure of the strategy asked. */
static const char *const matrix_statuses[] = { "ok",	      "check_failed", "unsupported",
					       "short",	      "not_ready",    "timeout",
					       "crash",	      "error",	      "config_mismatch" };
#define NSTATUS (sizeof(matrix_statuses) / sizeof(matrix_statuses[0]))

static size_t status_column(const char *status)
{
	for (size_t k = 0; k < NSTATUS; k++)
		if (!strcmp(status, matrix_statuses[k]))
			return k;
	return NSTATUS; /* other */
}

void table_matrix(const struct analysis *a, struct table *t)
{
	table_init(t, "lrrrrrrrrrrrr");
	table_cell(t, "strategy");
	for (size_t k = 0; k < NSTATUS; k++)
		table_cell(t, "%s", matrix_statuses[k]);
	table_cell(t, "other"), table_cell(t, "warm boots"), table_cell(t, "failed checks");
	for (size_t si = 0; si < a->d.nseen; si++) {
		const char *s = a->d.seen[si];
		size_t count[NSTATUS + 1] = { 0 }, warm = 0, failed = 0;
		for (size_t i = 0; i < a->r.nruns; i++)
			if (!strcmp(a->r.runs[i].strategy, s))
				count[status_column(a->r.runs[i].status)]++;
		for (size_t g = 0; g < a->d.ng; g++)
			if (!strcmp(a->d.g[g].strategy, s))
				warm += a->d.g[g].warm_boots, failed += a->d.g[g].failed_checks;
		table_cell(t, "`%s`", s);
		for (size_t k = 0; k <= NSTATUS; k++)
			table_cell(t, "%zu", count[k]);
		table_cell(t, "%zu", warm), table_cell(t, "%zu", failed);
	}
}

size_t table_matrix_note(const struct analysis *a, struct strbuf *out)
{
	size_t n = 0;

	for (size_t i = 0; i < a->r.nruns; i++)
		n += strcmp(a->r.runs[i].status, "config_mismatch") == 0;
	if (n)
		sb_printf(out, "%zu run%s `config_mismatch`: the board ran another configuration than "
			       "the one asked (its cfg record differs; runs.csv's error names the first "
			       "key, `config_mismatch:KEY:ASKED_vs_GOT`). Counted under the strategy "
			       "asked, measured nowhere: such a run has no boots rows.",
			  n, n == 1 ? " is" : "s are");
	return n;
}

/* One row: LABEL, then each strategy's cell (median and spread of M), the cheapest in bold,
 * the winner and its margin over the runner-up. */
static void strategy_row(struct table *t, const char *label, struct group *const *cells,
			 const char *const *strategies, size_t ns, enum measure m)
{
	char buf[128];
	struct verdict v = verdict_cells(cells, ns, m);
	table_cell(t, "%s", label);
	for (size_t si = 0; si < ns && si < 12; si++) {
		struct group *g = cells[si];
		table_cell(t, "%s", g ? fmt_estimate(group_estimate(g, m), buf, sizeof(buf)) : "-");
		if ((int)si == v.best)
			table_emph_last(t);
	}
	table_cell(t, "%s", v.best >= 0 ? strategies[v.best] : "-");
	if (v.second < 0) {
		table_cell(t, "-");
	} else if (v.c.exact || v.c.single) {
		char r[16];
		table_cell(t, "%s %s (`%s`)", fmt_ratio(v.c.ratio, r, sizeof(r)),
			   v.c.exact ? "exact" : "from 1 run, untested", strategies[v.second]);
	} else {
		char r[16], lo[16], hi[16], p[16];
		table_cell(t, "%s [%s, %s] (`%s`, %s over runs)%s%s", fmt_ratio(v.c.ratio, r, sizeof(r)),
			   fmt_ratio(v.c.lo, lo, sizeof(lo)), fmt_ratio(v.c.hi, hi, sizeof(hi)),
			   strategies[v.second], fmt_p(v.c.mw.p, p, sizeof(p)), v.c.q ? " " : "",
			   v.c.q ? quality_text(v.c.q) : "");
	}
}

static void strategy_header(struct table *t, const char *first, const char *const *strategies,
			    size_t ns)
{
	char align[16] = "l";
	ns = ns < 12 ? ns : 12;
	for (size_t i = 0; i < ns; i++)
		strcat(align, "r");
	strcat(align, "ll");
	table_init(t, align);
	table_cell(t, "%s", first);
	for (size_t i = 0; i < ns; i++)
		table_cell(t, "%s", strategies[i]);
	table_cell(t, "cheapest"), table_cell(t, "runner-up costs");
}

void table_sweep(const struct sweep *s, enum measure m, struct table *t)
{
	strategy_header(t, s->dim == DIM_MEM ? "guest RAM" : "touched", s->strategies, s->ns);
	for (size_t xi = 0; xi < s->nx; xi++) {
		char buf[32];
		strategy_row(t, sweep_x(s, xi, buf, sizeof(buf)), &s->cell[xi * s->ns],
			     s->strategies, s->ns, m);
	}
}

void table_configs(const struct analysis *a, const char *board, enum measure m, struct table *t)
{
	const struct dataset *d = &a->d;
	strategy_header(t, "config", d->strategies, d->ns);
	struct group **row = calloc(d->ns + 1, sizeof(*row));
	for (size_t i = 0; i < d->ng; i++) {
		const struct run *c = d->g[i].config;
		if (strcmp(c->dim[DIM_BOARD], board) || (i && same_config(d->g[i - 1].config, c, NDIMS)))
			continue; /* groups are sorted by config: the first of each */
		for (size_t si = 0; si < d->ns; si++)
			row[si] = dataset_find(d, c, d->strategies[si]);
		struct strbuf label = { 0 };
		describe_context(d, c, DIM_BOARD, &label);
		strategy_row(t, sb_str(&label), row, d->strategies, d->ns, m);
		sb_free(&label);
	}
	free(row);
}

void replication_note(struct group *const *cells, size_t n, enum measure m, struct strbuf *out)
{
	size_t nmin = SIZE_MAX, nmax = 0, exact = 0, trend = 0, measured = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cells[i] || !cells[i]->n[m])
			continue;
		const struct estimate *e = group_estimate(cells[i], m);
		measured++;
		nmin = e->n < nmin ? e->n : nmin, nmax = e->n > nmax ? e->n : nmax;
		exact += e->spread == SPREAD_EXACT, trend += e->trend;
	}
	if (!measured)
		return;
	sb_printf(out, "Unit of replication: the run (its warm boots summarised by their median, or "
		       "at one reboot index where the cost trends); n = %zu", nmin);
	if (nmax > nmin)
		sb_printf(out, "–%zu", nmax);
	sb_printf(out, " run%s per cell. %zu of %zu cells exact (all runs bit-identical: no CI, no "
		       "test)", nmax == 1 ? "" : "s", exact, measured);
	if (trend)
		sb_printf(out, "; %zu trend with the reboot index (value at the last reboot, and at "
			       "reboot 1)", trend);
	sb_puts(out, ".");
}

void table_crossovers(const struct board_part *p, struct table *t)
{
	table_init(t, "llrlll");
	table_cell(t, "fault-time vs eager"), table_cell(t, "at reboot");
	table_cell(t, "equal cost between (grid)"), table_cell(t, "interpolated");
	table_cell(t, "runs per cell"), table_cell(t, "cost ratio over the sweep");
	for (size_t i = 0; i < p->nxo; i++) {
		const struct crossover *x = &p->xo[i];
		for (int first = 0; first <= x->trend; first++) {
			const struct crossing *c = first ? &x->first : &x->last;
			char lo[16], hi[16];
			table_cell(t, "`%s` vs `%s`", x->a, x->b);
			if (x->trend)
				table_cell(t, "%d", first ? 1 : x->at);
			else
				table_cell(t, "any (steady)");
			if (!c->found)
				table_cell(t, "no crossing");
			else if (isnan(c->lo) || isnan(c->hi))
				table_cell(t, "%s%g%% .. %s%g%% (open)", isnan(c->lo) ? "< " : "",
					   isnan(c->lo) ? c->hi : c->lo, isnan(c->hi) ? "> " : "",
					   isnan(c->hi) ? c->lo : c->hi);
			else
				table_cell(t, "%g%% .. %g%%", c->lo, c->hi);
			table_cell(t, c->found ? "%.1f%%" : "-", c->interp);
			table_cell(t, "%zu%s%s", x->min_runs, x->max_runs > x->min_runs ? "+" : "",
				   x->exact ? " (exact)" : x->single ? " (spread unknown)" : "");
			table_cell(t, "%s/%s = %s .. %s", x->a, x->b,
				   fmt_ratio(c->ratio_min, lo, sizeof(lo)),
				   fmt_ratio(c->ratio_max, hi, sizeof(hi)));
		}
	}
}

void table_fault_latency(const struct analysis *a, struct table *t)
{
	table_init(t, "lrrrrr");
	table_cell(t, "strategy"), table_cell(t, "faults traced"), table_cell(t, "median");
	table_cell(t, "p90"), table_cell(t, "p99"), table_cell(t, "max");
	const struct results *r = &a->r;
	double *x = malloc((r->nfaults + 1) * sizeof(*x));
	for (size_t si = 0; si < a->d.nseen; si++) {
		size_t n = 0;
		for (size_t i = 0; i < r->nfaults; i++)
			if (!strcmp(r->runs[r->faults[i].run].strategy, a->d.seen[si]) &&
			    !is_absent(r->faults[i].cycles))
				x[n++] = r->faults[i].cycles;
		if (!n)
			continue;
		sort_doubles(x, n);
		char b[4][32];
		table_cell(t, "`%s`", a->d.seen[si]), table_cell(t, "%zu", n);
		table_cell(t, "%s", fmt_count(quantile_sorted(x, n, 0.5), b[0], 32));
		table_cell(t, "%s", fmt_count(quantile_sorted(x, n, 0.9), b[1], 32));
		table_cell(t, "%s", fmt_count(quantile_sorted(x, n, 0.99), b[2], 32));
		table_cell(t, "%s", fmt_count(x[n - 1], b[3], 32));
	}
	free(x);
}

void table_failures(const struct analysis *a, size_t max, struct table *t)
{
	table_init(t, "lllrrll");
	table_cell(t, "run"), table_cell(t, "strategy"), table_cell(t, "guest");
	table_cell(t, "mem"), table_cell(t, "frac"), table_cell(t, "status");
	table_cell(t, "error");
	size_t shown = 0, more = 0;
	for (size_t i = 0; i < a->r.nruns; i++) {
		const struct run *u = &a->r.runs[i];
		if (!strcmp(u->status, "ok"))
			continue;
		if (shown == max) {
			more++;
			continue;
		}
		char mem[32];
		table_cell(t, "%s", u->run_id), table_cell(t, "%s", u->strategy);
		table_cell(t, "%s", u->dim[DIM_GUEST]);
		table_cell(t, "%s", fmt_mem(u->mem, mem, sizeof(mem)));
		table_cell(t, "%s", u->dim[DIM_FRAC]), table_cell(t, "%s", u->status);
		table_cell(t, "%s", *u->error ? u->error : "-");
		shown++;
	}
	if (more) {
		table_cell(t, "... %zu more", more);
		for (int k = 0; k < 6; k++)
			table_cell(t, "%s", "");
	}
}

void table_unusable(const struct analysis *a, struct table *t)
{
	table_init(t, "lrlll");
	table_cell(t, "run"), table_cell(t, "runs.csv line"), table_cell(t, "status");
	table_cell(t, "error"), table_cell(t, "why left out");
	for (size_t i = 0; i < a->r.nunusable; i++) {
		const struct unusable_run *u = &a->r.unusable[i];
		table_cell(t, "%s", u->run_id), table_cell(t, "%zu", u->line);
		table_cell(t, "%s", *u->status ? u->status : "-");
		table_cell(t, "%s", *u->error ? u->error : "-"), table_cell(t, "%s", u->why);
	}
}
