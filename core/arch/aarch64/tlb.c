/*
 * Stage-2 TLB maintenance for the current VMID (VTTBR_EL2 holds it). Each TLBI is preceded by a
 * DSB ISHST so prior table writes are visible, and followed by DSB ISH + ISB to complete it
 * (ARM ARM D8.16.1 and D8.16.2).
 */
#include "../../arch.h"
#include "sysreg.h"

void arch_tlbi_vmid_all(u16 vmid)
{
	(void)vmid; /* single VM: VTTBR_EL2.VMID is current */
	dsb(ishst);
	__asm__ volatile("tlbi vmalls12e1is");
	dsb(ish);
	isb();
}

void arch_tlbi_ipa(u16 vmid, ipa_t ipa, unsigned level)
{
	(void)vmid;
	(void)level;
	dsb(ishst);
	__asm__ volatile("tlbi ipas2e1is, %0" : : "r"(ipa >> 12));
	/* Combined stage-1+2 entries may still map the IPA: invalidate stage 1 as well. */
	dsb(ish);
	__asm__ volatile("tlbi vmalle1is");
	dsb(ish);
	isb();
}

void arch_pte_publish(void)
{
	dsb(ishst); /* table stores visible to the walker before use (ARM ARM D8.2.9) */
}
