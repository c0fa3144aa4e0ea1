/* Suite files (suites/NAME.suite): which runs to make. Format, line by line:
 *
 *   # comment                       blank lines and comments are ignored
 *   name = default                  the suite's name (runs.csv `suite`), top level only
 *   timeout = 60                    seconds per run (default 120), top level only
 *   reps = 3                        repetitions of every config
 *   strategy = unmap lazy clean     any run key (`s2bench list`): a list of values
 *   [mem-sweep]                     starts a matrix; keys before the first [section] are
 *   mem = 64M 128M 256M             defaults every matrix inherits
 *
 * Each matrix is the cartesian product of its keys' values; a file without sections is one
 * matrix. Errors name file:line:col. */
#ifndef S2B_HARNESS_SUITE_H
#define S2B_HARNESS_SUITE_H

#include <stddef.h>

#include "runconfig.h"

#define SUITE_MAX_KEYS 16

struct suite_dim {
	char **values; /* NULL when the key is not set here */
	int n;
};

struct suite_matrix {
	char name[64];
	struct suite_dim dim[SUITE_MAX_KEYS]; /* indexed like run_keys[] */
	unsigned reps;                        /* 0 = not set here */
};

struct suite {
	char name[64];
	unsigned timeout_s;
	struct suite_matrix top; /* defaults (or the only matrix) */
	struct suite_matrix *matrices;
	int nmatrices;
};

/* Reads PATH. On error returns -1 with "PATH:LINE:COL: reason" in ERR. */
int suite_load(const char *path, struct suite *s, char *err, size_t errlen);
/* Same, from a string (PATH only names it in messages). */
int suite_parse(const char *path, const char *text, struct suite *s, char *err, size_t errlen);
void suite_free(struct suite *s);

#endif
