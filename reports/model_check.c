/* model-check's data: measured runs paired with the counts runs of the same configuration,
 * strategy and repetition, each paired warm boot predicted by the cost model, medians per cell. */
#include "model_check.h"

#include "dataset.h"
#include "palette.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

/* The boots.csv cells model-check reads, by name: struct boot has no reboot_cycles. */
enum mc_col { MC_REINIT_LINES, MC_REINIT_LINES_LOADED, MC_FAULT_LINES, MC_FAULTS, MC_PAGES_MAPPED,
	      MC_TLBIS, MC_ICACHE_INVALS, MC_REBOOT_INSTS, MC_REBOOT_CYCLES, MC_REINIT_INSTS,
	      MC_REINIT_CYCLES, MC_NCOLS };
static const char *const mc_col_name[MC_NCOLS] = {
	"reinit_lines", "reinit_lines_loaded", "fault_lines", "faults", "pages_mapped", "tlbis",
	"icache_invals", "reboot_insts", "reboot_cycles", "reinit_insts", "reinit_cycles",
};

/* A directory's boots.csv by run and index: the row of (run_id, idx), found by scanning (a few
 * thousand rows at most for a suite). */
struct boot_rows {
	struct csv_table table; /* the report streams boots.csv into struct boot: read here whole */
	const struct csv_table *t;
	int col[MC_NCOLS], run_id, idx, check;
};

static int boot_rows_open(const struct results *r, struct boot_rows *b, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/boots.csv", r->dir);
	if (csv_table_load(path, &b->table, err, errlen))
		return -1;
	b->t = &b->table;
	b->run_id = csv_table_col(b->t, "run_id");
	b->idx = csv_table_col(b->t, "idx");
	b->check = csv_table_col(b->t, "check");
	for (int k = 0; k < MC_NCOLS; k++)
		b->col[k] = csv_table_col(b->t, mc_col_name[k]);
	return 0;
}

/* The cell as a number: an empty cell (or no such column) is ABSENT. */
static double cell(const struct boot_rows *b, size_t row, enum mc_col k)
{
	const char *s = b->col[k] >= 0 ? b->t->rows[row][b->col[k]] : "";
	char *end;
	double v = strtod(s, &end);
	return *s && !*end ? v : ABSENT;
}

/* A boot whose guest found stale data is no measurement of the strategy's cost. */
static int failed(const struct boot_rows *b, size_t row)
{
	return !strcmp(b->t->rows[row][b->check], "fail");
}

static long find_row(const struct boot_rows *b, const char *run_id, const char *idx)
{
	for (size_t i = 0; i < b->t->nrows; i++)
		if (!strcmp(b->t->rows[i][b->run_id], run_id) && !strcmp(b->t->rows[i][b->idx], idx))
			return (long)i;
	return -1;
}

/* A count the record left out is none (0); reboot_insts is checked before. */
static double count(const struct boot_rows *b, size_t row, enum mc_col k)
{
	double v = cell(b, row, k);
	return is_absent(v) ? 0 : v;
}

static void counts_of(const struct boot_rows *b, size_t row, const struct run *run, struct cost_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->reinit_lines = count(b, row, MC_REINIT_LINES);
	c->reinit_lines_loaded = count(b, row, MC_REINIT_LINES_LOADED);
	c->fault_lines = count(b, row, MC_FAULT_LINES);
	c->faults = count(b, row, MC_FAULTS);
	c->pages_mapped = count(b, row, MC_PAGES_MAPPED);
	c->tlbis = count(b, row, MC_TLBIS);
	c->icache_invals = count(b, row, MC_ICACHE_INVALS);
	c->reboot_insts = count(b, row, MC_REBOOT_INSTS);
	c->block = strcmp(run->dim[DIM_BLOCK], "2m") == 0 ? 2u << 20 : 4096;
}

/* The re-init alone: its lines and its own instructions (reinit_insts in place of the reboot's);
 * TLBIs are left out, a boot's count does not say which were made at re-init. */
static void reinit_counts(const struct cost_counts *all, double reinit_insts, struct cost_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->reinit_lines = all->reinit_lines;
	c->reinit_lines_loaded = all->reinit_lines_loaded;
	c->reboot_insts = reinit_insts;
	c->block = all->block;
}

/* The samples of one cell while it is being filled: one per paired boot. */
struct samples {
	size_t n, cap;
	double *lo, *mid, *hi, *meas, *term[CT_NTERMS], *rpred, *rmeas, *inst;
	int constant[CT_NTERMS];
	unsigned counted;
};

static void samples_grow(struct samples *s)
{
	if (s->n < s->cap)
		return;
	s->cap = s->cap ? 2 * s->cap : 16;
	double **all[] = { &s->lo, &s->mid, &s->hi, &s->meas, &s->rpred, &s->rmeas, &s->inst };
	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
		*all[k] = realloc(*all[k], s->cap * sizeof(double));
	for (int t = 0; t < CT_NTERMS; t++)
		s->term[t] = realloc(s->term[t], s->cap * sizeof(double));
}

