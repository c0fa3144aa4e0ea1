/* Typed loading of runs.csv / boots.csv / faults.csv on top of csvtable. */
#include "results.h"

#include "../harness/columns.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Column names come from the harness's own list (COL_NAME does not compile for another name). */
#define R(c) COL_NAME(RUNS, c)
#define B(c) COL_NAME(BOOTS, c)
#define F(c) COL_NAME(FAULTS, c)
#define M(c) COL_NAME(METRICS, c)

const char *const cfg_dim_name[NDIMS] = { R(board),  R(guest), R(mem),    R(block), R(map),
					  R(icache), R(frac),  R(stride), R(write), R(order),
					  "vcpus" };
const char *const boot_field_name[NBOOT_FIELDS] = {
	B(reinit_cycles), B(reinit_insts), B(reinit_lines), B(faults), B(fault_cycles),
	B(fault_max_cycles), B(fault_lines), B(icache_invals), B(tlbis), B(pages_mapped),
	B(ready_cycles), B(ready_insts), B(reinit_lines_loaded), B(reboot_insts),
};

/* Parses a numeric cell: "" -> ABSENT, decimal or 0x-hex; -1 on garbage. */
static int parse_num(const char *s, double *out)
{
	if (!*s) {
		*out = ABSENT;
		return 0;
	}
	char *end;
	errno = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		*out = (double)strtoull(s, &end, 16);
	else
		*out = strtod(s, &end);
	return (*end || errno) ? -1 : 0;
}

static int num_cell(const struct csv_table *t, size_t row, int col, double *out, char *err,
		    size_t errlen)
{
	const char *s = t->rows[row][col];
	if (parse_num(s, out) == 0)
		return 0;
	snprintf(err, errlen, "%s:%zu: column '%s': bad number '%s'", t->path, row + 2,
		 t->header[col], s);
	return -1;
}

static char *join(const char *dir, const char *file)
{
	size_t n = strlen(dir) + strlen(file) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, file);
	return p;
}

static int load_file(const char *dir, const char *file, struct csv_table *t, char *err,
		     size_t errlen)
{
	char *p = join(dir, file);
	int rc = csv_table_load(p, t, err, errlen);
	free(p);
	return rc;
}

enum { R_RUN_ID, R_SUITE, R_STRATEGY, R_STATUS, R_ERROR, R_HV, R_QEMU, R_FWB, R_MIDR, R_REP,
       R_WALL, R_BADCRC, R_NCOLS };
static const char *const run_cols[] = { R(run_id), R(suite),	   R(strategy), R(status),
					R(error),  R(hv_version), R(qemu_version), R(fwb),
					R(midr),   R(rep),	   R(wall_s),	    R(bad_crc), NULL };

static int load_runs(struct results *r, char *err, size_t errlen)
{
	const struct csv_table *t = &r->runs_t;
	int c[R_NCOLS], d[NDIMS_RUNS_CSV + 1];
	const char *dims[NDIMS_RUNS_CSV + 1];
	memcpy(dims, cfg_dim_name, sizeof(dims[0]) * NDIMS_RUNS_CSV);
	dims[NDIMS_RUNS_CSV] = NULL;
	if (csv_table_require(t, run_cols, c, err, errlen) ||
	    csv_table_require(t, dims, d, err, errlen))
		return -1;
	r->runs = calloc(t->nrows + 1, sizeof(*r->runs));
	r->unusable = calloc(t->nrows + 1, sizeof(*r->unusable));
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		char **row = t->rows[i];
		if (!*row[c[R_RUN_ID]]) {
			snprintf(err, errlen, "%s:%zu: empty run_id", t->path, i + 2);
			return -1;
		}
		/* parse writes empty config cells for a log without cfg: nothing to group it by */
		if (!*row[c[R_STRATEGY]]) {
			r->unusable[r->nunusable++] = (struct unusable_run){
				row[c[R_RUN_ID]], row[c[R_STATUS]], row[c[R_ERROR]], i + 2,
				"no cfg record: its configuration is unknown"
			};
			continue;
		}
		struct run *u = &r->runs[n++];
		u->run_id = row[c[R_RUN_ID]], u->suite = row[c[R_SUITE]];
		u->strategy = row[c[R_STRATEGY]], u->status = row[c[R_STATUS]];
		u->error = row[c[R_ERROR]], u->hv_version = row[c[R_HV]];
		u->qemu_version = row[c[R_QEMU]], u->fwb = row[c[R_FWB]], u->midr = row[c[R_MIDR]];
		for (int k = 0; k < NDIMS_RUNS_CSV; k++)
			u->dim[k] = row[d[k]];
		u->dim[DIM_VCPUS] = "1"; /* until a boot says otherwise (load_boots) */
		if (num_cell(t, i, d[DIM_MEM], &u->mem, err, errlen) ||
		    num_cell(t, i, d[DIM_FRAC], &u->frac, err, errlen) ||
		    num_cell(t, i, c[R_REP], &u->rep, err, errlen) ||
		    num_cell(t, i, c[R_WALL], &u->wall_s, err, errlen) ||
		    num_cell(t, i, c[R_BADCRC], &u->bad_crc, err, errlen))
			return -1;
	}
	r->nruns = n;
	return 0;
}

