/* Runs grouped by configuration and strategy; each group holds its warm-boot samples. */
#ifndef S2B_REPORTS_DATASET_H
#define S2B_REPORTS_DATASET_H

#include "measure.h"
#include "results.h"
#include "stats.h"

struct group {
	const struct results *r;
	const struct run *config; /* first run of the group: its config is the group's */
	const char *strategy;
	size_t nruns;
	const struct run **runs;  /* the measured runs: the units of replication */
	size_t warm_boots, failed_checks; /* warm boots, and those with check=fail */
	double *x[NMEASURES];             /* every warm boot's value, absent values skipped */
	size_t n[NMEASURES];
	struct estimate est[NMEASURES];   /* filled on first group_estimate() */
	int est_done[NMEASURES];
};

struct dataset {
	struct results *r;
	struct group *g; /* sorted by config (numeric mem/frac), then strategy rank */
	size_t ng;
	const char **strategies; /* strategies with measurements, canonical order */
	size_t ns;
	const char **seen; /* every strategy in runs.csv, whatever the status */
	size_t nseen;
};

/* Groups the measured runs (status ok / check_failed) of R. */
void dataset_build(struct results *r, struct dataset *d);
void dataset_free(struct dataset *d);

/* Same config on every dimension except EXCEPT (NDIMS: compare all). Strategy is not compared. */
int same_config(const struct run *a, const struct run *b, enum cfg_dim except);
/* Orders configurations so tables read naturally: mem and frac numerically, the rest alphabetically. */
int config_cmp(const struct run *a, const struct run *b);
/* The group with exactly run C's config and STRATEGY, or NULL. */
struct group *dataset_find(const struct dataset *d, const struct run *c, const char *strategy);
/* Number of distinct values of DIM over all runs of R. */
size_t distinct_values(const struct results *r, enum cfg_dim dim);
/* The cell's value of measure M over its runs (replicates.h: exact, range or CI; steady or by
 * reboot index), computed once, then cached. */
const struct estimate *group_estimate(struct group *g, enum measure m);

#endif
