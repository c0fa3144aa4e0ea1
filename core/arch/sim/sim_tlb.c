/*
 * A stage-2 TLB: leaf descriptors cached by the IPA range they map, used until a TLBI removes
 * them, so a strategy that changes stage 2 without invalidating (ARM ARM D8.16, TLB maintenance)
 * keeps running on the old entry. Seeded random replacement.
 */
#include <string.h>
#include "../../walk.h"
#include "sim.h"

#define SIM_TLB_ENTRIES 64

struct sim_tlb_entry {
	bool valid;
	ipa_t base;
	unsigned level;
	u64 pte;
};

static struct sim_tlb_entry tlb[SIM_TLB_ENTRIES];

void sim_tlb_reset(void)
{
	memset(tlb, 0, sizeof(tlb));
}

static bool covers(const struct sim_tlb_entry *e, ipa_t ipa)
{
	return e->valid && ipa >= e->base && ipa - e->base < s2_level_size(e->level);
}

static struct sim_tlb_entry *tlb_find(ipa_t ipa)
{
	for (unsigned i = 0; i < SIM_TLB_ENTRIES; i++)
		if (covers(&tlb[i], ipa))
			return &tlb[i];
	return NULL;
}

struct find_leaf {
	u64 *ptep;
	unsigned level;
};

static int find_leaf_cb(struct walk_ctx *c)
{
	struct find_leaf *f = c->arg;

	f->ptep = c->ptep;
	f->level = c->level;
	return 0;
}

/* The table entry mapping `ipa` (the hardware walker's view; no TLB). */
static u64 *walk_to_leaf(struct s2pt *pt, ipa_t ipa, unsigned *level)
{
	struct find_leaf f = {0};
	struct walker w = {.cb = find_leaf_cb, .arg = &f, .visits = WALK_LEAF};

	if (s2pt_walk(pt, ALIGN_DOWN(ipa, PAGE_SIZE), PAGE_SIZE, &w) || !f.ptep)
		return NULL;
	*level = f.level;
	return f.ptep;
}

u64 sim_tlb_translate(struct s2pt *pt, ipa_t ipa, unsigned *level, u64 **ptep)
{
	struct sim_tlb_entry *e = tlb_find(ipa);
	unsigned l;
	u64 *p = walk_to_leaf(pt, ipa, &l);

	if (ptep)
		*ptep = p;
	if (e) {
		*level = e->level;
		return e->pte;
	}
	if (!p || !s2_pte_valid(*p))
		return 0; /* faults are not cached */
	e = &tlb[sim_rand() % SIM_TLB_ENTRIES];
	*e = (struct sim_tlb_entry){.valid = true, .base = ALIGN_DOWN(ipa, s2_level_size(l)), .level = l, .pte = *p};
	*level = l;
	return *p;
}

void sim_tlb_update(ipa_t ipa, u64 pte)
{
	struct sim_tlb_entry *e = tlb_find(ipa);

	if (e)
		e->pte = pte;
}

void sim_tlb_inval_all(void)
{
	sim_tlb_reset();
}

void sim_tlb_inval_ipa(ipa_t ipa)
{
	for (unsigned i = 0; i < SIM_TLB_ENTRIES; i++)
		if (covers(&tlb[i], ipa))
			tlb[i].valid = false;
}
