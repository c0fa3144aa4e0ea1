/* The report's tables, built from the analysis (rendered by html.c, markdown.c). */
#ifndef S2B_REPORTS_TABLES_H
#define S2B_REPORTS_TABLES_H

#include "analysis.h"
#include "table.h"

/* "1.23M ±2%" (CI over runs, "(too few runs)" / "(too noisy)" appended when that applies),
 * "1.23M exact", "1.23M (1 run)", "1.23M (1.20M–1.25M, 3 runs)"; a trending cell adds
 * " at reboot K (X at 1)". */
const char *fmt_estimate(const struct estimate *e, char *buf, size_t len);

void table_machine(const struct analysis *a, struct table *t);
void table_dims(const struct analysis *a, struct table *t);
void table_matrix(const struct analysis *a, struct table *t);
/* How many runs have status config_mismatch; when any, a sentence saying what that column
 * means is appended to OUT (else OUT is left as it is). */
size_t table_matrix_note(const struct analysis *a, struct strbuf *out);
/* One row per sweep value, one column per strategy (median ± CI of M), then the winner and
 * its margin over the runner-up. */
void table_sweep(const struct sweep *s, enum measure m, struct table *t);
/* The same, one row per config of BOARD: a board without a sweep still shows its numbers. */
void table_configs(const struct analysis *a, const char *board, enum measure m, struct table *t);
/* Whether any config of BOARD has measure M (M_KVM_INIT: s2vmm's runs, on a KVM host). */
int board_measured(const struct analysis *a, const char *board, enum measure m);
/* One row per KVM-measured group of BOARD: re-init, unmap, faults and reboot, with units in the
 * header. CELLS (room for every group) gets the rows' groups; returns how many. */
size_t table_kvm(const struct analysis *a, const char *board, struct table *t, struct group **cells);
/* What the cells of a table are: unit of replication, n, how many are exact or trend. */
void replication_note(struct group *const *cells, size_t n, enum measure m, struct strbuf *out);
/* Each crossover of board part P: the grid bracket, per reboot index where a cost trends. */
void table_crossovers(const struct board_part *p, struct table *t);

/* A result table with its title and the note saying what its cells are. */
struct titled_table {
	char title[160];
	struct strbuf note;
	struct table t;
};
/* The result tables both documents show, per board (FULL: also the HTML-only ones). */
size_t result_tables(const struct analysis *a, int full, struct titled_table *out, size_t max);
void titled_tables_free(struct titled_table *tt, size_t n);
void table_fault_latency(const struct analysis *a, struct table *t);
/* Runs that did not produce measurements (at most MAX rows, then a "... N more" row). */
void table_failures(const struct analysis *a, size_t max, struct table *t);
/* Runs left out of everything: no configuration to group them by (results.h). */
void table_unusable(const struct analysis *a, struct table *t);

#endif
