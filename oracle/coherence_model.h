/*
 * The oracle's coherence model: what a write-back data cache and per-CPU instruction caches
 * would hold, keyed by physical line, and the violations a run commits against them.
 *
 * Verdicts do not depend on when a real cache would evict: a line written through the cache
 * stays "dirty" until a clean or clean+invalidate reaches it, because software may not rely on
 * an eviction having happened. That makes the model the strictest a write-back cache allows.
 * Host C only (no QEMU types): tests/unit/oracle drives it with scripted accesses.
 */
#ifndef ORACLE_COHERENCE_MODEL_H
#define ORACLE_COHERENCE_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#define CM_MAX_CPUS 8

enum cm_violation {
	CM_NC_READ_DIRTY,	/* non-cacheable read of a line dirty in the cache */
	CM_READ_DISCARDED,	/* read of a line whose written data an invalidate discarded */
	CM_READ_STALE_CACHED,	/* cacheable read of a line written non-cacheable while cached */
	CM_IFETCH_STALE,	/* instruction fetch of code older than the latest write */
	CM_DC_STEP,		/* a DC range loop that ran other than one DC per line it covers */
	CM_NVIOLATIONS
};

enum cm_dc_op { CM_DC_CVAC, CM_DC_CIVAC, CM_DC_IVAC };

/* A line's state in the data cache, as a DC operation finds it (reported per DC line). */
enum cm_line_state { CM_ABSENT, CM_CLEAN, CM_DIRTY };

struct cm_line;
struct cm_model {
	unsigned line_shift;		/* log2(data-cache line size) */
	unsigned ncpus;
	/* Data writes reach instruction fetch without a clean (CLIDR_EL1.LoUU == 0, which the Arm
	 * ARM requires of CPUs with FEAT_S2FWB): only the I-cache needs maintenance. */
	bool idc;
	uint32_t icache_gen[CM_MAX_CPUS];	/* bumped by IC IALLU: every older fill is gone */
	struct cm_line *lines;		/* open-addressing hash, power-of-two capacity */
	uint64_t nlines, cap;
	uint64_t violations[CM_NVIOLATIONS];
	uint64_t dc_lines[3];		/* lines DC operations found absent / clean / dirty */
	uint64_t first_violation_pa[CM_NVIOLATIONS];
	uint32_t boot;			/* bumped by cm_new_boot: the guest's vCPU was reset */
	/* Stale fetches of code the guest itself wrote this boot, under cm_guest_own_write():
	 * its own to maintain, not judged. */
	uint64_t ifetch_guest_own;
};

/* line_size: a power of two >= 16. Returns false on bad arguments or no memory. */
bool cm_init(struct cm_model *m, unsigned line_size, unsigned ncpus);
void cm_free(struct cm_model *m);

/* One data access of size bytes at pa, cacheable (MMU on, Normal WB) or not. */
void cm_read(struct cm_model *m, uint64_t pa, unsigned size, bool cacheable);
void cm_write(struct cm_model *m, uint64_t pa, unsigned size, bool cacheable);
/*
 * For a guest whose own cache maintenance the plugin cannot see (no markers: the Linux guest):
 * the lines of this write, which cm_write() has just made, are the guest's own until its next
 * reset, and a stale fetch of them is counted in ifetch_guest_own instead of judged (the
 * guest's DC CVAU + IC IVAU for code it writes are invisible). Any later cm_write() ends that.
 */
void cm_guest_own_write(struct cm_model *m, uint64_t pa, unsigned size);
/* The guest's vCPU was reset: what it wrote before is no longer its own (the strategy's). */
void cm_new_boot(struct cm_model *m);
/* An instruction fetch of 4 bytes at pa by cpu. */
void cm_ifetch(struct cm_model *m, unsigned cpu, uint64_t pa);

/* DC by VA over [pa, pa + size) (whole lines), IC IVAU over the same, IC IALLU(IS). */
void cm_dc_range(struct cm_model *m, enum cm_dc_op op, uint64_t pa, uint64_t size);
void cm_ic_ivau_range(struct cm_model *m, uint64_t pa, uint64_t size);
void cm_ic_iallu(struct cm_model *m, unsigned cpu, bool inner_shareable);
/*
 * A DC range loop over [first, last] ran ndc DC instructions. It must run one per line of the
 * CPU's size (CTR_EL0.DminLine): more means it steps by a smaller size it assumed (the same code
 * skips lines on a CPU whose lines are smaller than that), fewer means it skips lines between
 * the two ends its probes show. Either is a CM_DC_STEP violation at first.
 */
void cm_dc_loop(struct cm_model *m, uint64_t first, uint64_t last, uint64_t ndc);

uint64_t cm_total_violations(const struct cm_model *m);
const char *cm_violation_name(enum cm_violation v);

#endif
