/* The report's tables, built from the analysis (rendered by html.c, markdown.c). */
#ifndef S2B_REPORTS_TABLES_H
#define S2B_REPORTS_TABLES_H

#include "analysis.h"
#include "table.h"

/* "1.23M ±2%", with "(too few samples)" / "(too noisy)" appended when that applies. */
const char *fmt_estimate(const struct estimate *e, char *buf, size_t len);

void table_machine(const struct analysis *a, struct table *t);
void table_dims(const struct analysis *a, struct table *t);
void table_matrix(const struct analysis *a, struct table *t);
/* One row per sweep value, one column per strategy (median ± CI of M), then the winner and
 * its margin over the runner-up. */
void table_sweep(const struct sweep *s, enum measure m, struct table *t);
void table_crossovers(const struct analysis *a, struct table *t);
void table_fault_latency(const struct analysis *a, struct table *t);
/* Runs that did not produce measurements (at most MAX rows, then a "... N more" row). */
void table_failures(const struct analysis *a, size_t max, struct table *t);
/* Runs left out of everything: no configuration to group them by (results.h). */
void table_unusable(const struct analysis *a, struct table *t);

#endif
