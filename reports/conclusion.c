/* Turning sweeps, verdicts and crossovers into sentences. */
#include "conclusion.h"

#include "palette.h"
#include "replicates.h"
#include "tables.h"
#include "verdict.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static const char *x_text(const struct sweep *s, size_t xi, char *buf, size_t len)
{
	if (s->dim == DIM_MEM)
		return fmt_mem(s->x[xi], buf, len);
	snprintf(buf, len, "%g%%", s->x[xi]);
	return buf;
}

static void range_text(const struct sweep *s, size_t from, size_t to, struct strbuf *out)
{
	char a[32], b[32];
	sb_printf(out, "%s %s", s->dim == DIM_MEM ? "guest RAM" : "touched fraction",
		  x_text(s, from, a, sizeof(a)));
	if (to > from)
		sb_printf(out, "–%s", x_text(s, to, b, sizeof(b)));
}

/* "On `qemu-virt-a72`: " before every finding when several boards are in the data. */
static void on_board(const struct analysis *a, const struct board_part *p, struct strbuf *out)
{
	if (MULTI_BOARD(a))
		sb_printf(out, "On `%s`: ", p->board);
}

/* "the next best (`lazy`) costs 1.38x as much (exact)": the runner-up against the cheapest. */
static void margin(const char *second, double rmin, double rmax, int unresolved, int exact,
		   int single, double pmax, int several, struct strbuf *out)
{
	char lo[16], hi[16], p[16];
	sb_printf(out, "the next best%s%s%s costs %s", second ? " (`" : "", second ? second : "",
		  second ? "`)" : "", fmt_ratio(rmin, lo, sizeof(lo)));
	if (fmt_ratio(rmax, hi, sizeof(hi)) && strcmp(lo, hi))
		sb_printf(out, "–%s", hi);
	if (exact)
		sb_printf(out, " as much (exact: every run of these cells is identical, so there "
			       "is no spread to test).\n");
	else if (single)
		sb_printf(out, " as much (one run per cell: no spread is known, so the difference "
			       "is not tested).\n");
	else if (unresolved)
		sb_printf(out, " as much, but that difference is not established at every point "
			       "(%s at worst over runs, or too few runs).\n", fmt_p(pmax, p, sizeof(p)));
	else
		sb_printf(out, " as much (Mann–Whitney over runs %s%s).\n", fmt_p(pmax, p, sizeof(p)),
			  several ? " at every point" : "");
}

/* "At guest RAM 16M–512M (guest=touch frac=50), `fwb` is cheapest; ..." per run of equal
 * winners along the sweep. */
static void winners(const struct analysis *a, const struct board_part *bp, const struct sweep *s,
		    struct strbuf *out)
{
	struct strbuf ctx = { 0 };
	describe_context(&a->d, s->context, s->dim, &ctx);
	for (size_t xi = 0; xi < s->nx;) {
		struct verdict v = verdict_at(s, xi, M_COST);
		size_t end = xi;
		double rmin = INFINITY, rmax = -INFINITY, pmax = 0;
		int second = v.second, same_second = 1, unresolved = 0, exact = 1, single = 0;
		for (;;) {
			if (v.second >= 0) {
				rmin = fmin(rmin, v.c.ratio), rmax = fmax(rmax, v.c.ratio);
				pmax = fmax(pmax, isnan(v.c.mw.p) ? (v.c.exact ? 0 : 1) : v.c.mw.p);
				unresolved |= !contrast_differs(&v.c);
				exact &= v.c.exact, single |= v.c.single;
				same_second &= v.second == second;
			}
			if (end + 1 >= s->nx || verdict_at(s, end + 1, M_COST).best != v.best)
				break;
			v = verdict_at(s, ++end, M_COST);
		}
		int at = 0; /* a trending cell in the range is ranked at its last reboot */
		for (size_t k = xi; k <= end; k++)
			for (size_t si = 0; si < s->ns; si++) {
				struct group *g = sweep_cell(s, k, si);
				if (may_win(g) && g->n[M_COST] && group_estimate(g, M_COST)->trend)
					at = group_estimate(g, M_COST)->at;
			}
		on_board(a, bp, out);
		sb_puts(out, "At ");
		range_text(s, xi, end, out);
		sb_printf(out, " (%s)", sb_str(&ctx));
		if (at)
			sb_printf(out, " at reboot %d (some costs here trend with the reboot index)", at);
		sb_puts(out, ", ");
		if (v.best < 0) {
			sb_puts(out, "no correct strategy was measured.\n");
		} else if (second < 0 && v.second < 0) {
			sb_printf(out, "only `%s` was measured among the correct strategies.\n",
				  s->strategies[v.best]);
		} else {
			sb_printf(out, "`%s` is cheapest; ", s->strategies[v.best]);
			margin(same_second ? s->strategies[second] : NULL, rmin, rmax, unresolved, exact,
			       single, pmax, end > xi, out);
		}
		xi = end + 1;
	}
	sb_free(&ctx);
}

