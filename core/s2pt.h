/*
 * Stage-2 translation tables: 4 KiB granule, 4 KiB pages and 2 MiB blocks, IPA size from the
 * CPU's PARange (capped at 39 bits so the walk starts at level 1 with one root table).
 * Descriptor formats: ARM ARM D8.3 (VMSAv8-64 translation table format descriptors).
 */
#ifndef S2_S2PT_H
#define S2_S2PT_H

#include "s2err.h"
#include "types.h"

#define S2_MAX_IPA_BITS 39
#define S2_MIN_IPA_BITS 32
#define S2_PTRS_PER_TABLE 512

/* Descriptor bits (stage 2). */
#define S2_PTE_VALID (1ULL << 0)
#define S2_PTE_TYPE_TABLE (1ULL << 1) /* with VALID: table (levels 0-2) or page (level 3) */
#define S2_PTE_MEMATTR_SHIFT 2
#define S2_PTE_MEMATTR_MASK (0xfULL << 2)
#define S2_PTE_S2AP_R (1ULL << 6)
#define S2_PTE_S2AP_W (1ULL << 7)
#define S2_PTE_SH_INNER (3ULL << 8)
#define S2_PTE_AF (1ULL << 10)
#define S2_PTE_DBM (1ULL << 51)
#define S2_PTE_XN (2ULL << 53) /* XN[1:0] = 0b10: not executable at EL1 or EL0 */
#define S2_PTE_ADDR_MASK 0x0000fffffffff000ULL

/* MemAttr encodings: without FWB, MemAttr[3:0] = outer:inner; with HCR_EL2.FWB, MemAttr[2:0]. */
#define S2_MEMATTR_NORMAL_WB 0xfULL     /* Normal, Outer WB, Inner WB (combines with stage 1) */
#define S2_MEMATTR_DEVICE_nGnRE 0x1ULL
#define S2_MEMATTR_FWB_NORMAL_WB 0x6ULL /* FWB: forced Normal Write-Back (ARM ARM D8.6.5) */
#define S2_MEMATTR_FWB_DEVICE_nGnRE 0x1ULL

enum s2_prot {
	S2_PROT_R = 1,
	S2_PROT_W = 2,
	S2_PROT_X = 4,
	S2_PROT_DEVICE = 8,
	S2_PROT_RWX = S2_PROT_R | S2_PROT_W | S2_PROT_X,
};

struct s2pt {
	u64 *root;
	pa_t root_pa;
	unsigned ipa_bits;
	unsigned start_level;
	u16 vmid;
	bool fwb; /* encode attributes for HCR_EL2.FWB = 1 */
	bool hw_dirty; /* VTCR_EL2.{HA,HD} = 1: leaves with DBM become writable on write (HAFDBS) */
};

static inline u64 s2_level_shift(unsigned level) { return 12 + 9 * (3 - level); }
static inline u64 s2_level_size(unsigned level) { return 1ULL << s2_level_shift(level); }
static inline bool s2_pte_valid(u64 pte) { return pte & S2_PTE_VALID; }
static inline bool s2_pte_is_table(u64 pte, unsigned level)
{
	return level < 3 && (pte & (S2_PTE_VALID | S2_PTE_TYPE_TABLE)) == (S2_PTE_VALID | S2_PTE_TYPE_TABLE);
}
static inline bool s2_pte_is_leaf(u64 pte, unsigned level)
{
	return s2_pte_valid(pte) && !s2_pte_is_table(pte, level);
}
static inline pa_t s2_pte_pa(u64 pte) { return pte & S2_PTE_ADDR_MASK; }
bool s2_pte_cacheable(const struct s2pt *pt, u64 pte);

int s2pt_init(struct s2pt *pt, unsigned pa_bits, u16 vmid);
/* Free every table (the mappings' pages are not the tables' to free). */
void s2pt_destroy(struct s2pt *pt);

/*
 * Map [ipa, ipa+size) to [pa, pa+size). `max_block` is SZ_4K or SZ_2M: the largest leaf to use.
 * Existing leaves in the range are replaced (break-before-make); blocks partly covered are split.
 */
int s2pt_map(struct s2pt *pt, ipa_t ipa, pa_t pa, u64 size, unsigned prot, u64 max_block);

/* Called for every valid leaf an unmap removes, before it is removed (e.g. to clean it). */
typedef void (*s2_leaf_hook)(const struct s2pt *pt, ipa_t ipa, pa_t pa, u64 size, u64 pte, void *arg);

/*
 * Remove every mapping in [ipa, ipa+size) (blocks partly covered are split first), free tables
 * left empty, then one TLB invalidation for the VMID if anything was removed.
 * Returns the number of leaves removed or a negative error.
 */
long s2pt_unmap(struct s2pt *pt, ipa_t ipa, u64 size, s2_leaf_hook hook, void *arg);

/* Look up one IPA: returns the leaf descriptor (0 if unmapped); *level set when non-NULL. */
u64 s2pt_lookup(const struct s2pt *pt, ipa_t ipa, unsigned *level);

/*
 * Attribute updates of live leaves (s2pt_attrs.c). Only permission and dirty-state bits change,
 * never the output address or memory type, so no break-before-make is needed (ARM ARM D8.16.1);
 * one DSB + TLBI for the VMID follows if any leaf changed. Blocks partly covered are split.
 */
#define S2_PTE_PROT_MASK (S2_PTE_S2AP_R | S2_PTE_S2AP_W | S2_PTE_XN | S2_PTE_DBM)

/*
 * Which cacheable leaves a flush cleans to the PoC: those with (pte & mask) == match (mask 0:
 * all), and of any other leaf the part inside [always_lo, always_hi). Clipped to the range;
 * physically contiguous parts are cleaned as one range (one call, one DSB per run).
 */
struct s2pt_flush_sel {
	u64 mask, match;
	ipa_t always_lo, always_hi;
};

/* One walk: clean what `sel` selects (NULL: nothing), then set `set` and clear `clear` on every
 * valid leaf (both within S2_PTE_PROT_MASK). Returns the number of leaves changed or an error. */
long s2pt_flush_update(struct s2pt *pt, ipa_t ipa, u64 size, const struct s2pt_flush_sel *sel,
		       u64 set, u64 clear);

static inline long s2pt_update_leaf_attrs(struct s2pt *pt, ipa_t ipa, u64 size, u64 set, u64 clear)
{
	return s2pt_flush_update(pt, ipa, size, NULL, set, clear);
}

/* Coalescing clean+invalidate to the PoC of the selected mapped lines; 0 or an error. */
static inline int s2pt_flush(struct s2pt *pt, ipa_t ipa, u64 size, const struct s2pt_flush_sel *sel)
{
	long ret = s2pt_flush_update(pt, ipa, size, sel, 0, 0);

	return ret < 0 ? (int)ret : 0;
}

/* Add the rights in `prot` to the leaves mapping the range; never removes one, keeps DBM.
 * S2_ENOENT when nothing in the range is mapped. */
int s2pt_relax_perms(struct s2pt *pt, ipa_t ipa, u64 size, unsigned prot);

/* Set the leaves' permissions to exactly `prot` (may remove rights); DBM is kept. */
int s2pt_set_prot(struct s2pt *pt, ipa_t ipa, u64 size, unsigned prot);

u64 s2pt_make_leaf(const struct s2pt *pt, pa_t pa, unsigned level, unsigned prot);

#endif
