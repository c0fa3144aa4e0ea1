/*
 * The host back-end of the core (core/arch/sim): simulated physical memory and recorded
 * cache/TLB maintenance, so host tests run the real core and strategy code.
 */
#ifndef S2_SIM_H
#define S2_SIM_H

#include "../../cpu_features.h"
#include "../../types.h"

/* Simulated physical memory [0, size). Replaces any previous one; zero-filled. */
void sim_mem_init(u64 size);
void sim_mem_free(void);
u64 sim_mem_size(void);

/* Every arch maintenance call, counted (tests assert costs with these). */
struct sim_counts {
	u64 dc_civac_lines, dc_cvac_lines, dc_ivac_lines;
	u64 ic_iallu, ic_ivau_lines;
	u64 tlbi_vmid, tlbi_ipa;
	u64 pte_publish;
};
extern struct sim_counts sim_counts;
void sim_counts_reset(void);

/* The CPU the sim reports through cpu_features_read(). */
extern struct cpu_features sim_cpu;

#endif
