/* See guest_console.h. Used by the S2B_WRITE call (hypercall.c) and the emulated PL011 (vuart.c). */
#include "guest_console.h"
#include "console.h"

static const char *flush_line(struct boot_ctx *b)
{
	b->line[b->line_len] = 0;
	console_write(GUEST_CONSOLE_PREFIX, sizeof(GUEST_CONSOLE_PREFIX) - 1);
	console_write(b->line, b->line_len);
	console_write("\n", 1);
	b->line_len = 0;
	return b->line;
}

const char *guest_console_putc(struct boot_ctx *b, char c)
{
	if (c == '\n')
		return flush_line(b);
	if (c == '\r')
		return NULL;
	if (c == '\t')
		c = ' ';
	b->line[b->line_len++] = (c >= ' ' && c <= '~') ? c : '?';
	/* A too-long line is cut: its rest continues behind a new prefix (room kept for the NUL). */
	if (b->line_len == sizeof(b->line) - 1)
		return flush_line(b);
	return NULL;
}
