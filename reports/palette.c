/* Strategy presentation shared by charts, tables and text (so colours match everywhere). */
#include "palette.h"

#include <string.h>

static const struct strategy_look looks[] = {
	{ "unmap", "#d62728", "KVM today without FWB: unmap all + clean at unmap, fault + clean on touch", false },
	{ "lazy", "#ff7f0e", "unmap all without cleaning, clean at fault time", false },
	{ "clean", "#1f77b4", "keep mappings, eagerly clean+invalidate every mapped page", false },
	{ "fwb", "#2ca02c", "FEAT_S2FWB: I-cache invalidate only", false },
	{ "dirty", "#9467bd", "clean only pages written since the last reinit", false },
	{ "none", "#7f7f7f", "no maintenance (negative control)", true },
};
static const struct strategy_look unknown = { "?", "#17becf", "", false };

int strategy_rank(const char *name)
{
	int n = (int)(sizeof(looks) / sizeof(looks[0]));
	for (int i = 0; i < n; i++)
		if (strcmp(looks[i].name, name) == 0)
			return i;
	return n;
}

const struct strategy_look *strategy_look(const char *name)
{
	int i = strategy_rank(name);
	return i < (int)(sizeof(looks) / sizeof(looks[0])) ? &looks[i] : &unknown;
}
