/* Console output with "\n" → "\r\n" for serial terminals; silent until a backend is set. */
#include "console.h"
#include "lib.h"

static const struct console_ops *console;

void console_set(const struct console_ops *ops)
{
	console = ops;
}

void console_write(const char *s, size_t n)
{
	if (!console)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			console->putc('\r');
		console->putc(s[i]);
	}
}

void console_puts(const char *s)
{
	console_write(s, strlen(s));
}

bool console_can_read(void)
{
	return console && console->getc;
}

int console_getc(void)
{
	return console_can_read() ? console->getc() : -1;
}
