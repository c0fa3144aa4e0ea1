/*
 * The seed sequence for every strategy x block size x map policy x cache line size x cache
 * seed: correct
 * strategies make the guest read and execute exactly what the loader wrote and lose no write;
 * the negative controls (`none`) are caught (if they were not, the simulator would be wrong).
 * The strategies are the registry's (strategies/table.h): a new line is tested without an edit.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include "scenario.h"

/* Seeds per cell: all of them with 64-byte lines (most CPUs), fewer with the other sizes. */
#define SEEDS 12
#define SEEDS_OTHER_LINE 4
/* CTR_EL0.DminLine sizes: 64 on most cores, 256 on A64FX, 32 and 128 elsewhere. A strategy
 * (or the core) assuming one size skips lines on a smaller one or miscounts on a larger one. */
static const u32 line_sizes[] = {32, 64, 128, 256};

/* Criterion copies parameters into another process: no pointers, so the name is inline. */
struct matrix_cell {
	char strategy[16];
	u64 block;
	bool premap;
	bool fwb_cpu;
	u32 line;
};

/* The four stage-2 layouts of one strategy on a CPU of each line size. */
static unsigned add_cells(struct matrix_cell *cells, unsigned n, const char *name, bool fwb_cpu)
{
	const struct { u64 block; bool premap; } layouts[] = {
		{SZ_4K, false}, {SZ_4K, true}, {SZ_2M, false}, {SZ_2M, true}};

	for (unsigned l = 0; l < ARRAY_SIZE(line_sizes); l++)
		for (unsigned i = 0; i < ARRAY_SIZE(layouts); i++, n++) {
			snprintf(cells[n].strategy, sizeof(cells[n].strategy), "%s", name);
			cells[n].block = layouts[i].block;
			cells[n].premap = layouts[i].premap;
			cells[n].fwb_cpu = fwb_cpu;
			cells[n].line = line_sizes[l];
		}
	return n;
}

/* Every strategy of strategies/table.h, from the registry: the correct ones on a CPU with what
 * they need (FEAT_S2FWB for fwb), the negative controls on CPUs with and without FWB. */
#define CELLS_PER_CPU (4 * ARRAY_SIZE(line_sizes))
static struct matrix_cell correct_cells[STRATEGY_COUNT * CELLS_PER_CPU],
	control_cells[STRATEGY_COUNT * 2 * CELLS_PER_CPU];
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
	snprintf(buf, n, "%s block=%s %s line=%u seed=%llu", c->strategy, c->block == SZ_2M ? "2M" : "4K",
		 c->premap ? "premap" : "ondemand", c->line, (unsigned long long)seed);
}

static u64 seeds_for(const struct matrix_cell *c)
{
	return c->line == 64 ? SEEDS : SEEDS_OTHER_LINE;
}

static struct scenario_params params_for(const struct matrix_cell *c, u64 seed)
{
	return (struct scenario_params){.strategy = c->strategy, .block = c->block, .premap = c->premap,
					.fwb_cpu = c->fwb_cpu, .line = c->line, .seed = seed, .boots = 3};
}

ParameterizedTestParameters(scenario, correct_strategy_guest_sees_loader_image)
{
	cells_from_registry();
	return cr_make_param_array(struct matrix_cell, correct_cells, ncorrect);
}

ParameterizedTest(struct matrix_cell *c, scenario, correct_strategy_guest_sees_loader_image)
{
	for (u64 seed = 1; seed <= seeds_for(c); seed++) {
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
		cr_assert_eq(r.dc_lines_counted, r.dc_lines_maintained,
			     "%s: the core counted %llu DC lines, the CPU maintained %llu", what,
			     (unsigned long long)r.dc_lines_counted, (unsigned long long)r.dc_lines_maintained);
	}
}

ParameterizedTestParameters(scenario, negative_control_is_caught_on_every_seed)
{
	cells_from_registry();
	return cr_make_param_array(struct matrix_cell, control_cells, ncontrol);
}

ParameterizedTest(struct matrix_cell *c, scenario, negative_control_is_caught_on_every_seed)
{
	for (u64 seed = 1; seed <= seeds_for(c); seed++) {
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
