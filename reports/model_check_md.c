/* model-check's output: the Markdown section scripts/model-validate.sh writes into docs/model.md
 * (per strategy, per strategy × configuration, the constants priced with). */
#include "model_check.h"

#include "dataset.h"
#include "sweep.h"
#include "table.h"

#include <math.h>
#include <string.h>

/* The columns of the three tables, named once for the tables and for --describe. */
static const char *const strategy_cols[] = { "strategy", "configurations", "median abs. error", "within 25 %",
					     "median measured − predicted", "re-init alone: median abs. error",
					     "implied ns per other instruction", NULL };
static const char *const cell_cols[] = { "strategy", "configuration", "predicted (lo – hi)", "measured", "error",
					 "largest term", NULL };
static const char *const const_cols[] = { "term", "constant", "value", "spread", "path length", NULL };
static const char *const *const all_cols[] = { strategy_cols, cell_cols, const_cols };

static void header(struct table *t, const char *align, const char *const *cols)
{
	table_init(t, align);
	for (; *cols; cols++)
		table_cell(t, "%s", *cols);
}

void model_check_describe(FILE *f)
{
	fprintf(f, "<!-- model-check %d: T =", MODEL_CHECK_FORMAT);
	for (int t = 0; t < CT_NTERMS; t++)
		fprintf(f, "%s %s", t ? " +" : "", cost_term_name((enum cost_term)t));
	fputs(" -->\n", f);
}

void model_check_headers(FILE *f)
{
	for (size_t i = 0; i < sizeof(all_cols) / sizeof(all_cols[0]); i++) {
		for (const char *const *c = all_cols[i]; *c; c++)
			fprintf(f, "| %s ", *c);
		fputs("|\n", f);
	}
}

/* A time for a reader: ns, µs or ms, three significant digits. */
static const char *fmt_time(double ns, char *buf, size_t len)
{
	if (isnan(ns))
		snprintf(buf, len, "–");
	else if (fabs(ns) >= 1e6)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else if (fabs(ns) >= 1e3)
		snprintf(buf, len, "%.3g µs", ns / 1e3);
	else
		snprintf(buf, len, "%.3g ns", ns);
	return buf;
}

/* A relative error as a signed percentage (SIGNED), or a size of one. */
static const char *fmt_pct(double x, int sign, char *buf, size_t len)
{
	if (isnan(x))
		snprintf(buf, len, "–");
	else
		snprintf(buf, len, sign ? "%+.0f %%" : "%.0f %%", 100 * x);
	return buf;
}

/* The strategies of T in its (canonical) order, each once. */
static size_t strategies(const struct mc_table *t, const char **out)
{
	size_t n = 0;
	for (size_t i = 0; i < t->ncells; i++)
		if (!n || strcmp(out[n - 1], t->cells[i].strategy))
			out[n++] = t->cells[i].strategy;
	return n;
}

static void per_strategy(FILE *f, const struct mc_table *t)
{
	const char *names[64];
	size_t ns = strategies(t, names);
	struct table tb;
	struct strbuf sb = {0};
	char a[32], b[32], c[32], d[32];

	header(&tb, "lrrrrrr", strategy_cols);
	for (size_t i = 0; i < ns && i < 64; i++) {
		struct mc_summary s;
		model_summary(t->cells, t->ncells, names[i], &s);
		table_cell(&tb, "`%s`", names[i]);
		table_cell(&tb, "%zu", s.cells);
		table_cell(&tb, "%s", fmt_pct(s.median_abs_error, 0, a, sizeof(a)));
		table_cell(&tb, "%zu", s.within);
		table_cell(&tb, "%s", fmt_time(s.median_residual_ns, b, sizeof(b)));
		table_cell(&tb, "%s", fmt_pct(s.median_reinit_abs_error, 0, c, sizeof(c)));
		table_cell(&tb, "%s", fmt_time(s.median_implied_inst_ns, d, sizeof(d)));
	}
	table_markdown(&tb, &sb);
	fputs(sb_str(&sb), f);
	sb_free(&sb);
	table_free(&tb);
}

/* The term with the largest predicted share of a cell. */
static const char *largest_term(const struct mc_cell *c)
{
	int best = -1;
	for (int k = 0; k < CT_NTERMS; k++)
		if (!isnan(c->term_ns[k]) && (best < 0 || c->term_ns[k] > c->term_ns[best]))
			best = k;
	return best < 0 ? "–" : cost_term_name((enum cost_term)best);
}

