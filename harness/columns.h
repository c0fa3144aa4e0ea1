/* The columns of the four result tables (docs/protocol.md section 3), listed once.
 *
 * The harness writes its headers from these lists (csvout.c's table_schema) and reports/ names
 * the columns it reads through COL_NAME, which only compiles for a column listed here: the
 * writer and the reader cannot disagree on a name. Change docs/protocol.md first. */
#ifndef S2B_HARNESS_COLUMNS_H
#define S2B_HARNESS_COLUMNS_H

#define RUNS_COLUMNS(X)                                                                            \
	X(RUNS, run_id) X(RUNS, suite) X(RUNS, board) X(RUNS, strategy) X(RUNS, guest)             \
	X(RUNS, mem) X(RUNS, block) X(RUNS, map) X(RUNS, icache) X(RUNS, frac) X(RUNS, stride)     \
	X(RUNS, write) X(RUNS, order) X(RUNS, seed) X(RUNS, boots_req) X(RUNS, rep)                \
	X(RUNS, status) X(RUNS, exit_code) X(RUNS, wall_s) X(RUNS, boots) X(RUNS, bad_crc)         \
	X(RUNS, error) X(RUNS, hv_version) X(RUNS, qemu_version) X(RUNS, fwb) X(RUNS, midr)

#define BOOTS_COLUMNS(X)                                                                           \
	X(BOOTS, run_id) X(BOOTS, idx) X(BOOTS, reinit_cycles) X(BOOTS, reinit_insts)              \
	X(BOOTS, reinit_lines) X(BOOTS, reinit_lines_loaded) X(BOOTS, faults)                      \
	X(BOOTS, fault_cycles) X(BOOTS, fault_max_cycles) X(BOOTS, fault_lines)                    \
	X(BOOTS, icache_invals) X(BOOTS, tlbis)                                                    \
	X(BOOTS, pages_mapped) X(BOOTS, ready_cycles) X(BOOTS, ready_insts)                        \
	X(BOOTS, reboot_cycles) X(BOOTS, reboot_insts) X(BOOTS, check) X(BOOTS, exit)              \
	X(BOOTS, extra)

#define FAULTS_COLUMNS(X)                                                                          \
	X(FAULTS, run_id) X(FAULTS, boot) X(FAULTS, ipa) X(FAULTS, kind) X(FAULTS, write)          \
	X(FAULTS, cycles) X(FAULTS, lines) X(FAULTS, extra)

#define METRICS_COLUMNS(X)                                                                         \
	X(METRICS, run_id) X(METRICS, boot) X(METRICS, key) X(METRICS, value) X(METRICS, extra)

/* Column indices: RUNS_status, BOOTS_exit, ... */
#define COL_ENUM(tab, name) tab##_##name,
enum runs_col { RUNS_COLUMNS(COL_ENUM) RUNS_NCOLS };
enum boots_col { BOOTS_COLUMNS(COL_ENUM) BOOTS_NCOLS };
enum faults_col { FAULTS_COLUMNS(COL_ENUM) FAULTS_NCOLS };
enum metrics_col { METRICS_COLUMNS(COL_ENUM) METRICS_NCOLS };
#undef COL_ENUM

/* The name of column NAME of table TAB as a constant string; does not compile unless the column
 * is listed above (the subscript names its index, and is always 0). */
#define COL_NAME(tab, name) (&#name[0 * (tab##_##name)])

#endif
