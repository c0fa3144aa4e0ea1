/* The line reader: leading NULs are noise, a cut line can never pass for a record. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "../../../core/crc32.h"
#include "fake_board.h"
#include "linebuf.h"
#include "protocol.h"

struct got {
	int n;
	enum line_class last;
	size_t last_len;
};

static void on_line(void *ctx, char *line, size_t len)
{
	struct got *g = ctx;
	struct record rec;
	g->n++;
	g->last_len = len;
	g->last = proto_parse_line(line, len, &rec);
}

Test(linebuf, nul_bytes_before_a_record_do_not_hide_it)
{
	static struct linebuf lb;
	struct got g = { 0 };
	char line[256];
	fake_record(line, sizeof(line), "metric boot=0 key=x value=1");
	linebuf_feed(&lb, "\0\0", 2, on_line, &g); /* NULs in one read, the record in the next */
	linebuf_feed(&lb, line, strlen(line), on_line, &g);
	linebuf_feed(&lb, "\r\n", 2, on_line, &g);
	cr_expect_eq(g.n, 1);
	cr_expect_eq(g.last, LINE_RECORD);
}

Test(linebuf, nul_after_noise_is_not_a_line_start)
{
	static struct linebuf lb;
	struct got g = { 0 };
	char line[256], buf[300];
	fake_record(line, sizeof(line), "metric boot=0 key=x value=1");
	size_t n = (size_t)snprintf(buf, sizeof(buf), "x%c%s\n", '\0', line);
	buf[1] = '\0';
	linebuf_feed(&lb, buf, n, on_line, &g);
	cr_expect_eq(g.last, LINE_NOISE, "a record starts at column 0");
}

/* The first LINEBUF_MAX-1 bytes form a valid record; the line goes on. */
Test(linebuf, cut_line_with_a_valid_prefix_is_not_a_record)
{
	static struct linebuf lb;
	static char body[LINEBUF_MAX], line[sizeof(body) + 16];
	struct got g = { 0 };
	int pad = LINEBUF_MAX - 1 - (int)strlen("@s2b metric boot=0 key=x value=1 p=") - 10;
	int n = snprintf(body, sizeof(body), "@s2b metric boot=0 key=x value=1 p=%0*d", pad, 0);
	snprintf(line, sizeof(line), "%s *%08x", body, crc32_update(0, body, (size_t)n));
	cr_assert_eq(strlen(line), LINEBUF_MAX - 1);
	linebuf_feed(&lb, line, strlen(line), on_line, &g);
	linebuf_feed(&lb, "\r\r\r\r more\n", 11, on_line, &g);
	cr_expect_eq(g.n, 1);
	cr_expect_neq(g.last, LINE_RECORD);
	cr_expect_eq(g.last_len, LINEBUF_MAX - 1);
}
