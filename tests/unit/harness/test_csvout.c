/* csv_write_row: every cell reads back from libcsv exactly as written. */
#include <criterion/criterion.h>
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"

struct got {
	char *cell[16];
	int n, rows;
};

static void on_field(void *data, size_t len, void *ctx)
{
	struct got *g = ctx;
	if (g->n < 16)
		g->cell[g->n] = strndup(data ? data : "", len);
	g->n++;
}

static void on_row(int c, void *ctx)
{
	(void)c;
	((struct got *)ctx)->rows++;
}

/* Writes one row of CELLS and asserts libcsv reads it back cell for cell; returns its text. */
static char *write_and_read_back(const char *const *cells, int n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	csv_write_row(f, cells, n);
	fclose(f);

	struct csv_parser p;
	struct got g = { 0 };
	csv_init(&p, CSV_STRICT);
	cr_assert_eq(csv_parse(&p, text, len, on_field, on_row, &g), len, "%.200s", text);
	csv_fini(&p, on_field, on_row, &g);
	csv_free(&p);
	cr_assert_eq(g.rows, 1, "%.200s", text);
	cr_assert_eq(g.n, n, "%.200s", text);
	for (int i = 0; i < n; i++)
		cr_expect_str_eq(g.cell[i], cells[i], "cell %d in %.200s", i, text);
	return text;
}

Test(csvout, cells_read_back_exactly)
{
	const char *cells[] = { "plain", " lead", "trail ", "\ttab", "tab\t", " ", "a,b",
				"say \"hi\"", "two\nlines", "crlf\r\nx", "", "x y" };
	int n = sizeof(cells) / sizeof(cells[0]);
	char *text = write_and_read_back(cells, n);
	cr_expect(strstr(text, "plain,") == text, "ordinary cells stay unquoted: %s", text);
	cr_expect(strstr(text, ",x y\n"), "inner spaces need no quotes: %s", text);
}

/* Rows are put together in a 4 KiB buffer: cells that do not fit in what is left of it, or in
 * the whole of it, quoted or not, still read back exactly and in order. */
Test(csvout, cells_longer_than_the_row_buffer_read_back_exactly)
{
	static char plain[5000], comma[5000], fill[4095], tail[8];
	memset(plain, 'p', sizeof(plain) - 1);
	memset(comma, 'c', sizeof(comma) - 1);
	comma[2500] = ',';
	memset(fill, 'f', sizeof(fill) - 1); /* after "a,": the buffer full to its last byte */
	strcpy(tail, "end");
	const char *cells[] = { "a", fill, tail, plain, "b", comma, " lead", plain, fill, fill };
	char *text = write_and_read_back(cells, sizeof(cells) / sizeof(cells[0]));
	cr_expect(strncmp(text, "a,fff", 5) == 0, "plain cells stay unquoted");
}
