/* Loading a CSV into memory through the row reader (csvstream.h, on the harness's reader), so the
 * report sees the records the harness kept. */
#include "csvtable.h"

#include "csvstream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Cells and row arrays are carved from blocks: a malloc per cell cost more than the cell (2 M
 * boots rows x 19 cells made 2 GB), and the table is freed all at once anyway. */
struct csv_arena {
	struct csv_arena *next;
	size_t used, cap;
	char mem[];
};

#define ARENA_BLOCK (1u << 20)

static char empty_cell[1]; /* every absent value, shared */

/* ALIGN: 8 for row arrays (pointers), 1 for cells (most are a few bytes). */
static void *arena_alloc(struct csv_table *t, size_t n, size_t align, int *oom)
{
	struct csv_arena *a = t->arena;
	if (a)
		a->used = (a->used + align - 1) & ~(align - 1);
	if (a && a->used > a->cap)
		a->used = a->cap;
	if (!a || a->cap - a->used < n) {
		size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		if (!(a = malloc(sizeof(*a) + cap))) {
			*oom = 1;
			return NULL;
		}
		a->next = t->arena, a->used = 0, a->cap = cap;
		t->arena = a;
	}
	void *p = a->mem + a->used;
	a->used += n;
	return p;
}

struct loader {
	struct csv_table *t;
	size_t caprows;
	int oom;
};

/* A copy of CELLS[0..n) in the arena (empty cells shared): 0, or -1 when out of memory. */
static char **keep_cells(struct loader *l, char *const *cells, size_t n)
{
	char **row = arena_alloc(l->t, n * sizeof(*row), sizeof(*row), &l->oom);
	for (size_t j = 0; row && j < n; j++) {
		size_t len = strlen(cells[j]);
		row[j] = len ? arena_alloc(l->t, len + 1, 1, &l->oom) : empty_cell;
		if (!row[j])
			return NULL;
		memcpy(row[j], cells[j], len + 1);
	}
	return row;
}

static int on_header(const struct csv_row *r, void *data)
{
	struct loader *l = data;
	l->t->header = keep_cells(l, r->header, r->ncols);
	l->t->ncols = r->ncols;
	return l->oom ? -1 : 0;
}

static int on_row(const struct csv_row *r, void *data)
{
	struct loader *l = data;
	struct csv_table *t = l->t;
	char **row = keep_cells(l, r->cells, r->ncols);
	if (row && t->nrows == l->caprows) {
		size_t cap = l->caprows ? 2 * l->caprows : 256;
		char ***rows = realloc(t->rows, cap * sizeof(*rows));
		if (rows)
			t->rows = rows, l->caprows = cap;
		else
			l->oom = 1;
	}
	if (l->oom)
		return -1;
	t->rows[t->nrows++] = row;
	return 0;
}

int csv_table_load(const char *path, struct csv_table *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	struct loader l = { .t = t };
	static const struct csv_stream_cb cb = { on_header, on_row };
	int rc = csv_stream(path, &cb, &l, err, errlen);
	if (l.oom)
		snprintf(err, errlen, "%s: out of memory", path);
	if (rc) {
		csv_table_free(t);
		return -1;
	}
	t->path = strdup(path);
	return 0;
}

int csv_table_col(const struct csv_table *t, const char *name)
{
	const struct csv_row r = { .path = t->path, .header = t->header, .ncols = t->ncols };
	return csv_row_col(&r, name);
}

int csv_table_require(const struct csv_table *t, const char *const *names, int *idx, char *err,
		      size_t errlen)
{
	const struct csv_row r = { .path = t->path, .header = t->header, .ncols = t->ncols };
	return csv_row_require(&r, names, idx, err, errlen);
}

void csv_table_free(struct csv_table *t)
{
	for (struct csv_arena *a = t->arena, *next; a; a = next) {
		next = a->next;
		free(a);
	}
	free(t->rows);
	free(t->path);
	memset(t, 0, sizeof(*t));
}