/* A board without a sweep: its ranking config by config. */
static void rankings(const struct analysis *a, const struct board_part *bp, struct strbuf *out)
{
	struct group **row = calloc(a->d.ns + 1, sizeof(*row));
	for (size_t i = 0; i < a->d.ng; i++) {
		const struct run *c = a->d.g[i].config;
		if (strcmp(c->dim[DIM_BOARD], bp->board) || (i && same_config(a->d.g[i - 1].config, c, NDIMS)))
			continue; /* groups are sorted by config: the first of each */
		for (size_t si = 0; si < a->d.ns; si++)
			row[si] = dataset_find(&a->d, c, a->d.strategies[si]);
		struct verdict v = verdict_cells(row, a->d.ns, M_COST);
		struct strbuf ctx = { 0 };
		describe_context(&a->d, c, DIM_BOARD, &ctx);
		on_board(a, bp, out);
		sb_printf(out, "At %s, ", sb_str(&ctx));
		sb_free(&ctx);
		if (v.best < 0)
			sb_puts(out, "no correct strategy was measured.\n");
		else if (v.second < 0)
			sb_printf(out, "only `%s` was measured among the correct strategies.\n",
				  a->d.strategies[v.best]);
		else {
			sb_printf(out, "`%s` is cheapest; ", a->d.strategies[v.best]);
			margin(a->d.strategies[v.second], v.c.ratio, v.c.ratio, !contrast_differs(&v.c),
			       v.c.exact, v.c.single, isnan(v.c.mw.p) ? 1 : v.c.mw.p, 0, out);
		}
	}
	free(row);
}

/* How every correct strategy compares with KVM's current behaviour along the sweep. */
static void against_kvm(const struct analysis *a, const struct board_part *bp,
			const struct sweep *s, struct strbuf *out)
{
	int base = sweep_strategy(s, "unmap");
	if (base < 0)
		return;
	struct strbuf parts = { 0 };
	for (size_t si = 0; si < s->ns; si++) {
		double rmin = INFINITY, rmax = -INFINITY;
		for (size_t xi = 0; xi < s->nx && (int)si != base; xi++) {
			struct group *g = sweep_cell(s, xi, si), *u = sweep_cell(s, xi, (size_t)base);
			if (!may_win(g) || !u || !g->n[M_COST] || !u->n[M_COST])
				continue;
			double r = group_estimate(g, M_COST)->median / group_estimate(u, M_COST)->median;
			rmin = fmin(rmin, r), rmax = fmax(rmax, r);
		}
		if (isinf(rmin))
			continue;
		char lo[16], hi[16];
		sb_printf(&parts, "%s`%s` %s", parts.len ? ", " : "", s->strategies[si],
			  fmt_ratio(rmin, lo, sizeof(lo)));
		if (strcmp(lo, fmt_ratio(rmax, hi, sizeof(hi))))
			sb_printf(&parts, "–%s", hi);
	}
	if (parts.len) {
		on_board(a, bp, out);
		sb_puts(out, "Relative to KVM's behaviour without FWB (`unmap`) over ");
		range_text(s, 0, s->nx - 1, out);
		struct strbuf ctx = { 0 };
		describe_context(&a->d, s->context, s->dim, &ctx);
		sb_printf(out, " (%s)", sb_str(&ctx));
		sb_free(&ctx);
		sb_printf(out, ", a reboot costs: %s of `unmap`'s cost.\n", sb_str(&parts));
	}
	sb_free(&parts);
}

/* "between 25% and 50% touched" (an open end is the edge of the measured range). */
static void bracket_text(const struct crossing *c, struct strbuf *out)
{
	if (!isnan(c->lo) && !isnan(c->hi))
		sb_printf(out, "between %g%% and %g%% touched", c->lo, c->hi);
	else if (!isnan(c->hi))
		sb_printf(out, "somewhere below %g%% touched (not established at the lower grid "
			       "points)", c->hi);
	else if (!isnan(c->lo))
		sb_printf(out, "somewhere above %g%% touched (not established at the higher grid "
			       "points)", c->lo);
	else
		sb_puts(out, "somewhere in the measured range (the sign of the difference is not "
			     "established at any grid point)");
}

