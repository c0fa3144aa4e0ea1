/*
 * The seed sequence for every strategy x block size x map policy x cache seed: correct
 * strategies make the guest read and execute exactly what the loader wrote and lose no write;
 * the negative controls (`none`) are caught (if they were not, the simulator would be wrong).
 * The strategies are the registry's (strategies/table.h): a new line is tested without an edit.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include "scenario.h"

#define SEEDS 12

/* Criterion copies parameters into another process: no pointers, so the name is inline. */
struct matrix_cell {
	char strategy[16];
	u64 block;
	bool premap;
	bool fwb_cpu;
};

/* The four stage-2 layouts of one strategy on one CPU. */
static unsigned add_cells(struct matrix_cell *cells, unsigned n, const char *name, bool fwb_cpu)
{
	const struct { u64 block; bool premap; } layouts[] = {
		{SZ_4K, false}, {SZ_4K, true}, {SZ_2M, false}, {SZ_2M, true}};

	for (unsigned i = 0; i < ARRAY_SIZE(layouts); i++, n++) {
		snprintf(cells[n].strategy, sizeof(cells[n].strategy), "%s", name);
		cells[n].block = layouts[i].block;
		cells[n].premap = layouts[i].premap;
		cells[n].fwb_cpu = fwb_cpu;
	}
	return n;
}

/* Every strategy of strategies/table.h, from the registry: the correct ones on a CPU with what
 * they need (FEAT_S2FWB for fwb), the negative controls on CPUs with and without FWB. */
static struct matrix_cell correct_cells[STRATEGY_COUNT * 4], control_cells[STRATEGY_COUNT * 8];
static unsigned ncorrect, ncontrol;

static void cells_from_registry(void)
{
	ncorrect = ncontrol = 0;
	for (unsigned i = 0; i < strategy_count; i++) {
		const struct strategy *st = strategies[i];

		if (st->negative_control) {
			ncontrol = add_cells(control_cells, ncontrol, st->name, false);
			ncontrol = add_cells(control_cells, ncontrol, st->name, true);
		} else {
			ncorrect = add_cells(correct_cells, ncorrect, st->name,
					     st->needs & STRATEGY_NEEDS_FWB);
		}
	}
}

static void describe(const struct matrix_cell *c, u64 seed, char *buf, size_t n)
{
	snprintf(buf, n, "%s block=%s %s seed=%llu", c->strategy, c->block == SZ_2M ? "2M" : "4K",
		 c->premap ? "premap" : "ondemand", (unsigned long long)seed);
}

static struct scenario_params params_for(const struct matrix_cell *c, u64 seed)
{
	return (struct scenario_params){.strategy = c->strategy, .block = c->block, .premap = c->premap,
					.fwb_cpu = c->fwb_cpu, .seed = seed, .boots = 3};
}

ParameterizedTestParameters(scenario, correct_strategy_guest_sees_loader_image)
{
	cells_from_registry();
	return cr_make_param_array(struct matrix_cell, correct_cells, ncorrect);
}

ParameterizedTest(struct matrix_cell *c, scenario, correct_strategy_guest_sees_loader_image)
{
	for (u64 seed = 1; seed <= SEEDS; seed++) {
		struct scenario_params p = params_for(c, seed);
		struct scenario_result r;
		char what[96];

		describe(c, seed, what, sizeof(what));
		cr_assert_eq(scenario_run(&p, &r), 0, "%s: refused or setup failed", what);
		for (unsigned b = 0; b < p.boots; b++) {
			const struct boot_obs *o = &r.boot[b];

			cr_assert_eq(o->errors, 0, "%s boot %u: unresolved fault", what, b);
			cr_assert_eq(o->stale_reads, 0, "%s boot %u: stale reads", what, b);
			cr_assert_eq(o->stale_fetches, 0, "%s boot %u: stale fetches", what, b);
			cr_assert_eq(o->lost_writes, 0, "%s boot %u: lost guest writes", what, b);
		}
		cr_assert_eq(r.lost_after_flush, 0, "%s: writes lost after full write-back", what);
	}
}

ParameterizedTestParameters(scenario, negative_control_is_caught_on_every_seed)
{
	cells_from_registry();
	return cr_make_param_array(struct matrix_cell, control_cells, ncontrol);
}

ParameterizedTest(struct matrix_cell *c, scenario, negative_control_is_caught_on_every_seed)
{
	for (u64 seed = 1; seed <= SEEDS; seed++) {
		struct scenario_params p = params_for(c, seed);
		struct scenario_result r;
		u64 stale_reads = 0, stale_fetches = 0;
		char what[96];

		describe(c, seed, what, sizeof(what));
		cr_assert_eq(scenario_run(&p, &r), 0);
		for (unsigned b = 1; b < p.boots; b++) {
			stale_reads += r.boot[b].stale_reads;
			stale_fetches += r.boot[b].stale_fetches;
		}
		cr_expect_gt(stale_reads, 0, "%s: no stale read after a reboot: simulator too kind", what);
		if (!c->fwb_cpu)
			cr_expect_gt(stale_fetches, 0, "%s: no stale fetch: simulator too kind", what);
	}
}
