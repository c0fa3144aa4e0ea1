/* The arch maintenance calls acting on the cache/TLB model, each counted; a configurable CPU. */
#include <string.h>
#include "../../arch.h"
#include "sim.h"

struct sim_counts sim_counts;
enum sim_mutation sim_mutation;
struct cpu_features sim_cpu = {
	.midr = 0x410fd083, .ctr = 0x8444c004, .pa_bits = 40, .fwb = false, .hafdbs = 2,
};

void sim_counts_reset(void)
{
	memset(&sim_counts, 0, sizeof(sim_counts));
}

/* One DC operation on every line of [pa, pa+size) rounded out to lines; returns the count. */
static u64 each_line(pa_t pa, u64 size, bool clean, bool inval)
{
	pa_t end = ALIGN_UP(pa + size, sim_line());
	u64 n = 0;

	if (!size)
		return 0;
	for (pa_t line = ALIGN_DOWN(pa, sim_line()); line < end; line += sim_line(), n++) {
		sim_speculate(); /* a fill may land between any two maintenance instructions */
		sim_dc_maint(line, clean, inval);
	}
	return n;
}

u32 sim_line(void)
{
	return 4u << ((sim_cpu.ctr >> 16) & 0xf);
}

void sim_cpu_set_line(u32 bytes)
{
	u64 log2_words = (u64)__builtin_ctz(bytes / 4);

	sim_cpu.ctr = (sim_cpu.ctr & ~0xf000fULL) | log2_words << 16 | log2_words;
}

u32 arch_dcache_line_size(void) { return sim_line(); }
void arch_zero_page(void *va) { memset(va, 0, PAGE_SIZE); }
void arch_dc_civac_range(pa_t pa, u64 size)
{
	sim_counts.dc_civac_lines += each_line(pa, size, sim_mutation != SIM_MUT_CIVAC_AS_IVAC, true);
}
void arch_dc_cvac_range(pa_t pa, u64 size) { sim_counts.dc_cvac_lines += each_line(pa, size, true, false); }
void arch_dc_ivac_range(pa_t pa, u64 size) { sim_counts.dc_ivac_lines += each_line(pa, size, false, true); }

void arch_ic_iallu_is(void)
{
	sim_speculate();
	sim_counts.ic_iallu++;
	if (sim_mutation != SIM_MUT_DROP_IC_IALLU)
		sim_ic_inval_all();
}

void arch_ic_ivau_range(pa_t pa, u64 size)
{
	pa_t end = ALIGN_UP(pa + size, sim_line());

	for (pa_t line = ALIGN_DOWN(pa, sim_line()); size && line < end; line += sim_line()) {
		sim_speculate();
		sim_ic_inval_line(line);
		sim_counts.ic_ivau_lines++;
	}
}

void arch_tlbi_vmid_all(u16 vmid)
{
	(void)vmid;
	sim_counts.tlbi_vmid++;
	if (sim_mutation != SIM_MUT_DROP_TLBI)
		sim_tlb_inval_all();
}

void arch_tlbi_ipa(u16 vmid, ipa_t ipa, unsigned level)
{
	(void)vmid, (void)level;
	sim_counts.tlbi_ipa++;
	if (sim_mutation != SIM_MUT_DROP_TLBI)
		sim_tlb_inval_ipa(ipa);
}

void arch_pte_publish(void) { sim_counts.pte_publish++; }
/* No counters on the host (sim_cpu has no PMU): every sample is zero and no event is listed. */
void arch_perf_read(struct perf_sample *s) { memset(s, 0, sizeof(*s)); }
unsigned arch_perf_event_names(const char *const **names)
{
	*names = NULL;
	return 0;
}
void cpu_features_read(struct cpu_features *f) { *f = sim_cpu; }
