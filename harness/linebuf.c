#include "linebuf.h"

#include <string.h>

void linebuf_feed(struct linebuf *lb, const char *data, size_t len, line_fn fn, void *ctx)
{
	while (len) {
		const char *nl = memchr(data, '\n', len);
		size_t n = nl ? (size_t)(nl - data) : len;
		size_t room = sizeof(lb->buf) - 1 - lb->len;

		if (!lb->overflow) {
			size_t take = n < room ? n : room;
			memcpy(lb->buf + lb->len, data, take);
			lb->len += take;
			lb->overflow = take < n;
		}
		if (!nl)
			return;
		lb->buf[lb->len] = '\0';
		fn(ctx, lb->buf, lb->len);
		lb->len = 0;
		lb->overflow = 0;
		data = nl + 1;
		len -= n + 1;
	}
}

void linebuf_finish(struct linebuf *lb, line_fn fn, void *ctx)
{
	if (lb->len) {
		lb->buf[lb->len] = '\0';
		fn(ctx, lb->buf, lb->len);
	}
	lb->len = 0;
	lb->overflow = 0;
}