static bool is_unusable(const struct results *r, const char *id)
{
	for (size_t i = 0; i < r->nunusable; i++)
		if (!strcmp(r->unusable[i].run_id, id))
			return true;
	return false;
}

static int cmp_run_id(const void *a, const void *b, void *ctx)
{
	const struct results *r = ctx;
	return strcmp(r->runs[*(const size_t *)a].run_id, r->runs[*(const size_t *)b].run_id);
}

/* run_id -> run index through a sorted index (run counts are small; no hash table needed). */
static long find_run(const struct results *r, const size_t *sorted, const char *id)
{
	size_t lo = 0, hi = r->nruns;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(r->runs[sorted[mid]].run_id, id);
		if (c == 0)
			return (long)sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int cmp_boot(const void *a, const void *b)
{
	const struct boot *x = a, *y = b;
	if (x->run != y->run)
		return x->run < y->run ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int cmp_fault(const void *a, const void *b)
{
	const struct fault *x = a, *y = b;
	return (x->run > y->run) - (x->run < y->run);
}

/* The `vcpus=N` of a boots.csv `extra` cell (k=v;k=v), as the run's DIM_VCPUS; NULL when it has
 * none (one vCPU) or N is not a vCPU count s2hv runs. */
static const char *extra_vcpus(const char *extra)
{
	static const char *const counts[] = { "1", "2", "3", "4", "5", "6", "7", "8" };
	const char *p = strstr(extra, "vcpus=");

	if (!p || (p != extra && p[-1] != ';'))
		return NULL;
	char *end;
	unsigned long n = strtoul(p + 6, &end, 10);
	if ((*end && *end != ';') || n < 1 || n > sizeof(counts) / sizeof(counts[0]))
		return NULL;
	return counts[n - 1];
}

static int load_boots(struct results *r, const size_t *sorted, char *err, size_t errlen)
{
	const struct csv_table *t = &r->boots_t;
	static const char *const fixed[] = { B(run_id), B(idx), B(check), B(exit), NULL };
	int c[4], f[NBOOT_FIELDS + 1];
	const char *names[NBOOT_REQUIRED + 1];
	memcpy(names, boot_field_name, sizeof(names[0]) * NBOOT_REQUIRED);
	names[NBOOT_REQUIRED] = NULL;
	if (csv_table_require(t, fixed, c, err, errlen) ||
	    csv_table_require(t, names, f, err, errlen))
		return -1;
	for (int k = NBOOT_REQUIRED; k < NBOOT_FIELDS; k++)
		f[k] = csv_table_col(t, boot_field_name[k]); /* -1: an older directory */
	int extra = csv_table_col(t, B(extra));
	r->boots = calloc(t->nrows + 1, sizeof(*r->boots));
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		long run = find_run(r, sorted, t->rows[i][c[0]]);
		if (run < 0) {
			r->orphan_rows += !is_unusable(r, t->rows[i][c[0]]);
			continue;
		}
		struct boot *b = &r->boots[n];
		b->run = (size_t)run;
		b->check = t->rows[i][c[2]], b->exit = t->rows[i][c[3]];
		const char *vcpus = extra < 0 ? NULL : extra_vcpus(t->rows[i][extra]);
		if (vcpus)
			r->runs[run].dim[DIM_VCPUS] = vcpus;
		if (num_cell(t, i, c[1], &b->idx, err, errlen))
			return -1;
		for (int k = 0; k < NBOOT_FIELDS; k++)
			if (f[k] < 0)
				b->v[k] = ABSENT;
			else if (num_cell(t, i, f[k], &b->v[k], err, errlen))
				return -1;
		n++;
	}
	r->nboots = n;
	qsort(r->boots, n, sizeof(*r->boots), cmp_boot);
	for (size_t i = 0; i < n; i++) {
		struct run *u = &r->runs[r->boots[i].run];
		if (u->nboots++ == 0)
			u->first_boot = i;
	}
	return 0;
}

static int load_faults(struct results *r, const size_t *sorted, char *err, size_t errlen)
{
	const struct csv_table *t = &r->faults_t;
	static const char *const cols[] = { F(run_id), F(boot), F(kind), F(cycles), F(lines),
					    NULL };
	int c[5];
	if (csv_table_require(t, cols, c, err, errlen))
		return -1;
	r->faults = calloc(t->nrows + 1, sizeof(*r->faults));
	size_t n = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		long run = find_run(r, sorted, t->rows[i][c[0]]);
		if (run < 0) {
			r->orphan_rows += !is_unusable(r, t->rows[i][c[0]]);
			continue;
		}
		struct fault *f = &r->faults[n];
		f->run = (size_t)run, f->kind = t->rows[i][c[2]];
		if (num_cell(t, i, c[1], &f->boot, err, errlen) ||
		    num_cell(t, i, c[3], &f->cycles, err, errlen) ||
		    num_cell(t, i, c[4], &f->lines, err, errlen))
			return -1;
		n++;
	}
	r->nfaults = n;
	qsort(r->faults, n, sizeof(*r->faults), cmp_fault); /* order within a run is irrelevant */
	for (size_t i = 0; i < n; i++) {
		struct run *u = &r->runs[r->faults[i].run];
		if (u->nfaults++ == 0)
			u->first_fault = i;
	}
	return 0;
}

