/* Every strategy s2hv knows, built from strategies/table.h in the order `s2bench list` shows. */
#include "strategy.h"
#include <string.h>

/* The reasons are the `error code=unsupported` words the records have always carried. */
static const char *needs_missing(unsigned needs, const struct cpu_features *f)
{
	if ((needs & STRATEGY_NEEDS_FWB) && !f->fwb)
		return "needs_FEAT_S2FWB";
	if ((needs & STRATEGY_NEEDS_HW_DIRTY) && f->hafdbs < 2)
		return "needs_FEAT_HAFDBS_dirty_state";
	return NULL;
}

#define STRATEGY_DEFINE(id, nm, colour, control, nd, sum, su, re, fa)                             \
	static const char *unsupported_##id(const struct cpu_features *f)                          \
	{                                                                                          \
		return needs_missing(nd, f);                                                       \
	}                                                                                          \
	const struct strategy strategy_##id = {                                                    \
		.name = nm, .summary = sum, .needs = nd, .negative_control = control,               \
		.unsupported = unsupported_##id,                                                   \
		.setup = su, .reinit = re, .on_fault = fa,                                         \
	};
S2HV_STRATEGIES(STRATEGY_DEFINE)

#define STRATEGY_ENTRY(id, ...) &strategy_##id,
const struct strategy *const strategies[] = { S2HV_STRATEGIES(STRATEGY_ENTRY) };
const unsigned strategy_count = sizeof(strategies) / sizeof(strategies[0]);

const struct strategy *strategy_find(const char *name, size_t len)
{
	for (unsigned i = 0; i < strategy_count; i++)
		if (strlen(strategies[i]->name) == len && !memcmp(strategies[i]->name, name, len))
			return strategies[i];
	return NULL;
}
