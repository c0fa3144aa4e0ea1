/* Recorded cache/TLB maintenance and a configurable CPU for host tests. */
#include <string.h>
#include "../../arch.h"
#include "sim.h"

#define SIM_LINE 64

struct sim_counts sim_counts;
struct cpu_features sim_cpu = {
	.midr = 0x410fd083, .ctr = 0x8444c004, .pa_bits = 40, .fwb = false, .hafdbs = 2,
};

void sim_counts_reset(void)
{
	memset(&sim_counts, 0, sizeof(sim_counts));
}

static u64 lines(pa_t pa, u64 size)
{
	return size ? (ALIGN_UP(pa + size, SIM_LINE) - ALIGN_DOWN(pa, SIM_LINE)) / SIM_LINE : 0;
}

u32 arch_dcache_line_size(void) { return SIM_LINE; }
void arch_zero_page(void *va) { memset(va, 0, PAGE_SIZE); }
void arch_dc_civac_range(pa_t pa, u64 size) { sim_counts.dc_civac_lines += lines(pa, size); }
void arch_dc_cvac_range(pa_t pa, u64 size) { sim_counts.dc_cvac_lines += lines(pa, size); }
void arch_dc_ivac_range(pa_t pa, u64 size) { sim_counts.dc_ivac_lines += lines(pa, size); }
void arch_ic_iallu_is(void) { sim_counts.ic_iallu++; }
void arch_ic_ivau_range(pa_t pa, u64 size) { sim_counts.ic_ivau_lines += lines(pa, size); }
void arch_tlbi_vmid_all(u16 vmid) { (void)vmid; sim_counts.tlbi_vmid++; }
void arch_tlbi_ipa(u16 vmid, ipa_t ipa, unsigned level) { (void)vmid, (void)ipa, (void)level; sim_counts.tlbi_ipa++; }
void arch_pte_publish(void) { sim_counts.pte_publish++; }
void arch_perf_read(struct perf_sample *s) { memset(s, 0, sizeof(*s)); }
unsigned arch_perf_event_names(const char *const **names) { *names = NULL; return 0; }
void cpu_features_read(struct cpu_features *f) { *f = sim_cpu; }
