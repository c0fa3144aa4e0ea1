/* See predict.h: profiles in, one prediction per (profile, cell) out, with its chart. */
#include "predict.h"

#include "charts.h"
#include "palette.h"
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char predictions_note[] =
	"Model, not measured: the cell's median counts over its warm boots (QEMU's exact path "
	"lengths and maintenance counts) times the profile's constants (docs/reports.md, \"Predicted "
	"time\"). The interval carries each constant's spread (IQR or min..max; a constant without "
	"spread counts as exact). Lines the loader rewrote are priced as dirty, every other cleaned "
	"line as absent. The other instructions are the reboot's less each priced operation's path "
	"length (its instructions in s2hv, from the profile or --paths). A partial prediction prices "
	"only the terms the profile has: it lacks the rest and is never filled in.";

int predictions_add_profile(struct predictions *pr, const char *arg, char *err, size_t errlen)
{
	struct profile_prediction *pp;

	if (pr->np == MAX_PROFILES) {
		snprintf(err, errlen, "%s: at most %d profiles", arg, MAX_PROFILES);
		return -1;
	}
	pp = &pr->p[pr->np];
	memset(pp, 0, sizeof(*pp));
	if (profile_read_named(arg, &pp->prof, pp->path, sizeof(pp->path), err, errlen))
		return -1;
	pr->np++;
	return 0;
}

int predictions_set_paths(struct predictions *pr, const char *arg, char *err, size_t errlen)
{
	if (pr->have_paths) {
		snprintf(err, errlen, "--paths %s: one --paths only", arg);
		return -1;
	}
	if (profile_read_named(arg, &pr->paths, pr->paths_file, sizeof(pr->paths_file), err, errlen))
		return -1;
	pr->have_paths = 1;
	return 0;
}

/* The median of FIELD over the warm boots of G's runs; NAN when any is absent. */
static double median_field(const struct group *g, enum boot_field field)
{
	const struct results *r = g->r;
	size_t n = 0, cap = 0;
	double *v = NULL, m;

	for (size_t i = 0; i < g->nruns; i++)
		cap += g->runs[i]->nboots;
	v = malloc((cap + 1) * sizeof(*v));
	for (size_t i = 0; v && i < g->nruns; i++) {
		const struct run *u = g->runs[i];
		for (size_t b = u->first_boot; b < u->first_boot + u->nboots; b++) {
			if (r->boots[b].idx < 1)
				continue;
			if (is_absent(r->boots[b].v[field])) {
				free(v);
				return NAN;
			}
			v[n++] = r->boots[b].v[field];
		}
	}
	m = n ? median(v, n) : NAN;
	free(v);
	return m;
}

static const struct {
	enum boot_field field;
	size_t offset;
	const char *name;
} count_fields[] = {
	{BF_REINIT_LINES, offsetof(struct cost_counts, reinit_lines), "reinit_lines"},
	{BF_REINIT_LINES_LOADED, offsetof(struct cost_counts, reinit_lines_loaded), "reinit_lines_loaded"},
	{BF_FAULT_LINES, offsetof(struct cost_counts, fault_lines), "fault_lines"},
	{BF_FAULTS, offsetof(struct cost_counts, faults), "faults"},
	{BF_PAGES_MAPPED, offsetof(struct cost_counts, pages_mapped), "pages_mapped"},
	{BF_TLBIS, offsetof(struct cost_counts, tlbis), "tlbis"},
	{BF_ICACHE_INVALS, offsetof(struct cost_counts, icache_invals), "icache_invals"},
	{BF_REBOOT_INSTS, offsetof(struct cost_counts, reboot_insts), "reboot_insts"},
};

