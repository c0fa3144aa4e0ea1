/* Boards and strategies as the harness sees them all come from one table each (harness/boards.h,
 * strategies/table.h): every board a suite may name has a back-end and a LAVA mapping, and every
 * strategy of the table is in the catalog under the hypervisor that runs it. */
#include "board.h"
#include "catalog.h"

#include "../../../strategies/table.h"

#include <criterion/criterion.h>
#include <string.h>

Test(boards, every_catalog_board_has_a_back_end_and_a_lava_cpu)
{
	size_t n = 0;

	for (const struct catalog_entry *e = catalog_boards; e->name; e++, n++) {
		const struct board_desc *d = board_desc_find(e->name);

		cr_assert_not_null(d, "%s: no back-end", e->name);
		cr_expect_not_null(d->ops, "%s", e->name);
		cr_expect_not_null(d->ops->check, "%s", e->name);
		cr_expect_not_null(d->ops->start, "%s", e->name);
		cr_expect_not_null(d->lava_cpu, "%s", e->name);
		cr_expect_eq(board_find(e->name), d->ops);
	}
	cr_expect_eq(n, board_desc_count, "a back-end without a catalog entry");
}

Test(boards, the_default_board_is_the_first_descriptor)
{
	struct run_config cfg;

	run_config_defaults(&cfg);
	cr_expect_str_eq(cfg.board, board_descs[0].name);
}

/* s2vmm runs on the kvm-qemu-* boards (one back-end, the board's name picks the CPU) and on
 * kvm-host (a host of its own, board_kvm_host.c); no other board boots it. */
Test(boards, kvm_boards_boot_s2vmm_and_share_one_back_end)
{
	for (const struct catalog_entry *e = catalog_boards; e->name; e++) {
		const struct board_ops *ops = board_find(e->name);
		cr_expect_eq(e->host == HOST_S2VMM, ops == &board_kvm || ops == &board_kvm_host, "%s",
			     e->name);
		cr_expect_eq(!strncmp(e->name, "kvm-qemu-", 9), ops == &board_kvm, "%s", e->name);
	}
	cr_expect_eq(board_find("kvm-host"), &board_kvm_host);
	cr_expect_eq(board_find("kvm-host")->max_parallel, 1u, "one s2vmm at a time on a host");
}

/* Only qemu-virt-tcg runs without -icount; its LAVA job must not add it either (lava.c). */
Test(boards, only_qemu_virt_tcg_is_wall_clock)
{
	for (const struct catalog_entry *e = catalog_boards; e->name; e++)
		cr_expect_eq(board_wall_clock(e->name), !strcmp(e->name, "qemu-virt-tcg"), "%s", e->name);
	cr_expect_eq(board_wall_clock("no-such-board"), 0);
}

Test(boards, an_unknown_board_has_no_descriptor)
{
	cr_expect_null(board_desc_find("no-such-board"));
	cr_expect_null(board_find("no-such-board"));
}

struct strategy_row {
	const char *name;
	enum catalog_host host;
};
#define S2HV_ROW(id, name, ...) { name, HOST_S2HV },
#define S2VMM_ROW(id, name, ...) { name, HOST_S2VMM },
static const struct strategy_row strategy_rows[] = { S2HV_STRATEGIES(S2HV_ROW) S2VMM_STRATEGIES(S2VMM_ROW) };

Test(catalog, every_strategy_of_the_table_is_listed_under_its_hypervisor)
{
	size_t n = sizeof(strategy_rows) / sizeof(strategy_rows[0]), listed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct catalog_entry *e = catalog_find(catalog_strategies, strategy_rows[i].name);

		cr_assert_not_null(e, "%s", strategy_rows[i].name);
		cr_expect_eq(e->host, strategy_rows[i].host, "%s", strategy_rows[i].name);
		cr_expect_gt(strlen(e->summary), 0);
	}
	for (const struct catalog_entry *e = catalog_strategies; e->name; e++)
		listed++;
	cr_expect_eq(listed, n);
}
