/*
 * touch: the sweepable workload. With its MMU on, it touches `frac`% of RAM every `stride`
 * bytes, `write`% of the touches being 64-bit writes, then re-reads every written word. Order
 * `seq` and `random` touch the same slots (the first frac% of free RAM) in two orders; `scatter`
 * touches a different random frac% of all free RAM on every boot (seeded by seed and boot), so
 * the pages mapped across reboots grow while the pages touched per boot do not. Reports the
 * 4 KiB pages touched, so faults and cleaned lines can be plotted against touched memory.
 * With s2b.vcpus=N the N vCPUs touch the walk's N contiguous parts at once (lib/smp/), and the
 * boot vCPU re-reads every written word after they joined, its own and the others'.
 */
#include "lib/image.h"
#include "lib/inject.h"
#include "lib/mmu.h"
#include "lib/params.h"
#include "lib/prng.h"
#include "lib/smp/smp.h"

#define PAGE_SIZE 4096UL

enum touch_order { ORDER_SEQ = 0, ORDER_RANDOM = 1, ORDER_SCATTER = 2 };

struct touch_plan {
	uintptr_t base;    /* first touched address: free RAM past the guest and its page tables */
	u64 stride, count; /* count touches; slot i is at base + i * stride */
	u64 slots;         /* slots in all free RAM: scatter picks count of them */
	u64 order, write_pct, seed, boot;
};

static bool slot_writes(const struct touch_plan *t, u64 i)
{
	return mix64(t->seed ^ i) % 100 < t->write_pct;
}

static u64 slot_value(const struct touch_plan *t, u64 i)
{
	return (t->base + i * t->stride) ^ t->boot << 48 ^ t->seed;
}

/*
 * A seeded permutation of [0, count): a full-period LCG modulo the next power of two m >= count
 * (Hull-Dobell: c odd, a = 1 mod 4), skipping values >= count. Every slot is touched exactly
 * once in either order, so the set of touched pages does not depend on the order.
 */
struct permutation {
	u64 mask, a, c, x;
};

static void permutation_init(struct permutation *p, u64 count, u64 seed)
{
	struct prng r;
	u64 m = 1;

	while (m < count)
		m <<= 1;
	prng_seed(&r, seed);
	p->mask = m - 1;
	p->a = 0x5851f42d4c957f2dULL; /* = 1 mod 4 */
	p->c = prng_next(&r) | 1;
	p->x = prng_next(&r) & p->mask;
}

static u64 permutation_next(struct permutation *p, u64 count)
{
	do
		p->x = (p->a * p->x + p->c) & p->mask;
	while (p->x >= count);
	return p->x;
}

/* The n-th touch's slot, n < count, in the plan's order; the same walk for touching and checking. */
struct slot_walk {
	struct permutation perm;
	u64 range; /* the permutation runs over [0, range) */
};

static void slot_walk_init(const struct touch_plan *t, struct slot_walk *w)
{
	w->range = t->order == ORDER_SCATTER ? t->slots : t->count;
	/* scatter: another subset every boot; random: the same slots, another order per seed */
	permutation_init(&w->perm, w->range, t->order == ORDER_SCATTER ? t->seed ^ mix64(t->boot + 1) : t->seed);
}

static u64 slot_walk_next(const struct touch_plan *t, struct slot_walk *w, u64 n)
{
	return t->order == ORDER_SEQ ? n : permutation_next(&w->perm, w->range);
}

/* The walk's touches [lo, hi): a permutation is stepped from its start, touching from lo. */
static u64 touch_part(const struct touch_plan *t, u64 lo, u64 hi)
{
	struct slot_walk w;
	u64 sink = 0;

	slot_walk_init(t, &w);
	for (u64 n = t->order == ORDER_SEQ ? lo : 0; n < hi; n++) {
		u64 i = slot_walk_next(t, &w, n);
		volatile u64 *p = (volatile u64 *)(t->base + i * t->stride);

		if (n < lo)
			continue;
		if (slot_writes(t, i))
			*p = slot_value(t, i);
		else
			sink += *p;
	}
	return sink;
}

