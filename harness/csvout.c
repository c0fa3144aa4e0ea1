/* The result tables' headers (from columns.h) and how a row is written. */
#include "csvout.h"
#include "columns.h"

#include <csv.h>
#include <string.h>

#define COL_STRING(tab, name) #name,
static const char *const runs_cols[] = { RUNS_COLUMNS(COL_STRING) };
static const char *const boots_cols[] = { BOOTS_COLUMNS(COL_STRING) };
static const char *const faults_cols[] = { FAULTS_COLUMNS(COL_STRING) };
static const char *const metrics_cols[] = { METRICS_COLUMNS(COL_STRING) };

const struct table_schema table_schema[TAB_COUNT] = {
	[TAB_RUNS] = { "runs.csv", runs_cols, RUNS_NCOLS },
	[TAB_BOOTS] = { "boots.csv", boots_cols, BOOTS_NCOLS },
	[TAB_FAULTS] = { "faults.csv", faults_cols, FAULTS_NCOLS },
	[TAB_METRICS] = { "metrics.csv", metrics_cols, METRICS_NCOLS },
};

int table_col(enum table_id table, const char *name)
{
	const struct table_schema *s = &table_schema[table];
	for (int i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i], name) == 0)
			return i;
	return -1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A row is put together here and written with one fwrite: a stdio call per cell was a tenth of
 * parse's time. Cells that need quotes go through libcsv, after what came before them. */
struct row_buf {
	FILE *f;
	size_t len;
	char buf[4096];
};

static void row_flush(struct row_buf *r)
{
	fwrite(r->buf, 1, r->len, r->f);
	r->len = 0;
}

static void row_put(struct row_buf *r, const char *s, size_t n)
{
	if (r->len + n > sizeof(r->buf))
		row_flush(r);
	if (n > sizeof(r->buf)) {
		fwrite(s, 1, n, r->f);
		return;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

/* The bytes a cell's scan stops at: its end, and those that make libcsv quote it. */
static const unsigned char cell_stop[256] = { [0] = 1, [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1 };

/* Copies cell S into the row as it is scanned, when it needs no quotes and fits: one pass over
 * the cell, no call (strcspn then memcpy cost more than the short cells themselves). Returns 0,
 * the row as it was, otherwise. */
static int put_plain(struct row_buf *r, const char *s)
{
	char *d = r->buf + r->len, *room_end = r->buf + sizeof(r->buf);
	const char *p = s;

	while (d < room_end && !cell_stop[(unsigned char)*p])
		*d++ = *p++;
	if (*p || (p > s && (is_blank(s[0]) || is_blank(p[-1]))))
		return 0;
	r->len = (size_t)(d - r->buf);
	return 1;
}

/* libcsv trims spaces and tabs around an unquoted field, so those cells are quoted too: rows are
 * written for every record parse reads. */
static void write_cell(struct row_buf *r, const char *s)
{
	if (!s || put_plain(r, s))
		return;
	size_t n = strlen(s);
	if (s[strcspn(s, ",\"\r\n")] || (n && (is_blank(s[0]) || is_blank(s[n - 1])))) {
		row_flush(r);
		csv_fwrite(r->f, s, n);
	} else { /* plain, but longer than the room left */
		row_put(r, s, n);
	}
}

void csv_write_row(FILE *f, const char *const *cells, int n)
{
	struct row_buf r;
	r.f = f;
	r.len = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			row_put(&r, ",", 1);
		write_cell(&r, cells[i]);
	}
	row_put(&r, "\n", 1);
	row_flush(&r);
}

void csv_write_header(FILE *f, enum table_id table)
{
	csv_write_row(f, table_schema[table].cols, table_schema[table].ncols);
}
