/* The shared CSV reader (harness/csvsplit.c) that the store's repair and reports/ both use: the
 * records tile the input, a quoted newline stays inside its record, blank lines and CRLF belong
 * to the record before them, and a tail without an end is reported as such. */
#include <criterion/criterion.h>
#include <csv.h>
#include <string.h>

#include "csvsplit.h"

struct seen {
	struct csv_record rec[16];
	int nfields[16];
	int n, fields;
	int stop_at; /* 1-based record whose callback stops the split; 0: never */
};

static void field(void *s, size_t len, void *ctx)
{
	(void)s, (void)len;
	((struct seen *)ctx)->fields++;
}

static int record(const struct csv_record *r, void *ctx)
{
	struct seen *w = ctx;
	w->nfields[w->n] = w->fields;
	w->rec[w->n++] = *r;
	w->fields = 0;
	return w->n == w->stop_at;
}

static const struct csv_split_cb cb = { field, record };

static int split(const char *s, unsigned char opt, struct seen *w, int *err, unsigned *line)
{
	return csv_split(s, strlen(s), opt, &cb, w, err, line);
}

Test(csvsplit, records_tile_the_input_with_their_lines)
{
	const char *s = "a,b\r\n\n\"x\ny\",2\nlast,1";
	struct seen w = { 0 };
	int err;
	unsigned line;
	cr_assert_eq(split(s, CSV_STRICT, &w, &err, &line), 0);
	cr_assert_eq(w.n, 3);
	size_t off = 0;
	for (int i = 0; i < w.n; i++) {
		cr_expect_eq(w.rec[i].off, off);
		off += w.rec[i].len;
	}
	cr_expect_eq(off, strlen(s));
	cr_expect_eq(w.rec[0].len, strlen("a,b\r\n\n")); /* CRLF and the blank line */
	cr_expect_eq(w.rec[1].line, 3);
	cr_expect_eq(w.rec[1].len, strlen("\"x\ny\",2\n")); /* the quoted newline is inside */
	cr_expect_eq(w.nfields[1], 2);
	cr_expect_eq(w.rec[2].line, 5);
	cr_expect(w.rec[0].terminated && w.rec[1].terminated && w.rec[0].row && w.rec[1].row);
	cr_expect(!w.rec[2].terminated);
	cr_expect(w.rec[2].row);
	cr_expect_eq(w.nfields[2], 2);
}

Test(csvsplit, a_tail_without_a_field_is_not_a_row)
{
	struct seen w = { 0 };
	int err;
	unsigned line;
	cr_assert_eq(split("a\n   ", 0, &w, &err, &line), 0);
	cr_assert_eq(w.n, 2);
	cr_expect(!w.rec[1].terminated);
	cr_expect(!w.rec[1].row);
}

Test(csvsplit, strict_errors_give_the_line)
{
	struct seen w = { 0 };
	int err;
	unsigned line;
	cr_assert_eq(split("a,b\n\"x\"y,1\n", CSV_STRICT, &w, &err, &line), -1);
	cr_expect_eq(err, CSV_EPARSE);
	cr_expect_eq(line, 2);
	cr_expect_eq(w.n, 1);
}

Test(csvsplit, the_record_callback_stops_the_split)
{
	struct seen w = { .stop_at = 1 };
	int err;
	unsigned line;
	cr_assert_eq(split("a\nb\nc\n", 0, &w, &err, &line), 1);
	cr_expect_eq(w.n, 1);
}
