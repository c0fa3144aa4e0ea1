/*
 * Exact costs of each strategy's reinit and faults in the seed sequence, predicted from what the
 * guest touched (recorded by the scenario, independently of stage 2): `clean` cleans every
 * mapped page, `unmap` the mapped pages at unmap plus each faulted leaf, `lazy` only faulted
 * leaves, `fwb` and `none` nothing, `dirty` only written leaves plus the loader's pages.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scenario.h"

#define LINES_PER_PAGE (PAGE_SIZE / sim_line())

struct cost_cell {
	char strategy[16];
	enum strategy_id id;
	u64 block;
	bool premap;
};

/* What each strategy of strategies/table.h costs, as rules over what the guest touched. A line
 * added to the table without a model here fails every_strategy_in_the_table_has_a_cost_model. */
enum icache_rule { IC_NEVER, IC_ALWAYS, IC_IF_PREMAP };
struct cost_model {
	bool known;
	bool unmaps;           /* reinit removes every mapping */
	bool cleans_mapped;    /* reinit cleans every mapped leaf */
	bool cleans_written;   /* reinit cleans written leaves and the loader's pages */
	bool cleans_at_fault;  /* a translation fault cleans its leaf */
	enum icache_rule reinit_icache;
};

static const struct cost_model models[STRATEGY_COUNT] = {
	[STRATEGY_ID_unmap] = {true, true, true, false, true, IC_IF_PREMAP},
	[STRATEGY_ID_lazy] = {true, true, false, false, true, IC_IF_PREMAP},
	[STRATEGY_ID_clean] = {true, false, true, false, true, IC_ALWAYS},
	[STRATEGY_ID_fwb] = {true, false, false, false, false, IC_ALWAYS},
	[STRATEGY_ID_none] = {true, false, false, false, false, IC_NEVER},
	[STRATEGY_ID_dirty] = {true, false, false, true, true, IC_ALWAYS},
	[STRATEGY_ID_dirty_dbm] = {true, false, false, true, true, IC_ALWAYS},
};

/* Every strategy of the registry in the four stage-2 layouts. */
static struct cost_cell cost_cells[STRATEGY_COUNT * 4];

static unsigned cells_from_registry(void)
{
	const struct { u64 block; bool premap; } layouts[] = {
		{SZ_4K, false}, {SZ_4K, true}, {SZ_2M, false}, {SZ_2M, true}};
	unsigned n = 0;

	for (unsigned i = 0; i < strategy_count; i++)
		for (unsigned j = 0; j < ARRAY_SIZE(layouts); j++, n++) {
			snprintf(cost_cells[n].strategy, sizeof(cost_cells[n].strategy), "%s",
				 strategies[i]->name);
			cost_cells[n].id = (enum strategy_id)i;
			cost_cells[n].block = layouts[j].block;
			cost_cells[n].premap = layouts[j].premap;
		}
	return n;
}

static bool fwb_cpu(const struct cost_cell *c)
{
	return strategies[c->id]->needs & STRATEGY_NEEDS_FWB;
}

Test(scenario_costs, every_strategy_in_the_table_has_a_cost_model)
{
	for (unsigned i = 0; i < strategy_count; i++)
		cr_expect(models[i].known, "strategy %s (strategies/table.h) has no cost model in %s",
			  strategies[i]->name, __FILE__);
}

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

/* The image's lines in the leaf (the image starts at the RAM base and ends inside a line): what
 * reinit_lines_loaded counts when the leaf's loader pages are cleaned. */
static u64 loader_lines_in(const struct leaves *l, unsigned leaf)
{
	u64 start = (u64)leaf * l->per_leaf * PAGE_SIZE, end = start + l->per_leaf * PAGE_SIZE;

	end = MIN(end, (u64)SCN_IMG_BYTES);
	return end > start ? (end - start + sim_line() - 1) / sim_line() : 0;
}

struct expected {
	u64 reinit_lines, reinit_lines_loaded, reinit_tlbis, reinit_icache, trans_faults, fault_lines;
};