static void per_cell(FILE *f, const struct mc_table *t)
{
	struct dataset d = { .r = (struct results *)t->measured }; /* describe_context reads d.r */
	struct table tb;
	struct strbuf sb = {0};
	char lo[32], mid[32], hi[32], m[32], e[32];

	header(&tb, "llrrrl", cell_cols);
	for (size_t i = 0; i < t->ncells; i++) {
		const struct mc_cell *c = &t->cells[i];
		struct strbuf label = {0};
		describe_context(&d, c->config, DIM_BOARD, &label);
		table_cell(&tb, "`%s`", c->strategy);
		table_cell(&tb, "%s", sb_str(&label));
		table_cell(&tb, "%s (%s – %s)%s", fmt_time(c->mid_ns, mid, sizeof(mid)), fmt_time(c->lo_ns, lo, sizeof(lo)),
			   fmt_time(c->hi_ns, hi, sizeof(hi)), c->missing ? " partial" : "");
		table_cell(&tb, "%s", fmt_time(c->measured_ns, m, sizeof(m)));
		table_cell(&tb, "%s", fmt_pct(c->error, 1, e, sizeof(e)));
		table_cell(&tb, "%s", largest_term(c));
		sb_free(&label);
	}
	table_markdown(&tb, &sb);
	fputs(sb_str(&sb), f);
	sb_free(&sb);
	table_free(&tb);
}

/* Each profile constant a counted term needs, with its value and spread. */
static void constants(FILE *f, const struct mc_table *t, const struct profile *p, const struct profile *paths)
{
	int used[PROF_NCONST] = {0};
	const char *term_of[PROF_NCONST] = {0};
	struct table tb;
	struct strbuf sb = {0};
	char v[32], lo[32], hi[32];

	for (size_t i = 0; i < t->ncells; i++)
		for (int k = 0; k < CT_NTERMS; k++) {
			int c = t->cells[i].constant[k];
			if (c >= 0 && c < PROF_NCONST && !used[c] && (t->cells[i].counted >> k & 1))
				used[c] = 1, term_of[c] = cost_term_name((enum cost_term)k);
		}
	header(&tb, "llrrr", const_cols);
	for (int c = 0; c < PROF_NCONST; c++) {
		if (!used[c])
			continue;
		double l, h, x = profile_value(p, c, &l, &h);
		table_cell(&tb, "%s", term_of[c]);
		table_cell(&tb, "`%s`", profile_const_name(c));
		table_cell(&tb, "%s", fmt_time(x, v, sizeof(v)));
		if (isnan(l) || isnan(h))
			table_cell(&tb, "%s", isnan(x) ? "not in the profile" : "–");
		else
			table_cell(&tb, "%s – %s", fmt_time(l, lo, sizeof(lo)), fmt_time(h, hi, sizeof(hi)));
		double len = c == PROF_INST ? -1 : cost_model_path(paths, c);
		if (len < 0)
			table_cell(&tb, "–");
		else
			table_cell(&tb, "%g insts", len);
	}
	table_markdown(&tb, &sb);
	fputs(sb_str(&sb), f);
	sb_free(&sb);
	table_free(&tb);
}

void model_check_markdown(FILE *f, const struct mc_table *t, const struct profile *p,
			  const struct profile *paths, const char *counts_dir, const char *measured_dir,
			  int summary)
{
	size_t boots = 0;
	for (size_t i = 0; i < t->ncells; i++)
		boots += t->cells[i].boots;
	model_check_describe(f);
	fprintf(f, "Profile `%s` (%s), path lengths from `%s`. Counts from `%s`, measured time from "
		   "`%s`: %zu strategy × configuration cells, %zu paired warm boots%s.\n\n",
		p->name, p->cpu, paths ? paths->name : p->name, counts_dir, measured_dir, t->ncells, boots,
		t->have_loaded ? "" : "; the counts have no `reinit_lines_loaded`, so every re-init line is priced as absent");
	if (t->unpaired)
		fprintf(f, "%zu measured runs had no counts run of the same configuration, strategy and "
			   "repetition and are left out.\n\n", t->unpaired);
	fputs("Per strategy (target: median absolute error at most 25 %):\n\n", f);
	per_strategy(f, t);
	if (summary)
		return;
	fputs("\nPer strategy and configuration (medians over the paired warm boots; \"partial\": a "
	      "term the profile cannot price is left out):\n\n", f);
	per_cell(f, t);
	fputs("\nThe constants the counted terms need, with the path lengths taken out of the other "
	      "instructions (instructions per operation; per line for a DC CIVAC):\n\n", f);
	constants(f, t, p, paths ? paths : p);
}
