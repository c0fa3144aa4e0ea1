/* The KVM figure: s2vmm's re-init, unmap and reboot times against the guest's vCPU count, one
 * line per board and measure (KVM re-initialises every vCPU at reboot, and unmaps stage 2 once
 * per vCPU without FEAT_S2FWB: docs/kvm.md), and with --profile of the board's CPU the s2hv
 * strategies' predicted times as markers (kvm_predict.h). Times in ms, converted from each
 * key's unit. */
#include "analysis.h"
#include "charts.h"
#include "kvm_predict.h"
#include "palette.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	enum measure m;
	double per_ms; /* the key's units per millisecond */
	const char *what, *color;
} lines[] = {
	{ M_KVM_INIT, 1e6, "re-init", "#1f77b4" },
	{ M_KVM_UNMAP, 1e3, "unmap", "#d62728" },
	{ M_KVM_REBOOT, 1e6, "reboot", "#2ca02c" },
};
#define NLINES (sizeof(lines) / sizeof(lines[0]))

/* Appends to SER the lines of board part P's vCPU sweep (strategy SI); BUF holds 4 * nx doubles
 * per line, NAMES 64 bytes per line. */
static size_t part_series(const struct board_part *p, size_t si, int dashed, struct series *ser,
			  double *buf, char *names)
{
	const struct sweep *s = &p->vcpus;
	size_t n = 0;
	for (size_t l = 0; l < NLINES; l++) {
		double *x = buf + 4 * n * s->nx, *y = x + s->nx, *lo = y + s->nx, *hi = lo + s->nx;
		size_t k = 0;
		for (size_t xi = 0; xi < s->nx; xi++) {
			struct group *g = sweep_cell(s, xi, si);
			if (!g || !g->n[lines[l].m])
				continue;
			const struct estimate *e = group_estimate(g, lines[l].m);
			double u = lines[l].per_ms;
			x[k] = s->x[xi], y[k] = e->median / u, lo[k] = e->lo / u, hi[k] = e->hi / u;
			k++;
		}
		if (!k)
			continue;
		char *name = names + 64 * n;
		snprintf(name, 64, "%s %s", p->board, lines[l].what);
		ser[n++] = (struct series){ name, lines[l].color, STYLE_ERRORLINES, dashed, k, x, y,
					    lo, hi };
	}
	return n;
}

/* Appends to SER board part P's predicted s2hv times (strategy column SI of its vCPU sweep gives
 * the KVM cells) under every profile of its CPU: one marker series per profile and strategy, in
 * the strategy's colour, where the prediction may be drawn (prediction_chartable()). BUF and
 * NAMES as for part_series(); *PREDICTED counts the series added. */
static size_t predicted_series(const struct analysis *a, const struct board_part *p, size_t si,
			       struct series *ser, double *buf, size_t stride, char *names,
			       size_t *predicted)
{
	const struct sweep *s = &p->vcpus;
	size_t idx[MAX_PROFILES], np = kvm_matching_profiles(a, p->board, idx), n = 0;
	const char **strategy = calloc(a->d.ns + 1, sizeof(*strategy));
	for (size_t k = 0; strategy && k < np; k++) {
		const struct profile_prediction *pp = &a->pred->p[idx[k]];
		size_t nst = kvm_beside_strategies(a, p->board, pp, strategy);
		for (size_t t = 0; t < nst; t++) {
			double *x = buf + stride * n, *y = x + s->nx, *lo = y + s->nx, *hi = lo + s->nx;
			size_t m = 0;
			for (size_t xi = 0; xi < s->nx; xi++) {
				const struct group *g = sweep_cell(s, xi, si);
				const struct cell_prediction *c =
					g ? kvm_s2hv_prediction(a, pp, g, strategy[t]) : NULL;
				if (!c || !prediction_chartable(c))
					continue;
				x[m] = s->x[xi], y[m] = c->iv.mid_ns / 1e6;
				lo[m] = c->iv.lo_ns / 1e6, hi[m] = c->iv.hi_ns / 1e6;
				m++;
			}
			if (!m)
				continue;
			char *name = names + 64 * n;
			snprintf(name, 64, "%s %s predicted on %s (model)", p->board, strategy[t], pp->prof.name);
			ser[n++] = (struct series){ name, strategy_look(strategy[t])->color, STYLE_MARKERS,
						    0, m, x, y, lo, hi };
		}
	}
	free(strategy);
	*predicted += n;
	return n;
}

int kvm_vcpus_figure(struct analysis *a, const char *dir, char *err, size_t errlen)
{
	struct figure *f = &a->fig[FIG_KVM_VCPUS];
	f->name = "kvm_vs_vcpus", f->title = "KVM re-init, unmap and reboot time vs vCPU count";
	f->optional = 1; /* KVM hosts only */
	size_t room = 0, profiles = a->pred ? a->pred->np : 0, predicted = 0;
	for (size_t i = 0; i < a->nparts; i++)
		room += a->part[i].have_vcpus ? (NLINES + profiles * a->d.ns) * a->part[i].vcpus.ns : 0;
	struct series *ser = calloc(room + 1, sizeof(*ser));
	double *buf = malloc((4 * room * (a->r.nruns + 1) + 1) * sizeof(double));
	char *names = malloc(64 * room + 1);
	size_t n = 0, boards = 0;
	for (size_t i = 0; i < a->nparts; i++) {
		const struct board_part *p = &a->part[i];
		if (!p->have_vcpus)
			continue;
		size_t before = n;
		size_t stride = 4 * (a->r.nruns + 1);
		for (size_t si = 0; si < p->vcpus.ns; si++) {
			n += part_series(p, si, boards > 0, ser + n, buf + stride * n, names + 64 * n);
			n += predicted_series(a, p, si, ser + n, buf + stride * n, stride, names + 64 * n,
					      &predicted);
		}
		boards += n > before;
	}
	int rc = 0;
	if (n) {
		struct chart c = { .name = f->name, .title = f->title, .xlabel = "vCPUs of the guest",
				   .ylabel = "time per reboot (ms)", .logy = 1, .mark_x = NAN };
		rc = chart_lines(dir, &c, ser, n, err, errlen);
		f->rendered = rc == 0;
		snprintf(f->caption, sizeof(f->caption),
			 "s2vmm on KVM: KVM_ARM_VCPU_INIT of every vCPU (re-init), stage2_unmap_vm "
			 "inside it (unmap), and image rewrite to READY (reboot), median over runs per "
			 "reboot with 95%% bootstrap CI over runs (the runs' min..max below %d runs); "
			 "init_ns and reboot_ns, unmap_us converted to ms.%s%s", MIN_SAMPLES,
			 boards > 1 ? " Dashed: boards after the first." : "",
			 predicted ? " Open circles: s2hv strategies' predicted time per reboot on the "
				     "same CPU (model, not measured: its profile's constants times the "
				     "exact counts of the same configuration), error bars the constants' "
				     "spread; to be read beside KVM's reboot time." : "");
	}
	free(ser), free(buf), free(names);
	return rc;
}
