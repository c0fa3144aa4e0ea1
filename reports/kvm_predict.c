/* See kvm_predict.h: which profile is a KVM board's CPU, which s2hv cell has a KVM cell's
 * configuration, and the table that puts the two side by side. */
#include "kvm_predict.h"

#include "../strategies/table.h"
#include "cpuid.h"
#include "palette.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COUNTS_BOARDS 8

static int kvm_cell_of(const struct group *g, const char *board)
{
	return g->n[M_KVM_INIT] && !strcmp(g->config->dim[DIM_BOARD], board);
}

/* The first KVM cell of BOARD: its run carries the host CPU's MIDR and FEAT_S2FWB. */
static const struct group *first_kvm_cell(const struct analysis *a, const char *board)
{
	for (size_t i = 0; i < a->d.ng; i++)
		if (kvm_cell_of(&a->d.g[i], board))
			return &a->d.g[i];
	return NULL;
}

/* Implementer and part of MIDR (hex text): they name the core; variant and revision (its
 * stepping) are not compared. 0 when MIDR is empty or not hex. */
static int midr_core(const char *midr, unsigned *impl, unsigned *part)
{
	char *end;
	unsigned long v = strtoul(midr, &end, 16);
	if (!*midr || *end)
		return 0;
	*impl = (unsigned)(v >> 24) & 0xff, *part = (unsigned)(v >> 4) & 0xfff;
	return 1;
}

size_t kvm_matching_profiles(const struct analysis *a, const char *board, size_t *idx)
{
	const struct group *k = first_kvm_cell(a, board);
	unsigned impl, part;
	size_t n = 0;

	if (!a->pred || !k || !midr_core(k->config->midr, &impl, &part))
		return 0;
	for (size_t i = 0; i < a->pred->np; i++)
		if (a->pred->p[i].prof.midr_impl == impl && a->pred->p[i].prof.midr_part == part)
			idx[n++] = i;
	return n;
}

void kvm_no_profile_line(const struct analysis *a, const char *board, struct strbuf *out)
{
	const struct group *k = first_kvm_cell(a, board);
	char cpu[160];

	sb_printf(out, "No profile for CPU %s: s2hv predictions not shown (--profile gave",
		  k ? describe_midr(k->config->midr, cpu, sizeof(cpu)) : "unknown");
	for (size_t i = 0; a->pred && i < a->pred->np; i++)
		sb_printf(out, "%s %s", i ? "," : "", a->pred->p[i].prof.name);
	sb_puts(out, ")");
}

/* STRATEGY is one BOARD's CPU cannot run, or the negative control: no column. */
static int left_out(const struct group *k, const char *strategy)
{
	const struct strategy_look *look = strategy_look(strategy);
	return look->control || ((look->needs & STRATEGY_NEEDS_FWB) && !strcmp(k->config->fwb, "0"));
}

const struct cell_prediction *kvm_s2hv_prediction(const struct analysis *a,
						  const struct profile_prediction *pp,
						  const struct group *k, const char *strategy)
{
	for (size_t i = 0; i < a->d.ng && i < pp->ncell; i++) {
		const struct group *g = &a->d.g[i];
		if (g->n[M_KVM_INIT] || strcmp(g->strategy, strategy) ||
		    !same_config(g->config, k->config, DIM_BOARD))
			continue;
		if (pp->cell[i].rc >= 0)
			return &pp->cell[i];
	}
	return NULL;
}

size_t kvm_beside_strategies(const struct analysis *a, const char *board,
			     const struct profile_prediction *pp, const char **out)
{
	size_t n = 0;
	for (size_t s = 0; s < a->d.ns; s++) {
		const char *strategy = a->d.strategies[s];
		for (size_t i = 0; i < a->d.ng; i++) {
			const struct group *k = &a->d.g[i];
			if (kvm_cell_of(k, board) && !left_out(k, strategy) &&
			    kvm_s2hv_prediction(a, pp, k, strategy)) {
				out[n++] = strategy;
				break;
			}
		}
	}
	return n;
}

/* Appends WORD to the list L ("a; b") unless it is already one of its items. */
static void add_item(struct strbuf *l, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = sb_str(l); *p; p = strchr(p, ';'), p = p ? p + 2 : "")
		if (!strncmp(p, word, n) && (p[n] == ';' || !p[n]))
			return;
	sb_printf(l, "%s%s", l->len ? "; " : "", word);
}

