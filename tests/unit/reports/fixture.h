/* Test fixtures for the report: a result directory (runs/boots/faults/metrics.csv, protocol
 * section 3) produced by a simple cost model of each strategy, so numbers are plausible and
 * the tests can recompute them, rather than hand-typed magic results. */
#ifndef S2B_TESTS_REPORTS_FIXTURE_H
#define S2B_TESTS_REPORTS_FIXTURE_H

struct fixture_opts {
	int qemu;      /* QEMU virt, -cpu max: deterministic instruction counts, FWB present */
	int reps;      /* repetitions per config */
	int boots;     /* boots per run (boot 0 is cold) */
	unsigned seed; /* noise seed (board only) */
	int seeded;    /* QEMU: every rep has its own guest seed, so random-order configs differ
			* between reps (without it QEMU reps are bit-identical copies: exact) */
	int two_boards; /* also qemu-virt-a72 (Cortex-A72, no FWB) for a few configs (QEMU only) */
};

/* Writes the four CSVs into DIR (which must exist). 0 or -1. */
int fixture_write(const char *dir, const struct fixture_opts *o);

/* The whole of PATH, NUL-terminated (malloc'd), or NULL when it cannot be read. */
char *read_whole_file(const char *path);
/* The same for DIR/NAME. */
char *read_dir_file(const char *dir, const char *name);
/* Writes TEXT as DIR/NAME (replacing it). 0 or -1. */
int write_dir_file(const char *dir, const char *name, const char *text);

#endif
