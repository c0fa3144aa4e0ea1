/*
 * Exact costs of each strategy's reinit and faults in the seed sequence, predicted from what the
 * guest touched (recorded by the scenario, independently of stage 2): `clean` cleans every
 * mapped page, `unmap` the mapped pages at unmap plus each faulted leaf, `lazy` only faulted
 * leaves, `fwb` and `none` nothing, `dirty` only written leaves plus the loader's pages.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>
#include "scenario.h"

#define LINES_PER_PAGE (PAGE_SIZE / SIM_LINE)

struct cost_cell {
	char strategy[16];
	u64 block;
	bool premap;
};

#define COST_CELLS(name) {name, SZ_4K, false}, {name, SZ_4K, true}, {name, SZ_2M, false}, {name, SZ_2M, true}
static struct cost_cell cost_cells[] = {
	COST_CELLS("unmap"), COST_CELLS("lazy"),  COST_CELLS("clean"),     COST_CELLS("fwb"),
	COST_CELLS("none"),  COST_CELLS("dirty"), COST_CELLS("dirty-dbm"),
};

/* Leaf sets of one scenario, in units of the map block. */
struct leaves {
	unsigned per_leaf, n;
	bool touched[SCN_MAX_BOOTS][SCN_RAM_PAGES], written[SCN_MAX_BOOTS][SCN_RAM_PAGES];
};

static void leaves_of(const struct scenario_result *r, u64 block, struct leaves *l)
{
	memset(l, 0, sizeof(*l));
	l->per_leaf = block / PAGE_SIZE;
	l->n = SCN_RAM_PAGES / l->per_leaf;
	for (unsigned b = 0; b < SCN_MAX_BOOTS; b++)
		for (unsigned p = 0; p < SCN_RAM_PAGES; p++) {
			l->touched[b][p / l->per_leaf] |= r->boot[b].touched[p];
			l->written[b][p / l->per_leaf] |= r->boot[b].written[p];
		}
}

static bool touched_before(const struct leaves *l, unsigned boot, unsigned leaf)
{
	for (unsigned b = 0; b < boot; b++)
		if (l->touched[b][leaf])
			return true;
	return false;
}

static unsigned loader_pages_in(const struct leaves *l, unsigned leaf)
{
	unsigned first = leaf * l->per_leaf, end = first + l->per_leaf;

	return first >= SCN_IMG_PAGES ? 0 : MIN(end, (unsigned)SCN_IMG_PAGES) - first;
}

struct expected {
	u64 reinit_lines, reinit_tlbis, reinit_icache, trans_faults, fault_lines;
};

static struct expected expect(const struct cost_cell *c, const struct leaves *l, unsigned b)
{
	const char *s = c->strategy;
	bool unmaps = !strcmp(s, "unmap") || !strcmp(s, "lazy");
	bool cleans_at_fault = strcmp(s, "fwb") && strcmp(s, "none");
	bool dirty = !strncmp(s, "dirty", 5);
	u64 ram_lines = SCN_RAM_PAGES * LINES_PER_PAGE, leaf_lines = l->per_leaf * LINES_PER_PAGE;
	struct expected e = {0};

	for (unsigned leaf = 0; leaf < l->n; leaf++) {
		bool mapped = c->premap || (unmaps ? l->touched[b - 1][leaf] : touched_before(l, b, leaf));

		if (mapped && (!strcmp(s, "unmap") || !strcmp(s, "clean")))
			e.reinit_lines += leaf_lines;
		if (mapped && dirty)
			e.reinit_lines += l->written[b - 1][leaf] ? leaf_lines
								  : loader_pages_in(l, leaf) * LINES_PER_PAGE;
		if (!c->premap && l->touched[b][leaf] && (unmaps || !touched_before(l, b, leaf)))
			e.trans_faults++;
	}
	if (unmaps && c->premap)
		e.reinit_lines += ram_lines; /* vm_premap() cleans all RAM again */
	e.reinit_tlbis = unmaps || dirty;
	e.reinit_icache = unmaps ? c->premap : strcmp(s, "none") != 0;
	e.fault_lines = cleans_at_fault ? e.trans_faults * leaf_lines : 0;
	return e;
}

ParameterizedTestParameters(scenario_costs, reinit_and_fault_costs_are_exact)
{
	return cr_make_param_array(struct cost_cell, cost_cells, ARRAY_SIZE(cost_cells));
}

ParameterizedTest(struct cost_cell *c, scenario_costs, reinit_and_fault_costs_are_exact)
{
	struct scenario_params p = {.block = c->block, .premap = c->premap, .seed = 2, .boots = 4,
				    .fwb_cpu = !strcmp(c->strategy, "fwb")};
	struct scenario_result r;
	static struct leaves l;

	p.strategy = c->strategy;
	cr_assert_eq(scenario_run(&p, &r), 0);
	leaves_of(&r, c->block, &l);
	for (unsigned b = 1; b < p.boots; b++) {
		struct expected e = expect(c, &l, b);
		const struct boot_obs *o = &r.boot[b];

		cr_expect_eq(o->reinit_lines, e.reinit_lines, "%s boot %u: reinit lines %llu, expected %llu",
			     c->strategy, b, (unsigned long long)o->reinit_lines, (unsigned long long)e.reinit_lines);
		cr_expect_eq(o->reinit_tlbis, e.reinit_tlbis, "%s boot %u: reinit TLBIs", c->strategy, b);
		cr_expect_eq(o->reinit_icache, e.reinit_icache, "%s boot %u: reinit I-cache invals", c->strategy, b);
		cr_expect_eq(o->trans_faults, e.trans_faults, "%s boot %u: translation faults %llu, expected %llu",
			     c->strategy, b, (unsigned long long)o->trans_faults, (unsigned long long)e.trans_faults);
		cr_expect_eq(o->fault_lines, e.fault_lines, "%s boot %u: fault lines", c->strategy, b);
	}
}

/* The simulator column of docs/strategies.md: S2B_PRINT_COSTS=1 build/tests/unit-core
 * --filter 'scenario_costs/print_table_for_docs' --verbose. Boot 2 of 4: a steady-state boot. */
Test(scenario_costs, print_table_for_docs)
{
	if (!getenv("S2B_PRINT_COSTS"))
		cr_skip_test("set S2B_PRINT_COSTS=1 to print the table");
	for (unsigned i = 0; i < ARRAY_SIZE(cost_cells); i++) {
		const struct cost_cell *c = &cost_cells[i];
		struct scenario_params p = {.strategy = c->strategy, .block = c->block, .premap = c->premap,
					    .seed = 2, .boots = 4, .fwb_cpu = !strcmp(c->strategy, "fwb")};
		struct scenario_result r;

		cr_assert_eq(scenario_run(&p, &r), 0);
		cr_log_info("%-9s %s %-8s reinit_lines=%llu fault_lines=%llu faults=%llu tlbis=%llu icache=%llu",
			    c->strategy, c->block == SZ_2M ? "2M" : "4K", c->premap ? "premap" : "ondemand",
			    (unsigned long long)r.boot[2].reinit_lines, (unsigned long long)r.boot[2].fault_lines,
			    (unsigned long long)r.boot[2].faults, (unsigned long long)r.boot[2].reinit_tlbis,
			    (unsigned long long)r.boot[2].reinit_icache);
	}
}
