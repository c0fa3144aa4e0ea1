/*
 * Mutation checks: a correct strategy with one maintenance operation removed must be caught by
 * the scenario. If one of these passes the coherence checks, the simulator is too kind.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>
#include "scenario.h"
#include "vm.h"

#define SEEDS 6

struct mutant {
	char strategy[16];
	enum sim_mutation mutation;
	bool fwb_cpu;
	u64 block;
};

static struct mutant mutants[] = {
	{"clean", SIM_MUT_DROP_IC_IALLU, false, SZ_4K},   /* stale JIT code executed */
	{"clean", SIM_MUT_DROP_IC_IALLU, false, SZ_2M},
	{"fwb", SIM_MUT_DROP_IC_IALLU, true, SZ_4K},      /* FWB's only maintenance */
	{"dirty", SIM_MUT_DROP_IC_IALLU, false, SZ_4K},
	{"unmap", SIM_MUT_CIVAC_AS_IVAC, false, SZ_4K},   /* DC IVAC drops the loader's lines */
	{"clean", SIM_MUT_CIVAC_AS_IVAC, false, SZ_2M},
	{"dirty", SIM_MUT_DROP_TLBI, false, SZ_4K},       /* stale writable TLB entries: unlogged writes */
	{"lazy", SIM_MUT_CIVAC_AS_IVAC, false, SZ_4K},    /* its fault-time clean drops the lines */
	{"dirty-dbm", SIM_MUT_DROP_IC_IALLU, false, SZ_4K},
	{"dirty-dbm", SIM_MUT_CIVAC_AS_IVAC, false, SZ_4K},
};

/* Each correct strategy of strategies/table.h has a mutant above: a line added to the table
 * without one fails here, naming it. */
Test(scenario_mutation, every_correct_strategy_in_the_table_has_a_mutant)
{
	for (unsigned i = 0; i < strategy_count; i++) {
		bool found = false;

		for (unsigned m = 0; m < ARRAY_SIZE(mutants) && !found; m++)
			found = !strcmp(mutants[m].strategy, strategies[i]->name);
		cr_expect(found || strategies[i]->negative_control,
			  "strategy %s (strategies/table.h) has no mutant in %s", strategies[i]->name,
			  __FILE__);
	}
}

ParameterizedTestParameters(scenario_mutation, strategy_missing_one_operation_is_caught)
{
	return cr_make_param_array(struct mutant, mutants, ARRAY_SIZE(mutants));
}

ParameterizedTest(struct mutant *m, scenario_mutation, strategy_missing_one_operation_is_caught)
{
	u64 caught = 0;

	for (u64 seed = 1; seed <= SEEDS; seed++) {
		struct scenario_params p = {.strategy = m->strategy, .block = m->block, .fwb_cpu = m->fwb_cpu,
					    .seed = seed, .boots = 4, .mutation = m->mutation};
		struct scenario_result r;

		cr_assert_eq(scenario_run(&p, &r), 0);
		caught += scenario_incoherent(&r) > 0;
	}
	cr_assert_eq(caught, SEEDS, "%s with mutation %d: caught on %llu of %d seeds", m->strategy,
		     m->mutation, (unsigned long long)caught, SEEDS);
}

/* A test-local strategy: `clean` whose reinit forgets the I-cache (its walk done by hand). */
extern const struct strategy strategy_clean;

static int clean_reinit_without_icache(struct vm *vm)
{
	sim_mutation = SIM_MUT_DROP_IC_IALLU;
	int ret = strategy_clean.reinit(vm);
	sim_mutation = SIM_MUT_NONE;
	return ret;
}

Test(scenario_mutation, local_clean_without_icache_invalidate_executes_stale_code)
{
	struct strategy mutant = strategy_clean;
	struct scenario_params p = {.strategy = "clean", .block = SZ_4K, .seed = 3, .boots = 3,
				    .strategy_override = &mutant};
	struct scenario_result r;

	mutant.reinit = clean_reinit_without_icache;
	cr_assert_eq(scenario_run(&p, &r), 0);
	cr_assert_gt(r.boot[1].stale_fetches + r.boot[2].stale_fetches, 0);
	cr_assert_eq(r.boot[1].stale_reads + r.boot[2].stale_reads, 0, "only the I-cache step is missing");
}
