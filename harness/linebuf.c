#include "linebuf.h"

#include <string.h>

static void deliver(struct linebuf *lb, line_fn fn, void *ctx)
{
	if (lb->overflow)
		lb->buf[lb->len - 1] = LINEBUF_CUT_MARK;
	lb->buf[lb->len] = '\0';
	fn(ctx, lb->buf, lb->len);
	lb->len = 0;
	lb->overflow = 0;
	lb->started = 0;
}

void linebuf_feed(struct linebuf *lb, const char *data, size_t len, line_fn fn, void *ctx)
{
	while (len) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) : len;
		const char *p = data;

		while (!lb->started && p < data + n && *p == '\0') /* leading NULs: noise */
			p++;
		if (p < data + n)
			lb->started = 1;
		size_t rest = n - (size_t)(p - data);
		size_t room = sizeof(lb->buf) - 1 - lb->len;
		if (!lb->overflow) {
			size_t take = rest < room ? rest : room;
			memcpy(lb->buf + lb->len, p, take);
			lb->len += take;
			lb->overflow = take < rest;
		}
		if (!nl)
			return;
		deliver(lb, fn, ctx);
		data = nl + 1;
		len -= n + 1;
	}
}

void linebuf_finish(struct linebuf *lb, line_fn fn, void *ctx)
{
	if (lb->len)
		deliver(lb, fn, ctx);
	lb->len = 0;
	lb->overflow = 0;
	lb->started = 0;
}
