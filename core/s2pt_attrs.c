/*
 * Attribute updates and the coalescing flush walk of live stage-2 leaves (see s2pt.h), in the
 * manner of Linux's stage2_update_leaf_attrs / stage2_flush_walker: strategies ask for these and
 * never write or publish a descriptor themselves.
 */
#include "s2pt.h"
#include "arch.h"
#include "cache_ops.h"
#include "lib.h"
#include "s2pt_priv.h"

struct attr_pass {
	const struct s2pt_flush_sel *sel;
	u64 set, clear;
	long changed, leaves;
	pa_t start, end; /* pending physically contiguous range to clean */
};

/* Clean to the PoC so an MMU-off (Non-cacheable) guest read sees the data (ARM ARM D8.17,
 * B2.12); cache_clean_inval_poc ends with the DSB that completes the DC CIVACs. */
static void flush_pending(struct attr_pass *a)
{
	if (a->end > a->start)
		cache_clean_inval_poc(a->start, a->end - a->start);
	a->start = a->end = 0;
}

/* Queue [pa, pa+size), merging it with the pending range if physically contiguous. */
static inline void flush_queue(struct attr_pass *a, pa_t pa, u64 size)
{
	if (pa != a->end)
		flush_pending(a);
	if (a->end == a->start)
		a->start = pa;
	a->end = pa + size;
}

/* Queue the selected part of the leaf at c: all of it when selected and inside the range. */
static void flush_leaf(struct attr_pass *a, const struct walk_ctx *c)
{
	const struct s2pt_flush_sel *sel = a->sel;
	bool selected = (c->old & sel->mask) == sel->match;
	ipa_t lo, hi;

	if (!s2_pte_cacheable(c->pt, c->old))
		return;
	if (selected && walk_ctx_covered(c)) {
		flush_queue(a, s2_pte_pa(c->old), walk_ctx_size(c));
		return;
	}
	lo = MAX(c->addr, c->start);
	hi = MIN(c->addr + walk_ctx_size(c), c->end);
	if (!selected) {
		lo = MAX(lo, sel->always_lo);
		hi = MIN(hi, sel->always_hi);
	}
	if (lo < hi)
		flush_queue(a, s2_pte_pa(c->old) + (lo - c->addr), hi - lo);
}

/* Set/clear on one leaf. Permission/DBM change only: written in place, no BBM (ARM ARM D8.16.1). */
static int update_leaf(struct attr_pass *a, struct walk_ctx *c)
{
	u64 new = (c->old & ~a->clear) | a->set;

	if (new != c->old) {
		*c->ptep = new;
		a->changed++;
	}
	return 0;
}

/* Separate callbacks, not one with flags: these walks visit every leaf of guest RAM at reinit. */
static int flush_cb(struct walk_ctx *c)
{
	flush_leaf(c->arg, c);
	return 0;
}

/* Every cacheable leaf, whole: the walk's range is 2M-aligned and s2pt makes no leaf larger
 * than 2M (s2pt.c leaf_allowed), so each leaf visited lies inside it. `clean`'s reinit path. */
static int flush_whole_cb(struct walk_ctx *c)
{
	if (s2_pte_cacheable(c->pt, c->old))
		flush_queue(c->arg, s2_pte_pa(c->old), walk_ctx_size(c));
	return 0;
}

static int update_cb(struct walk_ctx *c)
{
	struct attr_pass *a = c->arg;

	if (!walk_ctx_covered(c))
		return s2pt_split_to_table(c); /* the walker descends into the new table */
	a->leaves++;
	return update_leaf(a, c);
}

static int flush_update_cb(struct walk_ctx *c)
{
	struct attr_pass *a = c->arg;

	if (!walk_ctx_covered(c))
		return s2pt_split_to_table(c);
	flush_leaf(a, c);
	return update_leaf(a, c);
}

static long attr_walk(struct s2pt *pt, ipa_t ipa, u64 size, struct attr_pass *a)
{
	bool update = a->set | a->clear;
	bool whole = a->sel && !a->sel->mask && IS_ALIGNED(ipa | size, SZ_2M);
	struct walker w = {
		.cb = !a->sel ? update_cb : update ? flush_update_cb : whole ? flush_whole_cb : flush_cb,
		.arg = a,
		.visits = WALK_LEAF | WALK_VALID_ONLY,
	};
	int ret;

	if (!IS_ALIGNED(ipa | size, PAGE_SIZE) || ((a->set | a->clear) & ~S2_PTE_PROT_MASK))
		return S2_EINVAL;
	ret = s2pt_walk(pt, ipa, size, &w);
	if (a->sel)
		flush_pending(a);
	if (a->changed) {
		/* DSB: the new descriptors are visible to the walker before the TLBI that drops the
		 * old entries, so none outlives the change (ARM ARM D8.16, TLB maintenance). */
		arch_pte_publish();
		tlb_flush_vmid(pt->vmid);
	}
	return ret ? ret : a->changed;
}

long s2pt_flush_update(struct s2pt *pt, ipa_t ipa, u64 size, const struct s2pt_flush_sel *sel,
		       u64 set, u64 clear)
{
	struct attr_pass a = {.sel = sel, .set = set, .clear = clear};

	return attr_walk(pt, ipa, size, &a);
}

int s2pt_relax_perms(struct s2pt *pt, ipa_t ipa, u64 size, unsigned prot)
{
	struct attr_pass a = {
		.set = ((prot & S2_PROT_R) ? S2_PTE_S2AP_R : 0) | ((prot & S2_PROT_W) ? S2_PTE_S2AP_W : 0),
		.clear = (prot & S2_PROT_X) ? S2_PTE_XN : 0,
	};
	long ret = attr_walk(pt, ipa, size, &a);

	if (ret < 0)
		return (int)ret;
	return a.leaves ? 0 : S2_ENOENT;
}

int s2pt_set_prot(struct s2pt *pt, ipa_t ipa, u64 size, unsigned prot)
{
	long ret = s2pt_update_leaf_attrs(pt, ipa, size, s2pt_prot_bits(prot),
					  S2_PTE_S2AP_R | S2_PTE_S2AP_W | S2_PTE_XN);

	return ret < 0 ? (int)ret : 0;
}