static void crossing_text(const struct crossover *x, const struct crossing *c, struct strbuf *out)
{
	char lo[16], hi[16];
	if (c->found) {
		sb_printf(out, "`%s` and `%s` cost the same ", x->a, x->b);
		bracket_text(c, out);
		sb_printf(out, " (linear interpolation of the medians says %.1f%%, but only the grid "
			       "points are measured); below it `%s` is cheaper, above it `%s`",
			  c->interp, c->a_cheaper_first ? x->a : x->b, c->a_cheaper_first ? x->b : x->a);
	} else {
		const char *cheap = c->a_cheaper_first ? x->a : x->b;
		sb_printf(out, "`%s` and `%s` never cross in the measured range: `%s` is cheaper "
			       "throughout (`%s`/`%s` = %s–%s)", x->a, x->b, cheap, x->a, x->b,
			  fmt_ratio(c->ratio_min, lo, sizeof(lo)), fmt_ratio(c->ratio_max, hi, sizeof(hi)));
	}
}

static const char *runs_text(const struct crossover *x, char *buf, size_t len)
{
	if (x->max_runs > x->min_runs)
		snprintf(buf, len, "%zu–%zu", x->min_runs, x->max_runs);
	else
		snprintf(buf, len, "%zu", x->min_runs);
	return buf;
}

static void crossovers(const struct analysis *a, const struct board_part *bp, struct strbuf *out)
{
	char nbuf[48];
	for (size_t i = 0; i < bp->nxo; i++) {
		const struct crossover *x = &bp->xo[i];
		on_board(a, bp, out);
		if (x->trend)
			sb_printf(out, "At reboot %d: ", x->at);
		crossing_text(x, &x->last, out);
		if (x->exact)
			sb_printf(out, " (every cell exact: %zu identical runs each).\n", x->min_runs);
		else if (x->single)
			sb_puts(out, " (one run per cell: the spread between runs is unknown).\n");
		else
			sb_printf(out, " (%s runs per cell; a grid point where the runs' spread "
				       "overlaps does not bound it).\n", runs_text(x, nbuf, sizeof(nbuf)));
		if (!x->trend)
			continue;
		struct strbuf who = { 0 };
		if (x->trend_a)
			sb_printf(&who, "`%s`", x->a);
		if (x->trend_b)
			sb_printf(&who, "%s`%s`", who.len ? " and " : "", x->b);
		on_board(a, bp, out);
		sb_printf(out, "That crossover depends on how many times the guest has rebooted: the "
			       "cost of %s changes with every reboot here (no steady state within a run; "
			       "see the cost against reboot index chart), so it is stated at reboot %d, "
			       "the last one every run reached. At reboot 1: ", sb_str(&who), x->at);
		sb_free(&who);
		crossing_text(x, &x->first, out);
		sb_puts(out, ".\n");
	}
}

/* The coherence oracle's runs of STRATEGY on BP's board (docs/oracle.md): how many, and in how
 * many it found a violation. */
static size_t oracle_runs(const struct analysis *a, const struct board_part *bp,
			  const char *strategy, size_t *caught)
{
	size_t n = 0;
	*caught = 0;
	for (size_t i = 0; i < a->r.nruns; i++) {
		const struct run *u = &a->r.runs[i];
		if (u->oracle && !strcmp(u->dim[DIM_BOARD], bp->board) && !strcmp(u->strategy, strategy))
			n++, *caught += u->oracle_violations > 0;
	}
	return n;
}

/* The oracle's verdict per strategy: a negative control must be caught, the others clean. */
static void oracle_verdicts(const struct analysis *a, const struct board_part *bp,
			    struct strbuf *out)
{
	for (size_t si = 0; si < a->d.nseen; si++) {
		const char *st = a->d.seen[si];
		size_t caught, n = oracle_runs(a, bp, st, &caught);
		if (!n)
			continue;
		on_board(a, bp, out);
		if (strategy_look(st)->control)
			sb_printf(out, "Coherence oracle: the negative control `%s` was %s in %zu of %zu "
				       "oracle runs%s\n", st, caught ? "**caught**" : "not caught", caught,
				  n, caught == n ? "." : ". WARNING: the oracle missed it.");
		else if (caught)
			sb_printf(out, "WARNING: the coherence oracle flagged `%s` in %zu of %zu oracle "
				       "runs.\n", st, caught, n);
		else
			sb_printf(out, "Coherence oracle: `%s`, no violation in %zu oracle runs.\n", st, n);
	}
}

