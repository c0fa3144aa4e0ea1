/* The generic stage-2 walker (see walk.h). Recursion depth is at most 4 levels. */
#include "walk.h"
#include "arch.h"

static int walk_table(struct s2pt *pt, u64 *table, unsigned level, ipa_t *addr, ipa_t start,
		      ipa_t end, const struct walker *w);

static int visit(struct walk_ctx *c, enum walk_visit v, const struct walker *w)
{
	if (!(w->visits & v))
		return 0;
	c->visit = v;
	c->old = *c->ptep;
	return w->cb(c);
}

static int walk_entry(struct s2pt *pt, u64 *ptep, unsigned level, ipa_t *addr, ipa_t start,
		      ipa_t end, const struct walker *w)
{
	u64 size = s2_level_size(level);
	struct walk_ctx c = {
		.pt = pt, .ptep = ptep, .addr = ALIGN_DOWN(*addr, size), .start = start, .end = end,
		.level = level, .arg = w->arg,
	};
	int ret;

	if (s2_pte_is_table(*ptep, level)) {
		ret = visit(&c, WALK_TABLE_PRE, w);
		if (ret)
			return ret;
	}
	if (!s2_pte_is_table(*ptep, level)) {
		ret = visit(&c, WALK_LEAF, w);
		if (ret)
			return ret;
	}
	if (!s2_pte_is_table(*ptep, level)) {
		*addr = c.addr + size;
		return 0;
	}
	ret = walk_table(pt, arch_pa_to_va(s2_pte_pa(*ptep)), level + 1, addr, start, end, w);
	if (ret)
		return ret;
	return visit(&c, WALK_TABLE_POST, w);
}

static int walk_table(struct s2pt *pt, u64 *table, unsigned level, ipa_t *addr, ipa_t start,
		      ipa_t end, const struct walker *w)
{
	const u64 size = s2_level_size(level);
	const bool valid_only = w->visits & WALK_VALID_ONLY;
	u64 idx = (*addr >> s2_level_shift(level)) & (S2_PTRS_PER_TABLE - 1);
	const ipa_t base = ALIGN_DOWN(*addr, size) - idx * size; /* IPA of table[0] */
	const u64 last = MIN(S2_PTRS_PER_TABLE - 1, (end - 1 - base) / size);
	int ret;

	for (; idx <= last; idx++) {
		if (valid_only) {
			/* hot on sparse tables: a load and a test per invalid entry */
			while (idx <= last && !s2_pte_valid(table[idx]))
				idx++;
			if (idx > last)
				break;
			*addr = MAX(*addr, base + idx * size);
		}
		ret = walk_entry(pt, &table[idx], level, addr, start, end, w);
		if (ret)
			return ret;
	}
	*addr = MAX(*addr, base + (last + 1) * size);
	return 0;
}

int s2pt_walk(struct s2pt *pt, ipa_t addr, u64 size, const struct walker *w)
{
	ipa_t end = addr + size;

	if (!pt->root || !w || !w->cb || size == 0 || end < addr || end > (1ULL << pt->ipa_bits))
		return S2_EINVAL;
	return walk_table(pt, pt->root, pt->start_level, &addr, addr, end, w);
}