/* What the table's columns are, which boards gave the counts, what is partial or left out. */
static void beside_note(const struct analysis *a, const char *board, const struct profile_prediction *pp,
			const struct strbuf *counts_boards, const struct strbuf *partial,
			const struct strbuf *dropped, struct strbuf *note)
{
	const struct group *k = first_kvm_cell(a, board);
	sb_printf(note, "Measured (KVM, wall-clock): s2vmm's re-init (init_ns) and reboot (reboot_ns) "
			"on %s, the median over runs (spreads in the KVM table). Predicted (s2hv, "
			"model, not measured): each strategy's time per reboot on %s (profile %s, the "
			"same CPU by MIDR implementer 0x%02x part 0x%03x), the cost model's price of "
			"the exact counts of its runs of the same configuration on %s (\"Predicted "
			"time\": the interval is in the profile's table). A prediction covers a whole "
			"reboot, loader to READY: read it beside KVM's reboot time, of which KVM's "
			"re-init is a part.",
		  board, pp->prof.cpu, pp->prof.name, pp->prof.midr_impl, pp->prof.midr_part,
		  counts_boards->len ? sb_str(counts_boards) : "no board");
	if (partial->len)
		sb_printf(note, " Partial (≥, or not priced when the profile has none of the "
				"constants a cell needs): %s.", sb_str(partial));
	sb_printf(note, " -: no s2hv run of that configuration with exact counts. Left out: the "
			"negative control%s%s.", dropped->len ? ", " : "", sb_str(dropped));
	if (k && run_on_qemu(k->config))
		sb_puts(note, " KVM ran inside QEMU TCG here: its times are wall-clock of an emulated "
			      "host, not this CPU's, so the columns stand side by side without being "
			      "comparable.");
}

void kvm_beside_table(const struct analysis *a, const char *board, const struct profile_prediction *pp,
		      struct table *t, struct strbuf *note)
{
	const char **strategy = calloc(a->d.ns + 1, sizeof(*strategy));
	size_t ns = kvm_beside_strategies(a, board, pp, strategy);
	char align[16] = "lrr"; /* struct table's limit; s2hv has 7 strategies, the control left out */
	struct strbuf counts_boards = {0}, partial = {0}, dropped = {0};

	for (size_t s = 0; s < ns && s + 4 < sizeof(align); s++)
		strcat(align, "r");
	table_init(t, align);
	table_cell(t, "config");
	table_cell(t, "KVM re-init: measured, wall-clock");
	table_cell(t, "KVM reboot: measured, wall-clock");
	for (size_t s = 0; s < ns; s++)
		table_cell(t, "%s: s2hv predicted on %s (model)", strategy[s], pp->prof.name);
	for (size_t i = 0; i < a->d.ng; i++) {
		struct group *k = &a->d.g[i];
		struct strbuf label = {0};
		char buf[48];

		if (!kvm_cell_of(k, board))
			continue;
		describe_context(&a->d, k->config, DIM_BOARD, &label);
		table_cell(t, "%s", sb_str(&label));
		sb_free(&label);
		table_cell(t, "%s", fmt_ns(group_estimate(k, M_KVM_INIT)->median, buf, sizeof(buf)));
		table_cell(t, "%s", k->n[M_KVM_REBOOT] ? fmt_ns(group_estimate(k, M_KVM_REBOOT)->median,
								 buf, sizeof(buf)) : "-");
		for (size_t s = 0; s < ns; s++) {
			const struct cell_prediction *c = kvm_s2hv_prediction(a, pp, k, strategy[s]);
			if (!c) {
				table_cell(t, "-");
				continue;
			}
			add_item(&counts_boards, c->g->config->dim[DIM_BOARD]);
			table_cell(t, "%s", prediction_text(c, buf, sizeof(buf)) ? buf : "not priced");
			if (c->rc == 1) {
				struct strbuf item = {0};
				char lacks[1024];
				cost_model_missing(&c->iv, lacks, sizeof(lacks));
				sb_printf(&item, "%s %s", strategy[s], lacks);
				add_item(&partial, sb_str(&item));
				sb_free(&item);
			}
		}
		for (size_t s = 0; s < a->d.ns; s++)
			if (left_out(k, a->d.strategies[s]) && !strategy_look(a->d.strategies[s])->control) {
				struct strbuf item = {0};
				sb_printf(&item, "%s (%s has no FEAT_S2FWB)", a->d.strategies[s], board);
				add_item(&dropped, sb_str(&item));
				sb_free(&item);
			}
	}
	beside_note(a, board, pp, &counts_boards, &partial, &dropped, note);
	sb_free(&counts_boards), sb_free(&partial), sb_free(&dropped);
	free(strategy);
}