static void correctness(const struct analysis *a, const struct board_part *bp, struct strbuf *out)
{
	for (size_t si = 0; si < a->d.ns; si++) {
		size_t warm = 0, failed = 0, cells = 0, oracle_caught;
		for (size_t g = 0; g < a->d.ng; g++)
			if (!strcmp(a->d.g[g].strategy, a->d.strategies[si]) &&
			    !strcmp(a->d.g[g].config->dim[DIM_BOARD], bp->board))
				warm += a->d.g[g].warm_boots, failed += a->d.g[g].failed_checks, cells++;
		if (!cells)
			continue;
		int control = strategy_look(a->d.strategies[si])->control;
		if (control || failed)
			on_board(a, bp, out);
		if (control && failed)
			sb_printf(out, "The negative control `%s` failed its coherence check in %zu of "
				       "%zu warm boots: stale data is caught, as it must be.\n",
				  a->d.strategies[si], failed, warm);
		else if (control && oracle_runs(a, bp, a->d.strategies[si], &oracle_caught))
			sb_printf(out, "The negative control `%s` passed every check (%zu warm boots), "
				       "as QEMU's TCG has no caches to go stale; the coherence oracle "
				       "judges it below.\n", a->d.strategies[si], warm);
		else if (control)
			sb_printf(out, "The negative control `%s` passed every check (%zu warm boots)%s\n",
				  a->d.strategies[si], warm,
				  a->qemu ? ": expected on QEMU, whose TCG has no caches to go stale; "
					    "only a board, the simulator or an `oracle = on` run can "
					    "catch it."
					  : ". WARNING: the checks did not catch missing maintenance.");
		else if (failed)
			sb_printf(out, "WARNING: `%s` failed %zu of %zu coherence checks; it is "
				       "excluded from the ranking.\n", a->d.strategies[si], failed, warm);
	}
	oracle_verdicts(a, bp, out);
}

static int on(const struct run *u, const struct board_part *bp)
{
	return !strcmp(u->dim[DIM_BOARD], bp->board);
}

/* Refusals and runs without results on one board. */
static void missing(const struct analysis *a, const struct board_part *bp, struct strbuf *out)
{
	for (size_t si = 0; si < a->d.nseen; si++) {
		size_t unsup = 0, runs = 0;
		for (size_t i = 0; i < a->r.nruns; i++)
			if (on(&a->r.runs[i], bp) && !strcmp(a->r.runs[i].strategy, a->d.seen[si])) {
				runs++;
				unsup += !strcmp(a->r.runs[i].status, "unsupported");
			}
		if (!unsup)
			continue;
		on_board(a, bp, out);
		if (unsup == runs)
			sb_printf(out, "`%s` did not run: the CPU does not support it (%zu runs "
				       "refused%s).\n", a->d.seen[si], unsup,
				  !strcmp(a->d.seen[si], "fwb") ? ", FEAT_S2FWB absent" : "");
		else
			sb_printf(out, "`%s` was refused in %zu of its %zu runs (unsupported).\n",
				  a->d.seen[si], unsup, runs);
	}
	/* every status without results, by name in order of first appearance: statuses the harness
	 * adds later (short, not_ready, log_full, ...) are counted too, never dropped */
	const char *bad[32];
	size_t nbad = 0, count[32] = { 0 };
	for (size_t i = 0; i < a->r.nruns; i++) {
		const char *st = a->r.runs[i].status;
		if (!on(&a->r.runs[i], bp) || run_measured(&a->r.runs[i]) || !strcmp(st, "unsupported") ||
		    a->r.runs[i].oracle) /* a verdict, not a measurement: oracle_verdicts() */
			continue;
		size_t k = 0;
		while (k < nbad && strcmp(bad[k], st))
			k++;
		if (k == nbad && nbad < 32)
			bad[nbad++] = st;
		if (k < nbad)
			count[k]++;
	}
	struct strbuf s = { 0 };
	for (size_t k = 0; k < nbad; k++)
		sb_printf(&s, "%s%zu %s", s.len ? ", " : "", count[k], bad[k]);
	if (s.len) {
		on_board(a, bp, out);
		sb_printf(out, "Runs without results (%s) are excluded and listed under Failures and refusals.\n",
			  sb_str(&s));
	}
	sb_free(&s);
}