/* metrics.csv rows `oracle_violations` (harness/collect.c on_oracle) mark their runs as oracle
 * runs. Other metrics are not read here. */
static int load_oracle(struct results *r, const size_t *sorted, char *err, size_t errlen)
{
	const struct csv_table *t = &r->metrics_t;
	static const char *const cols[] = { M(run_id), M(key), M(value), NULL };
	int c[3];
	if (csv_table_require(t, cols, c, err, errlen))
		return -1;
	for (size_t i = 0; i < t->nrows; i++) {
		long run = strcmp(t->rows[i][c[1]], "oracle_violations") ? -1
			   : find_run(r, sorted, t->rows[i][c[0]]);
		if (run < 0)
			continue;
		r->runs[run].oracle = true;
		if (num_cell(t, i, c[2], &r->runs[run].oracle_violations, err, errlen))
			return -1;
	}
	return 0;
}

int results_load(const char *dir, struct results *r, char *err, size_t errlen)
{
	memset(r, 0, sizeof(*r));
	struct stat st;
	errno = 0;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: not a result directory (%s)", dir,
			 errno ? strerror(errno) : "not a directory");
		return -1;
	}
	r->dir = strdup(dir);
	size_t *sorted = NULL;
	if (load_file(dir, "runs.csv", &r->runs_t, err, errlen) || load_runs(r, err, errlen) ||
	    load_file(dir, "boots.csv", &r->boots_t, err, errlen))
		goto fail;
	sorted = malloc((r->nruns + 1) * sizeof(*sorted));
	for (size_t i = 0; i < r->nruns; i++)
		sorted[i] = i;
	qsort_r(sorted, r->nruns, sizeof(*sorted), cmp_run_id, r);
	if (load_boots(r, sorted, err, errlen))
		goto fail;
	char *fp = join(dir, "faults.csv");
	r->have_faults = access(fp, F_OK) == 0;
	free(fp);
	if (r->have_faults && (load_file(dir, "faults.csv", &r->faults_t, err, errlen) ||
			       load_faults(r, sorted, err, errlen)))
		goto fail;
	char *mp = join(dir, "metrics.csv");
	int have_metrics = access(mp, F_OK) == 0;
	free(mp);
	if (have_metrics && (load_file(dir, "metrics.csv", &r->metrics_t, err, errlen) ||
			     load_oracle(r, sorted, err, errlen)))
		goto fail;
	free(sorted);
	return 0;
fail:
	free(sorted);
	results_free(r);
	return -1;
}

void results_free(struct results *r)
{
	csv_table_free(&r->runs_t);
	csv_table_free(&r->boots_t);
	csv_table_free(&r->faults_t);
	csv_table_free(&r->metrics_t);
	free(r->runs);
	free(r->boots);
	free(r->faults);
	free(r->unusable);
	free(r->dir);
	memset(r, 0, sizeof(*r));
}

void results_warn_unusable(const struct results *r, const char *prog)
{
	for (size_t i = 0; i < r->nunusable; i++) {
		const struct unusable_run *u = &r->unusable[i];
		fprintf(stderr, "%s: left out run %s (%s/runs.csv line %zu, status %s%s%s): %s\n", prog,
			u->run_id, r->dir, u->line, *u->status ? u->status : "-", *u->error ? ", " : "",
			u->error, u->why);
	}
}

bool run_measured(const struct run *run)
{
	return !run->oracle &&
	       (strcmp(run->status, "ok") == 0 || strcmp(run->status, "check_failed") == 0);
}

bool run_on_qemu(const struct run *run)
{
	return run->qemu_version[0] != '\0' || strncmp(run->dim[DIM_BOARD], "qemu", 4) == 0;
}
