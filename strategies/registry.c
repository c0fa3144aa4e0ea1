/* Every strategy s2hv knows, in the order `s2bench list` shows them. */
#include "strategy.h"
#include <string.h>

extern const struct strategy strategy_unmap, strategy_lazy, strategy_clean, strategy_fwb,
	strategy_none, strategy_dirty, strategy_dirty_dbm;

const struct strategy *const strategies[] = {
	&strategy_unmap, &strategy_lazy, &strategy_clean, &strategy_fwb, &strategy_none,
	&strategy_dirty, &strategy_dirty_dbm,
};
const unsigned strategy_count = sizeof(strategies) / sizeof(strategies[0]);

const struct strategy *strategy_find(const char *name, size_t len)
{
	for (unsigned i = 0; i < strategy_count; i++)
		if (strlen(strategies[i]->name) == len && !memcmp(strategies[i]->name, name, len))
			return strategies[i];
	return NULL;
}
