#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void vmessage(const char *fmt, va_list ap)
{
	fputs("s2bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return 1;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

int cli_parse_count(const char *s, unsigned *out, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v == 0 || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}
