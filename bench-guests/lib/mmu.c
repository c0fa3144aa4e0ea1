/* See mmu.h. Barrier rules cited from the ARM ARM (DDI 0487) by section title. */
#ifdef S2B_ORACLE
#include "markers.h"
#endif
#include "mmu.h"

#include "cache.h"
#include "image.h"

#define PAGE_SIZE 4096UL
#define BLOCK_SHIFT 21 /* level-2 block: 2 MiB */
#define TABLE_SHIFT 30 /* level-1 entry: 1 GiB */
#define VA_BITS 39
#define ENTRIES 512

#define DESC_TABLE 3UL
#define DESC_BLOCK 1UL
#define DESC_ATTRIDX(n) ((u64)(n) << 2)
#define DESC_SH_INNER (3UL << 8)
#define DESC_AF (1UL << 10)
#define DESC_PXN (1UL << 53)
#define DESC_UXN (1UL << 54)
#define DESC_ADDR_MASK 0x0000fffffffff000UL

#define ATTR_DEVICE 0 /* MAIR index: Device-nGnRE */
#define ATTR_NORMAL 1 /* MAIR index: Normal, Inner/Outer Write-Back RW-allocate */
#define MAIR_VALUE (0x04UL << (8 * ATTR_DEVICE) | 0xffUL << (8 * ATTR_NORMAL))

#define TCR_T0SZ (64UL - VA_BITS)
#define TCR_IRGN0_WBWA (1UL << 8)
#define TCR_ORGN0_WBWA (1UL << 10)
#define TCR_SH0_INNER (3UL << 12)
#define TCR_TG0_4K (0UL << 14)
#define TCR_EPD1 (1UL << 23) /* no TTBR1 walks: nothing is mapped in the upper half */
#define TCR_TG1_4K (2UL << 30)
#define TCR_IPS_SHIFT 32

#define SCTLR_M (1UL << 0)
#define SCTLR_C (1UL << 2)
#define SCTLR_I (1UL << 12)

#define BLOCK_NORMAL (DESC_BLOCK | DESC_ATTRIDX(ATTR_NORMAL) | DESC_SH_INNER | DESC_AF)
#define BLOCK_DEVICE (DESC_BLOCK | DESC_ATTRIDX(ATTR_DEVICE) | DESC_AF | DESC_PXN | DESC_UXN)

#define sysreg_write(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((u64)(v)) : "memory")
#define sysreg_read(reg)                                         \
	({                                                       \
		u64 v_;                                          \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_));    \
		v_;                                              \
	})

static uintptr_t next_free; /* page-table allocator: bump pointer into free RAM */

static u64 *table_alloc(void)
{
	u64 *t = (u64 *)next_free;

	for (unsigned i = 0; i < ENTRIES; i++)
		t[i] = 0;
	next_free += PAGE_SIZE;
	return t;
}

static void map_block(u64 *l1, u64 addr, u64 attrs)
{
	u64 *e = &l1[addr >> TABLE_SHIFT];

	if (!(*e & DESC_TABLE))
		*e = (u64)(uintptr_t)table_alloc() | DESC_TABLE;
	((u64 *)(uintptr_t)(*e & DESC_ADDR_MASK))[(addr >> BLOCK_SHIFT) % ENTRIES] = addr | attrs;
}

/* TCR_EL1.IPS from ID_AA64MMFR0_EL1.PARange; 52 bits needs LPA2 with 4K pages, so cap at 48. */
static u64 tcr_ips(void)
{
	u64 parange = sysreg_read(id_aa64mmfr0_el1) & 0xf;

	return (parange > 5 ? 5 : parange) << TCR_IPS_SHIFT;
}

uintptr_t mmu_enable(u64 ram_base, u64 ram_size)
{
	u64 *l1;

	if (ram_base + ram_size > (1UL << VA_BITS) || s2b_doorbell >= (1UL << VA_BITS)) {
		s2b_printf("mmu: RAM or doorbell beyond the %u-bit VA range, MMU stays off\n", VA_BITS);
		return 0;
	}
	/* Tables are written with the MMU off, i.e. as Device memory, straight to memory. */
	next_free = (uintptr_t)__footprint_end;
	l1 = table_alloc();
	for (u64 a = ram_base & ~((1UL << BLOCK_SHIFT) - 1); a < ram_base + ram_size; a += 1UL << BLOCK_SHIFT)
		map_block(l1, a, BLOCK_NORMAL);
	if (s2b_doorbell)
		map_block(l1, s2b_doorbell & ~((1UL << BLOCK_SHIFT) - 1), BLOCK_DEVICE);

	/* Everything written so far with the MMU off (image, .bss, stack, tables) went to memory
	 * while a cache may still hold older copies (the previous boot's, or the host's speculative
	 * fills); the walker and our own reads will be cacheable, so drop those copies (as Linux
	 * does for its initial page tables in head.S). dcache_inval_poc ends with a DSB, which also
	 * makes the table stores visible to the walker (ARM ARM, Translation table walks: ordering
	 * of table updates needs a DSB). */
	dcache_inval_poc((uintptr_t)__image_start, next_free);

	sysreg_write(mair_el1, MAIR_VALUE);
	sysreg_write(tcr_el1, TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
				      TCR_EPD1 | TCR_TG1_4K | tcr_ips());
	sysreg_write(ttbr0_el1, (uintptr_t)l1);
	/* ISB: the MAIR/TCR/TTBR writes take effect before the TLBI and the SCTLR write (ARM ARM,
	 * Synchronization requirements for AArch64 System registers). */
	__asm__ volatile("isb" : : : "memory");
	/* TLB contents are not guaranteed invalid at reset (the previous boot's entries may still be
	 * there); TLBI, then DSB to complete it and ISB so later fetches use its effect (ARM ARM,
	 * Ordering and completion of TLB maintenance instructions). */
	__asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");

	sysreg_write(sctlr_el1, sysreg_read(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I);
	/* ISB: instructions after this one are translated with the MMU on (ARM ARM, Synchronization
	 * requirements for AArch64 System registers). */
	__asm__ volatile("isb" : : : "memory");
#ifdef S2B_ORACLE
	ORACLE_MARK(ORACLE_HINT_GUEST_MMU_ON);	/* accesses from here on are cacheable */
#endif
	/* Drop instructions the I-cache may have fetched before the switch (Linux __enable_mmu does
	 * the same: they may predate a rewrite at the PoU). Not used by icode before its check. */
	icache_inval_all();
	return next_free;
}