static void samples_free(struct samples *s)
{
	free(s->lo), free(s->mid), free(s->hi), free(s->meas), free(s->rpred), free(s->rmeas), free(s->inst);
	for (int t = 0; t < CT_NTERMS; t++)
		free(s->term[t]);
	memset(s, 0, sizeof(*s));
}

/* Median of the non-absent values of X[0..N) (they are reordered). */
static double median_present(double *x, size_t n)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!is_absent(x[i]))
			x[m++] = x[i];
	return m ? median(x, m) : ABSENT;
}

struct pairing {
	const struct results *counts, *measured;
	struct boot_rows cb, mb;
	const struct profile *p, *paths;
	double ns_per_cycle;
};

/* What one "other instruction" would have to cost for the boot to be exact, the other terms
 * taken as predicted: (measured − the priced terms but N_other's) ÷ N_other. */
static double implied_inst(const struct cost_interval *out, double measured_ns)
{
	double n = out->count[CT_INSTS], rest = out->mid_ns - (out->term_ns[CT_INSTS] > 0 ? out->term_ns[CT_INSTS] : 0);
	return n > 0 && !out->missing ? (measured_ns - rest) / n : ABSENT;
}

/* Every paired warm boot of measured run M (counts run C) into S. */
static void add_boots(const struct pairing *pr, const struct run *m, const struct run *c,
		      struct samples *s, unsigned *missing)
{
	const struct csv_table *t = pr->mb.t;

	for (size_t i = 0; i < t->nrows; i++) {
		const char *idx = t->rows[i][pr->mb.idx];
		if (strcmp(t->rows[i][pr->mb.run_id], m->run_id) || !strcmp(idx, "0") || failed(&pr->mb, i))
			continue;
		long j = find_row(&pr->cb, c->run_id, idx);
		double cycles = cell(&pr->mb, i, MC_REBOOT_CYCLES);
		if (j < 0 || failed(&pr->cb, (size_t)j) || is_absent(cycles) ||
		    is_absent(cell(&pr->cb, (size_t)j, MC_REBOOT_INSTS)))
			continue;
		struct cost_counts cc, rc;
		struct cost_interval out, rout;
		char why[256];
		counts_of(&pr->cb, (size_t)j, c, &cc);
		if (cost_model_predict_paths(pr->p, pr->paths, &cc, (uint64_t)c->mem, &out, why, sizeof(why)) < 0)
			continue;
		samples_grow(s);
		memcpy(s->constant, out.constant, sizeof(s->constant));
		s->lo[s->n] = out.lo_ns, s->mid[s->n] = out.mid_ns, s->hi[s->n] = out.hi_ns;
		s->meas[s->n] = cycles * pr->ns_per_cycle;
		for (int k = 0; k < CT_NTERMS; k++)
			s->term[k][s->n] = out.term_ns[k];
		*missing |= out.missing;
		for (int k = 0; k < CT_NTERMS; k++)
			s->counted |= (out.count[k] > 0) << k;
		double rcyc = cell(&pr->mb, i, MC_REINIT_CYCLES), rinsts = cell(&pr->cb, (size_t)j, MC_REINIT_INSTS);
		s->inst[s->n] = implied_inst(&out, s->meas[s->n]);
		s->rpred[s->n] = s->rmeas[s->n] = ABSENT;
		if (cc.reinit_lines > 0 && !is_absent(rcyc) && !is_absent(rinsts)) {
			reinit_counts(&cc, rinsts, &rc);
			if (cost_model_predict_paths(pr->p, pr->paths, &rc, (uint64_t)c->mem, &rout, why, sizeof(why)) >= 0)
				s->rpred[s->n] = rout.mid_ns, s->rmeas[s->n] = rcyc * pr->ns_per_cycle;
		}
		s->n++;
	}
}

/* The counts run of M's configuration, strategy and repetition, on BOARD (NULL: any board, but
 * only one may hold it). NULL + *AMBIGUOUS set when two boards do. */
static const struct run *counts_run(const struct results *counts, const struct run *m,
				    const char *board, int *ambiguous)
{
	const struct run *found = NULL;

	for (size_t i = 0; i < counts->nruns; i++) {
		const struct run *c = &counts->runs[i];
		if (!run_measured(c) || strcmp(c->strategy, m->strategy) || c->rep != m->rep ||
		    !same_config(c, m, DIM_BOARD) || (board && strcmp(c->dim[DIM_BOARD], board)))
			continue;
		if (found && strcmp(found->dim[DIM_BOARD], c->dim[DIM_BOARD])) {
			*ambiguous = 1;
			return NULL;
		}
		found = found ? found : c;
	}
	return found;
}