static struct touch_plan plan; /* read by every vCPU */
static unsigned vcpus;

static u64 touch_vcpu(unsigned idx)
{
	u64 lo, hi;

	smp_slice(plan.count, idx, vcpus, &lo, &hi);
	return touch_part(&plan, lo, hi);
}

/* Every touch once, on all vCPUs; the read sum. */
static u64 touch_all(void)
{
	u64 sums[SMP_MAX_VCPUS], sink = 0;

	if (vcpus == 1)
		return touch_part(&plan, 0, plan.count);
	smp_run(vcpus, touch_vcpu, sums);
	for (unsigned i = 0; i < vcpus; i++)
		sink += sums[i];
	return sink;
}

/* Every written word must read back. Returns the number of writes. */
static u64 verify_writes(const struct touch_plan *t)
{
	struct slot_walk w;
	u64 writes = 0;

	slot_walk_init(t, &w);
	for (u64 n = 0; n < t->count; n++) {
		u64 i = slot_walk_next(t, &w, n);
		volatile u64 *p = (volatile u64 *)(t->base + i * t->stride);

		if (!slot_writes(t, i))
			continue;
		if (writes++ == 0)
			inject_corrupt((void *)p);
		if (*p != slot_value(t, i)) {
			s2b_printf("touch: word at %p is 0x%lx, wrote 0x%lx\n", (void *)p, *p, slot_value(t, i));
			s2b_check(false, *p, slot_value(t, i));
			return writes;
		}
	}
	s2b_check(true, writes, writes);
	return writes;
}

/* Distinct 4 KiB pages among the touched slots (seq/random: the first count; scatter: spread). */
static u64 pages_touched(const struct touch_plan *t)
{
	if (!t->count)
		return 0;
	if (t->stride >= PAGE_SIZE)
		return t->count;
	if (t->order == ORDER_SCATTER)
		return t->count; /* an upper bound: scattered slots rarely share a page */
	return ((t->base + (t->count - 1) * t->stride) / PAGE_SIZE) - t->base / PAGE_SIZE + 1;
}

void guest_main(void)
{
	struct guest_params gp;
	struct touch_plan t;
	uintptr_t free_ram;
	u64 ram_end, sink;

	guest_params_read(&gp);
	image_verify();
	free_ram = mmu_enable(gp.ram_base, gp.ram_size);
	if (!s2b_check(free_ram != 0, 0, 1))
		return;
	ram_end = gp.ram_base + gp.ram_size;
	t.base = free_ram;
	t.stride = (gp.stride + 7) & ~7UL; /* aligned 64-bit accesses */
	t.slots = (ram_end - t.base) / t.stride;
	/* whole percents exactly as before tenths existed (ram/100 * frac), tenths on top */
	t.count = (gp.ram_size / 100 * (gp.frac_tenths / 10) + gp.ram_size / 1000 * (gp.frac_tenths % 10)) /
		  t.stride;
	if (t.count > t.slots)
		t.count = t.slots; /* frac=100 cannot touch the guest itself */
	t.order = gp.order;
	t.write_pct = gp.write;
	t.seed = gp.seed;
	t.boot = gp.boot;
	plan = t;
	vcpus = smp_vcpus();

	s2b_mark_begin("touch");
	sink = touch_all();
	s2b_mark_end("touch");
	s2b_mark_ready();

	s2b_report("pages", pages_touched(&t));
	s2b_report("touches", t.count);
	s2b_report("writes", verify_writes(&t));
	if (vcpus > 1)
		s2b_report("vcpus", vcpus);
	s2b_printf("touch: boot %lu, %lu touches every %lu bytes from %p (%s), read sum 0x%lx\n", gp.boot,
		   t.count, t.stride, (void *)t.base,
		   gp.order == ORDER_SCATTER ? "scatter" : gp.order ? "random" : "seq", sink);
}
