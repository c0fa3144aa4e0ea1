/*
 * The EL2 stage-1 identity map (VA == PA): RAM as Normal Write-Back (the loader's writes must be
 * cacheable, as a VMM's are), everything else as Device-nGnRE. 4K granule, 39-bit VA, start at
 * level 1 with 1 GiB blocks, and 2 MiB blocks inside any 1 GiB region that holds RAM.
 *
 * Built in two steps on the same tables. Early (MMU off): only the image and the DTB are mapped,
 * so nothing unknown is Normal memory before the DTB says where RAM is. Then mmu_map_ram() adds
 * RAM and Device mappings; that only fills invalid entries, so no break-before-make is needed.
 */
#include "../../lib.h"
#include "../../types.h"
#include "sysreg.h"
#ifdef S2B_ORACLE
#include "markers.h"	/* the hypervisor's own MMU state for the oracle plugin */
#endif

#define VA_BITS 39
#define L1_ENTRIES 512
#define MAX_L2_TABLES 8

#define PTE_VALID (1ULL << 0)
#define PTE_TABLE (3ULL << 0)
#define PTE_BLOCK (1ULL << 0)
#define PTE_ATTRIDX(i) ((u64)(i) << 2)
#define PTE_SH_INNER (3ULL << 8)
#define PTE_AF (1ULL << 10)
#define PTE_PXN (1ULL << 53)
#define PTE_XN (1ULL << 54)

#define ATTR_DEVICE 0 /* MAIR_EL2 Attr0 = 0x04: Device-nGnRE */
#define ATTR_NORMAL 1 /* MAIR_EL2 Attr1 = 0xff: Normal, Inner/Outer WB RW-allocate */

static u64 l1[L1_ENTRIES] __attribute__((aligned(4096)));
static u64 l2[MAX_L2_TABLES][512] __attribute__((aligned(4096)));
static unsigned l2_used;

static u64 block_normal(pa_t pa, bool exec)
{
	return pa | PTE_BLOCK | PTE_ATTRIDX(ATTR_NORMAL) | PTE_SH_INNER | PTE_AF | (exec ? 0 : PTE_XN);
}
static u64 block_device(pa_t pa) { return pa | PTE_BLOCK | PTE_ATTRIDX(ATTR_DEVICE) | PTE_AF | PTE_XN | PTE_PXN; }

static u64 *l2_table_for(pa_t pa)
{
	u64 *e = &l1[pa >> 30];

	if ((*e & 3) == PTE_TABLE)
		return (u64 *)(*e & 0x0000fffffffff000ULL);
	if (l2_used == MAX_L2_TABLES)
		return NULL;
	*e = (u64)(uintptr_t)l2[l2_used] | PTE_TABLE;
	return l2[l2_used++];
}

/*
 * Map [start, end) rounded out to 2 MiB as Normal; only `exec` blocks (the image) are executable
 * at EL2. Guest RAM is execute-never here so EL2 can never speculatively fetch guest lines into
 * the I-cache behind a strategy's back (ARM ARM D8.15: speculative instruction fetch is allowed
 * from any location mapped executable). Entries already valid are left alone, so the second step
 * never changes a live mapping. Returns -1 when out of tables or VA.
 */
static int map_normal(pa_t start, pa_t end, bool exec)
{
	for (pa_t pa = ALIGN_DOWN(start, SZ_2M); pa < end; pa += SZ_2M) {
		u64 *t;

		if (pa >> VA_BITS)
			return -1;
		t = l2_table_for(pa);
		if (!t)
			return -1;
		if (!(t[(pa >> 21) & 511] & PTE_VALID))
			t[(pa >> 21) & 511] = block_normal(pa, exec);
	}
	return 0;
}

/* Runs with the MMU off, before .data is cacheable: only plain stores. */
void mmu_early_tables(pa_t image_start, pa_t image_end, pa_t dtb)
{
	map_normal(image_start, image_end, true);
	if (dtb)
		map_normal(dtb, dtb + SZ_2M, false);
}

/* Add RAM [base, base+size) as Normal and fill every other entry with Device. */
int mmu_map_ram(const pa_t *base, const u64 *size, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (map_normal(base[i], base[i] + size[i], false))
			return -1;
	for (unsigned i = 0; i < L1_ENTRIES; i++) {
		pa_t gb = (pa_t)i << 30;

		if (!(l1[i] & PTE_VALID)) {
			l1[i] = block_device(gb);
			continue;
		}
		u64 *t = (u64 *)(l1[i] & 0x0000fffffffff000ULL);
		for (unsigned j = 0; j < 512; j++)
			if (!(t[j] & PTE_VALID))
				t[j] = block_device(gb + ((pa_t)j << 21));
	}
	/* New entries must be visible to the walker before use (ARM ARM D8.2.9); then drop any
	 * TLB entry that could remember a fault for them. */
	dsb(ishst);
	__asm__ volatile("tlbi alle2");
	dsb(ish);
	isb();
	return 0;
}

void mmu_enable(void)
{
	u64 pa_range = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	u64 tcr = (64 - VA_BITS)          /* T0SZ */
		  | (1ULL << 8)           /* IRGN0: WB RA WA: table walks are cacheable */
		  | (1ULL << 10)          /* ORGN0 */
		  | (3ULL << 12)          /* SH0: Inner Shareable */
		  | (0ULL << 14)          /* TG0: 4K */
		  | (MIN(pa_range, 5ULL) << 16) /* PS */
		  | (1ULL << 23) | (1ULL << 31); /* RES1 */

	write_sysreg(0xff04ULL, mair_el2);
	write_sysreg(tcr, tcr_el2);
	write_sysreg((u64)(uintptr_t)l1, ttbr0_el2);
	/* Stale TLB entries from firmware must go before the MMU is on (ARM ARM D8.16). */
	dsb(ish);
	__asm__ volatile("tlbi alle2");
	dsb(ish);
	isb();
	/* SCTLR_EL2: M, C, SA, I + RES1 bits. */
	write_sysreg(0x30c50830ULL | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 12), sctlr_el2);
	isb();
#ifdef S2B_ORACLE
	ORACLE_MARK(ORACLE_HINT_HV_MMU_ON);
#endif
}
