/* One run of the matrix: everything that decides what the hypervisor does, plus the repetition. */
#ifndef S2B_HARNESS_RUNCONFIG_H
#define S2B_HARNESS_RUNCONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "protocol.h"

#define RUN_ID_LEN 16 /* hex digits */

struct run_config {
	char board[32];
	char strategy[32];
	char guest[32];
	uint64_t mem;    /* bytes */
	uint64_t boots;
	char block[4];   /* 4k | 2m */
	char map[12];    /* ondemand | premap */
	char icache[8];  /* exec | all */
	uint64_t frac_tenths; /* tenths of a % of RAM touched (core/bootargs.h) */
	uint64_t stride; /* bytes */
	uint64_t write;  /* % of touches that write */
	char order[8];   /* seq | random | scatter */
	uint64_t seed;
	char trace[8];   /* none | faults */
	uint64_t vcpus;  /* the guest's vCPUs; QEMU boards run with -smp vcpus (board_qemu.c) */
	char oracle[4];  /* on | off: the oracle image under the coherence plugin (docs/oracle.md);
			  * the harness's own key, never a bootarg */
	unsigned rep;    /* runs.csv `rep`: the repetition of the suite line (run_rep_seed) */
	unsigned copy;   /* the id's `rep=`: runs of this exact config, seed included, counted from 0
			  * (`run`: always 0, its reps differ by seed; `parse`: byte-different logs) */
};

/* The hypervisor's own defaults (core/bootargs.h, through harness/hvkeys.c), so a suite may leave
 * any key out. Defined in catalog.c, next to the keys. */
void run_config_defaults(struct run_config *cfg);

/* Deterministic id of (config, copy): FNV-1a 64 of a canonical text, as 16 hex digits + NUL.
 * Resume relies on it: the same suite line gives the same id in every invocation. The text holds
 * the run's own seed, so the reps of a suite line (distinct seeds) have distinct ids with copy 0,
 * and `parse` of a rep's log finds it without knowing which rep it was. */
void run_config_id(const struct run_config *cfg, char id[RUN_ID_LEN + 1]);

/* The seed repetition REP of a suite line whose seed is SEED runs with: SEED itself for rep 0 (a
 * one-rep suite runs exactly as before per-rep seeds, with the same run ids), else output REP of
 * a splitmix64 generator seeded with SEED: mix(SEED + REP * 0x9e3779b97f4a7c15). Distinct reps
 * get distinct seeds (the mix is a bijection of 64-bit words). */
uint64_t run_rep_seed(uint64_t seed, unsigned rep);
/* Sets C's repetition: C->rep = REP, C->seed = run_rep_seed(SUITE_SEED, REP), C->copy = 0. */
void run_config_set_rep(struct run_config *c, uint64_t suite_seed, unsigned rep);
/* The id a run of C's suite line at repetition C->rep had before per-rep seeds (seed = SUITE_SEED,
 * `rep=` = C->rep): a result directory holding it was written by an older s2bench. */
void run_config_legacy_id(const struct run_config *c, uint64_t suite_seed, char id[RUN_ID_LEN + 1]);

/* 1 when C runs under the coherence oracle (`oracle = on`). */
int run_config_oracle(const struct run_config *c);

/* FNV-1a 64 of TEXT as 16 hex digits + NUL: the run id hash. */
void hash_id(const char *text, size_t len, char id[RUN_ID_LEN + 1]);

/* "s2b.strategy=unmap s2b.guest=hello ..." with every key explicit, so results never depend on
 * defaults compiled into a particular hypervisor build. Returns snprintf's count. */
int run_config_bootargs(const struct run_config *cfg, char *buf, size_t len);

/* Fills the config fields present in a `cfg` record (others keep their values); -1 on a bad
 * number (CFG then holds the record's other fields). */
int run_config_from_record(struct run_config *cfg, const struct record *rec);

/* frac as the hypervisor reads and the tables write it: "12", "12.5" (bootarg_format_tenths). */
void run_config_frac(const struct run_config *cfg, char buf[24]);

/* Parses "64M", "2m", "4096", "1G", "0x1000" into bytes, with the hypervisor's syntax (decimal
 * or 0x hex: "010" is ten); -1 on garbage or overflow. */
int parse_size(const char *s, uint64_t *out);
/* "67108864" → "64M" (exact multiples only), else decimal bytes. */
void format_size(uint64_t bytes, char *buf, size_t len);

#endif
