/*
 * Stage-2 page-table operations built on the generic walker (see s2pt.h, walk.h).
 * Live updates follow break-before-make (ARM ARM D8.16.1): a valid entry is replaced by an
 * invalid one, the TLB entry for it is invalidated, and only then is the new entry written.
 */
#include "s2pt.h"
#include "arch.h"
#include "cache_ops.h"
#include "palloc.h"
#include "s2pt_priv.h"
#include "walk.h"

#define S2_PTE_ATTR_MASK (~(S2_PTE_ADDR_MASK | S2_PTE_VALID | S2_PTE_TYPE_TABLE))

int s2pt_init(struct s2pt *pt, unsigned pa_bits, u16 vmid)
{
	unsigned bits = MIN(pa_bits, S2_MAX_IPA_BITS);

	if (bits < S2_MIN_IPA_BITS)
		return S2_EINVAL;
	pt->root_pa = palloc_page();
	if (!pt->root_pa)
		return S2_ENOMEM;
	pt->root = arch_pa_to_va(pt->root_pa);
	pt->ipa_bits = bits;
	pt->start_level = 1; /* 4K granule, T0SZ >= 25: a single level-1 root (ARM ARM D8.2.7) */
	pt->vmid = vmid;
	pt->fwb = false;
	pt->hw_dirty = false;
	return 0;
}

static u64 memattr_normal(const struct s2pt *pt)
{
	return pt->fwb ? S2_MEMATTR_FWB_NORMAL_WB : S2_MEMATTR_NORMAL_WB;
}

bool s2_pte_cacheable(const struct s2pt *pt, u64 pte)
{
	return ((pte & S2_PTE_MEMATTR_MASK) >> S2_PTE_MEMATTR_SHIFT) == memattr_normal(pt);
}

u64 s2pt_prot_bits(unsigned prot)
{
	u64 b = 0;

	if (prot & S2_PROT_R)
		b |= S2_PTE_S2AP_R;
	if (prot & S2_PROT_W)
		b |= S2_PTE_S2AP_W;
	if (!(prot & S2_PROT_X))
		b |= S2_PTE_XN;
	return b;
}

static u64 type_bits(unsigned level)
{
	return level == 3 ? (S2_PTE_VALID | S2_PTE_TYPE_TABLE) : S2_PTE_VALID; /* page : block */
}

u64 s2pt_make_leaf(const struct s2pt *pt, pa_t pa, unsigned level, unsigned prot)
{
	u64 attr = (prot & S2_PROT_DEVICE)
			   ? (pt->fwb ? S2_MEMATTR_FWB_DEVICE_nGnRE : S2_MEMATTR_DEVICE_nGnRE)
			   : memattr_normal(pt);

	return (pa & S2_PTE_ADDR_MASK) | attr << S2_PTE_MEMATTR_SHIFT | S2_PTE_AF | S2_PTE_SH_INNER |
	       s2pt_prot_bits(prot) | type_bits(level);
}

/* Replace a live entry: break (invalidate + TLBI), then make. */
static void pte_replace(struct walk_ctx *c, u64 new)
{
	if (s2_pte_valid(*c->ptep)) {
		*c->ptep = 0;
		arch_pte_publish();
		tlb_flush_ipa(c->pt->vmid, c->addr, c->level);
	}
	*c->ptep = new;
	arch_pte_publish();
}

/* See s2pt_priv.h. */
int s2pt_split_to_table(struct walk_ctx *c)
{
	pa_t child_pa = palloc_page();
	u64 *child;
	u64 old = *c->ptep;

	if (!child_pa)
		return S2_ENOMEM;
	child = arch_pa_to_va(child_pa);
	if (s2_pte_valid(old)) {
		u64 sub = s2_level_size(c->level + 1);
		u64 attrs = (old & S2_PTE_ATTR_MASK) | type_bits(c->level + 1);

		for (unsigned i = 0; i < S2_PTRS_PER_TABLE; i++)
			child[i] = (s2_pte_pa(old) + i * sub) | attrs;
	}
	/* The child's entries must be visible to the walker before the table entry is. */
	arch_pte_publish();
	pte_replace(c, child_pa | S2_PTE_VALID | S2_PTE_TYPE_TABLE);
	return 0;
}

struct map_args {
	pa_t pa;
	unsigned prot;
	u64 max_block;
};

static bool leaf_allowed(const struct walk_ctx *c, u64 max_block, pa_t pa)
{
	u64 size = walk_ctx_size(c);

	if (c->level == 3)
		return true;
	return c->level == 2 && max_block >= SZ_2M && walk_ctx_covered(c) && IS_ALIGNED(pa, size);
}

static int map_cb(struct walk_ctx *c)
{
	const struct map_args *a = c->arg;
	pa_t pa = a->pa + (c->addr - c->start);
	u64 new;

	if (!leaf_allowed(c, a->max_block, pa))
		return s2pt_split_to_table(c); /* the walker descends into the new table */
	new = s2pt_make_leaf(c->pt, pa, c->level, a->prot);
	if (c->old != new)
		pte_replace(c, new);
	return 0;
}

