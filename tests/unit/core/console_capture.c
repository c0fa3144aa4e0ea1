/* See console_capture.h. */
#include "console_capture.h"
#include "console.h"

char console_out[16384];
size_t console_out_len;

static void capture(char c)
{
	if (console_out_len + 1 < sizeof(console_out))
		console_out[console_out_len++] = c;
	console_out[console_out_len] = 0;
}

static const struct console_ops capture_ops = {.putc = capture};

void capture_console(void)
{
	console_out_len = 0;
	console_out[0] = 0;
	console_set(&capture_ops);
}
