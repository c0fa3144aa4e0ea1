/* The result directory of one s2bench run (docs/protocol.md section 3), typed.
 * Numeric cells are doubles; an empty cell (absent in the record) is NAN, never 0. */
#ifndef S2B_REPORTS_RESULTS_H
#define S2B_REPORTS_RESULTS_H

#include "csvtable.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#define ABSENT NAN
static inline bool is_absent(double v) { return isnan(v); }

/* The configuration dimensions that tell two runs apart (besides strategy and repetition).
 * Those before DIM_VCPUS are runs.csv columns; a run's vCPU count is its boots' `vcpus=N` in
 * boots.csv `extra` ("1" without: one vCPU, and every older result directory). */
enum cfg_dim { DIM_BOARD, DIM_GUEST, DIM_MEM, DIM_BLOCK, DIM_MAP, DIM_ICACHE, DIM_FRAC,
	       DIM_STRIDE, DIM_WRITE, DIM_ORDER, DIM_VCPUS, NDIMS };
#define NDIMS_RUNS_CSV DIM_VCPUS
extern const char *const cfg_dim_name[NDIMS];

struct run {
	const char *run_id, *suite, *strategy, *status, *error;
	const char *hv_version, *qemu_version, *fwb, *midr;
	const char *dim[NDIMS]; /* raw cells of the config columns */
	double mem, frac, rep, wall_s, bad_crc;
	size_t first_boot, nboots;   /* this run's rows in results.boots (sorted by run, idx) */
	size_t first_fault, nfaults; /* and in results.faults */
	bool oracle;                 /* an `oracle = on` run: a verdict, never a measurement */
	double oracle_violations;    /* its metrics.csv `oracle_violations` */
};

/* The fields from BF_REINIT_LINES_LOADED on are optional columns (the cost model's; older result
 * directories lack them): absent cells when the column is missing. Those from BF_INIT_NS on have
 * no column: s2vmm's boot keys, read from the `extra` cell (absent for s2hv runs). */
enum boot_field { BF_REINIT_CYCLES, BF_REINIT_INSTS, BF_REINIT_LINES, BF_FAULTS, BF_FAULT_CYCLES,
		  BF_FAULT_MAX_CYCLES, BF_FAULT_LINES, BF_ICACHE_INVALS, BF_TLBIS, BF_PAGES_MAPPED,
		  BF_READY_CYCLES, BF_READY_INSTS, BF_REINIT_LINES_LOADED, BF_REBOOT_INSTS,
		  BF_INIT_NS, BF_UNMAP_US, BF_REBOOT_NS, NBOOT_FIELDS };
#define NBOOT_REQUIRED BF_REINIT_LINES_LOADED
#define NBOOT_COLUMNS BF_INIT_NS
extern const char *const boot_field_name[NBOOT_FIELDS];

struct boot {
	size_t run;
	double idx;
	double v[NBOOT_FIELDS];
	const char *check, *exit;
};

struct fault {
	size_t run;
	double boot, cycles, lines;
	const char *kind;
};

/* A runs.csv row the report cannot use: it has no configuration (its log had no `cfg`
 * record, e.g. a `bad_arg` run), so it belongs to no group. Listed, never guessed. */
struct unusable_run {
	const char *run_id, *status, *error;
	size_t line; /* in runs.csv, header = 1 */
	const char *why;
};

struct results {
	char *dir;
	struct csv_table runs_t;  /* runs[] point into its cells; boots and faults are streamed */
	struct strintern *names;  /* the boots' check/exit and the faults' kind strings */
	struct run *runs;
	size_t nruns;
	struct boot *boots;
	size_t nboots;
	struct fault *faults;
	size_t nfaults;
	bool have_faults;      /* faults.csv exists */
	size_t orphan_rows;    /* boots/faults rows whose run_id is not in runs.csv */
	struct unusable_run *unusable; /* left out of runs[] (and their boots and faults) */
	size_t nunusable;
};

/* Loads DIR/runs.csv, DIR/boots.csv and, if present, DIR/faults.csv and the oracle rows of
 * DIR/metrics.csv. 0, or -1 + ERR.
 * Runs without a configuration go to unusable[], not runs[]. */
int results_load(const char *dir, struct results *r, char *err, size_t errlen);
void results_free(struct results *r);

/* One stderr line per unusable run: "PROG: left out run ID (...): why". */
void results_warn_unusable(const struct results *r, const char *prog);

/* "ok" or "check_failed", and not an oracle run: the run finished and its boots are
 * measurements (an oracle run's counts are the oracle image's, docs/oracle.md). */
bool run_measured(const struct run *run);
/* Runs on QEMU count instructions, not cycles (TCG has no caches; -icount shift=0). */
bool run_on_qemu(const struct run *run);
/* Whether RUN is s2vmm's on a KVM host (its hv_version is "s2vmm-..."), not s2hv's. */
bool run_is_kvm(const struct run *run);

#endif
