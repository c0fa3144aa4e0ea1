/* core/console backend for s2vmm: stdout, line-buffered, so records and relayed guest lines leave
 * whole even when stdout is a pipe the harness reads. */
#include <stdio.h>
#include "console_stdout.h"
#include "../core/console.h"

static void stdout_putc(char c)
{
	putchar(c);
}

static const struct console_ops stdout_console = {.putc = stdout_putc};

void console_stdout_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	console_set(&stdout_console);
}
