/* One copy of each distinct string: the cells of a column with few values (a boot's `check` and
 * `exit`, a fault's `kind`) kept once, however many rows repeat them. */
#ifndef S2B_REPORTS_STRINTERN_H
#define S2B_REPORTS_STRINTERN_H

#include <stddef.h>

struct strintern;

struct strintern *strintern_new(void);
/* The kept copy of S (equal strings give the same pointer), or NULL when out of memory. */
const char *strintern(struct strintern *in, const char *s);
void strintern_free(struct strintern *in);

#endif
