/* Turning sweeps, verdicts and crossovers into sentences. */
#include "conclusion.h"

#include "palette.h"
#include "verdict.h"

#include <math.h>
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

/* "At guest RAM 16M–512M (guest=touch frac=50), `fwb` is cheapest; ..." per run of equal
 * winners along the sweep. */
static void winners(const struct analysis *a, const struct sweep *s, struct strbuf *out)
{
	struct strbuf ctx = { 0 };
	describe_context(&a->d, s->context, s->dim, &ctx);
	for (size_t xi = 0; xi < s->nx;) {
		struct verdict v = verdict_at(s, xi, M_COST);
		size_t end = xi;
		double rmin = INFINITY, rmax = -INFINITY, pmax = 0;
		int second = v.second, same_second = 1, unresolved = 0;
		for (;;) {
			if (v.second >= 0) {
				rmin = fmin(rmin, v.c.ratio), rmax = fmax(rmax, v.c.ratio);
				pmax = fmax(pmax, isnan(v.c.mw.p) ? 1 : v.c.mw.p);
				unresolved |= !contrast_differs(&v.c);
				same_second &= v.second == second;
			}
			if (end + 1 >= s->nx || verdict_at(s, end + 1, M_COST).best != v.best)
				break;
			v = verdict_at(s, ++end, M_COST);
		}
		sb_puts(out, "At ");
		range_text(s, xi, end, out);
		sb_printf(out, " (%s), ", sb_str(&ctx));
		if (v.best < 0) {
			sb_puts(out, "no correct strategy was measured.\n");
		} else if (second < 0 && v.second < 0) {
			sb_printf(out, "only `%s` was measured among the correct strategies.\n",
				  s->strategies[v.best]);
		} else {
			char lo[16], hi[16], p[16];
			sb_printf(out, "`%s` is cheapest; the next best%s%s%s costs %s", s->strategies[v.best],
				  same_second ? " (`" : "", same_second ? s->strategies[second] : "",
				  same_second ? "`)" : "", fmt_ratio(rmin, lo, sizeof(lo)));
			if (fmt_ratio(rmax, hi, sizeof(hi)) && strcmp(lo, hi))
				sb_printf(out, "–%s", hi);
			if (unresolved)
				sb_printf(out, " as much, but that difference is not established at every "
					       "point (%s at worst, or too few samples).\n",
					  fmt_p(pmax, p, sizeof(p)));
			else
				sb_printf(out, " as much (Mann–Whitney %s%s).\n",
					  fmt_p(pmax, p, sizeof(p)), end > xi ? " at every point" : "");
		}
		xi = end + 1;
	}
	sb_free(&ctx);
}

/* How every correct strategy compares with KVM's current behaviour along the sweep. */
static void against_kvm(const struct analysis *a, const struct sweep *s, struct strbuf *out)
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

static void crossovers(const struct analysis *a, struct strbuf *out)
{
	for (size_t i = 0; i < a->nxo; i++) {
		const struct crossover *x = &a->xo[i];
		char lo[16], hi[16];
		if (x->found) {
			sb_printf(out, "`%s` and `%s` cost the same when the guest touches %.1f%% of its "
				       "RAM per boot", x->a, x->b, x->x);
			if (!isnan(x->lo) && x->resample_hits >= 0.95)
				sb_printf(out, " (95%% CI %.1f%%–%.1f%%)", x->lo, x->hi);
			else
				sb_printf(out, " (only %.0f%% of bootstrap resamples cross: the "
					       "interval is open, too noisy to pin down)",
					  100 * x->resample_hits);
			sb_printf(out, ": below it `%s` is cheaper, above it `%s`.\n",
				  x->a_cheaper_first ? x->a : x->b, x->a_cheaper_first ? x->b : x->a);
		} else {
			const char *cheap = x->a_cheaper_first ? x->a : x->b;
			sb_printf(out, "`%s` and `%s` never cross in the measured range: `%s` is cheaper "
				       "throughout (`%s`/`%s` = %s–%s).\n", x->a, x->b, cheap, x->a, x->b,
				  fmt_ratio(x->ratio_min, lo, sizeof(lo)),
				  fmt_ratio(x->ratio_max, hi, sizeof(hi)));
		}
	}
}

