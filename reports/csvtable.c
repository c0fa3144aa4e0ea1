/* Loading a CSV into memory through the harness's reader (harness/csvsplit.h), so the report sees
 * the records the harness kept. */
#include "csvtable.h"

#include "../harness/csvsplit.h"

#include <csv.h>
#include <errno.h>
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
	char **cur; /* fields of the row being parsed */
	size_t ncur, capcur;
	size_t caprows;
	int oom;
};

static void *xrealloc(void *p, size_t n, int *oom)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		*oom = 1;
	return q;
}

static void on_field(void *s, size_t len, void *data)
{
	struct loader *l = data;
	if (l->ncur == l->capcur) {
		size_t cap = l->capcur ? 2 * l->capcur : 32;
		char **n = xrealloc(l->cur, cap * sizeof(*n), &l->oom);
		if (!n)
			return;
		l->cur = n, l->capcur = cap;
	}
	char *f = len ? arena_alloc(l->t, len + 1, 1, &l->oom) : empty_cell;
	if (!f)
		return;
	if (len) {
		memcpy(f, s, len);
		f[len] = '\0';
	}
	l->cur[l->ncur++] = f;
}

static int on_record(const struct csv_record *rec, void *data)
{
	struct loader *l = data;
	if (!rec->row) /* an unterminated tail with no field: not a row */
		return 0;
	struct csv_table *t = l->t;
	size_t n = l->ncur;
	l->ncur = 0; /* l->cur is reused for the next row */
	if (!t->header) {
		if (!(t->header = arena_alloc(t, n * sizeof(char *), sizeof(char *), &l->oom)))
			return 0;
		memcpy(t->header, l->cur, n * sizeof(char *));
		t->ncols = n;
		return 0;
	}
	if (n == 1 && l->cur[0][0] == '\0' && t->ncols > 1) /* blank line */
		return 0;
	char **row = arena_alloc(t, t->ncols * sizeof(*row), sizeof(*row), &l->oom);
	if (!row)
		return 0;
	/* a missing trailing cell is an absent value; cells beyond the header have no name */
	for (size_t j = 0; j < t->ncols; j++)
		row[j] = j < n ? l->cur[j] : empty_cell;
	if (t->nrows == l->caprows) {
		size_t cap = l->caprows ? 2 * l->caprows : 256;
		char ***r = xrealloc(t->rows, cap * sizeof(*r), &l->oom);
		if (!r)
			return 0;
		t->rows = r, l->caprows = cap;
	}
	t->rows[t->nrows++] = row;
	return 0;
}

/* The whole of F (malloc'd, *LEN bytes); NULL on a read error or when out of memory. */
static char *slurp(FILE *f, size_t *len, int *oom)
{
	size_t n = 0, cap = 65536;
	char *buf = xrealloc(NULL, cap, oom);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		char *b = xrealloc(buf, cap *= 2, oom);
		if (!b)
			free(buf);
		buf = b;
	}
	if (buf && ferror(f))
		free(buf), buf = NULL;
	*len = n;
	return buf;
}

int csv_table_load(const char *path, struct csv_table *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct loader l = { .t = t };
	size_t len;
	char *buf = slurp(f, &len, &l.oom);
	int ioerr = !buf && !l.oom;
	fclose(f);
	static const struct csv_split_cb cb = { on_field, on_record };
	int csv_err = 0;
	unsigned line;
	int bad = buf && csv_split(buf, len, 0, &cb, &l, &csv_err, &line) < 0;
	free(buf);
	t->path = strdup(path);
	if (bad || ioerr || l.oom) {
		snprintf(err, errlen, "%s: %s", path,
			 ioerr ? "read error" : l.oom ? "out of memory" : csv_strerror(csv_err));
		free(l.cur);
		csv_table_free(t);
		return -1;
	}
	free(l.cur);
	if (!t->header) {
		snprintf(err, errlen, "%s: empty file (no header row)", path);
		csv_table_free(t);
		return -1;
	}
	return 0;
}

int csv_table_col(const struct csv_table *t, const char *name)
{
	for (size_t j = 0; j < t->ncols; j++)
		if (strcmp(t->header[j], name) == 0)
			return (int)j;
	return -1;
}

int csv_table_require(const struct csv_table *t, const char *const *names, int *idx, char *err,
		      size_t errlen)
{
	for (size_t i = 0; names[i]; i++) {
		idx[i] = csv_table_col(t, names[i]);
		if (idx[i] < 0) {
			snprintf(err, errlen, "%s: missing column '%s'", t->path, names[i]);
			return -1;
		}
	}
	return 0;
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
