/* Typed loading of runs.csv / boots.csv / faults.csv on top of csvtable. */
#include "results.h"

#include "../harness/columns.h"
#include "csvstream.h"
#include "extra_keys.h"
#include "strintern.h"

#include <errno.h>
#include <stddef.h>
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
	"init_ns", "unmap_us", "reboot_ns", /* keys of the extra cell, not columns */
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

static int row_num(const struct csv_row *row, int col, double *out, char *err, size_t errlen)
{
	const char *s = row->cells[col];
	if (parse_num(s, out) == 0)
		return 0;
	snprintf(err, errlen, "%s:%zu: column '%s': bad number '%s'", row->path, row->row + 2,
		 row->header[col], s);
	return -1;
}

static int num_cell(const struct csv_table *t, size_t row, int col, double *out, char *err,
		    size_t errlen)
{
	const struct csv_row r = { t->path, t->header, t->ncols, t->rows[row], row };
	return row_num(&r, col, out, err, errlen);
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
		u->dim[DIM_VCPUS] = "1"; /* until a boot says otherwise (boots_row) */
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

static int cmp_boot_idx(const void *a, const void *b)
{
	const struct boot *x = a, *y = b;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Reorders ITEMS (N of SIZE bytes, each with its run index at offset RUN_OFF) so that each run's
 * items are together, runs in index order, items of a run in file order: a counting sort, in
 * place, with one index per item beside them (a merge sort's copy of 2 M boots was 256 MB).
 * The size_t fields at FIRST_OFF and COUNT_OFF of each struct run get the run's span. 0, or -1 +
 * ERR when out of memory. */
static int group_by_run(struct results *r, void *items, size_t n, size_t size, size_t run_off,
			size_t first_off, size_t count_off, char *err, size_t errlen)
{
	char *base = items;
	size_t *start = calloc(r->nruns + 1, sizeof(*start)), *dest = malloc((n + 1) * sizeof(*dest));
	char *tmp = malloc(size);
	if (!start || !dest || !tmp) {
		free(start), free(dest), free(tmp);
		snprintf(err, errlen, "%s: out of memory", r->dir);
		return -1;
	}
#define RUN_OF(i) (*(const size_t *)(base + (i) * size + run_off))
#define FIELD(u, off) (*(size_t *)((char *)(u) + (off)))
	for (size_t i = 0; i < n; i++)
		FIELD(&r->runs[RUN_OF(i)], count_off)++;
	for (size_t k = 0, at = 0; k < r->nruns; k++) {
		start[k] = FIELD(&r->runs[k], first_off) = at;
		at += FIELD(&r->runs[k], count_off);
	}
	for (size_t i = 0; i < n; i++)
		dest[i] = start[RUN_OF(i)]++;
	for (size_t i = 0; i < n; i++) /* follow each cycle of the permutation */
		while (dest[i] != i) {
			size_t j = dest[i];
			memcpy(tmp, base + j * size, size);
			memcpy(base + j * size, base + i * size, size);
			memcpy(base + i * size, tmp, size);
			dest[i] = dest[j], dest[j] = j;
		}
#undef RUN_OF
#undef FIELD
	free(start), free(dest), free(tmp);
	return 0;
}

/* Rows of boots.csv / faults.csv / metrics.csv, read one at a time (csvstream.h). */
struct row_loader {
	struct results *r;
	const size_t *sorted; /* run indices by run_id */
	int c[NBOOT_FIELDS + 8];
	size_t cap;
	char *err;
	size_t errlen;
};

static void *room(struct row_loader *l, void *items, size_t n, size_t size)
{
	if (n < l->cap)
		return items;
	size_t cap = l->cap ? 2 * l->cap : 1024;
	void *p = realloc(items, cap * size);
	if (p)
		l->cap = cap;
	else
		snprintf(l->err, l->errlen, "%s: out of memory", l->r->dir);
	return p;
}

/* The run of ROW's run_id cell, or -1 (counted as an orphan unless it is an unusable run's). */
static long row_run(struct row_loader *l, const struct csv_row *row)
{
	long run = find_run(l->r, l->sorted, row->cells[l->c[0]]);
	if (run < 0)
		l->r->orphan_rows += !is_unusable(l->r, row->cells[l->c[0]]);
	return run;
}

static const char *intern_cell(struct row_loader *l, const char *s)
{
	const char *p = strintern(l->r->names, s);
	if (!p)
		snprintf(l->err, l->errlen, "%s: out of memory", l->r->dir);
	return p;
}

static const char *const boot_fixed[] = { B(run_id), B(idx), B(check), B(exit), NULL };

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

/* l->c: run_id, idx, check, exit, then the boot fields, then `extra` (-1: none). */
#define BOOT_EXTRA_COL (4 + NBOOT_FIELDS)

static int boots_header(const struct csv_row *row, void *ctx)
{
	struct row_loader *l = ctx;
	const char *names[NBOOT_REQUIRED + 1];
	memcpy(names, boot_field_name, sizeof(names[0]) * NBOOT_REQUIRED);
	names[NBOOT_REQUIRED] = NULL;
	if (csv_row_require(row, boot_fixed, l->c, l->err, l->errlen) ||
	    csv_row_require(row, names, l->c + 4, l->err, l->errlen))
		return -1;
	for (int k = NBOOT_REQUIRED; k < NBOOT_COLUMNS; k++)
		l->c[4 + k] = csv_row_col(row, boot_field_name[k]); /* -1: an older directory */
	l->c[BOOT_EXTRA_COL] = csv_row_col(row, B(extra));
	return 0;
}

static int boots_row(const struct csv_row *row, void *ctx)
{
	struct row_loader *l = ctx;
	struct results *r = l->r;
	long run = row_run(l, row);
	if (run < 0)
		return 0;
	struct boot *boots = room(l, r->boots, r->nboots, sizeof(*r->boots));
	if (!boots)
		return -1;
	r->boots = boots;
	struct boot *b = &boots[r->nboots];
	b->run = (size_t)run;
	const char *vcpus = l->c[BOOT_EXTRA_COL] < 0 ? NULL : extra_vcpus(row->cells[l->c[BOOT_EXTRA_COL]]);
	if (vcpus)
		r->runs[run].dim[DIM_VCPUS] = vcpus;
	if (!(b->check = intern_cell(l, row->cells[l->c[2]])) ||
	    !(b->exit = intern_cell(l, row->cells[l->c[3]])) ||
	    row_num(row, l->c[1], &b->idx, l->err, l->errlen))
		return -1;
	for (int k = 0; k < NBOOT_COLUMNS; k++)
		if (l->c[4 + k] < 0)
			b->v[k] = ABSENT;
		else if (row_num(row, l->c[4 + k], &b->v[k], l->err, l->errlen))
			return -1;
	for (int k = NBOOT_COLUMNS; k < NBOOT_FIELDS; k++)
		b->v[k] = l->c[BOOT_EXTRA_COL] < 0 ? ABSENT
			  : extra_value(row->cells[l->c[BOOT_EXTRA_COL]], boot_field_name[k]);
	r->nboots++;
	return 0;
}

/* Streams PATH's rows through CB (a row_loader's callbacks). */
static int stream_rows(struct results *r, const size_t *sorted, const char *path,
		       const struct csv_stream_cb *cb, char *err, size_t errlen)
{
	struct row_loader l = { .r = r, .sorted = sorted, .err = err, .errlen = errlen };
	return csv_stream(path, cb, &l, err, errlen);
}

static int load_boots(struct results *r, const size_t *sorted, const char *path, char *err,
		      size_t errlen)
{
	static const struct csv_stream_cb cb = { boots_header, boots_row };
	if (stream_rows(r, sorted, path, &cb, err, errlen) ||
	    group_by_run(r, r->boots, r->nboots, sizeof(*r->boots), offsetof(struct boot, run),
			 offsetof(struct run, first_boot), offsetof(struct run, nboots), err, errlen))
		return -1;
	for (size_t i = 0; i < r->nruns; i++) /* a run's boots in index order */
		qsort(r->boots + r->runs[i].first_boot, r->runs[i].nboots, sizeof(*r->boots),
		      cmp_boot_idx);
	return 0;
}

static const char *const fault_cols[] = { F(run_id), F(boot), F(kind), F(cycles), F(lines), NULL };

static int faults_header(const struct csv_row *row, void *ctx)
{
	struct row_loader *l = ctx;
	return csv_row_require(row, fault_cols, l->c, l->err, l->errlen);
}

static int faults_row(const struct csv_row *row, void *ctx)
{
	struct row_loader *l = ctx;
	struct results *r = l->r;
	long run = row_run(l, row);
	if (run < 0)
		return 0;
	struct fault *faults = room(l, r->faults, r->nfaults, sizeof(*r->faults));
	if (!faults)
		return -1;
	r->faults = faults;
	struct fault *f = &faults[r->nfaults];
	f->run = (size_t)run;
	if (!(f->kind = intern_cell(l, row->cells[l->c[2]])) ||
	    row_num(row, l->c[1], &f->boot, l->err, l->errlen) ||
	    row_num(row, l->c[3], &f->cycles, l->err, l->errlen) ||
	    row_num(row, l->c[4], &f->lines, l->err, l->errlen))
		return -1;
	r->nfaults++;
	return 0;
}

/* Faults grouped by run; their order within a run is irrelevant (file order is kept). */
static int load_faults(struct results *r, const size_t *sorted, const char *path, char *err,
		       size_t errlen)
{
	static const struct csv_stream_cb cb = { faults_header, faults_row };
	return stream_rows(r, sorted, path, &cb, err, errlen) ||
			       group_by_run(r, r->faults, r->nfaults, sizeof(*r->faults),
					    offsetof(struct fault, run), offsetof(struct run, first_fault),
					    offsetof(struct run, nfaults), err, errlen)
		       ? -1
		       : 0;
}

static const char *const metric_cols[] = { M(run_id), M(key), M(value), NULL };

static int metrics_header(const struct csv_row *row, void *ctx)
{
	struct row_loader *l = ctx;
	return csv_row_require(row, metric_cols, l->c, l->err, l->errlen);
}

static int metrics_row(const struct csv_row *row, void *ctx)
{
	struct row_loader *l = ctx;
	long run = strcmp(row->cells[l->c[1]], "oracle_violations") ? -1
		   : find_run(l->r, l->sorted, row->cells[l->c[0]]);
	if (run < 0)
		return 0;
	l->r->runs[run].oracle = true;
	return row_num(row, l->c[2], &l->r->runs[run].oracle_violations, l->err, l->errlen);
}

/* metrics.csv rows `oracle_violations` (harness/collect.c on_oracle) mark their runs as oracle
 * runs. Other metrics are not read here. */
static int load_oracle(struct results *r, const size_t *sorted, const char *path, char *err,
		       size_t errlen)
{
	static const struct csv_stream_cb cb = { metrics_header, metrics_row };
	return stream_rows(r, sorted, path, &cb, err, errlen);
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
	char *bp = join(dir, "boots.csv"), *fp = join(dir, "faults.csv");
	char *mp = join(dir, "metrics.csv");
	if (!r->dir || !bp || !fp || !mp || !(r->names = strintern_new())) {
		snprintf(err, errlen, "%s: out of memory", dir);
		goto fail;
	}
	if (load_file(dir, "runs.csv", &r->runs_t, err, errlen) || load_runs(r, err, errlen))
		goto fail;
	sorted = malloc((r->nruns + 1) * sizeof(*sorted));
	for (size_t i = 0; i < r->nruns; i++)
		sorted[i] = i;
	qsort_r(sorted, r->nruns, sizeof(*sorted), cmp_run_id, r);
	if (load_boots(r, sorted, bp, err, errlen))
		goto fail;
	r->have_faults = access(fp, F_OK) == 0;
	if (r->have_faults && load_faults(r, sorted, fp, err, errlen))
		goto fail;
	if (access(mp, F_OK) == 0 && load_oracle(r, sorted, mp, err, errlen))
		goto fail;
	free(sorted), free(bp), free(fp), free(mp);
	return 0;
fail:
	free(sorted), free(bp), free(fp), free(mp);
	results_free(r);
	return -1;
}

void results_free(struct results *r)
{
	csv_table_free(&r->runs_t);
	strintern_free(r->names);
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

bool run_is_kvm(const struct run *run)
{
	return strncmp(run->hv_version, "s2vmm-", 6) == 0;
}

bool run_on_qemu(const struct run *run)
{
	return run->qemu_version[0] != '\0' || strncmp(run->dim[DIM_BOARD], "qemu", 4) == 0;
}
