/* Which result tables a report shows, board by board, each with a note on what its cells are
 * (unit of replication and n): html.c and markdown.c render the same list. */
#include "tables.h"

#include "kvm_predict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct titled_table *add(const struct analysis *a, const struct board_part *p,
				struct titled_table *out, size_t *n, size_t max, const char *title)
{
	if (*n == max)
		return NULL;
	struct titled_table *tt = &out[(*n)++];
	memset(tt, 0, sizeof(*tt));
	if (MULTI_BOARD(a))
		snprintf(tt->title, sizeof(tt->title), "%s (%s)", title, p->board);
	else
		snprintf(tt->title, sizeof(tt->title), "%s", title);
	return tt;
}

static void sweep_table(const struct analysis *a, const struct board_part *p,
			const struct sweep *s, enum measure m, const char *title,
			struct titled_table *out, size_t *n, size_t max)
{
	struct titled_table *tt = add(a, p, out, n, max, title);
	if (!tt)
		return;
	table_sweep(s, m, &tt->t);
	replication_note(s->cell, s->nx * s->ns, m, &tt->note);
}

/* With --profile, beside KVM board P's cells: each matching profile's predicted s2hv times, in a
 * table of their own; or, when none is its CPU, one sentence in the KVM table's NOTE. */
static void kvm_predicted_tables(const struct analysis *a, const struct board_part *p,
				 struct strbuf *kvm_note, struct titled_table *out, size_t *n, size_t max)
{
	size_t idx[MAX_PROFILES], nm = kvm_matching_profiles(a, p->board, idx);

	if (!a->pred)
		return;
	if (!nm) {
		sb_puts(kvm_note, " ");
		kvm_no_profile_line(a, p->board, kvm_note);
		sb_puts(kvm_note, ".");
	}
	for (size_t k = 0; k < nm; k++) {
		const struct profile_prediction *pp = &a->pred->p[idx[k]];
		char title[160];
		snprintf(title, sizeof(title), "KVM measured beside s2hv predicted on %s", pp->prof.name);
		struct titled_table *tt = add(a, p, out, n, max, title);
		if (tt)
			kvm_beside_table(a, p->board, pp, &tt->t, &tt->note);
	}
}

size_t result_tables(const struct analysis *a, int full, struct titled_table *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < a->nparts; i++) {
		const struct board_part *p = &a->part[i];
		int kvm = board_measured(a, p->board, M_KVM_INIT);
		/* a KVM host has no s2hv cost: its cost tables would be all dashes */
		int cost = !kvm || board_measured(a, p->board, M_COST);
		if (p->have_mem && cost)
			sweep_table(a, p, &p->mem, M_COST, "Reinit + fault cost vs guest RAM", out, &n, max);
		if (i == 0 && a->have_premap && cost)
			sweep_table(a, p, &a->premap, M_COST, "Reinit + fault cost vs guest RAM, premapped",
				    out, &n, max);
		if (p->have_frac && cost) {
			sweep_table(a, p, &p->frac, M_COST, "Reinit + fault cost vs touched fraction",
				    out, &n, max);
			if (full)
				sweep_table(a, p, &p->frac, M_LINES,
					    "Cache lines cleaned vs touched fraction", out, &n, max);
		}
		if (!p->have_mem && !p->have_frac && cost) {
			struct titled_table *tt = add(a, p, out, &n, max, "Reinit + fault cost per config");
			if (!tt)
				continue;
			table_configs(a, p->board, M_COST, &tt->t);
			struct group **cells = calloc(a->d.ng + 1, sizeof(*cells));
			size_t nc = 0;
			for (size_t g = 0; g < a->d.ng; g++)
				if (!strcmp(a->d.g[g].config->dim[DIM_BOARD], p->board))
					cells[nc++] = &a->d.g[g];
			replication_note(cells, nc, M_COST, &tt->note);
			free(cells);
		}
		if (kvm) {
			struct titled_table *tt = add(a, p, out, &n, max,
						      "KVM re-init, unmap, faults and reboot per config");
			if (!tt)
				continue;
			struct group **cells = calloc(a->d.ng + 1, sizeof(*cells));
			size_t nc = table_kvm(a, p->board, &tt->t, cells);
			replication_note(cells, nc, M_KVM_INIT, &tt->note);
			if (nc && run_on_qemu(cells[0]->config))
				sb_puts(&tt->note, " Measured by s2vmm on real KVM inside QEMU TCG: "
						   "wall-clock times of an emulated host, to compare "
						   "configs, not to predict hardware.");
			free(cells);
			kvm_predicted_tables(a, p, &tt->note, out, &n, max);
		}
		if (p->nxo) {
			struct titled_table *tt = add(a, p, out, &n, max,
						      "Crossover: fault-time cleaning vs eager clean");
			if (!tt)
				continue;
			table_crossovers(p, &tt->t);
			sb_puts(&tt->note, "Only the grid points are measured: a crossing is bounded by "
					   "the grid points either side of it (past a point where the "
					   "runs do not establish which is cheaper), and the linear "
					   "interpolation of the medians is a guess inside that bracket, "
					   "not a confidence interval.");
		}
	}
	return n;
}

void titled_tables_free(struct titled_table *tt, size_t n)
{
	for (size_t i = 0; i < n; i++)
		table_free(&tt[i].t), sb_free(&tt[i].note);
}
