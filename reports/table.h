/* A table built once and rendered three ways: HTML (page), Markdown (mail), aligned text
 * (terminal, for compare). Cells are appended left to right; rows wrap every ncols cells. */
#ifndef S2B_REPORTS_TABLE_H
#define S2B_REPORTS_TABLE_H

#include "fmt.h"

#include <stdio.h>

struct cell {
	char *text;
	int emph; /* the winner of its row: bold in HTML and Markdown */
};

struct table {
	size_t ncols, ncells;
	struct cell *cells; /* first ncols cells are the header */
	char align[16];     /* 'l' or 'r' per column */
};

void table_init(struct table *t, const char *align); /* one align letter per column */
void table_cell(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void table_emph_last(struct table *t);
size_t table_rows(const struct table *t); /* data rows, header excluded */
const char *table_at(const struct table *t, size_t row, size_t col); /* row 0 = header */
void table_free(struct table *t);

void table_html(const struct table *t, const char *css_class, struct strbuf *out);
void table_markdown(const struct table *t, struct strbuf *out);
void table_text(const struct table *t, FILE *out);

/* HTML-escapes S into OUT, turning `code` spans into <code>. */
void html_text(struct strbuf *out, const char *s);

#endif
