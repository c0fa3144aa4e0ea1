/*
 * The seed's reboot sequence on the simulator, driven by the real reboot loop (core/reboot.c):
 * guest runs MMU on and dirties memory -> PSCI SYSTEM_RESET -> loader rewrites the image through
 * the cacheable host map -> strategy reinit() -> guest restarts MMU off, fetches and reads the
 * image. The guest is a sim_vcpu program; its stage-2 aborts go through core/run.c and
 * core/fault.c to strategy->on_fault().
 */
#ifndef S2_TEST_SCENARIO_H
#define S2_TEST_SCENARIO_H

#include "arch/sim/sim.h"
#include "../../../strategies/strategy.h"

#define SCN_MAX_BOOTS 4
#define SCN_RAM_PA (16ULL << 20)
#define SCN_RAM_SIZE (4ULL << 20)       /* two 2 MiB blocks */
#define SCN_RAM_PAGES (SCN_RAM_SIZE / PAGE_SIZE)
#define SCN_CODE_PAGES 4                /* image pages the guest executes */
#define SCN_IMG_BYTES (24 * PAGE_SIZE + 100) /* ends inside a line: partial last line */
#define SCN_IMG_PAGES 25

struct scenario_params {
	const char *strategy;
	u64 block;      /* SZ_4K or SZ_2M */
	bool premap;
	bool fwb_cpu;   /* sim_cpu.fwb: FEAT_S2FWB, PoU at the D-cache */
	u32 line;       /* the CPU's cache line in bytes (its CTR_EL0); 0: 64 */
	bool icache_all;
	u64 seed;
	unsigned boots; /* <= SCN_MAX_BOOTS */
	enum sim_mutation mutation; /* applied from the first reinit on */
	const struct strategy *strategy_override; /* a test-local strategy instead of the named one */
};

/* What one boot observed and cost (costs of boot 0 are setup's, not reinit's). */
struct boot_obs {
	u64 reinit_lines, reinit_tlbis, reinit_icache;
	u64 reinit_lines_loaded; /* of reinit_lines, in the loader's range (cache_watch_range) */
	u64 faults, trans_faults, fault_lines;
	u64 stale_reads, stale_fetches, lost_writes;
	u64 errors; /* a fault the strategy did not resolve */
	/* Independent of stage 2: leaves (indices of block-size units) this boot touched/wrote. */
	bool touched[SCN_RAM_PAGES], written[SCN_RAM_PAGES];
};

struct scenario_result {
	struct boot_obs boot[SCN_MAX_BOOTS];
	u64 lost_after_flush; /* lines wrong in memory after every Dirty line was written back */
	u64 pages_mapped_last_boot; /* the last boot's `pages_mapped` (reboot.c counts per boot) */
	/* Lines of every DC range as the core counts them (cache_ops.c: the `lines` of the records)
	 * and as the CPU model maintained them (its CTR_EL0 line): equal unless one assumes a size. */
	u64 dc_lines_counted, dc_lines_maintained;
};

/* Run the whole sequence; returns 0, or -1 if the strategy refused or setup failed. */
int scenario_run(const struct scenario_params *p, struct scenario_result *r);

/* Sum of stale reads/fetches and lost writes over all boots and the final flush. */
u64 scenario_incoherent(const struct scenario_result *r);

#endif