/* The cell's counts; -1 with why when a column has no value for its warm boots. */
static int cell_counts(const struct group *g, struct cost_counts *c, char *why, size_t len)
{
	for (size_t i = 0; i < sizeof(count_fields) / sizeof(count_fields[0]); i++) {
		double m = median_field(g, count_fields[i].field);
		if (isnan(m)) {
			snprintf(why, len, "no %s in its warm boots (s2vmm, a board without an instruction "
				 "counter, or an older s2hv)", count_fields[i].name);
			return -1;
		}
		*(double *)((char *)c + count_fields[i].offset) = m;
	}
	c->block = strcmp(g->config->dim[DIM_BLOCK], "2m") == 0 ? 2u << 20 : 4096;
	return 0;
}

void predictions_compute(struct predictions *pr, const struct analysis *a)
{
	for (size_t k = 0; k < pr->np; k++) {
		struct profile_prediction *pp = &pr->p[k];
		pp->ncell = a->d.ng;
		pp->cell = calloc(a->d.ng + 1, sizeof(*pp->cell));
		for (size_t i = 0; pp->cell && i < a->d.ng; i++) {
			struct cell_prediction *c = &pp->cell[i];
			c->g = &a->d.g[i];
			c->rc = cell_counts(c->g, &c->counts, c->why, sizeof(c->why));
			if (c->rc == 0)
				c->rc = cost_model_predict_paths(&pp->prof, pr->have_paths ? &pr->paths : NULL,
								 &c->counts, (uint64_t)c->g->config->mem,
								 &c->iv, c->why, sizeof(c->why));
		}
	}
}

void predictions_free(struct predictions *pr)
{
	for (size_t k = 0; k < pr->np; k++)
		free(pr->p[k].cell);
}

/* Something was priced: not every term with a count is missing. */
static int priced_any(const struct cell_prediction *c)
{
	for (int t = 0; t < CT_NTERMS; t++)
		if (c->iv.count[t] > 0 && !(c->iv.missing & 1u << t))
			return 1;
	return 0;
}

const char *prediction_text(const struct cell_prediction *c, char *buf, size_t len)
{
	char ns[32];

	if (c->rc < 0 || !priced_any(c))
		return NULL;
	snprintf(buf, len, "%s%s", c->rc ? "≥ " : "", fmt_ns(c->iv.mid_ns, ns, sizeof(ns)));
	return buf;
}

int prediction_chartable(const struct cell_prediction *c)
{
	return c->rc >= 0 && !(c->iv.missing & ~(1u << CT_INSTS)) && priced_any(c);
}

void predictions_table(const struct analysis *a, const struct profile_prediction *pp, struct table *t)
{
	char mid[32], lo[32], hi[32];

	table_init(t, "llrrl");
	table_cell(t, "configuration"), table_cell(t, "strategy");
	table_cell(t, "predicted per reboot"), table_cell(t, "interval"), table_cell(t, "priced");
	for (size_t i = 0; i < pp->ncell; i++) {
		const struct cell_prediction *c = &pp->cell[i];
		struct strbuf ctx = {0};

		describe_context(&a->d, c->g->config, NDIMS, &ctx);
		table_cell(t, "%s", sb_str(&ctx));
		sb_free(&ctx);
		table_cell(t, "%s", c->g->strategy);
		if (!prediction_text(c, mid, sizeof(mid))) {
			table_cell(t, "-"), table_cell(t, "-");
			table_cell(t, "%s", c->rc < 0 ? c->why : "nothing: the profile lacks every constant this cell needs");
			continue;
		}
		table_cell(t, "%s", mid);
		table_cell(t, "%s – %s", fmt_ns(c->iv.lo_ns, lo, sizeof(lo)), fmt_ns(c->iv.hi_ns, hi, sizeof(hi)));
		table_cell(t, "%s", c->rc ? c->why : "all terms");
	}
}

/* The profile's chart: predicted time along the report's frac sweep (else its mem sweep), one
 * series per strategy whose cells are all priced but for, at most, the other instructions. */
