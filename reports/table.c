/* Table model and its renderers. */
#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, const char *align)
{
	memset(t, 0, sizeof(*t));
	t->ncols = strlen(align);
	if (t->ncols >= sizeof(t->align))
		t->ncols = sizeof(t->align) - 1;
	memcpy(t->align, align, t->ncols);
}

void table_cell(struct table *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	t->cells = realloc(t->cells, (t->ncells + 1) * sizeof(*t->cells));
	t->cells[t->ncells++] = (struct cell){ s, 0 };
}

void table_emph_last(struct table *t)
{
	if (t->ncells)
		t->cells[t->ncells - 1].emph = 1;
}

size_t table_rows(const struct table *t)
{
	return t->ncols ? (t->ncells + t->ncols - 1) / t->ncols - 1 : 0;
}

static const struct cell *cell_at(const struct table *t, size_t row, size_t col)
{
	size_t i = row * t->ncols + col;
	return i < t->ncells ? &t->cells[i] : NULL;
}

const char *table_at(const struct table *t, size_t row, size_t col)
{
	const struct cell *c = cell_at(t, row, col);
	return c ? c->text : "";
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i].text);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

void html_text(struct strbuf *out, const char *s)
{
	int code = 0;
	for (; *s; s++) {
		switch (*s) {
		case '<': sb_puts(out, "&lt;"); break;
		case '>': sb_puts(out, "&gt;"); break;
		case '&': sb_puts(out, "&amp;"); break;
		case '"': sb_puts(out, "&quot;"); break;
		case '`': sb_puts(out, code ? "</code>" : "<code>"), code = !code; break;
		default: sb_printf(out, "%c", *s);
		}
	}
	if (code)
		sb_puts(out, "</code>");
}

void table_html(const struct table *t, const char *css_class, struct strbuf *out)
{
	sb_printf(out, "<table class=\"%s\">\n", css_class);
	for (size_t r = 0; r <= table_rows(t); r++) {
		sb_puts(out, r == 0 ? "<thead><tr>" : "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cell *x = cell_at(t, r, c);
			const char *tag = r == 0 ? "th" : "td";
			sb_printf(out, "<%s%s>%s", tag, t->align[c] == 'r' ? " class=\"num\"" : "",
				  x && x->emph ? "<b>" : "");
			html_text(out, x ? x->text : "");
			sb_printf(out, "%s</%s>", x && x->emph ? "</b>" : "", tag);
		}
		sb_puts(out, r == 0 ? "</tr></thead>\n" : "</tr>\n");
	}
	sb_puts(out, "</table>\n");
}

/* Display width of a cell: UTF-8 continuation bytes take no column. */
static size_t width(const struct cell *c)
{
	size_t w = 0;
	for (const char *s = c ? c->text : ""; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w + (c && c->emph ? 4 : 0);
}

static void widths(const struct table *t, size_t *w)
{
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = 3;
		for (size_t r = 0; r <= table_rows(t); r++) {
			size_t x = width(cell_at(t, r, c));
			w[c] = x > w[c] ? x : w[c];
		}
	}
}

static void padded(struct strbuf *out, const struct cell *x, size_t w, char align, int md)
{
	size_t pad = w - width(x) + (x && x->emph && !md ? 4 : 0); /* text mode: no markers */
	const char *em = x && x->emph && md ? "**" : "";
	if (align == 'r')
		sb_printf(out, "%*s", (int)pad, "");
	sb_printf(out, "%s%s%s", em, x ? x->text : "", em);
	if (align != 'r')
		sb_printf(out, "%*s", (int)pad, "");
}

/* Pipe table padded to fixed width, so it also reads as plain text in a mail. */
void table_markdown(const struct table *t, struct strbuf *out)
{
	size_t w[16];
	widths(t, w);
	for (size_t r = 0; r <= table_rows(t); r++) {
		sb_puts(out, "|");
		for (size_t c = 0; c < t->ncols; c++) {
			sb_puts(out, " ");
			padded(out, cell_at(t, r, c), w[c], t->align[c], 1);
			sb_puts(out, " |");
		}
		sb_puts(out, "\n");
		if (r == 0) {
			sb_puts(out, "|");
			for (size_t c = 0; c < t->ncols; c++) {
				sb_puts(out, " ");
				for (size_t k = 0; k < w[c]; k++)
					sb_puts(out, k + 1 == w[c] && t->align[c] == 'r' ? ":" : "-");
				sb_puts(out, " |");
			}
			sb_puts(out, "\n");
		}
	}
}

void table_text(const struct table *t, FILE *f)
{
	size_t w[16];
	widths(t, w);
	struct strbuf out = { 0 };
	for (size_t r = 0; r <= table_rows(t); r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cell *x = cell_at(t, r, c);
			int last = c + 1 == t->ncols && t->align[c] != 'r'; /* no trailing blanks */
			padded(&out, x, last ? width(x) - (x && x->emph ? 4 : 0) : w[c], t->align[c], 0);
			sb_puts(&out, c + 1 < t->ncols ? "  " : "\n");
		}
	}
	fputs(sb_str(&out), f);
	sb_free(&out);
}
