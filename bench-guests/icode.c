/*
 * icode: the I-cache path. The loader writes icode_page (variant 0) on every boot; each boot
 * first executes it - MMU off, no I-cache maintenance of its own, so any stale line left by the
 * previous boot is executed - and checks the result against a C reference. It then copies
 * variant 1 over the page, makes it visible to fetch, and runs it MMU off and again MMU and
 * caches on (so its lines are in the I-cache at reset): the next boot sees the pristine page
 * only if its host cleaned the D-cache to the PoC and invalidated the I-cache.
 */
#include "lib/cache.h"
#include "lib/image.h"
#include "lib/inject.h"
#include "lib/mmu.h"
#include "lib/params.h"

#define ICODE_PAGE_SIZE 4096
#define ICODE_INSNS 1023 /* + ret */
#define ICODE_INJECT_INSN 100 /* an ADD: flipping bit 0 retargets it to x1, still valid code */

u64 icode_page(u64 x);
u64 icode_alt(u64 x);

static u64 ror64(u64 v, unsigned r)
{
	return v >> r | v << (64 - r);
}

/* What ICODE_PAGE (icode-pages.S) computes. */
static u64 icode_reference(unsigned variant, u64 x)
{
	for (unsigned i = 0; i < ICODE_INSNS; i++) {
		if (i % 2 == 0)
			x += (i * (2 * variant + 1) + variant) & 0xfff;
		else
			x ^= ror64(x, (i + variant) % 63 + 1);
	}
	return x;
}

/* Run the page once (the mark `tag` times just that: a metric <tag>_cycles) and check it. */
static bool check_run(const char *tag, const char *what, unsigned variant, u64 x)
{
	u64 got, want;

	s2b_mark_begin(tag);
	got = icode_page(x);
	s2b_mark_end(tag);
	want = icode_reference(variant, x);

	if (got != want)
		s2b_printf("icode: %s returned 0x%lx, expected 0x%lx (variant %u)\n", what, got, want, variant);
	return s2b_check(got == want, got, want);
}

void guest_main(void)
{
	struct guest_params gp;
	uintptr_t page = (uintptr_t)icode_page;
	u64 x;

	guest_params_read(&gp);
	x = gp.seed ^ gp.boot;
	image_verify(); /* data reads only: no I-cache maintenance before the pristine run */
	if (inject_requested()) {
		/* Corrupt one instruction and make that visible to fetch, so the check below fails. */
		inject_corrupt((u8 *)page + 4 * ICODE_INJECT_INSN);
		icache_sync_range(page, page + ICODE_PAGE_SIZE);
	}
	check_run("pristine", "pristine page", 0, x);

	/* Rewrite the page (MMU off: stores go to memory) and make it visible to fetch. */
	for (unsigned i = 0; i < ICODE_PAGE_SIZE / 8; i++)
		((volatile u64 *)page)[i] = ((const volatile u64 *)(uintptr_t)icode_alt)[i];
	icache_sync_range(page, page + ICODE_PAGE_SIZE);
	check_run("alt_nc", "rewritten page, MMU off", 1, x);

	if (!s2b_check(mmu_enable(gp.ram_base, gp.ram_size) != 0, 0, 1))
		return;
	check_run("alt_wb", "rewritten page, MMU on", 1, x + 1);
	s2b_mark_ready();
	s2b_printf("icode: boot %lu, ran the pristine and the rewritten page\n", gp.boot);
}