/* What a cell's number is: the unit of replication, how many, exact or not, trends. */
static void sample_quality(const struct analysis *a, struct strbuf *out)
{
	size_t cells = 0, few = 0, noisy = 0, exact = 0, trend = 0, nmin = SIZE_MAX, nmax = 0;
	for (size_t i = 0; i < a->d.ng; i++) {
		struct group *g = &a->d.g[i];
		if (!g->n[M_COST])
			continue;
		cells++;
		const struct estimate *e = group_estimate(g, M_COST);
		enum quality q = estimate_quality(e);
		few += q == Q_TOO_FEW, noisy += q == Q_TOO_NOISY;
		exact += e->spread == SPREAD_EXACT, trend += e->trend;
		nmin = e->n < nmin ? e->n : nmin, nmax = e->n > nmax ? e->n : nmax;
	}
	if (!cells)
		return;
	sb_printf(out, "The unit of replication is the run (boots of one run are not independent "
		       "samples): each of the %zu measured configurations has %zu", cells, nmin);
	if (nmax > nmin)
		sb_printf(out, "–%zu", nmax);
	sb_printf(out, " run%s. %zu %s exact (every run bit-identical: shown without CI or test)",
		  nmax == 1 ? "" : "s", exact, exact == 1 ? "is" : "are");
	if (few)
		sb_printf(out, ", %zu have too few differing runs for a CI (< %d; their range is "
			       "shown)", few, MIN_SAMPLES);
	if (noisy)
		sb_printf(out, ", %zu are too noisy (95%% CI over runs wider than %.0f%% of the median)",
			  noisy, 100 * NOISY_REL_WIDTH);
	sb_puts(out, ".\n");
	if (trend)
		sb_printf(out, "%zu of the %zu configurations have no steady state within a run: their "
			       "cost keeps changing with the reboot index (Kendall |τ| ≥ %.1f and a "
			       "change of ≥ %.0f%% between the first and last third of the warm "
			       "boots). They are shown at the last reboot every run reached, beside "
			       "reboot 1, never pooled over boots; every other configuration shows no "
			       "trend by that rule and each of its runs is the median of all its warm "
			       "boots.\n", trend, cells, TREND_TAU, 100 * TREND_CHANGE);
}

const char *qemu_caveat(const struct analysis *a)
{
	return a->qemu ? "These numbers come from QEMU TCG with `-icount shift=0`: cycles equal "
			 "retired instructions, and TCG models no caches. They are software path "
			 "lengths and maintenance-operation counts, not timings; cache effects (what "
			 "a clean really costs, whether skipping it corrupts the guest) need a board "
			 "or the simulator."
		       : "";
}

void conclusion_write(const struct analysis *a, struct strbuf *out)
{
	int swept = 0;
	for (size_t i = 0; i < a->nparts; i++) {
		const struct board_part *p = &a->part[i];
		if (board_measured(a, p->board, M_KVM_INIT) && !board_measured(a, p->board, M_COST)) {
			/* a KVM host runs no s2hv strategy: nothing to rank, its times are the answer */
			on_board(a, p, out);
			sb_puts(out, "s2vmm on KVM: no s2hv strategy to rank; KVM's re-init, unmap, "
				     "fault and reboot times are in the KVM table.\n");
			correctness(a, p, out);
			missing(a, p, out);
			swept = 1; /* its times are stated, per config, in the KVM table */
			continue;
		}
		if (p->have_mem)
			winners(a, p, &p->mem, out);
		if (p->have_frac)
			winners(a, p, &p->frac, out);
		if (!p->have_mem && !p->have_frac)
			rankings(a, p, out);
		if (p->have_mem)
			against_kvm(a, p, &p->mem, out);
		crossovers(a, p, out);
		correctness(a, p, out);
		missing(a, p, out);
		swept |= p->have_mem || p->have_frac;
	}
	/* a board whose every run was refused or failed has no part: its refusals still count */
	for (size_t i = 0; i < a->r.nruns; i++) {
		const char *b = a->r.runs[i].dim[DIM_BOARD];
		size_t k = 0, j = 0;
		while (k < a->nparts && strcmp(a->part[k].board, b))
			k++;
		while (j < i && strcmp(a->r.runs[j].dim[DIM_BOARD], b))
			j++;
		if (k < a->nparts || j < i)
			continue;
		struct board_part none = { .board = b };
		sb_printf(out, "On `%s`: no run produced measurements.\n", b);
		missing(a, &none, out);
		oracle_verdicts(a, &none, out); /* an oracle-only suite: verdicts, no measurements */
	}
	if (a->r.nunusable)
		sb_printf(out, "%zu run%s without a configuration (no cfg record) %s left out: see "
			       "Runs left out.\n", a->r.nunusable, a->r.nunusable == 1 ? "" : "s",
			  a->r.nunusable == 1 ? "is" : "are");
	sample_quality(a, out);
	if (!swept)
		sb_puts(out, "The data set sweeps neither guest RAM size nor touched fraction, so no "
			     "trend can be stated; see the tables.\n");
}
