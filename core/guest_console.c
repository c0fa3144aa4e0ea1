/* See guest_console.h. */
#include "guest_console.h"
#include "console.h"

static const char *flush_line(struct guest_line *l)
{
	l->buf[l->len] = 0;
	console_write(GUEST_CONSOLE_PREFIX, sizeof(GUEST_CONSOLE_PREFIX) - 1);
	console_write(l->buf, l->len);
	console_write("\n", 1);
	l->len = 0;
	return l->buf;
}

const char *guest_console_putc(struct guest_line *l, char c)
{
	if (c == '\n')
		return flush_line(l);
	if (c == '\r')
		return NULL;
	if (c == '\t')
		c = ' ';
	l->buf[l->len++] = (c >= ' ' && c <= '~') ? c : '?';
	/* A too-long line is cut: its rest continues behind a new prefix (room kept for the NUL). */
	if (l->len == sizeof(l->buf) - 1)
		return flush_line(l);
	return NULL;
}

void guest_console_write_packed(struct guest_line *l, const u64 x[6])
{
	u64 n = MIN(x[1], 32);

	for (u64 i = 0; i < n; i++)
		guest_console_putc(l, (char)(x[2 + i / 8] >> (8 * (i % 8))));
}

void guest_console_flush(struct guest_line *l)
{
	if (l->len)
		flush_line(l);
}
