/* How each strategy is presented: canonical order, colour, one-line summary. */
#ifndef S2B_REPORTS_PALETTE_H
#define S2B_REPORTS_PALETTE_H

#include <stdbool.h>

struct strategy_look {
	const char *name, *color, *summary;
	bool control; /* negative control: never a "winner" */
	unsigned needs; /* STRATEGY_NEEDS_* of strategies/table.h: CPU features it requires */
};

/* The look of NAME; unknown names get a neutral colour and rank after the known ones. */
const struct strategy_look *strategy_look(const char *name);
/* Sort key: strategies/table.h order, negative controls last, unknown names after them. */
int strategy_rank(const char *name);

#endif
