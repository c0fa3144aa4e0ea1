/* The palette is strategies/table.h seen by the reports: every strategy the hypervisor or s2vmm
 * can run has its own colour and a legend, and the table's negative controls rank last. */
#include "palette.h"

#include "../../../strategies/table.h"

#include <criterion/criterion.h>
#include <string.h>

struct row {
	const char *name;
	int control;
};

#define ROW(id, name, colour, control, ...) { name, control },
static const struct row rows[] = { S2HV_STRATEGIES(ROW) S2VMM_STRATEGIES(ROW) };
#define NROWS (sizeof(rows) / sizeof(rows[0]))

Test(palette, every_registered_strategy_has_its_own_colour_and_a_legend)
{
	const char *fallback = strategy_look("no-such-strategy")->color;

	for (size_t i = 0; i < NROWS; i++) {
		const struct strategy_look *l = strategy_look(rows[i].name);

		cr_expect_str_eq(l->name, rows[i].name);
		cr_expect_str_neq(l->color, fallback, "%s has the fallback colour", rows[i].name);
		cr_expect_gt(strlen(l->summary), 0, "%s has an empty legend", rows[i].name);
		for (size_t j = 0; j < i; j++)
			cr_expect_str_neq(l->color, strategy_look(rows[j].name)->color, "%s and %s share a colour",
					  rows[i].name, rows[j].name);
	}
}

Test(palette, negative_controls_are_flagged_and_rank_after_every_other_strategy)
{
	int controls = 0;

	for (size_t i = 0; i < NROWS; i++) {
		cr_expect_eq(strategy_look(rows[i].name)->control, rows[i].control, "%s", rows[i].name);
		controls += rows[i].control;
		for (size_t j = 0; j < NROWS; j++)
			if (rows[i].control && !rows[j].control)
				cr_expect_gt(strategy_rank(rows[i].name), strategy_rank(rows[j].name), "%s before %s",
					     rows[j].name, rows[i].name);
	}
	cr_expect_geq(controls, 1, "the table has a negative control (none)");
	cr_expect_lt(strategy_rank(rows[NROWS - 1].name), strategy_rank("no-such-strategy"));
}

Test(palette, ranks_are_distinct)
{
	for (size_t i = 0; i < NROWS; i++)
		for (size_t j = 0; j < i; j++)
			cr_expect_neq(strategy_rank(rows[i].name), strategy_rank(rows[j].name));
}
