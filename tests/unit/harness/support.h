/* Helpers shared by the harness tests: run build/s2bench, read results back with libcsv. */
#ifndef S2B_TEST_SUPPORT_H
#define S2B_TEST_SUPPORT_H

#include <stddef.h>
#include <sys/types.h>

#define MAX_FIELDS 32

struct csv_rows {
	size_t nrows;      /* data rows, header excluded */
	int ncols;         /* header width */
	int bad_rows;      /* rows whose width differs from the header's */
	char ***cell;      /* cell[row][col] */
	char *header[MAX_FIELDS];
};

struct planned_run;
/* Parses suite TEXT (asserting it is valid) and expands it into *RUNS; returns their count. */
size_t expand_suite_text(const char *text, struct planned_run **runs);

const char *build_dir(void);
/* BUILD/s2bench and the fake emulator. */
const char *s2bench_path(void);
const char *fake_qemu_path(void);

/* A fresh empty directory under BUILD/test-tmp (malloc'd). */
char *make_tmpdir(const char *name);
void write_text(const char *path, const char *text);
char *read_text(const char *path); /* NULL if missing */

/* Runs s2bench ARGS (NULL-terminated) with extra environment ENV (NULL-terminated "K=V" list or
 * NULL); stdout+stderr captured into *OUTPUT (malloc'd). Returns the exit status. */
int run_s2bench(char *const args[], char *const env[], char **output);
/* Same, but returns at once with the pid; output goes to LOGFILE. */
pid_t start_s2bench(char *const args[], char *const env[], const char *logfile);
int wait_exit(pid_t pid);
/* 1 when PID no longer runs (gone, or a zombie: dead, only not reaped). */
int process_gone(pid_t pid);

/* Loads DIR/FILE with libcsv. Returns 0 or -1 if the file is missing. */
int load_csv(const char *dir, const char *file, struct csv_rows *out);
int csv_col(const struct csv_rows *t, const char *name);
/* The cell of row ROW in column COL ("" when empty); the column must exist. */
const char *csv_cell(const struct csv_rows *t, size_t row, const char *col);

/* DIR/t.suite holding TEXT (malloc'd path). */
char *write_suite(const char *dir, const char *text);
/* DIR/fake.img: an arm64 Image header and nothing else (`run` checks the header; the fake
 * emulator ignores the file). Malloc'd path. */
char *fake_image(const char *dir);
void free_csv(struct csv_rows *t);

#endif