/*
 * Fast path for the common fault case: one leaf into an empty slot whose tables exist. Anything
 * else (a missing table, a live entry to replace or split) takes the generic walk.
 */
static bool map_one_leaf_fast(struct s2pt *pt, ipa_t ipa, pa_t pa, u64 size, unsigned prot)
{
	unsigned leaf_level = size == SZ_2M ? 2 : 3;
	u64 *table = pt->root;
	u64 *ptep;

	if (!IS_ALIGNED(ipa | pa, size) || ipa >= (1ULL << pt->ipa_bits))
		return false;
	for (unsigned l = pt->start_level; l < leaf_level; l++) {
		u64 pte = table[(ipa >> s2_level_shift(l)) & (S2_PTRS_PER_TABLE - 1)];

		if (!s2_pte_is_table(pte, l))
			return false;
		table = arch_pa_to_va(s2_pte_pa(pte));
	}
	ptep = &table[(ipa >> s2_level_shift(leaf_level)) & (S2_PTRS_PER_TABLE - 1)];
	if (s2_pte_valid(*ptep))
		return false;
	*ptep = s2pt_make_leaf(pt, pa, leaf_level, prot);
	arch_pte_publish();
	return true;
}

int s2pt_map(struct s2pt *pt, ipa_t ipa, pa_t pa, u64 size, unsigned prot, u64 max_block)
{
	struct map_args a = {.pa = pa, .prot = prot, .max_block = max_block};
	struct walker w = {.cb = map_cb, .arg = &a, .visits = WALK_LEAF};

	if (!IS_ALIGNED(ipa | pa | size, PAGE_SIZE) || (max_block != SZ_4K && max_block != SZ_2M) ||
	    !(prot & S2_PROT_RWX))
		return S2_EINVAL;
	if (size == max_block && map_one_leaf_fast(pt, ipa, pa, size, prot))
		return 0;
	return s2pt_walk(pt, ipa, size, &w);
}

struct unmap_args {
	s2_leaf_hook hook;
	void *hook_arg;
	long removed;
	pa_t to_free; /* tables freed only after the TLBI: walk caches may still hold them */
};

static int unmap_cb(struct walk_ctx *c)
{
	struct unmap_args *a = c->arg;

	if (c->visit == WALK_TABLE_POST) {
		if (walk_ctx_covered(c)) {
			pa_t child = s2_pte_pa(c->old);

			*c->ptep = 0;
			*(pa_t *)arch_pa_to_va(child) = a->to_free;
			a->to_free = child;
		}
		return 0;
	}
	if (!s2_pte_valid(c->old))
		return 0;
	if (!walk_ctx_covered(c))
		return s2pt_split_to_table(c);
	if (a->hook)
		a->hook(c->pt, c->addr, s2_pte_pa(c->old), walk_ctx_size(c), c->old, a->hook_arg);
	*c->ptep = 0;
	a->removed++;
	return 0;
}

long s2pt_unmap(struct s2pt *pt, ipa_t ipa, u64 size, s2_leaf_hook hook, void *arg)
{
	struct unmap_args a = {.hook = hook, .hook_arg = arg};
	struct walker w = {.cb = unmap_cb, .arg = &a, .visits = WALK_LEAF | WALK_TABLE_POST | WALK_VALID_ONLY};
	int ret;

	if (!IS_ALIGNED(ipa | size, PAGE_SIZE))
		return S2_EINVAL;
	ret = s2pt_walk(pt, ipa, size, &w);
	if (a.removed || a.to_free) {
		arch_pte_publish();
		tlb_flush_vmid(pt->vmid);
	}
	while (a.to_free) {
		pa_t next = *(pa_t *)arch_pa_to_va(a.to_free);

		palloc_free(a.to_free);
		a.to_free = next;
	}
	return ret ? ret : a.removed;
}

u64 s2pt_lookup(const struct s2pt *pt, ipa_t ipa, unsigned *level)
{
	const u64 *table = pt->root;

	if (!table || ipa >= (1ULL << pt->ipa_bits))
		return 0;
	for (unsigned l = pt->start_level; l <= 3; l++) {
		u64 pte = table[(ipa >> s2_level_shift(l)) & (S2_PTRS_PER_TABLE - 1)];

		if (!s2_pte_is_table(pte, l)) {
			if (level)
				*level = l;
			return s2_pte_valid(pte) ? pte : 0;
		}
		table = arch_pa_to_va(s2_pte_pa(pte));
	}
	return 0;
}

static int free_tables_cb(struct walk_ctx *c)
{
	palloc_free(s2_pte_pa(c->old));
	*c->ptep = 0;
	return 0;
}

void s2pt_destroy(struct s2pt *pt)
{
	struct walker w = {.cb = free_tables_cb, .visits = WALK_TABLE_POST | WALK_VALID_ONLY};

	if (!pt->root)
		return;
	s2pt_walk(pt, 0, 1ULL << pt->ipa_bits, &w);
	palloc_free(pt->root_pa);
	pt->root = 0;
	pt->root_pa = 0;
}
