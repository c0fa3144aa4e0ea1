/* Row-by-row CSV reading (reports/csvstream.c): records cut by the 1 MiB chunk boundary, inside a
 * quoted cell or longer than a chunk, are seen whole, once, and the same as a whole-file load. */
#include "csvstream.h"
#include "csvtable.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static void write_text(const char *text, size_t len)
{
	strcpy(path, "/tmp/s2b-csvstream-XXXXXX");
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
}

struct seen {
	size_t rows;
	unsigned long sum;      /* of column n */
	size_t longest;         /* cell of column text */
	int quoted_newline_ok;  /* the "a\nb" cell came through with its newline */
};

static int on_row(const struct csv_row *r, void *ctx)
{
	struct seen *s = ctx;
	cr_assert_eq(r->ncols, 2);
	cr_assert_eq(r->row, s->rows, "rows are numbered in order");
	s->sum += strtoul(r->cells[0], NULL, 10);
	size_t len = strlen(r->cells[1]);
	if (len > s->longest)
		s->longest = len;
	if (strcmp(r->cells[1], "a\nb, \"q\"") == 0)
		s->quoted_newline_ok++;
	s->rows++;
	return 0;
}

static const struct csv_stream_cb cb = { NULL, on_row };

/* N rows "i,text" whose quoted cells make rows straddle every chunk boundary at some offset, then
 * one 3 MiB cell (longer than a chunk). */
static char *make_text(size_t n, size_t *len, unsigned long *sum)
{
	size_t cap = 3u << 21, at = 0;
	char *t = malloc(cap + 64 * n + 64);
	at += sprintf(t, "n,text\n");
	*sum = 0;
	for (size_t i = 0; i < n; i++) {
		at += sprintf(t + at, "%zu,\"a\nb, \"\"q\"\"\"%s\n", i, i % 7 ? "" : "\r");
		*sum += i;
	}
	at += sprintf(t + at, "%zu,", n);
	*sum += n;
	memset(t + at, 'x', 3u << 20);
	at += 3u << 20;
	t[at++] = '\n';
	*len = at;
	return t;
}

Test(csvstream, rows_across_chunk_boundaries_are_whole_and_once)
{
	size_t len;
	unsigned long sum;
	size_t n = 200000; /* ~4 MB of rows: several chunk boundaries */
	char *t = make_text(n, &len, &sum);
	write_text(t, len);
	free(t);
	struct seen s = { 0 };
	char err[256];
	cr_assert_eq(csv_stream(path, &cb, &s, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(s.rows, n + 1);
	cr_assert_eq(s.sum, sum, "every row once");
	cr_assert_eq(s.quoted_newline_ok, (int)n, "quoted newlines and quotes kept");
	cr_assert_eq(s.longest, 3u << 20, "a cell longer than a chunk is whole");
	unlink(path);
}

Test(csvstream, table_load_matches_stream)
{
	const char *text = "a,b,c\n1,\"x,y\",3\n\n4\r\n5,6,7,8\n9,10,11";
	write_text(text, strlen(text));
	struct csv_table t;
	char err[256];
	cr_assert_eq(csv_table_load(path, &t, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(t.nrows, 4, "blank line skipped, unterminated last row kept");
	cr_assert_str_eq(t.rows[0][1], "x,y");
	cr_assert_str_eq(t.rows[1][0], "4");
	cr_assert_str_eq(t.rows[1][2], "", "short row padded");
	cr_assert_str_eq(t.rows[2][2], "7", "cells beyond the header dropped");
	cr_assert_str_eq(t.rows[3][2], "11");
	csv_table_free(&t);
	unlink(path);
}

static int stop_at_second(const struct csv_row *r, void *ctx)
{
	(void)ctx;
	(void)r;
	return r->row == 1 ? -1 : 0;
}

Test(csvstream, callback_stops_and_empty_file_is_an_error)
{
	write_text("a\n1\n2\n3\n", 8);
	char err[256] = "";
	const struct csv_stream_cb stop = { NULL, stop_at_second };
	cr_assert_eq(csv_stream(path, &stop, NULL, err, sizeof(err)), -1);
	unlink(path);
	write_text("", 0);
	cr_assert_eq(csv_stream(path, &cb, NULL, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "empty file"), "%s", err);
	cr_assert_null(strchr(err, '\n'));
	unlink(path);
	cr_assert_eq(csv_stream("/nonexistent/x.csv", &cb, NULL, err, sizeof(err)), -1);
	cr_assert_not_null(strstr(err, "/nonexistent/x.csv"), "%s", err);
}
