/* Generic CSV loading through libcsv (the harness writes with libcsv quoting, so we read with it). */
#include "csvtable.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	char *f = malloc(len + 1);
	if (!f) {
		l->oom = 1;
		return;
	}
	memcpy(f, s, len);
	f[len] = '\0';
	l->cur[l->ncur++] = f;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct loader *l = data;
	struct csv_table *t = l->t;
	char **row = l->cur;
	size_t n = l->ncur;
	l->cur = NULL, l->ncur = l->capcur = 0;
	if (!t->header) {
		t->header = row, t->ncols = n;
		return;
	}
	if (n == 1 && row[0][0] == '\0' && t->ncols > 1) { /* blank line */
		free(row[0]), free(row);
		return;
	}
	if (n < t->ncols) { /* pad: a missing trailing cell is an absent value */
		char **p = xrealloc(row, t->ncols * sizeof(*p), &l->oom);
		if (!p)
			return;
		row = p;
		while (n < t->ncols)
			row[n++] = calloc(1, 1);
	}
	while (n > t->ncols) /* cells beyond the header have no name: drop them */
		free(row[--n]);
	if (t->nrows == l->caprows) {
		size_t cap = l->caprows ? 2 * l->caprows : 256;
		char ***r = xrealloc(t->rows, cap * sizeof(*r), &l->oom);
		if (!r)
			return;
		t->rows = r, l->caprows = cap;
	}
	t->rows[t->nrows++] = row;
}

int csv_table_load(const char *path, struct csv_table *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct csv_parser p;
	csv_init(&p, 0);
	struct loader l = { .t = t };
	char buf[65536];
	size_t n;
	int bad = 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_row, &l) != n) {
			bad = 1;
			break;
		}
	}
	if (!bad && csv_fini(&p, on_field, on_row, &l) != 0)
		bad = 1;
	int ioerr = ferror(f);
	fclose(f);
	t->path = strdup(path);
	if (bad || ioerr || l.oom) {
		snprintf(err, errlen, "%s: %s", path,
			 ioerr ? "read error" : l.oom ? "out of memory" : csv_strerror(csv_error(&p)));
		csv_free(&p);
		free(l.cur);
		csv_table_free(t);
		return -1;
	}
	csv_free(&p);
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
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	if (t->header)
		for (size_t j = 0; j < t->ncols; j++)
			free(t->header[j]);
	free(t->header);
	free(t->rows);
	free(t->path);
	memset(t, 0, sizeof(*t));
}