static int profile_chart(struct profile_prediction *pp, size_t k, const struct analysis *a,
			 const char *dir, char *err, size_t errlen)
{
	const struct board_part *p = &a->part[0];
	const struct sweep *s = p->have_frac ? &p->frac : p->have_mem ? &p->mem : NULL;
	static char names[MAX_PROFILES][64], titles[MAX_PROFILES][160];
	struct figure *f = &pp->fig;

	snprintf(names[k], sizeof(names[k]), "predicted_%zu", k);
	snprintf(titles[k], sizeof(titles[k]), "Predicted time per reboot on %s (model, not measured)",
		 pp->prof.name);
	f->name = names[k], f->title = titles[k];
	if (!s) {
		snprintf(f->caption, sizeof(f->caption), "Not drawn: no frac or mem sweep in this data set.");
		return 0;
	}
	double *buf = malloc(4 * s->ns * s->nx * sizeof(double) + 1);
	struct series *ser = calloc(s->ns + 1, sizeof(*ser));
	struct strbuf left = {0}, ctx = {0};
	size_t n = 0;
	int no_inst = 0;
	for (size_t si = 0; buf && ser && si < s->ns; si++) {
		double *x = buf + 4 * si * s->nx, *y = x + s->nx, *lo = y + s->nx, *hi = lo + s->nx;
		size_t m = 0, bad = 0;
		for (size_t xi = 0; xi < s->nx; xi++) {
			struct group *g = sweep_cell(s, xi, si);
			const struct cell_prediction *c = g ? &pp->cell[g - a->d.g] : NULL;
			if (!c)
				continue;
			if (!prediction_chartable(c)) {
				bad++;
				continue;
			}
			no_inst |= c->rc == 1;
			x[m] = s->x[xi] / (s->dim == DIM_MEM ? 1048576.0 : 1.0);
			y[m] = c->iv.mid_ns, lo[m] = c->iv.lo_ns, hi[m] = c->iv.hi_ns;
			m++;
		}
		const struct strategy_look *look = strategy_look(s->strategies[si]);
		if (look->control || (!bad && !m))
			continue; /* the control costs ~nothing: it only squashes the others */
		if (bad || !m) {
			sb_printf(&left, "%s%s", left.len ? ", " : "", s->strategies[si]);
			continue;
		}
		ser[n++] = (struct series){s->strategies[si], look->color, STYLE_ERRORLINES, look->control,
					   m, x, y, lo, hi};
	}
	describe_context(&a->d, s->context, s->dim, &ctx);
	snprintf(f->caption, sizeof(f->caption),
		 "A prediction from %s's constants and the exact counts of each cell (medians over its "
		 "warm boots), not a measurement; error bars carry the constants' spread.%s%s%s%s Slice: %s.",
		 pp->prof.name, no_inst ? " Maintenance and faults only: other instructions not priced "
					  "(the profile has no inst)." : "",
		 left.len ? " Left out (a constant they need is missing): " : "", sb_str(&left), left.len ? "." : "", sb_str(&ctx));
	int rc = 0;
	if (n) {
		struct chart c = {.name = f->name, .title = f->title,
				  .xlabel = s->dim == DIM_MEM ? "guest RAM (MiB)" : "RAM touched per boot (%)",
				  .ylabel = "predicted ns per reboot", .logx = s->dim == DIM_MEM, .mark_x = NAN};
		rc = chart_lines(dir, &c, ser, n, err, errlen);
		f->rendered = rc == 0;
	} else {
		size_t at = strlen(f->caption);
		snprintf(f->caption + at, sizeof(f->caption) - at, " Not drawn: no strategy is priced.");
	}
	free(buf), free(ser);
	sb_free(&left), sb_free(&ctx);
	return rc;
}

int predictions_render(struct predictions *pr, const struct analysis *a, const char *charts_dir,
		       char *err, size_t errlen)
{
	for (size_t k = 0; k < pr->np; k++)
		if (profile_chart(&pr->p[k], k, a, charts_dir, err, errlen))
			return -1;
	return phase_figure_render(pr, a, charts_dir, err, errlen);
}
