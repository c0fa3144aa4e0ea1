/*
 * Guest accesses by IPA, as the CPU makes them at EL1 under the attached stage 2: translation
 * through the TLB model, stage-2 permission checks (S2AP, XN, hardware dirty state), then the
 * memory type: stage 1 off means Non-cacheable data and instruction accesses (ARM ARM D8.2.12),
 * unless HCR_EL2.FWB and a stage-2 forced Write-Back leaf (ARM ARM D8.6.5); stage 1 on is an
 * identity Normal Write-Back map combined with stage 2 (Device at stage 2 wins).
 */
#include <string.h>
#include "../../arch.h"
#include "sim.h"

static struct s2pt *guest_pt;
static ipa_t guest_ram_ipa;
static u64 guest_ram_size;
static bool guest_hw_dirty;

void sim_guest_attach(struct s2pt *pt, ipa_t ram_ipa, u64 ram_size, bool hw_dirty)
{
	guest_pt = pt;
	guest_ram_ipa = ram_ipa;
	guest_ram_size = ram_size;
	guest_hw_dirty = hw_dirty;
}

void sim_guest_ram(ipa_t ram_ipa, u64 ram_size)
{
	guest_ram_ipa = ram_ipa;
	guest_ram_size = ram_size;
}

/* What arch_s2_enable() installs: the tables, and VTCR_EL2.HD as the tables ask. */
void sim_guest_stage2(const struct s2pt *pt)
{
	guest_pt = (struct s2pt *)pt; /* the TLB model's hardware dirty update writes the leaf */
	guest_hw_dirty = pt->hw_dirty;
}

enum access { ACC_READ, ACC_WRITE, ACC_FETCH };

static bool memattr_normal(u64 pte)
{
	u64 attr = (pte & S2_PTE_MEMATTR_MASK) >> S2_PTE_MEMATTR_SHIFT;

	return guest_pt->fwb ? attr == S2_MEMATTR_FWB_NORMAL_WB : attr == S2_MEMATTR_NORMAL_WB;
}

static bool cacheable(u64 pte, bool mmu_on)
{
	if (!memattr_normal(pte))
		return false;
	return mmu_on || guest_pt->fwb; /* FWB forces Write-Back whatever stage 1 says */
}

/* Translate and check permissions; on success *pa is the PA and *pte the leaf used. */
static bool translate(ipa_t ipa, enum access a, struct sim_fault *f, pa_t *pa, u64 *pte_out)
{
	unsigned level;
	u64 *ptep;
	u64 pte = sim_tlb_translate(guest_pt, ipa, &level, &ptep);

	*f = (struct sim_fault){.ipa = ipa, .write = a == ACC_WRITE, .exec = a == ACC_FETCH};
	if (!pte)
		return false;
	f->perm = true;
	if (a == ACC_FETCH && (pte & S2_PTE_XN))
		return false;
	if (a != ACC_FETCH && !(pte & S2_PTE_S2AP_R))
		return false;
	if (a == ACC_WRITE && !(pte & S2_PTE_S2AP_W)) {
		if (!guest_hw_dirty || !(pte & S2_PTE_DBM) || !ptep)
			return false;
		/* FEAT_HAFDBS: the walker sets S2AP[1] instead of faulting (ARM ARM D8, hardware management of dirty state). */
		pte |= S2_PTE_S2AP_W;
		*ptep |= S2_PTE_S2AP_W;
		sim_tlb_update(ipa, pte);
	}
	*pa = s2_pte_pa(pte) + (ipa & (s2_level_size(level) - 1));
	*pte_out = pte;
	return true;
}

static bool access(ipa_t ipa, void *buf, u64 size, bool mmu_on, struct sim_fault *f, enum access a)
{
	pa_t pa, line;
	u64 pte;
	u8 tmp[SIM_LINE_MAX];
	unsigned off;

	sim_speculate();
	if (!translate(ipa, a, f, &pa, &pte))
		return false;
	line = ALIGN_DOWN(pa, sim_line());
	off = pa - line;
	if (off + size > sim_line())
		return false; /* one line per access: a test bug, reported as a fault */
	if (a == ACC_FETCH) {
		sim_ic_fetch(line, cacheable(pte, mmu_on), tmp);
		memcpy(buf, tmp + off, size);
	} else if (cacheable(pte, mmu_on)) {
		if (a == ACC_WRITE) {
			sim_dc_write(line, buf, off, size);
		} else {
			sim_dc_read(line, tmp);
			memcpy(buf, tmp + off, size);
		}
	} else if (a == ACC_WRITE) {
		memcpy((u8 *)arch_pa_to_va(pa), buf, size); /* memory only: a cached copy goes stale */
	} else {
		memcpy(buf, arch_pa_to_va(pa), size); /* memory only: misses Dirty lines */
	}
	return true;
}

bool sim_guest_read(ipa_t ipa, void *dst, u64 size, bool mmu_on, struct sim_fault *f)
{
	return access(ipa, dst, size, mmu_on, f, ACC_READ);
}

bool sim_guest_write(ipa_t ipa, const void *src, u64 size, bool mmu_on, struct sim_fault *f)
{
	return access(ipa, (void *)src, size, mmu_on, f, ACC_WRITE);
}

bool sim_guest_fetch(ipa_t ipa, void *dst, u64 size, bool mmu_on, struct sim_fault *f)
{
	return access(ipa, dst, size, mmu_on, f, ACC_FETCH);
}

void sim_guest_sync_code(ipa_t ipa)
{
	unsigned level;
	u64 pte = sim_tlb_translate(guest_pt, ipa, &level, NULL);
	pa_t line;

	if (!pte)
		return;
	line = ALIGN_DOWN(s2_pte_pa(pte) + (ipa & (s2_level_size(level) - 1)), sim_line());
	if (!sim_cpu.fwb)
		sim_dc_maint(line, true, false); /* DC CVAU: the PoU is below the D-cache */
	sim_ic_inval_line(line);                 /* IC IVAU */
}

void sim_guest_speculative_fetch(void)
{
	ipa_t ipa;
	unsigned level;
	u64 pte;

	if (!guest_pt || !guest_ram_size)
		return;
	ipa = guest_ram_ipa + (sim_rand() % (guest_ram_size / sim_line())) * sim_line();
	pte = sim_tlb_translate(guest_pt, ipa, &level, NULL);
	/* Speculative fetches need an executable translation (ARM ARM D8, execute-never: no speculative
	 * instruction fetch from execute-never locations). */
	if (pte && !(pte & S2_PTE_XN) && memattr_normal(pte))
		sim_ic_fill_speculative(ALIGN_DOWN(s2_pte_pa(pte) + (ipa & (s2_level_size(level) - 1)), sim_line()));
}
