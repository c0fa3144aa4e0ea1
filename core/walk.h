/*
 * Generic stage-2 table walker in the style of Linux's kvm_pgtable_walk(): a callback sees each
 * entry overlapping the range, as a LEAF (block, page or invalid entry), or around a table as
 * TABLE_PRE (before descending) and TABLE_POST (after). A LEAF callback may turn the entry into a
 * table (the walker then descends into it); a TABLE_PRE callback may replace the table.
 */
#ifndef S2_WALK_H
#define S2_WALK_H

#include "s2pt.h"

enum walk_visit {
	WALK_LEAF = 1,
	WALK_TABLE_PRE = 2,
	WALK_TABLE_POST = 4,
	/* Option, not a visit: skip invalid entries instead of visiting them as leaves. Walks
	 * that only act on mappings (unmap, clean, protect) stay cheap over sparse tables. */
	WALK_VALID_ONLY = 8,
};

struct walk_ctx {
	struct s2pt *pt;
	u64 *ptep;
	u64 old;          /* the entry's value when the visit started */
	ipa_t addr;       /* start of the entry's IPA range (aligned to its level) */
	ipa_t start, end; /* the whole walk's range */
	unsigned level;
	enum walk_visit visit;
	void *arg;
};

typedef int (*walk_fn)(struct walk_ctx *ctx);

struct walker {
	walk_fn cb;
	void *arg;
	unsigned visits; /* mask of enum walk_visit */
};

static inline u64 walk_ctx_size(const struct walk_ctx *c) { return s2_level_size(c->level); }
/* True when the entry's whole range lies inside the walk's range. */
static inline bool walk_ctx_covered(const struct walk_ctx *c)
{
	return c->addr >= c->start && c->addr + walk_ctx_size(c) <= c->end;
}

/* Walk [addr, addr+size). A callback returning non-zero stops the walk with that value. */
int s2pt_walk(struct s2pt *pt, ipa_t addr, u64 size, const struct walker *w);

#endif