static struct expected expect(const struct cost_cell *c, const struct leaves *l, unsigned b)
{
	const struct cost_model *m = &models[c->id];
	u64 ram_lines = SCN_RAM_PAGES * LINES_PER_PAGE, leaf_lines = l->per_leaf * LINES_PER_PAGE;
	struct expected e = {0};

	for (unsigned leaf = 0; leaf < l->n; leaf++) {
		bool mapped = c->premap || (m->unmaps ? l->touched[b - 1][leaf] : touched_before(l, b, leaf));

		if (mapped && (m->cleans_mapped || m->cleans_written)) /* either way all its loader pages */
			e.reinit_lines_loaded += loader_lines_in(l, leaf);
		if (mapped && m->cleans_mapped)
			e.reinit_lines += leaf_lines;
		if (mapped && m->cleans_written)
			e.reinit_lines += l->written[b - 1][leaf] ? leaf_lines
								  : loader_pages_in(l, leaf) * LINES_PER_PAGE;
		if (!c->premap && l->touched[b][leaf] && (m->unmaps || !touched_before(l, b, leaf)))
			e.trans_faults++;
	}
	if (m->unmaps && c->premap) { /* vm_premap() cleans all RAM again */
		e.reinit_lines += ram_lines;
		e.reinit_lines_loaded += (SCN_IMG_BYTES + sim_line() - 1) / sim_line();
	}
	e.reinit_tlbis = m->unmaps || m->cleans_written;
	e.reinit_icache = m->reinit_icache == IC_ALWAYS || (m->reinit_icache == IC_IF_PREMAP && c->premap);
	e.fault_lines = m->cleans_at_fault ? e.trans_faults * leaf_lines : 0;
	return e;
}

ParameterizedTestParameters(scenario_costs, reinit_and_fault_costs_are_exact)
{
	return cr_make_param_array(struct cost_cell, cost_cells, cells_from_registry());
}

ParameterizedTest(struct cost_cell *c, scenario_costs, reinit_and_fault_costs_are_exact)
{
	struct scenario_params p = {.block = c->block, .premap = c->premap, .seed = 2, .boots = 4,
				    .fwb_cpu = fwb_cpu(c)};
	struct scenario_result r;
	static struct leaves l;

	p.strategy = c->strategy;
	cr_assert(models[c->id].known, "%s: no cost model", c->strategy);
	cr_assert_eq(scenario_run(&p, &r), 0);
	leaves_of(&r, c->block, &l);
	for (unsigned b = 1; b < p.boots; b++) {
		struct expected e = expect(c, &l, b);
		const struct boot_obs *o = &r.boot[b];

		cr_expect_eq(o->reinit_lines, e.reinit_lines, "%s boot %u: reinit lines %llu, expected %llu",
			     c->strategy, b, (unsigned long long)o->reinit_lines, (unsigned long long)e.reinit_lines);
		cr_expect_eq(o->reinit_lines_loaded, e.reinit_lines_loaded,
			     "%s boot %u: reinit lines in the loader's range %llu, expected %llu", c->strategy, b,
			     (unsigned long long)o->reinit_lines_loaded, (unsigned long long)e.reinit_lines_loaded);
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
	unsigned n = cells_from_registry();

	for (unsigned i = 0; i < n; i++) {
		const struct cost_cell *c = &cost_cells[i];
		struct scenario_params p = {.strategy = c->strategy, .block = c->block, .premap = c->premap,
					    .seed = 2, .boots = 4, .fwb_cpu = fwb_cpu(c)};
		struct scenario_result r;

		cr_assert_eq(scenario_run(&p, &r), 0);
		cr_log_info("%-9s %s %-8s reinit_lines=%llu fault_lines=%llu faults=%llu tlbis=%llu icache=%llu",
			    c->strategy, c->block == SZ_2M ? "2M" : "4K", c->premap ? "premap" : "ondemand",
			    (unsigned long long)r.boot[2].reinit_lines, (unsigned long long)r.boot[2].fault_lines,
			    (unsigned long long)r.boot[2].faults, (unsigned long long)r.boot[2].reinit_tlbis,
			    (unsigned long long)r.boot[2].reinit_icache);
	}
}
