/* Suite files (suites/NAME.suite): which runs to make. Format, line by line:
 *
 *   # comment                       blank lines and comments are ignored
 *   name = default                  the suite's name (runs.csv `suite`), top level only
 *   timeout = 60                    seconds per run (default 120), top level only
 *   reps = 3                        repetitions of every config
 *   strategy = unmap lazy clean     any run key (`s2bench list`): a list of values
 *   strategy = all                  every s2hv strategy of strategies/table.h (not `kvm`)
 *   [mem-sweep]                     starts a matrix; keys before the first [section] are
 *   mem = 64M 128M 256M             defaults every matrix inherits
 *
 * Each matrix is the cartesian product of its keys' values; a file without sections is one
 * matrix. Values are checked by the hypervisor's own bootarg table (hvkeys.h), also against
 * every board they would run on. Errors name file:line:col. */
#ifndef S2B_HARNESS_SUITE_H
#define S2B_HARNESS_SUITE_H

#include <stddef.h>

#include "runconfig.h"

#define SUITE_MAX_KEYS 16
/* Runs a suite may expand to (every matrix's points × its reps, before identical points are
 * merged): more is refused before anything is allocated for them (docs/harness.md). Runs are
 * walked, not held (matrix.h): what grows is a set of the ids walked, 8 to 16 bytes a run (16 MB
 * at this limit), and the result directory's own. 10x a 100 k-run campaign (issue 20); past it a
 * suite is more likely a product of lists by mistake than a plan (weeks of QEMU at 1 s a run). */
#define SUITE_MAX_RUNS 1000000
/* Longest suite name, matrix name and single value; longer ones are refused, never cut. */
#define SUITE_NAME_MAX 63
/* The strategy value that stands for every s2hv strategy, negative controls included. */
#define SUITE_ALL_STRATEGIES "all"

struct suite_pos {
	int line, col;
};

struct suite_dim {
	char **values; /* NULL when the key is not set here */
	struct suite_pos *pos; /* of each value, for errors found after parsing */
	int n;
};

struct suite_matrix {
	char name[SUITE_NAME_MAX + 1];
	struct suite_pos pos;
	struct suite_dim dim[SUITE_MAX_KEYS]; /* indexed like run_keys[] */
	unsigned reps;                        /* 0 = not set here */
};

struct suite {
	char name[SUITE_NAME_MAX + 1];
	unsigned timeout_s;
	struct suite_matrix top; /* defaults (or the only matrix) */
	struct suite_matrix *matrices;
	int nmatrices;
	unsigned long long nruns; /* runs before identical points are merged, <= SUITE_MAX_RUNS */
};

/* Reads PATH. On error returns -1 with "PATH:LINE:COL: reason" in ERR. */
int suite_load(const char *path, struct suite *s, char *err, size_t errlen);
/* Same, from a string (PATH only names it in messages). */
int suite_parse(const char *path, const char *text, struct suite *s, char *err, size_t errlen);
void suite_free(struct suite *s);

/* The matrices to expand: the sections, or the top level when there are none. */
const struct suite_matrix *suite_matrices(const struct suite *s, int *n);
/* The values of key K (index in run_keys[]) in M: its own, else the top level's; n = 0 means
 * the hypervisor's default. */
const struct suite_dim *suite_dim_of(const struct suite *s, const struct suite_matrix *m, size_t k);
/* M's repetitions: its own, else the top level's, else 1. */
unsigned suite_reps_of(const struct suite *s, const struct suite_matrix *m);

#endif
