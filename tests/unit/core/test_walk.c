/* The generic walker: visit kinds, order, levels and ranges; early stop; bad arguments. */
#include <criterion/criterion.h>
#include "fixture.h"
#include "walk.h"

#define IPA 0x40000000ULL
#define PA 0x02000000ULL

static struct s2pt pt;

struct visit_rec {
	enum walk_visit kind;
	unsigned level;
	ipa_t addr;
	bool valid;
};

struct visit_log {
	struct visit_rec v[2048];
	unsigned n;
	ipa_t start, end;
	int stop_after;
};

static int record(struct walk_ctx *c)
{
	struct visit_log *l = c->arg;

	l->v[l->n++] = (struct visit_rec){c->visit, c->level, c->addr, s2_pte_valid(c->old)};
	l->start = c->start;
	l->end = c->end;
	return (l->stop_after && (int)l->n == l->stop_after) ? 42 : 0;
}

static struct visit_log log_;

static void setup(void)
{
	fixture_mem();
	memset(&log_, 0, sizeof(log_));
	cr_assert_eq(s2pt_init(&pt, 40, 1), 0);
}
static void teardown(void) { sim_mem_free(); }
TestSuite(walk, .init = setup, .fini = teardown);

static int walk_all(ipa_t addr, u64 size, unsigned visits)
{
	struct walker w = {.cb = record, .arg = &log_, .visits = visits};

	return s2pt_walk(&pt, addr, size, &w);
}

Test(walk, tables_are_visited_pre_then_children_then_post)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(walk_all(IPA, SZ_2M, WALK_LEAF | WALK_TABLE_PRE | WALK_TABLE_POST), 0);
	/* L1 pre, L2 pre, 512 L3 leaves, L2 post, L1 post */
	cr_assert_eq(log_.n, 516);
	cr_assert_eq(log_.v[0].kind, WALK_TABLE_PRE);
	cr_assert_eq(log_.v[0].level, 1);
	cr_assert_eq(log_.v[1].kind, WALK_TABLE_PRE);
	cr_assert_eq(log_.v[1].level, 2);
	cr_assert_eq(log_.v[2].kind, WALK_LEAF);
	cr_assert_eq(log_.v[2].level, 3);
	cr_assert(log_.v[2].valid);
	cr_assert_not(log_.v[3].valid);
	cr_assert_eq(log_.v[514].kind, WALK_TABLE_POST);
	cr_assert_eq(log_.v[514].level, 2);
	cr_assert_eq(log_.v[515].kind, WALK_TABLE_POST);
	cr_assert_eq(log_.v[515].level, 1);
	cr_assert_eq(log_.v[515].addr, IPA);
}

Test(walk, leaves_cover_the_range_in_order_and_ctx_has_it)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 4 * SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(walk_all(IPA + SZ_4K, 2 * SZ_4K, WALK_LEAF), 0);
	cr_assert_eq(log_.n, 2);
	cr_assert_eq(log_.v[0].addr, IPA + SZ_4K);
	cr_assert_eq(log_.v[1].addr, IPA + 2 * SZ_4K);
	cr_assert_eq(log_.start, IPA + SZ_4K);
	cr_assert_eq(log_.end, IPA + 3 * SZ_4K);
}

Test(walk, blocks_are_leaves_at_level2)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 2 * SZ_2M, S2_PROT_RWX, SZ_2M), 0);
	cr_assert_eq(walk_all(IPA, 2 * SZ_2M, WALK_LEAF), 0);
	cr_assert_eq(log_.n, 2);
	cr_assert_eq(log_.v[0].level, 2);
	cr_assert_eq(log_.v[1].addr, IPA + SZ_2M);
	cr_assert(log_.v[1].valid);
}

Test(walk, empty_table_gives_one_invalid_leaf_per_top_level_entry)
{
	cr_assert_eq(walk_all(0, 4 * SZ_1G, WALK_LEAF), 0);
	cr_assert_eq(log_.n, 4);
	for (unsigned i = 0; i < 4; i++) {
		cr_assert_eq(log_.v[i].level, 1);
		cr_assert_eq(log_.v[i].addr, i * SZ_1G);
		cr_assert_not(log_.v[i].valid);
	}
}

Test(walk, unaligned_start_reports_the_entry_base)
{
	cr_assert_eq(walk_all(IPA + 0x1000, SZ_4K, WALK_LEAF), 0);
	cr_assert_eq(log_.n, 1);
	cr_assert_eq(log_.v[0].level, 1);
	cr_assert_eq(log_.v[0].addr, IPA);
}

Test(walk, callback_error_stops_the_walk)
{
	cr_assert_eq(s2pt_map(&pt, IPA, PA, 8 * SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	log_.stop_after = 3;
	cr_assert_eq(walk_all(IPA, 8 * SZ_4K, WALK_LEAF), 42);
	cr_assert_eq(log_.n, 3);
}

Test(walk, bad_arguments_are_rejected)
{
	struct walker nocb = {.cb = NULL, .visits = WALK_LEAF};

	cr_assert_eq(walk_all(IPA, 0, WALK_LEAF), S2_EINVAL);
	cr_assert_eq(walk_all(~0ULL - 10, 100, WALK_LEAF), S2_EINVAL);
	cr_assert_eq(walk_all(1ULL << 39, SZ_4K, WALK_LEAF), S2_EINVAL);
	cr_assert_eq(s2pt_walk(&pt, IPA, SZ_4K, &nocb), S2_EINVAL);
	cr_assert_eq(log_.n, 0);
}

Test(walk, valid_only_skips_invalid_entries)
{
	cr_assert_eq(s2pt_map(&pt, IPA + 5 * SZ_4K, PA, SZ_4K, S2_PROT_RWX, SZ_4K), 0);
	cr_assert_eq(walk_all(0, 4 * SZ_1G, WALK_LEAF | WALK_VALID_ONLY), 0);
	cr_assert_eq(log_.n, 1);
	cr_assert_eq(log_.v[0].level, 3);
	cr_assert_eq(log_.v[0].addr, IPA + 5 * SZ_4K);
	cr_assert(log_.v[0].valid);
}
