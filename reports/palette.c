/* Strategy presentation shared by charts, tables and text (so colours match everywhere), built
 * from strategies/table.h: every strategy gets its colour and summary; negative controls sort
 * last and are never ranked a winner. */
#include "palette.h"

#include "../strategies/table.h"

#include <string.h>

#define LOOK(id, name, colour, control, needs, summary, ...) { name, colour, summary, control, needs },
static const struct strategy_look table[] = { S2HV_STRATEGIES(LOOK) S2VMM_STRATEGIES(LOOK) };
#define NLOOKS ((int)(sizeof(table) / sizeof(table[0])))
static const struct strategy_look unknown = { "?", "#17becf", "", false, 0 };

/* Position in table order with the controls moved after the others: unmap, lazy, clean, fwb,
 * dirty, dirty-dbm, kvm, none, then unknown names. */
int strategy_rank(const char *name)
{
	int rank = 0;

	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < NLOOKS; i++) {
			if (table[i].control != (pass == 1))
				continue;
			if (strcmp(table[i].name, name) == 0)
				return rank;
			rank++;
		}
	return rank;
}

const struct strategy_look *strategy_look(const char *name)
{
	for (int i = 0; i < NLOOKS; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return &unknown;
}
