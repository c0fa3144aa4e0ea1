/* A calibration run's `calib` records (docs/protocol.md, "Calibration records") and the profile
 * `s2bench calibrate` builds from them (docs/profiles.md). */
#ifndef S2B_REPORTS_CALIB_H
#define S2B_REPORTS_CALIB_H

#include <stddef.h>
#include <stdint.h>

#include "../harness/protocol.h"
#include "profile.h"

enum calib_op {
	CALIB_CACHE, CALIB_CLOCK, CALIB_DC_CIVAC, CALIB_DC_CVAC, CALIB_IC_IALLUIS, CALIB_TLBI,
	CALIB_HVC, CALIB_S2_FAULT, CALIB_MAP_4K, CALIB_MAP_2M, CALIB_WRITE_BW, CALIB_NOPS
};
const char *calib_op_name(enum calib_op op); /* the record's `op` word */

/* A sample's median and quartiles, totals over `ops` operations; have = 0 when absent. */
struct calib_stat {
	int have;
	double med, q1, q3;
};

struct calib_meas {
	enum calib_op op;
	int state; /* enum profile_state for DC operations, else -1 */
	uint64_t bytes, ops, n;
	struct calib_stat cycles, ticks;
	int have_insts;    /* the record had insts_med: the CPU counts instructions */
	uint64_t insts;    /* median instructions retired per sample (÷ ops: the path length) */
};

#define CALIB_MAX_LEVELS 7
#define CALIB_MAX_MEAS 160

struct calib_run {
	int have_hello;
	char board[32], hv[32];
	int have_midr;
	unsigned long midr;
	long cache_line[CALIB_MAX_LEVELS + 1], cache_sets[CALIB_MAX_LEVELS + 1],
		cache_ways[CALIB_MAX_LEVELS + 1]; /* by level, 0 = not reported */
	int last_level;
	uint64_t cntfrq; /* 0 = no clock record */
	struct calib_meas clock;
	uint64_t clock_insts; /* instructions in the clock's timed loop; 0 = not given */
	struct calib_meas meas[CALIB_MAX_MEAS];
	int nmeas;
};

/* Takes a `hello` or `calib` record into RUN (other kinds are ignored: 0). -1 with why in ERR
 * when a record is refused: a missing key, a count of zero, quartiles out of order, geometry
 * that does not multiply out, a repeated cache level or more measurements than fit. */
int calib_take(struct calib_run *run, const struct record *rec, char *err, size_t errlen);

/* What the profile says about how and when. */
struct calib_meta {
	const char *name;  /* the profile's name */
	const char *board; /* the board it ran on (s2bench's name, e.g. qemu-virt) */
	const char *date;  /* YYYY-MM-DD */
	/* The emulator's version when the board is an emulator (the harness started QEMU), else
	 * NULL; a hello board named qemu* counts as one too. Its numbers are labelled the emulator's. */
	const char *emulator;
	int wall_clock; /* the emulator ran without -icount: its clocks are the host's time */
};

/* The profile of RUN: every constant measured, with its interquartile range, per line or per
 * operation; in cycles at the measured clock when the CPU has a cycle counter, else in ns by the
 * generic timer; cache classes from the reported geometry; `-` for what was not measured. -1
 * with why in ERR when RUN cannot make one (no hello, no clock record). */
int calib_profile_build(const struct calib_run *run, const struct calib_meta *meta, struct profile *p,
			char *err, size_t errlen);

#endif
