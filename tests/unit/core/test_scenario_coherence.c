/*
 * The seed sequence for every strategy x block size x map policy x cache seed: correct
 * strategies make the guest read and execute exactly what the loader wrote and lose no write;
 * the `none` control is caught (if it were not, the simulator would be wrong).
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

#define CELLS(name, fwb)                                                                  \
	{name, SZ_4K, false, fwb}, {name, SZ_4K, true, fwb}, {name, SZ_2M, false, fwb}, \
		{name, SZ_2M, true, fwb}

static struct matrix_cell correct_cells[] = {
	CELLS("unmap", false), CELLS("lazy", false),  CELLS("clean", false),
	CELLS("fwb", true),    CELLS("dirty", false), CELLS("dirty-dbm", false),
};

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
	return cr_make_param_array(struct matrix_cell, correct_cells, ARRAY_SIZE(correct_cells));
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

static struct matrix_cell none_cells[] = {CELLS("none", false), CELLS("none", true)};

ParameterizedTestParameters(scenario, none_control_is_caught_on_every_seed)
{
	return cr_make_param_array(struct matrix_cell, none_cells, ARRAY_SIZE(none_cells));
}

ParameterizedTest(struct matrix_cell *c, scenario, none_control_is_caught_on_every_seed)
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
