/* KVM's own measures (s2vmm's boot keys: re-init, unmap, faults, reboot) as a result table, in
 * their wall-clock units: they are not cycles and are not the s2hv strategies' cost. */
#include "tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum measure kvm_shown[] = { M_KVM_INIT, M_KVM_UNMAP, M_FAULTS, M_KVM_REBOOT };

int board_measured(const struct analysis *a, const char *board, enum measure m)
{
	for (size_t i = 0; i < a->d.ng; i++)
		if (a->d.g[i].n[m] && !strcmp(a->d.g[i].config->dim[DIM_BOARD], board))
			return 1;
	return 0;
}

size_t table_kvm(const struct analysis *a, const char *board, struct table *t, struct group **cells)
{
	const struct dataset *d = &a->d;
	size_t nc = 0;
	table_init(t, "llrrrr");
	table_cell(t, "config"), table_cell(t, "strategy");
	for (size_t k = 0; k < sizeof(kvm_shown) / sizeof(kvm_shown[0]); k++) {
		const struct measure_def *md = &measure_defs[kvm_shown[k]];
		if (md->unit)
			table_cell(t, "%s (%s)", md->label, md->unit);
		else
			table_cell(t, "%s", md->label);
	}
	for (size_t i = 0; i < d->ng; i++) {
		struct group *g = &d->g[i];
		if (!g->n[M_KVM_INIT] || strcmp(g->config->dim[DIM_BOARD], board))
			continue;
		struct strbuf label = { 0 };
		describe_context(d, g->config, DIM_BOARD, &label);
		table_cell(t, "%s", sb_str(&label)), table_cell(t, "%s", g->strategy);
		sb_free(&label);
		for (size_t k = 0; k < sizeof(kvm_shown) / sizeof(kvm_shown[0]); k++) {
			char buf[128];
			table_cell(t, "%s", fmt_estimate(group_estimate(g, kvm_shown[k]), buf, sizeof(buf)));
		}
		cells[nc++] = g;
	}
	return nc;
}