static void close_cell(struct mc_cell *cell_out, struct samples *s, unsigned missing)
{
	cell_out->boots = s->n;
	cell_out->lo_ns = median_present(s->lo, s->n);
	cell_out->mid_ns = median_present(s->mid, s->n);
	cell_out->hi_ns = median_present(s->hi, s->n);
	cell_out->measured_ns = median_present(s->meas, s->n);
	cell_out->error = model_error(cell_out->mid_ns, cell_out->measured_ns);
	for (int k = 0; k < CT_NTERMS; k++)
		cell_out->term_ns[k] = median_present(s->term[k], s->n);
	cell_out->reinit_pred_ns = median_present(s->rpred, s->n);
	cell_out->reinit_ns = median_present(s->rmeas, s->n);
	cell_out->implied_inst_ns = median_present(s->inst, s->n);
	cell_out->missing = missing;
	cell_out->counted = s->counted;
	memcpy(cell_out->constant, s->constant, sizeof(s->constant));
}

static int cmp_cell(const void *x, const void *y)
{
	const struct mc_cell *a = x, *b = y;
	int ra = strategy_rank(a->strategy), rb = strategy_rank(b->strategy);
	if (ra != rb || strcmp(a->strategy, b->strategy))
		return ra != rb ? ra - rb : strcmp(a->strategy, b->strategy);
	return config_cmp(a->config, b->config);
}

static int refuse(char *err, size_t errlen, const char *what, const char *dir)
{
	snprintf(err, errlen, what, dir);
	return -1;
}

static int build_paired(const struct pairing *pr, const char *counts_board, struct mc_table *t,
			char *err, size_t errlen)
{
	const struct results *counts = pr->counts, *measured = pr->measured;
	int ambiguous = 0;

	if (pr->cb.col[MC_REBOOT_INSTS] < 0)
		return refuse(err, errlen, "%s: boots.csv has no reboot_insts column", counts->dir);
	if (pr->mb.col[MC_REBOOT_CYCLES] < 0)
		return refuse(err, errlen, "%s: boots.csv has no reboot_cycles column", measured->dir);
	t->measured = measured;
	t->have_loaded = pr->cb.col[MC_REINIT_LINES_LOADED] >= 0;
	t->cells = calloc(measured->nruns + 1, sizeof(*t->cells));
	for (size_t i = 0; i < measured->nruns; i++) {
		const struct run *m = &measured->runs[i], *c;
		int done = 0;
		if (!run_measured(m))
			continue;
		for (size_t k = 0; k < i && !done; k++) /* the cell's first run gathers all its reps */
			done = run_measured(&measured->runs[k]) &&
			       !strcmp(measured->runs[k].strategy, m->strategy) &&
			       same_config(&measured->runs[k], m, NDIMS);
		if (done)
			continue;
		struct samples s = {0};
		unsigned missing = 0;
		for (size_t k = i; k < measured->nruns; k++) {
			const struct run *r = &measured->runs[k];
			if (!run_measured(r) || strcmp(r->strategy, m->strategy) || !same_config(r, m, NDIMS))
				continue;
			if ((c = counts_run(counts, r, counts_board, &ambiguous)))
				add_boots(pr, r, c, &s, &missing);
			else
				t->unpaired++;
		}
		if (s.n) {
			struct mc_cell *cl = &t->cells[t->ncells++];
			cl->config = m, cl->strategy = m->strategy;
			close_cell(cl, &s, missing);
		}
		samples_free(&s);
	}
	if (ambiguous) {
		model_check_free(t);
		snprintf(err, errlen, "%s holds a configuration on several boards: name the one with the counts (--counts-board)",
			 counts->dir);
		return -1;
	}
	if (!t->ncells) {
		model_check_free(t);
		snprintf(err, errlen, "no warm boot of %s pairs with one of %s (same configuration, strategy, repetition and index, reboot_cycles measured and reboot_insts counted)",
			 measured->dir, counts->dir);
		return -1;
	}
	qsort(t->cells, t->ncells, sizeof(*t->cells), cmp_cell);
	return 0;
}

int model_check_build(const struct results *counts, const char *counts_board,
		      const struct results *measured, const struct profile *p, const struct profile *paths,
		      struct mc_table *t, char *err, size_t errlen)
{
	struct pairing pr = { .counts = counts, .measured = measured, .p = p, .paths = paths };

	memset(t, 0, sizeof(*t));
	if (!p->clock.known || !(p->clock.value > 0))
		return refuse(err, errlen, "profile %s has no clock: reboot_cycles cannot become ns", p->name);
	pr.ns_per_cycle = 1e3 / p->clock.value; /* MHz */
	if (boot_rows_open(counts, &pr.cb, err, errlen))
		return -1;
	int rc = boot_rows_open(measured, &pr.mb, err, errlen) ? -1
		 : build_paired(&pr, counts_board, t, err, errlen);
	csv_table_free(&pr.cb.table);
	csv_table_free(&pr.mb.table);
	return rc;
}

void model_check_free(struct mc_table *t)
{
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