static void correctness(const struct analysis *a, struct strbuf *out)
{
	for (size_t si = 0; si < a->d.ns; si++) {
		size_t warm = 0, failed = 0;
		for (size_t g = 0; g < a->d.ng; g++)
			if (!strcmp(a->d.g[g].strategy, a->d.strategies[si]))
				warm += a->d.g[g].warm_boots, failed += a->d.g[g].failed_checks;
		int control = strategy_look(a->d.strategies[si])->control;
		if (control && failed)
			sb_printf(out, "The negative control `%s` failed its coherence check in %zu of "
				       "%zu warm boots: stale data is caught, as it must be.\n",
				  a->d.strategies[si], failed, warm);
		else if (control)
			sb_printf(out, "The negative control `%s` passed every check (%zu warm boots)%s\n",
				  a->d.strategies[si], warm,
				  a->qemu ? ": expected on QEMU, whose TCG has no caches to go stale; "
					    "only a board or the simulator can catch it."
					  : ". WARNING: the checks did not catch missing maintenance.");
		else if (failed)
			sb_printf(out, "WARNING: `%s` failed %zu of %zu coherence checks; it is "
				       "excluded from the ranking.\n", a->d.strategies[si], failed, warm);
	}
}

static void missing(const struct analysis *a, struct strbuf *out)
{
	for (size_t si = 0; si < a->d.nseen; si++) {
		size_t unsup = 0, runs = 0;
		for (size_t i = 0; i < a->r.nruns; i++)
			if (!strcmp(a->r.runs[i].strategy, a->d.seen[si])) {
				runs++;
				unsup += !strcmp(a->r.runs[i].status, "unsupported");
			}
		if (unsup == runs)
			sb_printf(out, "`%s` did not run: the CPU does not support it (%zu runs "
				       "refused%s).\n", a->d.seen[si], unsup,
				  !strcmp(a->d.seen[si], "fwb") ? ", FEAT_S2FWB absent" : "");
	}
	/* every status without results, by name in order of first appearance: statuses the harness
	 * adds later (short, not_ready, log_full, ...) are counted too, never dropped */
	const char *bad[32];
	size_t nbad = 0, count[32] = { 0 };
	for (size_t i = 0; i < a->r.nruns; i++) {
		const char *st = a->r.runs[i].status;
		if (run_measured(&a->r.runs[i]) || !strcmp(st, "unsupported"))
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
	if (s.len)
		sb_printf(out, "Runs without results (%s) are excluded and listed under Failures.\n",
			  sb_str(&s));
	sb_free(&s);
	if (a->r.nunusable)
		sb_printf(out, "%zu run%s without a configuration (no cfg record) %s left out: see "
			       "Runs left out.\n", a->r.nunusable, a->r.nunusable == 1 ? "" : "s",
			  a->r.nunusable == 1 ? "is" : "are");
}

static void sample_quality(const struct analysis *a, struct strbuf *out)
{
	size_t cells = 0, few = 0, noisy = 0;
	for (size_t i = 0; i < a->d.ng; i++) {
		struct group *g = &a->d.g[i];
		if (!g->n[M_COST])
			continue;
		cells++;
		enum quality q = estimate_quality(group_estimate(g, M_COST));
		few += q == Q_TOO_FEW, noisy += q == Q_TOO_NOISY;
	}
	if (few || noisy)
		sb_printf(out, "Of %zu measured configurations, %zu have too few samples (< %d warm "
			       "boots) and %zu are too noisy (95%% CI wider than %.0f%% of the median); "
			       "they are marked in the tables and their conclusions are weaker.\n",
			  cells, few, MIN_SAMPLES, noisy, 100 * NOISY_REL_WIDTH);
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
	if (a->have_mem)
		winners(a, &a->mem, out);
	if (a->have_frac)
		winners(a, &a->frac, out);
	if (a->have_mem)
		against_kvm(a, &a->mem, out);
	crossovers(a, out);
	correctness(a, out);
	missing(a, out);
	sample_quality(a, out);
	if (!a->have_mem && !a->have_frac)
		sb_puts(out, "The data set sweeps neither guest RAM size nor touched fraction, so no "
			     "trend can be stated; see the tables.\n");
}
